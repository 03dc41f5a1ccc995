//! `scope tradeoffs` (alias `compare`): the golden side-by-side report, every labelled team
//! dependency and approval in `tests/expected/designs.toml` found and none the designs say
//! they do not need, silent dimensions reported as "not stated", competitions, citations,
//! bad input, and the llm engine on loopback.

mod common;
use common::*;
use serde_json::{Value, json};
use wiremock::matchers::{body_string_contains, method};
use wiremock::{Mock, MockServer};

fn set(name: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("fixtures/designs").join(name))
        .unwrap()
        .map(|e| format!("fixtures/designs/{name}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    v.sort();
    v
}

fn report(name: &str) -> Value {
    let h = home();
    serde_json::from_str(&stdout_of(scope(&h).arg("tradeoffs").args(set(name)).args(["--format", "json"]))).expect("json")
}

fn labels() -> toml::Value {
    toml::from_str(&std::fs::read_to_string(root().join("tests/expected/designs.toml")).unwrap()).unwrap()
}

fn names(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap().to_lowercase()).collect()
}

fn strs(v: &toml::Value, key: &str) -> Vec<String> {
    v.get(key).and_then(|x| x.as_array()).map(|a| a.iter().map(|s| s.as_str().unwrap().to_lowercase()).collect()).unwrap_or_default()
}

#[test]
fn golden_side_by_side_report() {
    let h = home();
    let out = stdout_of(scope(&h).arg("tradeoffs").args(set("ml-serving")));
    insta::assert_snapshot!("fixtures_designs_ml_serving", out);
}

#[test]
fn teams_and_approvals_are_found_and_nothing_is_invented() {
    for name in ["ml-serving", "event-bus"] {
        let r = report(name);
        for want in labels()["design"].as_array().unwrap().iter().filter(|d| d["file"].as_str().unwrap().starts_with(name)) {
            let file = want["file"].as_str().unwrap();
            let got = r["designs"].as_array().unwrap().iter().find(|d| d["file"].as_str().unwrap().ends_with(file)).unwrap();
            let (teams, approvals) = (names(&got["team_dependencies"]), names(&got["approvals"]));
            let has =
                |list: &[String], n: &str| list.iter().any(|x| x == n || x.contains(&format!("({n})")) || n.contains(&format!("({x})")));
            for t in strs(want, "team_dependencies") {
                assert!(has(&teams, &t), "{file}: team {t} missing from {teams:?}");
            }
            for a in strs(want, "approvals") {
                assert!(has(&approvals, &a), "{file}: approval {a} missing from {approvals:?}");
            }
            for t in strs(want, "not_dependencies") {
                assert!(!has(&teams, &t), "{file}: {t} is listed though the design says it is not needed");
            }
            for a in strs(want, "not_approvals") {
                assert!(!has(&approvals, &a), "{file}: {a} is listed though the design says it is not needed");
            }
            for dim in strs(want, "unstated") {
                assert_eq!(got["dimensions"][&dim]["assessment"], "not stated", "{file}: {dim} is silent in the design");
                assert!(got["dimensions"][&dim]["evidence"].as_array().unwrap().is_empty());
            }
            let rev = got["dimensions"]["reversibility"]["assessment"].as_str().unwrap();
            match want["reversibility"].as_str().unwrap() {
                "unstated" => assert_eq!(rev, "not stated", "{file}"),
                door => assert!(rev.starts_with(door), "{file}: {rev}"),
            }
        }
    }
}

#[test]
fn competition_for_the_same_team_or_approval() {
    for name in ["ml-serving", "event-bus"] {
        let r = report(name);
        for c in labels()["competition"].as_array().unwrap().iter().filter(|c| c["set"].as_str() == Some(name)) {
            let resource = c["resource"].as_str().unwrap().to_lowercase();
            let found = r["competition"].as_array().unwrap().iter().any(|x| {
                x["resource"].as_str().unwrap().to_lowercase() == resource
                    && c["files"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|f| x["designs"].as_array().unwrap().iter().any(|d| d.as_str().unwrap().ends_with(f.as_str().unwrap())))
            });
            assert!(found, "{name}: competition for {resource} not found");
        }
    }
}

#[test]
fn every_cell_is_cited_and_verified_and_a_recommendation_is_explained() {
    let r = report("ml-serving");
    for d in r["designs"].as_array().unwrap() {
        for (dim, a) in d["dimensions"].as_object().unwrap() {
            let stated = a["assessment"] != "not stated";
            assert_eq!(stated, !a["evidence"].as_array().unwrap().is_empty(), "{} {dim}", d["file"]);
        }
    }
    assert_eq!(r["citations"]["total"], r["citations"]["verified"]);
    let rec = &r["recommendation"];
    assert!(r["designs"].as_array().unwrap().iter().any(|d| d["file"] == rec["choice"]));
    assert_eq!(rec["scoring"].as_array().unwrap().len(), 3, "the score of every option is explained");
    assert!(!rec["conditions"].as_array().unwrap().is_empty());
    assert!(r["tradeoffs"].as_array().unwrap().iter().any(|t| t["kind"] == "organisational"));
}

#[test]
fn compare_is_an_alias_and_one_design_is_a_usage_error() {
    let h = home();
    let a = stdout_of(scope(&h).arg("compare").args(set("event-bus")));
    let b = stdout_of(scope(&h).arg("tradeoffs").args(set("event-bus").into_iter().rev()));
    assert_eq!(a, b, "the same report whatever the order of the inputs");
    let out = scope(&h).args(["tradeoffs", "fixtures/designs/event-bus/a-kafka-self-hosted.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("two or more designs"));
}

// ---- llm engine ----------------------------------------------------------------------

const A: &str = "fixtures/designs/event-bus/a-kafka-self-hosted.md";
const B: &str = "fixtures/designs/event-bus/c-postgres-outbox.md";

fn answer(choice: &str) -> String {
    let ev = |f: &str, line: u64, q: &str| json!([{"file": f, "line": line, "quote": q}]);
    json!({
        "designs": [
            {"file": A, "title": "Self-hosted Kafka", "summary": "Kafka on our clusters",
             "team_dependencies": [], "approvals": [{"name": "Architecture Review Board", "evidence": ev(A, 6, "approvers = [\"Lucia Romero\", \"Architecture Review Board\"]")}],
             "not_needed": [], "risks": [],
             "dimensions": {"reversibility": {"assessment": "two-way door", "evidence": ev(A, 100, "This is a two-way door.")}}},
            {"file": B, "title": "Postgres outbox", "team_dependencies": [], "approvals": [], "dimensions": {}}
        ],
        "tradeoffs": [{"kind": "technical", "description": "Kafka is reversible", "favours": A, "evidence": ev(A, 100, "This is a two-way door.")}],
        "recommendation": {"choice": choice, "conditions": ["if the ARB approves"], "evidence": ev(A, 100, "This is a two-way door.")}
    })
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn llm_engine_returns_the_same_report_and_repairs_a_bad_choice() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("could not be used"))
        .respond_with(completion(&answer(A)))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(completion(&answer("option-d.md"))).with_priority(2).mount(&server).await;
    let out = scope_llm(server.uri(), vec!["tradeoffs", A, B]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = server.received_requests().await.unwrap();
    assert_eq!(got.len(), 2, "one request, one repair");
    let first = String::from_utf8_lossy(&got[0].body).into_owned();
    assert!(first.contains("tradeoffs") && first.contains("json_schema") && first.contains("not stated"));
    assert!(String::from_utf8_lossy(&got[1].body).contains("option-d.md"), "the repair quotes the error");
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["recommendation"]["choice"], A);
    assert_eq!(
        r["designs"][1]["dimensions"]["cost"]["assessment"], "not stated",
        "a dimension the model left out is not stated, not guessed"
    );
    assert_eq!(r["citations"]["total"], r["citations"]["verified"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"provenance\""));
}
