//! The `run` report: what a user's own template produced — its JSON (validated against
//! the schema the template declares) or its text — with every `{file, line, quote}`
//! citation found in it checked like any other report's.

use super::{Citations, Evidence};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `scope run NAME`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    pub command: String,
    /// The template that ran ("retro").
    pub template: String,
    /// The layout it renders with: the template's own `layouts/NAME.hbs`, else `run`.
    #[serde(skip)]
    pub layout: String,
    /// The answer: a JSON value, or a string for a plain-text template.
    pub output: Value,
    /// Every citation found in the output, checked against the inputs.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub citations: Citations,
}
