//! Text helpers shared by extraction and verification: sentence splitting that keeps
//! offsets, the normalisation citations are checked with, and short quotes.

use regex::Regex;
use std::sync::LazyLock;

/// Splits text into sentences, returning (byte offset, sentence). Abbreviations, initials
/// and version numbers ("v2.1", "e.g.") do not end a sentence.
pub fn sentences(text: &str) -> Vec<(usize, &str)> {
    const ABBREV: [&str; 14] = ["e.g", "i.e", "vs", "etc", "inc", "dr", "mr", "ms", "mrs", "approx", "est", "no", "fig", "cf"];
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let at_end = matches!(c, b'.' | b'!' | b'?' | b';') && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
        if at_end {
            let word = text[start..i].rsplit(|ch: char| ch.is_whitespace()).next().unwrap_or("").to_ascii_lowercase();
            let next_upper = text[i + 1..].trim_start().chars().next().is_none_or(|ch| !ch.is_lowercase());
            let abbrev =
                c == b'.' && (ABBREV.contains(&word.trim_start_matches('(')) || word.len() == 1 && word.chars().all(char::is_alphabetic));
            if !abbrev && (next_upper || c == b';') {
                push_trimmed(text, start, i + 1, &mut out);
                start = i + 1;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<(usize, &'a str)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.chars().any(|c| c.is_alphanumeric()) {
        out.push((start + lead, t));
    }
}

static LINK_TARGET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\]\([^)]*\)").expect("regex"));
static AUTOLINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<((?:https?|mailto|ftp):[^>\s]+|[^>\s@]+@[^>\s@]+)>").expect("regex"));

/// The form in which quotes are compared with source: markdown and HTML markup removed,
/// entities decoded, case folded, whitespace collapsed. Applied to both sides.
pub fn normalise(s: &str) -> String {
    let s = LINK_TARGET.replace_all(s, "]");
    let s = AUTOLINK.replace_all(&s, "$1");
    let s = crate::load::markdown::strip_tags(&s);
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for ch in s.chars() {
        let ch = match ch {
            // Inline markup disappears (it may sit right against a word or a full stop);
            // table pipes separate cells, so they become spaces.
            '*' | '`' | '~' | '_' | '#' | '>' | '[' | ']' | '\\' => continue,
            '|' => ' ',
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        };
        if ch.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.extend(ch.to_lowercase());
            space = false;
        }
    }
    out.trim_end().to_string()
}

/// A quote for a citation: the text cut at a word boundary to at most `max` bytes.
pub fn quote(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = s[..end].rfind(' ').filter(|&p| p > max / 2).unwrap_or(end);
    s[..cut].trim_end_matches([',', ';', ':', ' ']).to_string()
}

/// A file's name without its folders ("fixtures/a/b.md" → "b.md"), for narrow cells.
pub fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

/// Shortens a phrase to at most `words` words.
pub fn clip_words(s: &str, words: usize) -> String {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() <= words {
        return parts.join(" ");
    }
    format!("{}…", parts[..words].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_not_abbreviations() {
        let s: Vec<&str> = sentences("Ship v2.1 by Oct 3. Then e.g. the API; finally done! ok").into_iter().map(|(_, s)| s).collect();
        assert_eq!(s, ["Ship v2.1 by Oct 3.", "Then e.g. the API;", "finally done! ok"]);
    }

    #[test]
    fn normalises_markup_on_both_sides() {
        assert_eq!(normalise("**P0:** [Feature Store](https://x.y/z) `v2` <b>GA</b>"), "p0: feature store v2 ga");
        assert_eq!(normalise("see <https://a.b/c>"), "see https://a.b/c");
        assert_eq!(normalise("| a | b |"), "a b");
    }

    #[test]
    fn quotes_cut_at_words() {
        assert_eq!(quote("alpha beta gamma delta", 12), "alpha beta");
    }
}
