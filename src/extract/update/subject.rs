//! What a statement is about: its lead phrase, or — when that is a pronoun, a bare
//! date or a chat prefix — the label, item or heading it belongs to.

use super::*;

pub(crate) static LEAD_MARKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\[?\(?P[0-3]\)?\]?|(?:top|#1|highest|first|second|third|key|main|next) priority(?: is| remains)?|priority(?: \d)?|must[- ]land|must[- ]have|flagship|new|update|goal \d+|o\d+|kr\s?\d+(?:\.\d+)?|\d+[.)])\s*[:—–\-.]*\s*").expect("regex")
});
pub(crate) static SUBJECT_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[:;!?(]|\.(?:\s|$)| — | – | - ").expect("regex"));
pub(crate) static IS_PRIORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.{3,90}?)\s+(?:is|are|remains?|stays?|becomes?)\s+(?:now\s+|still\s+)?(?:our|the|a|my)\s+(?:#1|top|number[- ]one|highest|first|biggest|key|main|single most important)\s+(?:priority|goal|focus)|(?:#1|top|number[- ]one|highest|first|biggest|key|main|second|third|next)\s+(?:priority|goal|focus)(?:\s+[\w']+){0,3}?\s*(?:is|remains|:|—|–)\s*(.{3,90})|^(?:\W*\d+[.)]\s*)?(?:second|third|fourth|fifth|next|last)(?:\s+up)?\s*(?:is|:|—|–)\s*(.{3,90})").expect("regex")
});

pub(crate) static WEAK_START: LazyLock<Regex> = LazyLock::new(|| {
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

pub(crate) static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:KR\s?\d+(?:\.\d+)*|O\d+|[A-Z][A-Z0-9]+-\d+)\b").expect("regex"));

/// Tracker and OKR identifiers in a statement ("KR2.1", "O4", "PAY-123"): they name one
/// piece of work wherever they appear.
pub fn ids(text: &str) -> Vec<String> {
    ID.find_iter(text).map(|m| m.as_str().replace(' ', "").to_lowercase()).collect()
}

/// "the ranked list for the quarter:", "restated the order through year-end:".
pub(crate) static LIST_INTRO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:ranked|ranking|order|list|top \d|top (?:three|five)|priorities|focus)\b").expect("regex"));

/// "@maria 09:17 — …", "↳ @amara 14:40 — …": who said it and when, not what.
pub(crate) static CHAT_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W*(?:↳\s*)?@[\w.-]+\W*(?:\d{1,2}:\d{2}\s*(?:[ap]m)?)?\s*[—–:-]\s*").expect("regex"));

pub(crate) fn lead_phrase(text: &str) -> String {
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

pub(crate) fn own_subject(s: &Statement) -> String {
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

pub(crate) fn clean_subject(s: &str) -> String {
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
