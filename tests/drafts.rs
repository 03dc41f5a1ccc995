//! The drafting commands: `prioritize`, `propose`, `mock-sev` and `run` — golden reports
//! on the fixtures, the behaviour a lead relies on (given numbers kept, placeholders where
//! the context is silent, the same seed the same drill, user templates validated against
//! their schema), and each on the llm engine against a chat-completions server on loopback.

mod common;
use common::*;
use serde_json::{Value, json};
use wiremock::matchers::{body_string_contains, method};
use wiremock::{Mock, MockServer};

fn json_of(args: &[&str]) -> Value {
    let h = home();
    serde_json::from_str(&stdout_of(scope(&h).args(args).args(["--format", "json"]))).expect("json")
}

#[test]
fn golden_drafts() {
    let h = home();
    let p = stdout_of(scope(&h).args(["prioritize", "fixtures/work/q1-candidates.md"]));
    insta::assert_snapshot!("prioritize_q1", p);
    let a = stdout_of(scope(&h).args([
        "propose",
        "--context",
        "fixtures/context/serving-latency-notes.md",
        "--var",
        "title=Move online inference off hand-managed GPU hosts",
    ]));
    insta::assert_snapshot!("propose_alignment", a);
    let d = stdout_of(scope(&h).args([
        "mock-sev",
        "--from",
        "fixtures/postmortems",
        "--system",
        "fixtures/designs/ml-serving/a-managed-vertex.md",
        "--level",
        "IC6",
        "--seed",
        "7",
    ]));
    insta::assert_snapshot!("mock_sev_ic6_seed7", d);
}

#[test]
fn prioritize_keeps_given_numbers_and_explains_estimates() {
    let r = json_of(&["prioritize", "fixtures/work/q1-candidates.md", "--max-p0", "2"]);
    let items = r["items"].as_array().unwrap();
    let staged = items.iter().find(|i| i["title"].as_str().unwrap().starts_with("Staged config")).unwrap();
    assert_eq!(
        staged["rice"],
        json!({"reach": 40000.0, "impact": 3.0, "confidence": 0.8, "effort": 2.0, "score": 48000.0}),
        "given numbers exactly as given"
    );
    assert_eq!(staged["estimated"], json!(["ease"]), "only the ICE ease, derived from the given effort, is not given");
    let cert = items.iter().find(|i| i["title"].as_str().unwrap().starts_with("Certificate")).unwrap();
    assert_eq!(cert["rice"]["impact"], 2.0, "the given impact is kept");
    assert!(cert["estimated"].as_array().unwrap().iter().any(|f| f == "effort"));
    assert!(cert["reasons"].as_array().unwrap().iter().any(|r| r.as_str().unwrap().contains("Quick win")), "the reason quotes the item");
    assert_eq!(items.iter().filter(|i| i["p0"] == true).count(), 2, "--max-p0 caps the P0 list");
    // Best first: P0 items, then by quadrant, then by RICE.
    let q = |i: &Value| ["do", "schedule", "delegate", "eliminate"].iter().position(|x| i["quadrant"] == *x).unwrap();
    let key = |i: &Value| (!i["p0"].as_bool().unwrap(), q(i), -i["rice"]["score"].as_f64().unwrap());
    assert!(items.windows(2).all(|w| key(&w[0]) <= key(&w[1])), "best first");
    assert_eq!(r["p0_count"], 2);
    let no: Vec<&str> = r["say_no"].as_array().unwrap().iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert!(no.contains(&"Dark mode for the merchant dashboard") && no.contains(&"Internal wiki cleanup"), "{no:?}");
    let csv = json_of(&["prioritize", "fixtures/work/backlog.csv"]);
    assert_eq!(csv["items"].as_array().unwrap().len(), 5, "CSV rows, quoted cells included");
    assert_eq!(csv["citations"]["total"], csv["citations"]["verified"]);
}

#[test]
fn prioritize_without_items_is_a_usage_error() {
    let h = home();
    let dir = folder(&[("notes.md", b"Just a paragraph of prose, no list and no table.\n")]);
    let out = scope_in(dir.path(), h.path()).args(["prioritize", "notes.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.md"));
}

#[test]
fn propose_cites_the_context_and_marks_what_it_does_not_say() {
    let r = json_of(&["propose", "--template", "status-update", "--context", "fixtures/context/weekly-status.md"]);
    let asks = r["sections"].as_array().unwrap().iter().find(|s| s["key"] == "asks").unwrap();
    assert!(asks["items"].as_array().unwrap().is_empty());
    assert!(asks["placeholder"].as_str().unwrap().starts_with("⟦TODO"));
    let blocked = r["sections"].as_array().unwrap().iter().find(|s| s["key"] == "problems").unwrap();
    assert!(blocked["items"][0]["text"].as_str().unwrap().contains("Waiting on Networking"));
    assert_eq!(r["citations"]["total"], r["citations"]["verified"]);
    let a = json_of(&[
        "propose",
        "--context",
        "fixtures/context/serving-latency-notes.md",
        "--var",
        "owner=Dana Lee",
        "--var",
        "risks=We have not load-tested option C.",
    ]);
    let raci = &a["raci"][0];
    assert_eq!(
        (raci["responsible"].as_str(), raci["accountable"].as_str()),
        (Some("Dana Lee"), Some("Helena Brandt")),
        "one R (the --var) and one A (from the context)"
    );
    let risks = a["sections"].as_array().unwrap().iter().find(|s| s["key"] == "risks").unwrap();
    assert_eq!(risks["items"][0]["text"], "We have not load-tested option C.", "a --var section is used as given");
    for t in ["alignment", "one-pager", "status-update"] {
        let h = home();
        stdout_of(scope(&h).args(["propose", "--template", t, "--context", "fixtures/context/weekly-status.md"]));
    }
    let h = home();
    let out = scope(&h).args(["propose", "--template", "nope", "--context", "fixtures/context/weekly-status.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn mock_sev_is_deterministic_per_seed_and_grows_with_level() {
    let args =
        |seed: &'static str, level: &'static str| vec!["mock-sev", "--from", "fixtures/postmortems", "--seed", seed, "--level", level];
    let a = json_of(&args("3", "IC4"));
    assert_eq!(a, json_of(&args("3", "IC4")), "same seed, same drill");
    let ic7 = json_of(&args("3", "IC7"));
    assert!(ic7["expected_actions"].as_array().unwrap().len() > a["expected_actions"].as_array().unwrap().len());
    assert!(ic7["expected_actions"].as_array().unwrap().iter().any(|x| x["level"] == "IC7"));
    let minutes: Vec<u64> = a["injects"].as_array().unwrap().iter().map(|i| i["minute"].as_u64().unwrap()).collect();
    assert!(minutes.windows(2).all(|w| w[0] <= w[1]) && minutes.len() >= 5);
    assert!(
        a["injects"].as_array().unwrap().iter().any(|i| i["kind"] == "clue" && !i["evidence"].as_array().unwrap().is_empty()),
        "the clue quotes a real postmortem"
    );
    let based: Vec<&str> = a["scenario"]["based_on"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(!based.is_empty() && based.iter().all(|f| f.starts_with("fixtures/postmortems/")));
    assert_eq!(a["citations"]["total"], a["citations"]["verified"]);
}

#[test]
fn run_dispatches_built_ins_offline_and_user_templates_need_a_model() {
    let h = home();
    let out = stdout_of(scope(&h).args(["run", "prioritize", "fixtures/work/backlog.csv"]));
    assert!(out.contains("# Prioritised work"));
    let out = scope(&h)
        .args(["run", "retro", "fixtures/retro/sprint-42.md", "--prompts", "fixtures/my-prompts", "--engine", "offline"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a model"));
    let dry = stdout_of(scope(&h).args([
        "run",
        "retro",
        "fixtures/retro/sprint-42.md",
        "--prompts",
        "fixtures/my-prompts",
        "--var",
        "team=ML Serving",
        "--dry-run",
    ]));
    assert!(dry.contains("template retro@1") && dry.contains("Team: ML Serving") && dry.contains("L5: - We lost a day"));
}

// ---- llm engine ----------------------------------------------------------------------

async fn llm(server: &MockServer, args: Vec<&'static str>) -> (Option<i32>, Value, String) {
    let out = scope_llm(server.uri(), args).await;
    (out.status.code(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn llm_prioritize_estimates_only_what_is_missing() {
    let server = MockServer::start().await;
    let answer = json!({"items": [
        {"title": "Staged config rollout with automatic rollback", "reach": 1, "impact": 0.25, "confidence": 0.1, "effort": 99, "urgent": true, "reasons": ["two SEV1s"]},
        {"title": "Rewrite the invoice generator in Rust", "reach": 500, "impact": 0.5, "confidence": 0.3, "effort": 9, "urgent": false, "reasons": ["no customer change"]}
    ]});
    Mock::given(method("POST")).respond_with(completion(&answer.to_string())).mount(&server).await;
    let (code, r, err) = llm(&server, vec!["prioritize", "fixtures/work/q1-candidates.md"]).await;
    assert_eq!(code, Some(0), "{err}");
    let staged = r["items"].as_array().unwrap().iter().find(|i| i["title"].as_str().unwrap().starts_with("Staged")).unwrap();
    assert_eq!(staged["rice"]["reach"], 40000.0, "a model never overrides a given number");
    assert_eq!(staged["quadrant"], "do", "urgency is the model's call");
    let rewrite = r["items"].as_array().unwrap().iter().find(|i| i["title"].as_str().unwrap().starts_with("Rewrite")).unwrap();
    assert_eq!(rewrite["rice"]["effort"], 9.0);
    assert!(rewrite["estimated"].as_array().unwrap().iter().any(|f| f == "effort"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn llm_propose_mock_sev_and_a_user_template() {
    let server = MockServer::start().await;
    let doc = "fixtures/context/weekly-status.md";
    let proposal = json!({"title": "Status", "sections": [
        {"key": "accomplishments", "items": [{"text": "Shipped the harness", "evidence": [{"file": doc, "line": 5, "quote": "Shipped the shadow-traffic harness"}]}]},
        {"key": "invented", "items": [{"text": "x", "evidence": []}]}
    ], "raci": []});
    let drill = json!({"level": "IC4", "scenario": {"title": "Retry storm drill", "based_on": []}, "premise": "p",
        "injects": [{"minute": 10, "kind": "clue", "signal": "b"}, {"minute": 0, "kind": "alert", "signal": "a"}],
        "expected_actions": [{"level": "IC5", "action": "command"}], "risks": [], "debrief": ["why?"]});
    let retro_bad = json!({"went_well": [{"text": "harness"}], "went_badly": [], "actions": []});
    let retro = json!({"went_well": [{"text": "harness shipped early", "evidence": [{"file": "fixtures/retro/sprint-42.md", "line": 3, "quote": "The shadow-traffic harness shipped two days early."}]}],
        "went_badly": [{"text": "flaky tests", "evidence": []}], "actions": [{"action": "quarantine flaky tests", "owner": "ML Serving"}]});
    Mock::given(method("POST"))
        .and(body_string_contains("5-15 status report"))
        .respond_with(completion(&proposal.to_string()))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(body_string_contains("wheel of misfortune"))
        .respond_with(completion(&drill.to_string()))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(body_string_contains("could not be used"))
        .respond_with(completion(&retro.to_string()))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(body_string_contains("retrospective"))
        .respond_with(completion(&retro_bad.to_string()))
        .with_priority(2)
        .mount(&server)
        .await;

    let (code, p, err) =
        llm(&server, vec!["propose", "--template", "status-update", "--context", "fixtures/context/weekly-status.md"]).await;
    assert_eq!(code, Some(0), "{err}");
    let keys: Vec<&str> = p["sections"].as_array().unwrap().iter().map(|s| s["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["accomplishments", "plans", "problems", "metrics", "asks"], "the template's sections, none invented");
    assert!(p["sections"][1]["placeholder"].as_str().unwrap().starts_with("⟦TODO"), "a section the model left empty is marked");
    assert_eq!(p["citations"]["verified"], 1);

    let (code, d, err) = llm(&server, vec!["mock-sev", "--from", "fixtures/postmortems", "--level", "IC4", "--seed", "9"]).await;
    assert_eq!(code, Some(0), "{err}");
    assert_eq!((d["level"].as_str(), d["seed"].as_u64(), d["injects"][0]["minute"].as_u64()), (Some("IC4"), Some(9), Some(0)));

    let (code, r, err) =
        llm(&server, vec!["run", "retro", "fixtures/retro/sprint-42.md", "--prompts", "fixtures/my-prompts", "--var", "team=ML Serving"])
            .await;
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(r["template"], "retro");
    assert_eq!(r["output"]["actions"][0]["owner"], "ML Serving", "the repaired answer, validated against the template's schema");
    assert_eq!(r["citations"], json!({"total": 1, "verified": 1}));
    let bodies: Vec<String> =
        server.received_requests().await.unwrap().iter().map(|q| String::from_utf8_lossy(&q.body).into_owned()).collect();
    assert!(
        bodies.iter().any(|b| b.contains("could not be used") && b.contains("missing") && b.contains("evidence")),
        "the repair names the schema error"
    );
}
