//! Labelled metadata, wherever a document keeps it: front matter (`severity: SEV2`),
//! "Label: value" lines ("**Detected by:** customer", "Root cause: …", "Sign-off — …"),
//! YAML lists under a label, and `| Field | Value |` table rows. Each field keeps the
//! line it was written on so it can be cited; a command says which labels it knows.

use crate::document::{BlockKind, Document};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// One labelled value with its source line (keyed by a command's own label set).
#[derive(Debug, Clone)]
pub struct Field<K> {
    pub key: K,
    pub value: String,
    pub line: usize,
    /// The source line, trimmed, for the citation.
    pub quote: String,
}

/// A label in one form: lower case, words separated by single spaces.
pub fn normalise_label(label: &str) -> String {
    let norm: String = label.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    norm.split_whitespace().collect::<Vec<_>>().join(" ")
}

static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s>*_-]*(?:\d+\.\s+)?[*_]*([A-Za-z][A-Za-z /()&_-]{0,30}?)[*_]*(?:\s*[:=]|\s+[—–])\s*[*_]*\s*(\S.*?)\s*$")
        .expect("regex")
});

/// Every field whose label `key_of` knows, in source order: "Label: value" lines (front
/// matter included), YAML lists under a label, and two-column `| Label | value |` rows.
pub fn labelled<K: Copy>(doc: &Document, key_of: &dyn Fn(&str) -> Option<K>) -> Vec<Field<K>> {
    let mut out = Vec::new();
    let mut in_code = false;
    for (i, raw) in doc.text.lines().enumerate() {
        let t = raw.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code || t.len() > 400 {
            continue;
        }
        let Some(c) = LABEL_LINE.captures(t) else { continue };
        let Some(key) = key_of(&c[1]) else { continue };
        let value = c[2].trim_matches(['*', '_', '"', '\'', ' ']).to_string();
        let value = if value.is_empty() || value == "|" || value == ">" || value == "|-" || value == ">-" {
            meta_value(&doc.meta, &c[1]).unwrap_or_default()
        } else {
            value
        };
        if !value.is_empty() {
            out.push(Field { key, value, line: i + 1, quote: t.to_string() });
        }
    }
    // A YAML list ("services:\n  - a\n  - b") leaves its label line without a value.
    for (i, raw) in doc.text.lines().enumerate().take(80) {
        let t = raw.trim();
        if let Some(label) = t.strip_suffix(':').filter(|l| !l.contains(' ') || key_of(l).is_some())
            && let Some(key) = key_of(label)
            && let Some(value) = meta_value(&doc.meta, label)
        {
            out.push(Field { key, value, line: i + 1, quote: t.to_string() });
        }
    }
    table_fields(doc, key_of, &mut out);
    out.sort_by_key(|f| f.line);
    out
}

fn meta_value(meta: &Value, label: &str) -> Option<String> {
    match meta.get(label.trim())? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Array(a) => Some(
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string).or_else(|| v.as_i64().map(|n| n.to_string())))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// Two-column rows whose first cell is a known label: `| Severity | SEV2 |`.
fn table_fields<K>(doc: &Document, key_of: &dyn Fn(&str) -> Option<K>, out: &mut Vec<Field<K>>) {
    for b in &doc.blocks {
        let BlockKind::TableRow { cells, header } = &b.kind else { continue };
        if cells == header {
            continue;
        }
        let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
        if filled.len() != 2 {
            continue;
        }
        if let Some(key) = key_of(filled[0]) {
            let quote = doc.line_text(b.line).unwrap_or("").trim().to_string();
            out.push(Field { key, value: filled[1].trim().to_string(), line: b.line, quote });
        }
    }
}

/// The first field with this key.
pub fn first<K: PartialEq>(fields: &[Field<K>], key: K) -> Option<&Field<K>> {
    fields.iter().find(|f| f.key == key)
}
