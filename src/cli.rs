//! Command-line arguments, as clap types only. They are resolved once into `Settings`
//! (defaults → config files → environment → flags); nothing below that sees clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// scope — turns leadership updates, design docs and postmortems into grounded,
/// cited scoping reports.
#[derive(Debug, Parser)]
#[command(name = "scope", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub common: Common,
}

/// Flags every command takes.
#[derive(Debug, Args, Default)]
pub struct Common {
    /// offline, llm, or auto (llm when a model endpoint or key is configured)
    #[arg(long, global = true, value_enum)]
    pub engine: Option<EngineArg>,
    /// Model name for the llm engine
    #[arg(long, global = true)]
    pub model: Option<String>,
    /// Write the report to this file (atomically) instead of stdout
    #[arg(short, long, global = true, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Report format
    #[arg(long, global = true, value_enum)]
    pub format: Option<FormatArg>,
    /// Pin a template version, e.g. summarize@1 (repeatable)
    #[arg(long = "prompt", global = true, value_name = "NAME@VERSION")]
    pub prompt: Vec<String>,
    /// Folder of templates that add to or override the built-in ones
    #[arg(long, global = true, value_name = "DIR")]
    pub prompts: Option<PathBuf>,
    /// Render the model requests, count tokens and estimate cost; call nothing
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// Refuse to start an llm run whose estimated cost exceeds this (USD)
    #[arg(long, global = true, value_name = "USD")]
    pub max_cost: Option<f64>,
    /// Do not read or write the response cache
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Exit with status 3 when any citation does not verify against its source
    #[arg(long, global = true)]
    pub strict: bool,
    /// Skip input files larger than this many bytes
    #[arg(long, global = true, value_name = "BYTES")]
    pub max_file_bytes: Option<u64>,
    /// No warnings or progress on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More detail on stderr
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineArg {
    Auto,
    Offline,
    Llm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Markdown,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ranked priorities, conflicts, dependencies, changes and gaps across leadership updates
    Summarize(SummarizeArgs),
    /// Recurring failure patterns across incident postmortems, with automated mitigations
    #[command(name = "sev-patterns")]
    SevPatterns(SevArgs),
    /// Side-by-side comparison of competing designs: dimensions, teams, approvals, trade-offs
    #[command(alias = "compare")]
    Tradeoffs(TradeoffsArgs),
    /// ICE and RICE scores, Eisenhower quadrants, a P0 cut line and what to say no to
    Prioritize(PrioritizeArgs),
    /// Draft an alignment proposal, one-pager or 5-15 status report from context documents
    Propose(ProposeArgs),
    /// A mock SEV drill built from the failure patterns in your postmortems
    #[command(name = "mock-sev")]
    MockSev(MockSevArgs),
    /// Run any template as a command, including your own (--prompts DIR)
    Run(RunArgs),
    /// The template registry: list, show, diff
    #[command(subcommand)]
    Prompts(PromptsCommand),
}

#[derive(Debug, Args)]
pub struct SummarizeArgs {
    /// Update files, folders (read recursively) or globs
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<String>,
    /// Rank and filter by relevance to an area, e.g. "model serving infra"
    #[arg(long, value_name = "TEXT")]
    pub focus: Option<String>,
    /// Keep only the N most recent updates (by document date)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub last: Option<u64>,
    /// List at most N priorities
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub top: u64,
}

#[derive(Debug, Args)]
pub struct SevArgs {
    /// Postmortem files, folders (read recursively) or globs
    #[arg(required = true, value_name = "PATHS")]
    pub paths: Vec<String>,
    /// Keep only the N most recent incidents (by incident date)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub last: Option<u64>,
}

#[derive(Debug, Args)]
pub struct TradeoffsArgs {
    /// Two or more design documents (files, folders or globs)
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PrioritizeArgs {
    /// Candidate work: a markdown list or table, or a CSV file
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// At most this many P0 items
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_p0: u64,
}

#[derive(Debug, Args)]
pub struct MockSevArgs {
    /// Postmortem files, folders or globs the drill is built from
    #[arg(long, required = true, num_args = 1.., value_name = "POSTMORTEMS")]
    pub from: Vec<String>,
    /// A system design whose components the drill happens to
    #[arg(long, value_name = "DESIGN.md")]
    pub system: Option<String>,
    /// The responder level the expected actions are written for
    #[arg(long, default_value = "IC5", value_parser = ["IC4", "IC5", "IC6", "IC7", "ic4", "ic5", "ic6", "ic7"])]
    pub level: String,
    /// Seed: the same seed gives the same drill
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Template name (NAME or NAME@VERSION), e.g. retro from my-prompts/retro.v1.prompt
    pub name: String,
    /// Input documents (files, folders or globs)
    #[arg(value_name = "FILES")]
    pub files: Vec<String>,
    /// A value the template can use as {{vars.KEY}} (repeatable)
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_var)]
    pub vars: Vec<(String, String)>,
}

#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// alignment, one-pager, status-update, or any propose-NAME template of your own
    #[arg(long, default_value = "alignment", value_name = "NAME")]
    pub template: String,
    /// Context documents (files, folders or globs)
    #[arg(long, required = true, num_args = 1.., value_name = "FILES")]
    pub context: Vec<String>,
    /// A value the draft uses as given: title, owner, approver, or a section key (repeatable)
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_var)]
    pub vars: Vec<(String, String)>,
}

fn parse_var(s: &str) -> Result<(String, String), String> {
    let (k, v) = s.split_once('=').ok_or_else(|| format!("--var {s:?}: expected KEY=VALUE"))?;
    let k = k.trim();
    if k.is_empty() {
        return Err(format!("--var {s:?}: the key is empty"));
    }
    Ok((k.to_string(), v.trim().to_string()))
}

#[derive(Debug, Subcommand)]
pub enum PromptsCommand {
    /// Every template with its version, origin and content hash
    List,
    /// A template's source, or with FILES the messages it renders for them
    Show {
        /// NAME or NAME@VERSION
        name: String,
        /// Documents to render the template with
        files: Vec<String>,
    },
    /// Line diff between two template versions, e.g. summarize@1 summarize@2
    Diff { a: String, b: String },
}
