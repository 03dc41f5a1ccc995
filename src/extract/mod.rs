//! Stage 2, extract: turns documents into statements (one per sentence, list item, table
//! row or heading, each with its `file:line`) and statements into typed facts. Facts are
//! what both engines reason over; nothing later goes back to raw text except `verify`.

pub mod cues;
pub mod design;
pub mod labels;
pub mod postmortem;
pub mod update;
pub mod work;

use crate::dates::{self, Mention};
use crate::document::{BlockKind, Document, Section};
use regex::Regex;
use std::sync::LazyLock;

static REFERS_BACK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(it|this|that|them|they|these|those)\b").expect("regex"));
use crate::text;
use crate::topics;
use chrono::NaiveDate;

/// Where a fact came from: document index, line and a short quote of the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Cite {
    pub doc: usize,
    pub line: usize,
    pub quote: String,
}

/// What the section a statement sits in is about, judged from its headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SectionClass {
    pub priority: bool,
    pub noise: bool,
    pub done: bool,
}

/// One citable unit of text with its context.
#[derive(Debug, Clone)]
pub struct Statement {
    pub doc: usize,
    pub line: usize,
    pub text: String,
    /// The whole block's text when the statement is one sentence of it.
    pub block_text: String,
    /// Whether this is the first sentence of its block.
    pub lead: bool,
    pub kind: BlockKind,
    /// Innermost heading, or "" before the first heading.
    pub heading: String,
    pub class: SectionClass,
    pub bold: bool,
    /// Inside a quote or a collapsed details element.
    pub quoted: bool,
    pub terms: Vec<String>,
    pub dates: Vec<Mention>,
    /// What "it"/"this" may refer to: the bold label or previous sentence of the block,
    /// or the item that holds a nested list item.
    pub context: String,
    /// Dates of the next sentence when it refers back ("We need it by Oct 15").
    pub follow_dates: Vec<Mention>,
    /// The next sentence itself, when it refers back ("@dev we need that by Nov 16").
    pub follow_text: String,
    /// The date year-less dates in this statement were read against.
    pub reference: NaiveDate,
}

impl Statement {
    /// The citation for this statement.
    pub fn cite(&self) -> Cite {
        Cite { doc: self.doc, line: self.line, quote: text::quote(&self.text, 220) }
    }
}

/// Splits every document into statements, in document then source order.
pub fn statements(docs: &[Document], reference: NaiveDate) -> Vec<Statement> {
    let mut out = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        let r = doc.date.unwrap_or(reference);
        for block in &doc.blocks {
            let path = doc.heading_path(block.section);
            let mut class = classify(&path);
            // Items under "Top 3 for the quarter:" are a priority list wherever they sit.
            if matches!(block.kind, BlockKind::ListItem { .. })
                && block.context.as_deref().is_some_and(|c| {
                    c.trim_end().ends_with(':') && (cues::PRIORITY_HEADING.is_match(&c.to_lowercase()) || cues::MARKER.is_match(c))
                })
                && !class.noise
            {
                class.priority = true;
            }
            let heading = path.last().map_or(String::new(), |s| s.heading.clone());
            let make = |line: usize, s: &str, lead: bool, context: String| Statement {
                doc: i,
                line,
                text: s.to_string(),
                block_text: block.text.clone(),
                lead,
                kind: block.kind.clone(),
                heading: heading.clone(),
                class,
                bold: block.bold_lead && lead,
                quoted: block.quoted,
                terms: topics::terms(s),
                dates: dates::find(s, r),
                context,
                follow_dates: Vec::new(),
                follow_text: String::new(),
                reference: r,
            };
            let context = block.context.clone().unwrap_or_default();
            if matches!(block.kind, BlockKind::Heading(_) | BlockKind::TableRow { .. }) {
                out.push(make(block.line, &block.text, true, context));
                continue;
            }
            let sentences = text::sentences(&block.text);
            let first = sentences.first().map_or("", |s| s.1);
            for (n, (off, s)) in sentences.iter().enumerate() {
                let ctx = match n {
                    0 => context.clone(),
                    _ if block.bold_lead => first.to_string(),
                    _ => sentences[n - 1].1.to_string(),
                };
                let st = make(block.line_at(*off), s, n == 0, ctx);
                if n > 0
                    && REFERS_BACK.is_match(s)
                    && let Some(prev) = out.last_mut()
                {
                    let prev: &mut Statement = prev;
                    prev.follow_dates = st.dates.clone();
                    prev.follow_text = st.text.clone();
                }
                out.push(st);
            }
        }
    }
    out
}

/// Classifies a section by its heading path; the innermost heading that says something
/// decides. A level-1 heading counts only when it is the innermost one (it is usually the
/// document's title, not a section).
pub fn classify(path: &[&Section]) -> SectionClass {
    let mut class = SectionClass::default();
    for (i, s) in path.iter().enumerate() {
        if s.level == 1 && i + 1 < path.len() {
            continue;
        }
        let h = s.heading.to_lowercase();
        let priority = cues::PRIORITY_HEADING.is_match(&h);
        let noise = cues::NOISE_HEADING.is_match(&h);
        let done = cues::DONE_HEADING.is_match(&h);
        if priority || noise || done {
            class = SectionClass { priority: priority && !noise, noise, done: done && !priority };
        }
    }
    class
}
