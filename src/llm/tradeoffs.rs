//! `tradeoffs` on the llm engine: the designs and their pre-pass facts go to
//! `tradeoffs.v1` in one request when they fit the context window; otherwise each design
//! (or each section chunk of a long one) is read by `tradeoffs-map.v1` first and the
//! comparison runs over the extracted facts. The answer is validated into the same report
//! the offline engine builds.

use super::engine::{self, Ran, Step, Task};
use super::parse;
use crate::document::Document;
use crate::error::Result;
use crate::extract::design::DesignFacts;
use crate::extract::design::dimensions::DIMS;
use crate::report::tradeoffs::{Assessment, TradeoffsReport};
use crate::settings::Settings;
use crate::template::Registry;
use serde_json::{Value, json};

/// The pre-pass facts of one design (or all), each with its `file:line`.
pub fn facts_json(docs: &[Document], facts: &[DesignFacts], only: Option<usize>) -> Value {
    let at = |c: &crate::extract::Cite| format!("{}:{}", docs[c.doc].path, c.line);
    let names = |v: &[crate::extract::design::Named]| v.iter().map(|n| json!({"name": n.name, "at": at(&n.cite)})).collect::<Vec<_>>();
    let one = |f: &DesignFacts| {
        json!({
            "file": docs[f.doc].path,
            "title": f.title,
            "owners": names(&f.owners),
            "team_dependencies": names(&f.teams),
            "approvals": names(&f.approvals),
            "not_needed": names(&[f.not_teams.clone(), f.not_approvals.clone()].concat()),
            "risks": names(&f.risks),
            "dimensions": f.dimensions.iter().map(|d| (d.dim.as_str().to_string(), json!({"assessment": d.assessment, "at": d.evidence.iter().map(&at).collect::<Vec<_>>()}))).collect::<serde_json::Map<_, _>>(),
        })
    };
    match only {
        Some(d) => facts.iter().find(|f| f.doc == d).map(one).unwrap_or(Value::Null),
        None => Value::Array(facts.iter().map(one).collect()),
    }
}

/// The report's JSON schema, sent as `response_format` where supported.
pub fn schema() -> Value {
    let evidence = json!({"type": "array", "items": {"type": "object", "properties": {"file": {"type": "string"}, "line": {"type": "integer"}, "quote": {"type": "string"}}, "required": ["file", "line", "quote"]}});
    let named = json!({"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "evidence": evidence}, "required": ["name", "evidence"]}});
    let assessment = json!({"type": "object", "properties": {"assessment": {"type": "string"}, "evidence": evidence}, "required": ["assessment", "evidence"]});
    let dims: serde_json::Map<String, Value> = DIMS.iter().map(|d| (d.as_str().to_string(), assessment.clone())).collect();
    json!({
        "type": "object",
        "properties": {
            "designs": {"type": "array", "items": {"type": "object", "properties": {
                "file": {"type": "string"}, "title": {"type": "string"}, "summary": {"type": "string"},
                "team_dependencies": named, "approvals": named, "not_needed": named, "risks": named,
                "dimensions": {"type": "object", "properties": dims}}, "required": ["file", "title", "dimensions", "team_dependencies", "approvals"]}},
            "tradeoffs": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}, "description": {"type": "string"}, "favours": {"type": "string"}, "evidence": evidence}, "required": ["description", "favours", "evidence"]}},
            "competition": {"type": "array", "items": {"type": "object", "properties": {"resource": {"type": "string"}, "kind": {"type": "string"}, "designs": {"type": "array", "items": {"type": "string"}}, "evidence": evidence}}},
            "recommendation": {"type": "object", "properties": {"choice": {"type": "string"}, "conditions": {"type": "array", "items": {"type": "string"}}, "would_change": {"type": "array", "items": {"type": "string"}}, "evidence": evidence}, "required": ["choice", "conditions", "evidence"]}
        },
        "required": ["designs", "tradeoffs", "recommendation"]
    })
}

/// Parses and validates a trade-offs report: every dimension present ("not stated" when
/// the model left one out), and the recommendation naming one of the designs.
pub fn report(text: &str) -> std::result::Result<TradeoffsReport, String> {
    let mut v: Value = serde_json::from_str(parse::json_object(text)?).map_err(|e| format!("invalid JSON: {e}"))?;
    let o = v.as_object_mut().ok_or("the answer is not a JSON object")?;
    o.entry("command").or_insert(Value::String("tradeoffs".into()));
    o.entry("competition").or_insert(Value::Array(Vec::new()));
    let mut r: TradeoffsReport = serde_json::from_value(v).map_err(|e| format!("does not match the report schema: {e}"))?;
    if r.designs.len() < 2 {
        return Err(format!("\"designs\" has {} entries; every input design needs one", r.designs.len()));
    }
    for d in &mut r.designs {
        for dim in DIMS {
            d.dimensions
                .entry(dim.as_str().to_string())
                .or_insert_with(|| Assessment { assessment: "not stated".into(), evidence: Vec::new() });
        }
    }
    if !r.designs.iter().any(|d| d.file == r.recommendation.choice) {
        return Err(format!("recommendation.choice {:?} is not one of the designs' files", r.recommendation.choice));
    }
    Ok(r)
}

fn task<'a>(facts: &'a dyn Fn(Option<usize>) -> Value) -> Task<'a, TradeoffsReport> {
    Task {
        template: "tradeoffs",
        map_template: "tradeoffs-map",
        facts,
        vars: json!({}),
        parse: &report,
        map_parse: engine::any_object,
        map_always: false,
        schema: schema(),
    }
}

/// Plans (`--dry-run`) or runs `tradeoffs` on the llm engine.
pub fn llm(s: &Settings, registry: &Registry, docs: &[Document], facts: &[DesignFacts]) -> Result<Step<Ran<TradeoffsReport>>> {
    let f = |only: Option<usize>| facts_json(docs, facts, only);
    engine::step(s, registry, docs, &task(&f))
}
