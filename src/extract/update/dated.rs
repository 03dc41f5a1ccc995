//! Dated deliverables and freeze windows: which dates in a statement are commitments
//! (not baselines, past events or metadata), their release stage, and change freezes.

use super::*;

/// A freeze of changes (not of hiring or spend) and where it is written: a named kind
/// ("change freeze", "quiet period") or any "… freeze" that a date window follows.
pub(crate) fn freeze_window(text: &str) -> Option<(usize, usize)> {
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

pub(crate) static ANY_FREEZE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b([\w-]+\s+)?(?:freeze|blackout|moratorium)\b").expect("regex"));

/// The window of a freeze: the date right after the freeze phrase ("freeze: Nov 23–Dec 1",
/// "freeze runs Nov 23–Dec 1"), else right before it ("the Nov 23 freeze"). A freeze
/// mentioned without its dates sets no window.
pub(crate) fn freeze_span(s: &Statement, start: usize, end: usize) -> Option<Span> {
    let after = s.dates.iter().find(|m| m.start >= end && m.start - end <= 60);
    let before = || s.dates.iter().rev().find(|m| m.end <= start && start - m.end <= 30);
    after.or_else(before).map(|m| m.span)
}

/// Dated deliverables in a statement: future-facing dates tied to a subject.
pub(crate) fn dated(s: &Statement, doc: &Document) -> Vec<Dated> {
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
pub(crate) static FIELD_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^:?(?:date|author|owner|from|to|cc|sent|distribution|updated|published):").expect("regex"));

/// One spelling per release stage: "begins"/"start"/"kick-off" are all a start.
pub(crate) fn canonical_stage(stage: &str) -> String {
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
pub(crate) static BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:by|before|no later than|not later than)\s+(?:the\s+)?(?:end of\s+)?$").expect("regex"));

/// "vs Q3 run-rate", "than last quarter": a date used as a baseline, not a deadline.
pub(crate) static BASELINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:vs\.?|versus|compared (?:to|with)|than|since|last|previous)\s+(?:the\s+)?$").expect("regex"));

/// Text within `radius` bytes before `at` (to the clause start) — the words that govern a date.
pub(crate) fn window(text: &str, at: usize, radius: usize) -> String {
    let mut start = at.saturating_sub(radius);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..at].to_string()
}
