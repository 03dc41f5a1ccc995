//! Claims on a team's whole time ("fully allocated to", "on loan to", "the whole SRE
//! pod") with their purpose and window.

use super::*;

pub(crate) static CAPS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:[A-Z][a-zA-Z0-9&+]*|[A-Z]{2,})(?:\s+(?:[A-Z][a-zA-Z0-9&+]*|[A-Z]{2,}))*").expect("regex"));
pub(crate) static UNTIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:through|thru|until|till|to)\b[^.;]{0,30}$").expect("regex"));

/// The team a claim is about: a known team, else the capitalised name nearest the cue
/// (before it for "X is fully allocated", after it for "owned by X").
pub(crate) fn claimed_team(s: &Statement, teams: &Teams, cue: (usize, usize)) -> Option<String> {
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
pub(crate) fn claim_span(s: &Statement, doc: &Document) -> Option<Span> {
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
pub(crate) fn claims(s: &Statement, teams: &Teams, doc: &Document) -> Vec<Claim> {
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
