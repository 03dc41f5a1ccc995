//! reStructuredText "simple tables", which markdown does not know:
//!
//! ```text
//! =================  ==============  ==========
//! Who is waiting     Waiting on      Needed by
//! =================  ==============  ==========
//! Field service      Cloud Platform  2026-11-30
//! =================  ==============  ==========
//! ```
//!
//! Columns are the runs of `=` in the border; each row becomes a table-row block with
//! its line, like a markdown table row.

use crate::document::{Block, BlockKind};

/// Column byte ranges from a border line, or None when the line is not a border.
fn columns(line: &str) -> Option<Vec<(usize, usize)>> {
    let t = line.trim_end();
    if t.len() < 3 || !t.starts_with('=') || !t.chars().all(|c| c == '=' || c == ' ') || !t.contains(' ') {
        return None;
    }
    let mut cols = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices() {
        match (c, start) {
            ('=', None) => start = Some(i),
            (' ', Some(s)) => {
                cols.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        cols.push((s, t.len()));
    }
    (cols.len() >= 2).then_some(cols)
}

/// Cell texts of a row: each column's slice, the last one running to the line's end.
fn cells(line: &str, cols: &[(usize, usize)]) -> Vec<String> {
    let n = cols.len();
    (0..n)
        .map(|i| {
            let start = floor(line, cols[i].0);
            let end = if i + 1 == n { line.len() } else { floor(line, cols[i + 1].0) };
            line.get(start..end.max(start)).unwrap_or("").trim().to_string()
        })
        .collect()
}

/// The largest char boundary at or before `i` (columns are counted in bytes of `=`).
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Table-row blocks for every simple table in `text`; `first_line` is the 1-based line
/// of `text`'s first line. Returns the blocks and the line ranges they cover.
pub fn simple_tables(text: &str, first_line: usize) -> (Vec<Block>, Vec<(usize, usize)>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut covered = Vec::new();
    let mut i = 0;
    while i + 2 < lines.len() {
        let (Some(cols), Some(_)) = (columns(lines[i]), columns(lines[i + 2])) else {
            i += 1;
            continue;
        };
        let header = cells(lines[i + 1], &cols);
        let mut j = i + 3;
        while j < lines.len() && columns(lines[j]).is_none() && !lines[j].trim().is_empty() {
            let row = cells(lines[j], &cols);
            let line = first_line + j;
            let text = row.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(" | ");
            let kind = BlockKind::TableRow { header: header.clone(), cells: row };
            blocks.push(Block { kind, line, text, section: 0, bold_lead: false, line_map: vec![(0, line)], context: None, quoted: false });
            j += 1;
        }
        covered.push((first_line + i, first_line + j.min(lines.len() - 1)));
        i = j + 1;
    }
    (blocks, covered)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_a_simple_table() {
        let t = "Deps\n\n====  ========  =====\nWho   On        Due\n====  ========  =====\nOps   Cloud P   12-01\nQA    Kestrel   —\n====  ========  =====\n";
        let (blocks, covered) = super::simple_tables(t, 1);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].line, 6);
        assert_eq!(blocks[0].text, "Ops | Cloud P | 12-01");
        assert_eq!(covered, [(3, 8)]);
    }
}
