//! Topics, not strings: statements are reduced to normalised key terms (case, plurals,
//! resource synonyms such as "GPU nodes"/"H100s" → `gpu`), weighted by how rare they are
//! across the inputs, so that a freeze in one update and a scale-up in another are
//! recognised as being about the same thing.

use regex::Regex;
use std::collections::HashSet;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Looked up for every word of every statement, so kept as hash sets.
static STOP: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP_WORDS.iter().copied().collect());
static GENERIC: LazyLock<HashSet<&'static str>> = LazyLock::new(|| GENERIC_WORDS.iter().copied().collect());

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z0-9][A-Za-z0-9+#&]*(?:[.'’][A-Za-z0-9]+)*").expect("regex"));

/// Words that carry no topic: function words, reporting verbs, directive verbs, dates.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "we're",
    "we'll",
    "it's",
    "let's",
    "i'm",
    "don't",
    "can't",
    "won't",
    "isn't",
    "aren't",
    "via",
    "per",
    "still",
    "already",
    "yet",
    "next",
    "last",
    "new",
    "get",
    "got",
    "make",
    "need",
    "needs",
    "needed",
    "want",
    "going",
    "go",
    "keep",
    "plan",
    "planned",
    "plans",
    "work",
    "working",
    "team",
    "teams",
    "priority",
    "priorities",
    "p0",
    "p1",
    "p2",
    "p3",
    "top",
    "goal",
    "goals",
    "focus",
    "update",
    "status",
    "week",
    "weeks",
    "month",
    "months",
    "quarter",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
    "eoq",
    "eom",
    "eoy",
    "day",
    "days",
    "year",
    "target",
    "targeting",
    "eta",
    "date",
    "due",
    "by",
    "end",
    "early",
    "mid",
    "late",
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "increase",
    "double",
    "triple",
    "accelerate",
    "expand",
    "grow",
    "ramp",
    "boost",
    "invest",
    "add",
    "fund",
    "freeze",
    "cut",
    "reduce",
    "pause",
    "paused",
    "pausing",
    "deprioritize",
    "deprioritise",
    "delay",
    "delayed",
    "defer",
    "halt",
    "stop",
    "hold",
    "postpone",
    "trim",
    "shrink",
    "cancel",
    "blocked",
    "blocker",
    "depends",
    "depend",
    "dependent",
    "dependency",
    "waiting",
    "wait",
    "until",
    "requires",
    "require",
    "one",
    "two",
    "three",
    "four",
    "five",
    "first",
    "second",
    "third",
    "much",
    "many",
    "lot",
    "well",
    "like",
    "really",
    "think",
    "see",
    "may",
    "might",
    "must",
    "shall",
    "let",
    "us",
    "who's",
    "what's",
    "there's",
    "that's",
    "he's",
    "she's",
    "they're",
    "you're",
    "everyone",
    "anyone",
    "someone",
    "thing",
    "things",
    "way",
    "ways",
    "part",
    "number",
    "using",
    "use",
    "used",
    "around",
    "within",
    "without",
    "ga",
    "live",
    "missed",
    "ship",
    "ships",
    "shipping",
    "launch",
    "launches",
    "land",
    "lands",
    "landing",
    "deliver",
    "delivers",
    "now",
    "ok",
    "wk",
    "great",
    "good",
    "nice",
    "fine",
    "sure",
    "pls",
    "please",
    "rather",
    "soon",
    "okay",
    "yes",
];

/// Resource families, matched on normalised terms.
const RESOURCES: &[(&str, &[&str])] = &[
    ("gpu", &["gpu", "h100", "a100", "h200", "b200", "l4", "tpu", "accelerator", "cuda"]),
    ("headcount", &["headcount", "hc", "engineer", "hire", "hir", "hiring", "req", "fte", "swe", "contractor", "staffing", "backfill"]),
    ("budget", &["budget", "spend", "spending", "opex", "capex", "dollar", "funding", "$"]),
];

/// Normalises one word: lower case, possessive and plural stripped, synonyms folded.
pub fn normalise_word(w: &str) -> String {
    let w = w.to_lowercase().replace('’', "'");
    let w = w.trim_end_matches("'s").trim_end_matches('\'');
    let stem = if w.len() > 4 && w.ends_with("ies") {
        format!("{}y", &w[..w.len() - 3])
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    };
    // Light stemming so "tagged"/"tagging"/"tag" and "trained"/"training" meet.
    let stem = if stem.len() >= 6 && stem.ends_with("ing") && !stem.ends_with("thing") {
        undouble(&stem[..stem.len() - 3])
    } else if stem.len() >= 6 && stem.ends_with("ed") && !stem.ends_with("eed") {
        undouble(&stem[..stem.len() - 2])
    } else {
        stem
    };
    match stem.as_str() {
        "gpus" => "gpu".into(),
        _ => stem,
    }
}

/// "tagg" → "tag", "plann" → "plan"; leaves "ll", "ss" and vowels alone.
fn undouble(s: &str) -> String {
    let b = s.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && !b"aeioulsz".contains(&b[n - 1]) { s[..n - 1].to_string() } else { s.to_string() }
}

/// The key terms of a phrase, in order of appearance, without duplicates.
pub fn terms(text: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for m in WORD.find_iter(text) {
        let raw = m.as_str().to_lowercase();
        if STOP.contains(raw.as_str()) {
            continue;
        }
        let w = normalise_word(&raw);
        // A version ("4.2", "1.31") names a release; other bare numbers do not.
        let version = raw.contains('.') && raw.split('.').all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
        let w = if version { format!("v{w}") } else { w };
        if w.len() < 2 && w != "$" || STOP.contains(w.as_str()) || w.chars().all(|c| c.is_ascii_digit() || c == '.') {
            continue;
        }
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    if text.contains('$') && seen.insert("$".into()) {
        out.push("$".into());
    }
    out
}

/// Which resource families a set of terms touches.
pub fn resources(terms: &[String]) -> Vec<&'static str> {
    RESOURCES.iter().filter(|(_, words)| terms.iter().any(|t| words.contains(&t.as_str()))).map(|(name, _)| *name).collect()
}

/// Words too general to make two statements "the same topic" on their own.
const GENERIC_WORDS: &[&str] = &[
    "project",
    "initiative",
    "program",
    "effort",
    "work",
    "plan",
    "roadmap",
    "org",
    "company",
    "customer",
    "user",
    "service",
    "system",
    "platform",
    "infra",
    "infrastructure",
    "capacity",
    "cost",
    "quality",
    "support",
    "review",
    "process",
    "time",
    "rollout",
    "release",
    "migration",
    "launch",
    "milestone",
    "deadline",
    "progress",
    "risk",
    "issue",
    "change",
    "team",
    "engineering",
    "product",
    "feature",
    "data",
    "model",
    "api",
    "v1",
    "v2",
    "v3",
    "production",
    "prod",
];

/// Term rarity across a set of statements: rare terms weigh more when comparing.
#[derive(Debug, Default)]
pub struct Idf {
    /// Weight of every term seen, generic words already discounted.
    weights: std::collections::HashMap<String, f64>,
    /// Weight of a term never seen (the rarest possible).
    unseen: f64,
}

impl Idf {
    /// Counts document frequency over `term_sets`.
    pub fn new<'a>(term_sets: impl IntoIterator<Item = &'a [String]>) -> Idf {
        let mut df: BTreeMap<&str, usize> = BTreeMap::new();
        let mut n = 0usize;
        for set in term_sets {
            n += 1;
            for t in set {
                *df.entry(t.as_str()).or_default() += 1;
            }
        }
        let idf = |d: usize| ((n as f64 + 1.0) / (d as f64 + 1.0)).ln() + 1.0;
        let weights = df.into_iter().map(|(t, d)| (t.to_string(), if GENERIC.contains(t) { idf(d) / 3.0 } else { idf(d) })).collect();
        Idf { weights, unseen: idf(0) }
    }

    /// Weight of a term: rarer is heavier; generic words weigh a third.
    pub fn weight(&self, t: &str) -> f64 {
        match self.weights.get(t) {
            Some(w) => *w,
            None if GENERIC.contains(t) => self.unseen / 3.0,
            None => self.unseen,
        }
    }

    /// Weighted overlap coefficient of two term sets, and whether a non-generic term is shared.
    pub fn overlap(&self, a: &[String], b: &[String]) -> (f64, bool) {
        if a.is_empty() || b.is_empty() {
            return (0.0, false);
        }
        let wa: f64 = a.iter().map(|t| self.weight(t)).sum();
        let wb: f64 = b.iter().map(|t| self.weight(t)).sum();
        let (ws, specific) = self.shared(a, b);
        (ws / wa.min(wb), specific)
    }

    /// Coverage of the shared terms on the smaller and on the larger side, and whether a
    /// non-generic term is shared: titles of one topic cover each other on both sides.
    pub fn coverage(&self, a: &[String], b: &[String]) -> (f64, f64, bool) {
        if a.is_empty() || b.is_empty() {
            return (0.0, 0.0, false);
        }
        let wa: f64 = a.iter().map(|t| self.weight(t)).sum();
        let wb: f64 = b.iter().map(|t| self.weight(t)).sum();
        let (ws, specific) = self.shared(a, b);
        (ws / wa.min(wb), ws / wa.max(wb), specific)
    }

    fn shared(&self, a: &[String], b: &[String]) -> (f64, bool) {
        let shared: Vec<&String> = a.iter().filter(|t| b.contains(t)).collect();
        (shared.iter().map(|t| self.weight(t)).sum(), shared.iter().any(|t| !GENERIC.contains(t.as_str())))
    }

    /// Whether two term sets are about the same topic.
    pub fn same_topic(&self, a: &[String], b: &[String], threshold: f64) -> bool {
        let (score, specific) = self.overlap(a, b);
        specific && score >= threshold
    }
}

/// Relevance of a statement's terms to a focus phrase (0 = unrelated). Matches whole terms
/// and term prefixes ("serving" ~ "serve"), so "model serving infra" finds "Model Serving".
pub fn relevance(focus: &[String], terms: &[String]) -> f64 {
    if focus.is_empty() {
        return 1.0;
    }
    let hits = focus
        .iter()
        .filter(|f| terms.iter().any(|t| t == *f || (f.len() >= 5 && t.len() >= 5 && (t.starts_with(&f[..5]) || f.starts_with(&t[..5])))))
        .count();
    hits as f64 / focus.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_fold_plurals_and_stopwords() {
        assert_eq!(terms("Double the GPU nodes for Model Serving in Q4"), ["gpu", "node", "model", "serv"]);
        assert_eq!(resources(&terms("no new H100s")), ["gpu"]);
        assert_eq!(resources(&terms("add 4 engineers")), ["headcount"]);
    }

    #[test]
    fn overlap_needs_a_specific_term() {
        let a = terms("pause the feature store migration");
        let b = terms("accelerate the Feature Store migration");
        let c = terms("the search migration");
        let idf = Idf::new([a.as_slice(), b.as_slice(), c.as_slice()]);
        assert!(idf.same_topic(&a, &b, 0.6));
        assert!(!idf.same_topic(&a, &c, 0.6));
    }
}
