//! Directives and their direction: what an update says to do more or less of, with
//! the object it acts on and the names that identify that object.

use super::*;

pub(crate) static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[,;:.!?()—–]|\s(?:for|by|in|on|until|through|before|after|so|because|while|and then|but|which|unless|if|to|from|at|as|during|since|once|when)\s").expect("regex")
});

/// The object of a directive: the phrase after the verb up to the clause's end.
pub(crate) fn object_after(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = CLAUSE_END.find(rest).map_or(rest.len(), |m| m.start());
    rest[..end].trim()
}

/// The phrase before a passive/noun directive ("the PO is on hold", "hiring freeze").
pub(crate) fn object_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let start =
        head.char_indices().rev().find(|(_, c)| [',', ';', ':', '.', '(', '—', '–'].contains(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let words: Vec<&str> = head[start..].split_whitespace().collect();
    let keep = words.len().saturating_sub(6);
    let from = head[start..].find(words.get(keep).copied().unwrap_or("")).map_or(start, |i| start + i);
    head[from..].trim_end_matches([' ', '\t']).trim_end_matches(" is").trim_end_matches(" are").trim_end_matches(" will be").trim()
}

/// "before the freeze", "a cut": the word is a noun here, not a directive.
pub(crate) static NOUN_USE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:the|a|an|this|that|any|its|their|our)\s+$").expect("regex"));

pub(crate) static PARTICIPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:not )?(?:frozen|paused|retired|deprecated|disabled|enabled|approved|cancell?ed|shelved|halted|sunset|(?:switched|turned) (?:on|off)|stays? \w+|remains? \w+)$").expect("regex")
});

pub(crate) static SPLIT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(switch\w*|turn\w*|keep\w*)\s+(.*?)\s*(?:back\s+)?(?:switched\s+|turned\s+)?(on|off|disabled|enabled|running|live|paused|frozen|on hold|dark)$").expect("regex")
});

/// Directives in a statement. A hypothetical one ("if we pause…") is not a directive; a
/// negated one points the other way ("we are NOT dropping tablets" keeps them).
pub(crate) fn directives(s: &Statement) -> Vec<Directive> {
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
                    out.push(directive(s, direction, verb, object, t, resources));
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
            out.push(directive(s, direction, verb, clip_words(&object, 10), t, resources));
        }
    }
    out
}

/// Code identifiers: snake_case names and anything that was in backticks.
pub(crate) fn idents_in(text: &str) -> Vec<String> {
    static IDENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b").expect("regex"));
    IDENT.captures_iter(text).map(|c| c[1].to_string()).collect()
}

/// Capitalised words and code identifiers (`billing_pg`, `ai_triage`) in a phrase, as
/// terms: the names that make two statements about the same thing. A sentence's first
/// word is skipped (it is capitalised anyway).
pub(crate) fn names_in(phrase: &str, skip_first: bool) -> Vec<String> {
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

/// A directive with the names and identifiers that tie its object to other statements.
fn directive(
    s: &Statement,
    direction: Direction,
    verb: String,
    object: String,
    terms: Vec<String>,
    resources: Vec<&'static str>,
) -> Directive {
    Directive {
        direction,
        verb,
        names: names_in(&object, false),
        quote_names: names_in(&s.text, true),
        idents: idents_in(&s.text),
        object,
        terms,
        resources,
        cite: s.cite(),
    }
}
