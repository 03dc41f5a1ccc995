//! `summarize` on the llm engine: the updates and their pre-pass facts go to
//! `summarize.v1` in one request when they fit the context window, else through the
//! `summarize-map.v1` map step first; the answer is the same report the offline engine
//! builds.

use super::engine::{Ran, Step, Task, any_object, step};
use super::{Request, documents_json, parse, request};
use crate::document::Document;
use crate::error::Result;
use crate::extract::update::{Direction, UpdateFacts};
use crate::report::SummaryReport;
use crate::settings::Settings;
use crate::template::{Registry, Template};
use serde_json::{Value, json};

fn cite(docs: &[Document], c: &crate::extract::Cite) -> String {
    format!("{}:{}", docs[c.doc].path, c.line)
}

/// The compact facts the pre-pass found, each with its citation (of one document, or all).
pub fn facts_json(docs: &[Document], f: &UpdateFacts, only: Option<usize>) -> Value {
    let keep = |c: &crate::extract::Cite| only.is_none_or(|d| c.doc == d);
    json!({
        "priorities": f.priorities.iter().filter(|x| keep(&x.cite)).map(|p| json!({"subject": p.subject, "marker": p.marker, "at": cite(docs, &p.cite)})).collect::<Vec<_>>(),
        "directives": f.directives.iter().filter(|x| keep(&x.cite)).map(|d| json!({"direction": if d.direction == Direction::Up { "up" } else { "down" }, "verb": d.verb, "object": d.object, "at": cite(docs, &d.cite)})).collect::<Vec<_>>(),
        "dependencies": f.dependencies.iter().filter(|x| keep(&x.cite)).map(|d| json!({"dependent": d.dependent, "depends_on": d.depends_on, "deliverable": d.deliverable, "due": d.due.map(|s| s.label()), "at": cite(docs, &d.cite)})).collect::<Vec<_>>(),
        "freezes": f.freezes.iter().filter(|x| keep(&x.cite)).map(|z| json!({"window": z.span.label(), "at": cite(docs, &z.cite)})).collect::<Vec<_>>(),
        "dated": f.dated.iter().filter(|x| keep(&x.cite)).map(|d| json!({"subject": d.subject, "when": d.span.label(), "launch": d.is_launch, "at": cite(docs, &d.cite)})).collect::<Vec<_>>(),
    })
}

/// Builds the summarize request.
pub fn request_for(t: &Template, docs: &[Document], facts: &UpdateFacts, focus: Option<&str>) -> Result<Request> {
    request(t, &json!({ "documents": documents_json(docs), "facts": facts_json(docs, facts, None), "focus": focus }))
}

/// The report's JSON schema, sent as `response_format` where the endpoint supports it.
pub fn schema() -> Value {
    let evidence = json!({"type": "array", "items": {"type": "object", "properties": {"file": {"type": "string"}, "line": {"type": "integer"}, "quote": {"type": "string"}}, "required": ["file", "line", "quote"]}});
    let obj = |props: Value, req: &[&str]| json!({"type": "array", "items": {"type": "object", "properties": props, "required": req}});
    json!({
        "type": "object",
        "properties": {
            "command": {"type": "string"},
            "priorities": obj(json!({"rank": {"type": "integer"}, "title": {"type": "string"}, "detail": {"type": "string"}, "evidence": evidence}), &["rank", "title", "detail", "evidence"]),
            "conflicts": obj(json!({"kind": {"type": "string"}, "description": {"type": "string"}, "evidence": evidence}), &["kind", "description", "evidence"]),
            "dependencies": obj(json!({"dependent": {"type": "string"}, "depends_on": {"type": "string"}, "deliverable": {"type": "string"}, "due": {"type": ["string", "null"]}, "evidence": evidence}), &["dependent", "depends_on", "deliverable", "due", "evidence"]),
            "changes": obj(json!({"kind": {"type": "string", "enum": ["added", "dropped", "changed"]}, "description": {"type": "string"}, "evidence": evidence}), &["kind", "description", "evidence"]),
            "gaps": obj(json!({"description": {"type": "string"}, "evidence": evidence}), &["description", "evidence"]),
        },
        "required": ["priorities", "conflicts", "dependencies", "changes", "gaps"]
    })
}

/// What `summarize` gives the engine.
fn task<'a>(facts: &'a dyn Fn(Option<usize>) -> Value, focus: Option<&str>) -> Task<'a, SummaryReport> {
    Task {
        template: "summarize",
        map_template: "summarize-map",
        facts,
        vars: json!({ "focus": focus }),
        parse: &parse::summary,
        map_parse: any_object,
        map_always: false,
        schema: schema(),
    }
}

/// Plans (`--dry-run`) or runs `summarize` on the llm engine.
pub fn llm(
    s: &Settings,
    registry: &Registry,
    docs: &[Document],
    facts: &UpdateFacts,
    focus: Option<&str>,
) -> Result<Step<Ran<SummaryReport>>> {
    let facts_of = |only: Option<usize>| facts_json(docs, facts, only);
    Ok(step(s, registry, docs, &task(&facts_of, focus))?.map(|ran| {
        ran.map(|mut report| {
            report.command = "summarize".into();
            report.focus = focus.map(str::to_string);
            report.documents = docs
                .iter()
                .map(|d| crate::report::DocumentRef { file: d.path.clone(), title: d.title.clone(), date: d.date.map(|x| x.to_string()) })
                .collect();
            report
        })
    }))
}
