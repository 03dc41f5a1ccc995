//! Facts of a leadership update: priority statements, directives with their direction,
//! dependencies, freeze windows, dated deliverables and claims on a team's time. Each
//! comes from one statement and keeps its citation.

mod claim;
mod dated;
mod dependency;
mod directive;
mod priority;
mod subject;
mod teams;

use super::cues::*;
use super::{Cite, Statement};
use crate::dates::{Mention, Span};
use crate::document::{BlockKind, Document};
use crate::text::clip_words;
use crate::topics::{self, terms};
use claim::*;
use dated::*;
use dependency::*;
use directive::*;
use priority::*;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;
use subject::*;
pub use subject::{subject, weak};
use teams::*;
pub use teams::{Teams, doc_team};

/// A statement that something matters, with how emphatically.
#[derive(Debug, Clone)]
pub struct PriorityFact {
    pub subject: String,
    pub terms: Vec<String>,
    pub weight: f64,
    /// What made it a priority ("P0", "top priority", "item 1 under Top priorities").
    pub marker: String,
    /// Stated as a list item, table row or heading (a title), not in passing.
    pub listed: bool,
    /// The heading of the section it was stated in.
    pub section: String,
    pub cite: Cite,
}

/// Which way a directive pushes its topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// "Double GPU capacity", "pause the migration", "hiring freeze".
#[derive(Debug, Clone)]
pub struct Directive {
    pub direction: Direction,
    pub verb: String,
    pub object: String,
    pub terms: Vec<String>,
    pub resources: Vec<&'static str>,
    /// Capitalised names and code identifiers in the object ("Zephyr", `billing_pg`).
    pub names: Vec<String>,
    /// The same, from the whole sentence (its first word aside).
    pub quote_names: Vec<String>,
    /// Code identifiers in the sentence (`billing_pg`): one system, whatever the wording.
    pub idents: Vec<String>,
    pub cite: Cite,
}

/// Who waits on whom for what, by when.
#[derive(Debug, Clone)]
pub struct DependencyFact {
    pub dependent: String,
    pub depends_on: String,
    pub deliverable: String,
    pub terms: Vec<String>,
    pub due: Option<Span>,
    pub cite: Cite,
}

/// A change/code/launch freeze and its window.
#[derive(Debug, Clone)]
pub struct Freeze {
    pub span: Span,
    pub cite: Cite,
}

/// A deliverable with a date: a commitment, a launch, a deadline.
#[derive(Debug, Clone)]
pub struct Dated {
    pub subject: String,
    pub terms: Vec<String>,
    pub span: Span,
    pub when: String,
    pub is_launch: bool,
    /// Stated as a deadline ("by Sep 30"): an earlier date elsewhere is on time, not a slip.
    pub by: bool,
    pub stages: BTreeSet<String>,
    pub cite: Cite,
}

/// A claim on a whole team's time for one purpose.
#[derive(Debug, Clone)]
pub struct Claim {
    pub team: String,
    pub purpose: Vec<String>,
    pub span: Option<Span>,
    pub cite: Cite,
}

/// Everything extracted from a set of updates.
#[derive(Debug, Default)]
pub struct UpdateFacts {
    pub teams: Vec<String>,
    pub priorities: Vec<PriorityFact>,
    pub directives: Vec<Directive>,
    pub dependencies: Vec<DependencyFact>,
    pub freezes: Vec<Freeze>,
    pub dated: Vec<Dated>,
    pub claims: Vec<Claim>,
    pub noise: Vec<Cite>,
}

/// Extracts update facts from statements.
pub fn extract(docs: &[Document], statements: &[Statement]) -> UpdateFacts {
    let teams = Teams::find(docs, statements);
    let mut f = UpdateFacts { teams: teams.names.clone(), ..Default::default() };
    let boilerplate = boilerplate(statements);
    for (i, s) in statements.iter().enumerate() {
        if is_noise(s) {
            f.noise.push(s.cite());
            continue;
        }
        if boilerplate[i] {
            continue;
        }
        f.priorities.extend(inline_list(s));
        if let Some(p) = priority(s) {
            f.priorities.push(p);
        }
        f.directives.extend(directives(s));
        f.dependencies.extend(dependencies(s, &teams, &docs[s.doc]));
        let freeze = freeze_window(&s.text).and_then(|(a, b)| freeze_span(s, a, b));
        if let Some(span) = freeze {
            f.freezes.push(Freeze { span, cite: s.cite() });
        } else {
            f.dated.extend(dated(s, &docs[s.doc]));
        }
        f.claims.extend(claims(s, &teams, &docs[s.doc]));
    }
    f
}

/// Template text: a statement whose wording (dates, numbers and @handles aside) occurs
/// three or more times in its document, such as "Comment by @x posted on DATE:" or
/// "1 detailed update available" in an export.
fn boilerplate(statements: &[Statement]) -> Vec<bool> {
    static VARIABLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"@[\w-]+|\d+").expect("regex"));
    let key = |s: &Statement| (s.doc, VARIABLE.replace_all(&s.text.to_lowercase(), "#").into_owned());
    let mut counts: std::collections::HashMap<(usize, String), usize> = std::collections::HashMap::new();
    for s in statements {
        *counts.entry(key(s)).or_default() += 1;
    }
    statements.iter().map(|s| counts[&key(s)] >= 3).collect()
}

/// Noise: celebration, people and admin language, or a noise section, with no marker
/// that makes the statement matter (a P0, a directive, a dependency).
fn is_noise(s: &Statement) -> bool {
    let strong =
        MARKER.captures(&s.text).is_some_and(|c| c.get(1).is_some() || c.get(2).is_some_and(|m| m.as_str().eq_ignore_ascii_case("top")))
            || DEPENDENCY.is_match(&s.text)
            || FREEZE_WINDOW.is_match(&s.text);
    if strong {
        return false;
    }
    let directive = UP.is_match(&s.text) || DOWN.is_match(&s.text);
    !directive && (s.class.noise || NOISE.is_match(&s.text))
}
