//! Front matter: YAML between `---` lines or TOML between `+++` lines at the top of a
//! file, and the `Subject:`/`From:`/`Date:` header block of a saved email. The result is
//! JSON so later stages need not care which syntax it came from.

use serde_json::{Map, Value};

/// Parsed front matter and the byte offset where the body starts.
#[derive(Debug)]
pub struct FrontMatter {
    pub meta: Value,
    pub body_start: usize,
}

/// Splits front matter off `text`. `Ok(None)` when there is none; `Err(reason)` when it
/// is there but malformed (the caller warns and treats the whole file as body).
pub fn split(text: &str) -> Result<Option<FrontMatter>, String> {
    let first = text.lines().next().unwrap_or("").trim_end();
    let (delim, is_yaml) = match first {
        "---" => ("---", true),
        "+++" => ("+++", false),
        _ => return Ok(email_headers(text)),
    };
    let body_of = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = body_of;
    for line in text[body_of.min(text.len())..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == delim || (is_yaml && t == "...") {
            let raw = &text[body_of..offset];
            let meta = if is_yaml { parse_yaml(raw)? } else { parse_toml(raw)? };
            return Ok(Some(FrontMatter { meta, body_start: offset + line.len() }));
        }
        offset += line.len();
    }
    Err(format!("front matter opened with `{delim}` is never closed"))
}

fn parse_yaml(raw: &str) -> Result<Value, String> {
    if raw.trim().is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    let v: serde_yaml::Value = serde_yaml::from_str(raw).map_err(|e| format!("invalid YAML front matter: {e}"))?;
    let json = serde_json::to_value(v).map_err(|e| format!("invalid YAML front matter: {e}"))?;
    match json {
        Value::Object(_) => Ok(json),
        _ => Err("front matter is not a key: value mapping".into()),
    }
}

fn parse_toml(raw: &str) -> Result<Value, String> {
    let v: toml::Table = toml::from_str(raw).map_err(|e| format!("invalid TOML front matter: {}", e.message()))?;
    serde_json::to_value(v).map_err(|e| format!("invalid TOML front matter: {e}"))
}

/// Reads an email-style header block (`Subject:`, `From:`, `Date:` …) at the top of a
/// file. Only counts when at least two known headers come before the first blank line.
fn email_headers(text: &str) -> Option<FrontMatter> {
    const KNOWN: [&str; 8] = ["subject", "from", "date", "to", "cc", "sent", "author", "re"];
    let mut meta = Map::new();
    let mut offset = 0;
    let mut title = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let t = line.trim();
        if t.is_empty() {
            break;
        }
        let header = t.split_once(':').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim())).filter(|(k, _)| KNOWN.contains(&k.as_str()));
        match header {
            Some((key, value)) => {
                meta.insert(key, Value::String(value.to_string()));
            }
            // A memo may open with one title line ("Memo — 9 October 2026") before its headers.
            None if i == 0 => title = Some(t.to_string()),
            None => return None,
        }
        offset += line.len();
    }
    if meta.len() < 2 {
        return None;
    }
    if let Some(t) = title {
        meta.entry("title").or_insert(Value::String(t));
    }
    Some(FrontMatter { meta: Value::Object(meta), body_start: offset })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_toml_and_email() {
        let y = split("---\ntitle: A\ndate: 2026-10-01\n---\n# Body\n").unwrap().unwrap();
        assert_eq!(y.meta["title"], "A");
        assert_eq!(y.body_start, 34);
        let t = split("+++\ntitle = \"B\"\n+++\nbody").unwrap().unwrap();
        assert_eq!(t.meta["title"], "B");
        let e = split("Subject: Q4 plan\nFrom: Ana <ana@x.io>\n\nHi all").unwrap().unwrap();
        assert_eq!(e.meta["from"], "Ana <ana@x.io>");
        assert!(split("# Just markdown\n").unwrap().is_none());
        let memo = split("Memo — 9 October 2026\nFrom: Marta\nTo: Leads\n\nSummary").unwrap().unwrap();
        assert_eq!(memo.meta["title"], "Memo — 9 October 2026");
        assert_eq!(memo.meta["from"], "Marta");
    }

    #[test]
    fn malformed_is_an_error() {
        assert!(split("---\ntitle: [unclosed\n---\n").is_err());
        assert!(split("---\ntitle: a\nno end\n").is_err());
        assert!(split("---\n- a list\n---\n").is_err());
        assert!(split("---\u{a0}\ntitle: a\n---\n").is_ok(), "trailing multi-byte space after the opener");
    }
}
