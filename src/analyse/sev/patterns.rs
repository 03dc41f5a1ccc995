//! What recurs: each incident's mechanism, patterns of 2+ incidents sharing a mechanism
//! or a kind, their mitigations (with the incidents' own action items that already plan
//! them), repeat-offender services and the prevention checklist.

use super::classify::Classification;
use super::mechanisms::{self, MECHANISMS, Mitigation};
use super::{Analysed, KINDS, Kind};
use crate::analyse::Timeline;
use crate::extract::Cite;
use crate::extract::postmortem::{Postmortem, Role};
use crate::report::sev::{self, ChecklistItem, Pattern, RepeatOffender};
use regex::{Regex, RegexSet};
use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::classify::ascii_bounds as ci;

static CUES: LazyLock<RegexSet> = LazyLock::new(|| RegexSet::new(MECHANISMS.iter().map(|m| ci(m.cues))).expect("mechanism cues"));
/// Less evidence than this and an incident has no distinct mechanism.
const MIN_MECHANISM: f64 = 2.0;

/// The mechanism an incident shows most, weighted like the classifier (root cause over
/// timeline) and favouring mechanisms of its own kinds.
pub fn mechanism(pm: &Postmortem, class: &Classification) -> Option<(usize, Cite)> {
    let mut score = vec![0.0; MECHANISMS.len()];
    let mut first: Vec<Option<(f64, usize)>> = vec![None; MECHANISMS.len()];
    for (i, s) in pm.sentences.iter().enumerate() {
        let place = match s.role {
            Role::Title | Role::Cause | Role::Trigger => 2.0,
            Role::Summary | Role::Body => 1.2,
            Role::WentWell => 0.1,
            Role::Actions | Role::Lessons => 0.5,
            _ => 0.7,
        };
        for m in CUES.matches(&s.text).iter() {
            score[m] += place;
            if first[m].is_none_or(|(w, _)| place > w) {
                first[m] = Some((place, i));
            }
        }
    }
    let fit = |m: usize| {
        let k = MECHANISMS[m].kind;
        if k == class.kind {
            1.5
        } else if Some(k) == class.second {
            1.2
        } else {
            0.6
        }
    };
    let best = (0..MECHANISMS.len())
        .map(|m| (score[m].min(6.0) * fit(m), m))
        .filter(|&(s, _)| s >= MIN_MECHANISM)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))?;
    let (_, i) = first[best.1]?;
    let s = &pm.sentences[i];
    Some((best.1, Cite { doc: pm.doc, line: s.line, quote: crate::text::quote(&s.text, 220) }))
}

/// Patterns: every mechanism shared by 2+ incidents, then every kind with 2+ incidents
/// that no single mechanism pattern already covers; largest first.
pub fn patterns(t: &Timeline, all: &[Analysed]) -> Vec<Pattern> {
    let mut out = Vec::new();
    let mut covered: Vec<std::collections::BTreeSet<usize>> = Vec::new();
    for (m, mech) in MECHANISMS.iter().enumerate() {
        let members: Vec<usize> = (0..all.len()).filter(|&i| all[i].mechanism.as_ref().is_some_and(|(x, _)| *x == m)).collect();
        if members.len() < 2 {
            continue;
        }
        let cites: Vec<&Cite> = members.iter().filter_map(|&i| all[i].mechanism.as_ref().map(|(_, c)| c)).collect();
        out.push(pattern(t, all, mech.name.to_string(), mech.kind, mech.id, &members, cites, mech.mitigations));

        covered.push(members.into_iter().collect());
    }
    for kind in KINDS.iter().copied().filter(|&k| k != Kind::Other) {
        let members: Vec<usize> = (0..all.len()).filter(|&i| all[i].class.kind == kind).collect();
        if members.len() < 2 || covered.iter().any(|c| members.iter().all(|m| c.contains(m))) {
            continue;
        }
        let cites: Vec<&Cite> = members.iter().filter_map(|&i| all[i].class.signals.first().map(|s| &s.cite)).collect();
        let name = format!("{} incidents ({})", kind.as_str(), members.len());
        out.push(pattern(t, all, name, kind, "mixed", &members, cites, mechanisms::kind_mitigations(kind)));
    }
    out.sort_by(|a, b| b.incidents.len().cmp(&a.incidents.len()).then(a.name.cmp(&b.name)));
    out
}

#[allow(clippy::too_many_arguments)]
fn pattern(
    t: &Timeline,
    all: &[Analysed],
    name: String,
    kind: Kind,
    mechanism: &str,
    members: &[usize],
    cites: Vec<&Cite>,
    mitigations: &[Mitigation],
) -> Pattern {
    let mut files: Vec<String> = members.iter().map(|&i| t.docs[all[i].pm.doc].path.clone()).collect();
    files.sort();
    let mitigations = mitigations
        .iter()
        .map(|m| {
            // Whole words only: "cap" must not plan "capacity".
            let planned = Regex::new(&ci(&format!(r"\b(?:{})", m.planned))).expect("planned");
            let cites = members.iter().flat_map(|&i| all[i].pm.action_items.iter()).filter(|a| planned.is_match(&a.text)).map(|a| &a.cite);
            sev::Mitigation { action: m.action.into(), automated_check: m.check.into(), planned: t.evidence_all(cites) }
        })
        .collect();
    Pattern {
        name,
        kind: kind.as_str().into(),
        mechanism: mechanism.into(),
        incidents: files,
        mitigations,
        evidence: t.evidence_all(cites),
    }
}

/// Services named in 2+ incidents, most incidents first. Names are compared without
/// case and without a trailing "service"/"api" word so "Payments API" and "payments-api"
/// count as one.
pub fn repeat_offenders(t: &Timeline, pms: &[Postmortem]) -> Vec<RepeatOffender> {
    let mut by: BTreeMap<String, (String, Vec<usize>, Vec<&Cite>)> = BTreeMap::new();
    for pm in pms {
        for s in &pm.services {
            let key = service_key(&s.value);
            if key.is_empty() {
                continue;
            }
            let e = by.entry(key).or_insert_with(|| (s.value.clone(), Vec::new(), Vec::new()));
            if e.1.last() != Some(&pm.doc) {
                e.1.push(pm.doc);
                e.2.push(&s.cite);
            }
        }
    }
    let mut out: Vec<RepeatOffender> = by
        .into_values()
        .filter(|(_, docs, _)| docs.len() >= 2)
        .map(|(name, docs, cites)| {
            let mut incidents: Vec<String> = docs.iter().map(|&d| t.docs[d].path.clone()).collect();
            incidents.sort();
            RepeatOffender { service: name, incidents, evidence: t.evidence_all(cites) }
        })
        .collect();
    out.sort_by(|a, b| b.incidents.len().cmp(&a.incidents.len()).then(a.service.cmp(&b.service)));
    out
}

/// Repeat offenders from incidents alone (the llm engine's), cited by each incident's
/// evidence that names the service.
pub fn offenders_of(incidents: &[sev::Incident]) -> Vec<RepeatOffender> {
    let mut by: BTreeMap<String, RepeatOffender> = BTreeMap::new();
    for i in incidents {
        for s in &i.services {
            let key = service_key(s);
            if key.is_empty() {
                continue;
            }
            let e = by.entry(key).or_insert_with(|| RepeatOffender { service: s.clone(), incidents: Vec::new(), evidence: Vec::new() });
            if e.incidents.last() != Some(&i.file) {
                e.incidents.push(i.file.clone());
                let named = i.evidence.iter().find(|x| x.quote.to_lowercase().contains(&s.to_lowercase()));
                e.evidence.extend(named.cloned());
            }
        }
    }
    let mut out: Vec<RepeatOffender> = by.into_values().filter(|r| r.incidents.len() >= 2).collect();
    for r in &mut out {
        r.incidents.sort();
    }
    out.sort_by(|a, b| b.incidents.len().cmp(&a.incidents.len()).then(a.service.cmp(&b.service)));
    out
}

fn service_key(name: &str) -> String {
    let n: String = name.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let words: Vec<&str> = n.split_whitespace().collect();
    let keep = words.len().saturating_sub(usize::from(words.len() > 1 && matches!(words.last(), Some(&"service" | &"services" | &"svc"))));
    words[..keep].join("-")
}

/// The prevention checklist: each automated check once, with the patterns it covers and
/// the action items that already plan it; the checks covering most incidents first.
pub fn checklist(patterns: &[Pattern]) -> Vec<ChecklistItem> {
    let mut items: Vec<(ChecklistItem, usize)> = Vec::new();
    let mut seen: std::collections::BTreeSet<(usize, &str, usize)> = std::collections::BTreeSet::new();
    for p in patterns {
        for m in &p.mitigations {
            let pos = items.iter().position(|(i, _)| i.item == m.automated_check);
            let (item, n) = match pos {
                Some(i) => &mut items[i],
                None => {
                    items.push((ChecklistItem { item: m.automated_check.clone(), patterns: Vec::new(), evidence: Vec::new() }, 0));
                    items.last_mut().expect("pushed")
                }
            };
            item.patterns.push(p.name.clone());
            *n += p.incidents.len();
            let at = pos.unwrap_or(items.len() - 1);
            for e in &m.planned {
                if seen.insert((at, e.file.as_str(), e.line)) {
                    items[at].0.evidence.push(e.clone());
                }
            }
        }
    }
    items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.item.cmp(&b.0.item)));
    items.into_iter().map(|(i, _)| i).collect()
}
