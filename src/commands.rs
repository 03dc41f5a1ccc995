//! One function per command, each the pipeline for its documents: load → extract →
//! analyse (offline engine, or the llm engine) → verify → render → write. `lib.rs`
//! dispatches a `Job` here; the shared stages (`deliver`, `choose_engine`, `keep_last`)
//! live there.

use crate::analyse::summarize::SummarizeOptions;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::report::Report;
use crate::settings::{Engine, Settings};
use crate::template::{self, Registry};
use crate::{LlmProvenance, analyse, choose_engine, deliver, diag, extract, keep_last, llm, load, reference_date, write};

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
    if s.verbose {
        let dump = serde_json::to_string_pretty(&llm::facts_json(&docs, &facts, None)).unwrap_or_default();
        eprintln!("scope: extracted facts:\n{dump}");
    }
    if s.dry_run {
        let plan = llm::engine::plan_summarize(s, registry, &docs, &facts, focus)?;
        return write::write(None, &llm::dry_run_text(&plan, s));
    }
    let engine = choose_engine(s)?;
    if engine == Engine::Llm {
        let out = llm::engine::summarize(s, registry, &docs, &facts, focus)?;
        let llm = LlmProvenance { template: out.template, usage: out.usage };
        return deliver(s, registry, &docs, Report::Summarize(out.report), engine, Some(llm));
    }
    if s.no_cache || s.max_cost.is_some() {
        diag::note("--no-cache and --max-cost apply to the llm engine; the offline engine makes no model calls");
    }
    let opts = SummarizeOptions { focus: focus.map(str::to_string), max_priorities: top };
    let report = Report::Summarize(analyse::summarize::summarize(&docs, &statements, &facts, &opts));
    deliver(s, registry, &docs, report, engine, None)
}

/// load → extract → analyse → verify → render → write, for incident postmortems.
pub(crate) fn sev_patterns(s: &Settings, registry: &Registry, inputs: &[String], last: Option<usize>) -> Result<()> {
    let docs = load::load(inputs, &load::LoadOptions { max_file_bytes: s.max_file_bytes })?;
    let (docs, pms) = latest_incidents(docs, last);
    if s.verbose {
        diag::note(&format!(
            "extracted facts:\n{}",
            serde_json::to_string_pretty(&llm::sev::facts_json(&docs, &pms, None)).unwrap_or_default()
        ));
    }
    if s.dry_run {
        let plan = llm::sev::plan(s, registry, &docs, &pms)?;
        return write::write(None, &llm::dry_run_text(&plan, s));
    }
    let engine = choose_engine(s)?;
    if engine == Engine::Llm {
        let out = llm::sev::run(s, registry, &docs, &pms)?;
        let llm = LlmProvenance { template: out.template, usage: out.usage };
        return deliver(s, registry, &docs, Report::SevPatterns(out.report), engine, Some(llm));
    }
    let report = Report::SevPatterns(analyse::sev::sev_patterns(&docs, &pms, &analyse::sev::SevOptions::default()));
    deliver(s, registry, &docs, report, engine, None)
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
    let docs = keep_last(load::load(inputs, &load::LoadOptions { max_file_bytes: s.max_file_bytes })?, None);
    if docs.len() < 2 {
        return Err(Error::Usage(format!("tradeoffs compares two or more designs; {} readable document(s) given", docs.len())));
    }
    let facts = extract::design::extract(&docs);
    if s.verbose {
        diag::note(&format!(
            "extracted facts:\n{}",
            serde_json::to_string_pretty(&llm::tradeoffs::facts_json(&docs, &facts, None)).unwrap_or_default()
        ));
    }
    if s.dry_run {
        let plan = llm::tradeoffs::plan(s, registry, &docs, &facts)?;
        return write::write(None, &llm::dry_run_text(&plan, s));
    }
    let engine = choose_engine(s)?;
    if engine == Engine::Llm {
        let out = llm::tradeoffs::run(s, registry, &docs, &facts)?;
        let llm = LlmProvenance { template: out.template, usage: out.usage };
        return deliver(s, registry, &docs, Report::Tradeoffs(out.report), engine, Some(llm));
    }
    let report = Report::Tradeoffs(analyse::tradeoffs::tradeoffs(&docs, &facts));
    deliver(s, registry, &docs, report, engine, None)
}

/// load → extract → analyse → verify → render → write, for candidate work items.
pub(crate) fn prioritize(s: &Settings, registry: &Registry, inputs: &[String], max_p0: usize) -> Result<()> {
    let docs = keep_last(load::load(inputs, &load::LoadOptions { max_file_bytes: s.max_file_bytes })?, None);
    let candidates: Vec<_> = docs.iter().enumerate().flat_map(|(i, d)| extract::work::candidates(i, d)).collect();
    if candidates.is_empty() {
        let files = docs.iter().map(|d| d.path.as_str()).collect::<Vec<_>>().join(", ");
        return Err(Error::Usage(format!(
            "{files}: no candidate work items found (expected a markdown list or table, or a CSV with a title column)"
        )));
    }
    if s.dry_run {
        let plan = llm::work::plan(s, registry, &docs, &candidates, max_p0)?;
        return write::write(None, &llm::dry_run_text(&plan, s));
    }
    let engine = choose_engine(s)?;
    if engine == Engine::Llm {
        let out = llm::work::run(s, registry, &docs, &candidates, max_p0)?;
        let llm = LlmProvenance { template: out.template, usage: out.usage };
        return deliver(s, registry, &docs, Report::Prioritize(out.report), engine, Some(llm));
    }
    let report = Report::Prioritize(analyse::prioritize::prioritize(&docs, &candidates, max_p0));
    deliver(s, registry, &docs, report, engine, None)
}

/// load → extract → analyse → verify → render → write, for a drafted proposal.
pub(crate) fn propose(
    s: &Settings,
    registry: &Registry,
    template: &str,
    context: &[String],
    vars: &std::collections::BTreeMap<String, String>,
) -> Result<()> {
    // "alignment" names the built-in propose-alignment; a full name works too.
    let name = if template.starts_with("propose-") { template.to_string() } else { format!("propose-{template}") };
    let t = registry.get(&name)?;
    let specs = analyse::propose::specs(t)?;
    let docs = keep_last(load::load(context, &load::LoadOptions { max_file_bytes: s.max_file_bytes })?, None);
    if s.dry_run {
        let plan = llm::propose::plan(s, registry, &docs, &name, &specs, vars)?;
        return write::write(None, &llm::dry_run_text(&plan, s));
    }
    let engine = choose_engine(s)?;
    if engine == Engine::Llm {
        let out = llm::propose::run(s, registry, &docs, &name, &specs, vars)?;
        let llm = LlmProvenance { template: out.template, usage: out.usage };
        return deliver(s, registry, &docs, Report::Propose(out.report), engine, Some(llm));
    }
    let report = Report::Propose(analyse::propose::propose(&docs, &name, &specs, vars));
    deliver(s, registry, &docs, report, engine, None)
}

/// load → extract → analyse (the postmortems' patterns, then the drill) → verify →
/// render → write.
pub(crate) fn mock_sev(s: &Settings, registry: &Registry, from: &[String], system: Option<&str>, level: &str, seed: u64) -> Result<()> {
    let opts = load::LoadOptions { max_file_bytes: s.max_file_bytes };
    let (mut docs, pms) = latest_incidents(load::load(from, &opts)?, None);
    if pms.is_empty() {
        return Err(Error::Usage("mock-sev needs at least one readable postmortem (--from)".into()));
    }
    let sev = analyse::sev::sev_patterns(&docs, &pms, &analyse::sev::SevOptions::default());
    let mut components = Vec::new();
    if let Some(path) = system {
        let design = load::load(&[path.to_string()], &opts)?;
        components = design.iter().flat_map(analyse::mock_sev::components).collect();
        docs.extend(design);
    }
    if s.dry_run {
        let plan = llm::drill::plan(s, registry, &docs, &sev, &components, level, seed)?;
        return write::write(None, &llm::dry_run_text(&plan, s));
    }
    let engine = choose_engine(s)?;
    if engine == Engine::Llm {
        let out = llm::drill::run(s, registry, &docs, &sev, &components, level, seed)?;
        let llm = LlmProvenance { template: out.template, usage: out.usage };
        return deliver(s, registry, &docs, Report::MockSev(out.report), engine, Some(llm));
    }
    let report = Report::MockSev(analyse::mock_sev::drill(&sev, &components, level, seed));
    deliver(s, registry, &docs, report, engine, None)
}

/// `scope run NAME FILES…`: a built-in command's name runs that command (offline too);
/// any other template is a prompt and needs the llm engine (or `--dry-run`).
pub(crate) fn run_template(
    s: &Settings,
    registry: &Registry,
    name: &str,
    inputs: &[String],
    vars: &std::collections::BTreeMap<String, String>,
) -> Result<()> {
    let base = template::parse_ref(name)?.0;
    match base {
        "summarize" => return summarize(s, registry, inputs, None, None, 10),
        "sev-patterns" => return sev_patterns(s, registry, inputs, None),
        "tradeoffs" => return tradeoffs(s, registry, inputs),
        "prioritize" => return prioritize(s, registry, inputs, 3),
        "mock-sev" => return mock_sev(s, registry, inputs, None, "IC5", 1),
        n if n.starts_with("propose-") => return propose(s, registry, n, inputs, vars),
        _ => {}
    }
    registry.get(name)?;
    let docs = keep_last(load::load(inputs, &load::LoadOptions { max_file_bytes: s.max_file_bytes })?, None);
    if s.dry_run {
        let plan = llm::run::plan(s, registry, &docs, name, vars)?;
        return write::write(None, &llm::dry_run_text(&plan, s));
    }
    if choose_engine(s)? != Engine::Llm {
        return Err(Error::Usage(format!(
            "template {name} is a prompt, so it needs a model: use --engine llm with an endpoint (OPENAI_BASE_URL or {}), or --dry-run to see the request",
            s.api_key_env
        )));
    }
    let out = llm::run::run(s, registry, &docs, name, vars)?;
    let llm = LlmProvenance { template: out.template, usage: out.usage };
    deliver(s, registry, &docs, Report::Run(out.report), Engine::Llm, Some(llm))
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
    let docs = keep_last(load::load(files, &load::LoadOptions { max_file_bytes: s.max_file_bytes })?, None);
    let statements = extract::statements(&docs, reference_date(&docs));
    let facts = extract::update::extract(&docs, &statements);
    let request = llm::summarize_request(t, &docs, &facts, None)?;
    let plan = llm::engine::Plan { map: Vec::new(), single: Some(request) };
    write::write(None, &llm::dry_run_text(&plan, s))
}

pub(crate) fn prompts_diff(r: &Registry, a: &str, b: &str) -> Result<String> {
    let (ta, tb) = (r.get(a)?, r.get(b)?);
    let diff = similar::TextDiff::from_lines(&ta.raw, &tb.raw);
    Ok(diff.unified_diff().context_radius(3).header(&ta.id(), &tb.id()).to_string())
}
