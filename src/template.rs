//! Templates are files: versioned Dotprompt-style prompts (`name.vN.prompt`: YAML front
//! matter, Handlebars body) and report layouts (`layouts/*.hbs`), embedded at build time
//! and overridable from a folder. Rendering is strict: an undefined variable is an error
//! naming the template and the variable. Handlebars sits behind this one type.

use crate::error::{Error, Result};
use handlebars::{Handlebars, RenderErrorReason};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded_prompts.rs"));

/// Separates messages in a rendered prompt; never occurs in documents (control chars).
const ROLE_MARK: &str = "\u{1e}role:";

/// Front matter of a prompt file.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct PromptMeta {
    pub name: String,
    pub version: u32,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub config: Value,
    #[serde(default)]
    pub input: Value,
    #[serde(default)]
    pub output: Value,
    /// The sections a document template (`propose-*`) fills, with the cues the offline
    /// engine finds them by.
    #[serde(default)]
    pub sections: Value,
}

/// One prompt template version.
#[derive(Debug, Clone)]
pub struct Template {
    pub meta: PromptMeta,
    pub body: String,
    /// SHA-256 of the whole file, hex.
    pub sha256: String,
    /// "built-in" or the file it was read from.
    pub origin: String,
    pub raw: String,
}

impl Template {
    /// "summarize@1".
    pub fn id(&self) -> String {
        format!("{}@{}", self.meta.name, self.meta.version)
    }
}

/// A chat message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub role: String,
    pub content: String,
}

/// All templates: built-in, then the user's folder on top.
#[derive(Debug, Default)]
pub struct Registry {
    prompts: BTreeMap<(String, u32), Template>,
    layouts: BTreeMap<String, (String, String)>,
    pins: BTreeMap<String, u32>,
}

/// SHA-256 hex of text.
pub fn sha256(text: &str) -> String {
    crate::load::hex(&Sha256::digest(text.as_bytes()))
}

impl Registry {
    /// Built-in templates overridden by `user_dir` (if any); `pins` choose versions.
    pub fn load(user_dir: Option<&Path>, pins: BTreeMap<String, u32>) -> Result<Registry> {
        let mut r = Registry { pins, ..Default::default() };
        for (path, text) in EMBEDDED {
            r.add(path, text, "built-in")?;
        }
        if let Some(dir) = user_dir {
            if !dir.is_dir() {
                return Err(Error::InputPath { path: dir.to_path_buf(), reason: "prompts folder does not exist".into() });
            }
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::InputPath { path: dir.to_path_buf(), reason: e.to_string() })?;
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
                let is_template = rel.ends_with(".prompt") || rel.starts_with("layouts/") && rel.ends_with(".hbs");
                if !entry.file_type().is_file() || !is_template {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path())
                    .map_err(|e| Error::InputPath { path: entry.path().to_path_buf(), reason: e.to_string() })?;
                r.add(&rel, &text, &entry.path().display().to_string())?;
            }
        }
        Ok(r)
    }

    fn add(&mut self, rel: &str, text: &str, origin: &str) -> Result<()> {
        if let Some(name) = rel.strip_prefix("layouts/").and_then(|n| n.strip_suffix(".hbs")) {
            self.layouts.insert(name.to_string(), (text.to_string(), origin.to_string()));
        } else if rel.ends_with(".prompt") {
            let t = parse_prompt(rel, text, origin)?;
            self.prompts.insert((t.meta.name.clone(), t.meta.version), t);
        }
        Ok(())
    }

    /// The pinned or newest version of a prompt; `name@N` pins inline.
    pub fn get(&self, spec: &str) -> Result<&Template> {
        let (name, version) = parse_ref(spec)?;
        let version = version.or_else(|| self.pins.get(name).copied());
        let found = match version {
            Some(v) => self.prompts.get(&(name.to_string(), v)),
            None => self.prompts.range((name.to_string(), 0)..=(name.to_string(), u32::MAX)).next_back().map(|(_, t)| t),
        };
        found.ok_or_else(|| Error::UnknownTemplate(spec.to_string()))
    }

    /// Every prompt, by name then version.
    pub fn prompts(&self) -> impl Iterator<Item = &Template> {
        self.prompts.values()
    }

    /// A report layout's text and origin.
    pub fn layout(&self, name: &str) -> Result<(&str, &str)> {
        self.layouts.get(name).map(|(t, o)| (t.as_str(), o.as_str())).ok_or_else(|| Error::UnknownTemplate(format!("layouts/{name}.hbs")))
    }
}

/// "summarize@2" → ("summarize", Some(2)); "summarize" → ("summarize", None).
pub fn parse_ref(spec: &str) -> Result<(&str, Option<u32>)> {
    match spec.split_once('@') {
        None => Ok((spec, None)),
        Some((n, v)) => {
            let v = v
                .trim_start_matches('v')
                .parse()
                .map_err(|_| Error::Usage(format!("bad template reference `{spec}`: expected NAME@VERSION")))?;
            Ok((n, Some(v)))
        }
    }
}

fn parse_prompt(rel: &str, text: &str, origin: &str) -> Result<Template> {
    let invalid = |reason: String| Error::TemplateInvalid { template: rel.to_string(), reason };
    let fm = crate::load::frontmatter::split(text).map_err(invalid)?.ok_or_else(|| invalid("missing YAML front matter".into()))?;
    let meta: PromptMeta = serde_json::from_value(fm.meta).map_err(|e| invalid(format!("front matter: {e}")))?;
    let file = rel.rsplit('/').next().unwrap_or(rel);
    let expected = format!("{}.v{}.prompt", meta.name, meta.version);
    if file != expected {
        return Err(invalid(format!("front matter says {}@{} so the file must be named {expected}", meta.name, meta.version)));
    }
    Ok(Template { meta, body: text[fm.body_start..].to_string(), sha256: sha256(text), origin: origin.to_string(), raw: text.to_string() })
}

/// A helper that writes `f` of its first parameter.
fn unary(f: fn(&Value) -> String) -> Box<dyn handlebars::HelperDef + Send + Sync> {
    Box::new(
        move |h: &handlebars::Helper,
              _: &Handlebars,
              _: &handlebars::Context,
              _: &mut handlebars::RenderContext,
              out: &mut dyn handlebars::Output|
              -> handlebars::HelperResult {
            out.write(&f(h.param(0).map_or(&Value::Null, |p| p.value())))?;
            Ok(())
        },
    )
}

fn engine(escape: bool) -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    if escape {
        hb.register_escape_fn(escape_markdown);
    } else {
        hb.register_escape_fn(handlebars::no_escape);
    }
    hb.register_helper("role", unary(|v| format!("{ROLE_MARK}{}\u{1e}", v.as_str().unwrap_or("user"))));
    // 48000.0 → "48000", 0.8 → "0.8", 333.333 → "333.33".
    hb.register_helper(
        "num",
        unary(|v| format!("{:.2}", v.as_f64().unwrap_or(0.0)).trim_end_matches('0').trim_end_matches('.').to_string()),
    );
    hb.register_helper("json", unary(|v| serde_json::to_string_pretty(v).unwrap_or_default()));
    hb
}

/// Built once: prompts render without escaping, report layouts with markdown escaping.
static PROMPTS: std::sync::LazyLock<Handlebars<'static>> = std::sync::LazyLock::new(|| engine(false));
static LAYOUTS: std::sync::LazyLock<Handlebars<'static>> = std::sync::LazyLock::new(|| engine(true));

/// Keeps document text from breaking a markdown layout: one line, no table pipes, no HTML.
fn escape_markdown(s: &str) -> String {
    // Document text must not become a link or an image in the report (an image URL
    // would send its content to whoever serves it).
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|").replace('<', "&lt;").replace('[', "\\[").replace(']', "\\]")
}

fn render_error(template: &str, e: handlebars::RenderError) -> Error {
    match e.reason() {
        RenderErrorReason::MissingVariable(Some(v)) => Error::TemplateVariable { template: template.to_string(), variable: v.clone() },
        _ => Error::TemplateRender { template: template.to_string(), reason: e.to_string() },
    }
}

/// Renders a prompt into chat messages (split at `{{role "…"}}` markers).
pub fn render_messages(t: &Template, data: &Value) -> Result<Vec<Message>> {
    let text = PROMPTS.render_template(&t.body, data).map_err(|e| render_error(&t.id(), e))?;
    let mut messages = Vec::new();
    for part in text.split(ROLE_MARK).skip_while(|p| p.trim().is_empty()) {
        let (role, content) = part.split_once('\u{1e}').unwrap_or(("user", part));
        let content = content.trim().to_string();
        if !content.is_empty() {
            messages.push(Message { role: role.to_string(), content });
        }
    }
    Ok(messages)
}

/// Renders a report layout.
pub fn render_layout(name: &str, body: &str, data: &Value) -> Result<String> {
    LAYOUTS.render_template(body, data).map_err(|e| render_error(&format!("layouts/{name}.hbs"), e))
}

/// `prompts.lock`: released `name@version` → SHA-256.
pub fn lock_entries(lock: &str) -> BTreeMap<String, String> {
    lock.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            Some((it.next()?.to_string(), it.next()?.trim_start_matches("sha256:").to_string()))
        })
        .collect()
}
