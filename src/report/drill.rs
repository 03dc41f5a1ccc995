//! The `mock-sev` report: a drill scenario built from the failure patterns found in real
//! postmortems — premise, timed injects with the signals responders see, expected actions
//! for the level, the operational risks it exercises, and debrief questions.

use super::{Citations, Evidence};
use serde::{Deserialize, Serialize};

/// What the drill is built on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub title: String,
    #[serde(default)]
    pub pattern: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub service: String,
    /// The postmortems it is drawn from.
    #[serde(default)]
    pub based_on: Vec<String>,
}

/// One inject: what responders see at minute N.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inject {
    pub minute: u32,
    /// alert | dashboard | customer | herring | escalation | clue | complication | recovery
    pub kind: String,
    pub signal: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// What a responder at a level is expected to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub level: String,
    pub action: String,
}

/// An operational risk the drill exercises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub risk: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// `scope mock-sev`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillReport {
    pub command: String,
    #[serde(default)]
    pub seed: u64,
    pub level: String,
    pub scenario: Scenario,
    pub premise: String,
    pub injects: Vec<Inject>,
    pub expected_actions: Vec<Action>,
    pub risks: Vec<Risk>,
    pub debrief: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub citations: Citations,
}

impl DrillReport {
    /// Every citation in the report, for verification.
    pub fn evidence_mut(&mut self) -> impl Iterator<Item = &mut Evidence> {
        let i = self.injects.iter_mut().flat_map(|x| x.evidence.iter_mut());
        let r = self.risks.iter_mut().flat_map(|x| x.evidence.iter_mut());
        i.chain(r).chain(self.evidence.iter_mut())
    }
}
