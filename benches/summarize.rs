//! `cargo bench --bench summarize [-- N]`: runs the offline summarize pipeline (load →
//! extract → analyse → verify → render) on N generated leadership updates (default 1,000)
//! written to a temp folder, and prints the wall time of each stage. The generator is
//! seeded, so runs are comparable.

use std::fmt::Write as _;
use std::time::Instant;

const TEAMS: [&str; 12] = [
    "Model Serving",
    "Training Infra",
    "Data Platform",
    "SRE",
    "Search",
    "Billing",
    "Ads",
    "Fraud",
    "Mobile",
    "Payments",
    "Security",
    "Growth",
];
const WORK: [&str; 16] = [
    "GPU capacity for online inference",
    "Feature Store v2",
    "the scheduler rewrite",
    "multi-region failover",
    "the billing ledger cutover",
    "search reranker",
    "fraud model refresh",
    "shadow canaries",
    "cost dashboards",
    "PII deletion pipeline",
    "Kubernetes upgrade",
    "tokenization ramp",
    "offline mode",
    "payouts API",
    "cache tier",
    "observability migration",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn update(i: usize, rng: &mut Rng) -> String {
    let team = TEAMS[rng.next(TEAMS.len())];
    let (month, day) = (1 + i % 12, 1 + rng.next(28));
    let mut s = format!(
        "---\ntitle: {team} update {i}\ndate: 2026-{month:02}-{day:02}\nauthor: Lead {}\n---\n\n# {team} — update {i}\n\n## Priorities\n\n",
        i % 40
    );
    for (n, level) in ["P0", "P0", "P1", "P1", "P2"].iter().enumerate() {
        let w = WORK[rng.next(WORK.len())];
        let _ = writeln!(s, "{}. **{level} — {w}** by Oct {}. Owner: {}.", n + 1, 1 + rng.next(28), TEAMS[rng.next(TEAMS.len())]);
    }
    let _ = writeln!(s, "\n## Plan\n");
    let w = WORK[rng.next(WORK.len())];
    let verb = ["double", "accelerate", "pause", "freeze spend on", "cut"][rng.next(5)];
    let _ = writeln!(s, "We will {verb} {w} in Q4. The {} team is fully allocated to {} in Q4.", TEAMS[rng.next(12)], WORK[rng.next(16)]);
    let _ = writeln!(
        s,
        "{} is blocked on {} for the {} API, needed by Nov {}.",
        team,
        TEAMS[rng.next(12)],
        WORK[rng.next(16)],
        1 + rng.next(28)
    );
    let _ = writeln!(s, "Holiday change freeze: Nov 23–Dec 1. The {} launch is Nov {}.", WORK[rng.next(16)], 20 + rng.next(10));
    let _ = writeln!(s, "\n## Wins\n\n- Kudos to the on-call crew for a quiet week.\n- Please welcome our new hire!\n");
    for p in 0..20 {
        let _ = writeln!(
            s,
            "Paragraph {p}: progress on {} continues; we expect the next milestone in {} weeks.",
            WORK[rng.next(16)],
            1 + rng.next(6)
        );
    }
    s
}

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1000);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rng = Rng(42);
    let mut bytes = 0;
    let mut inputs = Vec::new();
    for i in 0..n {
        let text = update(i, &mut rng);
        bytes += text.len();
        let path = dir.path().join(format!("update-{i:05}.md"));
        std::fs::write(&path, text).expect("write");
        inputs.push(path.display().to_string());
    }
    scope::diag::set_quiet(true);
    println!("summarize: {n} generated updates, {:.1} MB", bytes as f64 / 1e6);
    let mut totals = Vec::new();
    for run in 1..=3 {
        let t0 = Instant::now();
        let docs = scope::load::load(&inputs, &scope::load::LoadOptions { max_file_bytes: u64::MAX }).expect("load");
        let t1 = Instant::now();
        let statements = scope::extract::statements(&docs, chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"));
        let ts = Instant::now();
        let facts = scope::extract::update::extract(&docs, &statements);
        let t2 = Instant::now();
        let opts = scope::analyse::summarize::SummarizeOptions { focus: None, max_priorities: 10 };
        let mut report = scope::report::Report::Summarize(scope::analyse::summarize::summarize(&docs, &statements, &facts, &opts));
        let t3 = Instant::now();
        if run == 1 {
            let scope::report::Report::Summarize(r) = &report else { unreachable!("a summarize report") };
            let mut kinds = std::collections::BTreeMap::new();
            for c in &r.conflicts {
                *kinds.entry(c.kind.as_str()).or_insert(0) += 1;
            }
            println!(
                "found: {} priorities, {} dependencies, conflicts {kinds:?}, {} changes, {} gaps",
                r.priorities.len(),
                r.dependencies.len(),
                r.changes.len(),
                r.gaps.len()
            );
        }
        let citations = scope::verify::verify(&docs, &mut report);
        let t4 = Instant::now();
        let json = serde_json::to_string(&report).expect("json");
        let t5 = Instant::now();
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        println!(
            "run {run}: load {:.0} ms, extract {:.0} ms (statements {:.0} ms), analyse {:.0} ms, verify {:.0} ms ({} citations), render {:.0} ms ({} KB) — total {:.0} ms",
            ms(t0, t1),
            ms(t1, t2),
            ms(t1, ts),
            ms(t2, t3),
            ms(t3, t4),
            citations.total,
            ms(t4, t5),
            json.len() / 1024,
            ms(t0, t5)
        );
        totals.push(ms(t0, t5));
    }
    totals.sort_by(|a, b| a.total_cmp(b));
    println!("summarize {n} updates: median {:.0} ms, best {:.0} ms", totals[1], totals[0]);
}
