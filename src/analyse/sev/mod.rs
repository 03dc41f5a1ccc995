//! The offline engine for `sev-patterns`: each postmortem's facts and failure kind, then
//! what recurs across them — patterns (a kind or mechanism shared by 2+ incidents) with
//! automated mitigations tied to the incidents' own action items, repeat-offender
//! services, detection and response statistics, and a prevention checklist.

pub mod classify;
pub mod lexicon;
pub mod mechanisms;
mod patterns;
mod stats;

use crate::analyse::Timeline;
use crate::document::Document;
use crate::extract::Cite;
use crate::extract::postmortem::Postmortem;
use crate::report::sev::{ActionItem, Incident, SevReport};
use classify::Classification;
use serde::{Deserialize, Serialize};

/// The failure taxonomy of DESIGN.md: a closed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    ConfigChange,
    Deploy,
    CapacityOverload,
    DependencyFailure,
    TimeCertificate,
    Database,
    Network,
    HardwarePower,
    Security,
    Other,
}

/// Every kind, in taxonomy order.
pub const KINDS: [Kind; 10] = [
    Kind::ConfigChange,
    Kind::Deploy,
    Kind::CapacityOverload,
    Kind::DependencyFailure,
    Kind::TimeCertificate,
    Kind::Database,
    Kind::Network,
    Kind::HardwarePower,
    Kind::Security,
    Kind::Other,
];

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ConfigChange => "config-change",
            Kind::Deploy => "deploy",
            Kind::CapacityOverload => "capacity-overload",
            Kind::DependencyFailure => "dependency-failure",
            Kind::TimeCertificate => "time-certificate",
            Kind::Database => "database",
            Kind::Network => "network",
            Kind::HardwarePower => "hardware-power",
            Kind::Security => "security",
            Kind::Other => "other",
        }
    }

    pub fn index(self) -> usize {
        KINDS.iter().position(|&k| k == self).expect("kind")
    }

    /// The kind a name denotes ("config-change", "Config change").
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim().to_lowercase().replace([' ', '_'], "-");
        KINDS.iter().copied().find(|k| k.as_str() == s)
    }
}

/// One incident as the analysis sees it.
pub struct Analysed<'a> {
    pub pm: &'a Postmortem,
    pub class: Classification,
    /// Index into `mechanisms::MECHANISMS`, with the sentence that shows it.
    pub mechanism: Option<(usize, Cite)>,
}

/// Builds the report from the extracted postmortems.
pub fn sev_patterns(docs: &[Document], pms: &[Postmortem]) -> SevReport {
    let t = Timeline::new(docs);
    let analysed: Vec<Analysed> = pms
        .iter()
        .map(|pm| {
            let class = classify::classify(pm);
            let mechanism = patterns::mechanism(pm, &class);
            Analysed { pm, class, mechanism }
        })
        .collect();
    let incidents: Vec<Incident> = analysed.iter().map(|a| incident(&t, a)).collect();
    let patterns = patterns::patterns(&t, &analysed);
    let repeat_offenders = patterns::repeat_offenders(&t, pms);
    let mut report = SevReport {
        command: "sev-patterns".into(),
        incidents,
        patterns,
        repeat_offenders,
        stats: Default::default(),
        checklist: Vec::new(),
        citations: Default::default(),
    };
    complete(&mut report);
    report
}

/// Fills in what is computed from incidents and patterns whichever engine found them:
/// statistics, the checklist, and repeat offenders when none were found yet.
pub fn complete(r: &mut SevReport) {
    r.stats = stats::stats(&r.incidents);
    if r.repeat_offenders.is_empty() {
        r.repeat_offenders = patterns::offenders_of(&r.incidents);
    }
    r.checklist = patterns::checklist(&r.patterns);
}

fn incident(t: &Timeline, a: &Analysed) -> Incident {
    let pm = a.pm;
    let mut cites: Vec<&Cite> = vec![&pm.title.cite];
    cites.extend(a.class.signals.iter().map(|s| &s.cite));
    let facts = [
        pm.severity.as_ref().map(|f| &f.cite),
        pm.started_at.as_ref().map(|f| &f.cite),
        pm.duration_minutes.as_ref().map(|f| &f.cite),
        pm.detected_by.as_ref().map(|f| &f.cite),
        pm.trigger.as_ref().map(|f| &f.cite),
        pm.root_cause.as_ref().map(|f| &f.cite),
    ];
    cites.extend(facts.into_iter().flatten());
    cites.extend(pm.services.iter().map(|s| &s.cite));
    if let Some((_, c)) = &a.mechanism {
        cites.push(c);
    }
    let evidence = t.evidence_all(cites.into_iter().filter(|c| !c.quote.is_empty()));
    let ttd = match (&pm.started_at, &pm.detected_at) {
        (Some(s), Some(d)) if d.value >= s.value => Some((d.value - s.value).num_minutes()),
        _ => None,
    };
    Incident {
        file: t.docs[pm.doc].path.clone(),
        title: pm.title.value.clone(),
        kind: a.class.kind.as_str().into(),
        second_kind: a.class.second.map(|k| k.as_str().to_string()),
        severity: pm.severity.as_ref().map(|f| f.value.clone()),
        started_at: pm.started_at.as_ref().map(|f| f.value.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%MZ").to_string()),
        duration_minutes: pm.duration_minutes.as_ref().map(|f| f.value),
        time_to_detect_minutes: ttd,
        detected_by: pm.detected_by.as_ref().map(|f| f.value.as_str().to_string()),
        services: pm.services.iter().map(|s| s.value.clone()).collect(),
        trigger: pm.trigger.as_ref().map(|f| f.value.clone()),
        root_cause: pm.root_cause.as_ref().map(|f| f.value.clone()),
        mechanism: a.mechanism.as_ref().map(|(m, _)| mechanisms::MECHANISMS[*m].name.to_string()),
        action_items: pm
            .action_items
            .iter()
            .map(|x| ActionItem {
                text: x.text.clone(),
                owner: x.owner.clone(),
                priority: x.priority.clone(),
                evidence: vec![t.evidence(&x.cite)],
            })
            .collect(),
        classified_by: a.class.signals.iter().map(|s| format!("\"{}\" (line {}, weight {})", s.phrase, s.cite.line, s.weight)).collect(),
        evidence,
    }
}
