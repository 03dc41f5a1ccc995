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

/// One pipeline function per command.
mod commands;
/// Warnings on stderr.
pub mod diag;
/// The library's error type and exit codes.
pub mod error;

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
        Job::Summarize { inputs, focus, last, top } => commands::summarize(s, &registry, inputs, focus.as_deref(), *last, *top),
        Job::SevPatterns { inputs, last } => commands::sev_patterns(s, &registry, inputs, *last),
        Job::Tradeoffs { inputs } => commands::tradeoffs(s, &registry, inputs),
        Job::Prioritize { inputs, max_p0 } => commands::prioritize(s, &registry, inputs, *max_p0),
        Job::Run { name, inputs, vars } => commands::run_template(s, &registry, name, inputs, vars),
        Job::MockSev { from, system, level, seed } => commands::mock_sev(s, &registry, from, system.as_deref(), level, *seed),
        Job::Propose { template, context, vars } => commands::propose(s, &registry, template, context, vars),
        Job::PromptsList => write::write(None, &commands::prompts_list(&registry)),
        Job::PromptsShow { name, files } => commands::prompts_show(s, &registry, name, files),
        Job::PromptsDiff { a, b } => write::write(None, &commands::prompts_diff(&registry, a, b)?),
    }
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
