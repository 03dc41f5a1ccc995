//! The llm engine for `summarize`: plan the requests (one when the inputs fit the context
//! window, else a map step per document or per section chunk and one reduce step over
//! the extracted facts — never silent truncation), check the cost, send them concurrently
//! through the cache, parse and repair the answers, and return the same report type the
//! offline engine produces. Commands added later supply only their template, facts and
//! report type.

use super::cache::Cache;
use super::client::{Client, SendError};
use super::parse::{self, Tokens};
use super::{Request, document_text_range, tokens};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::render::Usage;
use crate::settings::Settings;
use crate::template::{self, Message, Registry};
use async_openai::types::chat::{
    ChatCompletionRequestAssistantMessage, ChatCompletionRequestMessage, ChatCompletionRequestSystemMessage,
    ChatCompletionRequestUserMessage, CreateChatCompletionRequest, ResponseFormat, ResponseFormatJsonSchema,
};
use futures::stream::{self, StreamExt};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

/// What the engine will send.
pub struct Plan {
    /// Map requests (empty when everything fits one request).
    pub map: Vec<Request>,
    /// The single request, when the inputs fit.
    pub single: Option<Request>,
}

fn prompt_tokens(s: &Settings, r: &Request) -> u64 {
    r.messages.iter().map(|m| tokens::count(&s.model, &m.content) as u64 + 4).sum::<u64>() + 3
}

fn fits(s: &Settings, r: &Request) -> bool {
    prompt_tokens(s, r) + r.max_output_tokens <= s.context_window as u64
}

/// What a command gives the llm engine: its templates, its facts and how to read its
/// report. Everything else — planning, map-reduce, cache, retries, repair, usage — is
/// the engine's.
pub struct Task<'a, R> {
    /// The cross-document template ("summarize"): data `documents`, `facts`, and `vars`.
    pub template: &'a str,
    /// The per-document map template ("summarize-map"): data `document`, `facts`.
    pub map_template: &'a str,
    /// The pre-pass facts as JSON, of one document or of all.
    pub facts: &'a dyn Fn(Option<usize>) -> Value,
    /// More template data (a focus, a level, …), merged into the cross-document request.
    pub vars: Value,
    /// Parses and validates a model answer into the command's report.
    pub parse: &'a (dyn Fn(&str) -> std::result::Result<R, String> + Sync),
    /// Parses and validates one map answer (any JSON object for `summarize`).
    pub map_parse: fn(&str) -> std::result::Result<Value, String>,
    /// Map every document even when everything fits one request (per-document
    /// extraction, as `sev-patterns` does).
    pub map_always: bool,
    /// The JSON schema of the cross-document answer, sent as `response_format`.
    pub schema: Value,
}

/// A map answer for `summarize`: any JSON object.
pub fn any_object(t: &str) -> std::result::Result<Value, String> {
    parse::json_object(t).and_then(|j| serde_json::from_str::<Value>(j).map_err(|e| e.to_string()))
}

impl<R> Task<'_, R> {
    fn data(&self, documents: Value, facts: Value) -> Value {
        let mut data = json!({ "documents": documents, "facts": facts });
        if let (Some(d), Some(v)) = (data.as_object_mut(), self.vars.as_object()) {
            d.extend(v.clone());
        }
        data
    }
}

/// Plans the requests for `docs`: one when everything fits, else map requests.
pub fn plan<R>(s: &Settings, registry: &Registry, docs: &[Document], task: &Task<R>) -> Result<Plan> {
    let mut single = super::request(registry.get(task.template)?, &task.data(super::documents_json(docs), (task.facts)(None)))?;
    single.schema = (!task.schema.is_null()).then(|| task.schema.clone());
    if !task.map_always && fits(s, &single) {
        return Ok(Plan { map: Vec::new(), single: Some(single) });
    }
    let t = registry.get(task.map_template)?;
    let mut map = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        for (from, to) in chunks(s, t, doc, task, i)? {
            let mut r = map_request(t, doc, task, i, from, to)?;
            r.doc = Some(i);
            map.push(r);
        }
    }
    Ok(Plan { map, single: None })
}

fn map_request<R>(t: &template::Template, doc: &Document, task: &Task<R>, i: usize, from: usize, to: usize) -> Result<Request> {
    let document = json!({"path": doc.path, "title": doc.title, "date": doc.date.map(|d| d.to_string()).unwrap_or_default(), "text": document_text_range(doc, from, to)});
    super::request(t, &json!({ "document": document, "facts": (task.facts)(Some(i)) }))
}

/// Line ranges of a document that each fit one map request, split at section
/// boundaries (a section larger than the window is split at block boundaries).
fn chunks<R>(s: &Settings, t: &template::Template, doc: &Document, task: &Task<R>, i: usize) -> Result<Vec<(usize, usize)>> {
    let last = doc.line_count();
    let whole = map_request(t, doc, task, i, 1, last)?;
    if fits(s, &whole) {
        return Ok(vec![(1, last)]);
    }
    // Candidate cut points: section headings, then any block start.
    let mut cuts: Vec<usize> = doc.sections.iter().skip(1).map(|x| x.line).chain(doc.blocks.iter().map(|b| b.line)).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let budget = (s.context_window as u64).saturating_sub(
        whole.max_output_tokens + prompt_tokens(s, &whole) - tokens::count(&s.model, &document_text_range(doc, 1, last)) as u64,
    );
    let mut out = Vec::new();
    let mut start = 1;
    while start <= last {
        let mut end = last;
        // The furthest cut whose text still fits the budget.
        for &c in cuts.iter().filter(|&&c| c > start) {
            if tokens::count(&s.model, &document_text_range(doc, start, c - 1)) as u64 > budget {
                end = c - 1;
                break;
            }
        }
        let end = if end < start { start } else { end };
        out.push((start, end));
        start = end + 1;
    }
    Ok(out)
}

/// How to ask for JSON; degraded when an endpoint rejects a mode.
const SCHEMA: u8 = 0;
const JSON_OBJECT: u8 = 1;
const PLAIN: u8 = 2;

/// The chat-completions body for one request (async-openai's request type).
#[allow(deprecated)]
pub fn body(s: &Settings, r: &Request, mode: u8) -> Result<Value> {
    let messages: Vec<ChatCompletionRequestMessage> = r
        .messages
        .iter()
        .map(|m| match m.role.as_str() {
            "system" => ChatCompletionRequestSystemMessage::from(m.content.clone()).into(),
            "assistant" => ChatCompletionRequestAssistantMessage::from(m.content.clone()).into(),
            _ => ChatCompletionRequestUserMessage::from(m.content.clone()).into(),
        })
        .collect();
    let response_format = match mode {
        SCHEMA if r.schema.is_some() => Some(ResponseFormat::JsonSchema {
            json_schema: ResponseFormatJsonSchema {
                description: Some(format!("scope {} report", r.template.split('@').next().unwrap_or("report"))),
                name: "report".into(),
                schema: r.schema.clone().unwrap_or_default(),
                strict: Some(false),
            },
        }),
        SCHEMA | JSON_OBJECT => Some(ResponseFormat::JsonObject),
        _ => None,
    };
    let hosted = s.base_url.as_deref().is_none_or(|b| b.contains("api.openai.com") || b.contains(".openai.azure.com"));
    let max = r.max_output_tokens as u32;
    let req = CreateChatCompletionRequest {
        model: s.model.clone(),
        messages,
        temperature: Some(r.temperature as f32),
        max_completion_tokens: hosted.then_some(max),
        max_tokens: (!hosted).then_some(max),
        response_format,
        ..Default::default()
    };
    serde_json::to_value(req).map_err(|e| Error::Engine(format!("cannot encode the request: {e}")))
}

/// Everything one run shares: the client, the cache, the JSON mode and the counters.
struct Run<'a> {
    s: &'a Settings,
    client: Client,
    cache: Cache,
    mode: AtomicU8,
    requests: AtomicU64,
    cached: AtomicU64,
    prompt: AtomicU64,
    completion: AtomicU64,
    bar: indicatif::ProgressBar,
}

impl Run<'_> {
    /// One request through the cache; falls back to plainer JSON modes when the endpoint
    /// rejects `response_format`.
    async fn answer(&self, r: &Request) -> Result<String> {
        let mut garbled = false;
        loop {
            let mode = self.mode.load(Ordering::Relaxed);
            let body = body(self.s, r, mode)?;
            let key = Cache::key(&json!({"endpoint": self.client.endpoint.display, "template": r.template, "body": body}));
            // An unreadable cache entry (a crash mid-write, an old format) is asked again.
            if let Some(text) = self.cache.get(&key).and_then(|hit| self.text(&hit, false).ok()) {
                self.cached.fetch_add(1, Ordering::Relaxed);
                return Ok(text);
            }
            self.requests.fetch_add(1, Ordering::Relaxed);
            let bytes = serde_json::to_vec(&body).map_err(|e| Error::Engine(e.to_string()))?;
            match self.client.send(&bytes).await {
                Ok(resp) => match self.text(&resp, true) {
                    Ok(text) => {
                        self.cache.put(&key, &resp);
                        return Ok(text);
                    }
                    // A 200 that is not a completion (cut off, an HTML error page): once more.
                    Err(_) if !garbled => garbled = true,
                    Err(e) => return Err(e),
                },
                Err(SendError::Status { status, body })
                    if status.as_u16() == 400 && mode < PLAIN && body.to_lowercase().contains("response_format") =>
                {
                    let _ = self.mode.compare_exchange(mode, mode + 1, Ordering::Relaxed, Ordering::Relaxed);
                }
                Err(e) => return Err(e.into_error(&self.client.endpoint)),
            }
        }
    }

    fn text(&self, resp: &str, fresh: bool) -> Result<String> {
        let (text, Tokens { prompt, completion }) =
            parse::reply(resp).map_err(|e| Error::Engine(format!("model endpoint {}: {e}", self.client.endpoint.display)))?;
        if fresh {
            self.prompt.fetch_add(prompt, Ordering::Relaxed);
            self.completion.fetch_add(completion, Ordering::Relaxed);
        } else {
            self.bar.inc(0);
        }
        self.bar.inc(1);
        self.bar.set_message(format!(
            "{} tokens · {} cached · {} retries",
            self.prompt.load(Ordering::Relaxed) + self.completion.load(Ordering::Relaxed),
            self.cached.load(Ordering::Relaxed),
            self.client.retries.load(Ordering::Relaxed)
        ));
        Ok(text)
    }

    /// Asks, parses, and on a parse failure asks once more quoting the error.
    async fn parsed<T>(&self, r: &Request, parse: impl Fn(&str) -> std::result::Result<T, String>) -> Result<T> {
        let first = self.answer(r).await?;
        let err = match parse(&first) {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let mut repair = r.clone();
        repair.messages.push(Message { role: "assistant".into(), content: first });
        repair.messages.push(Message {
            role: "user".into(),
            content: format!("Your answer could not be used: {err}. Reply with only the corrected JSON object, nothing else."),
        });
        let second = self.answer(&repair).await?;
        parse(&second)
            .map_err(|e| Error::Engine(format!("the model's output was still invalid after one repair request ({}): {e}", r.template)))
    }
}

/// The estimated cost of a plan in USD (input at the full prompt, output at the maximum),
/// or None when the model has no known price.
pub fn estimate(s: &Settings, p: &Plan) -> Option<f64> {
    let price = s.prices.get(&s.model)?;
    let requests: Vec<&Request> = p.single.iter().chain(p.map.iter()).collect();
    let (mut input, mut output) = (0u64, 0u64);
    for r in &requests {
        input += prompt_tokens(s, r);
        output += r.max_output_tokens;
    }
    if p.single.is_none() {
        // The reduce request reads the map answers and writes one report.
        input += p.map.iter().map(|r| r.max_output_tokens).sum::<u64>() + 2000;
        output += 4000;
    }
    Some((input as f64 * price.input + output as f64 * price.output) / 1e6)
}

/// What running a task gives back.
pub struct Ran<R> {
    pub report: R,
    pub usage: Usage,
    /// "summarize@1 sha256:…" (and the map template when map-reduce ran).
    pub template: String,
    /// The map answers with the document each came from, in plan order.
    pub extracted: Vec<(usize, Value)>,
}

impl<R> Ran<R> {
    /// The same run with its report converted (into `Report`, say).
    pub fn map<S>(self, f: impl FnOnce(R) -> S) -> Ran<S> {
        Ran { report: f(self.report), usage: self.usage, template: self.template, extracted: self.extracted }
    }
}

/// What a command gets from the llm engine: with `--dry-run` the plan it would send,
/// otherwise the answer.
pub enum Step<T> {
    Planned(Plan),
    Done(T),
}

impl<T> Step<T> {
    /// The same step with its answer converted; a plan passes through.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Step<U> {
        match self {
            Step::Planned(p) => Step::Planned(p),
            Step::Done(t) => Step::Done(f(t)),
        }
    }
}

/// Plans a task (`--dry-run`) or runs it: the one entry every command uses, so a task is
/// built once for both.
pub fn step<R>(s: &Settings, registry: &Registry, docs: &[Document], task: &Task<R>) -> Result<Step<Ran<R>>> {
    if s.dry_run {
        return plan(s, registry, docs, task).map(Step::Planned);
    }
    run(s, registry, docs, task).map(Step::Done)
}

/// Runs any command's task: plan, check the cost, send (map step concurrently), parse
/// and repair, and return the report with usage and the templates that produced it.
pub fn run<R>(s: &Settings, registry: &Registry, docs: &[Document], task: &Task<R>) -> Result<Ran<R>> {
    let p = plan(s, registry, docs, task)?;
    match (estimate(s, &p), s.max_cost) {
        (Some(cost), Some(max)) if cost > max => {
            return Err(Error::Usage(format!("estimated cost ${cost:.4} is above --max-cost ${max:.4}; nothing was sent (see --dry-run)")));
        }
        (None, Some(_)) => crate::diag::warn(&s.model, "no price known for this model, so --max-cost cannot be checked"),
        _ => {}
    }
    let bar = progress(s, p.map.len() as u64 + 1);
    let run = Run {
        s,
        client: Client::new(s)?,
        cache: Cache::new(s.cache_dir.clone(), s.no_cache),
        mode: AtomicU8::new(SCHEMA),
        requests: AtomicU64::new(0),
        cached: AtomicU64::new(0),
        prompt: AtomicU64::new(0),
        completion: AtomicU64::new(0),
        bar,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Engine(format!("cannot start the async runtime: {e}")))?;
    let (report, template, extracted) = runtime.block_on(async {
        match &p.single {
            Some(r) => Ok::<_, Error>((run.parsed(r, task.parse).await?, r.template.clone(), Vec::new())),
            None => {
                let answers: Vec<Result<Value>> =
                    stream::iter(p.map.iter()).map(|r| run.parsed(r, task.map_parse)).buffered(s.concurrency.max(1)).collect().await;
                let extracted: Vec<Value> = answers.into_iter().collect::<Result<_>>()?;
                let facts = json!({"extracted": extracted, "prepass": (task.facts)(None)});
                let mut reduce = super::request(registry.get(task.template)?, &task.data(json!([]), facts))?;
                reduce.schema = (!task.schema.is_null()).then(|| task.schema.clone());
                let map_id = p.map.first().map(|m| m.template.clone()).unwrap_or_default();
                let docs_of = p.map.iter().map(|m| m.doc.unwrap_or(0));
                Ok((run.parsed(&reduce, task.parse).await?, format!("{} + {map_id}", reduce.template), docs_of.zip(extracted).collect()))
            }
        }
    })?;
    run.bar.finish_and_clear();
    let (prompt, completion) = (run.prompt.load(Ordering::Relaxed), run.completion.load(Ordering::Relaxed));
    let cost_usd = s.prices.get(&s.model).map_or(0.0, |pr| (prompt as f64 * pr.input + completion as f64 * pr.output) / 1e6);
    let usage = Usage {
        prompt_tokens: prompt,
        completion_tokens: completion,
        requests: run.requests.load(Ordering::Relaxed),
        cached: run.cached.load(Ordering::Relaxed),
        cost_usd,
    };
    Ok(Ran { report, usage, template, extracted })
}

/// A progress bar on stderr, hidden when stderr is not a terminal or with `-q`.
fn progress(s: &Settings, total: u64) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if s.quiet || !std::io::stderr().is_terminal() || total <= 1 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} requests · {msg}") {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(template: &str) -> Request {
        Request {
            template: template.into(),
            messages: vec![
                Message { role: "system".into(), content: "rules".into() },
                Message { role: "user".into(), content: "docs".into() },
            ],
            max_output_tokens: 4000,
            temperature: 0.2,
            schema: template.starts_with("summarize@").then(crate::llm::summarize::schema),
            doc: None,
        }
    }

    #[test]
    fn builds_a_chat_completions_body() {
        let hosted = Settings::default();
        let b = body(&hosted, &request("summarize@1 sha256:x"), SCHEMA).unwrap();
        assert_eq!(b["model"], "gpt-4o-mini");
        assert_eq!(b["messages"][0]["role"], "system");
        assert_eq!(b["messages"][1]["content"], "docs");
        assert_eq!(b["response_format"]["type"], "json_schema");
        assert_eq!(b["response_format"]["json_schema"]["schema"]["required"][0], "priorities");
        assert_eq!(b["max_completion_tokens"], 4000);
        let local = Settings { base_url: Some("http://127.0.0.1:8000/v1".into()), ..Settings::default() };
        let b = body(&local, &request("summarize-map@1 sha256:x"), SCHEMA).unwrap();
        assert_eq!(b["response_format"]["type"], "json_object", "map answers have no report schema");
        assert_eq!(b["max_tokens"], 4000);
        assert!(b.get("max_completion_tokens").is_none());
        assert!(body(&local, &request("summarize@1"), PLAIN).unwrap().get("response_format").is_none());
    }
}
