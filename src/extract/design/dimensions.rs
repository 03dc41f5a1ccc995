//! What a design says about each comparison dimension — cost, latency/throughput,
//! complexity, migration effort, operational burden, reversibility — with its own
//! numbers where it gives them ($/month, p99 ms, weeks) and a direction where its words
//! give one ("more moving parts", "no new on-call", "one-way door"). A dimension the
//! design is silent on is "not stated", never filled in.

use super::{DesignFacts, Line, Part};
use crate::extract::Cite;
use crate::text;
use regex::Regex;
use std::sync::LazyLock;

/// The comparison dimensions, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dim {
    Cost,
    Latency,
    Complexity,
    Migration,
    Operations,
    Reversibility,
}

pub const DIMS: [Dim; 6] = [Dim::Cost, Dim::Latency, Dim::Complexity, Dim::Migration, Dim::Operations, Dim::Reversibility];

impl Dim {
    pub fn as_str(self) -> &'static str {
        match self {
            Dim::Cost => "cost",
            Dim::Latency => "latency",
            Dim::Complexity => "complexity",
            Dim::Migration => "migration",
            Dim::Operations => "operations",
            Dim::Reversibility => "reversibility",
        }
    }

    /// Language that speaks to the dimension, and the heading words of a section about it.
    fn cues(self) -> (&'static Regex, &'static [&'static str]) {
        match self {
            Dim::Cost => (&COST, &["cost", "pricing", "budget", "spend"]),
            Dim::Latency => (&LATENCY, &["latency", "performance", "throughput"]),
            Dim::Complexity => (&COMPLEXITY, &["complexity"]),
            Dim::Migration => (&MIGRATION, &["migration", "rollout plan", "cutover", "timeline"]),
            Dim::Operations => (&OPERATIONS, &["operation", "on-call", "oncall", "support model", "maintenance"]),
            Dim::Reversibility => (&REVERSIBILITY, &["reversib", "exit", "rollback", "lock-in"]),
        }
    }
}

fn re(p: &str) -> Regex {
    Regex::new(p).expect("regex")
}

static COST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\$\s?\d[\d,.]*\s?[km]?\b|\b\d[\d,.]*\s?(?:usd|eur|dollars)\b|\bcosts?\b|\bspend\w*|\bpric(?:e|es|ing)\b|\bTCO\b|\bsavings?\b|\bcheaper\b|\bexpensive\b|\blicen[cs]e fees?\b|\bcommitted use\b",
    )
});
static LATENCY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bp(?:50|90|95|99|999)\b|\blatenc\w*|\b\d[\d,.]*\s?ms\b|\bmilliseconds?\b|\bthroughput\b|\brequests? per second\b|\breq/s\b|\b[RQ]PS\b|\bmsgs?/s\b|\b(?:events|messages) per second\b|\bend-to-end delay\b",
    )
});
static COMPLEXITY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bcomplex\w*|\bsimpl(?:e|er|est|icity|ifies|ify)\b|\bmoving parts\b|\blearning curve\b|\bcognitive load\b|\bnew (?:stack|technology|system) to learn\b|\bfamiliar\b",
    )
});
static MIGRATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bmigrat\w*|\bcut-?over\b|\bbackfill\w*|\bporting\b|\brewrit\w*|\bdual[- ]writ\w*|\b\d+\s+(?:engineer-)?(?:weeks?|months?|sprints?)\b|\bshadow (?:mode|traffic|period)\b",
    )
});
static OPERATIONS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bon-?call\b|\bpag(?:er|es|ing)\b|\boperat(?:e|ing|ions|ional)\b|\btoil\b|\bmaintenance\b|\brunbooks?\b|\bpatch\w*|\bmanaged service\b|\bfully managed\b|\bupgrades?\b|\bcapacity planning\b|\bSLO\b",
    )
});
static REVERSIBILITY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bone-way door\b|\btwo-way door\b|\brevers\w*|\birreversib\w*|\block-?in\b|\bhard to (?:undo|reverse|leave|back out)\b|\beasy to (?:undo|reverse|back out)\b|\bback out\b|\bswitch back\b|\bexit (?:plan|path|strategy|cost)\b|\broll(?:ed|ing)? back\b|\brollback\b",
    )
});
static BETTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(simpl(?:e|er|est)|fewer moving parts|familiar|no new (?:on-?call|rotation|pager)|fully managed|managed by|handled by|goes away|go away|less toil|no (?:host|node)-level|two-way door|easy to (?:undo|reverse|back out)|reversible|can (?:roll|switch|move) back|low(?:er)? risk|cheaper|saves?|savings?|lower)\b",
    )
});
static WORSE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(complex\w*|more moving parts|learning curve|new (?:stack|rotation|on-?call)|we (?:would )?own|toil|24/7|pager|one-way door|irreversib\w*|hard to (?:undo|reverse|leave|back out)|lock-?in|expensive|costlier|higher)\b",
    )
});
static REDUCED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:complexity|toil|burden|operational load|on-?call load|moving parts) (?:goes down|go down|drops?|decreases?|is reduced|shrinks?)|\bless complex\b|\breduces? (?:complexity|toil|the burden|operational)|\bfewer moving parts\b",
    )
});
static MONEY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\$\s?(\d[\d,]*(?:\.\d+)?)\s?([km])?\b(?:\s*(?:/|per|a|each)\s*(month|mo|year|yr|annum))?"));
static MS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(\d[\d,]*(?:\.\d+)?)\s?ms\b"));
static WEEKS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(\d+(?:\.\d+)?)\s+(?:engineer-)?(weeks?|months?|sprints?|quarters?)\b"));
static TARGET: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(<|≤|\b(?:under|below|within|target|slo|goal|budget of|up to|threshold|limit|requirement|must|at most|no more than)\b)")
});
static DELTA: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\S*\s*(?:/\s*month\s*|per month\s*|a month\s*)?(?:less|more|cheaper|saving|savings|over|above|below|than|lower|higher|extra|increase|decrease|reduction)\b",
    )
});
static NOW: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(today|currently|current|existing|baseline|now)\b"));

/// What a design says about one dimension.
#[derive(Debug, Clone)]
pub struct Reading {
    pub dim: Dim,
    /// Its own words (clipped), prefixed by the number when there is one.
    pub assessment: String,
    /// A comparable figure: USD per month, p99 (or the stated) milliseconds, weeks.
    pub number: Option<f64>,
    /// +1 when its words say better, -1 worse, 0 neither.
    pub direction: i8,
    pub evidence: Vec<Cite>,
}

/// Every dimension's reading; a dimension with no statement has no evidence and is
/// assessed "not stated".
pub fn read(d: &DesignFacts) -> Vec<Reading> {
    DIMS.iter().map(|&dim| reading(d, dim)).collect()
}

fn weight(l: &Line, dim: Dim) -> f64 {
    let (cue, heads) = dim.cues();
    let hits = cue.find_iter(&l.text).count() as f64;
    let in_section = heads.iter().any(|h| l.headings.contains(h));
    if hits == 0.0 && !(in_section && l.row) {
        return 0.0;
    }
    let mut w = hits.min(3.0) + if in_section { 2.0 } else { 0.0 };
    if l.text.chars().any(|c| c.is_ascii_digit()) {
        w *= 1.3;
    }
    if matches!(l.part, Part::Summary | Part::Proposal | Part::Goals) {
        w *= 1.2;
    }
    w
}

fn reading(d: &DesignFacts, dim: Dim) -> Reading {
    let mut scored: Vec<(f64, &Line)> = d
        .lines
        .iter()
        .filter(|l| !matches!(l.part, Part::Alternatives | Part::NonGoals))
        .map(|l| (weight(l, dim), l))
        .filter(|(w, _)| *w >= 1.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.line.cmp(&b.1.line)));
    scored.truncate(3);
    if scored.is_empty() {
        return Reading { dim, assessment: "not stated".into(), number: None, direction: 0, evidence: Vec::new() };
    }
    // The figure comes from the strongest line that gives one (not only the top three),
    // and that line leads the evidence so the assessment quotes where the figure is.
    let with_figure = d
        .lines
        .iter()
        .filter(|l| !matches!(l.part, Part::Alternatives | Part::NonGoals))
        .map(|l| (weight(l, dim), l))
        .filter(|(w, _)| *w >= 1.0)
        .fold(None::<(f64, f64, &Line)>, |best, (w, l)| match figure(dim, l) {
            Some(n) if best.is_none_or(|(bw, _, _)| w > bw) => Some((w, n, l)),
            _ => best,
        });
    let number = with_figure.map(|(_, n, _)| n);
    if let Some((w, _, l)) = with_figure {
        scored.retain(|(_, x)| x.line != l.line);
        scored.insert(0, (w, l));
        scored.truncate(3);
    }
    let best = scored[0].1;
    let direction = scored.iter().map(|(_, l)| direction(dim, &l.text)).find(|&x| x != 0).unwrap_or(0);
    let words = text::clip_words(&best.text, 28);
    let assessment = match (dim, number) {
        (Dim::Cost, Some(n)) => format!("${} per month — {words}", thousands(n)),
        (Dim::Latency, Some(n)) => format!("{n} ms — {words}"),
        (Dim::Migration, Some(n)) => format!("{n} weeks — {words}"),
        (Dim::Reversibility, _) if direction > 0 => format!("two-way door — {words}"),
        (Dim::Reversibility, _) if direction < 0 => format!("one-way door — {words}"),
        _ => words,
    };
    let evidence = scored.iter().map(|(_, l)| Cite { doc: d.doc, line: l.line, quote: text::quote(&l.text, 220) }).collect();
    Reading { dim, assessment, number, direction, evidence }
}

fn thousands(n: f64) -> String {
    let s = format!("{:.0}", n);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The comparable figure a line gives for a dimension: the proposal's — not today's, not
/// a target or a difference. In a table row, the last cell whose column is not "today"
/// or a target.
fn figure(dim: Dim, l: &Line) -> Option<f64> {
    if l.row {
        let first = l.cells.first().map(|c| c.1.clone()).unwrap_or_default();
        return l
            .cells
            .iter()
            .skip(1)
            .rev()
            .filter(|(h, _)| !NOW.is_match(h) && !TARGET.is_match(h))
            .find_map(|(h, c)| figure_in(dim, &format!("{first} {h} {c}")));
    }
    figure_in(dim, &l.text)
}

fn figure_in(dim: Dim, t: &str) -> Option<f64> {
    let num = |s: &str| s.replace(',', "").parse::<f64>().ok();
    let pick = |all: Vec<(usize, f64)>| -> Option<f64> {
        let before = |at: usize| {
            let mut from = at.saturating_sub(25);
            while !t.is_char_boundary(from) {
                from -= 1;
            }
            &t[from..at]
        };
        let after = |at: usize| {
            let mut to = (at + 40).min(t.len());
            while !t.is_char_boundary(to) {
                to -= 1;
            }
            &t[at..to]
        };
        all.iter().rfind(|(at, _)| !NOW.is_match(before(*at)) && !TARGET.is_match(before(*at)) && !DELTA.is_match(after(*at))).map(|x| x.1)
    };
    match dim {
        Dim::Cost => pick(
            MONEY
                .captures_iter(t)
                .filter_map(|c| {
                    let mut v = num(&c[1])?;
                    v *= match c.get(2).map(|m| m.as_str().to_lowercase()) {
                        Some(k) if k == "k" => 1e3,
                        Some(m) if m == "m" => 1e6,
                        _ => 1.0,
                    };
                    // Only a stated rate compares: "$36,500/month", "$480k per year", or a
                    // row labelled "Monthly cost".
                    let per = c.get(3).map(|m| m.as_str().to_lowercase());
                    let row_unit = t.split_whitespace().take(4).collect::<Vec<_>>().join(" ").to_lowercase();
                    let monthly = match per.as_deref() {
                        Some("year" | "yr" | "annum") => v / 12.0,
                        Some(_) => v,
                        None if row_unit.contains("month") => v,
                        None if row_unit.contains("year") || row_unit.contains("annual") => v / 12.0,
                        None => return None,
                    };
                    Some((c.get(0)?.start(), monthly.round()))
                })
                .collect(),
        ),
        Dim::Latency => pick(MS.captures_iter(t).filter_map(|c| Some((c.get(0)?.start(), num(&c[1])?))).collect()),
        Dim::Migration => pick(
            WEEKS
                .captures_iter(t)
                .filter_map(|c| {
                    let n = num(&c[1])?;
                    let u = c[2].to_lowercase();
                    let weeks = if u.starts_with("month") {
                        n * 4.3
                    } else if u.starts_with("sprint") {
                        n * 2.0
                    } else if u.starts_with("quarter") {
                        n * 13.0
                    } else {
                        n
                    };
                    Some((c.get(0)?.start(), weeks.round()))
                })
                .collect(),
        ),
        _ => None,
    }
}

fn direction(dim: Dim, t: &str) -> i8 {
    if matches!(dim, Dim::Cost | Dim::Latency | Dim::Migration) {
        return 0;
    }
    if REDUCED.is_match(t) {
        return 1;
    }
    let (b, w) = (BETTER.find(t).map(|m| m.start()), WORSE.find(t).map(|m| m.start()));
    match (b, w) {
        (Some(_), None) => 1,
        (None, Some(_)) => -1,
        (Some(x), Some(y)) if dim == Dim::Reversibility => {
            if x < y {
                1
            } else {
                -1
            }
        }
        _ => 0,
    }
}
