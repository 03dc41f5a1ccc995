//! The template registry: released versions are locked, user folders add and override,
//! pins choose versions, rendering is strict, and `--dry-run` shows the exact requests.

mod common;
use common::*;
use sha2::{Digest, Sha256};

#[test]
fn released_prompts_match_the_lock() {
    let lock = std::fs::read_to_string(root().join("prompts/prompts.lock")).unwrap();
    let entries = scope::template::lock_entries(&lock);
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("prompts")).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".prompt")) else { continue };
        let (base, version) = name.rsplit_once(".v").expect("NAME.vN.prompt");
        let id = format!("{base}@{version}");
        let hash: String = Sha256::digest(std::fs::read(&path).unwrap()).iter().map(|b| format!("{b:02x}")).collect();
        let locked = entries.get(&id).unwrap_or_else(|| panic!("{id} is not in prompts/prompts.lock"));
        assert_eq!(locked, &hash, "{id} changed after release: add a new version instead of editing it");
        seen += 1;
    }
    assert_eq!(seen, entries.len(), "every lock entry names an existing prompt file");
    assert!(seen >= 1);
}

#[test]
fn list_and_show_the_built_in_templates() {
    let h = home();
    let list = stdout_of(scope(&h).args(["prompts", "list"]));
    assert!(list.contains("| summarize@1 | ") && list.contains("built-in"), "{list}");
    let raw = stdout_of(scope(&h).args(["prompts", "show", "summarize@1"]));
    assert!(raw.starts_with("---\nname: summarize\nversion: 1\n"));
    let rendered = stdout_of(scope(&h).args(["prompts", "show", "summarize", "fixtures/updates/2026-09-serving-update.md"]));
    assert!(rendered.contains("--- system (") && rendered.contains("L16: "), "rendered messages carry line numbers");
    let out = scope(&h).args(["prompts", "show", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown template nope"));
}

fn user_prompts(body: &str) -> tempfile::TempDir {
    let v2 = format!("---\nname: summarize\nversion: 2\ndescription: shorter\n---\n{body}");
    folder(&[
        ("summarize.v2.prompt", v2.as_bytes()),
        ("layouts/summarize.hbs", b"CUSTOM {{m.count}} {{#each r.priorities}}[{{title}}]{{/each}}\n"),
    ])
}

#[test]
fn a_user_folder_adds_versions_overrides_layouts_and_pins_work() {
    let dir = user_prompts("{{role \"system\"}}Be brief.{{role \"user\"}}{{#each documents}}{{path}}{{/each}}");
    let h = home();
    let p = dir.path().to_str().unwrap();
    let list = stdout_of(scope(&h).args(["prompts", "list", "--prompts", p]));
    assert!(list.contains("summarize@1") && list.contains("summarize@2"));
    let dry = stdout_of(scope(&h).args(["summarize", "fixtures/updates/2026-09-serving-update.md", "--dry-run", "--prompts", p]));
    assert!(dry.contains("template summarize@2") && dry.contains("Be brief."));
    let pinned = stdout_of(scope(&h).args([
        "summarize",
        "fixtures/updates/2026-09-serving-update.md",
        "--dry-run",
        "--prompts",
        p,
        "--prompt",
        "summarize@1",
    ]));
    assert!(pinned.contains("template summarize@1"));
    let md = stdout_of(scope(&h).args(["summarize", "fixtures/updates/2026-09-serving-update.md", "--prompts", p]));
    assert!(md.contains("CUSTOM 1 [") && md.contains("layout: \"summarize.hbs sha256:"), "{md}");
    let diff = stdout_of(scope(&h).args(["prompts", "diff", "summarize@1", "summarize@2", "--prompts", p]));
    assert!(diff.contains("--- summarize@1") && diff.contains("+version: 2"));
}

#[test]
fn an_undefined_variable_is_an_error_naming_template_and_variable() {
    let dir = user_prompts("{{role \"user\"}}{{team_name}}");
    let h = home();
    let out = scope(&h)
        .args(["summarize", "fixtures/updates/2026-09-serving-update.md", "--dry-run", "--prompts"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("template summarize@2: undefined variable `team_name`"), "{err}");
}

#[test]
fn a_misnamed_template_file_is_rejected() {
    let dir = folder(&[("summary.v1.prompt", b"---\nname: summarize\nversion: 3\n---\nx")]);
    let h = home();
    let out = scope(&h).args(["prompts", "list", "--prompts"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("must be named summarize.v3.prompt"));
}

#[test]
fn dry_run_shows_messages_tokens_and_cost_and_writes_no_report() {
    let h = home();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.md");
    let out = stdout_of(scope(&h).args(["summarize", "fixtures/updates/2026-09-serving-update.md", "--dry-run", "-o"]).arg(&report));
    assert!(out.contains("=== request 1/1 — model gpt-4o-mini, template summarize@1 sha256:"));
    assert!(out.contains("--- system (") && out.contains("--- user ("));
    assert!(out.contains("<document path=\"fixtures/updates/2026-09-serving-update.md\""));
    assert!(out.contains("estimated cost at most $"));
    let tokens: u64 = out
        .split(", ")
        .find(|p| p.ends_with(" prompt tokens"))
        .unwrap()
        .trim_end_matches(" prompt tokens")
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1500..20000).contains(&tokens), "{tokens}");
    assert!(!report.exists());
    let unknown =
        stdout_of(scope(&h).args(["summarize", "fixtures/updates/2026-09-serving-update.md", "--dry-run", "--model", "llama3.1:8b"]));
    assert!(unknown.contains("no price known for llama3.1:8b"));
}

#[test]
fn an_explicit_llm_engine_without_an_endpoint_is_a_usage_error() {
    let h = home();
    let out = scope(&h).args(["summarize", "fixtures/updates/2026-09-serving-update.md", "--engine", "llm"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the llm engine needs an endpoint"));
}
