//! `cargo bench --bench sev_patterns [-- N]`: runs the offline sev-patterns pipeline
//! (load → extract → classify and find patterns → verify → render) on N generated
//! postmortems (default 10,000) in the four shapes real teams write — SRE-book sections,
//! incident-tool front matter, `| Field | Value |` wiki tables and narrative prose —
//! and prints the wall time of each stage and the peak memory of the process.
//! The generator is seeded, so runs are comparable.

use std::fmt::Write as _;
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const SERVICES: [&str; 10] = [
    "payments-api",
    "checkout-web",
    "ledger-db",
    "api-gateway",
    "search-svc",
    "media-transcoder",
    "auth-service",
    "cdn-edge",
    "webhooks-dispatcher",
    "billing-worker",
];
/// (what happened, root cause) per kind.
const STORIES: [(&str, &str); 9] = [
    (
        "A global configuration push set an invalid rate limit on {s}.",
        "The config change skipped the staging ring and was replicated to all regions within a minute.",
    ),
    (
        "A release of {s} shipped a regression in the request parser.",
        "The deploy went to every host at once because the canary stage was disabled.",
    ),
    (
        "Clients retried failed calls to {s} immediately, creating a retry storm.",
        "No exponential backoff or retry budget; load reached 9x normal and exhausted the connection pool.",
    ),
    (
        "Our upstream payment provider had an outage that took {s} down.",
        "Every checkout call depends on the third-party provider with no fallback.",
    ),
    (
        "The TLS certificate on {s} expired at midnight.",
        "Renewal automation had been failing silently for weeks; nothing alerted on expiry.",
    ),
    (
        "A schema migration on {s} held a table lock for 14 minutes.",
        "The ALTER TABLE ran without a lock timeout behind a long-running transaction.",
    ),
    (
        "A BGP route change withdrew the prefixes that serve {s}.",
        "A router configuration error announced a route leak to our transit providers.",
    ),
    ("A power failure in one data centre hall took {s} offline.", "The UPS batteries failed during the transfer to generators."),
    (
        "An access key for {s} leaked in a public repository and was used by an attacker.",
        "The key was long-lived and secret scanning was not enabled.",
    ),
];

fn postmortem(i: usize, rng: &mut Rng) -> String {
    let s = SERVICES[rng.next(SERVICES.len())];
    let (what, why) = STORIES[rng.next(STORIES.len())];
    let what = what.replace("{s}", s);
    let (month, day, hour, minutes) = (1 + rng.next(12), 1 + rng.next(28), rng.next(20), 10 + rng.next(170));
    let sev = 1 + rng.next(4);
    let detected = ["alert", "customer", "engineer"][rng.next(3)];
    let mut out = String::new();
    match i % 4 {
        0 => {
            let _ = write!(
                out,
                "# Incident {i}: {s}\n\n## Summary\n\n{what} Severity: SEV{sev}.\n\n## Impact\n\nFor {minutes} minutes requests to {s} failed.\n\n## Root Cause\n\n{why}\n\n## Detection\n\nDetected by {detected}.\n\n## Timeline\n\n"
            );
        }
        1 => {
            let _ = write!(
                out,
                "---\ntitle: Incident {i} on {s}\nseverity: SEV{sev}\nstarted_at: 2026-{month:02}-{day:02}T{hour:02}:05:00Z\nresolved_at: 2026-{month:02}-{day:02}T{:02}:35:00Z\ndetected_by: {detected}\nservices: [{s}]\n---\n\n## What happened\n\n{what}\n\n## Why\n\n{why}\n\n## Timeline\n\n",
                hour + 2
            );
        }
        2 => {
            let _ = write!(
                out,
                "# Incident {i}\n\n| Field | Value |\n|---|---|\n| Severity | P{} |\n| Duration | {minutes} minutes |\n| Detected by | {detected} |\n| Services | {s} |\n\n## Description\n\n{what}\n\n## Root cause\n\n{why}\n\n## Timeline\n\n",
                sev - 1
            );
        }
        _ => {
            let _ = write!(
                out,
                "Incident {i}\n\nOn 2026-{month:02}-{day:02} at {hour:02}:05 UTC our on-call engineer was paged. {what} The outage lasted {minutes} minutes.\n\n{why}\n\n"
            );
        }
    }
    for t in 0..12 {
        let _ = writeln!(out, "- {:02}:{:02} UTC — engineers investigated dashboards for {s} and posted update {t}.", hour, t * 4);
    }
    let _ = write!(
        out,
        "\n## Action Items\n\n| Action | Owner | Priority |\n|---|---|---|\n| Add a staged rollout with automatic rollback | team-{} | P1 |\n| Alert on certificate expiry 30 days ahead | sre | P2 |\n| Add retry budgets and jittered backoff | platform | P1 |\n",
        rng.next(9)
    );
    out
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<f64>().ok()? / 1024.0)
}

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rng = Rng(42);
    let mut bytes = 0;
    for i in 0..n {
        let text = postmortem(i, &mut rng);
        bytes += text.len();
        std::fs::write(dir.path().join(format!("pm-{i:05}.md")), text).expect("write");
    }
    println!("sev-patterns: {n} generated postmortems, {:.1} MB", bytes as f64 / 1e6);
    let inputs = vec![dir.path().to_string_lossy().to_string()];
    for run in 1..=3 {
        let t0 = Instant::now();
        let docs = scope::load::load(&inputs, &scope::load::LoadOptions { max_file_bytes: u64::MAX }).expect("load");
        let t1 = Instant::now();
        let pms = scope::extract::postmortem::extract(&docs);
        let t2 = Instant::now();
        let report = scope::analyse::sev::sev_patterns(&docs, &pms);
        let t3 = Instant::now();
        if run == 1 {
            println!(
                "found: {} incidents, {} patterns, {} repeat offenders, kinds {:?}",
                report.incidents.len(),
                report.patterns.len(),
                report.repeat_offenders.len(),
                report.stats.by_kind
            );
        }
        let mut report = scope::report::Report::SevPatterns(report);
        let citations = scope::verify::verify(&docs, &mut report);
        let t4 = Instant::now();
        let json = serde_json::to_string(&report).expect("json");
        let t5 = Instant::now();
        println!(
            "run {run}: total {:.2} s (load {:.2}, extract {:.2}, analyse {:.2}, verify {:.2}, render {:.2}); {} KB JSON, citations {}/{}",
            (t5 - t0).as_secs_f64(),
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            (t3 - t2).as_secs_f64(),
            (t4 - t3).as_secs_f64(),
            (t5 - t4).as_secs_f64(),
            json.len() / 1024,
            citations.verified,
            citations.total
        );
    }
    if let Some(mb) = peak_rss_mb() {
        println!("peak memory (VmHWM): {mb:.0} MB");
    }
}
