//! Stage 1, load: expands files, folders and globs; reads each file once; skips what
//! cannot be a document (empty, binary, over the size cap) with a warning that names it;
//! decodes invalid UTF-8 lossily; splits front matter; parses markdown into blocks.
//! Every path is checked before any file is read, so a typo fails fast with exit 2.

pub mod frontmatter;
pub mod markdown;
pub mod rst;

use crate::dates;
use crate::diag::warn;
use crate::document::{BlockKind, Document, line_starts};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// File extensions read when a folder is given.
pub const EXTENSIONS: [&str; 4] = ["md", "markdown", "txt", "rst"];

/// Limits for loading.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this are skipped with a warning.
    pub max_file_bytes: u64,
}

/// Loads every document named by `inputs` (files, folders, globs), in a stable order.
pub fn load(inputs: &[String], opts: &LoadOptions) -> Result<Vec<Document>> {
    let paths = expand(inputs)?;
    let mut seen = BTreeSet::new();
    let mut docs = Vec::new();
    for path in paths {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !seen.insert(key) {
            continue;
        }
        if let Some(doc) = read(&path, opts)? {
            docs.push(doc);
        }
    }
    if docs.is_empty() {
        return Err(Error::NoDocuments(format!("nothing readable in {}", inputs.join(", "))));
    }
    Ok(docs)
}

/// Expands inputs to file paths; fails on the first input that names nothing.
pub fn expand(inputs: &[String]) -> Result<Vec<PathBuf>> {
    if inputs.is_empty() {
        return Err(Error::NoDocuments("no input paths given".into()));
    }
    let mut out = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if path.is_dir() {
            out.extend(walk(path)?);
        } else if path.exists() {
            out.push(path.to_path_buf());
        } else if input.contains(['*', '?', '[']) {
            out.extend(glob_paths(input)?);
        } else {
            return Err(Error::InputPath { path: path.to_path_buf(), reason: "no such file or directory".into() });
        }
    }
    Ok(out)
}

fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::InputPath { path: dir.to_path_buf(), reason: e.to_string() })?;
        let ext = entry.path().extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if entry.file_type().is_file() && EXTENSIONS.contains(&ext.as_str()) {
            files.push(entry.into_path());
        }
    }
    if files.is_empty() {
        warn(&dir.display().to_string(), "folder holds no .md, .markdown, .txt or .rst files");
    }
    Ok(files)
}

fn glob_paths(pattern: &str) -> Result<Vec<PathBuf>> {
    let glob_err = |reason: String| Error::Glob { pattern: pattern.to_string(), reason };
    let mut files: Vec<PathBuf> =
        glob::glob(pattern).map_err(|e| glob_err(e.to_string()))?.filter_map(|p| p.ok()).filter(|p| p.is_file()).collect();
    files.sort();
    if files.is_empty() {
        return Err(glob_err("matched no files".into()));
    }
    Ok(files)
}

/// Reads one file; `Ok(None)` when it is skipped with a warning.
fn read(path: &Path, opts: &LoadOptions) -> Result<Option<Document>> {
    let name = path.display().to_string();
    let unreadable = |e: std::io::Error| Error::InputPath { path: path.to_path_buf(), reason: e.to_string() };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > opts.max_file_bytes {
        warn(&name, &format!("skipped: {size} bytes is over the {} byte cap (max_file_bytes)", opts.max_file_bytes));
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    if bytes.contains(&0) {
        warn(&name, "skipped: binary file (contains NUL bytes)");
        return Ok(None);
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            warn(&format!("{name}:{line}"), "invalid UTF-8, decoded lossily (bad bytes shown as �)");
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    if text.trim().is_empty() {
        warn(&name, "skipped: empty file");
        return Ok(None);
    }
    Ok(Some(parse(name, text, sha256)))
}

/// Builds a `Document` from text (public so tests and benchmarks can skip the disk).
pub fn parse(path: String, text: String, sha256: String) -> Document {
    let starts = line_starts(&text);
    let (meta, body_start) = match frontmatter::split(&text) {
        Ok(Some(fm)) => (fm.meta, fm.body_start),
        Ok(None) => (Value::Null, 0),
        Err(reason) => {
            warn(&format!("{path}:1"), &format!("{reason}; treating it as body text"));
            (Value::Null, 0)
        }
    };
    let meta = with_field_lines(meta, &text[body_start..]);
    let line_of = |off: usize| starts.partition_point(|&s| s <= off).max(1);
    let (sections, mut blocks) = markdown::parse(&text[body_start..], body_start, &line_of);
    add_simple_tables(&text[body_start..], line_of(body_start), &mut blocks);
    let mut doc = Document {
        title: String::new(),
        date: None,
        author: meta_str(&meta, &["author", "authors", "owner", "from"]).map(|a| clean_author(&a)),
        meta,
        text,
        sha256,
        line_starts: starts,
        sections,
        blocks,
        path,
    };
    doc.title = title(&doc);
    doc.date = date(&doc);
    doc
}

/// Metadata written as lines near the top of the body — reStructuredText field lists
/// (`:Date: 2026-11-02`), "Owner: …", "Date: …" — fills what front matter left empty.
fn with_field_lines(meta: Value, body: &str) -> Value {
    static FIELD: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)^\s*:?(date|author|owner|from|title|team):\s*(.+?)\s*$").expect("regex"));
    let mut map = match meta {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    let had_any = !map.is_empty();
    for line in body.lines().take(15) {
        if let Some(c) = FIELD.captures(line) {
            let key = c[1].to_lowercase();
            map.entry(key).or_insert_with(|| Value::String(c[2].trim_end_matches('.').to_string()));
        }
    }
    if map.is_empty() && !had_any { Value::Null } else { Value::Object(map) }
}

/// Replaces what markdown made of reStructuredText simple tables with their rows.
fn add_simple_tables(body: &str, first_line: usize, blocks: &mut Vec<crate::document::Block>) {
    let (rows, covered) = rst::simple_tables(body, first_line);
    if rows.is_empty() {
        return;
    }
    let inside = |line: usize| covered.iter().any(|&(a, b)| (a..=b).contains(&line));
    blocks.retain(|b| !inside(b.line));
    for mut row in rows {
        row.section = blocks.iter().rev().find(|b| b.line < row.line).map_or(0, |b| b.section);
        blocks.push(row);
    }
    blocks.sort_by_key(|b| b.line);
}

fn meta_str(meta: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match meta.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(a) => a.first().and_then(|v| v.as_str()).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// "Ana Ruiz <ana@example.com>" → "Ana Ruiz".
fn clean_author(a: &str) -> String {
    a.split('<').next().unwrap_or(a).trim().trim_matches('"').to_string()
}

fn title(doc: &Document) -> String {
    if let Some(t) = meta_str(&doc.meta, &["title", "subject"]) {
        return t;
    }
    if let Some(b) = doc.blocks.iter().find(|b| matches!(b.kind, BlockKind::Heading(l) if l <= 2)) {
        return b.text.clone();
    }
    Path::new(&doc.path).file_stem().and_then(|s| s.to_str()).unwrap_or(&doc.path).to_string()
}

/// Front matter date, then a date in the file name, then the first dated heading.
fn date(doc: &Document) -> Option<NaiveDate> {
    let stem = Path::new(&doc.path).file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let today = dates::today();
    // A year-less front matter date ("Oct 12") is read against the file name's date or today.
    let fallback = dates::date_in_name(stem).unwrap_or(today);
    let from_meta =
        meta_str(&doc.meta, &["date", "published", "publish_date", "created", "updated"]).and_then(|s| dates::parse_loose(&s, fallback));
    from_meta.or_else(|| dates::date_in_name(stem)).or_else(|| {
        // A dated heading; one without a year ("wk of 10/12") is read against today.
        doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Heading(_))).find_map(|b| {
            let found = dates::find(&b.text, today);
            let day = |m: &&dates::Mention| matches!(m.precision, dates::Precision::Day | dates::Precision::Week);
            found.iter().filter(day).find(|m| has_year(&b.text[m.start..m.end])).or_else(|| found.iter().find(day)).map(|m| m.span.start)
        })
    })
}

/// Whether a date mention spells out its year (so the fallback reference did not pick it).
fn has_year(s: &str) -> bool {
    s.as_bytes().windows(4).any(|w| w[0] == b'2' && w[1] == b'0' && w[2].is_ascii_digit() && w[3].is_ascii_digit())
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
