//! The llm engine's request side: documents and extracted facts rendered through a
//! versioned template into chat messages, with token counts and a cost estimate. Requests
//! are built by pure functions so `--dry-run` shows exactly what a model would receive.

pub mod tokens;

use crate::document::Document;
use crate::error::Result;
use crate::extract::update::{Direction, UpdateFacts};
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
}

/// A document as the model sees it: every line numbered, inside delimiters. Text that
/// imitates the closing delimiter is defused so a document cannot end its own element.
pub fn document_text(doc: &Document) -> String {
    let mut out = String::with_capacity(doc.text.len() + doc.line_count() * 6);
    for n in 1..=doc.line_count() {
        let line = doc.line_text(n).unwrap_or("").replace("</document", "<\\/document");
        out.push_str(&format!("L{n}: {line}\n"));
    }
    out
}

fn cite(docs: &[Document], c: &crate::extract::Cite) -> String {
    format!("{}:{}", docs[c.doc].path, c.line)
}

/// The compact facts the pre-pass found, each with its citation.
pub fn facts_json(docs: &[Document], f: &UpdateFacts) -> Value {
    json!({
        "priorities": f.priorities.iter().map(|p| json!({"subject": p.subject, "marker": p.marker, "at": cite(docs, &p.cite)})).collect::<Vec<_>>(),
        "directives": f.directives.iter().map(|d| json!({"direction": if d.direction == Direction::Up { "up" } else { "down" }, "verb": d.verb, "object": d.object, "at": cite(docs, &d.cite)})).collect::<Vec<_>>(),
        "dependencies": f.dependencies.iter().map(|d| json!({"dependent": d.dependent, "depends_on": d.depends_on, "deliverable": d.deliverable, "due": d.due.map(|s| s.label()), "at": cite(docs, &d.cite)})).collect::<Vec<_>>(),
        "freezes": f.freezes.iter().map(|z| json!({"window": z.span.label(), "at": cite(docs, &z.cite)})).collect::<Vec<_>>(),
        "dated": f.dated.iter().map(|d| json!({"subject": d.subject, "when": d.span.label(), "launch": d.is_launch, "at": cite(docs, &d.cite)})).collect::<Vec<_>>(),
    })
}

/// Builds the summarize request.
pub fn summarize_request(t: &Template, docs: &[Document], facts: &UpdateFacts, focus: Option<&str>) -> Result<Request> {
    let documents: Vec<Value> = docs
        .iter()
        .map(|d| json!({"path": d.path, "title": d.title, "date": d.date.map(|x| x.to_string()).unwrap_or_default(), "text": document_text(d)}))
        .collect();
    let data = json!({ "documents": documents, "facts": facts_json(docs, facts), "focus": focus });
    Ok(Request {
        template: format!("{} sha256:{}", t.id(), &t.sha256[..12]),
        messages: template::render_messages(t, &data)?,
        max_output_tokens: t.meta.config.get("max_output_tokens").and_then(Value::as_u64).unwrap_or(4000),
        temperature: t.meta.config.get("temperature").and_then(Value::as_f64).unwrap_or(0.2),
    })
}

/// What `--dry-run` prints: every message, its token count, and the cost estimate.
pub fn dry_run_text(requests: &[Request], s: &Settings) -> String {
    let mut out = String::new();
    let (mut total_in, mut total_out) = (0u64, 0u64);
    for (i, r) in requests.iter().enumerate() {
        let counts: Vec<u64> = r.messages.iter().map(|m| tokens::count(&s.model, &m.content) as u64 + 4).collect();
        let input: u64 = counts.iter().sum::<u64>() + 3;
        total_in += input;
        total_out += r.max_output_tokens;
        out += &format!(
            "=== request {}/{} — model {}, template {}, {input} prompt tokens, up to {} output tokens ===\n",
            i + 1,
            requests.len(),
            s.model,
            r.template,
            r.max_output_tokens
        );
        for (m, n) in r.messages.iter().zip(&counts) {
            out += &format!("--- {} ({n} tokens) ---\n{}\n", m.role, m.content);
        }
        if input + r.max_output_tokens > s.context_window as u64 {
            out += &format!(
                "!!! this request needs {} tokens but the context window is {}: it would be split\n",
                input + r.max_output_tokens,
                s.context_window
            );
        }
    }
    let cost = s.prices.get(&s.model).map(|p| (total_in as f64 * p.input + total_out as f64 * p.output) / 1e6);
    out += &format!("=== total: {} request(s), {total_in} prompt tokens, at most {total_out} output tokens", requests.len());
    match cost {
        Some(c) => out += &format!(", estimated cost at most ${c:.4} ({}) ===\n", s.model),
        None => out += &format!(", no price known for {} (add one under [prices] in the config) ===\n", s.model),
    }
    out
}
