//! Team names: from "X team" phrases, front matter and document titles, and where
//! they are mentioned.

use super::*;

/// Known team names, found from "X team" phrases, front matter, document titles
/// ("Data Platform: …") and owner columns.
pub struct Teams {
    pub names: Vec<String>,
    re: Option<Regex>,
}

pub(crate) static TEAM_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:[A-Z][\w&+/-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w&+/-]*|[A-Z]{2,})){0,2})(?:'s)?\s+(?:team|org|squad|pod|group|crew)\b")
        .expect("regex")
});
pub(crate) static TITLE_TEAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:[A-Z][\w&+/-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w&+/-]*|[A-Z]{2,})){0,3})\s*(?:—|–|-|:|\|)\s").expect("regex")
});
pub(crate) static CAPS_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:the\s+)?((?:[A-Z][\w&+/.-]*|[A-Z0-9]{2,})(?:\s+(?:[A-Z][\w&+/.-]*|[A-Z0-9]{2,}|v\d+(?:\.\d+)*))*)").expect("regex")
});
pub(crate) const NOT_TEAMS: &[&str] = &[
    "the", "our", "my", "this", "that", "each", "every", "whole", "entire", "your", "their", "his", "her", "one", "a", "an", "and", "we",
    "i", "new", "hi", "re", "fwd",
];

/// The team a document speaks for: front matter `team`, else a title prefix such as
/// "Data Platform: …" or "Model Serving — September update".
pub fn doc_team(doc: &Document) -> Option<String> {
    if let Some(t) = doc.meta.get("team").and_then(|v| v.as_str()) {
        return Some(t.trim().to_string());
    }
    let c = TITLE_TEAM.captures(&doc.title)?;
    let name = c[1].trim().to_string();
    (!NOT_TEAMS.contains(&name.to_lowercase().as_str())).then_some(name)
}

impl Teams {
    pub(crate) fn find(docs: &[Document], statements: &[Statement]) -> Teams {
        let mut names: BTreeSet<String> = docs.iter().filter_map(doc_team).collect();
        for s in statements {
            for c in TEAM_PHRASE.captures_iter(&s.text) {
                // "Marcus's team" names a person's team, not a team called Marcus.
                if c[0].contains("'s ") || c[0].contains("’s ") {
                    continue;
                }
                let words: Vec<&str> = c[1].split_whitespace().skip_while(|w| NOT_TEAMS.contains(&w.to_lowercase().as_str())).collect();
                if !words.is_empty() && words.join(" ").len() >= 2 {
                    names.insert(words.join(" "));
                }
            }
        }
        let mut names: Vec<String> = names.into_iter().filter(|n| !NOT_TEAMS.contains(&n.to_lowercase().as_str())).collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let re = (!names.is_empty()).then(|| {
            let alts: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
            Regex::new(&format!(r"(?i)\b(?:{})\b", alts.join("|"))).expect("team regex")
        });
        Teams { names, re }
    }

    /// Team names mentioned in `text`, in order, canonical spelling.
    pub fn in_text(&self, text: &str) -> Vec<String> {
        let Some(re) = &self.re else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for m in re.find_iter(text) {
            let canon = self.names.iter().find(|n| n.eq_ignore_ascii_case(m.as_str())).cloned().unwrap_or_else(|| m.as_str().to_string());
            if !out.contains(&canon) {
                out.push(canon);
            }
        }
        out
    }
}
