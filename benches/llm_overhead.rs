//! `cargo bench --bench llm_overhead [-- N CONCURRENCY DELAY_MS]`: the llm engine's own
//! overhead. N documents are summarised with a context window small enough to force one
//! map request per document, against a loopback chat-completions server (wiremock) that
//! answers every request after a fixed delay. The ideal wall time is
//! (ceil(N / concurrency) + 1) × delay — the map waves plus the reduce request; the
//! report prints the measured time and the ratio to that ideal.

use std::time::{Duration, Instant};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let n = *args.first().unwrap_or(&32) as usize;
    let concurrency = *args.get(1).unwrap_or(&4) as usize;
    let delay = Duration::from_millis(*args.get(2).unwrap_or(&200));

    let server_rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let server = server_rt.block_on(async {
        let server = MockServer::start().await;
        let body = serde_json::json!({
            "id": "x", "object": "chat.completion", "created": 0, "model": "bench",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "{\"facts\": [], \"priorities\": [], \"conflicts\": [], \"dependencies\": [], \"changes\": [], \"gaps\": []}"}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}
        });
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_json(body).set_delay(delay)).mount(&server).await;
        server
    });

    let dir = tempfile::tempdir().expect("tempdir");
    let mut docs = Vec::new();
    for i in 0..n {
        let text = format!(
            "# Team {i} update\n\n## Priorities\n\n1. P0 — Ship project {i} by Nov {}.\n2. P1 — Reduce cost {i}.\n\nWe are blocked on Platform for the quota API.\n",
            1 + i % 28
        );
        docs.push(scope::load::parse(format!("update-{i}.md"), text, String::new()));
    }
    scope::diag::set_quiet(true);
    let statements = scope::extract::statements(&docs, chrono::NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"));
    let facts = scope::extract::update::extract(&docs, &statements);
    let registry = scope::template::Registry::load(None, Default::default()).expect("templates");
    let mut s = scope::settings::Settings {
        base_url: Some(format!("{}/v1", server.uri())),
        concurrency,
        context_window: 2600,
        no_cache: true,
        quiet: true,
        api_key_env: "SCOPE_BENCH_NO_KEY".into(),
        cache_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    s.model = "bench".into();
    let dry = scope::settings::Settings { dry_run: true, ..s.clone() };
    let Ok(scope::llm::engine::Step::Planned(plan)) = scope::llm::summarize::llm(&dry, &registry, &docs, &facts, None) else {
        panic!("plan")
    };
    let requests = plan.map.len() + 1;
    let started = Instant::now();
    scope::llm::summarize::llm(&s, &registry, &docs, &facts, None).expect("llm run");
    let wall = started.elapsed();
    let ideal = delay * ((plan.map.len().div_ceil(concurrency) + 1) as u32);
    println!(
        "llm overhead: {n} documents, {requests} requests, concurrency {concurrency}, server delay {} ms: wall {:.0} ms, ideal {:.0} ms, ratio {:.3}",
        delay.as_millis(),
        wall.as_secs_f64() * 1000.0,
        ideal.as_secs_f64() * 1000.0,
        wall.as_secs_f64() / ideal.as_secs_f64()
    );
}
