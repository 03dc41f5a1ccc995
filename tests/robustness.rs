//! Any text, however odd, goes through every stage without a panic: multi-byte
//! punctuation and emoji at every position, markup fragments, very long lines.

use scope::analyse::summarize::{SummarizeOptions, summarize};
use scope::report::Report;

/// A tiny seeded generator, so a failure is reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const INSERTS: [&str; 14] = ["—", "–", "…", "é", "🎉", "’", "“", "|", "**", "`", "<", "(", ":", "\u{00a0}"];

fn mangle(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for ch in text.chars() {
        out.push(ch);
        if rng.next(6) == 0 {
            out.push_str(INSERTS[rng.next(INSERTS.len())]);
        }
    }
    out
}

#[test]
fn mangled_fixtures_never_panic_and_citations_still_verify() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/updates");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for seed in 1..=12u64 {
        let mut rng = Rng(seed);
        let docs: Vec<_> = files
            .iter()
            .map(|p| scope::load::parse(p.display().to_string(), mangle(&std::fs::read_to_string(p).unwrap(), &mut rng), String::new()))
            .collect();
        let statements = scope::extract::statements(&docs, chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let facts = scope::extract::update::extract(&docs, &statements);
        let opts = SummarizeOptions { focus: Some("gpu — capacity".into()), max_priorities: 10 };
        let mut report = Report::Summarize(summarize(&docs, &statements, &facts, &opts));
        let c = scope::verify::verify(&docs, &mut report);
        assert!(c.total > 0, "seed {seed}: mangled text still yields findings");
        assert!(c.verified * 10 >= c.total * 9, "seed {seed}: {} of {} citations verified", c.verified, c.total);
    }
}
