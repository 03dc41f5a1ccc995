//! Stage 5, render: the typed report becomes markdown (a Handlebars layout from
//! `prompts/layouts`, under a provenance front matter) or JSON (the report contract plus a
//! `provenance` object). Render never knows which engine produced the report.

use crate::error::Result;
use crate::report::{Citations, Report};
use crate::template::{self, Registry};
use serde::Serialize;
use serde_json::{Value, json};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Json,
}

/// One input and its content hash.
#[derive(Debug, Clone, Serialize)]
pub struct InputRef {
    pub path: String,
    pub sha256: String,
}

/// Model usage for llm runs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub requests: u64,
    pub cached: u64,
    pub cost_usd: f64,
}

/// Everything needed to audit and reproduce a report.
#[derive(Debug, Clone, Serialize)]
pub struct Provenance {
    pub tool: String,
    pub command: String,
    pub engine: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    pub layout: String,
    pub inputs: Vec<InputRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    pub citations: Citations,
    pub generated_at: String,
}

/// The timestamp for provenance: `SOURCE_DATE_EPOCH` when set (reproducible builds and
/// tests), otherwise now.
pub fn timestamp() -> String {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now);
    now.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Renders a report in the chosen format.
pub fn render(report: &Report, prov: &Provenance, format: Format, registry: &Registry) -> Result<String> {
    match format {
        Format::Json => {
            let mut v = serde_json::to_value(report).expect("report serialises");
            v["provenance"] = serde_json::to_value(prov).expect("provenance serialises");
            Ok(serde_json::to_string_pretty(&v).expect("json") + "\n")
        }
        Format::Markdown => {
            let (layout, _) = registry.layout(report.layout())?;
            let data = json!({ "r": report, "m": summary_meta(report) });
            let body = template::render_layout(report.layout(), layout, &data)?;
            Ok(format!("---\n{}---\n{}", front_matter(prov), tidy(&body)))
        }
    }
}

/// Header facts the layout shows: how many documents over what period.
fn summary_meta(report: &Report) -> Value {
    match report {
        Report::Summarize(r) => {
            let dates: Vec<&str> = r.documents.iter().filter_map(|d| d.date.as_deref()).collect();
            let period = match (dates.iter().min(), dates.iter().max()) {
                (Some(a), Some(b)) if a != b => format!("{a} … {b}"),
                (Some(a), _) => a.to_string(),
                _ => String::new(),
            };
            let noun = if r.documents.len() == 1 { "update" } else { "updates" };
            json!({ "count": r.documents.len(), "noun": noun, "period": period })
        }
        // A text answer keeps its lines (it is markdown), but never raw HTML.
        Report::Run(r) => {
            json!({ "pretty": serde_json::to_string_pretty(&r.output).unwrap_or_default(), "text": r.output.as_str().map(|t| t.replace('<', "&lt;").replace("![", "!\\[")) })
        }
        Report::MockSev(r) => json!({ "injects": r.injects.len() }),
        Report::Propose(r) => {
            let open = r.sections.iter().filter(|s| s.placeholder.is_some()).count();
            json!({ "sections": r.sections.len(), "open": open })
        }
        Report::Prioritize(r) => json!({ "count": r.items.len(), "p0": r.items.iter().filter(|i| i.p0).count() }),
        Report::Tradeoffs(r) => {
            // The side-by-side matrix: one row per dimension, one cell per design, cited.
            let dims = ["cost", "latency", "complexity", "migration", "operations", "reversibility"];
            let rows: Vec<Value> = dims
                .iter()
                .map(|dim| {
                    let cells: Vec<String> = r
                        .designs
                        .iter()
                        .map(|d| match d.dimensions.get(*dim) {
                            Some(a) if !a.evidence.is_empty() => {
                                let at = a
                                    .evidence
                                    .iter()
                                    .map(|e| {
                                        format!("`{}:{}`{}", crate::text::file_name(&e.file), e.line, if e.verified { "" } else { " ⚠" })
                                    })
                                    .collect::<Vec<_>>()
                                    .join(" ");
                                format!("{} {at}", a.assessment)
                            }
                            _ => "_not stated_".to_string(),
                        })
                        .collect();
                    json!({ "dimension": dim, "cells": cells })
                })
                .collect();
            let org = |f: fn(&crate::report::tradeoffs::Design) -> &Vec<crate::report::tradeoffs::Named>| -> Vec<String> {
                r.designs
                    .iter()
                    .map(|d| {
                        let v: Vec<String> = f(d)
                            .iter()
                            .map(|n| format!("{} {}", n.name, n.evidence.iter().map(|e| format!("`:{}`", e.line)).collect::<String>()))
                            .collect();
                        if v.is_empty() { "none stated".into() } else { v.join("; ") }
                    })
                    .collect()
            };
            let heads: Vec<String> = r.designs.iter().map(|d| crate::text::file_name(&d.file)).collect();
            json!({ "count": r.designs.len(), "heads": heads, "rows": rows, "teams": org(|d| &d.team_dependencies), "approvals": org(|d| &d.approvals), "not_needed": org(|d| &d.not_needed) })
        }
        Report::SevPatterns(r) => {
            let period = match (&r.stats.first, &r.stats.last) {
                (Some(a), Some(b)) if a != b => format!("{a} … {b}"),
                (Some(a), _) => a.clone(),
                _ => String::new(),
            };
            let noun = if r.incidents.len() == 1 { "incident" } else { "incidents" };
            let share = r.stats.customer_detected_share.map(|s| format!("{:.0}%", s * 100.0));
            json!({ "count": r.incidents.len(), "noun": noun, "period": period, "customer_share": share })
        }
    }
}

/// YAML front matter, one flow-style line per input as in DESIGN.md.
fn front_matter(p: &Provenance) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("string");
    let mut out = format!("tool: scope {}\ncommand: {}\nengine: {}\n", p.tool, p.command, q(&p.engine));
    if let Some(t) = &p.template {
        out += &format!("template: {}\n", q(t));
    }
    out += &format!("layout: {}\ninputs:\n", q(&p.layout));
    for i in &p.inputs {
        out += &format!("  - {{ path: {}, sha256: {} }}\n", q(&i.path), i.sha256);
    }
    if let Some(u) = &p.usage {
        out += &format!(
            "usage: {{ prompt_tokens: {}, completion_tokens: {}, requests: {}, cached: {}, cost_usd: {:.4} }}\n",
            u.prompt_tokens, u.completion_tokens, u.requests, u.cached, u.cost_usd
        );
    }
    out +=
        &format!("citations: {{ total: {}, verified: {} }}\ngenerated_at: {}\n", p.citations.total, p.citations.verified, p.generated_at);
    out
}

/// Collapses runs of blank lines the layout's block tags leave behind.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}
