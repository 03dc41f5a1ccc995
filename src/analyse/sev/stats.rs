//! Detection and response statistics over the incidents: counts by kind and severity,
//! who detected, the share customers found first, and median and worst time to detect
//! and to resolve (over the incidents that state them — unknowns are counted, never
//! filled in).

use crate::report::sev::{Incident, Spread, Stats};
use std::collections::BTreeMap;

/// Median (the lower of the two middle values for an even count, so it is a value some
/// incident had) and worst.
pub fn spread(values: impl Iterator<Item = i64>) -> Spread {
    let mut v: Vec<i64> = values.collect();
    v.sort_unstable();
    Spread { median: (!v.is_empty()).then(|| v[(v.len() - 1) / 2]), worst: v.last().copied(), known: v.len() }
}

pub fn stats(incidents: &[Incident]) -> Stats {
    let mut by_kind = BTreeMap::new();
    let mut by_severity = BTreeMap::new();
    let mut detected_by = BTreeMap::new();
    for i in incidents {
        *by_kind.entry(i.kind.clone()).or_insert(0) += 1;
        *by_severity.entry(i.severity.clone().unwrap_or_else(|| "unknown".into())).or_insert(0) += 1;
        *detected_by.entry(i.detected_by.clone().unwrap_or_else(|| "unknown".into())).or_insert(0) += 1;
    }
    let known = incidents.iter().filter(|i| i.detected_by.is_some()).count();
    let customers = incidents.iter().filter(|i| i.detected_by.as_deref() == Some("customer")).count();
    let dates: Vec<&str> = incidents.iter().filter_map(|i| i.started_at.as_deref()).map(|s| s.get(..10).unwrap_or(s)).collect();
    Stats {
        incidents: incidents.len(),
        by_kind,
        by_severity,
        detected_by,
        customer_detected_share: (known > 0).then(|| (customers as f64 / known as f64 * 100.0).round() / 100.0),
        time_to_detect_minutes: spread(incidents.iter().filter_map(|i| i.time_to_detect_minutes)),
        time_to_resolve_minutes: spread(incidents.iter().filter_map(|i| i.duration_minutes)),
        first: dates.iter().min().map(|s| s.to_string()),
        last: dates.iter().max().map(|s| s.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_worst_over_known_values() {
        let s = spread([30, 10, 240, 45].into_iter());
        assert_eq!((s.median, s.worst, s.known), (Some(30), Some(240), 4));
        assert_eq!(spread(std::iter::empty()).median, None);
    }
}
