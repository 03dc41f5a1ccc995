//! Priority statements and how emphatic they are: markers (P0, "top priority"), lists
//! and tables under priority headings, ranks, and inline "our top three are…" lists.

use super::*;

pub(crate) static TOP_N: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\btop\s+(two|three|four|five|[2-9])\b[^.:;]{0,40}?\b(?:are|is|remain|:)\s+(.+?)\.?$").expect("regex")
});
/// "The portal, the rate engine and SOC 2 remain our top three".
pub(crate) static TOP_N_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.{5,200}?)\s+(?:remain|are|stay|continue to be|become)\s+(?:our|the)\s+top\s+(two|three|four|five|[2-9])\b")
        .expect("regex")
});
pub(crate) static LIST_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r",\s*(?:and\s+|then\s+)?|;\s*|\s+and\s+(?:then\s+)?").expect("regex"));

/// "Our top three this quarter are A, B and C": one priority per item, in order.
pub(crate) fn inline_list(s: &Statement) -> Vec<PriorityFact> {
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
pub(crate) fn priority(s: &Statement) -> Option<PriorityFact> {
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
pub(crate) fn marker_weight(s: &Statement) -> Option<(f64, String)> {
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
pub(crate) fn level_weight(v: &str) -> f64 {
    match v.trim().to_lowercase().as_str() {
        "p0" | "0" | "critical" | "highest" | "must" | "must-have" | "urgent" => 3.0,
        "p1" | "1" | "high" | "should" => 2.0,
        "p2" | "2" | "medium" | "med" | "could" => 1.0,
        "p3" | "3" | "low" | "nice-to-have" | "won't" => 0.5,
        _ => 0.0,
    }
}
