//! `--strict`: a report whose citation does not verify against its source is still
//! written (so the user sees which claim failed), and the run exits 3.

use scope::document::Document;
use scope::report::{Evidence, Priority, Report, SummaryReport};
use scope::settings::{Engine, Settings};
use scope::template::Registry;

fn report(quote: &str) -> Report {
    Report::Summarize(SummaryReport {
        command: "summarize".into(),
        focus: None,
        documents: vec![],
        priorities: vec![Priority {
            rank: 1,
            title: "Billing rewrite".into(),
            detail: "P0".into(),
            score: 3.0,
            evidence: vec![Evidence { file: "a.md".into(), line: 3, quote: quote.into(), verified: false }],
        }],
        conflicts: vec![],
        dependencies: vec![],
        changes: vec![],
        gaps: vec![],
        citations: Default::default(),
    })
}

fn run(quote: &str, strict: bool) -> (Result<(), scope::ScopeError>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let docs: Vec<Document> = vec![scope::load::parse("a.md".into(), "# Plan\n\n- P0: ship the billing rewrite.\n".into(), String::new())];
    let s = Settings { strict, out: Some(out.clone()), format: scope::render::Format::Json, ..Settings::default() };
    let registry = Registry::load(None, Default::default()).unwrap();
    let result = scope::deliver(&s, &registry, &docs, report(quote), Engine::Offline, None);
    (result, std::fs::read_to_string(out).unwrap_or_default())
}

#[test]
fn a_false_quote_fails_strict_with_exit_3_after_writing_the_report() {
    let (result, written) = run("ship the search reranker", true);
    let err = result.expect_err("strict fails");
    assert_eq!(err.exit_code(), 3);
    assert!(err.to_string().contains("1 of 1 citations did not verify"));
    let r: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(r["priorities"][0]["evidence"][0]["verified"], false);
    assert_eq!(r["citations"]["verified"], 0);
}

#[test]
fn without_strict_the_unverified_claim_is_marked_not_fatal() {
    let (result, written) = run("ship the search reranker", false);
    assert!(result.is_ok());
    assert!(written.contains("\"verified\": false"));
}

#[test]
fn a_true_quote_passes_strict() {
    let (result, written) = run("P0: ship the billing rewrite", true);
    assert!(result.is_ok());
    assert!(written.contains("\"verified\": true"));
}
