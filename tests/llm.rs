//! The llm engine against a real HTTP server on loopback (wiremock) that speaks the
//! chat-completions protocol — including its failures. Nothing here touches the internet.

mod common;
use common::*;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const DOC: &str = "fixtures/updates/2026-11-10-vp-eng-update.md";
const KEY: &str = "sk-test-SECRET-5f1d2c";

/// A report a model could return for DOC, citing real lines.
fn report_json() -> String {
    json!({
        "command": "summarize",
        "priorities": [
            {"rank": 1, "title": "Holiday peak readiness", "detail": "P0", "evidence": [{"file": DOC, "line": 19, "quote": "P0 — Holiday peak readiness."}]},
            {"rank": 2, "title": "Feature store migration", "detail": "P0", "evidence": [{"file": DOC, "line": 23, "quote": "P0 — Finish the feature store migration."}]}
        ],
        "conflicts": [], "dependencies": [], "changes": [], "gaps": []
    })
    .to_string()
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `scope summarize` against `server` off the async runtime, with a private cache.
async fn run(server_uri: String, cache: std::path::PathBuf, extra_env: Vec<(&'static str, String)>, args: Vec<&'static str>) -> Run {
    tokio::task::spawn_blocking(move || {
        let h = home();
        let mut cmd = scope(&h);
        cmd.args(["summarize", DOC, "--engine", "llm", "--format", "json"]).args(&args);
        cmd.env("OPENAI_BASE_URL", format!("{server_uri}/v1")).env("SCOPE_CACHE_DIR", &cache).env("SCOPE_RETRY_BASE_MS", "10");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("runs");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into(),
            stderr: String::from_utf8_lossy(&out.stderr).into(),
        }
    })
    .await
    .expect("joined")
}

/// A server that answers `fault` the first `times` requests, then a valid report.
async fn fails_then_succeeds(fault: ResponseTemplate, times: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(fault).up_to_n_times(times).with_priority(1).mount(&server).await;
    Mock::given(method("POST")).respond_with(completion(&report_json())).mount(&server).await;
    server
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_run_returns_the_same_report_shape_with_verified_citations_and_usage() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(completion(&format!("```json\n{}\n```", report_json())))
        .mount(&server)
        .await;
    let cache = tempfile::tempdir().unwrap();
    let r = run(server.uri(), cache.path().into(), vec![], vec![]).await;
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["priorities"][0]["title"], "Holiday peak readiness");
    assert_eq!(v["citations"]["total"], 2);
    assert_eq!(v["citations"]["verified"], 2);
    assert!(v["provenance"]["engine"].as_str().unwrap().starts_with("llm (gpt-4o-mini @ http://127.0.0.1:"));
    assert!(v["provenance"]["template"].as_str().unwrap().starts_with("summarize@1 sha256:"));
    assert_eq!(v["provenance"]["usage"]["requests"], 1);
    assert_eq!(v["provenance"]["usage"]["prompt_tokens"], 1000);
    let sent: Value = serde_json::from_slice(&requests(&server).await[0].body).unwrap();
    assert_eq!(sent["model"], "gpt-4o-mini");
    assert_eq!(sent["response_format"]["type"], "json_schema");
    let user = sent["messages"][1]["content"].as_str().unwrap();
    assert!(user.contains(&format!("<document path=\"{DOC}\"")) && user.contains("L19: - **P0 — Holiday peak readiness.**"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_with_retry_after_is_waited_out_then_succeeds() {
    let server = fails_then_succeeds(ResponseTemplate::new(429).insert_header("Retry-After", "1"), 1).await;
    let cache = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let r = run(server.uri(), cache.path().into(), vec![], vec![]).await;
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(requests(&server).await.len(), 2);
    assert!(started.elapsed() >= Duration::from_millis(950), "Retry-After: 1 was honoured");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_500_is_retried_then_succeeds() {
    let server = fails_then_succeeds(ResponseTemplate::new(500).set_body_string("upstream hiccup"), 2).await;
    let cache = tempfile::tempdir().unwrap();
    let r = run(server.uri(), cache.path().into(), vec![], vec![]).await;
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_is_repaired_in_one_more_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("could not be used"))
        .respond_with(completion(&report_json()))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(completion("Sure! Here is the report: {\"priorities\": [")).mount(&server).await;
    let cache = tempfile::tempdir().unwrap();
    let r = run(server.uri(), cache.path().into(), vec![], vec![]).await;
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    let repair: Value = serde_json::from_slice(&sent[1].body).unwrap();
    let last = repair["messages"].as_array().unwrap().last().unwrap()["content"].as_str().unwrap().to_string();
    assert!(last.contains("could not be used: the answer's JSON object is not closed"), "the repair request quotes the error: {last}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn output_invalid_twice_fails_with_exit_1_and_a_clear_message() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(completion("{\"priorities\": [{\"rank\": \"first\"}]}")).mount(&server).await;
    let cache = tempfile::tempdir().unwrap();
    let r = run(server.uri(), cache.path().into(), vec![], vec![]).await;
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("still invalid after one repair") && r.stderr.contains("schema"), "{}", r.stderr);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_fails_with_exit_1_naming_the_endpoint_not_the_key() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let cache = tempfile::tempdir().unwrap();
    let r = run(
        format!("http://127.0.0.1:{port}"),
        cache.path().into(),
        vec![("OPENAI_API_KEY", KEY.into()), ("SCOPE_MAX_RETRIES", "1".into())],
        vec![],
    )
    .await;
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains(&format!("model endpoint http://127.0.0.1:{port}/v1")), "{}", r.stderr);
    assert!(!r.stderr.contains(KEY) && !r.stdout.contains(KEY));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_identical_rerun_is_served_from_the_cache_with_no_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(completion(&report_json())).expect(1).mount(&server).await;
    let cache = tempfile::tempdir().unwrap();
    let first = run(server.uri(), cache.path().into(), vec![], vec![]).await;
    let second = run(server.uri(), cache.path().into(), vec![], vec![]).await;
    assert_eq!((first.code, second.code), (Some(0), Some(0)));
    assert_eq!(first.stdout.split("\"provenance\"").next(), second.stdout.split("\"provenance\"").next(), "same report");
    let v: Value = serde_json::from_str(&second.stdout).unwrap();
    assert_eq!(v["provenance"]["usage"]["requests"], 0);
    assert_eq!(v["provenance"]["usage"]["cached"], 1);
    let nocache = run(server.uri(), cache.path().into(), vec![], vec!["--no-cache"]).await;
    assert_eq!(nocache.code, Some(0));
    assert_eq!(requests(&server).await.len(), 2, "--no-cache asks again");
    server.reset().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_context_window_maps_each_part_then_reduces() {
    let server = MockServer::start().await;
    let map_answer = json!({"facts": [{"kind": "priority", "summary": "Holiday peak readiness", "file": DOC, "line": 19, "quote": "P0 — Holiday peak readiness."}]}).to_string();
    Mock::given(method("POST"))
        .and(body_string_contains("You extract facts"))
        .respond_with(completion(&map_answer))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(completion(&report_json())).mount(&server).await;
    let cache = tempfile::tempdir().unwrap();
    let r = run(server.uri(), cache.path().into(), vec![("SCOPE_CONTEXT_WINDOW", "3500".into())], vec![]).await;
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let sent = requests(&server).await;
    let maps = sent.iter().filter(|q| String::from_utf8_lossy(&q.body).contains("You extract facts")).count();
    assert!(maps >= 2, "the document was split into {maps} map request(s)");
    assert_eq!(sent.len(), maps + 1, "then one reduce request");
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v["provenance"]["template"].as_str().unwrap().contains("summarize-map@1"));
    // Every line of the document reached some map request: nothing was truncated.
    let all: String = sent.iter().map(|q| String::from_utf8_lossy(&q.body).into_owned()).collect();
    let lines = std::fs::read_to_string(root().join(DOC)).unwrap().lines().count();
    for n in [1, lines / 2, lines] {
        assert!(all.contains(&format!("L{n}: ")), "line {n} was sent");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_is_sent_as_a_header_and_appears_nowhere_else() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .respond_with(completion(&report_json()))
        .mount(&server)
        .await;
    let cache = tempfile::tempdir().unwrap();
    let ok = run(server.uri(), cache.path().into(), vec![("OPENAI_API_KEY", KEY.into())], vec![]).await;
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_string("{\"error\":{\"message\":\"bad key\"}}"))
        .mount(&server)
        .await;
    let failed = run(server.uri(), cache.path().into(), vec![("OPENAI_API_KEY", KEY.into())], vec!["--no-cache"]).await;
    assert_eq!(failed.code, Some(1));
    assert!(failed.stderr.contains("HTTP 401"), "{}", failed.stderr);
    for text in [&ok.stdout, &ok.stderr, &failed.stdout, &failed.stderr] {
        assert!(!text.contains(KEY));
    }
    for entry in walk(cache.path()) {
        assert!(!std::fs::read_to_string(&entry).unwrap_or_default().contains(KEY), "{entry:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keyless_local_server_gets_no_authorization_header() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(completion(&report_json())).mount(&server).await;
    let cache = tempfile::tempdir().unwrap();
    let r = run(server.uri(), cache.path().into(), vec![], vec![]).await;
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(requests(&server).await[0].headers.get("authorization").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_cost_refuses_to_start_an_expensive_run() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(completion(&report_json())).expect(0).mount(&server).await;
    let cache = tempfile::tempdir().unwrap();
    let r = run(server.uri(), cache.path().into(), vec![], vec!["--max-cost", "0.000001"]).await;
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("above --max-cost") && r.stderr.contains("nothing was sent"), "{}", r.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_without_json_schema_support_gets_plain_json_mode() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("json_schema"))
        .respond_with(
            ResponseTemplate::new(400).set_body_string("{\"error\":{\"message\":\"response_format json_schema is not supported\"}}"),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(completion(&report_json())).mount(&server).await;
    let cache = tempfile::tempdir().unwrap();
    let r = run(server.uri(), cache.path().into(), vec![], vec![]).await;
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let sent = requests(&server).await;
    let second: Value = serde_json::from_slice(&sent[1].body).unwrap();
    assert_eq!(second["response_format"]["type"], "json_object");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_garbled_200_is_asked_once_more() {
    let server = fails_then_succeeds(ResponseTemplate::new(200).set_body_string("<html>gateway"), 1).await;
    let cache = tempfile::tempdir().unwrap();
    let r = run(server.uri(), cache.path().into(), vec![], vec![]).await;
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_response_slower_than_the_timeout_is_retried() {
    let server = fails_then_succeeds(completion(&report_json()).set_delay(Duration::from_secs(3)), 1).await;
    let cache = tempfile::tempdir().unwrap();
    let r = run(server.uri(), cache.path().into(), vec![("SCOPE_TIMEOUT", "1".into())], vec![]).await;
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(requests(&server).await.len(), 2);
}
