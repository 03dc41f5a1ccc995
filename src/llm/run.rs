//! `scope run NAME`: any template becomes a command. The template renders with the
//! documents (numbered, inside delimiters), the `--var` values and no pre-pass facts;
//! a JSON answer is validated against the schema the template declares in
//! `output.schema` (and repaired once like any built-in report); a text answer is kept
//! as text. Inputs too large for one request need a `NAME-map` template for the map step.

use super::engine::{self, Ran, Step, Task};
use super::parse;
use crate::document::Document;
use crate::error::Result;
use crate::report::Evidence;
use crate::report::run::RunReport;
use crate::settings::Settings;
use crate::template::{Registry, Template};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Whether the template asks for JSON, and the schema it declares (if an object).
fn contract(t: &Template) -> (bool, Option<Value>) {
    let json = t.meta.output.get("format").and_then(Value::as_str) == Some("json");
    (json, t.meta.output.get("schema").filter(|s| s.is_object()).cloned())
}

fn answer(json: bool, schema: Option<Value>) -> impl Fn(&str) -> std::result::Result<Value, String> + Sync {
    move |text: &str| {
        if !json {
            return Ok(Value::String(text.trim().to_string()));
        }
        let v: Value = serde_json::from_str(parse::json_object(text)?).map_err(|e| format!("invalid JSON: {e}"))?;
        if let Some(s) = &schema {
            super::schema::validate(&v, s, "")?;
        }
        Ok(v)
    }
}

/// Every `{file, line, quote}` object anywhere in an answer.
pub fn citations(v: &Value, out: &mut Vec<Evidence>) {
    match v {
        Value::Object(o) => {
            if let (Some(f), Some(l), Some(q)) =
                (o.get("file").and_then(Value::as_str), o.get("line").and_then(Value::as_u64), o.get("quote").and_then(Value::as_str))
            {
                out.push(Evidence { file: f.to_string(), line: l as usize, quote: q.to_string(), verified: false });
            }
            o.values().for_each(|x| citations(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| citations(x, out)),
        _ => {}
    }
}

/// Plans (`--dry-run`) or runs a template on the llm engine.
pub fn llm(
    s: &Settings,
    registry: &Registry,
    docs: &[Document],
    name: &str,
    vars: &BTreeMap<String, String>,
) -> Result<Step<Ran<RunReport>>> {
    let t = registry.get(name)?;
    let (json, schema) = contract(t);
    let parse = answer(json, schema.clone());
    let f = |_: Option<usize>| json!({});
    let map = format!("{}-map", t.meta.name);
    let task = Task {
        template: name,
        map_template: &map,
        facts: &f,
        vars: json!({"vars": vars}),
        parse: &parse,
        map_parse: engine::any_object,
        map_always: false,
        schema: schema.unwrap_or(Value::Null),
    };
    let layout = if registry.layout(&t.meta.name).is_ok() { t.meta.name.clone() } else { "run".into() };
    Ok(engine::step(s, registry, docs, &task)?.map(|ran| {
        ran.map(|output| {
            let mut evidence = Vec::new();
            citations(&output, &mut evidence);
            RunReport { command: "run".into(), template: t.meta.name.clone(), layout, output, evidence, citations: Default::default() }
        })
    }))
}
