//! The `tradeoffs` report: each design's facts and its reading of every comparison
//! dimension, the trade-offs between designs, where they compete for the same team or
//! approval, and a recommendation with its conditions.

use super::{Citations, Evidence};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a design says about one dimension ("not stated" when it is silent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub assessment: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// A team, approval or risk with where the design names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub name: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// One design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Design {
    pub file: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub owners: Vec<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub team_dependencies: Vec<Named>,
    #[serde(default)]
    pub approvals: Vec<Named>,
    /// Teams and approvals the design says it does not need.
    #[serde(default)]
    pub not_needed: Vec<Named>,
    #[serde(default)]
    pub risks: Vec<Named>,
    /// cost, latency, complexity, migration, operations, reversibility.
    pub dimensions: BTreeMap<String, Assessment>,
    /// The offline engine's transparent score (see the recommendation's `scoring`).
    #[serde(default)]
    pub score: f64,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// What one option buys or costs against the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tradeoff {
    /// technical | organisational
    #[serde(default)]
    pub kind: String,
    pub description: String,
    /// The file of the design it favours.
    pub favours: String,
    pub evidence: Vec<Evidence>,
}

/// Two or more designs needing the same team or approval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Competition {
    pub resource: String,
    /// team | approval
    pub kind: String,
    pub designs: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// The recommended option and when the recommendation holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub choice: String,
    #[serde(default)]
    pub conditions: Vec<String>,
    /// What would change the recommendation.
    #[serde(default)]
    pub would_change: Vec<String>,
    /// How the offline score was built, one line per design.
    #[serde(default)]
    pub scoring: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// `scope tradeoffs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TradeoffsReport {
    pub command: String,
    pub designs: Vec<Design>,
    pub tradeoffs: Vec<Tradeoff>,
    #[serde(default)]
    pub competition: Vec<Competition>,
    pub recommendation: Recommendation,
    #[serde(default)]
    pub citations: Citations,
}

impl TradeoffsReport {
    /// Every citation in the report, for verification.
    pub fn evidence_mut(&mut self) -> impl Iterator<Item = &mut Evidence> {
        let d = self.designs.iter_mut().flat_map(|d| {
            let named =
                d.team_dependencies.iter_mut().chain(d.approvals.iter_mut()).chain(d.not_needed.iter_mut()).chain(d.risks.iter_mut());
            let dims = d.dimensions.values_mut().flat_map(|a| a.evidence.iter_mut());
            d.evidence.iter_mut().chain(named.flat_map(|n| n.evidence.iter_mut())).chain(dims)
        });
        let t = self.tradeoffs.iter_mut().flat_map(|x| x.evidence.iter_mut());
        let c = self.competition.iter_mut().flat_map(|x| x.evidence.iter_mut());
        d.chain(t).chain(c).chain(self.recommendation.evidence.iter_mut())
    }
}
