//! The offline engine for `propose`: a template's sections (declared in its front
//! matter, each with the cues that find it) are filled with the context documents' own
//! sentences, each cited; a section heading in a context document that matches counts
//! double. Stakeholders come out as RACI-lite rows with one Responsible and one
//! Accountable; the timeline lists dated statements in date order. Whatever the inputs do
//! not say becomes a marked placeholder — the question the author still has to answer.

use crate::analyse::Timeline;
use crate::dates;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::Cite;
use crate::extract::design::{Line, lines};
use crate::report::proposal::{ProposalReport, Raci, Section, Statement};
use crate::template::Template;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A section a template declares.
#[derive(Debug, Clone)]
pub struct Spec {
    pub key: String,
    pub title: String,
    pub ask: String,
    pub cues: Option<Regex>,
    /// "raci", "timeline", or none for plain statements.
    pub kind: Option<String>,
}

/// The sections a template declares, with their cues compiled.
pub fn specs(t: &Template) -> Result<Vec<Spec>> {
    let bad = |why: String| Error::TemplateRender { template: t.id(), reason: why };
    let list = t.meta.sections.as_array().ok_or_else(|| bad("front matter has no `sections` list".into()))?;
    list.iter()
        .map(|s| {
            let get = |k: &str| s.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let key = get("key").ok_or_else(|| bad("a section has no `key`".into()))?;
            let cues = match get("cues") {
                Some(c) => Some(Regex::new(&format!("(?i){c}")).map_err(|e| bad(format!("section {key}: invalid cues: {e}")))?),
                None => None,
            };
            Ok(Spec {
                title: get("title").unwrap_or_else(|| key.clone()),
                ask: get("ask").unwrap_or_else(|| format!("fill in {key}")),
                cues,
                kind: get("kind"),
                key,
            })
        })
        .collect()
}

fn cite(doc: usize, l: &Line) -> Cite {
    Cite { doc, line: l.line, quote: crate::text::quote(&l.text, 220) }
}

/// How strongly a line belongs in a section: its cue hits, plus two when it sits under a
/// heading that names the section.
fn fit(spec: &Spec, l: &Line) -> f64 {
    let Some(cues) = &spec.cues else { return 0.0 };
    let hits = cues.find_iter(&l.text).count().min(3) as f64;
    let words: Vec<String> =
        spec.title.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 3).map(str::to_string).collect();
    let under = words.iter().any(|w| l.headings.contains(w.as_str())) || l.headings.contains(&spec.key.replace('_', " "));
    if hits == 0.0 && !under {
        return 0.0;
    }
    hits + if under { 2.0 } else { 0.0 }
}

/// Builds the draft.
pub fn propose(docs: &[Document], template: &str, specs: &[Spec], vars: &BTreeMap<String, String>) -> ProposalReport {
    let t = Timeline::new(docs);
    // Statements are sentences, except that a short list item or paragraph stays whole
    // ("Waiting on Networking for the PSC endpoints; blocked until…").
    let mut all: Vec<(usize, Line)> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        for mut l in lines(d) {
            if !l.row && l.block.split_whitespace().count() <= 40 {
                if all.last().is_some_and(|(j, p)| *j == i && p.block == l.block) {
                    continue;
                }
                l.text = l.block.clone();
            }
            if l.text.split_whitespace().count() >= 3 {
                all.push((i, l));
            }
        }
    }
    // Each line goes to the one section it fits best (the first on a tie).
    let mut chosen: Vec<Vec<(f64, usize)>> = vec![Vec::new(); specs.len()];
    for (n, (_, l)) in all.iter().enumerate() {
        let best = specs
            .iter()
            .enumerate()
            .map(|(k, s)| (fit(s, l), k))
            .filter(|(f, _)| *f > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((f, k)) = best {
            chosen[k].push((f, n));
        }
    }
    let sections = specs
        .iter()
        .enumerate()
        .map(|(k, spec)| {
            let items: Vec<Statement> = if let Some(v) = vars.get(&spec.key) {
                vec![Statement { text: v.clone(), evidence: Vec::new() }]
            } else {
                match spec.kind.as_deref() {
                    Some("raci") => Vec::new(),
                    Some("timeline") => timeline(&t, &all),
                    _ => {
                        let mut c = chosen[k].clone();
                        c.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                        c.truncate(4);
                        c.sort_by_key(|x| x.1);
                        c.iter()
                            .map(|&(_, n)| Statement {
                                text: all[n].1.text.clone(),
                                evidence: vec![t.evidence(&cite(all[n].0, &all[n].1))],
                            })
                            .collect()
                    }
                }
            };
            let raci_kind = spec.kind.as_deref() == Some("raci");
            let placeholder = (items.is_empty() && !raci_kind).then(|| format!("⟦TODO: {}⟧", spec.ask));
            Section { key: spec.key.clone(), title: spec.title.clone(), items, placeholder }
        })
        .collect();
    let raci = if specs.iter().any(|s| s.kind.as_deref() == Some("raci")) { raci(&t, &all, vars) } else { Vec::new() };
    let title = vars.get("title").cloned().unwrap_or_else(|| docs.first().map(|d| d.title.clone()).unwrap_or_default());
    ProposalReport {
        command: "propose".into(),
        template: template.into(),
        title,
        vars: vars.clone(),
        sections,
        raci,
        citations: Default::default(),
    }
}

static DATED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{4}-\d{2}-\d{2}\b").expect("regex"));

/// Dated statements in date order (ISO dates, the form plans are written in).
fn timeline(t: &Timeline, all: &[(usize, Line)]) -> Vec<Statement> {
    let mut dated: Vec<(chrono::NaiveDate, usize)> = all
        .iter()
        .enumerate()
        .filter_map(|(n, (_, l))| {
            let m = DATED.find(&l.text)?;
            Some((dates::parse_loose(m.as_str(), dates::today())?, n))
        })
        .collect();
    dated.sort();
    dated.dedup_by_key(|x| x.1);
    dated
        .into_iter()
        .take(8)
        .map(|(d, n)| Statement { text: format!("{d} — {}", all[n].1.text), evidence: vec![t.evidence(&cite(all[n].0, &all[n].1))] })
        .collect()
}

static PERSON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([A-Z][a-z]+ [A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b").expect("regex"));
static TEAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:the )?([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?) (?:team|review)\b|\b(Finance|Security|Legal|Privacy|SRE)\b")
        .expect("regex")
});

/// RACI-lite: Responsible = `--var owner` or the named owner; Accountable = `--var
/// approver` or whoever the context says approves or decides; Consulted and Informed
/// from the lines that say so.
fn raci(t: &Timeline, all: &[(usize, Line)], vars: &BTreeMap<String, String>) -> Vec<Raci> {
    let find = |cue: &str| -> Option<(String, &Line, usize)> {
        let re = Regex::new(&format!("(?i){cue}")).expect("regex");
        // The person in the sentence that says it ("Helena Brandt approves budget.").
        all.iter().find_map(|(d, l)| {
            crate::text::sentences(&l.text)
                .into_iter()
                .filter(|(_, s)| re.is_match(s))
                .find_map(|(_, s)| PERSON.find(s).map(|m| (m.as_str().to_string(), l, *d)))
        })
    };
    let owner = find(r"\bowner\b|\bresponsible\b|\bauthor\b|\bdri\b");
    let approver = find(r"\bapprov\w*|\bdecision from\b|\bsign-?off\b|\baccountable\b|\bdecides?\b");
    let group = |cue: &str| -> (Vec<String>, Vec<Cite>) {
        let re = Regex::new(&format!("(?i){cue}")).expect("regex");
        let mut names = Vec::new();
        let mut cites = Vec::new();
        for (d, l) in all.iter().filter(|(_, l)| re.is_match(&l.text)) {
            let said: Vec<&str> = crate::text::sentences(&l.text).into_iter().map(|(_, s)| s).filter(|s| re.is_match(s)).collect();
            for c in said.iter().flat_map(|s| TEAM.captures_iter(s)) {
                let n = c.get(1).or(c.get(2)).map_or("", |m| m.as_str()).trim_start_matches("The ").to_string();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            cites.push(cite(*d, l));
        }
        (names, cites)
    };
    let (consulted, c1) = group(r"\bconsult\w*");
    let (informed, c2) = group(r"\binform\w*");
    let mut cites: Vec<Cite> = c1.into_iter().chain(c2).collect();
    let responsible =
        vars.get("owner").cloned().or(owner.as_ref().map(|o| o.0.clone())).unwrap_or_else(|| "⟦TODO: who does the work⟧".into());
    let accountable =
        vars.get("approver").cloned().or(approver.as_ref().map(|a| a.0.clone())).unwrap_or_else(|| "⟦TODO: who decides⟧".into());
    for (_, l, d) in owner.iter().chain(approver.iter()) {
        cites.push(cite(*d, l));
    }
    let item = vars.get("title").cloned().unwrap_or_else(|| "This proposal".into());
    vec![Raci { item, responsible, accountable, consulted, informed, evidence: t.evidence_all(&cites) }]
}
