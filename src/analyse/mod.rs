//! Stage 3, analyse: facts → report. The offline engine lives here, one module per
//! command; the llm engine will produce the same report types from templates.

pub mod mock_sev;
pub mod prioritize;
pub mod propose;
pub mod sev;
pub mod summarize;
pub mod tradeoffs;

use crate::document::Document;
use crate::extract::Cite;
use crate::report::Evidence;

/// Chronological context shared by the analyses: document order and series.
pub struct Timeline<'a> {
    pub docs: &'a [Document],
    /// `pos[doc]` = place in chronological order (undated documents first, by path).
    pub pos: Vec<usize>,
}

impl<'a> Timeline<'a> {
    pub fn new(docs: &'a [Document]) -> Timeline<'a> {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by(|&a, &b| docs[a].date.cmp(&docs[b].date).then(docs[a].path.cmp(&docs[b].path)));
        let mut pos = vec![0; docs.len()];
        for (p, &d) in order.iter().enumerate() {
            pos[d] = p;
        }
        Timeline { docs, pos }
    }

    /// 0.35 for the oldest document up to 1.0 for the newest.
    pub fn recency(&self, doc: usize) -> f64 {
        let n = self.docs.len();
        if n <= 1 { 1.0 } else { 0.35 + 0.65 * self.pos[doc] as f64 / (n - 1) as f64 }
    }

    /// Whether two documents belong to one series: the same author, or the same title once
    /// dates and numbers are removed ("Payments status · Sep 28" and "· Oct 12").
    pub fn same_series(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.docs[a], &self.docs[b]);
        let same_author = matches!((&x.author, &y.author), (Some(p), Some(q)) if p.eq_ignore_ascii_case(q));
        same_author || series_title(&x.title) == series_title(&y.title) && !series_title(&x.title).is_empty()
    }

    /// "file.md (2026-10-02)".
    pub fn label(&self, doc: usize) -> String {
        let d = &self.docs[doc];
        let name = std::path::Path::new(&d.path).file_name().and_then(|n| n.to_str()).unwrap_or(&d.path);
        match d.date {
            Some(date) => format!("{name} ({date})"),
            None => name.to_string(),
        }
    }

    /// A citation as report evidence.
    pub fn evidence(&self, c: &Cite) -> Evidence {
        Evidence { file: self.docs[c.doc].path.clone(), line: c.line, quote: c.quote.clone(), verified: false }
    }

    /// Evidence for several citations, oldest document first, without repeats.
    pub fn evidence_all<'c>(&self, cites: impl IntoIterator<Item = &'c Cite>) -> Vec<Evidence> {
        let mut v: Vec<&Cite> = cites.into_iter().collect();
        v.sort_by_key(|c| (self.pos[c.doc], c.line));
        v.dedup_by_key(|c| (c.doc, c.line));
        v.into_iter().map(|c| self.evidence(c)).collect()
    }
}

fn series_title(t: &str) -> String {
    crate::topics::terms(t).into_iter().filter(|w| !w.chars().any(|c| c.is_ascii_digit())).collect::<Vec<_>>().join(" ")
}
