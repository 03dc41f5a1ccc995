//! The `prioritize` report: ICE and RICE scores per candidate, the Eisenhower quadrant,
//! the P0 cut line and what to say no to.

use super::{Citations, Evidence};
use serde::{Deserialize, Serialize};

/// ICE = impact × confidence × ease (each 1–10).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Ice {
    pub impact: f64,
    pub confidence: f64,
    pub ease: f64,
    pub score: f64,
}

/// RICE = reach × impact × confidence ÷ effort (impact 0.25–3, confidence 0–1, effort in
/// person-months).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Rice {
    pub reach: f64,
    pub impact: f64,
    pub confidence: f64,
    pub effort: f64,
    pub score: f64,
}

/// One candidate, scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub title: String,
    pub ice: Ice,
    pub rice: Rice,
    /// do | schedule | delegate | eliminate
    pub quadrant: String,
    pub p0: bool,
    /// Fields estimated rather than given (from the item's text, or by the model).
    #[serde(default)]
    pub estimated: Vec<String>,
    /// Why each estimate and the quadrant came out as they did.
    #[serde(default)]
    pub reasons: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// Something to decline or defer, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SayNo {
    pub title: String,
    pub reason: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// `scope prioritize`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrioritizeReport {
    pub command: String,
    pub items: Vec<Item>,
    pub cut_line: String,
    #[serde(default)]
    pub max_p0: usize,
    #[serde(default)]
    pub p0_count: usize,
    /// The first important item below the cut line.
    #[serde(default)]
    pub first_below: Option<String>,
    pub say_no: Vec<SayNo>,
    #[serde(default)]
    pub citations: Citations,
}

impl PrioritizeReport {
    /// Every citation in the report, for verification.
    pub fn evidence_mut(&mut self) -> impl Iterator<Item = &mut Evidence> {
        self.items.iter_mut().flat_map(|i| i.evidence.iter_mut()).chain(self.say_no.iter_mut().flat_map(|s| s.evidence.iter_mut()))
    }
}
