//! The llm engine's request side: documents and extracted facts rendered through a
//! versioned template into chat messages, with token counts and a cost estimate. Requests
//! are built by pure functions so `--dry-run` shows exactly what a model would receive.

pub mod cache;
pub mod client;
pub mod drill;
pub mod engine;
pub mod parse;
pub mod propose;
pub mod run;
pub mod schema;
pub mod sev;
pub mod summarize;
pub mod tokens;
pub mod tradeoffs;
pub mod work;

use crate::document::Document;
use crate::error::Result;
use crate::settings::Settings;
use crate::template::{self, Message, Template};
use serde_json::{Value, json};

/// One chat-completions request, before sending.
#[derive(Debug, Clone)]
pub struct Request {
    /// "summarize@1 sha256:…".
    pub template: String,
    pub messages: Vec<Message>,
    pub max_output_tokens: u64,
    pub temperature: f64,
    /// The answer's JSON schema, when the request asks for a report.
    pub schema: Option<Value>,
    /// The document a map request reads.
    pub doc: Option<usize>,
}

/// A document as the model sees it: every line numbered, inside delimiters. Text that
/// imitates the closing delimiter is defused so a document cannot end its own element.
pub fn document_text(doc: &Document) -> String {
    document_text_range(doc, 1, doc.line_count())
}

/// Lines `from..=to` of a document, numbered, for a map request over one part of it.
pub fn document_text_range(doc: &Document, from: usize, to: usize) -> String {
    let mut out = String::new();
    for n in from.max(1)..=to.min(doc.line_count()) {
        // Control characters could forge the role markers messages are split on.
        let line = doc.line_text(n).unwrap_or("").replace("</document", "<\\/document").replace(|c: char| c.is_control() && c != '\t', " ");
        out.push_str(&format!("L{n}: {line}\n"));
    }
    out
}

/// A title made safe inside an XML-like attribute: no quote, angle bracket or control
/// character can close the `<document …>` element.
pub fn attribute(s: &str) -> String {
    s.replace('"', "'").replace('<', "‹").replace('>', "›").replace(|c: char| c.is_control(), " ")
}

/// Every document as a template sees it: path, title, date and numbered text.
pub fn documents_json(docs: &[Document]) -> Value {
    docs.iter()
        .map(|d| json!({"path": d.path, "title": attribute(&d.title), "date": d.date.map(|x| x.to_string()).unwrap_or_default(), "text": document_text(d)}))
        .collect()
}

/// Renders a template with `data` into a request, its parameters from the front matter.
pub fn request(t: &Template, data: &Value) -> Result<Request> {
    Ok(Request {
        template: format!("{} sha256:{}", t.id(), &t.sha256[..12]),
        messages: template::render_messages(t, data)?,
        max_output_tokens: t.meta.config.get("max_output_tokens").and_then(Value::as_u64).unwrap_or(4000),
        temperature: t.meta.config.get("temperature").and_then(Value::as_f64).unwrap_or(0.2),
        schema: None,
        doc: None,
    })
}

/// What `--dry-run` prints: every message, its token count, and the cost estimate.
pub fn dry_run_text(plan: &engine::Plan, s: &Settings) -> String {
    let requests: Vec<&Request> = plan.single.iter().chain(plan.map.iter()).collect();
    let mut out = String::new();
    if plan.single.is_none() {
        out += &format!(
            "=== the inputs do not fit one {}-token context window: {} map request(s), one per document or section chunk, then one reduce request over the extracted facts ===\n",
            s.context_window,
            plan.map.len()
        );
    }
    let (mut total_in, mut total_out) = (0u64, 0u64);
    for (i, r) in requests.iter().enumerate() {
        let counts: Vec<u64> = r.messages.iter().map(|m| tokens::count(&s.model, &m.content) as u64 + 4).collect();
        let input: u64 = counts.iter().sum::<u64>() + 3;
        total_in += input;
        total_out += r.max_output_tokens;
        let (n, len) = (i + 1, requests.len());
        out += &format!(
            "=== request {n}/{len} — model {}, template {}, {input} prompt tokens, up to {} output tokens ===\n",
            s.model, r.template, r.max_output_tokens
        );
        for (m, n) in r.messages.iter().zip(&counts) {
            out += &format!("--- {} ({n} tokens) ---\n{}\n", m.role, m.content);
        }
    }
    let reduce = if plan.single.is_none() { " + 1 reduce request" } else { "" };
    out += &format!("=== total: {} request(s){reduce}, {total_in} prompt tokens, at most {total_out} output tokens", requests.len());
    match engine::estimate(s, plan) {
        Some(c) => out += &format!(", estimated cost at most ${c:.4} ({}) ===\n", s.model),
        None => out += &format!(", no price known for {} (add one under [prices] in the config) ===\n", s.model),
    }
    out
}
