//! Dependencies (who waits on whom for what, by when) merged across updates, and the gaps
//! they and the priorities reveal: no date, a provider whose own update is silent about
//! what others need, a top priority nobody else mentions.

use super::Ctx;
use super::priorities::Cluster;
use crate::extract::Cite;
use crate::extract::update::{DependencyFact, UpdateFacts};
use crate::report::{Dependency, Gap};

/// Dependencies, one per (dependent, provider, deliverable), restatements merged.
pub fn list(ctx: &Ctx, f: &UpdateFacts) -> Vec<Dependency> {
    let mut groups: Vec<(&DependencyFact, Vec<&Cite>)> = Vec::new();
    for d in &f.dependencies {
        let same = groups.iter_mut().find(|(g, _)| {
            g.dependent.eq_ignore_ascii_case(&d.dependent)
                && g.depends_on.eq_ignore_ascii_case(&d.depends_on)
                && (g.terms.is_empty() && d.terms.is_empty() || ctx.idf.same_topic(&g.terms, &d.terms, 0.6))
        });
        match same {
            Some((g, cites)) => {
                cites.push(&d.cite);
                if g.due.is_none() && d.due.is_some() {
                    *g = d;
                }
            }
            None => groups.push((d, vec![&d.cite])),
        }
    }
    let mut out: Vec<Dependency> = groups
        .into_iter()
        .map(|(d, cites)| Dependency {
            dependent: d.dependent.clone(),
            depends_on: d.depends_on.clone(),
            deliverable: d.deliverable.clone(),
            due: d.due.map(|s| s.label()),
            evidence: ctx.tl.evidence_all(cites),
        })
        .collect();
    out.sort_by(|a, b| a.due.is_none().cmp(&b.due.is_none()).then(a.due.cmp(&b.due)).then(a.dependent.cmp(&b.dependent)));
    out
}

/// Documents that speak for a team: the team named by their front matter or title.
fn docs_of(ctx: &Ctx, team: &str) -> Vec<usize> {
    (0..ctx.tl.docs.len())
        .filter(|&d| crate::extract::update::doc_team(&ctx.tl.docs[d]).is_some_and(|t| t.eq_ignore_ascii_case(team)))
        .collect()
}

/// Gaps and opportunities.
pub fn gaps(ctx: &Ctx, f: &UpdateFacts, clusters: &[Cluster], max: usize) -> Vec<Gap> {
    let mut out = Vec::new();
    for d in &f.dependencies {
        let t = crate::topics::terms(&format!("{} {} {}", d.dependent, d.depends_on, d.cite.quote));
        if !ctx.in_focus(&t) {
            continue;
        }
        for p in docs_of(ctx, &d.depends_on) {
            if p != d.cite.doc && !d.terms.is_empty() && !ctx.doc_mentions(p, &d.terms, 0.5) {
                let due = d.due.map(|s| format!(" by {}", s.label())).unwrap_or_default();
                out.push(Gap {
                    description: format!(
                        "{}'s own update ({}) does not mention {}, which {} needs{due}.",
                        d.depends_on,
                        ctx.tl.label(p),
                        d.deliverable,
                        d.dependent
                    ),
                    evidence: vec![ctx.tl.evidence(&d.cite)],
                });
            }
        }
    }
    let undated = f.dependencies.iter().filter(|d| d.due.is_none() && ctx.in_focus(&crate::topics::terms(&d.cite.quote)));
    for d in undated.take(8) {
        {
            out.push(Gap {
                description: format!(
                    "{} waits on {} for {} with no date stated.",
                    d.dependent,
                    d.depends_on,
                    if d.deliverable.is_empty() { "an unnamed deliverable" } else { &d.deliverable }
                ),
                evidence: vec![ctx.tl.evidence(&d.cite)],
            });
        }
    }
    if ctx.tl.docs.len() >= 3 {
        for c in clusters.iter().filter(|c| c.significant()).take(max) {
            let docs = c.docs(ctx);
            let elsewhere = (0..ctx.tl.docs.len()).any(|d| !docs.contains(&d) && ctx.doc_mentions(d, &c.terms, 0.5));
            if docs.len() == 1 && !elsewhere && c.max_weight() >= 2.5 {
                let lead = c.lead(ctx);
                out.push(Gap {
                    description: format!(
                        "{} is {} in {} but no other update mentions it — check that the teams it needs have planned for it.",
                        lead.subject,
                        lead.marker,
                        ctx.tl.label(docs[0])
                    ),
                    evidence: vec![ctx.tl.evidence(&lead.cite)],
                });
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|g| seen.insert(g.description.clone()));
    out
}
