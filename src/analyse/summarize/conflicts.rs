//! Conflicts between updates: opposing directives on one topic or resource, one
//! deliverable with different dates, one team claimed by two plans, a launch inside a
//! freeze, and a P0 that a later update from the same source silently leaves out.

use super::Ctx;
use super::priorities::Cluster;
use crate::dates::Span;
use crate::extract::Cite;
use crate::extract::update::{Claim, Dated, Direction, Freeze, UpdateFacts};
use crate::report::Conflict;
use crate::topics::terms;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// All conflicts, grouped so each topic appears once with every side cited.
pub fn find(ctx: &Ctx, f: &UpdateFacts, clusters: &[Cluster]) -> Vec<Conflict> {
    let mut out = Vec::new();
    out.extend(opposing(ctx, f));
    out.extend(slips(ctx, f));
    out.extend(claims(ctx, f));
    out.extend(in_freeze(ctx, f));
    out.extend(silent_drops(ctx, f, clusters));
    out
}

/// Pairs found by a rule, merged into groups that share a citation (one conflict per
/// topic, every side cited). Membership is indexed, so adding a pair is constant time.
struct Groups {
    groups: Vec<(String, Vec<Cite>)>,
    member: HashMap<(usize, usize), usize>,
}

/// At most this many sides are kept per conflict (the report shows six).
const MAX_SIDES: usize = 12;

impl Groups {
    fn new() -> Groups {
        Groups { groups: Vec::new(), member: HashMap::new() }
    }

    fn add(&mut self, description: impl FnOnce() -> String, a: &Cite, b: &Cite) {
        let key = |c: &Cite| (c.doc, c.line);
        let g = match self.member.get(&key(a)).or_else(|| self.member.get(&key(b))) {
            Some(&g) => g,
            None => {
                self.groups.push((description(), Vec::new()));
                self.groups.len() - 1
            }
        };
        for c in [a, b] {
            if !self.member.contains_key(&key(c)) && self.groups[g].1.len() < MAX_SIDES {
                self.member.insert(key(c), g);
                self.groups[g].1.push(c.clone());
            }
        }
    }

    fn into_conflicts(self, ctx: &Ctx, kind: &str) -> Vec<Conflict> {
        self.groups
            .into_iter()
            .map(|(description, cites)| Conflict { kind: kind.into(), description, evidence: ctx.tl.evidence_all(cites.iter().take(6)) })
            .collect()
    }
}

fn quoted(s: &str) -> String {
    format!("\u{201c}{}\u{201d}", s.trim())
}

/// Up vs down directives on the same resource or topic, from different sources.
fn opposing(ctx: &Ctx, f: &UpdateFacts) -> Vec<Conflict> {
    let mut g = Groups::new();
    let quote_terms: Vec<Vec<String>> = f.directives.iter().map(|d| terms(&d.cite.quote)).collect();
    let (ups, downs): (Vec<usize>, Vec<usize>) = (0..f.directives.len()).partition(|&i| f.directives[i].direction == Direction::Up);
    for &u in &ups {
        for &d in &downs {
            let (up, down) = (&f.directives[u], &f.directives[d]);
            if up.cite.doc == down.cite.doc {
                continue;
            }
            let shared_resource = up.resources.iter().find(|r| down.resources.contains(r));
            // Same topic: a shared resource, matching objects, or one object named
            // inside the other directive's sentence.
            // A name or identifier in one directive's object that the other sentence also names.
            let shared_name = up.names.iter().any(|n| down.quote_names.contains(n) || down.names.contains(n))
                || down.names.iter().any(|n| up.quote_names.contains(n))
                || up.idents.iter().any(|i| down.idents.contains(i));
            let about_same = shared_resource.is_some()
                || shared_name
                || ctx.idf.same_topic(&up.terms, &down.terms, 0.6)
                || up.terms.len() >= 2 && ctx.idf.same_topic(&up.terms, &quote_terms[d], 0.6)
                || down.terms.len() >= 2 && ctx.idf.same_topic(&down.terms, &quote_terms[u], 0.6);
            if !about_same {
                continue;
            }
            let (a, b) = if ctx.tl.pos[up.cite.doc] <= ctx.tl.pos[down.cite.doc] { (up, down) } else { (down, up) };
            let description = || {
                let about = match shared_resource {
                    Some(&"gpu") => "GPU capacity".to_string(),
                    Some(r) => r.to_string(),
                    None => up.object.clone(),
                };
                format!(
                    "Opposing directives on {about}: {} says {} while {} says {}.",
                    ctx.tl.label(a.cite.doc),
                    quoted(&format!("{} {}", a.verb, a.object)),
                    ctx.tl.label(b.cite.doc),
                    quoted(&format!("{} {}", b.verb, b.object))
                )
            };
            g.add(description, &a.cite, &b.cite);
        }
    }
    g.into_conflicts(ctx, "opposing-directive")
}

static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(alpha|beta|ga|general availability|preview|pilot|prototype|mvp|design review|design doc|rfc|canary|dogfood\w*|code[- ]complete|feature[- ]complete|testflight|cut ?over|(?:switch|turn)(?:ed)? off|shut ?down|sunset|deprecat\w*|decommission\w*|starts?|begins?|kick[- ]?off|kicks? off)$").expect("regex")
});

/// Whether two dated statements can be about the same milestone (same stage, same version).
fn same_stage(a: &Dated, b: &Dated) -> bool {
    // A start date and a deadline of one piece of work are not a slip.
    let starts = |d: &Dated| d.stages.iter().any(|s| s.starts_with("start") || s.starts_with("begin") || s.starts_with("kick"));
    if starts(a) != starts(b) {
        return false;
    }
    let pick = |d: &Dated, release: bool| d.stages.iter().filter(|s| RELEASE.is_match(s) == release).cloned().collect::<Vec<_>>();
    for release in [true, false] {
        let (x, y) = (pick(a, release), pick(b, release));
        if !x.is_empty() && !y.is_empty() && !x.iter().any(|s| y.contains(s)) {
            return false;
        }
    }
    true
}

/// Tracker or OKR identifiers ("kr2.1", "o4", "pay-123") as they appear among terms.
fn is_id(t: &str) -> bool {
    static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:kr\d+(?:\.\d+)*|o\d+|[a-z][a-z0-9]+-\d+)$").expect("regex"));
    ID.is_match(t)
}

fn is_short(s: &Span) -> bool {
    (s.end - s.start).num_days() <= 31
}

/// One deliverable: a shared tracker ID, or the same topic.
fn same_deliverable(ctx: &Ctx, a: &Dated, b: &Dated) -> bool {
    a.terms.iter().any(|t| is_id(t) && b.terms.contains(t)) || ctx.idf.same_topic(&a.terms, &b.terms, 0.7)
}

/// Two dates for one deliverable that cannot both hold: different documents, windows that
/// do not overlap, the same stage, and not an earlier date against a "by" deadline.
fn slipped(a: &Dated, b: &Dated) -> bool {
    let on_time = |deadline: &Dated, other: &Dated| deadline.by && other.span.end <= deadline.span.end;
    a.cite.doc != b.cite.doc
        && !a.span.overlaps(&b.span)
        && (is_short(&a.span) || is_short(&b.span))
        && same_stage(a, b)
        && !on_time(a, b)
        && !on_time(b, a)
}

/// Members of a deliverable group compared pairwise, up to this many.
const MAX_GROUP_PAIRS: usize = 60;

/// The same deliverable with dates that cannot both hold. Dated statements are grouped by
/// deliverable first (linear in statements × groups), then compared within a group.
fn slips(ctx: &Ctx, f: &UpdateFacts) -> Vec<Conflict> {
    let mut order: Vec<&Dated> = f.dated.iter().collect();
    order.sort_by_key(|d| (ctx.tl.pos[d.cite.doc], d.cite.line));
    let mut groups: Vec<Vec<&Dated>> = Vec::new();
    for d in order {
        match groups.iter_mut().find(|g| same_deliverable(ctx, g[0], d)) {
            Some(g) => g.push(d),
            None => groups.push(vec![d]),
        }
    }
    let mut g = Groups::new();
    for members in groups.iter().filter(|m| m.len() >= 2) {
        let members = &members[..members.len().min(MAX_GROUP_PAIRS)];
        for (i, x) in members.iter().enumerate() {
            for y in &members[i + 1..] {
                if !slipped(x, y) || !same_deliverable(ctx, x, y) {
                    continue;
                }
                let description = || {
                    format!(
                        "{}: {} in {} but {} in {}.",
                        x.subject,
                        quoted(&x.when),
                        ctx.tl.label(x.cite.doc),
                        quoted(&y.when),
                        ctx.tl.label(y.cite.doc)
                    )
                };
                g.add(description, &x.cite, &y.cite);
            }
        }
    }
    g.into_conflicts(ctx, "date-slip")
}

/// One team claimed for different purposes in overlapping windows.
fn claims(ctx: &Ctx, f: &UpdateFacts) -> Vec<Conflict> {
    let mut by_team: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    for c in &f.claims {
        by_team.entry(c.team.to_lowercase()).or_default().push(c);
    }
    let mut g = Groups::new();
    for claims in by_team.values() {
        for (i, a) in claims.iter().enumerate().take(MAX_GROUP_PAIRS) {
            for b in &claims[i + 1..claims.len().min(MAX_GROUP_PAIRS)] {
                let overlapping = match (a.span, b.span) {
                    (Some(x), Some(y)) => x.overlaps(&y),
                    _ => true,
                };
                if a.cite.doc == b.cite.doc || !overlapping || ctx.idf.overlap(&a.purpose, &b.purpose).0 >= 0.35 {
                    continue;
                }
                let words = |c: &Claim| c.purpose.iter().take(5).cloned().collect::<Vec<_>>().join(" ");
                let description = || {
                    format!(
                        "{} is claimed twice: {} plans it for {} while {} plans it for {}.",
                        a.team,
                        ctx.tl.label(a.cite.doc),
                        words(a),
                        ctx.tl.label(b.cite.doc),
                        words(b)
                    )
                };
                g.add(description, &a.cite, &b.cite);
            }
        }
    }
    g.into_conflicts(ctx, "resource-claim")
}

static EXCEPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(after the (?:freeze|blackout)|exempt\w*|exception|break[- ]glass|before the (?:freeze|blackout))\b").expect("regex")
});

/// A launch dated inside a freeze window. Restatements of one freeze count once.
fn in_freeze(ctx: &Ctx, f: &UpdateFacts) -> Vec<Conflict> {
    let mut windows: BTreeMap<Span, Vec<&Freeze>> = BTreeMap::new();
    for z in &f.freezes {
        windows.entry(z.span).or_default().push(z);
    }
    for stated in windows.values_mut() {
        stated.sort_by_key(|z| (ctx.tl.pos[z.cite.doc], z.cite.line));
    }
    let mut out: Vec<Conflict> = Vec::new();
    let mut reported: Vec<&Cite> = Vec::new();
    for d in f.dated.iter().filter(|d| d.is_launch && (d.span.end - d.span.start).num_days() <= 14) {
        // One conflict per launch statement, however many dates it mentions.
        if EXCEPTION.is_match(&d.cite.quote) || reported.contains(&&d.cite) {
            continue;
        }
        let mut freezes: Vec<&Freeze> = windows
            .iter()
            .filter(|(span, _)| span.overlaps(&d.span))
            .flat_map(|(_, z)| z.iter().take(2).copied())
            .filter(|z| z.cite != d.cite)
            .collect();
        if freezes.is_empty() {
            continue;
        }
        freezes.sort_by_key(|z| (ctx.tl.pos[z.cite.doc], z.cite.line));
        let z = freezes[0];
        let description = format!(
            "{} is scheduled for {} inside the freeze {}–{} stated in {}.",
            d.subject,
            quoted(&d.when),
            z.span.start.format("%b %-d"),
            z.span.end.format("%b %-d"),
            ctx.tl.label(z.cite.doc)
        );
        reported.push(&d.cite);
        let mut cites: Vec<&Cite> = freezes.iter().take(2).map(|z| &z.cite).collect();
        cites.push(&d.cite);
        out.push(Conflict { kind: "launch-in-freeze".into(), description, evidence: ctx.tl.evidence_all(cites) });
    }
    out
}

/// A priority on someone's list (or stated emphatically) that the later update from the
/// same source does not mention at all — or, for the first update of a set that has no
/// later one from its source, that none of the later updates mention.
fn silent_drops(ctx: &Ctx, f: &UpdateFacts, clusters: &[Cluster]) -> Vec<Conflict> {
    let mut out = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    let first_doc = (0..ctx.tl.docs.len()).min_by_key(|&d| ctx.tl.pos[d]);
    let restates = |d: usize| f.priorities.iter().any(|p| p.cite.doc == d);
    for c in clusters {
        let lead = c
            .members
            .iter()
            .max_by(|a, b| a.weight.total_cmp(&b.weight).then(ctx.tl.pos[a.cite.doc].cmp(&ctx.tl.pos[b.cite.doc])))
            .expect("member");
        let on_list = c.members.iter().any(|m| m.listed && m.weight >= 1.5);
        let finished = c.members.iter().any(|m| FINISHED.is_match(&m.cite.quote));
        let under_dropped = dropped.iter().any(|d| lead.section.to_lowercase().contains(&d.to_lowercase()));
        if !(on_list || c.max_weight() >= 2.5)
            || finished
            || under_dropped
            || lead.subject.split_whitespace().count() > 10
            || crate::extract::update::weak(&lead.subject)
        {
            continue;
        }
        let docs = c.docs(ctx);
        let last = *docs.last().expect("member");
        let later: Vec<usize> = (0..ctx.tl.docs.len()).filter(|&d| ctx.tl.pos[d] > ctx.tl.pos[last]).collect();
        let same_source = later.iter().copied().filter(|&d| docs.iter().any(|&m| ctx.tl.same_series(m, d))).max_by_key(|&d| ctx.tl.pos[d]);
        // Stated in every update from the first on, then in none of the later ones that
        // restate priorities: it stopped being mentioned.
        let from_the_start = docs.iter().enumerate().all(|(i, &d)| ctx.tl.pos[d] == i);
        let checked: Vec<usize> = match same_source {
            Some(d) if restates(d) => vec![d],
            _ if from_the_start
                && first_doc.is_some_and(|f| docs.contains(&f))
                && !later.is_empty()
                && later.iter().all(|&d| restates(d)) =>
            {
                later.clone()
            }
            _ => continue,
        };
        let mentioned = checked.iter().any(|&d| ctx.doc_mentions_at_all(d, &c.terms));
        let explicit = f.directives.iter().any(|d| {
            d.direction == Direction::Down && ctx.tl.pos[d.cite.doc] > ctx.tl.pos[last] && ctx.idf.same_topic(&c.terms, &d.terms, 0.5)
        });
        if mentioned || explicit {
            continue;
        }
        let whom = match checked.as_slice() {
            [d] if same_source == Some(*d) => format!("{}, the later update from the same source", ctx.tl.label(*d)),
            _ => format!("any of the {} later updates", checked.len()),
        };
        let description =
            format!("{} was {} in {} but is not mentioned at all in {whom}.", lead.subject, lead.marker, ctx.tl.label(lead.cite.doc));
        dropped.push(lead.subject.clone());
        out.push(Conflict {
            kind: "silent-drop".into(),
            description,
            evidence: ctx.tl.evidence_all(c.members.iter().map(|m| &m.cite).take(3)),
        });
    }
    out
}

/// Work reported as finished: its absence later is not a drop.
static FINISHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(done|completed?|shipped|launched|finished|closed|delivered)\b|✅").expect("regex"));
