//! The llm engine's response side, as pure functions: take the assistant's text and token
//! usage out of a chat-completions response, clean the JSON a model wraps in fences or
//! chatter, and parse it into the report type both engines share. Unit tests drive these
//! with recorded responses in `fixtures/llm/`.

use crate::report::SummaryReport;
use async_openai::types::chat::CreateChatCompletionResponse;
use serde_json::Value;

/// Token counts a server reports for one response.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tokens {
    pub prompt: u64,
    pub completion: u64,
}

/// The assistant's text and the usage of one response. Strict async-openai types first;
/// servers that leave out fields those require (`id`, `created`) are read leniently.
pub fn reply(body: &str) -> Result<(String, Tokens), String> {
    if let Ok(r) = serde_json::from_str::<CreateChatCompletionResponse>(body) {
        let text = r.choices.first().and_then(|c| c.message.content.clone()).ok_or("the response has no message content")?;
        let tokens = r.usage.map(|u| Tokens { prompt: u.prompt_tokens as u64, completion: u.completion_tokens as u64 }).unwrap_or_default();
        return Ok((text, tokens));
    }
    let v: Value = serde_json::from_str(body).map_err(|e| format!("the response is not JSON ({e})"))?;
    if let Some(err) = v.get("error") {
        return Err(format!("the server returned an error: {}", err.get("message").and_then(Value::as_str).unwrap_or("unknown")));
    }
    let text = v
        .pointer("/choices/0/message/content")
        .and_then(Value::as_str)
        .ok_or("the response has no choices[0].message.content")?
        .to_string();
    let n = |p: &str| v.pointer(p).and_then(Value::as_u64).unwrap_or(0);
    Ok((text, Tokens { prompt: n("/usage/prompt_tokens"), completion: n("/usage/completion_tokens") }))
}

/// The JSON object inside a model's answer: code fences and prose around it removed.
pub fn json_object(text: &str) -> Result<&str, String> {
    let start = text.find('{').ok_or("the answer contains no JSON object")?;
    let end = text.rfind('}').ok_or("the answer's JSON object is not closed")?;
    if end < start {
        return Err("the answer's JSON object is not closed".into());
    }
    Ok(&text[start..=end])
}

/// Parses and validates a summary report from a model's answer.
pub fn summary(text: &str) -> Result<SummaryReport, String> {
    let json = json_object(text)?;
    let mut v: Value = serde_json::from_str(json).map_err(|e| format!("invalid JSON: {e}"))?;
    // Fields the engine fills in itself need not come from the model.
    if let Some(o) = v.as_object_mut() {
        o.entry("command").or_insert(Value::String("summarize".into()));
        o.entry("documents").or_insert(Value::Array(Vec::new()));
        for key in ["priorities", "conflicts", "dependencies", "changes", "gaps"] {
            o.entry(key).or_insert(Value::Array(Vec::new()));
        }
    }
    let mut report: SummaryReport = serde_json::from_value(v).map_err(|e| format!("does not match the report schema: {e}"))?;
    validate(&report)?;
    // Ranks follow the order the model listed priorities in.
    for (i, p) in report.priorities.iter_mut().enumerate() {
        p.rank = i + 1;
    }
    Ok(report)
}

/// Checks what serde cannot: every finding cites something, kinds are from the closed sets.
fn validate(r: &SummaryReport) -> Result<(), String> {
    let cited = |what: &str, i: usize, n: usize| if n == 0 { Err(format!("{what}[{i}] has no evidence")) } else { Ok(()) };
    for (i, p) in r.priorities.iter().enumerate() {
        cited("priorities", i, p.evidence.len())?;
    }
    for (i, c) in r.conflicts.iter().enumerate() {
        cited("conflicts", i, c.evidence.len())?;
    }
    for (i, d) in r.dependencies.iter().enumerate() {
        cited("dependencies", i, d.evidence.len())?;
    }
    for (i, c) in r.changes.iter().enumerate() {
        if !matches!(c.kind.as_str(), "added" | "dropped" | "changed") {
            return Err(format!("changes[{i}].kind must be added, dropped or changed, not {:?}", c.kind));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{}/fixtures/llm/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn reads_a_recorded_openai_response() {
        let (text, tokens) = reply(&fixture("openai-response.json")).unwrap();
        assert!(text.starts_with("```json"));
        assert_eq!(tokens, Tokens { prompt: 1234, completion: 321 });
        let r = summary(&text).unwrap();
        assert_eq!(r.priorities[0].title, "Holiday peak readiness");
        assert_eq!(r.priorities[0].evidence[0].line, 19);
    }

    #[test]
    fn reads_a_lenient_local_server_response() {
        let (text, tokens) = reply(r#"{"choices":[{"message":{"role":"assistant","content":"{\"priorities\":[]}"}}]}"#).unwrap();
        assert_eq!(text, "{\"priorities\":[]}");
        assert_eq!(tokens, Tokens::default());
        assert!(reply(r#"{"error":{"message":"model not found"}}"#).unwrap_err().contains("model not found"));
        assert!(reply("<html>502</html>").is_err());
    }

    #[test]
    fn cleans_fences_and_chatter() {
        assert_eq!(json_object("Sure! Here it is:\n```json\n{\"a\": 1}\n```\nAnything else?").unwrap(), "{\"a\": 1}");
        assert!(json_object("no json here").is_err());
    }

    #[test]
    fn fills_what_the_engine_can_fill() {
        let terse = r#"{"priorities":[{"title":"A","evidence":[{"file":"a.md","line":1,"quote":"x"}]},{"title":"B","evidence":[{"file":"a.md","line":2,"quote":"y"}]}]}"#;
        let r = summary(terse).unwrap();
        assert_eq!((r.priorities[0].rank, r.priorities[1].rank), (1, 2));
        assert_eq!(r.priorities[1].detail, "");
    }

    #[test]
    fn rejects_what_does_not_fit_the_schema() {
        assert!(summary("{\"priorities\": [{\"rank\": 1}]}").unwrap_err().contains("schema"));
        let uncited = r#"{"priorities":[{"rank":1,"title":"x","detail":"y","evidence":[]}]}"#;
        assert!(summary(uncited).unwrap_err().contains("no evidence"));
        let bad_kind = r#"{"changes":[{"kind":"moved","description":"x","evidence":[]}]}"#;
        assert!(summary(bad_kind).unwrap_err().contains("added, dropped or changed"));
        assert!(summary("{\"priorities\": [").unwrap_err().contains("JSON"));
    }
}
