//! `prioritize` on the llm engine: the candidates (with the numbers they give) go to
//! `prioritize.v1`, which estimates only what is missing and judges urgency; the scores,
//! quadrants, cut line and say-no list are then computed by the same code as offline, so
//! given numbers stay exactly as given and the arithmetic is never the model's.

use super::engine::{self, Ran, Step, Task};
use super::parse;
use crate::document::Document;
use crate::error::Result;
use crate::extract::work::Candidate;
use crate::report::work::PrioritizeReport;
use crate::settings::Settings;
use crate::template::Registry;
use serde_json::{Value, json};

fn facts(docs: &[Document], c: &[Candidate]) -> Value {
    Value::Array(c.iter().map(|c| json!({"title": c.title, "given": c.given, "notes": c.notes, "at": format!("{}:{}", docs[c.cite.doc].path, c.cite.line)})).collect())
}

/// The estimates schema.
pub fn schema() -> Value {
    let num = json!({"type": ["number", "null"]});
    json!({"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
        "title": {"type": "string"}, "reach": num, "impact": num, "confidence": num, "effort": num, "urgent": {"type": "boolean"},
        "reasons": {"type": "array", "items": {"type": "string"}}}, "required": ["title", "urgent"]}}}, "required": ["items"]})
}

/// The model's estimates: one object per candidate.
pub fn estimates(text: &str) -> std::result::Result<Value, String> {
    let v: Value = serde_json::from_str(parse::json_object(text)?).map_err(|e| format!("invalid JSON: {e}"))?;
    let items = v.get("items").and_then(Value::as_array).ok_or("the answer has no \"items\" array")?;
    for i in items {
        i.get("title").and_then(Value::as_str).ok_or("every item needs its \"title\"")?;
        if let Some(c) = i.get("confidence").and_then(Value::as_f64)
            && !(0.0..=100.0).contains(&c)
        {
            return Err(format!("confidence {c} is outside 0–1 (or 0–100%)"));
        }
    }
    Ok(v)
}

fn task<'a>(f: &'a dyn Fn(Option<usize>) -> Value, max_p0: usize) -> Task<'a, Value> {
    Task {
        template: "prioritize",
        map_template: "summarize-map",
        facts: f,
        vars: json!({"max_p0": max_p0}),
        parse: &estimates,
        map_parse: engine::any_object,
        map_always: false,
        schema: schema(),
    }
}

/// Plans (`--dry-run`) or runs `prioritize` on the llm engine.
pub fn llm(s: &Settings, registry: &Registry, docs: &[Document], c: &[Candidate], max_p0: usize) -> Result<Step<Ran<PrioritizeReport>>> {
    let all = facts(docs, c);
    let f = |_: Option<usize>| all.clone();
    Ok(engine::step(s, registry, docs, &task(&f, max_p0))?.map(|ran| ran.map(|answer| scored(docs, c, &answer, max_p0))))
}

/// The candidates with the model's estimates filled in where nothing was given, scored
/// by the offline code.
fn scored(docs: &[Document], c: &[Candidate], answer: &Value, max_p0: usize) -> PrioritizeReport {
    let items = answer["items"].as_array().cloned().unwrap_or_default();
    let merged: Vec<Candidate> = c
        .iter()
        .map(|cand| {
            let mut cand = cand.clone();
            if let Some(est) = items.iter().find(|i| i["title"].as_str().is_some_and(|t| t.eq_ignore_ascii_case(&cand.title))) {
                for key in ["reach", "impact", "confidence", "effort"] {
                    // A model's number must be usable: finite, not negative, effort above zero.
                    if !cand.given.contains_key(key)
                        && let Some(v) = est[key].as_f64().filter(|v| v.is_finite() && *v >= 0.0 && (key != "effort" || *v > 0.0))
                    {
                        cand.given.insert(key.into(), v);
                        cand.model_estimated.push(key.into());
                    }
                }
                cand.urgent = est["urgent"].as_bool();
                cand.model_reasons =
                    est["reasons"].as_array().map(|r| r.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default();
            }
            cand
        })
        .collect();
    crate::analyse::prioritize::prioritize(docs, &merged, max_p0)
}
