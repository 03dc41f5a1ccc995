//! The labels a postmortem's metadata uses ("Severity", "Detected by", "Customer-facing
//! duration", …) and what each means; the scanning itself is `extract::labels`.

use crate::document::Document;
pub use crate::extract::labels::{first, normalise_label};

/// A postmortem field.
pub type Field = crate::extract::labels::Field<Key>;

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

/// Every labelled postmortem field of a document, in source order.
pub fn fields(doc: &Document) -> Vec<Field> {
    crate::extract::labels::labelled(doc, &key_of)
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
