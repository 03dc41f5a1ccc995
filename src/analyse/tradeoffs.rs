//! The offline engine for `tradeoffs`: a side-by-side reading of competing designs, the
//! trade-offs between them, where they compete for the same team or approval, and a
//! recommendation from a transparent score the report spells out:
//!
//! - cost, latency, migration: the designs' own figures, best +1 … worst −1 (linear);
//! - complexity, operations, reversibility: +1 / −1 when the design's words say better
//!   or worse ("fewer moving parts", "new on-call rotation", "one-way door"), else 0;
//! - a dimension a design does not state scores 0 and is named as unknown;
//! - each team it needs work from and each approval it needs −0.25, each team or
//!   approval some (not all) of the other designs also need −0.25 more.

use crate::analyse::Timeline;
use crate::document::Document;
use crate::extract::Cite;
use crate::extract::design::dimensions::{DIMS, Dim, Reading};
use crate::extract::design::{DesignFacts, Named};
use crate::report::tradeoffs::{self as r, Assessment, Competition, Design, Recommendation, Tradeoff, TradeoffsReport};
use std::collections::BTreeMap;

fn stem(path: &str) -> &str {
    std::path::Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or(path)
}

fn key(name: &str) -> String {
    name.to_lowercase().trim_end_matches(" team").trim().to_string()
}

/// Builds the report from the designs' facts.
pub fn tradeoffs(docs: &[Document], facts: &[DesignFacts]) -> TradeoffsReport {
    let t = Timeline::new(docs);
    let competition = competition(&t, facts);
    let points = points(facts, &competition);
    let mut designs: Vec<Design> = facts.iter().zip(&points).map(|(f, p)| design(&t, f, p.iter().sum())).collect();
    for d in &mut designs {
        d.score = (d.score * 100.0).round() / 100.0;
    }
    let tradeoffs = technical(&t, facts).into_iter().chain(organisational(&t, facts)).collect();
    let recommendation = recommend(&t, facts, &points, &competition);
    TradeoffsReport { command: "tradeoffs".into(), designs, tradeoffs, competition, recommendation, citations: Default::default() }
}

fn named(t: &Timeline, n: &Named) -> r::Named {
    r::Named { name: n.name.clone(), evidence: vec![t.evidence(&n.cite)] }
}

fn design(t: &Timeline, f: &DesignFacts, score: f64) -> Design {
    let dimensions = f
        .dimensions
        .iter()
        .map(|d| (d.dim.as_str().to_string(), Assessment { assessment: d.assessment.clone(), evidence: t.evidence_all(&d.evidence) }))
        .collect();
    let mut cites: Vec<&Cite> = f.summary.iter().map(|s| &s.cite).collect();
    cites.extend(f.owners.iter().map(|o| &o.cite));
    Design {
        file: t.docs[f.doc].path.clone(),
        title: f.title.clone(),
        summary: f.summary.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        owners: f.owners.iter().map(|o| o.name.clone()).collect(),
        status: f.status.as_ref().map(|s| s.name.clone()),
        team_dependencies: f.teams.iter().map(|n| named(t, n)).collect(),
        approvals: f.approvals.iter().map(|n| named(t, n)).collect(),
        not_needed: f.not_teams.iter().chain(&f.not_approvals).map(|n| named(t, n)).collect(),
        risks: f.risks.iter().map(|n| named(t, n)).collect(),
        dimensions,
        score,
        evidence: t.evidence_all(cites),
    }
}

/// Teams and approvals that two or more designs need.
fn competition(t: &Timeline, facts: &[DesignFacts]) -> Vec<Competition> {
    // (name key, team|approval) → (name as first written, designs, where each says it).
    type Needs<'a> = BTreeMap<(String, &'static str), (String, Vec<usize>, Vec<&'a Cite>)>;
    let mut by: Needs = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        for (list, kind) in [(&f.teams, "team"), (&f.approvals, "approval")] {
            for n in list {
                let e = by.entry((key(&n.name), kind)).or_insert_with(|| (n.name.clone(), Vec::new(), Vec::new()));
                if e.1.last() != Some(&i) {
                    e.1.push(i);
                    e.2.push(&n.cite);
                }
            }
        }
    }
    by.into_iter()
        .filter(|(_, (_, who, _))| who.len() >= 2)
        .map(|((_, kind), (name, who, cites))| Competition {
            resource: name,
            kind: kind.into(),
            designs: who.iter().map(|&i| t.docs[facts[i].doc].path.clone()).collect(),
            evidence: t.evidence_all(cites),
        })
        .collect()
}

/// Each design's points per dimension, then teams, approvals and contested resources.
fn points(facts: &[DesignFacts], competition: &[Competition]) -> Vec<Vec<f64>> {
    let mut out = vec![Vec::new(); facts.len()];
    for (k, dim) in DIMS.iter().enumerate() {
        let readings: Vec<&Reading> = facts.iter().map(|f| &f.dimensions[k]).collect();
        let nums: Vec<f64> = readings.iter().filter_map(|r| r.number).collect();
        let (lo, hi) = nums.iter().fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        for (i, r) in readings.iter().enumerate() {
            let p = match (dim, r.number) {
                (Dim::Cost | Dim::Latency | Dim::Migration, Some(x)) if nums.len() >= 2 && hi > lo => 1.0 - 2.0 * (x - lo) / (hi - lo),
                (Dim::Cost | Dim::Latency | Dim::Migration, _) => 0.0,
                _ => f64::from(r.direction),
            };
            out[i].push(p);
        }
    }
    for (i, f) in facts.iter().enumerate() {
        // A resource every design needs does not tell them apart.
        let contested = competition
            .iter()
            .filter(|c| c.designs.len() < facts.len() && f.teams.iter().chain(&f.approvals).any(|n| key(&n.name) == key(&c.resource)))
            .count();
        out[i].push(-0.25 * f.teams.len() as f64);
        out[i].push(-0.25 * f.approvals.len() as f64);
        out[i].push(-0.25 * contested as f64);
    }
    out
}

/// One trade-off per dimension where the designs' own statements differ.
fn technical(t: &Timeline, facts: &[DesignFacts]) -> Vec<Tradeoff> {
    let mut out = Vec::new();
    for (k, dim) in DIMS.iter().enumerate() {
        let stated: Vec<(&DesignFacts, &Reading)> =
            facts.iter().map(|f| (f, &f.dimensions[k])).filter(|(_, r)| !r.evidence.is_empty()).collect();
        if stated.len() < 2 {
            continue;
        }
        let path = |f: &DesignFacts| t.docs[f.doc].path.clone();
        let cites = |rs: &[&(&DesignFacts, &Reading)]| t.evidence_all(rs.iter().filter_map(|(_, r)| r.evidence.first()));
        let with_numbers: Vec<&(&DesignFacts, &Reading)> = stated.iter().filter(|(_, r)| r.number.is_some()).collect();
        if with_numbers.len() >= 2 {
            let mut sorted = with_numbers.clone();
            sorted.sort_by(|a, b| a.1.number.unwrap_or(0.0).total_cmp(&b.1.number.unwrap_or(0.0)));
            let (best, worst) = (sorted[0], sorted[sorted.len() - 1]);
            if best.1.number == worst.1.number {
                continue;
            }
            let unit = match dim {
                Dim::Cost => "USD/month",
                Dim::Latency => "ms",
                _ => "weeks",
            };
            let list = sorted
                .iter()
                .map(|(f, r)| format!("{} {}", stem(&t.docs[f.doc].path), r.number.unwrap_or(0.0)))
                .collect::<Vec<_>>()
                .join(", ");
            let description =
                format!("{}: {} is lowest ({list} {unit}, by each design's own figures)", dim.as_str(), stem(&t.docs[best.0.doc].path));
            out.push(Tradeoff { kind: "technical".into(), description, favours: path(best.0), evidence: cites(&sorted) });
            continue;
        }
        let better: Vec<&(&DesignFacts, &Reading)> = stated.iter().filter(|(_, r)| r.direction > 0).collect();
        let worse: Vec<&(&DesignFacts, &Reading)> = stated.iter().filter(|(_, r)| r.direction < 0).collect();
        if let (Some(b), false) = (better.first(), worse.is_empty()) {
            let names = |v: &[&(&DesignFacts, &Reading)]| v.iter().map(|(f, _)| stem(&t.docs[f.doc].path)).collect::<Vec<_>>().join(", ");
            let description = format!("{}: {} reads better by its own account; {} worse", dim.as_str(), names(&better), names(&worse));
            let both: Vec<&(&DesignFacts, &Reading)> = better.iter().chain(&worse).copied().collect();
            out.push(Tradeoff { kind: "technical".into(), description, favours: path(b.0), evidence: cites(&both) });
        }
    }
    out
}

/// Who needs fewer teams and approvals.
fn organisational(t: &Timeline, facts: &[DesignFacts]) -> Vec<Tradeoff> {
    let mut out = Vec::new();
    for (what, get) in [
        ("teams to commit work", (|f: &DesignFacts| &f.teams) as fn(&DesignFacts) -> &Vec<Named>),
        ("approvals", |f: &DesignFacts| &f.approvals),
    ] {
        let mut v: Vec<&DesignFacts> = facts.iter().collect();
        v.sort_by_key(|f| (get(f).len(), f.doc));
        let (few, many) = (v[0], v[v.len() - 1]);
        if get(few).len() == get(many).len() {
            continue;
        }
        let list = |f: &DesignFacts| get(f).iter().map(|n| n.name.clone()).collect::<Vec<_>>().join(", ");
        let description = format!(
            "{} needs the fewest {what} ({}: {}); {} needs the most ({}: {})",
            stem(&t.docs[few.doc].path),
            get(few).len(),
            if get(few).is_empty() { "none".to_string() } else { list(few) },
            stem(&t.docs[many.doc].path),
            get(many).len(),
            list(many)
        );
        let cites = get(few).iter().chain(get(many)).map(|n| &n.cite);
        out.push(Tradeoff {
            kind: "organisational".into(),
            description,
            favours: t.docs[few.doc].path.clone(),
            evidence: t.evidence_all(cites),
        });
    }
    out
}

fn recommend(t: &Timeline, facts: &[DesignFacts], points: &[Vec<f64>], competition: &[Competition]) -> Recommendation {
    if facts.is_empty() {
        return Recommendation::default();
    }
    let total = |i: usize| points[i].iter().sum::<f64>();
    let mut order: Vec<usize> = (0..facts.len()).collect();
    order.sort_by(|&a, &b| total(b).total_cmp(&total(a)).then(t.docs[facts[a].doc].path.cmp(&t.docs[facts[b].doc].path)));
    let (best, f) = (order[0], &facts[order[0]]);
    let name = |i: usize| stem(&t.docs[facts[i].doc].path).to_string();
    let mut conditions = Vec::new();
    if !f.teams.is_empty() {
        conditions.push(format!(
            "holds only if {} commit the work it needs",
            f.teams.iter().map(|n| n.name.clone()).collect::<Vec<_>>().join(", ")
        ));
    }
    if !f.approvals.is_empty() {
        conditions.push(format!("and if it clears {}", f.approvals.iter().map(|n| n.name.clone()).collect::<Vec<_>>().join(", ")));
    }
    let unknown: Vec<&str> = f.dimensions.iter().filter(|d| d.evidence.is_empty()).map(|d| d.dim.as_str()).collect();
    if !unknown.is_empty() {
        conditions.push(format!("it does not state its {}: confirm before deciding", unknown.join(", ")));
    }
    let mut would_change = Vec::new();
    if let Some(&runner) = order.get(1) {
        let wins: Vec<&str> =
            DIMS.iter().enumerate().filter(|(k, _)| points[runner][*k] > points[best][*k]).map(|(_, d)| d.as_str()).collect();
        if !wins.is_empty() {
            would_change.push(format!(
                "{} if its advantage in {} matters more (score {:.2} against {:.2})",
                name(runner),
                wins.join(", "),
                total(runner),
                total(best)
            ));
        }
    }
    for c in competition.iter().filter(|c| c.designs.contains(&t.docs[f.doc].path)) {
        would_change.push(format!(
            "{} ({}) is also needed by {}: if it goes to them first, this slips",
            c.resource,
            c.kind,
            c.designs.iter().filter(|d| **d != t.docs[f.doc].path).map(|d| stem(d)).collect::<Vec<_>>().join(", ")
        ));
    }
    if f.dimensions.iter().any(|d| d.dim == Dim::Reversibility && d.direction < 0) {
        would_change.push("it is a one-way door by its own account: a wrong call is expensive to undo".into());
    }
    let labels = ["cost", "latency", "complexity", "migration", "operations", "reversibility", "teams", "approvals", "contested"];
    let scoring = order
        .iter()
        .map(|&i| {
            let parts: Vec<String> =
                labels.iter().zip(&points[i]).filter(|(_, p)| **p != 0.0).map(|(l, p)| format!("{l} {p:+.2}")).collect();
            format!("{}: {:.2} ({})", name(i), total(i), if parts.is_empty() { "no differences".into() } else { parts.join(", ") })
        })
        .collect();
    let cites = f.dimensions.iter().filter_map(|d| d.evidence.first());
    Recommendation { choice: t.docs[f.doc].path.clone(), conditions, would_change, scoring, evidence: t.evidence_all(cites) }
}
