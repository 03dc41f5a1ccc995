//! Priorities: statements of priority are grouped by topic across updates and ranked by
//! how emphatically (P0 > P1 > listed), how recently and in how many updates they were
//! stated. Also the changes over time that follow from the groups.

use super::Ctx;
use crate::extract::update::{Direction, PriorityFact, UpdateFacts};
use crate::report::{Change, Evidence, Priority};
use std::collections::BTreeMap;

/// One priority topic and the statements of it.
pub struct Cluster<'f> {
    pub terms: Vec<String>,
    pub members: Vec<&'f PriorityFact>,
    pub score: f64,
}

impl Cluster<'_> {
    /// The strongest statement: highest weight, newest document.
    pub fn lead(&self, ctx: &Ctx) -> &PriorityFact {
        self.members
            .iter()
            .max_by(|a, b| {
                (a.weight * ctx.tl.recency(a.cite.doc))
                    .total_cmp(&(b.weight * ctx.tl.recency(b.cite.doc)))
                    .then(b.cite.line.cmp(&a.cite.line))
            })
            .expect("cluster has members")
    }

    /// The strongest statement of this priority in one document.
    pub fn best_in(&self, doc: usize) -> Option<&PriorityFact> {
        self.members.iter().filter(|m| m.cite.doc == doc).max_by(|a, b| a.weight.total_cmp(&b.weight)).copied()
    }

    /// Stated firmly enough somewhere to be listed, compared and tracked over time.
    pub fn significant(&self) -> bool {
        self.max_weight() >= 1.2
    }

    pub fn max_weight(&self) -> f64 {
        self.members.iter().map(|m| m.weight).fold(0.0, f64::max)
    }

    /// Documents with a member, chronologically.
    pub fn docs(&self, ctx: &Ctx) -> Vec<usize> {
        let mut d: Vec<usize> = self.members.iter().map(|m| m.cite.doc).collect();
        d.sort_by_key(|&x| ctx.tl.pos[x]);
        d.dedup();
        d
    }
}

/// Groups priority statements by topic and scores each group.
pub fn cluster<'f>(ctx: &Ctx, facts: &'f UpdateFacts) -> Vec<Cluster<'f>> {
    let mut order: Vec<&PriorityFact> = facts.priorities.iter().collect();
    order.sort_by(|a, b| {
        b.weight.total_cmp(&a.weight).then(ctx.tl.pos[b.cite.doc].cmp(&ctx.tl.pos[a.cite.doc])).then(a.cite.line.cmp(&b.cite.line))
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    for p in order {
        // Titles of one topic cover each other on both sides; a passing mention need
        // only be covered by the title it refers to.
        let need_max = if p.listed { 0.5 } else { 0.0 };
        let best = clusters
            .iter_mut()
            .map(|c| {
                let (min_cov, max_cov, specific) = ctx.idf.coverage(&p.terms, &c.terms);
                (min_cov, max_cov, specific, c)
            })
            .filter(|(min_cov, max_cov, specific, _)| *specific && *min_cov >= 0.5 && *max_cov >= need_max)
            .max_by(|a, b| (a.0 + a.1).total_cmp(&(b.0 + b.1)));
        match best {
            Some((_, _, _, c)) => c.members.push(p),
            None => clusters.push(Cluster { terms: p.terms.clone(), members: vec![p], score: 0.0 }),
        }
    }
    for c in &mut clusters {
        c.score = score(ctx, c);
    }
    clusters.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.members[0].cite.doc.cmp(&b.members[0].cite.doc))
            .then(a.members[0].cite.line.cmp(&b.members[0].cite.line))
    });
    clusters
}

/// Strongest statement per document, weighted by the document's recency; the best one
/// counts in full, the others a little, and each further document adds breadth.
fn score(ctx: &Ctx, c: &Cluster) -> f64 {
    let mut per_doc: BTreeMap<usize, f64> = BTreeMap::new();
    for m in &c.members {
        let w = per_doc.entry(m.cite.doc).or_default();
        *w = w.max(m.weight);
    }
    let mut weighted: Vec<f64> = per_doc.iter().map(|(&doc, &w)| w * ctx.tl.recency(doc)).collect();
    weighted.sort_by(|a, b| b.total_cmp(a));
    // The strongest, most recent statement leads; restatements elsewhere add a little.
    weighted[0] + 0.15 * weighted[1..].iter().sum::<f64>() + 0.2 * (weighted.len() as f64 - 1.0)
}

/// The ranked priority list, focus applied.
pub fn rank(ctx: &Ctx, clusters: &[Cluster], max: usize) -> Vec<Priority> {
    let mut scored: Vec<(f64, &Cluster)> = clusters
        .iter()
        .filter(|c| c.significant())
        .filter(|c| c.members.iter().any(|m| ctx.in_focus(&crate::topics::terms(&m.cite.quote))))
        .map(|c| {
            let rel = c.members.iter().map(|m| ctx.relevance(&crate::topics::terms(&m.cite.quote))).fold(0.0, f64::max);
            (c.score * (0.5 + rel), c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(max)
        .enumerate()
        .map(|(i, (s, c))| Priority {
            rank: i + 1,
            title: c.lead(ctx).subject.clone(),
            detail: detail(ctx, c),
            score: (s * 100.0).round() / 100.0,
            evidence: evidence(ctx, c),
        })
        .collect()
}

fn evidence(ctx: &Ctx, c: &Cluster) -> Vec<Evidence> {
    let mut m: Vec<_> = c.members.iter().collect();
    m.sort_by(|a, b| {
        ctx.tl.pos[b.cite.doc].cmp(&ctx.tl.pos[a.cite.doc]).then(b.weight.total_cmp(&a.weight)).then(a.cite.line.cmp(&b.cite.line))
    });
    let mut ev = ctx.tl.evidence_all(m.iter().take(4).map(|p| &p.cite));
    ev.reverse();
    ev
}

/// "P0 in a.md (2026-08-04); #2 under "Q4 priorities" in b.md — 2 of 5 updates."
fn detail(ctx: &Ctx, c: &Cluster) -> String {
    let mut parts = Vec::new();
    for d in c.docs(ctx) {
        let best = c.best_in(d).expect("member");
        parts.push(format!("{} in {}", best.marker, ctx.tl.label(d)));
    }
    let n = c.docs(ctx).len();
    format!("{} — stated in {} of {} updates.", parts.join("; "), n, ctx.tl.docs.len())
}

/// Changes over time in one series: priorities that appear, disappear or change weight.
pub fn changes(ctx: &Ctx, facts: &UpdateFacts, clusters: &[Cluster]) -> Vec<Change> {
    let mut out = Vec::new();
    for c in clusters.iter().filter(|c| c.significant()) {
        let docs = c.docs(ctx);
        let lead = c.lead(ctx);
        if !c.members.iter().any(|m| ctx.in_focus(&crate::topics::terms(&m.cite.quote))) {
            continue;
        }
        let first = docs[0];
        let earlier_same_series = (0..ctx.tl.docs.len()).any(|d| ctx.tl.pos[d] < ctx.tl.pos[first] && ctx.tl.same_series(d, first));
        if earlier_same_series {
            let cite = &c.members.iter().find(|m| m.cite.doc == first).expect("member").cite;
            out.push(Change {
                kind: "added".into(),
                description: format!("New priority in {}: {}.", ctx.tl.label(first), lead.subject),
                evidence: vec![ctx.tl.evidence(cite)],
            });
        }
        if let Some(ch) = weight_change(ctx, c, &docs) {
            out.push(ch);
        }
        if let Some(ch) = explicit_drop(ctx, facts, c, &docs) {
            out.push(ch);
        }
    }
    out.sort_by(|a, b| (a.evidence.last().map(|e| ctx_pos(ctx, e)), &a.kind).cmp(&(b.evidence.last().map(|e| ctx_pos(ctx, e)), &b.kind)));
    out
}

fn ctx_pos(ctx: &Ctx, e: &Evidence) -> (usize, usize) {
    (ctx.tl.docs.iter().position(|d| d.path == e.file).map_or(0, |d| ctx.tl.pos[d]), e.line)
}

/// Raised or lowered emphasis between two updates of one series.
fn weight_change(ctx: &Ctx, c: &Cluster, docs: &[usize]) -> Option<Change> {
    let best = |d: usize| c.best_in(d);
    for w in docs.windows(2) {
        let (a, b) = (best(w[0])?, best(w[1])?);
        if ctx.tl.same_series(w[0], w[1]) && (a.weight - b.weight).abs() >= 1.0 {
            let verb = if b.weight > a.weight { "raised" } else { "lowered" };
            return Some(Change {
                kind: "changed".into(),
                description: format!(
                    "{}: {verb} from {} ({}) to {} ({}).",
                    c.lead(ctx).subject,
                    a.marker,
                    ctx.tl.label(w[0]),
                    b.marker,
                    ctx.tl.label(w[1])
                ),
                evidence: vec![ctx.tl.evidence(&a.cite), ctx.tl.evidence(&b.cite)],
            });
        }
    }
    None
}

/// A later "deprioritise/pause/cut" directive on a priority's topic.
fn explicit_drop(ctx: &Ctx, facts: &UpdateFacts, c: &Cluster, docs: &[usize]) -> Option<Change> {
    let first = docs[0];
    let d = facts.directives.iter().filter(|d| d.direction == Direction::Down && ctx.tl.pos[d.cite.doc] > ctx.tl.pos[first]).find(|d| {
        let quote_terms = crate::topics::terms(&d.cite.quote);
        ctx.idf.same_topic(&c.terms, &d.terms, 0.5) || d.verb.starts_with("depriorit") && ctx.idf.same_topic(&c.terms, &quote_terms, 0.5)
    })?;
    let lead = c.members.iter().filter(|m| ctx.tl.pos[m.cite.doc] < ctx.tl.pos[d.cite.doc]).max_by(|a, b| a.weight.total_cmp(&b.weight))?;
    Some(Change {
        kind: "dropped".into(),
        description: format!(
            "{} ({} in {}) — \"{}\" in {}.",
            lead.subject,
            lead.marker,
            ctx.tl.label(lead.cite.doc),
            d.verb,
            ctx.tl.label(d.cite.doc)
        ),
        evidence: vec![ctx.tl.evidence(&lead.cite), ctx.tl.evidence(&d.cite)],
    })
}
