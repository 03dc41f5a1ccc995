//! The offline engine for `prioritize`: ICE and RICE for every candidate — given numbers
//! exactly as given, missing ones estimated from the item's own words with the reason
//! shown — the Eisenhower quadrant, a P0 cut line at `--max-p0`, and what to say no to.

use crate::analyse::Timeline;
use crate::document::Document;
use crate::extract::work::Candidate;
use crate::report::work::{Ice, Item, PrioritizeReport, Rice, SayNo};
use regex::Regex;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("regex")
}

static HIGH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(sev ?[0-2]|outages?|incidents?|security|compliance|audit|regulat\w*|revenue|churn|data loss|all (?:customers|users|merchants)|retry storm|breach|pci|gdpr|hipaa|fails? without|blocking)\b",
    )
});
static LOW: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(nice to have|cosmetic|polish|internal only|no customer-facing|engineers want|vanity|banner|clean-?up)\b"));
static EVIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(sev ?\d|incidents?|measured|data shows|asked for|requested|audit|deadline|happened|last (?:year|quarter|month)|this year|in (?:january|february|march|april|may|june|july|august|september|october|november|december)|would have|contract ends|lose|losing)\b",
    )
});
static DOUBT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(want|maybe|might|unclear|guess|hypothes\w*|unvalidated|not sure|unknown|speculative)\b"));
static SMALL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(quick win|quick|small|trivial|one-line|config change|daily scan|a few days|days?)\b"));
static LARGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(rewrite|multi-quarter|migrat\w*|re-?architect\w*|platform|several quarters|months)\b"));
static WEEKS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(\d+(?:\.\d+)?)\s*(weeks?|months?)\b"));
static REACH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(\d[\d,]*)\s*(users|customers|merchants|accounts|developers|engineers|teams)\b"));
static URGENT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(urgent|asap|deadline|freeze|by next week|this week|before the|blocking|blocked|contract ends|expires?|due)\b")
});

/// One candidate's numbers and what was estimated.
struct Scored {
    ice: Ice,
    rice: Rice,
    estimated: Vec<String>,
    reasons: Vec<String>,
    urgent: bool,
    important: bool,
}

/// RICE impact (0.25–3) ↔ ICE impact (1–10).
fn ice_impact(rice: f64) -> f64 {
    match rice {
        x if x >= 3.0 => 10.0,
        x if x >= 2.0 => 8.0,
        x if x >= 1.0 => 6.0,
        x if x >= 0.5 => 4.0,
        _ => 2.0,
    }
}

fn rice_impact(ice: f64) -> f64 {
    match ice {
        x if x >= 9.0 => 3.0,
        x if x >= 7.0 => 2.0,
        x if x >= 5.0 => 1.0,
        x if x >= 3.0 => 0.5,
        _ => 0.25,
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn score(c: &Candidate, median_reach: f64) -> Scored {
    let text = format!("{} {}", c.title, c.notes);
    let mut estimated = Vec::new();
    let mut reasons = Vec::new();
    // Impact: a given number on either scale, else the item's words.
    let given_impact = c.given.get("rice_impact").copied().or_else(|| c.given.get("impact").copied().filter(|&v| v <= 3.0));
    let rice_imp = match (given_impact, c.given.get("ice_impact").or(c.given.get("impact")).copied()) {
        (Some(v), _) => v,
        (None, Some(v)) => rice_impact(v),
        (None, None) => {
            estimated.push("impact".into());
            let (v, why) = match (HIGH.find(&text), LOW.find(&text)) {
                (Some(m), _) => (2.0, format!("impact 2 (high): \"{}\"", m.as_str())),
                (None, Some(m)) => (0.5, format!("impact 0.5 (low): \"{}\"", m.as_str())),
                _ => (1.0, "impact 1 (medium): no impact stated".into()),
            };
            reasons.push(why);
            v
        }
    };
    let ice_imp =
        c.given.get("ice_impact").copied().or(c.given.get("impact").copied().filter(|&v| v > 3.0)).unwrap_or_else(|| ice_impact(rice_imp));
    // Confidence: "80%" or 0.8 given; else evidence in the words.
    // Confidence as a fraction; "80%" arrives as 0.8. A bare number above 1 is on the ICE
    // scale when it is at most 10 ("8" → 0.8), otherwise a percentage ("80" → 0.8).
    let conf = match c.given.get("confidence").copied() {
        Some(v) if v > 10.0 => (v / 100.0).min(1.0),
        Some(v) if v > 1.0 => v / 10.0,
        Some(v) => v,
        None => {
            estimated.push("confidence".into());
            let (v, why) = match (EVIDENCE.find(&text), DOUBT.find(&text)) {
                (Some(m), None) => (0.8, format!("confidence 80%: evidence cited (\"{}\")", m.as_str())),
                (_, Some(m)) => (0.5, format!("confidence 50%: \"{}\"", m.as_str())),
                _ => (0.5, "confidence 50%: no evidence stated".into()),
            };
            reasons.push(why);
            v
        }
    };
    // Effort and ease: either given fills the other; else the size words.
    // An effort of 0 cannot divide a RICE score: it counts as not given.
    let (effort, ease) = match (c.given.get("effort").copied().filter(|&e| e > 0.0), c.given.get("ease").copied()) {
        (Some(e), Some(a)) => (e, a),
        (Some(e), None) => {
            estimated.push("ease".into());
            let a = round((10.0 - 1.5 * e).clamp(1.0, 10.0));
            reasons.push(format!("ease {a} derived from the given effort {e}"));
            (e, a)
        }
        (None, Some(a)) => {
            estimated.push("effort".into());
            let e = round(((10.0 - a) / 1.5).max(0.25));
            reasons.push(format!("effort {e} derived from the given ease {a}"));
            (e, a)
        }
        (None, None) => {
            estimated.push("effort".into());
            let (e, why) = if let Some(c) = WEEKS.captures(&text) {
                let n: f64 = c[1].parse().unwrap_or(1.0);
                let months = if c[2].to_lowercase().starts_with('w') { n / 4.3 } else { n };
                (round(months.max(0.25)), format!("effort {:.2} person-months: \"{}\"", months.max(0.25), &c[0]))
            } else if let Some(m) = LARGE.find(&text) {
                (6.0, format!("effort 6 person-months (large): \"{}\"", m.as_str()))
            } else if let Some(m) = SMALL.find(&text) {
                (0.5, format!("effort 0.5 person-months (small): \"{}\"", m.as_str()))
            } else {
                (2.0, "effort 2 person-months: no size stated".into())
            };
            reasons.push(why);
            (e, (10.0 - 1.5 * e).clamp(1.0, 10.0))
        }
    };
    let reach = match c.given.get("reach").copied() {
        Some(r) => r,
        None => {
            estimated.push("reach".into());
            match REACH.captures(&text) {
                Some(m) => {
                    reasons.push(format!("reach from \"{}\"", &m[0]));
                    m[1].replace(',', "").parse().unwrap_or(median_reach)
                }
                None => {
                    reasons.push(format!("reach {median_reach}: not stated, the median of the items that state one"));
                    median_reach
                }
            }
        }
    };
    let ice_conf = round(conf * 10.0);
    let urgent = match c.urgent {
        Some(u) => u,
        None => {
            let m = URGENT.find(&text);
            if let Some(m) = m {
                reasons.push(format!("urgent: \"{}\"", m.as_str()));
            }
            m.is_some()
        }
    };
    estimated.extend(c.model_estimated.iter().cloned());
    reasons.extend(c.model_reasons.iter().map(|r| format!("model: {r}")));
    Scored {
        ice: Ice { impact: ice_imp, confidence: ice_conf, ease, score: round(ice_imp * ice_conf * ease) },
        rice: Rice { reach, impact: rice_imp, confidence: conf, effort, score: round(reach * rice_imp * conf / effort) },
        estimated,
        reasons,
        urgent,
        important: rice_imp >= 1.0,
    }
}

/// Builds the report.
pub fn prioritize(docs: &[Document], candidates: &[Candidate], max_p0: usize) -> PrioritizeReport {
    let t = Timeline::new(docs);
    let mut reaches: Vec<f64> = candidates.iter().filter_map(|c| c.given.get("reach").copied()).collect();
    reaches.sort_by(f64::total_cmp);
    let median = reaches.get(reaches.len().saturating_sub(1) / 2).copied().unwrap_or(1000.0);
    let mut scored: Vec<(usize, Scored)> = candidates.iter().enumerate().map(|(i, c)| (i, score(c, median))).collect();
    scored.sort_by(|a, b| b.1.rice.score.total_cmp(&a.1.rice.score).then(b.1.ice.score.total_cmp(&a.1.ice.score)).then(a.0.cmp(&b.0)));
    let mut items = Vec::new();
    let mut say_no = Vec::new();
    let mut p0s = 0;
    let mut next_below: Option<String> = None;
    for (i, s) in &scored {
        let c = &candidates[*i];
        let quadrant = match (s.urgent, s.important) {
            (true, true) => "do",
            (false, true) => "schedule",
            (true, false) => "delegate",
            (false, false) => "eliminate",
        };
        let p0 = s.important && p0s < max_p0;
        if p0 {
            p0s += 1;
        } else if s.important && next_below.is_none() {
            next_below = Some(format!("{} (RICE {})", c.title, s.rice.score));
        }
        let evidence = vec![t.evidence(&c.cite)];
        let reason = match quadrant {
            "eliminate" => Some("say no: low impact and nothing makes it urgent".to_string()),
            "delegate" => Some("delegate or time-box: urgent for someone, but low impact".to_string()),
            _ if !p0 && s.rice.confidence < 0.6 => {
                Some(format!("defer: below the P0 line and only {:.0}% confident — validate first", s.rice.confidence * 100.0))
            }
            _ => None,
        };
        if let Some(reason) = reason {
            say_no.push(SayNo { title: c.title.clone(), reason, evidence: evidence.clone() });
        }
        let mut reasons = s.reasons.clone();
        reasons.push(format!(
            "quadrant {quadrant}: {} and {}",
            if s.urgent { "urgent" } else { "not urgent" },
            if s.important { "important (impact ≥ 1)" } else { "low impact" }
        ));
        items.push(Item {
            title: c.title.clone(),
            ice: s.ice,
            rice: s.rice,
            quadrant: quadrant.into(),
            p0,
            estimated: s.estimated.clone(),
            reasons,
            evidence,
        });
    }
    // Best first: the P0 list, then by quadrant (do, schedule, delegate, eliminate), then RICE.
    let q = |x: &str| ["do", "schedule", "delegate", "eliminate"].iter().position(|y| *y == x).unwrap_or(4);
    items.sort_by(|a, b| b.p0.cmp(&a.p0).then(q(&a.quadrant).cmp(&q(&b.quadrant))).then(b.rice.score.total_cmp(&a.rice.score)));
    let cut_line = match &next_below {
        Some(n) => format!("P0 = the top {p0s} important items by RICE (limit {max_p0}); the first below the line is {n}"),
        None => format!("P0 = the top {p0s} important items by RICE (limit {max_p0}); nothing important falls below the line"),
    };
    PrioritizeReport {
        command: "prioritize".into(),
        items,
        cut_line,
        max_p0,
        p0_count: p0s,
        first_below: next_below,
        say_no,
        citations: Default::default(),
    }
}
