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
