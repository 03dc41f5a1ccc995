//! The organisational side of a design: the teams it needs work from, the approvals and
//! reviews it needs, and its risks. A team or approval the design says it does not need
//! ("No changes required from the Mobile team", "Finance sign-off isn't needed") is kept
//! apart, and what the Alternatives section says other options need is not counted.

use super::{DesignFacts, Line, Named, Part};
use crate::extract::Cite;
use crate::text;
use regex::Regex;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("regex")
}

static TEAM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b((?:[A-Z][A-Za-z0-9&/-]*|SRE|DBRE)(?:\s+(?:[A-Z][A-Za-z0-9&/-]*|SRE|DBRE)){0,3})\s+(?:team|teams|group|squad|rotation|on-?call)\b|\b(SRE|DBRE|[A-Z][a-z]+ SRE)\b",
    )
});
static NEED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(has to|have to|will have to|is required to|requires?|required|needs?|needed|depends? on|dependent on|dependency|dependencies|rel(?:y|ies|ying) on|waiting on|blocked on|from the|help from|work from|support from|time from|capacity|commit\w*|agreed|estimates?|to provision|to add|to install|to upgrade|to expose|to run|to own|to build|to review|to staff|will need|must|route[sd]? to|hand(?:ed)? over|takes? over|owns?|on-?call|pages?)\b",
    )
});
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(no (?:\w+ ){0,4}(?:sign-?off|review|approval)\b|no (?:\w+ ){0,3}(?:work|changes?|involvement|help) (?:is |are )?(?:needed|required)|unaffected|nothing (?:new|to do)|no action|no (?:changes?|work|involvement|action|help|dependency|dependencies|asks?|new (?:work|rotation))\b|nothing (?:is |else )?(?:needed|required|asked)|not (?:needed|required|involved|affected|a dependency|needed from)|(?:isn't|aren't|is not|are not) (?:needed|required|involved)|no change\b|without (?:any )?(?:work|changes|help) from|(?:doesn't|does not|do not|don't|won't|will not) (?:need|require|involve)|unchanged|not involved|no longer needed|informed only|for information only|not required)",
    )
});
static OWN_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?i:the|this|that|our|each|every|one|a|an|any|no|all|other|another|which|what|their|its|if|when|new|existing)$")
});

static CLAUSE: LazyLock<Regex> = LazyLock::new(|| re(r"[;:,(]|\b(?:but|while|whereas|although|however)\b"));

/// A line's clauses, so "X is needed, but Y is not involved" negates only Y.
fn clauses(t: &str) -> Vec<&str> {
    CLAUSE.split(t).filter(|c| !c.trim().is_empty()).collect()
}

/// Whether a labelled item says its label is not needed: "**Platform.** Nothing new…",
/// "Finance: not required, …" — the label's own sentence or the one after it.
fn label_negated(l: &Line) -> bool {
    let lead: String = text::sentences(&l.block).into_iter().take(2).map(|(_, s)| s).collect::<Vec<_>>().join(" ");
    let first_clauses: String = clauses(&lead).into_iter().take(2).collect::<Vec<_>>().join(" ");
    NEGATED.is_match(&first_clauses)
}

/// Names in a short leading clause take the negation of the clause after it
/// ("Finance: not required").
fn lead_negated(t: &str) -> bool {
    let c = clauses(t);
    c.len() >= 2 && c[0].split_whitespace().count() <= 4 && NEGATED.is_match(c[1])
}

/// The bold label of a dependencies-list item ("**Platform.** …") as a team name.
fn label_team(l: &Line) -> Option<String> {
    let label = l.label.as_deref().filter(|_| l.part == Part::Dependencies)?;
    let label = label.trim_end_matches(" team").trim();
    (!label.is_empty() && label.chars().next().is_some_and(char::is_uppercase))
        .then(|| label.split(" and ").next().unwrap_or(label).to_string())
}

/// Team names in a clause: "the Data Platform team", "SRE", or a name the document
/// uses for a team elsewhere ("Clinical Integrations must re-register…").
fn team_names(clause: &str, known: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in known {
        let found = clause.match_indices(k.as_str()).any(|(at, _)| {
            let before = clause[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = clause[at + k.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        });
        if found {
            out.push(k.clone());
        }
    }
    for c in TEAM.captures_iter(clause) {
        let raw = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
        let words: Vec<&str> = raw.split_whitespace().skip_while(|w| OWN_WORDS.is_match(w)).collect();
        let name = words.join(" ");
        if !name.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    out
}

fn cite(doc: usize, l: &Line) -> Cite {
    // A bare label ("Platform.") says little: cite the item it heads.
    let t = if l.label.is_some() && l.text.split_whitespace().count() <= 4 { &l.block } else { &l.text };
    Cite { doc, line: l.line, quote: text::quote(t, 220) }
}

fn push(list: &mut Vec<Named>, name: &str, cite: Cite) {
    // "Database Reliability (DBRE)" and "DBRE" are one team.
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b) || a.contains(&format!("({b})")) || b.contains(&format!("({a})"));
    if !list.iter().any(|n| same(&n.name, name)) {
        list.push(Named { name: name.to_string(), cite });
    }
}

/// Teams the design needs work from, and teams it says it does not need.
pub fn teams(d: &mut DesignFacts) {
    let own = d.owning_team.clone().unwrap_or_default().to_lowercase();
    // Names used with "team" anywhere in the document, and metadata team lists.
    let mut known: Vec<String> = d.team_names.clone();
    for l in &d.lines {
        for c in TEAM.captures_iter(&l.text) {
            let raw = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
            let name = raw.split_whitespace().skip_while(|w| OWN_WORDS.is_match(w)).collect::<Vec<_>>().join(" ");
            if name.len() > 2 && !known.contains(&name) {
                known.push(name);
            }
        }
    }
    known.retain(|k| k.to_lowercase() != own);
    let mut yes = Vec::new();
    let mut no = Vec::new();
    for t in d.listed_teams.iter().filter(|t| t.name.to_lowercase() != own) {
        push(&mut yes, &t.name, t.cite.clone());
    }
    for l in d.lines.iter().filter(|l| !matches!(l.part, Part::Alternatives)) {
        let needed = l.part == Part::Dependencies || NEED.is_match(&l.text);
        let mut found: Vec<(String, bool)> = label_team(l).map(|t| (t, label_negated(l))).into_iter().collect();
        let lead = lead_negated(&l.text);
        for (k, c) in clauses(&l.text).into_iter().enumerate() {
            let negated = NEGATED.is_match(c) || (k == 0 && lead);
            found.extend(team_names(c, &known).into_iter().map(|n| (n, negated)));
        }
        for (n, negated) in found {
            if n.to_lowercase() == own || own.contains(&n.to_lowercase()) {
                continue;
            }
            if negated {
                push(&mut no, &n, cite(d.doc, l));
            } else if needed && l.part != Part::NonGoals {
                push(&mut yes, &n, cite(d.doc, l));
            }
        }
    }
    // A team the design says it does not need is not a dependency, whatever else mentions it.
    yes.retain(|t: &Named| !no.iter().any(|n| n.name.eq_ignore_ascii_case(&t.name)));
    d.teams = yes;
    d.not_teams = no;
}

static BODY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(security council|security(?: engineering| team)?|privacy(?: office| review board| board| team)?|finance|fp&a|budget owner|legal|compliance|architecture review board|architecture board|arch(?:itecture)? review|\bARB\b|procurement|data governance|risk committee|change advisory board|\bCAB\b|vendor management|infosec|accessibility)\b",
    )
});
static APPROVE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(review\w*|approv\w*|sign-?off|signs? off|sign off|must approve|consult\w*|clearance|go/no-go|vet\w*|assessment|audit)\b")
});

/// The standard name of an approving body ("Privacy review board" → "Privacy review").
pub fn approval_name(raw: &str) -> String {
    let r = raw.to_lowercase();
    let name = if r.contains("security council") {
        "Security Council"
    } else if r.contains("privacy office") {
        "Privacy Office"
    } else if r.contains("security") || r.contains("infosec") {
        "Security review"
    } else if r.contains("privacy") {
        "Privacy review"
    } else if r.contains("finance") || r.contains("fp&a") || r.contains("budget") {
        "Finance"
    } else if r.contains("architecture") || r.split_whitespace().any(|w| w == "arb") || r.contains("arch review") {
        "Architecture Review Board"
    } else if r.contains("legal") {
        "Legal"
    } else if r.contains("compliance") {
        "Compliance"
    } else {
        return raw.trim().to_string();
    };
    name.to_string()
}

/// Approvals and reviews: named approvers from the metadata, approving bodies named with
/// review or approval language, and the labelled items of an Approvals section.
pub fn approvals(d: &mut DesignFacts) {
    let mut yes = Vec::new();
    let mut no = Vec::new();
    for a in &d.approvers {
        push(&mut yes, &approval_name(&a.name), a.cite.clone());
    }
    for l in d.lines.iter().filter(|l| !matches!(l.part, Part::Alternatives)) {
        let approving = l.part == Part::Approvals || APPROVE.is_match(&l.text);
        if !approving {
            continue;
        }
        let mut found: Vec<(String, bool)> = Vec::new();
        if l.part == Part::Approvals
            && let Some(label) = &l.label
        {
            found.push((approval_name(label), label_negated(l)));
        }
        let lead = lead_negated(&l.text);
        for (k, c) in clauses(&l.text).into_iter().enumerate() {
            let negated = NEGATED.is_match(c) || (k == 0 && lead);
            found.extend(BODY.find_iter(c).map(|m| (approval_name(m.as_str()), negated)));
        }
        for (n, negated) in found {
            if negated {
                push(&mut no, &n, cite(d.doc, l));
            } else {
                push(&mut yes, &n, cite(d.doc, l));
            }
        }
    }
    // Said not to be needed, and not a named approver: not an approval.
    yes.retain(|a: &Named| !no.iter().any(|n| n.name == a.name) || d.approvers.iter().any(|x| approval_name(&x.name) == a.name));
    d.approvals = yes;
    d.not_approvals = no;
}

/// Risks: the items of a Risks / Drawbacks section (first sentence each).
pub fn risks(d: &mut DesignFacts) {
    let mut seen = std::collections::BTreeSet::new();
    for l in d.lines.iter().filter(|l| l.part == Part::Risks) {
        if seen.insert(l.label.clone().unwrap_or_else(|| l.line.to_string())) {
            d.risks.push(Named { name: text::clip_words(&l.text, 30), cite: cite(d.doc, l) });
        }
    }
}
