//! `scope summarize` on the bundled fixtures: the golden report, the JSON contract, every
//! planted conflict and dependency from `tests/expected/updates.toml`, no noise, and the
//! flags that narrow the report.

mod common;
use common::*;
use serde_json::Value;

const FIXTURES: &str = "fixtures/updates";

fn fixture_files() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join(FIXTURES))
        .unwrap()
        .map(|e| format!("{FIXTURES}/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".md"))
        .collect();
    v.sort();
    v
}

fn report_json(extra: &[&str]) -> Value {
    let h = home();
    let out = stdout_of(scope(&h).arg("summarize").args(fixture_files()).args(["--format", "json"]).args(extra));
    serde_json::from_str(&out).unwrap()
}

fn expected() -> toml::Table {
    toml::from_str(&std::fs::read_to_string(root().join("tests/expected/updates.toml")).unwrap()).unwrap()
}

/// Whether any evidence item cites `file` within `slack` lines of `line`.
fn cites(evidence: &Value, file: &str, line: i64, slack: i64) -> bool {
    evidence
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["file"].as_str().unwrap().ends_with(file) && (e["line"].as_i64().unwrap() - line).abs() <= slack)
}

#[test]
fn golden_markdown_report() {
    let h = home();
    let md = stdout_of(scope(&h).arg("summarize").args(fixture_files()));
    insta::assert_snapshot!("fixtures_updates_report", md);
}

#[test]
fn json_follows_the_contract_and_every_citation_verifies() {
    let r = report_json(&[]);
    for key in ["command", "documents", "priorities", "conflicts", "dependencies", "changes", "gaps", "citations", "provenance"] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    assert_eq!(r["command"], "summarize");
    assert_eq!(r["documents"].as_array().unwrap().len(), 5);
    let p = &r["priorities"][0];
    for key in ["rank", "title", "detail", "evidence"] {
        assert!(p.get(key).is_some(), "priority missing {key}");
    }
    let d = &r["dependencies"][0];
    for key in ["dependent", "depends_on", "deliverable", "due", "evidence"] {
        assert!(d.get(key).is_some(), "dependency missing {key}");
    }
    let e = &p["evidence"][0];
    for key in ["file", "line", "quote", "verified"] {
        assert!(e.get(key).is_some(), "evidence missing {key}");
    }
    let (total, verified) = (r["citations"]["total"].as_u64().unwrap(), r["citations"]["verified"].as_u64().unwrap());
    assert!(total > 30);
    assert_eq!(total, verified, "every citation verifies on the fixtures");
    assert_eq!(r["provenance"]["engine"], "offline");
    assert_eq!(r["provenance"]["inputs"].as_array().unwrap().len(), 5);
    assert_eq!(r["provenance"]["generated_at"], "1970-01-01T00:00:00Z");
}

#[test]
fn finds_every_planted_conflict() {
    let r = report_json(&[]);
    let conflicts = r["conflicts"].as_array().unwrap();
    for c in expected()["conflict"].as_array().unwrap() {
        let kind = c["kind"].as_str().unwrap();
        let sides = c["sides"].as_array().unwrap();
        let need = if kind == "silent-drop" { 1 } else { 2 };
        let found = conflicts.iter().any(|rc| {
            rc["kind"] == kind
                && sides.iter().filter(|s| cites(&rc["evidence"], s["file"].as_str().unwrap(), s["line"].as_integer_like(), 2)).count()
                    >= need
        });
        assert!(found, "planted {kind} not found: {}", c["topic"]);
    }
}

#[test]
fn finds_every_planted_dependency_with_its_date() {
    let r = report_json(&[]);
    let deps = r["dependencies"].as_array().unwrap();
    for d in expected()["dependency"].as_array().unwrap() {
        let (file, line) = (d["file"].as_str().unwrap(), d["line"].as_integer_like());
        let hit = deps.iter().find(|rd| cites(&rd["evidence"], file, line, 1));
        let hit = hit.unwrap_or_else(|| panic!("dependency at {file}:{line} not found"));
        let due = d["due"].as_str().unwrap();
        if !due.is_empty() {
            let got = hit["due"].as_str().unwrap_or("");
            assert!(
                got.contains(due) || got.split("..").any(|x| x <= due) && got.split("..").last().unwrap() >= due,
                "{file}:{line}: due {got} should cover {due}"
            );
        }
    }
}

#[test]
fn ranks_the_expected_priorities_and_no_noise() {
    let r = report_json(&[]);
    let prios = r["priorities"].as_array().unwrap();
    let top: Vec<&Value> = prios.iter().take(7).collect();
    for p in expected()["priority"].as_array().unwrap() {
        let (file, line) = (p["file"].as_str().unwrap(), p["line"].as_integer_like());
        assert!(top.iter().any(|tp| cites(&tp["evidence"], file, line, 1)), "expected priority {} in the top 7", p["title"]);
    }
    for n in expected()["noise"].as_array().unwrap() {
        let (file, line) = (n["file"].as_str().unwrap(), n["line"].as_integer_like());
        assert!(!prios.iter().any(|p| cites(&p["evidence"], file, line, 0)), "noise at {file}:{line} came out as a priority");
    }
}

#[test]
fn focus_narrows_to_an_area() {
    let r = report_json(&["--focus", "feature store"]);
    assert_eq!(r["focus"], "feature store");
    let first = r["priorities"][0]["title"].as_str().unwrap().to_lowercase();
    assert!(first.contains("feature store"), "{first}");
    for c in r["conflicts"].as_array().unwrap() {
        let text = c["evidence"].to_string().to_lowercase();
        assert!(text.contains("feature") || text.contains("store") || text.contains("v1"), "off-focus conflict: {}", c["description"]);
    }
    assert!(r["conflicts"].as_array().unwrap().len() < report_json(&[])["conflicts"].as_array().unwrap().len());
}

#[test]
fn last_keeps_the_most_recent_updates() {
    let r = report_json(&["--last", "2"]);
    let dates: Vec<&str> = r["documents"].as_array().unwrap().iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-10-20", "2026-11-10"]);
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let h = home();
    let a = stdout_of(scope(&h).arg("summarize").args(fixture_files()));
    let b = stdout_of(scope(&h).arg("summarize").args(fixture_files().into_iter().rev()));
    assert_eq!(a, b, "input order does not change the report");
}

#[test]
fn out_writes_atomically_and_a_failed_write_keeps_the_old_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.md");
    let h = home();
    scope(&h).arg("summarize").args(fixture_files()).arg("-o").arg(&report).assert().success().stdout("");
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.starts_with("---\ntool: scope ") && text.contains("## Conflicts"));
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temp files left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&report).unwrap().permissions().mode() & 0o777, 0o644, "an ordinary file, not a private temp file");
    }
    let out = scope(&h).arg("summarize").args(fixture_files()).arg("-o").arg(dir.path().join("missing/dir/r.md")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing/dir/r.md"), "{err}");
    assert_eq!(err.matches("No such file").count(), 1, "the cause is said once: {err}");
}

#[test]
fn zero_counts_are_usage_errors() {
    let h = home();
    for flag in ["--last", "--top"] {
        let out = scope(&h).arg("summarize").args(fixture_files()).args([flag, "0"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag} 0");
    }
}

#[test]
fn auto_engine_says_once_that_it_runs_offline() {
    let h = home();
    let out = scope(&h).arg("summarize").args(fixture_files()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("engine: offline").count(), 1, "{err}");
    let out = scope(&h).arg("summarize").args(fixture_files()).arg("-q").output().unwrap();
    assert!(out.stderr.is_empty());
}

trait IntegerLike {
    fn as_integer_like(&self) -> i64;
}

impl IntegerLike for toml::Value {
    fn as_integer_like(&self) -> i64 {
        self.as_integer().expect("integer")
    }
}
