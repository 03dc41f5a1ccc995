//! Postmortem facts: severity, start/end and duration, how the incident was detected,
//! services, trigger, root cause and action items — each with its `file:line`, and null
//! when the text does not say (never guessed). Also the document's sentences tagged with
//! the part of the write-up they sit in (root cause, timeline, action items…), which the
//! offline classifier weighs.

pub mod actions;
pub mod fields;
pub mod narrative;
pub mod times;

use crate::document::{BlockKind, Document};
use crate::extract::Cite;
use crate::text;
use fields::{Field, Key};
use serde::Serialize;
use times::Instant;

/// A value and where the text states it.
#[derive(Debug, Clone)]
pub struct Fact<T> {
    pub value: T,
    pub cite: Cite,
}

/// Who noticed first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Detection {
    Alert,
    Customer,
    Engineer,
}

impl Detection {
    pub fn as_str(self) -> &'static str {
        match self {
            Detection::Alert => "alert",
            Detection::Customer => "customer",
            Detection::Engineer => "engineer",
        }
    }
}

/// The part of a write-up a sentence sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Summary,
    Impact,
    Timeline,
    Cause,
    Trigger,
    Detection,
    Resolution,
    Actions,
    Lessons,
    WentWell,
    /// Body text under no telling heading (most of a narrative post).
    Body,
}

/// One sentence (or heading, list item, table row) with its place.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub line: usize,
    pub text: String,
    pub role: Role,
    /// In the opening paragraphs of a document without headings, where a narrative
    /// post says what happened.
    pub lead: bool,
    pub heading: bool,
}

/// A follow-up the postmortem commits to.
#[derive(Debug, Clone)]
pub struct ActionItem {
    pub text: String,
    pub owner: Option<String>,
    pub priority: Option<String>,
    pub cite: Cite,
}

/// Everything extracted from one postmortem.
#[derive(Debug, Clone)]
pub struct Postmortem {
    pub doc: usize,
    pub title: Fact<String>,
    pub severity: Option<Fact<String>>,
    pub started_at: Option<Fact<Instant>>,
    pub ended_at: Option<Fact<Instant>>,
    pub detected_at: Option<Fact<Instant>>,
    pub duration_minutes: Option<Fact<i64>>,
    pub detected_by: Option<Fact<Detection>>,
    pub services: Vec<Fact<String>>,
    pub trigger: Option<Fact<String>>,
    pub root_cause: Option<Fact<String>>,
    pub action_items: Vec<ActionItem>,
    pub sentences: Vec<Sentence>,
}

/// Extracts every document's facts.
pub fn extract(docs: &[Document]) -> Vec<Postmortem> {
    docs.iter().enumerate().map(|(i, d)| postmortem(i, d)).collect()
}

/// One document's facts.
pub fn postmortem(i: usize, doc: &Document) -> Postmortem {
    let fields = fields::fields(doc);
    let sentences = sentences(doc, &fields);
    let title = title(i, doc);
    let mut pm = Postmortem {
        doc: i,
        title,
        severity: None,
        started_at: None,
        ended_at: None,
        detected_at: None,
        duration_minutes: None,
        detected_by: None,
        services: Vec::new(),
        trigger: None,
        root_cause: None,
        action_items: actions::action_items(i, doc, &sentences),
        sentences,
    };
    narrative::severity(&mut pm, &fields);
    narrative::times(&mut pm, doc, &fields);
    narrative::detection(&mut pm, &fields);
    narrative::services(&mut pm, &fields);
    narrative::causes(&mut pm, &fields);
    pm
}

/// The incident start a document labels ("started_at:", "| Start | … |"), for ordering
/// documents before extraction.
pub fn labelled_start(doc: &Document) -> Option<Instant> {
    let f = fields::fields(doc);
    let day = fields::first(&f, Key::Date).and_then(|d| times::instant(&d.value, doc.date)).map(|(t, _)| t.date_naive()).or(doc.date);
    f.iter().filter(|x| x.key == Key::Start).find_map(|x| times::instant(&x.value, day)).map(|(t, _)| t)
}

fn title(i: usize, doc: &Document) -> Fact<String> {
    let mut line = doc.blocks.iter().find(|b| b.text == doc.title).map_or(1, |b| b.line);
    if let Some(n) = (1..=doc.line_count().min(60)).find(|&n| doc.line_text(n).is_some_and(|t| t.contains(doc.title.as_str()))) {
        line = n;
    }
    let quote = if doc.line_text(line).is_some_and(|t| t.contains(doc.title.as_str())) { doc.title.clone() } else { String::new() };
    Fact { value: doc.title.clone(), cite: Cite { doc: i, line, quote: text::quote(&quote, 220) } }
}

/// The role of a heading, from the words in it.
pub fn role_of(heading: &str) -> Option<Role> {
    let h = heading.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    let role = if has(&["went well", "what worked", "where we got lucky", "lucky"]) {
        Role::WentWell
    } else if has(&[
        "action item",
        "follow-up",
        "follow up",
        "followup",
        "next step",
        "corrective",
        "preventive",
        "preventative",
        "remediation",
        "what we're doing",
        "what we are doing",
        "what we will do",
        "what we’re doing",
        "prevent",
        "improvement",
        "action plan",
        "todo",
        "to do",
        "fixes",
    ]) {
        Role::Actions
    } else if has(&["lesson", "what went wrong", "takeaway", "learning", "retrospective", "reflection"]) {
        Role::Lessons
    } else if has(&["trigger"]) {
        Role::Trigger
    } else if has(&[
        "root cause",
        "cause",
        "why it happened",
        "what went wrong",
        "analysis",
        "technical detail",
        "contributing",
        "what caused",
        "explanation",
    ]) {
        Role::Cause
    } else if has(&["timeline", "chronology", "sequence of events", "time line", "events"]) {
        Role::Timeline
    } else if has(&["detection", "detected", "how we found", "discovery"]) {
        Role::Detection
    } else if has(&["resolution", "mitigation", "recovery", "response", "restor", "fix"]) {
        Role::Resolution
    } else if has(&["impact", "customer", "user"]) {
        Role::Impact
    } else if has(&[
        "summary",
        "overview",
        "tl;dr",
        "tldr",
        "what happened",
        "description",
        "abstract",
        "incident",
        "introduction",
        "outage",
    ]) {
        Role::Summary
    } else {
        return None;
    };
    Some(role)
}

/// The document's sentences, each with the role of the heading it sits under. A front
/// matter `summary` counts as summary text at its line.
fn sentences(doc: &Document, fields: &[Field]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for f in fields.iter().filter(|f| f.key == Key::Summary && f.line < 40) {
        out.push(Sentence { line: f.line, text: f.value.clone(), role: Role::Summary, lead: true, heading: false });
    }
    // A section's own role, else its parent's (parents come first).
    let mut roles: Vec<Option<Role>> = Vec::with_capacity(doc.sections.len());
    for (i, s) in doc.sections.iter().enumerate() {
        let own = if i == 0 { None } else { role_of(&s.heading) };
        let inherited = s.parent.and_then(|p| roles.get(p).copied().flatten());
        roles.push(own.or(inherited));
    }
    let headed = doc.sections.len() > 2;
    let mut paragraphs = 0;
    // Plain-text write-ups label their parts inline: "Root cause: …", "Detection:".
    let mut label: Option<(usize, Role)> = None;
    for b in &doc.blocks {
        if label.is_some_and(|(section, _)| section != b.section) {
            label = None;
        }
        if matches!(b.kind, BlockKind::Paragraph)
            && let Some((head, _)) = b.text.split_once(':')
            && (1..=4).contains(&head.split_whitespace().count())
            && head.starts_with(|c: char| c.is_uppercase())
            && let Some(r) = role_of(head)
        {
            label = Some((b.section, r));
        }
        let role = label.map(|(_, r)| r).or(roles.get(b.section).copied().flatten());
        let is_heading = matches!(b.kind, BlockKind::Heading(_));
        if is_heading && b.text == doc.title {
            out.push(Sentence { line: b.line, text: b.text.clone(), role: Role::Title, lead: false, heading: true });
            continue;
        }
        let role = role.unwrap_or(Role::Body);
        if matches!(b.kind, BlockKind::Paragraph) {
            paragraphs += 1;
        }
        let lead = !headed && paragraphs <= 2 && !is_heading;
        if is_heading || matches!(b.kind, BlockKind::TableRow { .. }) {
            out.push(Sentence { line: b.line, text: b.text.clone(), role, lead, heading: is_heading });
            continue;
        }
        for (off, s) in text::sentences(&b.text) {
            out.push(Sentence { line: b.line_at(off), text: s.to_string(), role, lead, heading: false });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pm(text: &str) -> Postmortem {
        postmortem(0, &crate::load::parse("pm.md".into(), text.into(), String::new()))
    }

    #[test]
    fn tags_sentences_with_their_section() {
        let p = pm(
            "# Outage\n\n## Summary\n\nThe API failed.\n\n## Root Cause\n\nA bad flag. It spread.\n\n## Action Items\n\n- Add a canary\n",
        );
        let roles: Vec<(Role, &str)> = p.sentences.iter().filter(|s| !s.heading).map(|s| (s.role, s.text.as_str())).collect();
        assert_eq!(
            roles,
            [
                (Role::Summary, "The API failed."),
                (Role::Cause, "A bad flag."),
                (Role::Cause, "It spread."),
                (Role::Actions, "Add a canary")
            ]
        );
    }
}
