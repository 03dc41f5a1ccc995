//! Dependencies: who waits on whom for what, by when — from phrases ("blocked on",
//! "needs X from Y by DATE", "@amara can your team…") and from dependency table columns.

use super::*;

pub(crate) static HANDLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"@[A-Za-z][\w.-]*[A-Za-z0-9]").expect("regex"));
pub(crate) static DONE_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s+(?:done|ready|finished|shipped|delivered|in prod|live)\b.*$").expect("regex"));
pub(crate) static CONDITION_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:is|are|gets?|has been|have been)\s+(?:frozen|done|ready|shipped|delivered|approved|signed off|merged|live|available|finished|landed)\b.*$").expect("regex")
});

pub(crate) static Y_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s*(?:and|but|so|which|while|because|since|as|though|although|who|so that)\b|\s[—–]\s|\s-\s|\s(?:so|which|because|since|but)\s").expect("regex")
});
pub(crate) static PRONOUN_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:that|this|it|them|those|these)\s*$").expect("regex"));

/// Dependencies stated in a sentence, or in a table's "Depends on" column.
pub(crate) fn dependencies(s: &Statement, teams: &Teams, doc: &Document) -> Vec<DependencyFact> {
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

pub(crate) fn table_dependencies(s: &Statement, header: &[String], cells: &[String], teams: &Teams, doc: &Document) -> Vec<DependencyFact> {
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
pub(crate) fn first_span_in(s: &Statement, cell: &str) -> Option<Span> {
    let at = s.text.find(cell.trim())?;
    let end = at + cell.trim().len();
    s.dates.iter().find(|m| m.start >= at && m.end <= end).map(|m| m.span)
}

/// A provider must name something: letters, not a bare version or pronoun.
pub(crate) fn plausible_provider(on: &str) -> bool {
    on.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !terms(on).is_empty()
}

pub(crate) fn is_blank(v: &str) -> bool {
    let v = v.trim().trim_end_matches('.').to_lowercase();
    matches!(
        v.as_str(),
        "" | "-" | "—" | "–" | "n/a" | "na" | "none" | "nothing" | "tbd" | "no" | "see below" | "see above" | "see notes" | "?"
    )
}

pub(crate) static PARENS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*\([^)]*\)").expect("regex"));

pub(crate) static DATE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:by|before|no later than|until|in|on|around|for)\s+(?:the\s+)?(?:end of|early|mid|late|start of|\d|q[1-4]|h[12]|eo[qmyw]\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|next|this|week|wk|mon|tue|wed|thu|fri).*$").expect("regex")
});

pub(crate) fn strip_date_words(s: &str) -> String {
    DATE_WORDS.replace(s.trim(), "").trim().to_string()
}

/// Splits what is waited on into provider and deliverable: a known team in it, else the
/// capitalised name it starts with ("Security to finish the audit"), else the phrase.
pub(crate) fn split_provider(y: &str, teams: &Teams) -> (String, String) {
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
pub(crate) fn default_dependent(s: &Statement, doc: &Document, teams: &Teams) -> String {
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

pub(crate) fn first_span(s: &Statement, cell: &str) -> Option<Span> {
    s.dates.iter().find(|m| s.text[m.start..m.end].trim() == cell.trim() || cell.contains(s.text[m.start..m.end].trim())).map(|m| m.span)
}
