//! Design-document facts: owners, approvers, reviewers and status from whatever metadata
//! the document keeps (front matter, `| Field | Value |` tables, `**Owner:**` labels,
//! email headers); the teams it depends on and the approvals it needs, with the ones it
//! says it does *not* need kept apart; risks; and evidence for each comparison dimension.
//! Sections describing other options (Alternatives) never count for this design.

pub mod dimensions;
pub mod org;

use crate::document::{BlockKind, Document};
use crate::extract::Cite;
use crate::extract::labels::{self, Field};
use crate::text;

/// The part of a design a sentence sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Summary,
    Goals,
    NonGoals,
    Proposal,
    /// Other options: what they need is not this design's.
    Alternatives,
    Risks,
    Dependencies,
    Approvals,
    Other,
}

/// One sentence, list item or table row with its place.
#[derive(Debug, Clone)]
pub struct Line {
    pub line: usize,
    pub text: String,
    pub part: Part,
    /// The headings above it, lower case (for dimension sections such as "Cost").
    pub headings: String,
    /// A bold lead label ("**Platform.** This requires …" → "Platform").
    pub label: Option<String>,
    pub row: bool,
    /// A table row's (header, cell) pairs.
    pub cells: Vec<(String, String)>,
    /// The whole block the line belongs to (a list item's full text), for citations.
    pub block: String,
}

/// A name (team, approval, person) and where the design says it.
#[derive(Debug, Clone)]
pub struct Named {
    pub name: String,
    pub cite: Cite,
}

/// Metadata labels a design uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meta {
    Owner,
    Approver,
    Reviewer,
    Status,
    Team,
    /// Teams named in metadata as taking part ("Working group", "participating-teams").
    Teams,
}

fn meta_key(label: &str) -> Option<Meta> {
    let norm = labels::normalise_label(label);
    let key = match norm.as_str() {
        "owner" | "owners" | "author" | "authors" | "from" | "prepared by" | "driver" | "dri" | "proposer" | "proposed by"
        | "written by" => Meta::Owner,
        "approver" | "approvers" | "approval" | "approvals" | "approved by" | "sign off" | "signoff" | "deciders" | "decider"
        | "decision makers" => Meta::Approver,
        "reviewer" | "reviewers" | "reviewed by" | "consulted" => Meta::Reviewer,
        "status" | "state" => Meta::Status,
        "team" | "owning team" | "owner team" | "owning sig" | "owning group" => Meta::Team,
        "participating sigs"
        | "participating groups"
        | "participating teams"
        | "working group"
        | "teams"
        | "teams involved"
        | "contributors"
        | "consulted teams"
        | "dependencies"
        | "depends on" => Meta::Teams,
        // "prr-approvers", "Final approvers", "Budget approver".
        n if n.ends_with("approvers") || n.ends_with("approver") => Meta::Approver,
        n if n.ends_with("reviewers") => Meta::Reviewer,
        _ => return None,
    };
    Some(key)
}

/// Everything extracted from one design.
#[derive(Debug, Clone)]
pub struct DesignFacts {
    pub doc: usize,
    pub title: String,
    pub summary: Option<Named>,
    pub owners: Vec<Named>,
    pub approvers: Vec<Named>,
    pub reviewers: Vec<Named>,
    pub status: Option<Named>,
    pub owning_team: Option<String>,
    /// Team names the document uses ("the X team", metadata team lists), for spotting
    /// them where the text drops the word "team".
    pub team_names: Vec<String>,
    /// Teams the metadata lists as taking part: dependencies unless the text says otherwise.
    pub listed_teams: Vec<Named>,
    pub teams: Vec<Named>,
    pub not_teams: Vec<Named>,
    pub approvals: Vec<Named>,
    pub not_approvals: Vec<Named>,
    pub risks: Vec<Named>,
    pub dimensions: Vec<dimensions::Reading>,
    pub lines: Vec<Line>,
}

/// Extracts every design's facts.
pub fn extract(docs: &[Document]) -> Vec<DesignFacts> {
    docs.iter().enumerate().map(|(i, d)| design(i, d)).collect()
}

fn part_of(heading: &str) -> Option<Part> {
    let h = heading.to_lowercase();
    let has = |w: &[&str]| w.iter().any(|x| h.contains(x));
    let p = if has(&["non-goal", "non goal", "nongoal", "out of scope"]) {
        Part::NonGoals
    } else if has(&["alternative", "other option", "options considered", "rejected", "considered but"]) {
        Part::Alternatives
    } else if has(&["approv", "sign-off", "sign off", "signoff", "review and", "reviews"]) {
        Part::Approvals
    } else if has(&["depend", "need from", "other teams", "cross-team", "cross team", "asks", "staffing", "who we need", "teams involved"])
    {
        Part::Dependencies
    } else if has(&["risk", "drawback", "concern", "downside", "mitigation"]) {
        Part::Risks
    } else if has(&["goal", "objective", "requirement", "success"]) {
        Part::Goals
    } else if has(&["summary", "abstract", "tl;dr", "tldr", "overview", "context", "problem", "motivation", "background"]) {
        Part::Summary
    } else if has(&["proposal", "design", "approach", "solution", "architecture", "plan", "decision"]) {
        Part::Proposal
    } else {
        return None;
    };
    Some(p)
}

/// Splits "A (X, Y), B and C" at commas, semicolons and "and" outside parentheses.
fn split_names(v: &str) -> Vec<String> {
    let (mut out, mut cur, mut depth) = (Vec::new(), String::new(), 0i32);
    for ch in v.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | ';' | '\n' if depth <= 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    out.push(cur);
    out.iter().flat_map(|p| p.split(" and ").map(str::to_string).collect::<Vec<_>>()).collect()
}

fn person_list(doc: usize, f: &Field<Meta>) -> Vec<Named> {
    let cite = Cite { doc, line: f.line, quote: text::quote(&f.quote, 220) };
    let v = f.value.trim();
    let v = v.strip_prefix('[').and_then(|x| x.strip_suffix(']')).unwrap_or(v);
    split_names(v)
        .iter()
        .map(|p| p.trim().trim_matches(['[', ']', '"', '\'', '*', '`', '.']).trim())
        .filter(|p| !p.is_empty() && p.len() <= 80 && !p.eq_ignore_ascii_case("tbd") && !p.eq_ignore_ascii_case("none"))
        .map(|p| Named { name: p.split(" (").next().unwrap_or(p).trim().to_string(), cite: cite.clone() })
        .collect()
}

/// One design's facts.
pub fn design(i: usize, doc: &Document) -> DesignFacts {
    let meta = labels::labelled(doc, &meta_key);
    let of = |k: Meta| meta.iter().filter(|f| f.key == k).flat_map(|f| person_list(i, f)).collect::<Vec<_>>();
    let owners = of(Meta::Owner);
    // "Bruno Costa (ML Serving)" names the owning team.
    let owning_team = meta
        .iter()
        .filter(|f| f.key == Meta::Team)
        .map(|f| f.value.clone())
        .chain(
            meta.iter()
                .filter(|f| f.key == Meta::Owner)
                .filter_map(|f| f.value.split_once('(').map(|(_, t)| t.trim_end_matches(')').to_string())),
        )
        .next();
    let lines = lines(doc);
    let status = meta
        .iter()
        .find(|f| f.key == Meta::Status)
        .map(|f| Named { name: f.value.clone(), cite: Cite { doc: i, line: f.line, quote: text::quote(&f.quote, 220) } });
    let summary = lines
        .iter()
        .find(|l| l.part == Part::Summary && !l.row && l.text.split_whitespace().count() >= 6)
        .or_else(|| lines.iter().find(|l| !l.row && l.text.split_whitespace().count() >= 8))
        .map(|l| Named { name: text::clip_words(&l.text, 40), cite: Cite { doc: i, line: l.line, quote: text::quote(&l.text, 220) } });
    let mut d = DesignFacts {
        doc: i,
        title: doc.title.clone(),
        summary,
        owners,
        approvers: of(Meta::Approver),
        reviewers: of(Meta::Reviewer),
        status,
        owning_team,
        team_names: of(Meta::Teams).into_iter().map(|n| n.name).collect(),
        listed_teams: of(Meta::Teams),
        teams: Vec::new(),
        not_teams: Vec::new(),
        approvals: Vec::new(),
        not_approvals: Vec::new(),
        risks: Vec::new(),
        dimensions: Vec::new(),
        lines,
    };
    org::teams(&mut d);
    org::approvals(&mut d);
    org::risks(&mut d);
    d.dimensions = dimensions::read(&d);
    d
}

/// The design's lines with their parts, bold labels and heading trail.
pub fn lines(doc: &Document) -> Vec<Line> {
    let mut parts: Vec<Option<Part>> = Vec::with_capacity(doc.sections.len());
    for (i, s) in doc.sections.iter().enumerate() {
        let own = if i == 0 { None } else { part_of(&s.heading) };
        let inherited = s.parent.and_then(|p| parts.get(p).copied().flatten());
        parts.push(own.or(inherited));
    }
    let mut out = Vec::new();
    // A short bold or question paragraph ("**Q: Who has to approve this?**") titles what
    // follows, up to the next heading.
    let mut titled: Option<(usize, Part)> = None;
    for b in &doc.blocks {
        if matches!(b.kind, BlockKind::Heading(_)) {
            continue;
        }
        if titled.is_some_and(|(s, _)| s != b.section) {
            titled = None;
        }
        let short = b.text.split_whitespace().count() <= 10 && (b.bold_lead || b.text.ends_with(['?', ':']));
        if matches!(b.kind, BlockKind::Paragraph)
            && short
            && let Some(p) = part_of(&b.text)
        {
            titled = Some((b.section, p));
        }
        let part = titled.map(|(_, p)| p).or(parts.get(b.section).copied().flatten()).unwrap_or(Part::Other);
        let headings = doc.heading_path(b.section).iter().map(|s| s.heading.to_lowercase()).collect::<Vec<_>>().join(" / ");
        let label = b
            .bold_lead
            .then(|| b.text.split(['.', ':', '—']).next().unwrap_or("").trim().to_string())
            .filter(|l| (1..=5).contains(&l.split_whitespace().count()));
        if let BlockKind::TableRow { header, cells } = &b.kind {
            let cells = cells.iter().enumerate().map(|(i, c)| (header.get(i).cloned().unwrap_or_default(), c.clone())).collect();
            out.push(Line { line: b.line, text: b.text.clone(), part, headings, label, row: true, cells, block: b.text.clone() });
            continue;
        }
        for (off, s) in text::sentences(&b.text) {
            let (headings, label, block) = (headings.clone(), label.clone(), b.text.clone());
            out.push(Line { line: b.line_at(off), text: s.to_string(), part, headings, label, row: false, cells: Vec::new(), block });
        }
    }
    out
}
