//! Instants and durations as postmortems write them: RFC 3339 (`2026-03-14T09:12:00Z`),
//! "2026-03-14 09:12 UTC", "March 3, 2026 14:20 PST", "2:05 PM PST", "10:55 a.m. PST",
//! and durations such as "47 minutes", "2h 15m", "1 hour and 5 minutes" or "about three
//! hours". Time zones become offsets; an instant without a date borrows the incident's.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use regex::Regex;
use std::sync::LazyLock;

/// A point in time with the offset it was written in.
pub type Instant = DateTime<FixedOffset>;

const MONTHS: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z\b|[+-]\d{2}:?\d{2}\b|[A-Z]{2,5}\b)?)?")
        .expect("regex")
});
static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:({MONTHS})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\b\.?)(?:,?\s+(\d{{4}}))?(?:,?\s+(?:at\s+|around\s+|~)?{TIME})?"
    ))
    .expect("regex")
});
const TIME: &str = r"(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(Z\b|UTC\b|GMT\b|[ECMP][SD]?T\b|CES?T\b|BST\b|IST\b|JST\b|AES?T\b|[+-]\d{2}:?\d{2}\b)?";
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2}):(\d{2})(?::\d{2})?\s*(a\.?m\.?|p\.?m\.?)?\s*(?:\(?\s*(Z\b|UTC\b|GMT\b|[ECMP][SD]?T\b|CES?T\b|BST\b|IST\b|JST\b|AES?T\b|[+-]\d{2}:?\d{2}\b))?")
        .expect("regex")
});

/// The offset of a zone name or numeric offset ("PST" → -08:00); None when unknown.
pub fn zone(z: &str) -> Option<FixedOffset> {
    let z = z.trim().to_ascii_uppercase();
    let hours = match z.as_str() {
        "Z" | "UTC" | "GMT" => 0.0,
        "PST" | "PT" => -8.0,
        "PDT" | "MST" => -7.0,
        "MDT" | "CST" | "CT" => -6.0,
        "CDT" | "EST" | "ET" => -5.0,
        "MT" => -7.0,
        "EDT" => -4.0,
        "CET" | "BST" => 1.0,
        "CEST" => 2.0,
        "IST" => 5.5,
        "JST" => 9.0,
        "AEST" => 10.0,
        _ => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z.chars().filter(char::is_ascii_digit).collect();
            if !(z.starts_with('+') || z.starts_with('-')) || digits.len() != 4 {
                return None;
            }
            let (h, m): (i32, i32) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
            return FixedOffset::east_opt(sign * (h * 3600 + m * 60));
        }
    };
    FixedOffset::east_opt((hours * 3600.0) as i32)
}

fn month(s: &str) -> Option<u32> {
    let m = s.to_ascii_lowercase();
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|p| m.starts_with(p))
        .map(|i| i as u32 + 1)
}

fn clock(h: u32, m: u32, ampm: Option<&str>) -> Option<NaiveTime> {
    let pm = ampm.is_some_and(|s| s.to_ascii_lowercase().starts_with('p'));
    let am = ampm.is_some_and(|s| s.to_ascii_lowercase().starts_with('a'));
    let h = match (h, pm, am) {
        (12, false, true) => 0,
        (h, true, _) if h < 12 => h + 12,
        (h, _, _) => h,
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

fn at(date: NaiveDate, time: NaiveTime, offset: Option<FixedOffset>) -> Option<Instant> {
    let off = offset.unwrap_or_else(|| FixedOffset::east_opt(0).expect("utc"));
    off.from_local_datetime(&NaiveDateTime::new(date, time)).single()
}

/// The first instant written in `s`. A bare clock time takes `day`'s date; without a zone
/// the time is read as UTC. Returns the instant and whether the text gave a time of day.
pub fn instant(s: &str, day: Option<NaiveDate>) -> Option<(Instant, bool)> {
    if let Some(c) = ISO.captures(s) {
        let date = NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        let Some(h) = c.get(4) else {
            return Some((at(date, NaiveTime::MIN, None)?, false));
        };
        let time =
            NaiveTime::from_hms_opt(h.as_str().parse().ok()?, c[5].parse().ok()?, c.get(6).map_or(Ok(0), |x| x.as_str().parse()).ok()?)?;
        return Some((at(date, time, c.get(7).and_then(|z| zone(z.as_str())))?, true));
    }
    if let Some(c) = WRITTEN.captures(s) {
        let (m, d) = match (c.get(1), c.get(3)) {
            (Some(m), _) => (month(m.as_str())?, c[2].parse().ok()?),
            (None, Some(d)) => (month(&c[4])?, d.as_str().parse().ok()?),
            _ => return None,
        };
        let year = c.get(5).and_then(|y| y.as_str().parse().ok()).or(day.map(|d| chrono::Datelike::year(&d)))?;
        let date = NaiveDate::from_ymd_opt(year, m, d)?;
        // A bare number after the date is only a time with a colon, am/pm or a zone.
        let hour = c.get(6).filter(|_| c.get(7).is_some() || c.get(8).is_some() || c.get(9).is_some());
        let Some(h) = hour else {
            return Some((at(date, NaiveTime::MIN, None)?, false));
        };
        let time = clock(h.as_str().parse().ok()?, c.get(7).map_or(Ok(0), |x| x.as_str().parse()).ok()?, c.get(8).map(|x| x.as_str()))?;
        return Some((at(date, time, c.get(9).and_then(|z| zone(z.as_str())))?, true));
    }
    let c = CLOCK.captures(s)?;
    let time = clock(c[1].parse().ok()?, c[2].parse().ok()?, c.get(3).map(|x| x.as_str()))?;
    Some((at(day?, time, c.get(4).and_then(|z| zone(z.as_str())))?, true))
}

static RANGE_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:Z|UTC|GMT|[ECMP][SD]?T|CES?T|BST)?\s*(?:on\s+[\w ,]{3,30}?)?\s*(?:–|—|-|to|until|till|through)\s*$")
        .expect("regex")
});

/// A time range written in `s`: "from 13:07 to 13:30 UTC", "(10:00–10:52 ET)", "09:14 UTC
/// on 8 October until 04:34 UTC on 9 October". A range that ends before it starts on the
/// same day crosses midnight.
pub fn range(s: &str, day: Option<NaiveDate>) -> Option<(Instant, Instant)> {
    let clocks: Vec<regex::Captures> = CLOCK.captures_iter(s).collect();
    for w in clocks.windows(2) {
        let (a, b) = (w[0].get(0).expect("match"), w[1].get(0).expect("match"));
        let between = &s[a.end()..b.start()];
        if !RANGE_SEP.is_match(between) {
            continue;
        }
        // A date written with either end ("on 8 October") applies to it.
        let mut to = (b.end() + 30).min(s.len());
        while !s.is_char_boundary(to) {
            to -= 1;
        }
        let after = &s[b.end()..to];
        let after = after.get(..after.find(['.', ';', '(']).unwrap_or(after.len())).unwrap_or("");
        let date_of = |t: &str| instant(t, day).filter(|_| !CLOCK.is_match(t.trim())).map(|(i, _)| i.date_naive());
        let Some(d1) = date_of(between).or(day) else { continue };
        let d2 = date_of(after).unwrap_or(d1);
        let zone_of = |c: &regex::Captures| c.get(4).and_then(|z| zone(z.as_str()));
        let z = zone_of(&w[1]).or(zone_of(&w[0]));
        // "from 2:05 to 2:40 PM": the start takes the end's am/pm.
        let ampm = w[0].get(3).or(w[1].get(3)).map(|x| x.as_str());
        let t =
            |c: &regex::Captures, ampm: Option<&str>| clock(c[1].parse().ok()?, c[2].parse().ok()?, c.get(3).map(|x| x.as_str()).or(ampm));
        let (Some(t1), Some(t2)) = (t(&w[0], ampm), t(&w[1], None)) else { continue };
        let (Some(start), Some(mut end)) = (at(d1, t1, zone_of(&w[0]).or(z)), at(d2, t2, z)) else { continue };
        if end < start && d1 == d2 {
            end += chrono::Duration::days(1);
        }
        if end >= start {
            return Some((start, end));
        }
    }
    None
}

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    // A word number needs a whole unit word after it ("an hour", not the "a" of "AM").
    Regex::new(r"(?i)\b(?:(\d+(?:\.\d+)?\s*(?:-\s*)?|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half an?)\s+(?:-\s*)?)(h|hrs?|hours?|m|mins?|minutes?|d|days?)\b(?:,?\s*(?:and\s+)?(\d+)\s*(m|mins?|minutes?)\b)?)").expect("regex")
});

static MINUTES_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(\d{1,2})\s*m(?:in(?:ute)?s?)?\b").expect("regex"));

fn number(w: &str) -> Option<f64> {
    let w = w.to_ascii_lowercase();
    let n = match w.as_str() {
        "a" | "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "twelve" => 12.0,
        w if w.starts_with("half") => 0.5,
        w => w.parse().ok()?,
    };
    Some(n)
}

/// Minutes in the first duration written in `s` ("2h 15m", "47 minutes", "about three
/// hours", "1 hour and 5 minutes"), with the byte range it covers.
pub fn duration(s: &str) -> Option<(i64, std::ops::Range<usize>)> {
    for c in DURATION.captures_iter(s) {
        let n = number(c[1].trim().trim_end_matches('-').trim())?;
        let unit = c[2].to_ascii_lowercase();
        let per = if unit.starts_with('h') {
            60.0
        } else if unit.starts_with('d') {
            1440.0
        } else {
            1.0
        };
        // "2 m" or "3 d" apart are too ambiguous (metres, millions); short units stick.
        if (unit == "m" || unit == "d") && c[0].contains(char::is_whitespace) {
            continue;
        }
        let extra: f64 = c.get(3).and_then(|m| m.as_str().parse().ok()).unwrap_or(0.0);
        let mut total = n * per + extra;
        // "2h 15m" is one duration split by a space.
        if per == 60.0 && c.get(3).is_none() {
            let rest = &s[c.get(0).expect("match").end()..];
            if let Some(m) = MINUTES_AFTER.captures(rest) {
                total += m[1].parse::<f64>().unwrap_or(0.0);
                let end = c.get(0).expect("match").end() + m.get(0).expect("match").end();
                return Some((total.round() as i64, c.get(0).expect("match").start()..end));
            }
        }
        return Some((total.round() as i64, c.get(0).expect("match").range()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn utc(s: &str, day: Option<NaiveDate>) -> String {
        instant(s, day).unwrap().0.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%M").to_string()
    }

    #[test]
    fn reads_instants_in_common_formats() {
        assert_eq!(utc("2014-01-24T10:55:00-08:00", None), "2014-01-24T18:55");
        assert_eq!(utc("2026-03-14 09:12 UTC", None), "2026-03-14T09:12");
        assert_eq!(utc("On March 3, 2026 at 2:20 PM PST the pager fired", None), "2026-03-03T22:20");
        assert_eq!(utc("at 10:55 a.m. PST", Some(d("2014-01-24"))), "2014-01-24T18:55");
        assert_eq!(utc("3 March 2026, 14:20 CET", None), "2026-03-03T13:20");
        assert_eq!(utc("Tuesday, March 3rd at 14:20 PST", Some(d("2026-01-01"))), "2026-03-03T22:20");
        assert!(!instant("June 8, 2021", None).unwrap().1, "a date alone has no time of day");
        assert!(instant("at 10:55", None).is_none(), "a clock time needs a day");
        assert!(instant("7 separate alerts fired", None).is_none(), "'sep' inside a word is not September");
    }

    #[test]
    fn reads_ranges() {
        let mins = |s: &str| range(s, Some(d("2024-02-06"))).map(|(a, b)| (b - a).num_minutes());
        assert_eq!(mins("from 13:07 to 13:30 UTC, checkout failed"), Some(23));
        assert_eq!(mins("For 52 minutes (10:00–10:52 ET) fans"), Some(52));
        assert_eq!(mins("impact from 09:14 UTC on 8 October until 04:34 UTC on 9 October"), Some(1160));
        assert_eq!(mins("Window: 23:50 - 00:20 UTC"), Some(30));
        assert_eq!(mins("from 2:05 to 2:40 PM PST the job ran"), Some(35));
        assert_eq!(mins("from 10:00 AM – 11:05 AM PST"), Some(65));
        assert_eq!(mins("at 13:07, then at 13:30 it recovered"), None);
    }

    #[test]
    fn reads_durations() {
        assert_eq!(duration("lasted 47 minutes").unwrap().0, 47);
        assert_eq!(duration("2h 15m").unwrap().0, 135);
        assert_eq!(duration("about three hours").unwrap().0, 180);
        assert_eq!(duration("1 hour and 5 minutes").unwrap().0, 65);
        assert_eq!(duration("for 2 hours, 10 minutes").unwrap().0, 130);
        assert_eq!(duration("half an hour").unwrap().0, 30);
        assert_eq!(duration("1.5 hours").unwrap().0, 90);
        assert!(duration("10:00 AM PST and ad-serving").is_none(), "'AM' is not a minute, 'ad' not a day");
    }
}
