//! `mock-sev` on the llm engine: the postmortems' patterns, incidents and statistics (as
//! the offline engine found them) and the system's components go to `mock-sev.v1`; the
//! answer is validated into the same drill report (injects in time order, the requested
//! level and seed).

use super::engine::{self, Ran, Step, Task};
use super::parse;
use crate::document::Document;
use crate::error::Result;
use crate::report::drill::DrillReport;
use crate::report::sev::SevReport;
use crate::settings::Settings;
use crate::template::Registry;
use serde_json::{Value, json};

/// Parses a drill.
pub fn drill(text: &str) -> std::result::Result<DrillReport, String> {
    let mut v: Value = serde_json::from_str(parse::json_object(text)?).map_err(|e| format!("invalid JSON: {e}"))?;
    let o = v.as_object_mut().ok_or("the answer is not a JSON object")?;
    o.entry("command").or_insert(Value::String("mock-sev".into()));
    let r: DrillReport = serde_json::from_value(v).map_err(|e| format!("does not match the drill schema: {e}"))?;
    if r.injects.is_empty() {
        return Err("a drill needs at least one inject".into());
    }
    Ok(r)
}

fn schema() -> Value {
    let evidence = json!({"type": "array", "items": {"type": "object", "properties": {"file": {"type": "string"}, "line": {"type": "integer"}, "quote": {"type": "string"}}, "required": ["file", "line", "quote"]}});
    json!({"type": "object", "properties": {
        "level": {"type": "string"}, "premise": {"type": "string"},
        "scenario": {"type": "object", "properties": {"title": {"type": "string"}, "pattern": {"type": "string"}, "kind": {"type": "string"}, "service": {"type": "string"}, "based_on": {"type": "array", "items": {"type": "string"}}}, "required": ["title"]},
        "injects": {"type": "array", "items": {"type": "object", "properties": {"minute": {"type": "integer"}, "kind": {"type": "string"}, "signal": {"type": "string"}, "evidence": evidence}, "required": ["minute", "kind", "signal"]}},
        "expected_actions": {"type": "array", "items": {"type": "object", "properties": {"level": {"type": "string"}, "action": {"type": "string"}}, "required": ["level", "action"]}},
        "risks": {"type": "array", "items": {"type": "object", "properties": {"risk": {"type": "string"}, "evidence": evidence}, "required": ["risk"]}},
        "debrief": {"type": "array", "items": {"type": "string"}}
    }, "required": ["premise", "scenario", "injects", "expected_actions", "risks", "debrief", "level"]})
}

fn facts(sev: &SevReport, components: &[String]) -> Value {
    json!({
        "patterns": sev.patterns.iter().map(|p| json!({"name": p.name, "kind": p.kind, "incidents": p.incidents, "mitigations": p.mitigations.iter().map(|m| &m.automated_check).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "incidents": sev.incidents.iter().map(|i| json!({"file": i.file, "title": i.title, "kind": i.kind, "services": i.services, "detected_by": i.detected_by, "root_cause": i.root_cause, "duration_minutes": i.duration_minutes})).collect::<Vec<_>>(),
        "stats": sev.stats,
        "repeat_offenders": sev.repeat_offenders.iter().map(|r| json!({"service": r.service, "incidents": r.incidents.len()})).collect::<Vec<_>>(),
        "system_components": components,
    })
}

fn task<'a>(f: &'a dyn Fn(Option<usize>) -> Value, level: &str, seed: u64) -> Task<'a, DrillReport> {
    Task {
        template: "mock-sev",
        map_template: "summarize-map",
        facts: f,
        vars: json!({"level": level, "seed": seed}),
        parse: &drill,
        map_parse: engine::any_object,
        map_always: false,
        schema: schema(),
    }
}

/// Plans (`--dry-run`) or runs `mock-sev` on the llm engine.
pub fn llm(
    s: &Settings,
    registry: &Registry,
    docs: &[Document],
    sev: &SevReport,
    components: &[String],
    level: &str,
    seed: u64,
) -> Result<Step<Ran<DrillReport>>> {
    let all = facts(sev, components);
    let f = |_: Option<usize>| all.clone();
    Ok(engine::step(s, registry, docs, &task(&f, level, seed))?.map(|mut ran| {
        ran.report.injects.sort_by_key(|i| i.minute);
        ran.report.level = level.into();
        ran.report.seed = seed;
        ran
    }))
}
