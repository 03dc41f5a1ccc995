//! The typed reports, shared by both engines. Field names follow the report JSON contract
//! in DESIGN.md; `verify`, `render` and `write` work on these and never know which engine
//! produced them.

pub mod drill;
pub mod proposal;
pub mod run;
pub mod sev;
pub mod tradeoffs;
pub mod work;

pub use drill::DrillReport;
pub use proposal::ProposalReport;
pub use run::RunReport;
use serde::{Deserialize, Serialize};
pub use sev::SevReport;
pub use tradeoffs::TradeoffsReport;
pub use work::PrioritizeReport;

/// A citation: where in which input a claim comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    pub file: String,
    pub line: usize,
    pub quote: String,
    #[serde(default)]
    pub verified: bool,
}

/// How many citations a report has and how many checked out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citations {
    pub total: usize,
    pub verified: usize,
}

/// An input document as listed in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRef {
    pub file: String,
    pub title: String,
    pub date: Option<String>,
}

/// One ranked priority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Priority {
    #[serde(default)]
    pub rank: usize,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub score: f64,
    pub evidence: Vec<Evidence>,
}

/// A conflict between statements (usually in different updates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// opposing-directive | date-slip | resource-claim | launch-in-freeze | silent-drop | dependency-at-risk
    #[serde(default)]
    pub kind: String,
    pub description: String,
    pub evidence: Vec<Evidence>,
}

/// Who waits on whom for what, by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dependency {
    pub dependent: String,
    pub depends_on: String,
    #[serde(default)]
    pub deliverable: String,
    #[serde(default)]
    pub due: Option<String>,
    pub evidence: Vec<Evidence>,
}

/// A priority that appeared, disappeared or changed between updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// added | dropped | changed
    pub kind: String,
    pub description: String,
    pub evidence: Vec<Evidence>,
}

/// Something missing: an owner, a date, an acknowledgement, an opportunity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub description: String,
    pub evidence: Vec<Evidence>,
}

/// `scope summarize`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryReport {
    pub command: String,
    #[serde(default)]
    pub focus: Option<String>,
    pub documents: Vec<DocumentRef>,
    pub priorities: Vec<Priority>,
    pub conflicts: Vec<Conflict>,
    pub dependencies: Vec<Dependency>,
    pub changes: Vec<Change>,
    pub gaps: Vec<Gap>,
    #[serde(default)]
    pub citations: Citations,
}

impl SummaryReport {
    /// Every citation in the report, for verification.
    pub fn evidence_mut(&mut self) -> impl Iterator<Item = &mut Evidence> {
        let p = self.priorities.iter_mut().flat_map(|x| x.evidence.iter_mut());
        let c = self.conflicts.iter_mut().flat_map(|x| x.evidence.iter_mut());
        let d = self.dependencies.iter_mut().flat_map(|x| x.evidence.iter_mut());
        let ch = self.changes.iter_mut().flat_map(|x| x.evidence.iter_mut());
        let g = self.gaps.iter_mut().flat_map(|x| x.evidence.iter_mut());
        p.chain(c).chain(d).chain(ch).chain(g)
    }
}

/// Any command's report: the closed set of report types, matched in one place each.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Report {
    Summarize(SummaryReport),
    SevPatterns(SevReport),
    Tradeoffs(TradeoffsReport),
    Prioritize(PrioritizeReport),
    Propose(ProposalReport),
    MockSev(DrillReport),
    Run(RunReport),
}

impl Report {
    /// The command that produced the report.
    pub fn command(&self) -> &str {
        match self {
            Report::Summarize(r) => &r.command,
            Report::SevPatterns(r) => &r.command,
            Report::Tradeoffs(r) => &r.command,
            Report::Prioritize(r) => &r.command,
            Report::Propose(r) => &r.command,
            Report::MockSev(r) => &r.command,
            Report::Run(r) => &r.command,
        }
    }

    /// The layout the report renders with (a user template may bring its own).
    pub fn layout(&self) -> &str {
        match self {
            Report::Run(r) => &r.layout,
            _ => self.command(),
        }
    }

    /// All citations.
    pub fn evidence_mut(&mut self) -> Vec<&mut Evidence> {
        match self {
            Report::Summarize(r) => r.evidence_mut().collect(),
            Report::SevPatterns(r) => r.evidence_mut().collect(),
            Report::Tradeoffs(r) => r.evidence_mut().collect(),
            Report::Prioritize(r) => r.evidence_mut().collect(),
            Report::Propose(r) => r.evidence_mut().collect(),
            Report::MockSev(r) => r.evidence_mut().collect(),
            Report::Run(r) => r.evidence.iter_mut().collect(),
        }
    }

    /// The verification count.
    pub fn citations(&self) -> Citations {
        match self {
            Report::Summarize(r) => r.citations,
            Report::SevPatterns(r) => r.citations,
            Report::Tradeoffs(r) => r.citations,
            Report::Prioritize(r) => r.citations,
            Report::Propose(r) => r.citations,
            Report::MockSev(r) => r.citations,
            Report::Run(r) => r.citations,
        }
    }

    /// Records the verification count.
    pub fn set_citations(&mut self, c: Citations) {
        match self {
            Report::Summarize(r) => r.citations = c,
            Report::SevPatterns(r) => r.citations = c,
            Report::Tradeoffs(r) => r.citations = c,
            Report::Prioritize(r) => r.citations = c,
            Report::Propose(r) => r.citations = c,
            Report::MockSev(r) => r.citations = c,
            Report::Run(r) => r.citations = c,
        }
    }
}
