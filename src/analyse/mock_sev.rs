//! The offline engine for `mock-sev`: a "wheel of misfortune" drill built from what the
//! postmortems actually show. The seed picks one of the recurring patterns (or one
//! incident when nothing recurs); the system design, when given, names the component the
//! drill happens to. Injects follow the way such incidents unfolded — first signal the
//! way past incidents were detected (alert or customer), a red herring, an escalation,
//! the clue quoted from a real root cause, a complication — and the expected actions grow
//! with the level (IC4 mitigates; IC5 also commands and finds the root cause; IC6 also
//! coordinates teams and trade-offs; IC7 also takes on the pattern itself).

use crate::report::Evidence;
use crate::report::drill::{Action, DrillReport, Inject, Risk, Scenario};
use crate::report::sev::{Incident, Pattern, SevReport};
use regex::Regex;
use std::sync::LazyLock;

/// A small seeded generator: the same seed gives the same drill.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

/// Signals by failure kind: (first alert, dashboard, complication, mitigation).
fn signals(kind: &str, svc: &str) -> [String; 4] {
    let s = |a: &str| a.replace("{s}", svc);
    let [a, b, c, d] = match kind {
        "config-change" => [
            "PAGE: {s} 5xx error rate 38% in every region at once",
            "Dashboard: errors began within two minutes in all regions; no deploy of {s} in the last day",
            "Rolling back one region's config does not help: the config distributor pushes the bad version again",
            "Roll back the configuration everywhere and freeze config pushes",
        ],
        "deploy" => [
            "PAGE: {s} error rate 12% and rising since 14:02",
            "Dashboard: the errors come only from hosts on the new build",
            "The rollback pipeline is queued behind the still-running rollout",
            "Halt the rollout and roll back to the previous build",
        ],
        "capacity-overload" => [
            "PAGE: {s} p99 latency 4.8 s, request rate 6x baseline",
            "Dashboard: connection pool saturated; most requests are retries from clients",
            "Restarting {s} instances makes it worse: they come back cold and are flooded at once",
            "Shed load at the edge and cap client retries until the backlog drains",
        ],
        "dependency-failure" => [
            "PAGE: {s} timeouts calling an upstream provider; checkout success 61%",
            "Dashboard: our side is healthy; every failing call goes to one external endpoint",
            "The provider's status page still says all systems operational",
            "Fail over to the secondary provider or degrade gracefully, and open a vendor ticket",
        ],
        "time-certificate" => [
            "Customer report: 'your API says certificate expired' — TLS handshake failures to {s}",
            "Dashboard: handshake errors from 00:00 UTC exactly; nothing was deployed",
            "The renewal job shows green, but it renewed a different certificate",
            "Issue and deploy a fresh certificate, then find every other certificate from the same issuer",
        ],
        "database" => [
            "PAGE: {s} write latency 30 s; requests piling up behind locks",
            "Dashboard: one table has hundreds of sessions waiting on a lock held by a migration",
            "Killing the migration leaves a half-applied schema change",
            "Kill the blocking session, pause migrations, and fail the migration safely",
        ],
        "network" => [
            "PAGE: {s} unreachable from one region; packet loss 40%",
            "Dashboard: traffic to one prefix dropped to zero after a routing change",
            "DNS changes propagate slowly: some clients still resolve the old address",
            "Revert the routing change and drain the affected region",
        ],
        "hardware-power" => [
            "PAGE: hosts for {s} in one rack stop reporting",
            "Dashboard: the rack's power feed dropped; the other racks are at 90% capacity",
            "Failing over to the remaining racks overloads them",
            "Drain the rack, shift traffic to another zone, and shed non-critical load",
        ],
        "security" => [
            "Alert: unusual API calls with a service credential of {s} from an unknown network",
            "Dashboard: the credential was used 400 times in 10 minutes to list storage buckets",
            "Rotating the key breaks three internal jobs that still use it",
            "Revoke and rotate the credential, and preserve logs for the investigation",
        ],
        _ => [
            "PAGE: {s} error rate above its SLO",
            "Dashboard: errors started at 14:02 without an obvious change",
            "The first mitigation attempt does not move the error rate",
            "Mitigate first (roll back, fail over, shed load), then diagnose",
        ],
    };
    [s(a), s(b), s(c), s(d)]
}

static COMPONENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"`([a-z][a-z0-9]*(?:[-_][a-z0-9]+)+)`|\b([a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:api|svc|service|gateway|db|worker|proxy|router|server|cluster|queue|cache|store|fleet))\b").expect("regex")
});

/// Component names a system design uses (`predict-router`, `payments-api`).
pub fn components(design: &crate::document::Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in COMPONENT.captures_iter(&design.text) {
        let n = c.get(1).or(c.get(2)).map_or("", |m| m.as_str()).to_string();
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

fn levels(level: &str) -> usize {
    match level.to_uppercase().as_str() {
        "IC4" => 0,
        "IC5" => 1,
        "IC6" => 2,
        _ => 3,
    }
}

/// Builds the drill from the sev-patterns report of the postmortems.
pub fn drill(sev: &SevReport, components: &[String], level: &str, seed: u64) -> DrillReport {
    let mut rng = Rng(seed ^ 0x5eed);
    let pattern: Option<&Pattern> = (!sev.patterns.is_empty()).then(|| &sev.patterns[rng.next(sev.patterns.len().min(3))]);
    let members: Vec<&Incident> = match pattern {
        Some(p) => sev.incidents.iter().filter(|i| p.incidents.contains(&i.file)).collect(),
        None => sev.incidents.get(rng.next(sev.incidents.len())).into_iter().collect(),
    };
    let kind = pattern.map_or_else(|| members.first().map_or("other".to_string(), |i| i.kind.clone()), |p| p.kind.clone());
    let services: Vec<&String> = members.iter().flat_map(|i| i.services.iter()).collect();
    let service = components
        .iter()
        .find(|c| services.iter().any(|s| s.eq_ignore_ascii_case(c)))
        .or(components.first())
        .cloned()
        .or_else(|| services.first().map(|s| s.to_string()))
        .unwrap_or_else(|| "the checkout service".into());
    let [first, dashboard, complication, mitigation] = signals(&kind, &service);
    let customers_first = sev.stats.customer_detected_share.is_some_and(|s| s >= 0.3);
    let clue = members.iter().find_map(|i| i.root_cause.as_ref().map(|r| (i, r)));
    let clue_evidence: Vec<Evidence> = clue
        .and_then(|(i, r)| {
            i.evidence.iter().find(|e| r.contains(e.quote.as_str()) || e.quote.contains(crate::text::quote(r, 40).as_str())).cloned()
        })
        .into_iter()
        .collect();
    let jitter = |rng: &mut Rng, base: u32| base + rng.next(3) as u32;
    let other = sev
        .incidents
        .iter()
        .find(|i| !members.iter().any(|m| m.file == i.file))
        .and_then(|i| i.services.first().cloned())
        .unwrap_or_else(|| "an unrelated service".into());
    let mut injects = vec![
        Inject {
            minute: 0,
            kind: if customers_first { "customer".into() } else { "alert".into() },
            signal: if customers_first {
                format!("Support: 14 tickets in 5 minutes — customers say {service} is failing; no page has fired yet")
            } else {
                first.clone()
            },
            evidence: Vec::new(),
        },
        Inject { minute: jitter(&mut rng, 4), kind: "dashboard".into(), signal: dashboard, evidence: Vec::new() },
        Inject {
            minute: jitter(&mut rng, 9),
            kind: "herring".into(),
            signal: format!("Someone notices that {other} deployed 20 minutes ago and suggests rolling it back"),
            evidence: Vec::new(),
        },
        Inject {
            minute: jitter(&mut rng, 14),
            kind: "escalation".into(),
            signal: "An executive joins the channel and asks for an ETA and a customer statement".into(),
            evidence: Vec::new(),
        },
    ];
    if let Some((i, r)) = clue {
        injects.push(Inject {
            minute: jitter(&mut rng, 20),
            kind: "clue".into(),
            signal: format!(
                "A responder finds the same thing as in {}: {}",
                crate::text::file_name(&i.file),
                crate::text::clip_words(r, 30)
            ),
            evidence: clue_evidence.clone(),
        });
    }
    injects.push(Inject { minute: jitter(&mut rng, 27), kind: "complication".into(), signal: complication, evidence: Vec::new() });
    injects.push(Inject {
        minute: jitter(&mut rng, 40),
        kind: "recovery".into(),
        signal: format!("After the right mitigation ({}), error rates return to baseline within 10 minutes", mitigation.to_lowercase()),
        evidence: Vec::new(),
    });
    let name = pattern.map_or_else(|| members.first().map_or(String::new(), |i| i.title.clone()), |p| p.name.clone());
    let checks: Vec<String> = pattern.map(|p| p.mitigations.iter().map(|m| m.automated_check.clone()).collect()).unwrap_or_default();
    let up_to = levels(level);
    let ladder: [Vec<String>; 4] = [
        vec![
            "Acknowledge the page, open an incident channel and say what you see".into(),
            format!("Mitigate before diagnosing: {mitigation}"),
            "Escalate to the owning team and an incident commander if not mitigated in 15 minutes".into(),
        ],
        vec![
            "Take incident command or assign it; name a communications lead and a scribe".into(),
            "Post status updates every 30 minutes, internally and on the status page".into(),
            "Separate the trigger from the root cause; do not chase the red herring without evidence".into(),
        ],
        vec![
            "Coordinate the teams involved and make the trade-off call (degrade, shed or fail over) explicitly".into(),
            "Brief the executive with impact, ETA and the customer statement; keep responders focused".into(),
            format!("Own the follow-ups across the {} past incidents of this kind, not only this one", members.len()),
        ],
        vec![
            format!(
                "Recognise the recurring pattern ({name}) and sponsor the systemic fix: {}",
                checks.first().cloned().unwrap_or_else(|| "an automated guard in the pipeline".into())
            ),
            "Put the fix on the roadmap with an owner and a date; review it at the next operational review".into(),
        ],
    ];
    let expected_actions = ladder
        .iter()
        .enumerate()
        .take(up_to + 1)
        .flat_map(|(k, v)| v.iter().map(move |a| Action { level: format!("IC{}", k + 4), action: a.clone() }))
        .collect();
    let mut risks: Vec<Risk> = checks
        .iter()
        .map(|c| Risk { risk: format!("Not yet automated: {c}"), evidence: pattern.map(|p| p.evidence.clone()).unwrap_or_default() })
        .collect();
    if customers_first {
        risks.push(Risk {
            risk: format!(
                "Customers detected {:.0}% of past incidents before any alert",
                sev.stats.customer_detected_share.unwrap_or(0.0) * 100.0
            ),
            evidence: Vec::new(),
        });
    }
    for r in sev.repeat_offenders.iter().take(2) {
        risks.push(Risk {
            risk: format!("{} was involved in {} past incidents", r.service, r.incidents.len()),
            evidence: r.evidence.iter().take(2).cloned().collect(),
        });
    }
    let debrief = vec![
        "What was the first signal, and how long until someone acted on it?".to_string(),
        "How did you tell the trigger from the root cause, and what did the red herring cost?".to_string(),
        format!(
            "Which action item from {} would have prevented this, and why is it not done?",
            members.iter().map(|i| crate::text::file_name(&i.file)).collect::<Vec<_>>().join(", ")
        ),
        "Who made the trade-off call during the complication, and with what information?".to_string(),
        "What would an automated check have caught before a human did?".to_string(),
    ];
    let premise = format!(
        "It is a weekday afternoon. You are on call for {service}. This drill replays the {} pattern seen in {} past incident(s) ({}): nothing is known yet; respond as you would for real.",
        if name.is_empty() { kind.clone() } else { name.clone() },
        members.len(),
        members.iter().map(|i| crate::text::file_name(&i.file)).collect::<Vec<_>>().join(", ")
    );
    let mut evidence: Vec<Evidence> = pattern.map(|p| p.evidence.clone()).unwrap_or_default();
    evidence.extend(clue_evidence);
    DrillReport {
        command: "mock-sev".into(),
        seed,
        level: level.to_uppercase(),
        scenario: Scenario {
            title: format!("Mock SEV: {service} — {}", if name.is_empty() { &kind } else { &name }),
            pattern: name,
            kind,
            service,
            based_on: members.iter().map(|i| i.file.clone()).collect(),
        },
        premise,
        injects,
        expected_actions,
        risks,
        debrief,
        evidence,
        citations: Default::default(),
    }
}
