//! Candidate work items for `prioritize`: rows of a markdown table, items of a markdown
//! list ("Title — reach: 5000, impact: 2, confidence: 80%, effort: 3"), or CSV rows. Every
//! number the input gives is kept exactly as given, with the line it is on.

use crate::document::{BlockKind, Document};
use crate::extract::Cite;
use crate::text;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// One candidate.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Reasons a model gave for its estimates.
    pub model_reasons: Vec<String>,
    pub title: String,
    /// Given numbers by field name (reach, impact, confidence, ease, effort, …), as given.
    pub given: BTreeMap<String, f64>,
    /// The rest of the item's text (notes, description), for estimates.
    pub notes: String,
    pub cite: Cite,
    /// Urgency judged elsewhere (by the model), over the words' reading.
    pub urgent: Option<bool>,
    /// Fields a model estimated (kept apart from the given ones for the report).
    pub model_estimated: Vec<String>,
}

impl Candidate {
    fn new(title: String, given: BTreeMap<String, f64>, notes: String, cite: Cite) -> Candidate {
        Candidate { title, given, notes, cite, urgent: None, model_estimated: Vec::new(), model_reasons: Vec::new() }
    }
}

/// One table or CSV row: given numbers from the columns whose header names a field; the
/// title from `title_col`, else the first other cell that is not empty; the rest notes.
fn from_row(header: &[String], cells: &[String], title_col: Option<usize>, cite: Cite) -> Option<Candidate> {
    let mut given = BTreeMap::new();
    let mut title = title_col.and_then(|k| cells.get(k)).map(|c| c.trim().to_string()).unwrap_or_default();
    let mut notes = Vec::new();
    for (k, (h, c)) in header.iter().zip(cells).enumerate() {
        match field_of(h) {
            Some(f) => {
                if let Some(n) = number(c) {
                    given.insert(f.to_string(), n);
                }
            }
            None if Some(k) == title_col => {}
            None if title_col.is_none() && title.is_empty() && !c.trim().is_empty() => title = c.trim().to_string(),
            None => notes.push(c.trim().to_string()),
        }
    }
    (!title.is_empty()).then(|| Candidate::new(title, given, notes.join(" "), cite))
}

const FIELDS: [(&str, &[&str]); 7] = [
    ("reach", &["reach", "users", "customers"]),
    ("ice_impact", &["ice impact", "impact (1-10)", "impact 1-10"]),
    ("impact", &["impact"]),
    ("confidence", &["confidence", "conf"]),
    ("ease", &["ease"]),
    ("effort", &["effort", "person-months", "person months", "cost (pm)", "size (pm)"]),
    ("rice_impact", &["rice impact"]),
];

fn field_of(header: &str) -> Option<&'static str> {
    let h = header.trim().to_lowercase();
    let h = h.trim_start_matches('\u{feff}');
    // "Reach/qtr", "Confidence%", "RICE reach": the leading word decides, after any prefix.
    let h = h.strip_prefix("rice ").filter(|r| !r.starts_with("impact")).unwrap_or(h);
    FIELDS
        .iter()
        .find(|(_, names)| names.iter().any(|n| h == *n || h.starts_with(n) && !h[n.len()..].starts_with(|c: char| c.is_alphanumeric())))
        .map(|(f, _)| *f)
}

/// A usable given number: "80%" → 0.8, "0.8" → 0.8, "2" → 2, "40,000" → 40000. Blank,
/// words, negative or non-finite values are not numbers ("NaN", "-3", "inf").
fn number(s: &str) -> Option<f64> {
    let t = s.trim();
    let percent = t.ends_with('%');
    // A comma is a thousands separator only in groups of three ("40,000", not "1,5").
    let digits = t.trim_end_matches('%').trim();
    if digits.contains(',') && !digits.split(',').skip(1).all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let v: f64 = digits.replace(',', "").parse().ok()?;
    (v.is_finite() && v >= 0.0).then_some(if percent { v / 100.0 } else { v })
}

static INLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(reach|impact|confidence|ease|effort)\s*[:=]\s*(\d[\d,]*(?:\.\d+)?)\s*(%)?").expect("regex"));

/// Every candidate in a document.
pub fn candidates(doc_index: usize, doc: &Document) -> Vec<Candidate> {
    if doc.path.to_lowercase().ends_with(".csv") {
        return csv(doc_index, doc);
    }
    let mut out = Vec::new();
    for b in &doc.blocks {
        let cite = Cite { doc: doc_index, line: b.line, quote: text::quote(doc.line_text(b.line).unwrap_or("").trim(), 220) };
        match &b.kind {
            BlockKind::TableRow { header, cells } if cells != header => out.extend(from_row(header, cells, None, cite)),
            BlockKind::ListItem { depth: 0, .. } => {
                let given: BTreeMap<String, f64> =
                    INLINE.captures_iter(&b.text).filter_map(|c| Some((c[1].to_lowercase(), number(&c[2])?))).collect();
                let title = b.text.split([':', '—', '(']).next().unwrap_or(&b.text).split(" - ").next().unwrap_or("").trim().to_string();
                if !title.is_empty() {
                    out.push(Candidate::new(text::clip_words(&title, 14), given, b.text.clone(), cite));
                }
            }
            _ => {}
        }
    }
    out
}

/// Splits one CSV line, honouring double quotes.
fn csv_cells(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn csv(doc_index: usize, doc: &Document) -> Vec<Candidate> {
    let mut lines = doc.text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let Some((_, head)) = lines.next() else { return Vec::new() };
    let header = csv_cells(head);
    let title_col = header
        .iter()
        .position(|h| matches!(h.trim().to_lowercase().as_str(), "title" | "item" | "name" | "work" | "project" | "summary"))
        .unwrap_or(0);
    lines
        .filter_map(|(i, l)| {
            let cite = Cite { doc: doc_index, line: i + 1, quote: text::quote(l.trim(), 220) };
            from_row(&header, &csv_cells(l), Some(title_col), cite)
        })
        .collect()
}
