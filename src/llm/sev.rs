//! `sev-patterns` on the llm engine: one extraction request per postmortem
//! (`sev-extract`, the map step — cached and concurrent), then one cross-incident request
//! (`sev-patterns`) over the compact incident facts for patterns and mitigations.
//! Statistics, repeat offenders and the checklist are computed from the extracted
//! incidents by code, the same way as offline: a model is not asked to do arithmetic.

use super::engine::{self, Ran, Step, Task};
use super::parse;
use crate::analyse::sev::{self as offline, Kind};
use crate::document::Document;
use crate::error::Result;
use crate::extract::postmortem::Postmortem;
use crate::report::Evidence;
use crate::report::sev::{ActionItem, Incident, Pattern, SevReport};
use crate::settings::Settings;
use crate::template::Registry;
use serde_json::{Value, json};

/// The pre-pass facts of one postmortem (or all), each with its `file:line`.
pub fn facts_json(docs: &[Document], pms: &[Postmortem], only: Option<usize>) -> Value {
    let at = |c: &crate::extract::Cite| format!("{}:{}", docs[c.doc].path, c.line);
    let one = |pm: &Postmortem| {
        let class = offline::classify::classify(pm);
        json!({
            "file": docs[pm.doc].path,
            "title": pm.title.value,
            "severity": pm.severity.as_ref().map(|f| json!({"value": f.value, "at": at(&f.cite)})),
            "started_at": pm.started_at.as_ref().map(|f| json!({"value": f.value.to_rfc3339(), "at": at(&f.cite)})),
            "duration_minutes": pm.duration_minutes.as_ref().map(|f| json!({"value": f.value, "at": at(&f.cite)})),
            "detected_by": pm.detected_by.as_ref().map(|f| json!({"value": f.value.as_str(), "at": at(&f.cite)})),
            "services": pm.services.iter().map(|s| s.value.clone()).collect::<Vec<_>>(),
            "trigger": pm.trigger.as_ref().map(|f| json!({"value": f.value, "at": at(&f.cite)})),
            "root_cause": pm.root_cause.as_ref().map(|f| json!({"value": f.value, "at": at(&f.cite)})),
            "action_items": pm.action_items.iter().map(|a| json!({"text": a.text, "owner": a.owner, "priority": a.priority, "at": at(&a.cite)})).collect::<Vec<_>>(),
            "offline_kind": class.kind.as_str(),
            "offline_second_kind": class.second.map(Kind::as_str),
            "offline_signals": class.signals.iter().map(|s| format!("{} ({})", s.phrase, at(&s.cite))).collect::<Vec<_>>(),
        })
    };
    match only {
        Some(d) => pms.iter().find(|p| p.doc == d).map(one).unwrap_or(Value::Null),
        None => Value::Array(pms.iter().map(one).collect()),
    }
}

/// Every postmortem's facts, computed once (the map step asks for them per document).
fn facts_by_doc(docs: &[Document], pms: &[Postmortem]) -> Vec<Value> {
    let mut out = vec![Value::Null; docs.len()];
    for pm in pms {
        out[pm.doc] = facts_json(docs, std::slice::from_ref(pm), None)[0].clone();
    }
    out
}

/// The cross-incident answer's schema.
pub fn schema() -> Value {
    let evidence = json!({"type": "array", "items": {"type": "object", "properties": {"file": {"type": "string"}, "line": {"type": "integer"}, "quote": {"type": "string"}}, "required": ["file", "line", "quote"]}});
    json!({
        "type": "object",
        "properties": {
            "patterns": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "kind": {"type": "string", "enum": crate::analyse::sev::KINDS.iter().map(|k| k.as_str()).collect::<Vec<_>>()},
                "mechanism": {"type": "string"}, "incidents": {"type": "array", "items": {"type": "string"}},
                "mitigations": {"type": "array", "items": {"type": "object", "properties": {"action": {"type": "string"}, "automated_check": {"type": "string"}}, "required": ["action", "automated_check"]}},
                "evidence": evidence}, "required": ["name", "kind", "incidents", "mitigations", "evidence"]}}
        },
        "required": ["patterns"]
    })
}

/// Validates one extracted incident: a known kind, a known detection, numbers as numbers.
pub fn incident(text: &str) -> std::result::Result<Value, String> {
    let mut v: Value = serde_json::from_str(parse::json_object(text)?).map_err(|e| format!("invalid JSON: {e}"))?;
    let o = v.as_object_mut().ok_or("the answer is not a JSON object")?;
    let kind = o.get("kind").and_then(Value::as_str).unwrap_or("");
    let k = Kind::parse(kind).ok_or_else(|| format!("\"kind\" must be one of the failure kinds, not {kind:?}"))?;
    o.insert("kind".into(), Value::String(k.as_str().into()));
    match o.get("second_kind").and_then(Value::as_str).map(Kind::parse) {
        Some(Some(s)) if s != k => o.insert("second_kind".into(), Value::String(s.as_str().into())),
        _ => o.insert("second_kind".into(), Value::Null),
    };
    if let Some(d) = o.get("detected_by").and_then(Value::as_str)
        && !["alert", "customer", "engineer"].contains(&d)
    {
        return Err(format!("\"detected_by\" must be alert, customer, engineer or null, not {d:?}"));
    }
    Ok(v)
}

/// Parses the cross-incident answer (patterns only; the rest is computed).
pub fn patterns(text: &str) -> std::result::Result<SevReport, String> {
    let v: Value = serde_json::from_str(parse::json_object(text)?).map_err(|e| format!("invalid JSON: {e}"))?;
    let mut patterns: Vec<Pattern> = serde_json::from_value(v.get("patterns").cloned().ok_or("the answer has no \"patterns\"")?)
        .map_err(|e| format!("\"patterns\" does not match the schema: {e}"))?;
    for p in &mut patterns {
        p.kind = Kind::parse(&p.kind).ok_or_else(|| format!("pattern {:?}: unknown kind {:?}", p.name, p.kind))?.as_str().into();
        if p.incidents.len() < 2 {
            return Err(format!("pattern {:?} has {} incident(s); a pattern needs two or more", p.name, p.incidents.len()));
        }
    }
    Ok(SevReport {
        command: "sev-patterns".into(),
        incidents: Vec::new(),
        patterns,
        repeat_offenders: Vec::new(),
        stats: Default::default(),
        checklist: Vec::new(),
        citations: Default::default(),
    })
}

fn task<'a>(facts: &'a dyn Fn(Option<usize>) -> Value) -> Task<'a, SevReport> {
    Task {
        template: "sev-patterns",
        map_template: "sev-extract",
        facts,
        vars: json!({}),
        parse: &patterns,
        map_parse: incident,
        map_always: true,
        schema: schema(),
    }
}

/// Plans (`--dry-run`) or runs `sev-patterns` on the llm engine. Incidents come from the
/// map answers; statistics, repeat offenders and the checklist are computed from them.
pub fn llm(s: &Settings, registry: &Registry, docs: &[Document], pms: &[Postmortem]) -> Result<Step<Ran<SevReport>>> {
    let all = facts_by_doc(docs, pms);
    let facts = |only: Option<usize>| only.map_or_else(|| Value::Array(all.clone()), |d| all[d].clone());
    Ok(engine::step(s, registry, docs, &task(&facts))?.map(|mut ran| {
        ran.report.incidents = incidents(docs, &ran.extracted);
        tidy_patterns(docs, &mut ran.report.patterns);
        offline::complete(&mut ran.report);
        ran
    }))
}

/// Keeps a model's patterns to input files (each once), drops those left with fewer than
/// two incidents, and orders them as the offline engine does.
fn tidy_patterns(docs: &[Document], patterns: &mut Vec<Pattern>) {
    for p in patterns.iter_mut() {
        p.incidents.retain(|f| docs.iter().any(|d| &d.path == f));
        p.incidents.sort();
        p.incidents.dedup();
    }
    patterns.retain(|p| p.incidents.len() >= 2);
    patterns.sort_by(|a, b| b.incidents.len().cmp(&a.incidents.len()).then(a.name.cmp(&b.name)));
}

/// The model's start time in the report's form (UTC, minutes), or null when unreadable.
fn utc(s: &str) -> Option<String> {
    let (t, timed) = crate::extract::postmortem::times::instant(s, None)?;
    timed.then(|| t.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%MZ").to_string())
}

/// One incident per document from its map answers (a long postmortem read in parts
/// gives several: the first stated value of each field wins, lists are joined).
fn incidents(docs: &[Document], extracted: &[(usize, Value)]) -> Vec<Incident> {
    let mut by_doc: Vec<Vec<&Value>> = vec![Vec::new(); docs.len()];
    for (d, v) in extracted {
        if let Some(parts) = by_doc.get_mut(*d) {
            parts.push(v);
        }
    }
    let mut out = Vec::new();
    for (doc, parts) in docs.iter().zip(by_doc) {
        if parts.is_empty() {
            continue;
        }
        let first = |k: &str| parts.iter().find_map(|p| p.get(k).filter(|v| !v.is_null()).cloned());
        let text = |k: &str| first(k).and_then(|v| v.as_str().map(str::to_string));
        let all =
            |k: &str| parts.iter().flat_map(|p| p.get(k).and_then(Value::as_array).cloned().unwrap_or_default()).collect::<Vec<Value>>();
        let mut seen = std::collections::BTreeSet::new();
        let services: Vec<String> =
            all("services").iter().filter_map(|v| v.as_str().map(str::to_string)).filter(|s| seen.insert(s.to_lowercase())).collect();
        let evidence: Vec<Evidence> = all("evidence")
            .into_iter()
            .filter_map(|e| serde_json::from_value(e).ok())
            .map(|e: Evidence| Evidence { file: doc.path.clone(), ..e })
            .collect();
        let action_items = all("action_items")
            .iter()
            .filter_map(|a| {
                let text = a.get("text")?.as_str()?.to_string();
                let line = a.get("line").and_then(Value::as_u64).map(|l| l as usize);
                // Cited by the source line itself, so the citation checks the line number.
                let quote = line.and_then(|l| doc.line_text(l)).map(|t| crate::text::quote(t.trim(), 200));
                let evidence = line
                    .zip(quote)
                    .map(|(l, q)| vec![Evidence { file: doc.path.clone(), line: l, quote: q, verified: false }])
                    .unwrap_or_default();
                let s = |k: &str| a.get(k).and_then(Value::as_str).map(str::to_string);
                Some(ActionItem { owner: s("owner"), priority: s("priority"), text, evidence })
            })
            .collect();
        out.push(Incident {
            file: doc.path.clone(),
            title: text("title").unwrap_or_else(|| doc.title.clone()),
            kind: text("kind").unwrap_or_else(|| "other".into()),
            second_kind: text("second_kind"),
            severity: text("severity").and_then(|s| crate::extract::postmortem::narrative::normalise_severity(&s, true)),
            started_at: text("started_at").and_then(|s| utc(&s)),
            duration_minutes: first("duration_minutes")
                .and_then(|v| v.as_f64().or_else(|| v.as_str()?.trim().parse().ok()))
                .map(|m| m.round() as i64),
            time_to_detect_minutes: None,
            detected_by: text("detected_by"),
            services,
            trigger: text("trigger"),
            root_cause: text("root_cause"),
            mechanism: text("mechanism"),
            action_items,
            classified_by: Vec::new(),
            evidence,
        });
    }
    out
}
