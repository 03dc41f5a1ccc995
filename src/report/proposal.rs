//! The `propose` report: a document drafted from context files through a template's
//! sections — every statement cited, and a marked placeholder wherever the inputs are
//! silent.

use super::{Citations, Evidence};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One statement in a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub text: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// One section of the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub key: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub items: Vec<Statement>,
    /// The question the author still has to answer, when the inputs do not say.
    #[serde(default)]
    pub placeholder: Option<String>,
}

/// One RACI-lite row: exactly one Responsible and one Accountable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Raci {
    pub item: String,
    pub responsible: String,
    pub accountable: String,
    #[serde(default)]
    pub consulted: Vec<String>,
    #[serde(default)]
    pub informed: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// `scope propose`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalReport {
    pub command: String,
    #[serde(default)]
    pub template: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub raci: Vec<Raci>,
    #[serde(default)]
    pub citations: Citations,
}

impl ProposalReport {
    /// Every citation in the report, for verification.
    pub fn evidence_mut(&mut self) -> impl Iterator<Item = &mut Evidence> {
        let s = self.sections.iter_mut().flat_map(|s| s.items.iter_mut().flat_map(|i| i.evidence.iter_mut()));
        s.chain(self.raci.iter_mut().flat_map(|r| r.evidence.iter_mut()))
    }
}
