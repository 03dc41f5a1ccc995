//! The response cache: content-addressed by everything that decides an answer (endpoint,
//! model, template and its hash, the rendered messages, the parameters). Re-running on
//! unchanged inputs makes no request, and a run that died half-way resumes from the
//! answers it already has. Entries hold responses only — never a key or header.

use crate::load::hex;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// A folder of cached responses, or no cache at all (`--no-cache`).
pub struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// The cache folder: the configured one, else `$XDG_CACHE_HOME/scope`, else
    /// `~/.cache/scope`; none when disabled.
    pub fn new(configured: Option<PathBuf>, disabled: bool) -> Cache {
        if disabled {
            return Cache { dir: None };
        }
        let dir = configured
            .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("scope")))
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("scope")));
        Cache { dir }
    }

    /// The key of a request: SHA-256 of its canonical JSON (object keys sorted).
    pub fn key(request: &Value) -> String {
        hex(&Sha256::digest(request.to_string().as_bytes()))
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(&key[..2]).join(format!("{key}.json")))
    }

    /// A cached response body.
    pub fn get(&self, key: &str) -> Option<String> {
        std::fs::read_to_string(self.path(key)?).ok()
    }

    /// Stores a response body (atomically; a failure only costs a future request).
    pub fn put(&self, key: &str, body: &str) {
        let Some(path) = self.path(key) else { return };
        let Some(parent) = path.parent() else { return };
        if std::fs::create_dir_all(parent).is_err() {
            return;
        }
        if let Ok(mut tmp) = tempfile::NamedTempFile::new_in(parent) {
            use std::io::Write;
            if tmp.write_all(body.as_bytes()).is_ok() {
                let _ = tmp.persist(&path);
            }
        }
    }
}
