//! Markdown → sections and blocks with line numbers, via pulldown-cmark's offset
//! iterator. Blocks hold plain text (links reduced to their text, code spans kept, HTML
//! tags stripped) plus a map back to source lines, so any sentence can be cited.

use crate::document::{Block, BlockKind, Section};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

struct Open {
    context: Option<String>,
    kind: BlockKind,
    start: usize,
    text: String,
    line_map: Vec<(usize, usize)>,
    bold_lead: bool,
}

enum Frame {
    Unit(Open),
    /// A paragraph folded into the list item that holds it.
    Merged,
}

/// Parser state: everything being built while events stream past.
struct Walk<'a> {
    line_of: &'a dyn Fn(usize) -> usize,
    sections: Vec<Section>,
    heading_stack: Vec<(u8, usize)>,
    current: usize,
    frames: Vec<Frame>,
    lists: Vec<Option<u64>>,
    header: Vec<String>,
    row: Vec<String>,
    code_depth: usize,
    /// The paragraph ending in ':' that introduces the current top-level list.
    list_intro: Option<String>,
    /// Open blockquotes, `<blockquote>` and `<details>` elements.
    quote_depth: usize,
    /// Inside an HTML comment that spans lines.
    in_comment: bool,
    blocks: Vec<Block>,
}

/// Parses `body` (which starts at byte `base` of the file) into sections and blocks.
pub fn parse(body: &str, base: usize, line_of: &dyn Fn(usize) -> usize) -> (Vec<Section>, Vec<Block>) {
    let root = Section { heading: String::new(), level: 0, line: 0, parent: None };
    let mut w = Walk {
        line_of,
        sections: vec![root],
        heading_stack: Vec::new(),
        current: 0,
        frames: Vec::new(),
        lists: Vec::new(),
        header: Vec::new(),
        row: Vec::new(),
        code_depth: 0,
        list_intro: None,
        quote_depth: 0,
        in_comment: false,
        blocks: Vec::new(),
    };
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        w.event(event, base + range.start);
    }
    w.blocks.sort_by_key(|b| b.line);
    if !w.blocks.iter().any(|b| matches!(b.kind, BlockKind::Heading(_))) {
        promote_plain_headings(&mut w.sections, &mut w.blocks);
    }
    (w.sections, w.blocks)
}

/// Plain-text documents (emails, memos) mark sections with a short line of its own —
/// "Summary", "Decisions", "Asks". In a document with no markdown headings, such a
/// paragraph becomes a level-2 heading and governs the blocks after it.
fn promote_plain_headings(sections: &mut Vec<Section>, blocks: &mut [Block]) {
    let mut current = 0;
    for b in blocks.iter_mut() {
        let words = b.text.split_whitespace().count();
        let looks_like_heading = b.kind == BlockKind::Paragraph
            && b.line_map.len() <= 1
            && (1..=6).contains(&words)
            && !b.text.ends_with(['.', '!', '?', ',', ';'])
            && b.text.chars().next().is_some_and(|c| c.is_uppercase());
        if looks_like_heading {
            sections.push(Section { heading: b.text.trim_end_matches(':').to_string(), level: 2, line: b.line, parent: None });
            current = sections.len() - 1;
            b.kind = BlockKind::Heading(2);
        }
        b.section = current;
    }
}

impl Walk<'_> {
    fn open(&mut self, kind: BlockKind, at: usize) {
        let context = match kind {
            BlockKind::ListItem { .. } => self
                .frames
                .iter()
                .rev()
                .find_map(|f| match f {
                    Frame::Unit(o) if matches!(o.kind, BlockKind::ListItem { .. }) => {
                        Some(o.text.split_whitespace().collect::<Vec<_>>().join(" "))
                    }
                    _ => None,
                })
                .or_else(|| self.list_intro.clone()),
            _ => None,
        };
        self.frames.push(Frame::Unit(Open { context, kind, start: at, text: String::new(), line_map: Vec::new(), bold_lead: false }));
    }

    fn top(&mut self) -> Option<&mut Open> {
        self.frames.iter_mut().rev().find_map(|f| match f {
            Frame::Unit(o) => Some(o),
            Frame::Merged => None,
        })
    }

    fn append(&mut self, s: &str, at: usize) {
        let line = (self.line_of)(at);
        if let Some(o) = self.top() {
            if o.line_map.last().is_none_or(|&(_, l)| l != line) {
                o.line_map.push((o.text.len(), line));
            }
            o.text.push_str(s);
        }
    }

    fn close(&mut self) -> Option<Open> {
        match self.frames.pop()? {
            Frame::Unit(o) => Some(o),
            Frame::Merged => None,
        }
    }

    fn emit(&mut self, o: Open) {
        let text = o.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        // Positions in line_map referred to the raw text; rebuild them for the collapsed text.
        let line_map = remap(&o.text, &o.line_map);
        let line = line_map.first().map_or((self.line_of)(o.start), |&(_, l)| l);
        self.blocks.push(Block {
            kind: o.kind,
            line,
            text,
            section: self.current,
            bold_lead: o.bold_lead,
            line_map,
            context: o.context,
            quoted: self.quote_depth > 0,
        });
    }

    fn event(&mut self, event: Event, at: usize) {
        match event {
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) if self.code_depth == 0 => self.append(&t, at),
            Event::SoftBreak | Event::HardBreak => self.append(" ", at),
            Event::Html(t) => {
                self.track_quotes(&t);
                // An HTML comment is invisible when rendered (template guidance in KEPs,
                // notes to editors): none of its lines is document text.
                let visible = self.outside_comment(&t);
                let s = strip_tags(&visible);
                self.append(&s, at);
                self.append(" ", at);
            }
            Event::InlineHtml(_) => self.append(" ", at),
            _ => {}
        }
    }

    /// The part of a raw HTML line outside `<!-- … -->` comments, which may span lines.
    fn outside_comment(&mut self, html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        loop {
            if self.in_comment {
                match rest.find("-->") {
                    Some(i) => {
                        self.in_comment = false;
                        rest = &rest[i + 3..];
                    }
                    None => return out,
                }
            } else {
                match rest.find("<!--") {
                    Some(i) => {
                        out.push_str(&rest[..i]);
                        self.in_comment = true;
                        rest = &rest[i + 4..];
                    }
                    None => {
                        out.push_str(rest);
                        return out;
                    }
                }
            }
        }
    }

    /// Follows `<blockquote>`/`<details>` opening and closing tags in raw HTML.
    fn track_quotes(&mut self, html: &str) {
        let lower = html.to_ascii_lowercase();
        let opens = lower.matches("<blockquote").count() + lower.matches("<details").count();
        let closes = lower.matches("</blockquote").count() + lower.matches("</details").count();
        self.quote_depth = (self.quote_depth + opens).saturating_sub(closes);
    }

    fn start(&mut self, tag: Tag, at: usize) {
        match tag {
            Tag::Heading { level, .. } => self.open(BlockKind::Heading(level as u8), at),
            Tag::Paragraph => {
                let in_empty_item = matches!(self.frames.last(), Some(Frame::Unit(o)) if matches!(o.kind, BlockKind::ListItem { .. }) && o.text.trim().is_empty());
                if in_empty_item {
                    self.frames.push(Frame::Merged);
                } else {
                    self.open(BlockKind::Paragraph, at);
                }
            }
            Tag::List(first) => {
                // A top-level list introduced by "Priorities this week:" belongs to that line.
                if self.lists.is_empty() {
                    self.list_intro =
                        self.blocks.last().filter(|b| b.kind == BlockKind::Paragraph && b.text.ends_with(':')).map(|b| b.text.clone());
                }
                self.lists.push(first)
            }
            Tag::Item => {
                let depth = self.lists.len();
                let ordinal = self.lists.last_mut().and_then(|n| {
                    let cur = *n;
                    *n = n.map(|v| v + 1);
                    cur
                });
                self.open(BlockKind::ListItem { ordinal, depth }, at);
            }
            Tag::TableHead | Tag::TableRow => {
                self.row.clear();
                self.open(BlockKind::Html, at);
            }
            Tag::TableCell => self.open(BlockKind::Paragraph, at),
            Tag::HtmlBlock => self.open(BlockKind::Html, at),
            Tag::CodeBlock(_) => self.code_depth += 1,
            Tag::BlockQuote(_) => self.quote_depth += 1,
            Tag::Strong => {
                if let Some(o) = self.top()
                    && o.text.trim().is_empty()
                {
                    o.bold_lead = true;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(level) => {
                if let Some(o) = self.close() {
                    self.heading(o, level as u8);
                }
            }
            TagEnd::Paragraph | TagEnd::Item | TagEnd::HtmlBlock => {
                if let Some(o) = self.close() {
                    self.emit(o);
                }
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::TableCell => {
                if let Some(o) = self.close() {
                    self.row.push(o.text.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            TagEnd::TableHead => {
                self.header = std::mem::take(&mut self.row);
                self.frames.pop();
            }
            TagEnd::TableRow => self.end_row(),
            TagEnd::CodeBlock => self.code_depth = self.code_depth.saturating_sub(1),
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            _ => {}
        }
    }

    fn end_row(&mut self) {
        let Some(Frame::Unit(marker)) = self.frames.pop() else {
            return;
        };
        let cells = std::mem::take(&mut self.row);
        let text = cells.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(" | ");
        let line = (self.line_of)(marker.start);
        if !text.is_empty() {
            let kind = BlockKind::TableRow { header: self.header.clone(), cells };
            self.blocks.push(Block {
                kind,
                line,
                text,
                section: self.current,
                bold_lead: false,
                line_map: vec![(0, line)],
                context: None,
                quoted: self.quote_depth > 0,
            });
        }
    }

    fn heading(&mut self, o: Open, level: u8) {
        let text = o.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = (self.line_of)(o.start);
        while self.heading_stack.last().is_some_and(|&(l, _)| l >= level) {
            self.heading_stack.pop();
        }
        let parent = self.heading_stack.last().map(|&(_, i)| i);
        self.sections.push(Section { heading: text.clone(), level, line, parent });
        self.current = self.sections.len() - 1;
        self.heading_stack.push((level, self.current));
        self.blocks.push(Block {
            kind: BlockKind::Heading(level),
            line,
            text,
            section: self.current,
            bold_lead: false,
            line_map: vec![(0, line)],
            context: None,
            quoted: self.quote_depth > 0,
        });
    }
}

/// Maps line-change positions in raw text onto the whitespace-collapsed text.
fn remap(raw: &str, map: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(map.len());
    let mut collapsed = 0;
    let mut prev_space = true;
    let mut next = 0;
    for (i, ch) in raw.char_indices() {
        while next < map.len() && map[next].0 <= i {
            out.push((collapsed, map[next].1));
            next += 1;
        }
        if ch.is_whitespace() {
            if !prev_space {
                collapsed += 1;
                prev_space = true;
            }
        } else {
            collapsed += ch.len_utf8();
            prev_space = false;
        }
    }
    out
}

/// Removes HTML tags and decodes the common entities.
pub fn strip_tags(s: &str) -> String {
    // Only real tag syntax counts: "latency < 60ms" keeps its "<".
    static TAG: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"<(?:[/!]?[A-Za-z][^<>]*|!--[\s\S]*?--)>").expect("regex"));
    TAG.replace_all(s, " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}
