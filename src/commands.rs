//! One function per command, each the pipeline for its documents: load → extract →
//! analyse (offline engine, or the llm engine) → verify → render → write. `lib.rs`
//! dispatches a `Job` here; the shared stages (`deliver`, `choose_engine`, `keep_last`)
//! live there, and `respond` is the engine stage every command shares.

use crate::analyse::summarize::SummarizeOptions;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::llm::engine::{Ran, Step};
use crate::report::Report;
use crate::settings::{Engine, Settings};
use crate::template::{self, Registry};
use crate::{LlmProvenance, analyse, choose_engine, deliver, diag, extract, keep_last, llm, load, reference_date, write};
use std::collections::BTreeMap;

/// Reads the inputs, in canonical order.
fn read(s: &Settings, inputs: &[String]) -> Result<Vec<Document>> {
    Ok(keep_last(load::load(inputs, &load::LoadOptions { max_file_bytes: s.max_file_bytes })?, None))
}

/// With `-v`, the pre-pass facts on stderr.
fn show_facts(s: &Settings, facts: impl FnOnce() -> serde_json::Value) {
    if s.verbose {
        diag::note(&format!("extracted facts:\n{}", serde_json::to_string_pretty(&facts()).unwrap_or_default()));
    }
}

/// The engine stage every command shares: `--dry-run` prints the requests the llm engine
/// would send; the llm engine answers; otherwise the offline engine builds the report.
/// Then verify → render → write.
fn respond(
    s: &Settings,
    registry: &Registry,
    docs: &[Document],
    llm: impl FnOnce() -> Result<Step<Ran<Report>>>,
    offline: impl FnOnce() -> Result<Report>,
) -> Result<()> {
    // A dry run shows the llm requests whatever engine would run.
    let engine = if s.dry_run { Engine::Llm } else { choose_engine(s)? };
    if engine == Engine::Llm {
        return match llm()? {
            Step::Planned(plan) => write::write(None, &llm::dry_run_text(&plan, s)),
            Step::Done(ran) => {
                let prov = LlmProvenance { template: ran.template, usage: ran.usage };
                deliver(s, registry, docs, ran.report, engine, Some(prov))
            }
        };
    }
    if s.no_cache || s.max_cost.is_some() {
        diag::note("--no-cache and --max-cost apply to the llm engine; the offline engine makes no model calls");
    }
    deliver(s, registry, docs, offline()?, engine, None)
}

/// load → extract → analyse → verify → render → write, for leadership updates.
pub(crate) fn summarize(
    s: &Settings,
    registry: &Registry,
    inputs: &[String],
    focus: Option<&str>,
    last: Option<usize>,
    top: usize,
) -> Result<()> {
    let docs = keep_last(load::load(inputs, &load::LoadOptions { max_file_bytes: s.max_file_bytes })?, last);
    let statements = extract::statements(&docs, reference_date(&docs));
    let facts = extract::update::extract(&docs, &statements);
    show_facts(s, || llm::summarize::facts_json(&docs, &facts, None));
    let opts = SummarizeOptions { focus: focus.map(str::to_string), max_priorities: top };
    respond(
        s,
        registry,
        &docs,
        || Ok(llm::summarize::llm(s, registry, &docs, &facts, focus)?.map(|r| r.map(Report::Summarize))),
        || Ok(Report::Summarize(analyse::summarize::summarize(&docs, &statements, &facts, &opts))),
    )
}

/// load → extract → analyse → verify → render → write, for incident postmortems.
pub(crate) fn sev_patterns(s: &Settings, registry: &Registry, inputs: &[String], last: Option<usize>) -> Result<()> {
    let docs = load::load(inputs, &load::LoadOptions { max_file_bytes: s.max_file_bytes })?;
    let (docs, pms) = latest_incidents(docs, last);
    show_facts(s, || llm::sev::facts_json(&docs, &pms, None));
    respond(
        s,
        registry,
        &docs,
        || Ok(llm::sev::llm(s, registry, &docs, &pms)?.map(|r| r.map(Report::SevPatterns))),
        || Ok(Report::SevPatterns(analyse::sev::sev_patterns(&docs, &pms))),
    )
}

/// Dates undated postmortems by their labelled start, keeps the `last` most recent (all
/// of them, in canonical order, without `--last`), and extracts their facts.
pub(crate) fn latest_incidents(docs: Vec<Document>, last: Option<usize>) -> (Vec<Document>, Vec<extract::postmortem::Postmortem>) {
    let mut docs = docs;
    for d in docs.iter_mut().filter(|d| d.date.is_none()) {
        d.date = extract::postmortem::labelled_start(d).map(|t| t.date_naive());
    }
    let docs = keep_last(docs, last);
    let pms = extract::postmortem::extract(&docs);
    (docs, pms)
}

/// load → extract → analyse → verify → render → write, for competing designs.
pub(crate) fn tradeoffs(s: &Settings, registry: &Registry, inputs: &[String]) -> Result<()> {
    let docs = read(s, inputs)?;
    if docs.len() < 2 {
        return Err(Error::Usage(format!("tradeoffs compares two or more designs; {} readable document(s) given", docs.len())));
    }
    let facts = extract::design::extract(&docs);
    show_facts(s, || llm::tradeoffs::facts_json(&docs, &facts, None));
    respond(
        s,
        registry,
        &docs,
        || Ok(llm::tradeoffs::llm(s, registry, &docs, &facts)?.map(|r| r.map(Report::Tradeoffs))),
        || Ok(Report::Tradeoffs(analyse::tradeoffs::tradeoffs(&docs, &facts))),
    )
}

/// load → extract → analyse → verify → render → write, for candidate work items.
pub(crate) fn prioritize(s: &Settings, registry: &Registry, inputs: &[String], max_p0: usize) -> Result<()> {
    let docs = read(s, inputs)?;
    let candidates: Vec<_> = docs.iter().enumerate().flat_map(|(i, d)| extract::work::candidates(i, d)).collect();
    if candidates.is_empty() {
        let files = docs.iter().map(|d| d.path.as_str()).collect::<Vec<_>>().join(", ");
        return Err(Error::Usage(format!(
            "{files}: no candidate work items found (expected a markdown list or table, or a CSV with a title column)"
        )));
    }
    respond(
        s,
        registry,
        &docs,
        || Ok(llm::work::llm(s, registry, &docs, &candidates, max_p0)?.map(|r| r.map(Report::Prioritize))),
        || Ok(Report::Prioritize(analyse::prioritize::prioritize(&docs, &candidates, max_p0))),
    )
}

/// load → extract → analyse → verify → render → write, for a drafted proposal.
pub(crate) fn propose(
    s: &Settings,
    registry: &Registry,
    template: &str,
    context: &[String],
    vars: &BTreeMap<String, String>,
) -> Result<()> {
    // "alignment" names the built-in propose-alignment; a full name works too.
    let name = if template.starts_with("propose-") { template.to_string() } else { format!("propose-{template}") };
    let specs = analyse::propose::specs(registry.get(&name)?)?;
    let docs = read(s, context)?;
    respond(
        s,
        registry,
        &docs,
        || Ok(llm::propose::llm(s, registry, &docs, &name, &specs, vars)?.map(|r| r.map(Report::Propose))),
        || Ok(Report::Propose(analyse::propose::propose(&docs, &name, &specs, vars))),
    )
}

/// load → extract → analyse (the postmortems' patterns, then the drill) → verify →
/// render → write.
pub(crate) fn mock_sev(s: &Settings, registry: &Registry, from: &[String], system: Option<&str>, level: &str, seed: u64) -> Result<()> {
    let opts = load::LoadOptions { max_file_bytes: s.max_file_bytes };
    let (mut docs, pms) = latest_incidents(load::load(from, &opts)?, None);
    if pms.is_empty() {
        return Err(Error::Usage("mock-sev needs at least one readable postmortem (--from)".into()));
    }
    let sev = analyse::sev::sev_patterns(&docs, &pms);
    let mut components = Vec::new();
    if let Some(path) = system {
        let design = load::load(&[path.to_string()], &opts)?;
        components = design.iter().flat_map(analyse::mock_sev::components).collect();
        docs.extend(design);
    }
    respond(
        s,
        registry,
        &docs,
        || Ok(llm::drill::llm(s, registry, &docs, &sev, &components, level, seed)?.map(|r| r.map(Report::MockSev))),
        || Ok(Report::MockSev(analyse::mock_sev::drill(&sev, &components, level, seed))),
    )
}

/// `scope run NAME FILES…`: a built-in command's name runs that command (offline too);
/// any other template is a prompt and needs the llm engine (or `--dry-run`).
pub(crate) fn run_template(
    s: &Settings,
    registry: &Registry,
    name: &str,
    inputs: &[String],
    vars: &BTreeMap<String, String>,
) -> Result<()> {
    match template::parse_ref(name)?.0 {
        "summarize" => return summarize(s, registry, inputs, None, None, 10),
        "sev-patterns" => return sev_patterns(s, registry, inputs, None),
        "tradeoffs" => return tradeoffs(s, registry, inputs),
        "prioritize" => return prioritize(s, registry, inputs, 3),
        "mock-sev" => return mock_sev(s, registry, inputs, None, "IC5", 1),
        n if n.starts_with("propose-") => return propose(s, registry, n, inputs, vars),
        _ => {}
    }
    registry.get(name)?;
    let docs = read(s, inputs)?;
    let offline = || {
        Err(Error::Usage(format!(
            "template {name} is a prompt, so it needs a model: use --engine llm with an endpoint (OPENAI_BASE_URL or {}), or --dry-run to see the request",
            s.api_key_env
        )))
    };
    respond(s, registry, &docs, || Ok(llm::run::llm(s, registry, &docs, name, vars)?.map(|r| r.map(Report::Run))), offline)
}

pub(crate) fn prompts_list(r: &Registry) -> String {
    let mut out = String::from("| template | sha256 | origin | description |\n|---|---|---|---|\n");
    for t in r.prompts() {
        out += &format!("| {} | {} | {} | {} |\n", t.id(), &t.sha256[..12], t.origin, t.meta.description);
    }
    out
}

pub(crate) fn prompts_show(s: &Settings, r: &Registry, name: &str, files: &[String]) -> Result<()> {
    let t = r.get(name)?;
    if files.is_empty() {
        return write::write(None, &t.raw);
    }
    let docs = read(s, files)?;
    let statements = extract::statements(&docs, reference_date(&docs));
    let facts = extract::update::extract(&docs, &statements);
    let request = llm::summarize::request_for(t, &docs, &facts, None)?;
    let plan = llm::engine::Plan { map: Vec::new(), single: Some(request) };
    write::write(None, &llm::dry_run_text(&plan, s))
}

pub(crate) fn prompts_diff(r: &Registry, a: &str, b: &str) -> Result<String> {
    let (ta, tb) = (r.get(a)?, r.get(b)?);
    let diff = similar::TextDiff::from_lines(&ta.raw, &tb.raw);
    Ok(diff.unified_diff().context_radius(3).header(&ta.id(), &tb.id()).to_string())
}
