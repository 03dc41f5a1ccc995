//! `propose` on the llm engine: the chosen template's body is the prompt, its declared
//! sections the contract. The answer is validated into the same report the offline
//! engine drafts: unknown sections dropped, missing ones added as placeholders, `--var`
//! values kept as given.

use super::engine::{self, Ran, Step, Task};
use super::parse;
use crate::analyse::propose::Spec;
use crate::document::Document;
use crate::error::Result;
use crate::report::proposal::{ProposalReport, Section, Statement};
use crate::settings::Settings;
use crate::template::Registry;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Parses a drafted proposal.
pub fn draft(text: &str) -> std::result::Result<ProposalReport, String> {
    let mut v: Value = serde_json::from_str(parse::json_object(text)?).map_err(|e| format!("invalid JSON: {e}"))?;
    let o = v.as_object_mut().ok_or("the answer is not a JSON object")?;
    o.entry("command").or_insert(Value::String("propose".into()));
    serde_json::from_value(v).map_err(|e| format!("does not match the proposal schema: {e}"))
}

fn schema() -> Value {
    let evidence = json!({"type": "array", "items": {"type": "object", "properties": {"file": {"type": "string"}, "line": {"type": "integer"}, "quote": {"type": "string"}}, "required": ["file", "line", "quote"]}});
    json!({"type": "object", "properties": {
        "title": {"type": "string"},
        "sections": {"type": "array", "items": {"type": "object", "properties": {"key": {"type": "string"}, "items": {"type": "array", "items": {"type": "object", "properties": {"text": {"type": "string"}, "evidence": evidence}, "required": ["text", "evidence"]}}, "placeholder": {"type": ["string", "null"]}}, "required": ["key", "items"]}},
        "raci": {"type": "array", "items": {"type": "object", "properties": {"item": {"type": "string"}, "responsible": {"type": "string"}, "accountable": {"type": "string"}, "consulted": {"type": "array", "items": {"type": "string"}}, "informed": {"type": "array", "items": {"type": "string"}}, "evidence": evidence}, "required": ["item", "responsible", "accountable"]}}
    }, "required": ["sections"]})
}

fn vars_json(specs: &[Spec], vars: &BTreeMap<String, String>) -> Value {
    json!({"vars": vars, "sections": specs.iter().map(|s| json!({"key": s.key, "title": s.title, "ask": s.ask})).collect::<Vec<_>>()})
}

fn task<'a>(name: &'a str, f: &'a dyn Fn(Option<usize>) -> Value, vars: Value) -> Task<'a, ProposalReport> {
    Task {
        template: name,
        map_template: "summarize-map",
        facts: f,
        vars,
        parse: &draft,
        map_parse: engine::any_object,
        map_always: false,
        schema: schema(),
    }
}

/// Plans (`--dry-run`) or runs `propose` on the llm engine.
pub fn llm(
    s: &Settings,
    registry: &Registry,
    docs: &[Document],
    name: &str,
    specs: &[Spec],
    vars: &BTreeMap<String, String>,
) -> Result<Step<Ran<ProposalReport>>> {
    let f = |_: Option<usize>| json!({});
    Ok(engine::step(s, registry, docs, &task(name, &f, vars_json(specs, vars)))?.map(|ran| ran.map(|r| conform(r, name, specs, vars))))
}

/// The model's draft held to the template: its sections in order (unknown ones dropped,
/// silent ones marked), `--var` values as given.
fn conform(mut r: ProposalReport, name: &str, specs: &[Spec], vars: &BTreeMap<String, String>) -> ProposalReport {
    let mut sections = Vec::new();
    for spec in specs {
        let mut sec = r.sections.iter().find(|x| x.key == spec.key).cloned().unwrap_or(Section {
            key: spec.key.clone(),
            title: String::new(),
            items: Vec::new(),
            placeholder: None,
        });
        sec.title = spec.title.clone();
        if let Some(v) = vars.get(&spec.key) {
            sec.items = vec![Statement { text: v.clone(), evidence: Vec::new() }];
        }
        if sec.items.is_empty() && spec.kind.as_deref() != Some("raci") {
            let ask = sec.placeholder.clone().unwrap_or_else(|| spec.ask.clone());
            sec.placeholder = Some(if ask.starts_with('⟦') { ask } else { format!("⟦TODO: {ask}⟧") });
        } else {
            sec.placeholder = None;
        }
        sections.push(sec);
    }
    r.sections = sections;
    r.template = name.into();
    r.vars = vars.clone();
    if let Some(t) = vars.get("title") {
        r.title = t.clone();
    }
    r
}
