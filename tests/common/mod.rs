//! Shared helpers: run the real `scope` binary with a clean environment (no user config,
//! no model keys, a fixed timestamp) so tests see what a new user sees.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository root (tests run the binary from here so paths read `fixtures/…`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `scope` with an isolated HOME, no OpenAI/SCOPE variables and SOURCE_DATE_EPOCH=0.
pub fn scope_in(dir: &Path, home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("scope").expect("binary built");
    cmd.current_dir(dir).env_clear().env("HOME", home).env("PATH", std::env::var("PATH").unwrap_or_default()).env("SOURCE_DATE_EPOCH", "0");
    cmd
}

/// `scope` run from the repository root.
pub fn scope(home: &tempfile::TempDir) -> Command {
    scope_in(&root(), home.path())
}

/// A temp dir for HOME.
pub fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// Writes `files` (name, bytes) into a fresh temp dir.
pub fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    dir
}

/// stdout of a successful run, as text.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "scope failed: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A small valid update.
pub const UPDATE: &str = "---\ntitle: Serving update\ndate: 2026-10-01\nauthor: Priya\n---\n# Serving update\n\n## Priorities\n\n1. **P0 — Double GPU capacity for online inference in Q4.**\n2. **P1 — Shadow canaries** GA by Nov 20.\n\nWe are blocked on the Feature Store team for the online read API, needed by 2026-10-15.\n";

/// A chat-completions response whose assistant message is `content`.
pub fn completion(content: &str) -> wiremock::ResponseTemplate {
    wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1763800000, "model": "gpt-4o-mini",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200}
    }))
}

/// `scope ARGS --engine llm --format json` against a loopback model server, run off the
/// async runtime, with a private cache.
pub async fn scope_llm(server_uri: String, args: Vec<&'static str>) -> std::process::Output {
    tokio::task::spawn_blocking(move || {
        let h = home();
        let cache = tempfile::tempdir().expect("tempdir");
        scope(&h)
            .args(&args)
            .args(["--engine", "llm", "--format", "json"])
            .env("OPENAI_BASE_URL", format!("{server_uri}/v1"))
            .env("SCOPE_CACHE_DIR", cache.path())
            .output()
            .expect("runs")
    })
    .await
    .expect("joined")
}
