//! Labelled metadata, wherever a postmortem keeps it: front matter (`severity: SEV2`),
//! `| Field | Value |` tables, and "Label: value" lines ("**Detected by:** customer",
//! "Root cause: …"). Each field keeps the line it was written on so it can be cited.

use crate::document::{BlockKind, Document};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// What a label means, whatever the writer called it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Severity,
    Start,
    End,
    DetectedAt,
    Duration,
    Detection,
    Services,
    Trigger,
    RootCause,
    Date,
    Summary,
    /// "Window: 16:20 - 17:25 UTC (1h 05m)".
    Window,
}

/// One labelled value with its source line (keyed by a command's own label set).
#[derive(Debug, Clone)]
pub struct Field<K = Key> {
    pub key: K,
    pub value: String,
    pub line: usize,
    /// The source line, trimmed, for the citation.
    pub quote: String,
}

/// Label spellings for each key, normalised (lower case, words separated by spaces).
const LABELS: &[(Key, &[&str])] = &[
    (
        Key::Severity,
        &["severity", "sev", "severity level", "incident severity", "priority", "incident priority", "impact level", "incident level"],
    ),
    (
        Key::Start,
        &[
            "started at",
            "start time",
            "start",
            "started",
            "began",
            "began at",
            "incident start",
            "start date",
            "outage start",
            "impact start",
            "start utc",
            "time started",
            "start of impact",
        ],
    ),
    (
        Key::End,
        &[
            "ended at",
            "end time",
            "end",
            "ended",
            "resolved at",
            "resolved",
            "resolution time",
            "mitigated at",
            "recovered at",
            "incident end",
            "outage end",
            "impact end",
            "end utc",
            "restored at",
            "time resolved",
            "end of impact",
            "recovered",
        ],
    ),
    (Key::DetectedAt, &["detected at", "detection time", "time detected", "alerted at", "first alert", "time to detect"]),
    (
        Key::Duration,
        &[
            "duration",
            "total duration",
            "downtime",
            "outage duration",
            "impact duration",
            "length",
            "time to resolve",
            "time to recovery",
            "time to mitigate",
            "total downtime",
        ],
    ),
    (
        Key::Detection,
        &[
            "detected by",
            "detection",
            "detected",
            "how detected",
            "detection method",
            "detection source",
            "discovered by",
            "reported by",
            "found by",
            "detected via",
            "how it was detected",
        ],
    ),
    (
        Key::Services,
        &[
            "services",
            "service",
            "services affected",
            "affected services",
            "affected service",
            "systems affected",
            "affected systems",
            "components",
            "affected components",
            "product",
            "products",
            "impacted services",
            "systems",
            "services impacted",
        ],
    ),
    (Key::Trigger, &["trigger", "triggered by"]),
    (Key::RootCause, &["root cause", "root causes", "primary cause", "cause"]),
    (Key::Date, &["date", "incident date"]),
    (Key::Summary, &["summary", "description", "tl dr", "tldr"]),
    (Key::Window, &["window", "impact window", "outage window", "incident window", "time window", "when"]),
];

/// A label in one form: lower case, words separated by single spaces.
pub fn normalise_label(label: &str) -> String {
    let norm: String = label.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    norm.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn key_of(label: &str) -> Option<Key> {
    let norm = normalise_label(label);
    if let Some(k) = LABELS.iter().find(|(_, names)| names.contains(&norm.as_str())).map(|(k, _)| *k) {
        return Some(k);
    }
    // "Customer-facing duration", "Total downtime (approx.)", "Incident severity level".
    let has = |w: &str| norm.split(' ').any(|x| x == w);
    match () {
        _ if norm.split(' ').count() > 4 => None,
        _ if has("duration") || has("downtime") => Some(Key::Duration),
        _ if has("severity") => Some(Key::Severity),
        _ if has("detected") || has("detection") => Some(Key::Detection),
        _ => None,
    }
}

static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s>*_-]*(?:\d+\.\s+)?[*_]*([A-Za-z][A-Za-z /()&_-]{0,30}?)[*_]*(?:\s*[:=]|\s+[—–])\s*[*_]*\s*(\S.*?)\s*$")
        .expect("regex")
});

/// Every labelled postmortem field of a document, in source order.
pub fn fields(doc: &Document) -> Vec<Field> {
    labelled(doc, &key_of)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::load::parse("pm.md".into(), text.into(), String::new())
    }

    #[test]
    fn finds_labels_in_front_matter_tables_and_lines() {
        let d = doc(
            "---\ntitle: Outage\nseverity: SEV2\nservices:\n  - payments-api\n  - ledger\n---\n\n| Field | Value |\n|---|---|\n| Detected by | Customer tickets |\n| Duration | 2h 15m |\n\n**Root cause:** an expired certificate.\n",
        );
        let f = fields(&d);
        assert_eq!(first(&f, Key::Severity).unwrap().value, "SEV2");
        assert_eq!(first(&f, Key::Severity).unwrap().line, 3);
        assert_eq!(first(&f, Key::Services).unwrap().value, "payments-api, ledger");
        assert_eq!(first(&f, Key::Detection).unwrap().value, "Customer tickets");
        assert_eq!(first(&f, Key::Duration).unwrap().line, 12);
        assert_eq!(first(&f, Key::RootCause).unwrap().value, "an expired certificate.");
    }
}
