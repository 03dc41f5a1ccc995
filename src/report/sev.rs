//! The `sev-patterns` report: per-incident facts, recurring patterns with automated
//! mitigations, repeat-offender services, detection and response statistics, and a
//! prevention checklist.

use super::{Citations, Evidence};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An action item an incident committed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub text: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub priority: Option<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// One incident's facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub file: String,
    pub title: String,
    pub kind: String,
    #[serde(default)]
    pub second_kind: Option<String>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub duration_minutes: Option<i64>,
    #[serde(default)]
    pub time_to_detect_minutes: Option<i64>,
    /// alert | customer | engineer
    #[serde(default)]
    pub detected_by: Option<String>,
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default)]
    pub trigger: Option<String>,
    #[serde(default)]
    pub root_cause: Option<String>,
    #[serde(default)]
    pub mechanism: Option<String>,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    /// The phrases that decided the kind, strongest first ("expired certificate" in the
    /// root cause, weight 7.5).
    #[serde(default)]
    pub classified_by: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// An automated mitigation for a pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mitigation {
    pub action: String,
    pub automated_check: String,
    /// The incidents' own action items that already plan it.
    #[serde(default)]
    pub planned: Vec<Evidence>,
}

/// Two or more incidents sharing a failure kind or mechanism.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pattern {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub mechanism: String,
    pub incidents: Vec<String>,
    #[serde(default)]
    pub mitigations: Vec<Mitigation>,
    pub evidence: Vec<Evidence>,
}

/// A service named in several incidents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepeatOffender {
    pub service: String,
    pub incidents: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// Median and worst of a duration, over the incidents that state it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub median: Option<i64>,
    pub worst: Option<i64>,
    /// How many incidents state it.
    pub known: usize,
}

/// Detection and response statistics.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub incidents: usize,
    pub by_kind: BTreeMap<String, usize>,
    pub by_severity: BTreeMap<String, usize>,
    /// alert / customer / engineer / unknown → count.
    pub detected_by: BTreeMap<String, usize>,
    /// Share of incidents with a known detection that customers detected first.
    pub customer_detected_share: Option<f64>,
    pub time_to_detect_minutes: Spread,
    pub time_to_resolve_minutes: Spread,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// One prevention-checklist line: a check and the patterns it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub item: String,
    pub patterns: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// `scope sev-patterns`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SevReport {
    pub command: String,
    pub incidents: Vec<Incident>,
    pub patterns: Vec<Pattern>,
    pub repeat_offenders: Vec<RepeatOffender>,
    #[serde(default)]
    pub stats: Stats,
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
    #[serde(default)]
    pub citations: Citations,
}

impl SevReport {
    /// Every citation in the report, for verification.
    pub fn evidence_mut(&mut self) -> impl Iterator<Item = &mut Evidence> {
        let i = self.incidents.iter_mut().flat_map(|x| {
            let own = x.evidence.iter_mut();
            own.chain(x.action_items.iter_mut().flat_map(|a| a.evidence.iter_mut()))
        });
        let p =
            self.patterns.iter_mut().flat_map(|x| x.evidence.iter_mut().chain(x.mitigations.iter_mut().flat_map(|m| m.planned.iter_mut())));
        let r = self.repeat_offenders.iter_mut().flat_map(|x| x.evidence.iter_mut());
        let c = self.checklist.iter_mut().flat_map(|x| x.evidence.iter_mut());
        i.chain(p).chain(r).chain(c)
    }
}
