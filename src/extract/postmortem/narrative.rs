//! Fields read from labelled metadata first and from prose second: severity, times and
//! duration, detection, services, trigger and root cause. A prose reading needs a cue
//! that the sentence states the field ("declared a SEV2", "began at 14:05 UTC", "was
//! caused by"); without one the field stays null.

use super::fields::{self, Field, Key};
use super::times::{self, Instant};
use super::{Detection, Fact, Postmortem, Role, Sentence};
use crate::document::Document;
use crate::extract::Cite;
use crate::text;
use regex::Regex;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("regex")
}

fn cite(pm: &Postmortem, line: usize, quote: &str) -> Cite {
    Cite { doc: pm.doc, line, quote: text::quote(quote, 220) }
}

fn field_cite(pm: &Postmortem, f: &Field) -> Cite {
    cite(pm, f.line, &f.quote)
}

static SEV_CODE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bsev(?:erity)?[\s\-_:]*([0-5])\b|\b(?:p|pri)[\s\-]?([0-4])\b"));
static SEV_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(critical|major|high|medium|moderate|minor|low)\b"));
static SEV_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:declared|classified|rated|categori[sz]ed|treated|opened|escalated|was|as)\b[^.]{0,25}?\b(sev(?:erity)?[\s\-]?[0-5]|p[0-3])\b|\b(?:declared|classified|rated|categori[sz]ed|treated|opened|escalated|was|as)\b[^.]{0,25}?\b(critical|major)\s+(?:incident|outage|event|severity)|\b(sev[\s\-]?[0-5])\b|\b(p[0-3]|critical|major)\s+incident\b",
    )
});

/// "SEV2", "Sev-1", "P1", "critical", "level 2" → SEV1..SEV4 (SEV0 stays SEV0).
pub fn normalise_severity(v: &str, labelled: bool) -> Option<String> {
    if let Some(c) = SEV_CODE.captures(v) {
        if let Some(n) = c.get(1) {
            return Some(format!("SEV{}", n.as_str()));
        }
        let p: u8 = c[2].parse().ok()?;
        return Some(format!("SEV{}", (p + 1).min(4)));
    }
    if let Some(c) = SEV_WORD.captures(v) {
        let n = match c[1].to_lowercase().as_str() {
            "critical" => 1,
            "major" | "high" => 2,
            "medium" | "moderate" | "minor" => 3,
            _ => 4,
        };
        return Some(format!("SEV{n}"));
    }
    // A bare number under a severity label: "Severity: 2".
    let t = v.trim();
    (labelled && t.len() == 1 && t.chars().all(|c| c.is_ascii_digit())).then(|| format!("SEV{t}"))
}

pub fn severity(pm: &mut Postmortem, fields: &[Field]) {
    // "Priority: P1" under an action item is the item's priority, not the incident's.
    let actions: std::collections::BTreeSet<usize> = pm.sentences.iter().filter(|s| s.role == Role::Actions).map(|s| s.line).collect();
    for f in fields.iter().filter(|f| f.key == Key::Severity && !actions.contains(&f.line)) {
        if let Some(v) = normalise_severity(&f.value, true) {
            pm.severity = Some(Fact { value: v, cite: field_cite(pm, f) });
            return;
        }
    }
    let found = pm.sentences.iter().filter(|s| !matches!(s.role, Role::Actions | Role::Lessons)).find_map(|s| {
        let c = SEV_PROSE.captures(&s.text)?;
        // "major" or "critical" alone describe; as a severity they qualify an incident.
        // A bare "SEV1" counts where the write-up describes this incident, not in passing
        // ("unlike last month's SEV1").
        if c.get(3).is_some() && !(s.lead || matches!(s.role, Role::Title | Role::Summary | Role::Impact)) {
            return None;
        }
        let code = c.get(1).or(c.get(2)).or(c.get(3)).or(c.get(4))?.as_str();
        Some((normalise_severity(code, false)?, s.line, s.text.clone()))
    });
    if let Some((v, line, t)) = found {
        pm.severity = Some(Fact { value: v, cite: cite(pm, line, &t) });
    }
}

static STARTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(began|begins|beginning|started|starting|start of|onset|first (?:error|alert|report|sign|page)s?|impact (?:began|started)|outage began|from \d)",
    )
});
static EVENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(outage|incident|errors?|alert\w*|paged|page|alarm\w*|fail\w*|degrad\w*|unavailab\w*|down|elevated|spike\w*|impact\w*|timeouts?|5\d\d)\b",
    )
});
static ENDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(resolved|restored|recovered|mitigated|back to normal|fully operational|returned to normal|all clear|ended|was over|stabili[sz]ed|service (?:was )?back|full recovery|fully recovered)",
    )
});
static OUTAGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(outage|incident|downtime|disruption|unavailab|degrad|impact|interruption|errors?|affected|lasted|down for|offline|fail\w*|broken|could not|couldn't|unable|slow\w*|delayed)",
    )
});
static LASTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(lasted|lasting|duration|for a total of|outage of|downtime of|down for|total of|over the course of|in total|(?:outage|incident|disruption|degradation|downtime) (?:of|for|lasting)|\d+[- ](?:minute|hour)s? (?:outage|incident|disruption|downtime)|\b\d+ (?:minutes|hours) of (?:\w+ )?(?:outage|downtime|degrad\w*|disruption|errors|fail\w*|impact|unavailability|delay\w*)|\bfor (?:about |around |approximately |roughly |nearly |almost |just (?:over|under) |over |under |a bit (?:over|under) |some |more than |less than )?(?:\d|an? |one|two|three|four|five|six|seven|eight|nine|ten|twelve|half))",
    )
});

/// Start, end, detection time and duration.
pub fn times(pm: &mut Postmortem, doc: &Document, fields: &[Field]) {
    let day = fields::first(fields, Key::Date).and_then(|f| times::instant(&f.value, doc.date)).map(|(i, _)| i.date_naive()).or(doc.date);
    // Without a document date, the first full date the write-up gives ("8 October 2024").
    let day = day.or_else(|| pm.sentences.iter().take(60).find_map(|s| times::instant(&s.text, None)).map(|(i, _)| i.date_naive()));
    let from_field =
        |key: Key, day| fields.iter().filter(|f| f.key == key).find_map(|f| times::instant(&f.value, day).map(|(t, _)| (t, f.clone())));
    if let Some((t, f)) = from_field(Key::Start, day) {
        pm.started_at = Some(Fact { value: t, cite: field_cite(pm, &f) });
    }
    let day = day.or(pm.started_at.as_ref().map(|s| s.value.date_naive()));
    // A stated window ("from 13:07 to 13:30 UTC") gives start and end together.
    if pm.started_at.is_none() || from_field(Key::End, day).is_none() {
        let window =
            pm.sentences.iter().filter(|s| !matches!(s.role, Role::Actions | Role::Lessons | Role::WentWell | Role::Timeline)).find_map(
                |s| {
                    let labelled =
                        fields.iter().any(|f| f.line == s.line && matches!(f.key, Key::Duration | Key::Start | Key::End | Key::Window));
                    let telling = s.lead || matches!(s.role, Role::Summary | Role::Impact | Role::Title);
                    (labelled || telling || OUTAGE.is_match(&s.text)).then(|| times::range(&s.text, day).map(|r| (r, s))).flatten()
                },
            );
        if let Some(((a, b), s)) = window {
            let c = cite(pm, s.line, &s.text);
            pm.started_at.get_or_insert(Fact { value: a, cite: c.clone() });
            pm.ended_at = Some(Fact { value: b, cite: c });
        }
    }
    if pm.started_at.is_none() {
        // A stated start, else the first timed event of the incident (an alert, errors).
        let found = prose_instant(&pm.sentences, &STARTED, day, |_| true).or_else(|| prose_instant(&pm.sentences, &EVENT, day, |_| true));
        pm.started_at = found.map(|(t, s)| Fact { value: t, cite: cite(pm, s.line, &s.text) });
    }
    let day = day.or(pm.started_at.as_ref().map(|s| s.value.date_naive()));
    if let Some((t, f)) = from_field(Key::End, day) {
        pm.ended_at = Some(Fact { value: t, cite: field_cite(pm, &f) });
    } else if pm.ended_at.is_some() {
    } else if let Some(start) = pm.started_at.as_ref().map(|s| s.value) {
        let after = |t: &Instant| *t > start && (*t - start).num_days() < 7;
        pm.ended_at = prose_instant(&pm.sentences, &ENDED, day, after).map(|(t, s)| Fact { value: t, cite: cite(pm, s.line, &s.text) });
    }
    if let Some((t, f)) = from_field(Key::DetectedAt, day).or_else(|| from_field(Key::Detection, day)) {
        pm.detected_at = Some(Fact { value: t, cite: field_cite(pm, &f) });
    }
    duration(pm, fields);
}

/// The first sentence with the cue and a time of day that passes `keep`.
fn prose_instant<'a>(
    sentences: &'a [Sentence],
    cue: &Regex,
    day: Option<chrono::NaiveDate>,
    keep: impl Fn(&Instant) -> bool,
) -> Option<(Instant, &'a Sentence)> {
    sentences.iter().filter(|s| !matches!(s.role, Role::Actions | Role::Lessons | Role::WentWell) && cue.is_match(&s.text)).find_map(|s| {
        let (t, timed) = times::instant(&s.text, day)?;
        (timed && keep(&t)).then_some((t, s))
    })
}

fn duration(pm: &mut Postmortem, fields: &[Field]) {
    for f in fields.iter().filter(|f| matches!(f.key, Key::Duration | Key::Window)) {
        if let Some((m, _)) = times::duration(&f.value) {
            pm.duration_minutes = Some(Fact { value: m, cite: field_cite(pm, f) });
            return;
        }
    }
    if let (Some(a), Some(b)) = (&pm.started_at, &pm.ended_at) {
        let m = (b.value - a.value).num_minutes();
        if m >= 0 {
            // Cited where the end is stated; the start has its own citation.
            pm.duration_minutes = Some(Fact { value: m, cite: b.cite.clone() });
            return;
        }
    }
    let found = pm
        .sentences
        .iter()
        .filter(|s| !matches!(s.role, Role::Actions | Role::Lessons | Role::WentWell | Role::Timeline))
        .filter(|s| LASTED.is_match(&s.text) && (OUTAGE.is_match(&s.text) || s.lead || matches!(s.role, Role::Summary | Role::Impact)))
        .find_map(|s| times::duration(&s.text).map(|(m, _)| (m, s.line, s.text.clone())));
    if let Some((m, line, t)) = found {
        pm.duration_minutes = Some(Fact { value: m, cite: cite(pm, line, &t) });
    }
}

static ALERT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(monitor\w*|alert\w*|alarm\w*|pag(?:ed|er|ing)|page|automated|synthetic|probes?|health ?checks?|pagerduty|opsgenie|slo burn|canary analysis)\b",
    )
});
static CUSTOMER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(customers?|users? (?:report|complain|contact|tweet)\w*|support (?:tickets?|team|cases?|requests?|line|inbox|queue|calls?)|tickets?|users|players|fans|shoppers|buyers|subscribers|tenants|viewers|readers|some of you|(?:\w+ )?noticed before we did|complain\w*|twitter|tweets?|social media|reports from|merchants?|partners? (?:report|contact)\w*|status page|reddit|forum|members of the public|clients?)\b",
    )
});
static ENGINEER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(engineers?|developers?|employees?|staff|team members?|sres?|operators?|we noticed|internal(?:ly)? (?:users?|testing|report)|dogfood\w*|colleague|on-?call engineer noticed|someone|she|he|maintainers?|volunteers?|contributors?|admins?|administrators?|analysts?|a person|one of (?:our|the) \w+)\b",
    )
});
static DETECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(detect\w*|notic\w*|alerted|paged|discover\w*|identified|became aware|first (?:sign|indication|report|alert)s?|reported|reports|alerts? fired|alert:|flagged|spotted|caught|fired|raised|escalated|opened|filed|tipped off|learned)\b",
    )
});
static NO_ALERT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:no|not|nobody|no one|did not|didn't|failed to|never|without (?:an? )?)\s+(?:\w+\s+){0,2}(?:alert|page|alarm|monitor|fire|trigger|detect)\w*|(?:alert|alarm|monitor)\w*\s+(?:\w+\s+){0,2}(?:did not|didn't|failed to|never|was not|were not)",
    )
});

static NOTICED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(notic\w*|spott\w*|discover\w*|observ\w*|found|saw|realiz\w*|realis\w*|investigat\w*|report\w*|flagg\w*|raised|detected|identified|caught)\b",
    )
});
static PAGED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(paged|pager|alerted by|alerts? (?:fired|triggered)|alarm)"));

fn agent(text: &str, labelled: bool) -> Option<Detection> {
    let alert = ALERT.find(text).filter(|_| !NO_ALERT.is_match(text)).map(|m| m.start());
    let customer = CUSTOMER.find(text).map(|m| m.start());
    // An engineer who was paged did not notice it themselves.
    let engineer = ENGINEER.find(text).filter(|_| (labelled || NOTICED.is_match(text)) && !PAGED.is_match(text)).map(|m| m.start());
    // The first agent named is usually the one who noticed ("customers reported …
    // before the alert fired").
    [(alert, Detection::Alert), (customer, Detection::Customer), (engineer, Detection::Engineer)]
        .into_iter()
        .filter_map(|(at, d)| at.map(|a| (a, d)))
        .min()
        .map(|(_, d)| d)
}

pub fn detection(pm: &mut Postmortem, fields: &[Field]) {
    for f in fields.iter().filter(|f| f.key == Key::Detection) {
        if let Some(d) = agent(&f.value, true) {
            pm.detected_by = Some(Fact { value: d, cite: field_cite(pm, f) });
            return;
        }
    }
    let candidates = |roles: &[Role]| {
        pm.sentences
            .iter()
            .filter(|s| roles.contains(&s.role) && !s.heading)
            .find_map(|s| DETECT_VERB.is_match(&s.text).then(|| agent(&s.text, false)).flatten().map(|d| (d, s.line, s.text.clone())))
    };
    let any_in_detection = || {
        pm.sentences
            .iter()
            .filter(|s| s.role == Role::Detection && !s.heading)
            .find_map(|s| agent(&s.text, false).map(|d| (d, s.line, s.text.clone())))
    };
    let found = candidates(&[Role::Detection])
        .or_else(any_in_detection)
        .or_else(|| candidates(&[Role::Timeline]))
        .or_else(|| candidates(&[Role::Summary, Role::Body, Role::Impact, Role::Resolution, Role::Cause, Role::Trigger]));
    if let Some((d, line, t)) = found {
        pm.detected_by = Some(Fact { value: d, cite: cite(pm, line, &t) });
    }
}

static SERVICE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"`([A-Za-z][\w.-]{2,40})`|\b([a-z][a-z0-9]+(?:-[a-z0-9]+)*-(?:api|svc|service|gateway|db|worker|proxy|server|cluster|queue|cache|store|router|auth|web|app))\b",
    )
});
static NOT_AFFECTED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(not (?:affected|impacted|involved)|no impact|unaffected|unrelated|continued to (?:work|operate))"));

/// Services: the labelled list, else service-like names in what the write-up says
/// happened (not in "X was not affected").
pub fn services(pm: &mut Postmortem, fields: &[Field]) {
    let mut seen = std::collections::BTreeSet::new();
    for f in fields.iter().filter(|f| f.key == Key::Services) {
        for name in f.value.split([',', ';', '/', '\n']).flat_map(|p| p.split(" and ")) {
            let name = name.trim().trim_matches(['`', '"', '[', ']', '.', '*']).trim();
            let placeholder =
                matches!(name.to_lowercase().as_str(), "none" | "n/a" | "na" | "-" | "—" | "tbd" | "unknown" | "various" | "all");
            if !name.is_empty() && !placeholder && name.len() <= 60 && seen.insert(name.to_lowercase()) {
                let c = field_cite(pm, f);
                pm.services.push(Fact { value: name.to_string(), cite: c });
            }
        }
    }
    if !pm.services.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for s in pm
        .sentences
        .iter()
        .filter(|s| matches!(s.role, Role::Summary | Role::Impact | Role::Cause | Role::Trigger | Role::Body | Role::Title))
    {
        if NOT_AFFECTED.is_match(&s.text) {
            continue;
        }
        for c in SERVICE_NAME.captures_iter(&s.text) {
            let name = c.get(1).or(c.get(2)).map(|m| m.as_str()).unwrap_or_default();
            // Services are kebab-case; `rate_limit_per_ip` is a config key.
            if name.contains('-') && !name.contains(['/', '_', '.']) && seen.insert(name.to_lowercase()) {
                found.push(Fact { value: name.to_string(), cite: cite(pm, s.line, &s.text) });
            }
        }
    }
    pm.services = found;
}

static ROOT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(root cause|underlying cause|was caused by|were caused by|caused by|the cause|because (?:of )?|due to|stemmed from|the result of|resulted from|traced (?:it |this )?(?:back )?to|attributed to|originated)",
    )
});
static ALERT_FIRED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:alert|alarm|page|pager|monitor)\w*\s+(?:was\s+|were\s+)?trigger"));
static TRIGGER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(trigger(?:ed|ing)?|set off|kicked off|initiated by|began when|started when)\b"));

/// Trigger and root cause: labelled fields, else the opening statement of a "Trigger" /
/// "Root cause" section, else a sentence with a causal cue.
pub fn causes(pm: &mut Postmortem, fields: &[Field]) {
    let field = |k: Key| fields.iter().find(|f| f.key == k && f.value.len() > 8);
    if let Some(f) = field(Key::RootCause) {
        pm.root_cause = Some(Fact { value: text::quote(&f.value, 300), cite: field_cite(pm, f) });
    }
    if let Some(f) = field(Key::Trigger) {
        pm.trigger = Some(Fact { value: text::quote(&f.value, 300), cite: field_cite(pm, f) });
    }
    let in_section = |role: Role, cue: &Regex| {
        let body: Vec<&Sentence> = pm.sentences.iter().filter(|s| s.role == role && !s.heading).collect();
        body.iter().find(|s| cue.is_match(&s.text)).or(body.first()).map(|s| (s.line, s.text.clone()))
    };
    let anywhere = |cue: &Regex| {
        pm.sentences
            .iter()
            .filter(|s| !s.heading && !matches!(s.role, Role::Actions | Role::Lessons | Role::WentWell | Role::Timeline | Role::Detection))
            // "An alert triggered at 14:05" is detection, not the trigger.
            .find(|s| cue.is_match(&s.text) && !ALERT_FIRED.is_match(&s.text))
            .map(|s| (s.line, s.text.clone()))
    };
    if pm.root_cause.is_none()
        && let Some((line, t)) = in_section(Role::Cause, &ROOT).or_else(|| anywhere(&ROOT))
    {
        pm.root_cause = Some(Fact { value: text::quote(&t, 300), cite: cite(pm, line, &t) });
    }
    if pm.trigger.is_none()
        && let Some((line, t)) = in_section(Role::Trigger, &TRIGGER).or_else(|| anywhere(&TRIGGER))
    {
        pm.trigger = Some(Fact { value: text::quote(&t, 300), cite: cite(pm, line, &t) });
    }
}

#[cfg(test)]
mod tests {
    use super::super::postmortem;
    use super::*;

    fn pm(text: &str) -> Postmortem {
        postmortem(0, &crate::load::parse("pm.md".into(), text.into(), String::new()))
    }

    #[test]
    fn normalises_severity_notations() {
        assert_eq!(normalise_severity("Sev-1", false).as_deref(), Some("SEV1"));
        assert_eq!(normalise_severity("P0", false).as_deref(), Some("SEV1"));
        assert_eq!(normalise_severity("P2", false).as_deref(), Some("SEV3"));
        assert_eq!(normalise_severity("major", false).as_deref(), Some("SEV2"));
        assert_eq!(normalise_severity("2", true).as_deref(), Some("SEV2"));
        assert_eq!(normalise_severity("2", false), None);
    }

    #[test]
    fn reads_a_narrative_post() {
        let p = pm("Checkout outage\n\nOn March 3, 2026 at 14:20 PST our on-call engineer was paged by an error-rate alert. \
            We declared a SEV2 incident. Service was restored at 15:05 PST. The root cause was an expired certificate on `edge-proxy`.\n");
        assert_eq!(p.severity.as_ref().unwrap().value, "SEV2");
        assert_eq!(p.detected_by.as_ref().unwrap().value, Detection::Alert);
        assert_eq!(p.duration_minutes.as_ref().unwrap().value, 45);
        assert!(p.root_cause.as_ref().unwrap().value.contains("expired certificate"));
        assert_eq!(p.services[0].value, "edge-proxy");
    }

    #[test]
    fn leaves_unstated_fields_null() {
        let p = pm("# Slow search\n\nSearch was slow for a while. A major outage of patience ensued.\n");
        assert!(p.severity.is_none(), "'major outage' is a description, not a severity");
        assert!(p.duration_minutes.is_none());
        assert!(p.detected_by.is_none());
    }

    #[test]
    fn customer_reports_before_alerts() {
        let p = pm("# X\n\n## Detection\n\nCustomers reported failures; no alert fired for 20 minutes.\n");
        assert_eq!(p.detected_by.unwrap().value, Detection::Customer);
    }
}
