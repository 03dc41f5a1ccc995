//! Settings, resolved once from layered sources — built-in defaults, then
//! `~/.config/scope/config.toml`, then `./scope.toml`, then the environment (`SCOPE_*`,
//! `OPENAI_*`), then flags. The API key itself is never stored here: only the name of the
//! variable that holds it and whether it is set.

use crate::cli::{Cli, Common, EngineArg, FormatArg};
use crate::error::{Error, Result};
use crate::render::Format;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Which engine analyses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Offline,
    Llm,
}

/// Price per million tokens.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Price {
    pub input: f64,
    pub output: f64,
}

/// The config file format (every key optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub engine: Option<String>,
    /// "openai" (any compatible endpoint) or "azure".
    pub provider: Option<String>,
    pub azure_deployment: Option<String>,
    pub azure_api_version: Option<String>,
    pub model: Option<String>,
    pub base_url: Option<String>,
    pub api_key_env: Option<String>,
    pub concurrency: Option<usize>,
    pub timeout: Option<u64>,
    pub max_retries: Option<u32>,
    pub cache_dir: Option<PathBuf>,
    pub prompts_dir: Option<PathBuf>,
    pub context_window: Option<usize>,
    pub max_file_bytes: Option<u64>,
    #[serde(default)]
    pub prices: BTreeMap<String, Price>,
}

/// Resolved settings for one run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// What the user asked for; `None` = auto.
    pub engine_request: Option<Engine>,
    pub provider: String,
    pub azure_deployment: Option<String>,
    pub azure_api_version: String,
    /// First retry delay; doubles each retry (plus jitter).
    pub retry_base_ms: u64,
    pub model: String,
    pub base_url: Option<String>,
    pub api_key_env: String,
    pub api_key_set: bool,
    pub concurrency: usize,
    pub timeout_secs: u64,
    pub max_retries: u32,
    pub cache_dir: Option<PathBuf>,
    pub prompts_dir: Option<PathBuf>,
    pub context_window: usize,
    pub max_file_bytes: u64,
    pub prices: BTreeMap<String, Price>,
    pub format: Format,
    pub out: Option<PathBuf>,
    pub pins: BTreeMap<String, u32>,
    pub dry_run: bool,
    pub max_cost: Option<f64>,
    pub no_cache: bool,
    pub strict: bool,
    pub quiet: bool,
    pub verbose: bool,
}

/// Built-in prices (USD per million tokens) for common models.
fn default_prices() -> BTreeMap<String, Price> {
    [
        ("gpt-4o-mini", 0.15, 0.60),
        ("gpt-4o", 2.50, 10.00),
        ("gpt-4.1", 2.00, 8.00),
        ("gpt-4.1-mini", 0.40, 1.60),
        ("gpt-4.1-nano", 0.10, 0.40),
        ("o4-mini", 1.10, 4.40),
        ("gpt-5", 1.25, 10.00),
        ("gpt-5-mini", 0.25, 2.00),
    ]
    .into_iter()
    .map(|(m, i, o)| (m.to_string(), Price { input: i, output: o }))
    .collect()
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            engine_request: None,
            provider: "openai".into(),
            azure_deployment: None,
            azure_api_version: "2024-10-21".into(),
            retry_base_ms: 500,
            model: "gpt-4o-mini".into(),
            base_url: None,
            api_key_env: "OPENAI_API_KEY".into(),
            api_key_set: false,
            concurrency: 4,
            timeout_secs: 120,
            max_retries: 4,
            cache_dir: None,
            prompts_dir: None,
            context_window: 128_000,
            max_file_bytes: 10 * 1024 * 1024,
            prices: default_prices(),
            format: Format::Markdown,
            out: None,
            pins: BTreeMap::new(),
            dry_run: false,
            max_cost: None,
            no_cache: false,
            strict: false,
            quiet: false,
            verbose: false,
        }
    }
}

fn parse_engine(s: &str) -> Result<Option<Engine>> {
    match s.to_ascii_lowercase().as_str() {
        "auto" => Ok(None),
        "offline" => Ok(Some(Engine::Offline)),
        "llm" => Ok(Some(Engine::Llm)),
        other => Err(Error::Usage(format!("unknown engine `{other}` (expected auto, offline or llm)"))),
    }
}

impl Settings {
    /// Resolves settings from every layer.
    pub fn resolve(cli: &Cli) -> Result<Settings> {
        let mut s = Settings::default();
        for path in config_paths() {
            if path.is_file() {
                s.apply_file(&path)?;
            }
        }
        s.apply_env(|k| std::env::var(k).ok())?;
        s.apply_flags(&cli.common)?;
        s.api_key_set = std::env::var(&s.api_key_env).is_ok_and(|v| !v.trim().is_empty());
        Ok(s)
    }

    fn apply_file(&mut self, path: &Path) -> Result<()> {
        let err = |reason: String| Error::Config { path: path.to_path_buf(), reason };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        let c: ConfigFile = toml::from_str(&text).map_err(|e| err(e.message().to_string()))?;
        if let Some(e) = &c.engine {
            self.engine_request = parse_engine(e).map_err(|e| err(e.to_string()))?;
        }
        set(&mut self.model, c.model);
        set(&mut self.provider, c.provider);
        self.azure_deployment = c.azure_deployment.or(self.azure_deployment.take());
        set(&mut self.azure_api_version, c.azure_api_version);
        self.base_url = c.base_url.or(self.base_url.take());
        set(&mut self.api_key_env, c.api_key_env);
        set(&mut self.concurrency, c.concurrency);
        set(&mut self.timeout_secs, c.timeout);
        set(&mut self.max_retries, c.max_retries);
        self.cache_dir = c.cache_dir.or(self.cache_dir.take());
        self.prompts_dir = c.prompts_dir.or(self.prompts_dir.take());
        set(&mut self.context_window, c.context_window);
        set(&mut self.max_file_bytes, c.max_file_bytes);
        self.prices.extend(c.prices);
        Ok(())
    }

    /// Applies environment variables (a function so tests need not touch the process env).
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<()> {
        if let Some(e) = get("SCOPE_ENGINE") {
            self.engine_request = parse_engine(&e)?;
        }
        set(&mut self.model, get("SCOPE_MODEL"));
        self.base_url = get("SCOPE_BASE_URL").or_else(|| get("OPENAI_BASE_URL")).or(self.base_url.take());
        set(&mut self.api_key_env, get("SCOPE_API_KEY_ENV"));
        self.prompts_dir = get("SCOPE_PROMPTS").map(PathBuf::from).or(self.prompts_dir.take());
        self.cache_dir = get("SCOPE_CACHE_DIR").map(PathBuf::from).or(self.cache_dir.take());
        let num = |k: &str| -> Result<Option<u64>> {
            get(k).map(|v| v.trim().parse::<u64>().map_err(|_| Error::Usage(format!("{k}={v} is not a number")))).transpose()
        };
        if let Some(n) = num("SCOPE_MAX_FILE_BYTES")? {
            self.max_file_bytes = n;
        }
        if let Some(n) = num("SCOPE_CONTEXT_WINDOW")? {
            self.context_window = n as usize;
        }
        if let Some(n) = num("SCOPE_CONCURRENCY")? {
            self.concurrency = (n as usize).max(1);
        }
        if let Some(n) = num("SCOPE_RETRY_BASE_MS")? {
            self.retry_base_ms = n;
        }
        if let Some(n) = num("SCOPE_MAX_RETRIES")? {
            self.max_retries = n as u32;
        }
        if let Some(n) = num("SCOPE_TIMEOUT")? {
            self.timeout_secs = n;
        }
        set(&mut self.provider, get("SCOPE_PROVIDER"));
        self.azure_deployment = get("SCOPE_AZURE_DEPLOYMENT").or(self.azure_deployment.take());
        if let Some(v) = get("OPENAI_API_VERSION") {
            self.azure_api_version = v;
        }
        Ok(())
    }

    fn apply_flags(&mut self, c: &Common) -> Result<()> {
        if let Some(e) = c.engine {
            self.engine_request = match e {
                EngineArg::Auto => None,
                EngineArg::Offline => Some(Engine::Offline),
                EngineArg::Llm => Some(Engine::Llm),
            };
        }
        set(&mut self.model, c.model.clone());
        self.out = c.out.clone();
        if let Some(f) = c.format {
            self.format = match f {
                FormatArg::Markdown => Format::Markdown,
                FormatArg::Json => Format::Json,
            };
        }
        for p in &c.prompt {
            let (name, version) = crate::template::parse_ref(p)?;
            let v = version.ok_or_else(|| Error::Usage(format!("--prompt {p}: give NAME@VERSION")))?;
            self.pins.insert(name.to_string(), v);
        }
        self.prompts_dir = c.prompts.clone().or(self.prompts_dir.take());
        set(&mut self.max_file_bytes, c.max_file_bytes);
        self.dry_run = c.dry_run;
        self.max_cost = c.max_cost;
        self.no_cache = c.no_cache;
        self.strict = c.strict;
        self.quiet = c.quiet;
        self.verbose = c.verbose;
        Ok(())
    }

    /// The engine that will run: an explicit choice, else llm when an endpoint or key is
    /// configured, else offline. The second value says why, for the one-line notice.
    pub fn engine(&self) -> (Engine, String) {
        match self.engine_request {
            Some(e) => (e, "as requested".into()),
            None if self.base_url.is_some() || self.api_key_set => {
                (Engine::Llm, format!("a model endpoint is configured ({})", self.api_key_env))
            }
            None => (Engine::Offline, "no model endpoint or key is configured".into()),
        }
    }
}

fn set<T>(slot: &mut T, v: Option<T>) {
    if let Some(v) = v {
        *slot = v;
    }
}

/// `~/.config/scope/config.toml` (or `$XDG_CONFIG_HOME/scope/config.toml`), then `./scope.toml`.
fn config_paths() -> Vec<PathBuf> {
    let mut v = Vec::new();
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
    if let Some(b) = base {
        v.push(b.join("scope").join("config.toml"));
    }
    v.push(PathBuf::from("scope.toml"));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_overrides_defaults_and_rejects_bad_numbers() {
        let mut s = Settings::default();
        s.apply_env(|k| match k {
            "SCOPE_MODEL" => Some("llama3".into()),
            "OPENAI_BASE_URL" => Some("http://127.0.0.1:11434/v1".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(s.model, "llama3");
        assert_eq!(s.engine().0, Engine::Llm);
        let mut s = Settings::default();
        assert!(s.apply_env(|k| (k == "SCOPE_MAX_FILE_BYTES").then(|| "lots".into())).is_err());
        assert_eq!(Settings::default().engine().0, Engine::Offline);
    }
}
