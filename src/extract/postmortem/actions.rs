//! Action items: rows of an action-item table (with Owner and Priority columns where
//! the table has them), list items under an "Action items" / "Follow-up" / "What we are
//! doing" heading, and — in narrative posts — sentences that commit to a change ("We are
//! adding a canary stage …").

use super::{ActionItem, Role, Sentence};
use crate::document::{BlockKind, Document};
use crate::extract::Cite;
use crate::text;
use regex::Regex;
use std::sync::LazyLock;

static PRIORITY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(P[0-4])\b|(?i)\b(high|medium|low|critical)\b").expect("regex"));
static OWNER_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:owner|assignee|dri)\s*[:=]\s*|\(\s*(?:owner|assignee|dri)\s*:?\s*)(@?[\w.-]+(?:\s(?-i:[A-Z])[\w-]+)?)|(@[\w.-]+)|\[((?-i:[A-Z])[\w-]*(?:\s(?-i:[A-Z])[\w-]*)?)\]\s*$").expect("regex")
});
static COMMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:we|the team|our teams?|engineering)\s+(?:are|will|have|has|'re|'ll|plan to|intend to|now|also|are now|will also|have since|are also)\b[^.]{0,40}?\b(add|adding|added|implement\w*|introduc\w*|build\w*|built|improv\w*|chang\w*|updat\w*|enforc\w*|requir\w*|automat\w*|roll\w* out|migrat\w*|audit\w*|creat\w*|extend\w*|expand\w*|fix\w*|harden\w*|deploy\w*|instrument\w*|alert\w* on|monitor\w*|review\w*|rewrit\w*|redesign\w*|increas\w*|reduc\w*|limit\w*|remov\w*|replac\w*|stag\w*|develop\w*|mak\w*|ensur\w*|put\w* in place|rehears\w*|test\w*|practi[cs]\w*|document\w*|train\w*|schedul\w*|adopt\w*|switch\w*|mov\w*|revisit\w*|invest\w*)\b").expect("regex")
});

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.to_lowercase();
        names.iter().any(|n| h.contains(n))
    })
}

/// Every action item in a document.
pub fn action_items(doc_index: usize, doc: &Document, sentences: &[Sentence]) -> Vec<ActionItem> {
    let mut out = Vec::new();
    let action_lines: std::collections::BTreeSet<usize> = sentences.iter().filter(|s| s.role == Role::Actions).map(|s| s.line).collect();
    for b in &doc.blocks {
        if !action_lines.contains(&b.line) || b.quoted {
            continue;
        }
        let cite = Cite { doc: doc_index, line: b.line, quote: text::quote(doc.line_text(b.line).unwrap_or(&b.text).trim(), 220) };
        match &b.kind {
            BlockKind::TableRow { header, cells } => {
                if cells == header {
                    continue;
                }
                let get =
                    |i: Option<usize>| i.and_then(|i| cells.get(i)).map(|c| c.trim().to_string()).filter(|c| !c.is_empty() && c != "-");
                let text = get(column(header, &["action", "item", "task", "description", "what", "remediation", "follow"]))
                    .or_else(|| get(Some(0)));
                let Some(text) = text.filter(|t| t.chars().any(char::is_alphabetic)) else { continue };
                let owner = get(column(header, &["owner", "assignee", "who", "team", "dri", "responsible"]));
                let priority = get(column(header, &["priority", "pri", "severity", "p#"])).or_else(|| inline_priority(&text));
                out.push(ActionItem { text, owner, priority, cite });
            }
            BlockKind::ListItem { .. } | BlockKind::Paragraph if !b.text.trim().is_empty() => {
                if matches!(b.kind, BlockKind::Paragraph) && !COMMIT.is_match(&b.text) {
                    continue;
                }
                out.push(ActionItem {
                    text: text::quote(&b.text, 300),
                    owner: inline_owner(&b.text),
                    priority: inline_priority(&b.text),
                    cite,
                });
            }
            _ => {}
        }
    }
    if out.is_empty() {
        // A narrative post: commitments in its closing paragraphs.
        let half = sentences.len() / 2;
        for s in sentences.iter().skip(half).filter(|s| !s.heading && COMMIT.is_match(&s.text) && !matches!(s.role, Role::Timeline)) {
            let cite = Cite { doc: doc_index, line: s.line, quote: text::quote(&s.text, 220) };
            out.push(ActionItem {
                text: text::quote(&s.text, 300),
                owner: inline_owner(&s.text),
                priority: inline_priority(&s.text),
                cite,
            });
        }
    }
    out
}

fn inline_priority(t: &str) -> Option<String> {
    PRIORITY.captures_iter(t).find_map(|c| tag_priority(t, &c))
}

fn tag_priority(t: &str, c: &regex::Captures) -> Option<String> {
    c.get(1).map(|m| m.as_str().to_string()).or_else(|| {
        // A bare "high"/"low" is a priority only as a tag ("(high)", "priority: high").
        let m = c.get(2)?;
        let before = t[..m.start()].trim_end();
        (before.ends_with('(') || before.to_lowercase().ends_with("priority:") || before.ends_with('[')).then(|| m.as_str().to_lowercase())
    })
}

fn inline_owner(t: &str) -> Option<String> {
    let c = OWNER_INLINE.captures(t)?;
    c.get(1).or(c.get(2)).or(c.get(3)).map(|m| m.as_str().trim_end_matches([')', '.', ',']).to_string())
}

#[cfg(test)]
mod tests {
    use super::super::postmortem;

    #[test]
    fn reads_tables_lists_and_commitments() {
        let doc = crate::load::parse(
            "pm.md".into(),
            "# X\n\n## Action Items\n\n| Action | Owner | Priority |\n|---|---|---|\n| Add canary stage | @maria | P1 |\n\n## Follow-up\n\n- Alert on cert expiry (owner: sre-team) P0\n".into(),
            String::new(),
        );
        let p = postmortem(0, &doc);
        let items: Vec<(String, Option<String>, Option<String>)> =
            p.action_items.iter().map(|a| (a.text.clone(), a.owner.clone(), a.priority.clone())).collect();
        assert_eq!(items[0], ("Add canary stage".into(), Some("@maria".into()), Some("P1".into())));
        assert_eq!(items[1].1.as_deref(), Some("sre-team"));
        assert_eq!(items[1].2.as_deref(), Some("P0"));
    }

    #[test]
    fn narrative_commitments_are_action_items() {
        let doc = crate::load::parse(
            "pm.md".into(),
            "Outage\n\nThe database failed over. Writes stopped.\n\nIt took an hour.\n\nWe are adding a replication lag alert. We will also rehearse failovers monthly.\n".into(),
            String::new(),
        );
        let p = postmortem(0, &doc);
        assert_eq!(p.action_items.len(), 2);
    }
}
