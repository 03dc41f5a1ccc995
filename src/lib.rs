//! scope turns the documents a tech lead drowns in into grounded, cited scoping reports.
//!
//! The modules below are listed in pipeline order:
//! load → extract → analyse → verify → render → write. `run` reads the same way.

// The edge: arguments and settings.
/// Command-line arguments (clap types only).
pub mod cli;
/// Layered settings: defaults → config files → environment → flags.
pub mod settings;

// 1. load
/// Dates, weeks, months, quarters and ranges found in text.
pub mod dates;
/// The loaded document: text, line index, front matter, blocks with lines.
pub mod document;
/// Expands paths, reads files, skips and repairs bad input with warnings.
pub mod load;
/// Sentences, quotes and the normalisation citations are checked with.
pub mod text;

// 2. extract
/// Statements with `file:line`, and the typed facts drawn from them.
pub mod extract;
/// Key terms, resource families and topic similarity.
pub mod topics;

// 3. analyse
/// The offline engine: facts → report, one module per command.
pub mod analyse;
/// The llm engine: templates → requests (and `--dry-run`).
pub mod llm;

// 4. verify
/// The typed reports both engines produce.
pub mod report;
/// Checks every citation against its source.
pub mod verify;

// 5. render
/// Report → markdown with provenance, or JSON.
pub mod render;
/// Versioned prompt templates and report layouts.
pub mod template;

// 6. write
/// Atomic output.
pub mod write;

/// Warnings on stderr.
pub mod diag;
/// The library's error type and exit codes.
pub mod error;

use crate::analyse::summarize::SummarizeOptions;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::render::{InputRef, Provenance};
use crate::report::Report;
use crate::settings::{Engine, Settings};
use crate::template::Registry;

pub use error::Error as ScopeError;

/// What the user asked scope to do, free of clap types.
#[derive(Debug, Clone)]
pub enum Job {
    Summarize { inputs: Vec<String>, focus: Option<String>, last: Option<usize>, top: usize },
    SevPatterns { inputs: Vec<String>, last: Option<usize> },
    Tradeoffs { inputs: Vec<String> },
    Prioritize { inputs: Vec<String>, max_p0: usize },
    MockSev { from: Vec<String>, system: Option<String>, level: String, seed: u64 },
    Run { name: String, inputs: Vec<String>, vars: std::collections::BTreeMap<String, String> },
    Propose { template: String, context: Vec<String>, vars: std::collections::BTreeMap<String, String> },
    PromptsList,
    PromptsShow { name: String, files: Vec<String> },
    PromptsDiff { a: String, b: String },
}

impl Job {
    /// The job a parsed command line asks for.
    pub fn from_cli(cli: &cli::Cli) -> Job {
        use cli::{Command, PromptsCommand};
        match &cli.command {
            Command::Summarize(a) => {
                Job::Summarize { inputs: a.files.clone(), focus: a.focus.clone(), last: a.last.map(|n| n as usize), top: a.top as usize }
            }
            Command::SevPatterns(a) => Job::SevPatterns { inputs: a.paths.clone(), last: a.last.map(|n| n as usize) },
            Command::Tradeoffs(a) => Job::Tradeoffs { inputs: a.files.clone() },
            Command::Propose(a) => {
                Job::Propose { template: a.template.clone(), context: a.context.clone(), vars: a.vars.iter().cloned().collect() }
            }
            Command::Run(a) => Job::Run { name: a.name.clone(), inputs: a.files.clone(), vars: a.vars.iter().cloned().collect() },
            Command::MockSev(a) => {
                Job::MockSev { from: a.from.clone(), system: a.system.clone(), level: a.level.to_uppercase(), seed: a.seed }
            }
            Command::Prioritize(a) => Job::Prioritize { inputs: a.files.clone(), max_p0: a.max_p0 as usize },
            Command::Prompts(PromptsCommand::List) => Job::PromptsList,
            Command::Prompts(PromptsCommand::Show { name, files }) => Job::PromptsShow { name: name.clone(), files: files.clone() },
            Command::Prompts(PromptsCommand::Diff { a, b }) => Job::PromptsDiff { a: a.clone(), b: b.clone() },
        }
    }
}

/// Runs one job.
pub fn run(s: &Settings, job: &Job) -> Result<()> {
    let registry = Registry::load(s.prompts_dir.as_deref(), s.pins.clone())?;
    match job {
        Job::Summarize { inputs, focus, last, top } => summarize(s, &registry, inputs, focus.as_deref(), *last, *top),
        Job::SevPatterns { inputs, last } => sev_patterns(s, &registry, inputs, *last),
        Job::Tradeoffs { inputs } => tradeoffs(s, &registry, inputs),
        Job::Prioritize { inputs, max_p0 } => prioritize(s, &registry, inputs, *max_p0),
        Job::Run { name, inputs, vars } => run_template(s, &registry, name, inputs, vars),
        Job::MockSev { from, system, level, seed } => mock_sev(s, &registry, from, system.as_deref(), level, *seed),
        Job::Propose { template, context, vars } => propose(s, &registry, template, context, vars),
        Job::PromptsList => write::write(None, &prompts_list(&registry)),
        Job::PromptsShow { name, files } => prompts_show(s, &registry, name, files),
        Job::PromptsDiff { a, b } => write::write(None, &prompts_diff(&registry, a, b)?),
    }
}

/// load → extract → analyse → verify → render → write, for leadership updates.
fn summarize(s: &Settings, registry: &Registry, inputs: &[String], focus: Option<&str>, last: Option<usize>, top: usize) -> Result<()> {
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
fn sev_patterns(s: &Settings, registry: &Registry, inputs: &[String], last: Option<usize>) -> Result<()> {
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
fn latest_incidents(docs: Vec<Document>, last: Option<usize>) -> (Vec<Document>, Vec<extract::postmortem::Postmortem>) {
    let mut docs = docs;
    for d in docs.iter_mut().filter(|d| d.date.is_none()) {
        d.date = extract::postmortem::labelled_start(d).map(|t| t.date_naive());
    }
    let docs = keep_last(docs, last);
    let pms = extract::postmortem::extract(&docs);
    (docs, pms)
}

/// load → extract → analyse → verify → render → write, for competing designs.
fn tradeoffs(s: &Settings, registry: &Registry, inputs: &[String]) -> Result<()> {
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
fn prioritize(s: &Settings, registry: &Registry, inputs: &[String], max_p0: usize) -> Result<()> {
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
fn propose(
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
fn mock_sev(s: &Settings, registry: &Registry, from: &[String], system: Option<&str>, level: &str, seed: u64) -> Result<()> {
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
fn run_template(
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

/// What an llm run adds to the provenance.
pub struct LlmProvenance {
    pub template: String,
    pub usage: render::Usage,
}

/// verify → render → write, the same for every command and engine; with `--strict`, a
/// citation that does not verify fails the run (exit 3) after the report is written, so
/// the user can see which ones.
pub fn deliver(
    s: &Settings,
    registry: &Registry,
    docs: &[Document],
    mut report: Report,
    engine: Engine,
    llm: Option<LlmProvenance>,
) -> Result<()> {
    let citations = verify::verify(docs, &mut report);
    let mut prov = provenance(s, docs, &report, engine, registry)?;
    if let Some(l) = llm {
        prov.template = Some(l.template);
        prov.usage = Some(l.usage);
    }
    write::write(s.out.as_deref(), &render::render(&report, &prov, s.format, registry)?)?;
    if s.strict && citations.verified < citations.total {
        return Err(Error::Unverified { unverified: citations.total - citations.verified, total: citations.total });
    }
    Ok(())
}

/// The engine that runs: an explicit choice, else llm when an endpoint or key is
/// configured; `auto` says once on stderr which it chose and why.
fn choose_engine(s: &Settings) -> Result<Engine> {
    let (engine, why) = s.engine();
    if engine == Engine::Llm && s.base_url.is_none() && !s.api_key_set {
        return Err(Error::Usage(format!(
            "the llm engine needs an endpoint: set OPENAI_BASE_URL (or base_url in scope.toml) for a local server, or {} for OpenAI",
            s.api_key_env
        )));
    }
    if s.engine_request.is_none() {
        let name = match engine {
            Engine::Offline => "offline".to_string(),
            Engine::Llm => format!("llm ({} at {})", s.model, s.base_url.as_deref().unwrap_or("https://api.openai.com/v1")),
        };
        diag::note(&format!("engine: {name} ({why})"));
    }
    Ok(engine)
}

/// Puts documents in one canonical order (date, then path) so the order they were given
/// in cannot change the report, keeping only the `n` most recent when asked (undated
/// documents count as oldest).
fn keep_last(mut docs: Vec<Document>, n: Option<usize>) -> Vec<Document> {
    docs.sort_by(|a, b| a.date.cmp(&b.date).then(a.path.cmp(&b.path)));
    if let Some(n) = n {
        let drop = docs.len().saturating_sub(n.max(1));
        docs.drain(..drop);
    }
    docs
}

/// The date that year-less dates are read against when a document has none: the latest
/// document date, else today.
fn reference_date(docs: &[Document]) -> chrono::NaiveDate {
    docs.iter().filter_map(|d| d.date).max().unwrap_or_else(dates::today)
}

fn provenance(s: &Settings, docs: &[Document], report: &Report, engine: Engine, registry: &Registry) -> Result<Provenance> {
    let (layout, origin) = registry.layout(report.layout())?;
    let citations = report.citations();
    Ok(Provenance {
        tool: env!("CARGO_PKG_VERSION").into(),
        command: report.command().into(),
        engine: match engine {
            Engine::Offline => "offline".into(),
            Engine::Llm => format!("llm ({} @ {})", s.model, s.base_url.as_deref().unwrap_or("https://api.openai.com/v1")),
        },
        template: None,
        layout: format!("{}.hbs sha256:{} ({origin})", report.layout(), &template::sha256(layout)[..12]),
        inputs: docs.iter().map(|d| InputRef { path: d.path.clone(), sha256: d.sha256.clone() }).collect(),
        usage: None,
        citations,
        generated_at: render::timestamp(),
    })
}

fn prompts_list(r: &Registry) -> String {
    let mut out = String::from("| template | sha256 | origin | description |\n|---|---|---|---|\n");
    for t in r.prompts() {
        out += &format!("| {} | {} | {} | {} |\n", t.id(), &t.sha256[..12], t.origin, t.meta.description);
    }
    out
}

fn prompts_show(s: &Settings, r: &Registry, name: &str, files: &[String]) -> Result<()> {
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

fn prompts_diff(r: &Registry, a: &str, b: &str) -> Result<String> {
    let (ta, tb) = (r.get(a)?, r.get(b)?);
    let diff = similar::TextDiff::from_lines(&ta.raw, &tb.raw);
    Ok(diff.unified_diff().context_radius(3).header(&ta.id(), &tb.id()).to_string())
}
