//! Facts of a leadership update: priority statements, directives with their direction,
//! dependencies, freeze windows, dated deliverables and claims on a team's time. Each
//! comes from one statement and keeps its citation.

use super::cues::*;
use super::{Cite, Statement};
use crate::dates::{Mention, Span};
use crate::document::{BlockKind, Document};
use crate::text::clip_words;
use crate::topics::{self, terms};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

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

static LEAD_MARKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\[?\(?P[0-3]\)?\]?|(?:top|#1|highest|first|second|third|key|main|next) priority(?: is| remains)?|priority(?: \d)?|must[- ]land|must[- ]have|flagship|new|update|goal \d+|o\d+|kr\s?\d+(?:\.\d+)?|\d+[.)])\s*[:—–\-.]*\s*").expect("regex")
});
static SUBJECT_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[:;!?(]|\.(?:\s|$)| — | – | - ").expect("regex"));
static IS_PRIORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.{3,90}?)\s+(?:is|are|remains?|stays?|becomes?)\s+(?:now\s+|still\s+)?(?:our|the|a|my)\s+(?:#1|top|number[- ]one|highest|first|biggest|key|main|single most important)\s+(?:priority|goal|focus)|(?:#1|top|number[- ]one|highest|first|biggest|key|main|second|third|next)\s+(?:priority|goal|focus)(?:\s+[\w']+){0,3}?\s*(?:is|remains|:|—|–)\s*(.{3,90})|^(?:\W*\d+[.)]\s*)?(?:second|third|fourth|fifth|next|last)(?:\s+up)?\s*(?:is|:|—|–)\s*(.{3,90})").expect("regex")
});

static WEAK_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:this|it|that|these|they|those|we|we're|we've|i|i'm|our|he|she|go-live|go live|ga|launch|launching|target|targeting|targeted|planning|plan is|the plan is|aiming|eta|due|date|deadline|timeline|status|update|note|next|still|also|then|so)\b").expect("regex")
});

/// Whether a subject says too little on its own ("This is a new P0", "GA is now Nov 6").
pub fn weak(subject: &str) -> bool {
    WEAK_START.is_match(subject)
        || PRONOUN_END.is_match(subject.trim_end_matches(['.', '!', ',']))
        || terms(subject).len() < 2 && !subject.chars().any(|c| c.is_ascii_digit())
}

/// The thing a statement is about; when its own words are a pronoun or a bare date,
/// the label or item it belongs to, else its section heading.
pub fn subject(s: &Statement) -> String {
    let own = own_subject(s);
    if !weak(&own) {
        return own;
    }
    let block_lead = crate::text::sentences(&s.block_text).first().map_or("", |x| x.1);
    for candidate in [s.context.as_str(), block_lead] {
        if !candidate.is_empty() {
            let c = lead_phrase(candidate);
            if !weak(&c) {
                return c;
            }
        }
    }
    if !s.heading.is_empty() && !s.class.priority && !s.class.noise {
        return clean_subject(&s.heading);
    }
    own
}

static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:KR\s?\d+(?:\.\d+)*|O\d+|[A-Z][A-Z0-9]+-\d+)\b").expect("regex"));

/// Tracker and OKR identifiers in a statement ("KR2.1", "O4", "PAY-123"): they name one
/// piece of work wherever they appear.
pub fn ids(text: &str) -> Vec<String> {
    ID.find_iter(text).map(|m| m.as_str().replace(' ', "").to_lowercase()).collect()
}

/// "the ranked list for the quarter:", "restated the order through year-end:".
static LIST_INTRO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:ranked|ranking|order|list|top \d|top (?:three|five)|priorities|focus)\b").expect("regex"));

/// "@maria 09:17 — …", "↳ @amara 14:40 — …": who said it and when, not what.
static CHAT_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W*(?:↳\s*)?@[\w.-]+\W*(?:\d{1,2}:\d{2}\s*(?:[ap]m)?)?\s*[—–:-]\s*").expect("regex"));

fn lead_phrase(text: &str) -> String {
    let text = &CHAT_PREFIX.replace(text, "");
    if let Some((head, tail)) = text.split_once(':')
        && MARKER.is_match(head)
        && head.split_whitespace().count() <= 6
        && terms(tail).len() >= 2
    {
        return lead_phrase(tail);
    }
    let stripped = LEAD_MARKS.replace(text.trim(), "");
    let stripped = LEAD_MARKS.replace(&stripped, "");
    let lead = SUBJECT_END.find(&stripped).map_or(&stripped[..], |m| &stripped[..m.start()]);
    let lead = if lead.split_whitespace().count() >= 2 { lead } else { &stripped };
    clean_subject(lead)
}

fn own_subject(s: &Statement) -> String {
    if let BlockKind::TableRow { header, cells } = &s.kind {
        let col = header.iter().position(|h| SUBJECT_COLUMN.is_match(h) && !PRIORITY_COLUMN.is_match(h));
        let cell = col.and_then(|i| cells.get(i)).or_else(|| cells.iter().find(|c| c.split_whitespace().count() >= 2));
        return clean_subject(cell.map_or(s.text.as_str(), |c| c.as_str()));
    }
    if let Some(c) = IS_PRIORITY.captures(&s.text) {
        let m = c.get(1).or(c.get(2)).or(c.get(3)).map_or("", |m| m.as_str());
        return clean_subject(m);
    }
    lead_phrase(&s.text)
}

fn clean_subject(s: &str) -> String {
    // Parentheticals elaborate ("Scheduler v2 GA (queues, quotas, preemption)"); the title
    // is what comes before them.
    let unparen = PARENS.replace_all(s, "");
    let s = if terms(&unparen).is_empty() { s } else { &unparen };
    let s = s.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '%');
    let s = s.strip_prefix("Our ").or_else(|| s.strip_prefix("our ")).unwrap_or(s);
    let mut out = clip_words(s, 12);
    if let Some(first) = out.get(..1) {
        out = first.to_uppercase() + &out[1..];
    }
    out
}

static TOP_N: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\btop\s+(two|three|four|five|[2-9])\b[^.:;]{0,40}?\b(?:are|is|remain|:)\s+(.+?)\.?$").expect("regex")
});
/// "The portal, the rate engine and SOC 2 remain our top three".
static TOP_N_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.{5,200}?)\s+(?:remain|are|stay|continue to be|become)\s+(?:our|the)\s+top\s+(two|three|four|five|[2-9])\b")
        .expect("regex")
});
static LIST_SEP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r",\s*(?:and\s+|then\s+)?|;\s*|\s+and\s+(?:then\s+)?").expect("regex"));

/// "Our top three this quarter are A, B and C": one priority per item, in order.
fn inline_list(s: &Statement) -> Vec<PriorityFact> {
    let (n, list) = match (TOP_N.captures(&s.text), TOP_N_AFTER.captures(&s.text)) {
        (Some(c), _) => (c[1].to_lowercase(), c.get(2).map_or("", |m| m.as_str())),
        (None, Some(c)) => (c[2].to_lowercase(), c.get(1).map_or("", |m| m.as_str())),
        _ => return Vec::new(),
    };
    let items: Vec<&str> = LIST_SEP.split(list).map(str::trim).filter(|i| !i.is_empty()).collect();
    if items.len() < 2 || items.len() > 7 {
        return Vec::new();
    }
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let subject = clean_subject(item.trim_start_matches("the ").trim_start_matches("The "));
            let t = terms(&subject);
            (!t.is_empty()).then(|| PriorityFact {
                subject,
                terms: t,
                weight: 3.0 - 0.2 * i as f64,
                marker: format!("#{} of the top {n}", i + 1),
                listed: true,
                section: s.heading.clone(),
                cite: s.cite(),
            })
        })
        .collect()
}

/// A priority fact when the statement carries priority evidence.
fn priority(s: &Statement) -> Option<PriorityFact> {
    let label_only = s.text.trim_end().ends_with(':') && s.text.split_whitespace().count() <= 8;
    if label_only || matches!(s.kind, BlockKind::Heading(_)) && CONTAINER_HEADING.is_match(s.text.trim()) {
        return None;
    }
    let (mut weight, mut marker) = marker_weight(s)?;
    if s.bold {
        weight += 0.3;
    }
    if s.class.done {
        weight *= 0.5;
    }
    let subject = subject(s);
    let mut t = terms(&subject);
    if t.len() < 2 {
        t = s.terms.clone();
    }
    for id in ids(&s.text) {
        if !t.contains(&id) {
            t.push(id);
        }
    }
    if t.is_empty() || subject.len() < 3 {
        return None;
    }
    if marker.is_empty() {
        marker = "stated as a priority".into();
    }
    let listed =
        s.lead && matches!(s.kind, BlockKind::ListItem { .. } | BlockKind::TableRow { .. } | BlockKind::Heading(_) | BlockKind::Html);
    Some(PriorityFact { subject, terms: t, weight, marker, listed, section: s.heading.clone(), cite: s.cite() })
}

/// Weight and label of the strongest priority evidence in a statement.
fn marker_weight(s: &Statement) -> Option<(f64, String)> {
    let mut best: Option<(f64, String)> = None;
    fn consider(best: &mut Option<(f64, String)>, w: f64, label: String) {
        if best.as_ref().is_none_or(|(bw, _)| w > *bw) {
            *best = Some((w, label));
        }
    }
    if let BlockKind::TableRow { header, cells } = &s.kind
        && let Some(i) = header.iter().position(|h| PRIORITY_COLUMN.is_match(h.trim()))
        && let Some(v) = cells.get(i)
    {
        // A rank column ("1", "2", …) orders the plan: the first is the strongest.
        let ranked = header[i].trim().eq_ignore_ascii_case("rank") || header[i].trim() == "#";
        let w = match v.trim().trim_start_matches('#').parse::<u32>() {
            Ok(n) if ranked => (3.0 - 0.3 * (n.max(1) - 1) as f64).max(1.5),
            _ => level_weight(v),
        };
        if w > 0.0 {
            let label = if ranked { format!("rank {}", v.trim()) } else { v.trim().to_string() };
            consider(&mut best, w, label);
        }
    }
    for c in MARKER.captures_iter(&s.text) {
        let (w, label) = if let Some(p) = c.get(1) {
            (level_weight(p.as_str()), p.as_str().to_uppercase())
        } else if let Some(q) = c.get(2) {
            let q = q.as_str().to_lowercase();
            let w = match q.as_str() {
                "top"
                | "#1"
                | "number one"
                | "number-one"
                | "no. 1"
                | "no.1"
                | "no 1"
                | "highest"
                | "first"
                | "biggest"
                | "single most important"
                | "critical" => 3.0,
                "key" | "main" | "major" => 2.0,
                "most important" => 1.8,
                "second" | "next" => 1.8,
                _ => 1.2,
            };
            (w, c[0].to_lowercase())
        } else if let Some(m) = c.get(3) {
            let phrase = m.as_str().to_lowercase();
            (if phrase == "most important" { 1.8 } else { 2.6 }, phrase)
        } else if let Some(o) = c.get(5) {
            (2.0, o.as_str().to_string())
        } else if let Some(o) = c.get(6) {
            (1.8, format!("ranked {}", o.as_str().to_lowercase()))
        } else {
            (0.6, c[0].to_lowercase())
        };
        consider(&mut best, w, label);
    }
    let listed = matches!(s.kind, BlockKind::ListItem { .. } | BlockKind::TableRow { .. } | BlockKind::Html)
        || matches!(s.kind, BlockKind::Heading(l) if l >= 3);
    // A title-like entry of the section's own list: not a nested, quoted or long status bullet.
    // A nested list is the priority list when what holds it introduces one ("the ranked
    // list for the quarter:"), not when it is itself a priority with sub-points.
    let parent_lists_priorities = s.context.trim_end().ends_with(':')
        && (s.class.priority || PRIORITY_HEADING.is_match(&s.context.to_lowercase()) || LIST_INTRO.is_match(&s.context));
    let nested = matches!(s.kind, BlockKind::ListItem { depth, .. } if depth > 1) && !parent_lists_priorities
        || s.quoted
        || s.text.split_whitespace().count() > 14
        || WEAK_START.is_match(s.text.trim_start_matches(|c: char| !c.is_alphanumeric()));
    if s.class.priority && s.lead && listed && !nested {
        let ordinal = match s.kind {
            BlockKind::ListItem { ordinal: Some(n), depth: 1 } => n,
            _ => 0,
        };
        let bonus = match ordinal {
            1 => 0.9,
            2 => 0.6,
            3 => 0.3,
            _ => 0.0,
        };
        let label = if ordinal > 0 { format!("#{ordinal} under \"{}\"", s.heading) } else { format!("listed under \"{}\"", s.heading) };
        let emphasis = if STRONG_HEADING.is_match(&s.heading) {
            1.0
        } else if WEAK_HEADING.is_match(&s.heading) {
            -0.3
        } else {
            0.0
        };
        let w = 1.5 + bonus + emphasis;
        // An explicit level (P1) keeps its label; being on the list adds a little.
        match &mut best {
            Some((bw, _)) => *bw += 0.4,
            None => consider(&mut best, w, label),
        }
    }
    best
}

/// P0/critical → 3, P1/high → 2, P2/medium → 1, P3/low → 0.5.
fn level_weight(v: &str) -> f64 {
    match v.trim().to_lowercase().as_str() {
        "p0" | "0" | "critical" | "highest" | "must" | "must-have" | "urgent" => 3.0,
        "p1" | "1" | "high" | "should" => 2.0,
        "p2" | "2" | "medium" | "med" | "could" => 1.0,
        "p3" | "3" | "low" | "nice-to-have" | "won't" => 0.5,
        _ => 0.0,
    }
}

static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[,;:.!?()—–]|\s(?:for|by|in|on|until|through|before|after|so|because|while|and then|but|which|unless|if|to|from|at|as|during|since|once|when)\s").expect("regex")
});

/// The object of a directive: the phrase after the verb up to the clause's end.
fn object_after(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = CLAUSE_END.find(rest).map_or(rest.len(), |m| m.start());
    rest[..end].trim()
}

/// The phrase before a passive/noun directive ("the PO is on hold", "hiring freeze").
fn object_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let start =
        head.char_indices().rev().find(|(_, c)| [',', ';', ':', '.', '(', '—', '–'].contains(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let words: Vec<&str> = head[start..].split_whitespace().collect();
    let keep = words.len().saturating_sub(6);
    let from = head[start..].find(words.get(keep).copied().unwrap_or("")).map_or(start, |i| start + i);
    head[from..].trim_end_matches([' ', '\t']).trim_end_matches(" is").trim_end_matches(" are").trim_end_matches(" will be").trim()
}

/// "before the freeze", "a cut": the word is a noun here, not a directive.
static NOUN_USE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(?:the|a|an|this|that|any|its|their|our)\s+$").expect("regex"));

static PARTICIPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:not )?(?:frozen|paused|retired|deprecated|disabled|enabled|approved|cancell?ed|shelved|halted|sunset|(?:switched|turned) (?:on|off)|stays? \w+|remains? \w+)$").expect("regex")
});

static SPLIT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(switch\w*|turn\w*|keep\w*)\s+(.*?)\s*(?:back\s+)?(?:switched\s+|turned\s+)?(on|off|disabled|enabled|running|live|paused|frozen|on hold|dark)$").expect("regex")
});

/// Directives in a statement. A hypothetical one ("if we pause…") is not a directive; a
/// negated one points the other way ("we are NOT dropping tablets" keeps them).
fn directives(s: &Statement) -> Vec<Directive> {
    let mut out = Vec::new();
    for (re, stated) in [(&*UP, Direction::Up), (&*DOWN, Direction::Down)] {
        for m in re.find_iter(&s.text) {
            let before = &s.text[..m.start()];
            if HYPOTHETICAL.is_match(before)
                || NOUN_USE.is_match(before)
                || FREEZE_WINDOW.is_match(&s.text) && m.as_str().to_lowercase().starts_with("freez")
            {
                continue;
            }
            let negated = NEGATED.is_match(before);
            let direction = match (stated, negated) {
                (Direction::Up, true) => Direction::Down,
                (Direction::Down, true) => Direction::Up,
                (d, false) => d,
            };
            let mut verb = m.as_str().to_lowercase();
            if negated {
                verb = format!("not {verb}");
            }
            if let Some(c) = SPLIT_VERB.captures(m.as_str()).filter(|c| !terms(&c[2]).is_empty() || c[2].trim().eq_ignore_ascii_case("it"))
            {
                let mut object = c[2].trim_start_matches("the ").to_string();
                if terms(&object).is_empty() {
                    object = subject(s);
                }
                let t = terms(&object);
                if !t.is_empty() {
                    let resources = topics::resources(&t);
                    let verb = format!("{} {}", c[1].to_lowercase(), c[3].to_lowercase());
                    out.push(Directive {
                        direction,
                        verb,
                        names: names_in(&object, false),
                        quote_names: names_in(&s.text, true),
                        idents: idents_in(&s.text),
                        object,
                        terms: t,
                        resources,
                        cite: s.cite(),
                    });
                }
                continue;
            }
            // Participles and "stays off" describe what comes before them ("the box is
            // retired", "re-booking stays switched off", "the gateway gets scaled out").
            let before_word = s.text[..m.start()].split_whitespace().last().unwrap_or("").to_lowercase();
            let participle = PARTICIPLE.is_match(m.as_str()) || verb.starts_with("stay") || verb.starts_with("remain");
            let passive = verb.starts_with("on hold")
                || participle
                || ["gets", "get", "got", "is", "are", "was", "were", "be", "been", "being"].contains(&before_word.as_str())
                || verb.starts_with("freez")
                    && s.text[..m.start()].split_whitespace().last().is_some_and(|w| topics::resources(&terms(w)).len() == 1);
            let mut object =
                if passive { object_before(&s.text, m.start()).to_string() } else { object_after(&s.text, m.end()).to_string() };
            if terms(&object).is_empty() {
                object = object_before(&s.text, m.start()).to_string();
            }
            if terms(&object).is_empty() {
                // "It keeps running" does nothing to anything.
                if verb.starts_with("keep") {
                    continue;
                }
                // "retire it", "switch it on": the thing the statement is about.
                object = subject(s);
            }
            let t = terms(&object);
            if t.is_empty() {
                continue;
            }
            let mut resources = topics::resources(&t);
            if resources.is_empty() && verb.contains("hir") {
                resources.push("headcount");
            }
            out.push(Directive {
                direction,
                verb,
                names: names_in(&object, false),
                quote_names: names_in(&s.text, true),
                idents: idents_in(&s.text),
                object: clip_words(&object, 10),
                terms: t,
                resources,
                cite: s.cite(),
            });
        }
    }
    out
}

/// Code identifiers: snake_case names and anything that was in backticks.
fn idents_in(text: &str) -> Vec<String> {
    static IDENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b").expect("regex"));
    IDENT.captures_iter(text).map(|c| c[1].to_string()).collect()
}

/// Capitalised words and code identifiers (`billing_pg`, `ai_triage`) in a phrase, as
/// terms: the names that make two statements about the same thing. A sentence's first
/// word is skipped (it is capitalised anyway).
fn names_in(phrase: &str, skip_first: bool) -> Vec<String> {
    static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]{2,40})`|\b([a-z0-9]+(?:_[a-z0-9]+)+)\b").expect("regex"));
    let mut out: Vec<String> =
        CODE.captures_iter(phrase).filter_map(|c| c.get(1).or(c.get(2))).map(|m| m.as_str().to_lowercase()).collect();
    let words = phrase.split_whitespace().skip(usize::from(skip_first));
    for w in words.filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)) {
        for t in terms(w) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// Known team names, found from "X team" phrases, front matter, document titles
/// ("Data Platform: …") and owner columns.
pub struct Teams {
    pub names: Vec<String>,
    re: Option<Regex>,
}

static TEAM_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:[A-Z][\w&+/-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w&+/-]*|[A-Z]{2,})){0,2})(?:'s)?\s+(?:team|org|squad|pod|group|crew)\b")
        .expect("regex")
});
static TITLE_TEAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:[A-Z][\w&+/-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w&+/-]*|[A-Z]{2,})){0,3})\s*(?:—|–|-|:|\|)\s").expect("regex")
});
static CAPS_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:the\s+)?((?:[A-Z][\w&+/.-]*|[A-Z0-9]{2,})(?:\s+(?:[A-Z][\w&+/.-]*|[A-Z0-9]{2,}|v\d+(?:\.\d+)*))*)").expect("regex")
});
const NOT_TEAMS: &[&str] = &[
    "the", "our", "my", "this", "that", "each", "every", "whole", "entire", "your", "their", "his", "her", "one", "a", "an", "and", "we",
    "i", "new", "hi", "re", "fwd",
];

/// The team a document speaks for: front matter `team`, else a title prefix such as
/// "Data Platform: …" or "Model Serving — September update".
pub fn doc_team(doc: &Document) -> Option<String> {
    if let Some(t) = doc.meta.get("team").and_then(|v| v.as_str()) {
        return Some(t.trim().to_string());
    }
    let c = TITLE_TEAM.captures(&doc.title)?;
    let name = c[1].trim().to_string();
    (!NOT_TEAMS.contains(&name.to_lowercase().as_str())).then_some(name)
}

impl Teams {
    fn find(docs: &[Document], statements: &[Statement]) -> Teams {
        let mut names: BTreeSet<String> = docs.iter().filter_map(doc_team).collect();
        for s in statements {
            for c in TEAM_PHRASE.captures_iter(&s.text) {
                // "Marcus's team" names a person's team, not a team called Marcus.
                if c[0].contains("'s ") || c[0].contains("’s ") {
                    continue;
                }
                let words: Vec<&str> = c[1].split_whitespace().skip_while(|w| NOT_TEAMS.contains(&w.to_lowercase().as_str())).collect();
                if !words.is_empty() && words.join(" ").len() >= 2 {
                    names.insert(words.join(" "));
                }
            }
        }
        let mut names: Vec<String> = names.into_iter().filter(|n| !NOT_TEAMS.contains(&n.to_lowercase().as_str())).collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let re = (!names.is_empty()).then(|| {
            let alts: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
            Regex::new(&format!(r"(?i)\b(?:{})\b", alts.join("|"))).expect("team regex")
        });
        Teams { names, re }
    }

    /// Team names mentioned in `text`, in order, canonical spelling.
    pub fn in_text(&self, text: &str) -> Vec<String> {
        let Some(re) = &self.re else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for m in re.find_iter(text) {
            let canon = self.names.iter().find(|n| n.eq_ignore_ascii_case(m.as_str())).cloned().unwrap_or_else(|| m.as_str().to_string());
            if !out.contains(&canon) {
                out.push(canon);
            }
        }
        out
    }
}

static HANDLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"@[A-Za-z][\w.-]*[A-Za-z0-9]").expect("regex"));
static DONE_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s+(?:done|ready|finished|shipped|delivered|in prod|live)\b.*$").expect("regex"));
static CONDITION_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:is|are|gets?|has been|have been)\s+(?:frozen|done|ready|shipped|delivered|approved|signed off|merged|live|available|finished|landed)\b.*$").expect("regex")
});

static Y_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s*(?:and|but|so|which|while|because|since|as|though|although|who|so that)\b|\s[—–]\s|\s-\s|\s(?:so|which|because|since|but)\s").expect("regex")
});
static PRONOUN_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(?:that|this|it|them|those|these)\s*$").expect("regex"));

/// Dependencies stated in a sentence, or in a table's "Depends on" column.
fn dependencies(s: &Statement, teams: &Teams, doc: &Document) -> Vec<DependencyFact> {
    if let BlockKind::TableRow { header, cells } = &s.kind {
        return table_dependencies(s, header, cells, teams, doc);
    }
    let mut out = Vec::new();
    // Every dependency phrase: (where it starts, the cue, what is waited on).
    let mut hits: Vec<(usize, &str, &str)> = Vec::new();
    for re in [&*DEPENDENCY, &*CONDITION_DEP, &*NEEDS_THING] {
        for c in re.captures_iter(&s.text) {
            let whole = c.get(0).expect("match");
            let Some(y) = c.name("y") else { continue };
            if !hits.iter().any(|&(at, _, _)| at == whole.start()) {
                hits.push((whole.start(), &s.text[whole.start()..y.start()], y.as_str()));
            }
        }
    }
    hits.sort_by_key(|h| h.0);
    for (start, cue, y) in hits {
        let whole_start = start;
        let before = &s.text[..whole_start];
        let cue_lower = cue.to_lowercase();
        if NEGATED.is_match(before) && !cue_lower.contains("until") {
            continue;
        }
        let y = Y_END.find(y).map_or(y, |m| &y[..m.start()]).trim();
        if y.is_empty() || PRONOUN_END.is_match(y) || cue_lower.starts_with("once") && teams.in_text(y).is_empty() {
            continue;
        }
        // "if the event schema is frozen by Thursday": the thing itself is waited on.
        let y = CONDITION_TAIL.replace(y, "").to_string();
        let y = y.as_str();
        let (mut on, mut what) = split_provider(y, teams);
        // "@amara can your team get …", "… needs the X endpoint. @dev we need that by …":
        // the person asked is the provider.
        if cue_lower.starts_with("can ") || cue_lower.starts_with("need") && !cue_lower.contains(" from") && !cue_lower.contains(" to ") {
            let asked = HANDLE.find(before).or_else(|| HANDLE.find(&s.follow_text)).map(|h| h.as_str().to_string());
            match asked {
                Some(handle) if teams.in_text(y).is_empty() => {
                    on = handle;
                    what = strip_date_words(&DONE_TAIL.replace(y, ""));
                }
                None if teams.in_text(y).is_empty() && CAPS_RUN.captures(y).is_none() => continue,
                _ => {}
            }
        }
        if cue_lower.contains(" from") || cue_lower.starts_with("need") && cue_lower.contains(" to ") {
            // "needs X from Y" / "need Y to deliver X": the thing is in the cue, the provider after it.
            let z = cue.split_whitespace().skip(1).collect::<Vec<_>>().join(" ");
            let z = z.trim_end_matches("from").trim();
            match teams.in_text(cue).into_iter().next() {
                Some(t) => {
                    on = t;
                    what = strip_date_words(y);
                }
                None if !z.is_empty() => what = z.to_string(),
                None => {}
            }
        }
        let dependent = teams.in_text(before).into_iter().find(|t| *t != on).unwrap_or_else(|| default_dependent(s, doc, teams));
        if !plausible_provider(&on) || on.eq_ignore_ascii_case(&dependent) && what.is_empty() {
            continue;
        }
        if what.is_empty() {
            what = subject(s);
        }
        let due = s.dates.iter().find(|m| m.start >= whole_start).or(s.dates.first()).or(s.follow_dates.first()).map(|m| m.span);
        out.push(DependencyFact {
            dependent,
            depends_on: on,
            terms: terms(&what),
            deliverable: clip_words(&what, 12),
            due,
            cite: s.cite(),
        });
    }
    out
}

fn table_dependencies(s: &Statement, header: &[String], cells: &[String], teams: &Teams, doc: &Document) -> Vec<DependencyFact> {
    let mut out = Vec::new();
    for (i, h) in header.iter().enumerate() {
        // "Who is waiting" names the dependent; "Waiting on"/"Blocked by" the provider.
        let provider_column = DEPENDS_COLUMN.is_match(h) && !h.to_lowercase().starts_with("who");
        let Some(v) = cells.get(i).filter(|v| provider_column && !is_blank(v)) else {
            continue;
        };
        let waiting = header
            .iter()
            .position(|h| h.to_lowercase().starts_with("who") || h.eq_ignore_ascii_case("dependent"))
            .and_then(|j| cells.get(j));
        let owner = header.iter().position(|h| OWNER_COLUMN.is_match(h)).and_then(|j| cells.get(j));
        let row_due = header.iter().position(|h| DATE_COLUMN.is_match(h)).and_then(|j| cells.get(j)).and_then(|c| first_span(s, c));
        let cell_due = first_span_in(s, v);
        // The cell may be a sentence ("Blocked on Legal signing off the ToS — needed by Oct 9").
        let y = DEPENDENCY.captures(v).and_then(|c| c.name("y")).map_or(v.as_str(), |m| m.as_str());
        let y = Y_END.find(y).map_or(y, |m| &y[..m.start()]);
        let (on, what) = match y.split_once(':') {
            Some((p, w)) if p.split_whitespace().count() <= 4 => (p.trim().to_string(), w.trim().to_string()),
            _ => split_provider(y, teams),
        };
        let dependent = match waiting.filter(|w| !is_blank(w)) {
            Some(w) => w.clone(),
            None => teams.in_text(owner.map_or("", |o| o.as_str())).into_iter().next().unwrap_or_else(|| default_dependent(s, doc, teams)),
        };
        let named = header.iter().position(|h| DELIVERABLE_COLUMN.is_match(h.trim())).and_then(|j| cells.get(j)).filter(|c| !is_blank(c));
        let what = match named {
            Some(w) => w.clone(),
            None if what.is_empty() => subject(s),
            None => what,
        };
        if !plausible_provider(&on) {
            continue;
        }
        out.push(DependencyFact {
            dependent,
            depends_on: on,
            terms: terms(&what),
            deliverable: clip_words(&what, 12),
            due: cell_due.or(row_due),
            cite: s.cite(),
        });
    }
    out
}

/// The first date written inside `cell` (a part of the statement).
fn first_span_in(s: &Statement, cell: &str) -> Option<Span> {
    let at = s.text.find(cell.trim())?;
    let end = at + cell.trim().len();
    s.dates.iter().find(|m| m.start >= at && m.end <= end).map(|m| m.span)
}

/// A provider must name something: letters, not a bare version or pronoun.
fn plausible_provider(on: &str) -> bool {
    on.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !terms(on).is_empty()
}

fn is_blank(v: &str) -> bool {
    let v = v.trim().trim_end_matches('.').to_lowercase();
    matches!(
        v.as_str(),
        "" | "-" | "—" | "–" | "n/a" | "na" | "none" | "nothing" | "tbd" | "no" | "see below" | "see above" | "see notes" | "?"
    )
}

static PARENS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*\([^)]*\)").expect("regex"));

static DATE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:by|before|no later than|until|in|on|around|for)\s+(?:the\s+)?(?:end of|early|mid|late|start of|\d|q[1-4]|h[12]|eo[qmyw]\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|next|this|week|wk|mon|tue|wed|thu|fri).*$").expect("regex")
});

fn strip_date_words(s: &str) -> String {
    DATE_WORDS.replace(s.trim(), "").trim().to_string()
}

/// Splits what is waited on into provider and deliverable: a known team in it, else the
/// capitalised name it starts with ("Security to finish the audit"), else the phrase.
fn split_provider(y: &str, teams: &Teams) -> (String, String) {
    let y = PARENS.replace_all(y, "");
    let y = strip_date_words(&y.split_whitespace().collect::<Vec<_>>().join(" "));
    let rest_after = |name: &str| {
        // Drop the name (and a possessive or "team" right after it) wherever it occurs.
        let what =
            match y.to_lowercase().find(&name.to_lowercase()).filter(|&at| y.is_char_boundary(at) && y.is_char_boundary(at + name.len())) {
                Some(at) => {
                    let mut after = y[at + name.len()..].trim_start();
                    for suffix in ["'s", "’s", "team"] {
                        after = after.strip_prefix(suffix).unwrap_or(after).trim_start();
                    }
                    format!("{} {after}", &y[..at])
                }
                None => y.clone(),
            };
        let what = what.trim().trim_start_matches("the ").trim_start_matches(|c: char| !c.is_alphanumeric()).trim().to_string();
        let what = what.strip_prefix("to ").unwrap_or(&what);
        clip_words(what, 12)
    };
    if let Some(team) = teams.in_text(&y).into_iter().next() {
        let what = rest_after(&team);
        return (team, what);
    }
    if let Some(c) = CAPS_RUN.captures(&y) {
        let name = c[1].trim().to_string();
        let what = rest_after(&name);
        if !what.is_empty() && name.split_whitespace().count() <= 4 {
            return (name, what);
        }
    }
    (clip_words(&y, 10), String::new())
}

/// Who waits when the sentence does not say: the section's team, the document's team,
/// its author, its title.
fn default_dependent(s: &Statement, doc: &Document, teams: &Teams) -> String {
    let team = teams.in_text(&s.heading).into_iter().next().or_else(|| doc_team(doc));
    let item = (!s.context.is_empty()).then(|| lead_phrase(&s.context)).filter(|c| !weak(c));
    match (team, item) {
        (Some(t), Some(i)) => format!("{t} ({i})"),
        (Some(t), None) => t,
        (None, Some(i)) => i,
        // In a chat log, whoever said it is the one waiting.
        (None, None) => CHAT_PREFIX
            .find(&s.block_text)
            .and_then(|p| HANDLE.find(p.as_str()))
            .map(|h| h.as_str().to_string())
            .or_else(|| doc.author.clone())
            .unwrap_or_else(|| doc.title.clone()),
    }
}

fn first_span(s: &Statement, cell: &str) -> Option<Span> {
    s.dates.iter().find(|m| s.text[m.start..m.end].trim() == cell.trim() || cell.contains(s.text[m.start..m.end].trim())).map(|m| m.span)
}

/// A freeze of changes (not of hiring or spend) and where it is written: a named kind
/// ("change freeze", "quiet period") or any "… freeze" that a date window follows.
fn freeze_window(text: &str) -> Option<(usize, usize)> {
    if let Some(m) = FREEZE_WINDOW.find(text) {
        return Some((m.start(), m.end()));
    }
    // "Peak-season freeze: Nov 23 – Jan 4": a qualifying noun (not "the freeze"), not a
    // resource ("hiring freeze"), and the window written right after it.
    let m = ANY_FREEZE.captures(text)?;
    let qualifier = m.get(1)?.as_str().trim().to_lowercase();
    let resource = !topics::resources(&terms(&qualifier)).is_empty()
        || ["hiring", "headcount", "spend", "budget", "pay", "salary", "price"].iter().any(|w| qualifier.contains(w));
    let function_word =
        ["the", "a", "an", "this", "that", "our", "any", "before", "after", "during", "until", "of", "in"].contains(&qualifier.as_str());
    let whole = m.get(0)?;
    let dated_after = crate::dates::find(&text[whole.end()..], crate::dates::today()).first().is_some_and(|d| d.start <= 12);
    (!resource && !function_word && dated_after).then_some((whole.start(), whole.end()))
}

static ANY_FREEZE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b([\w-]+\s+)?(?:freeze|blackout|moratorium)\b").expect("regex"));

/// The window of a freeze: the date right after the freeze phrase ("freeze: Nov 23–Dec 1",
/// "freeze runs Nov 23–Dec 1"), else right before it ("the Nov 23 freeze"). A freeze
/// mentioned without its dates sets no window.
fn freeze_span(s: &Statement, start: usize, end: usize) -> Option<Span> {
    let after = s.dates.iter().find(|m| m.start >= end && m.start - end <= 60);
    let before = || s.dates.iter().rev().find(|m| m.end <= start && start - m.end <= 30);
    after.or_else(before).map(|m| m.span)
}

/// Dated deliverables in a statement: future-facing dates tied to a subject.
fn dated(s: &Statement, doc: &Document) -> Vec<Dated> {
    let title = matches!(s.kind, BlockKind::Heading(1)) || FIELD_LINE.is_match(&s.text);
    if s.dates.is_empty()
        || title
        || s.class.noise
        || s.class.done && !DEADLINE.is_match(&s.text)
        || !matches!(s.kind, BlockKind::TableRow { .. }) && DEPENDENCY.is_match(&s.text)
    {
        return Vec::new();
    }
    let mentions: Vec<&Mention> = match &s.kind {
        BlockKind::TableRow { header, cells } => header
            .iter()
            .position(|h| DATE_COLUMN.is_match(h))
            .and_then(|j| cells.get(j))
            .map(|c| s.dates.iter().filter(|m| c.contains(s.text[m.start..m.end].trim())).collect())
            .unwrap_or_default(),
        _ => s.dates.iter().collect(),
    };
    let mut out = Vec::new();
    for m in mentions {
        // The words that govern a date: before it, and after it up to the end of its clause.
        let after = &s.text[m.end..];
        let after = &after[..after.find(['(', ',', ';', '.']).unwrap_or(after.len()).min(after.len())];
        let around = format!("{} {}", window(&s.text, m.start, 60), after.chars().take(30).collect::<String>());
        if DONE.is_match(&around) && !around.to_lowercase().contains("will") || BASELINE.is_match(&window(&s.text, m.start, 16)) {
            continue;
        }
        if let Some(d) = doc.date
            && m.span.end < d - chrono::Duration::days(3)
        {
            continue;
        }
        let subject = subject(s);
        let mut t = terms(&subject);
        t.retain(|w| !crate::topics::terms(&s.text[m.start..m.end]).contains(w));
        for id in ids(&format!("{} {}", s.text, s.context)) {
            if !t.contains(&id) {
                t.push(id);
            }
        }
        if t.is_empty() {
            continue;
        }
        let is_launch = LAUNCH.is_match(&around) || matches!(s.kind, BlockKind::TableRow { .. }) && LAUNCH.is_match(&s.text);
        let stages = STAGE.find_iter(&s.text).map(|x| canonical_stage(x.as_str())).collect();
        out.push(Dated {
            subject,
            terms: t,
            span: m.span,
            when: s.text[m.start..m.end].trim().to_string(),
            is_launch,
            by: BY.is_match(&window(&s.text, m.start, 24)),
            stages,
            cite: s.cite(),
        });
    }
    out
}

/// ":Date: 2026-11-02", "Date: …": a document's metadata, not a commitment.
static FIELD_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^:?(?:date|author|owner|from|to|cc|sent|distribution|updated|published):").expect("regex"));

/// One spelling per release stage: "begins"/"start"/"kick-off" are all a start.
fn canonical_stage(stage: &str) -> String {
    let s = stage.to_lowercase().replace('-', " ");
    match s.as_str() {
        "starts" | "start" | "begin" | "begins" | "kick off" | "kickoff" | "kicks off" => "start".into(),
        "general availability" => "ga".into(),
        "switched off" | "turned off" | "turn off" | "switch off" | "shutdown" | "shut down" => "shutdown".into(),
        "cutover" | "cut over" => "cutover".into(),
        _ => s,
    }
}

/// "by Sep 30", "no later than Oct 1": a deadline, met by anything earlier.
static BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:by|before|no later than|not later than)\s+(?:the\s+)?(?:end of\s+)?$").expect("regex"));

/// "vs Q3 run-rate", "than last quarter": a date used as a baseline, not a deadline.
static BASELINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:vs\.?|versus|compared (?:to|with)|than|since|last|previous)\s+(?:the\s+)?$").expect("regex"));

/// Text within `radius` bytes before `at` (to the clause start) — the words that govern a date.
fn window(text: &str, at: usize, radius: usize) -> String {
    let mut start = at.saturating_sub(radius);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..at].to_string()
}

static CAPS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:[A-Z][a-zA-Z0-9&+]*|[A-Z]{2,})(?:\s+(?:[A-Z][a-zA-Z0-9&+]*|[A-Z]{2,}))*").expect("regex"));
static UNTIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(?:through|thru|until|till|to)\b[^.;]{0,30}$").expect("regex"));

/// The team a claim is about: a known team, else the capitalised name nearest the cue
/// (before it for "X is fully allocated", after it for "owned by X").
fn claimed_team(s: &Statement, teams: &Teams, cue: (usize, usize)) -> Option<String> {
    if let Some(t) = teams.in_text(&s.text).into_iter().next() {
        return Some(t);
    }
    let passive = s.text[cue.0..cue.1].to_lowercase().ends_with(" by");
    let candidates = CAPS.find_iter(&s.text).filter(|m| {
        let w = m.as_str().to_lowercase();
        let multi = m.as_str().contains(' ') || m.as_str().chars().all(|c| c.is_ascii_uppercase());
        (m.start() > 0 || multi) && !NOT_TEAMS.contains(&w.as_str()) && !topics::terms(&w).is_empty()
    });
    let best = if passive {
        candidates.filter(|m| m.start() >= cue.1).min_by_key(|m| m.start() - cue.1)
    } else {
        candidates.filter(|m| m.end() <= cue.0).max_by_key(|m| m.end())
    };
    best.map(|m| m.as_str().to_string())
}

/// A claim's window: its own dates, else its block's; "through Nov 12" runs from the
/// document date.
fn claim_span(s: &Statement, doc: &Document) -> Option<Span> {
    let r = s.reference;
    let own = s.dates.first().map(|m| (m.span, UNTIL.is_match(&s.text[..m.start])));
    let block = || crate::dates::find(&s.block_text, r).into_iter().next().map(|m| (m.span, UNTIL.is_match(&s.block_text[..m.start])));
    let (span, until) = own.or_else(block)?;
    Some(match (until, doc.date) {
        (true, Some(d)) if d < span.end => Span { start: d, end: span.end },
        _ => span,
    })
}

/// Claims on a team's whole time or capacity.
fn claims(s: &Statement, teams: &Teams, doc: &Document) -> Vec<Claim> {
    let Some(m) = CLAIM.find(&s.text) else {
        return Vec::new();
    };
    let Some(team) = claimed_team(s, teams, (m.start(), m.end())) else {
        return Vec::new();
    };
    let passive = m.as_str().to_lowercase().ends_with(" by");
    let purpose_text = if passive { format!("{} {}", &s.text[..m.start()], s.context) } else { s.text[m.end()..].to_string() };
    let team_terms = terms(&team);
    let without_team = |text: &str| terms(text).into_iter().filter(|t| !team_terms.contains(t)).collect::<Vec<_>>();
    // "So, the whole SRE pod." names the team; the sentence before says what for.
    let mut purpose = without_team(&purpose_text);
    if purpose.is_empty() {
        purpose = without_team(&s.context);
    }
    if purpose.is_empty() {
        return Vec::new();
    }
    vec![Claim { team, purpose, span: claim_span(s, doc), cite: s.cite() }]
}
