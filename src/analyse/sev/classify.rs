//! The offline classifier: each incident's failure kind from weighted evidence. Every
//! sentence that uses a kind's language adds the phrase's weight times the weight of
//! where it stands (title, summary and root-cause sections count most; timelines, action
//! items and "what went well" least); a causal cue ("caused by", "root cause") raises it;
//! a negation ("not related", "no evidence of") nearly cancels it. Repeating a phrase
//! adds less each time. The kind with the most evidence wins, with the phrases that
//! decided it; a close second becomes the secondary kind.

use super::lexicon::CUES;
use super::{KINDS, Kind};
use crate::extract::Cite;
use crate::extract::postmortem::{Postmortem, Role, Sentence};
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// A phrase that counted towards a kind.
#[derive(Debug, Clone)]
pub struct Signal {
    pub phrase: String,
    pub weight: f64,
    pub cite: Cite,
}

/// An incident's classification.
#[derive(Debug, Clone)]
pub struct Classification {
    pub kind: Kind,
    pub second: Option<Kind>,
    /// Score per kind, in `KINDS` order.
    pub scores: Vec<f64>,
    /// The strongest signals for the winning kind, strongest first.
    pub signals: Vec<Signal>,
}

/// Below this much evidence nothing in the taxonomy fits: `other`.
const MIN_SCORE: f64 = 3.0;
/// A second kind needs this share of the first's evidence.
const SECOND_SHARE: f64 = 0.5;

/// A case-insensitive pattern with ASCII word boundaries and word characters, which
/// keeps large cue sets on the fast regex engines.
pub fn ascii_bounds(p: &str) -> String {
    format!("(?i){}", p.replace(r"\b", r"(?-u:\b)").replace(r"\w", "[0-9A-Za-z_]"))
}

static SET: LazyLock<RegexSet> = LazyLock::new(|| RegexSet::new(CUES.iter().map(|(_, p, _)| ascii_bounds(p))).expect("cue set"));
static EACH: LazyLock<Vec<Regex>> = LazyLock::new(|| CUES.iter().map(|(_, p, _)| Regex::new(&ascii_bounds(p)).expect("cue")).collect());
static CAUSAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_bounds(r"\b(?:root cause|underlying cause|caused by|was caused|were caused|cause of|triggered by|the trigger|due to|because|stemmed from|the result of|resulted from|resulting in|traced (?:\w+ )?to|attributed to|led to|the culprit|responsible for)\b")).expect("regex")
});
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_bounds(r"\b(?:not (?:caused|related|the cause|a factor|involved|affected|impacted|due to|the result|a security|an attack|malicious)|no (?:evidence|indication|sign)s? (?:of|that)|ruled out|unrelated|rather than|was not|were not|wasn't|weren't|did not|didn't|no (?:customer |user |personal )?data was|nothing to do with|no impact|unaffected|not impacted|regardless of)\b")).expect("regex")
});

/// How much a sentence's place counts.
fn place_weight(s: &Sentence) -> f64 {
    let w = match s.role {
        Role::Title => 3.0,
        Role::Cause | Role::Trigger => 2.5,
        Role::Summary => 2.0,
        Role::Body if s.lead => 1.8,
        Role::Body => 1.0,
        Role::Resolution => 0.9,
        Role::Lessons => 0.8,
        Role::Impact | Role::Timeline | Role::Actions => 0.6,
        Role::Detection => 0.4,
        Role::WentWell => 0.2,
    };
    if s.heading && s.role != Role::Title { w * 0.8 } else { w }
}

/// Classifies one incident.
pub fn classify(pm: &Postmortem) -> Classification {
    // Per cue: every contribution (weight, sentence index) so repeats can be damped.
    let mut per_cue: Vec<Vec<(f64, usize)>> = vec![Vec::new(); CUES.len()];
    for (i, s) in pm.sentences.iter().enumerate() {
        let hits = SET.matches(&s.text);
        if !hits.matched_any() {
            continue;
        }
        let mut w = place_weight(s);
        if CAUSAL.is_match(&s.text) {
            w *= 1.6;
        }
        if NEGATED.is_match(&s.text) {
            w *= 0.15;
        }
        for c in hits.iter() {
            per_cue[c].push((CUES[c].2 * w, i));
        }
    }
    let mut scores = vec![0.0; KINDS.len()];
    let mut best_signals: Vec<Vec<(f64, usize, usize)>> = vec![Vec::new(); KINDS.len()];
    for (c, hits) in per_cue.iter().enumerate() {
        if hits.is_empty() {
            continue;
        }
        let k = CUES[c].0.index();
        let max = hits.iter().map(|h| h.0).fold(0.0, f64::max);
        let sum: f64 = hits.iter().map(|h| h.0).sum();
        // Each repeat of a phrase adds a third as much as the best one, at most twice it.
        scores[k] += (max + 0.35 * (sum - max)).min(3.0 * max);
        best_signals[k].extend(hits.iter().map(|&(w, i)| (w, i, c)));
    }
    let mut order: Vec<usize> = (0..KINDS.len()).filter(|&k| KINDS[k] != Kind::Other).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let (top, runner) = (order[0], order[1]);
    let kind = if scores[top] >= MIN_SCORE { KINDS[top] } else { Kind::Other };
    let second =
        (kind != Kind::Other && scores[runner] >= MIN_SCORE && scores[runner] >= SECOND_SHARE * scores[top]).then(|| KINDS[runner]);
    let signals = if kind == Kind::Other { Vec::new() } else { signals(pm, &mut best_signals[top]) };
    Classification { kind, second, scores, signals }
}

/// The three strongest signals, one per sentence.
fn signals(pm: &Postmortem, hits: &mut [(f64, usize, usize)]) -> Vec<Signal> {
    hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<Signal> = Vec::new();
    let mut used = Vec::new();
    for &(w, i, c) in hits.iter() {
        if out.len() == 3 {
            break;
        }
        if used.contains(&i) {
            continue;
        }
        let s = &pm.sentences[i];
        let Some(m) = EACH[c].find(&s.text) else { continue };
        used.push(i);
        let cite = Cite { doc: pm.doc, line: s.line, quote: crate::text::quote(&s.text, 220) };
        out.push(Signal { phrase: m.as_str().to_string(), weight: (w * 10.0).round() / 10.0, cite });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::postmortem::postmortem;

    fn kind_of(text: &str) -> Classification {
        classify(&postmortem(0, &crate::load::parse("pm.md".into(), text.into(), String::new())))
    }

    #[test]
    fn the_root_cause_outweighs_the_timeline() {
        let c = kind_of(
            "# Checkout errors\n\n## Timeline\n\n- 09:00 deploy of checkout v2 started\n- 09:05 database CPU high\n\n## Root cause\n\nThe TLS certificate on the payment gateway had expired; renewal automation had silently failed.\n",
        );
        assert_eq!(c.kind, Kind::TimeCertificate);
        assert!(c.signals[0].phrase.to_lowercase().contains("certificate"), "{:?}", c.signals);
    }

    #[test]
    fn negation_does_not_count() {
        let c = kind_of(
            "# Slow API\n\nA global configuration push with an invalid rate-limit policy overloaded nothing but broke auth. There is no evidence of an attack or a breach.\n",
        );
        assert_eq!(c.kind, Kind::ConfigChange);
        assert_ne!(c.second, Some(Kind::Security));
    }

    #[test]
    fn too_little_evidence_is_other() {
        assert_eq!(kind_of("# Typo in invoice email\n\nA wording mistake went out to customers.\n").kind, Kind::Other);
    }
}
