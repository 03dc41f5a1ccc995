//! The library's one error type. Every variant names what failed and carries the path,
//! line or template a user needs to fix it; `exit_code` maps it to DESIGN.md's codes.

use std::path::PathBuf;

/// Everything that can stop a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given on the command line does not exist or cannot be read.
    #[error("{path}: {reason}")]
    InputPath { path: PathBuf, reason: String },
    /// A glob pattern is malformed or matched nothing.
    #[error("{pattern}: {reason}")]
    Glob { pattern: String, reason: String },
    /// After expansion and skipping, nothing was left to read.
    #[error("no documents to read: {0}")]
    NoDocuments(String),
    /// A flag or setting has a value that cannot be used.
    #[error("{0}")]
    Usage(String),
    /// A configuration file could not be read or parsed.
    #[error("config {path}: {reason}")]
    Config { path: PathBuf, reason: String },
    /// No template with this name (and version) exists.
    #[error("unknown template {0} (see `scope prompts list`)")]
    UnknownTemplate(String),
    /// A template file is malformed (front matter, name, version).
    #[error("template {template}: {reason}")]
    TemplateInvalid { template: String, reason: String },
    /// Rendering referenced a variable the input does not define.
    #[error("template {template}: undefined variable `{variable}`")]
    TemplateVariable { template: String, variable: String },
    /// Any other rendering failure.
    #[error("template {template}: {reason}")]
    TemplateRender { template: String, reason: String },
    /// Writing the report failed; the previous file (if any) is untouched.
    #[error("writing {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `--strict` was given and some citations did not verify.
    #[error("{unverified} of {total} citations did not verify against their source (--strict)")]
    Unverified { unverified: usize, total: usize },
    /// The selected engine cannot run this request, or the model's output stayed invalid.
    #[error("{0}")]
    Engine(String),
    /// The model endpoint failed after retries. Names the endpoint, never the key.
    #[error("model endpoint {endpoint}: {reason}")]
    Endpoint { endpoint: String, reason: String },
}

impl Error {
    /// Exit code per DESIGN.md: 1 run failed, 2 usage or input, 3 strict verification.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Unverified { .. } => 3,
            Error::Write { .. } | Error::Engine(_) | Error::Endpoint { .. } => 1,
            _ => 2,
        }
    }
}

/// Library result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
