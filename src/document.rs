//! The loaded form of one input file: its text, a line index, front matter, and the
//! markdown broken into blocks that remember the line they start on. Everything after
//! `load` works on `Document`s and never re-reads the file.

use chrono::NaiveDate;
use serde_json::Value;

/// One input document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it (or as found under a folder they gave).
    pub path: String,
    /// Title: front matter, email subject, first heading, else the file stem.
    pub title: String,
    /// Document date: front matter, then file name, then the first dated heading.
    pub date: Option<NaiveDate>,
    /// Author when the document says (front matter `author`, email `From:`).
    pub author: Option<String>,
    /// Front matter as JSON (null when there is none).
    pub meta: Value,
    /// Full text (lossily decoded), including front matter.
    pub text: String,
    /// SHA-256 of the raw bytes, hex.
    pub sha256: String,
    /// Byte offset of the start of each line.
    pub line_starts: Vec<usize>,
    /// Headings in order; `Block::section` indexes into this (0 = before any heading).
    pub sections: Vec<Section>,
    /// Paragraphs, list items, table rows, headings, HTML text, in source order.
    pub blocks: Vec<Block>,
}

/// A heading and the lines it governs.
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: String,
    pub level: u8,
    pub line: usize,
    /// Index of the enclosing section (for nested headings), if any.
    pub parent: Option<usize>,
}

/// What kind of markdown block a `Block` came from.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    /// A list item: `ordinal` is its number in an ordered list, `depth` its nesting.
    ListItem {
        ordinal: Option<u64>,
        depth: usize,
    },
    /// A table row with its cells and the table's header cells.
    TableRow {
        header: Vec<String>,
        cells: Vec<String>,
    },
    /// Text left after stripping tags from an HTML block.
    Html,
}

/// A unit of text with its position.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// 1-based line of the block's first character.
    pub line: usize,
    /// Plain text: markup removed, soft breaks as spaces.
    pub text: String,
    /// Index into `Document::sections` of the governing heading (0 = none).
    pub section: usize,
    /// Whether the block's text was emphasised (bold) at its start.
    pub bold_lead: bool,
    /// (position in `text`, 1-based source line) at each point where the line changes.
    pub line_map: Vec<(usize, usize)>,
    /// For a nested list item, the lead text of the item that holds it.
    pub context: Option<String>,
    /// Inside a blockquote or an HTML `<blockquote>`/`<details>`: supporting detail,
    /// not the document's own list.
    pub quoted: bool,
}

impl Block {
    /// Source line of a byte position inside `text`.
    pub fn line_at(&self, pos: usize) -> usize {
        let i = self.line_map.partition_point(|&(p, _)| p <= pos);
        if i == 0 { self.line } else { self.line_map[i - 1].1 }
    }
}

impl Document {
    /// 1-based line of a byte offset into `text`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text of a 1-based line (without the newline), or None past the end.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// Heading path of a section, outermost first (empty for section 0).
    pub fn heading_path(&self, section: usize) -> Vec<&Section> {
        let mut out = Vec::new();
        let mut cur = Some(section);
        while let Some(i) = cur {
            if i == 0 {
                break;
            }
            out.push(&self.sections[i]);
            cur = self.sections[i].parent;
        }
        out.reverse();
        out
    }
}

/// Byte offsets of line starts.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1).filter(|&i| i < text.len())).collect()
}
