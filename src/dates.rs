//! Dates as first-class facts: finds dates, weeks, months, quarters, halves and ranges in
//! text and turns them into inclusive day spans, so "ships Oct 20–24" inside "freeze
//! Oct 19–30" is an overlap and "Sep 30" versus "Oct 15" is a slip. Year-less dates take
//! the year of a reference date (the document's), rolling forward when that would put them
//! far in the past.

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// How fine the written date was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    Half,
}

/// One date found in text: its span and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub precision: Precision,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn day(d: NaiveDate) -> Span {
        Span { start: d, end: d }
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start <= other.end && other.start <= self.end
    }
    /// "2026-10-15" for a day, "2026-10-01..2026-10-31" otherwise.
    pub fn label(&self) -> String {
        if self.start == self.end { self.start.to_string() } else { format!("{}..{}", self.start, self.end) }
    }
}

const MONTH: &str = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)";

fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace("MONTH", MONTH)).expect("valid date regex")
}

static ISO: LazyLock<Regex> = LazyLock::new(|| re(r"\b(20\d\d)[-/.](\d{1,2})[-/.](\d{1,2})\b"));
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\bMONTH\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:\s*(?:-|–|—|to|through|thru)\s*(\d{1,2})\b(?:st|nd|rd|th)?)?(?:,?\s+(20\d\d)\b)?")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?MONTH\b\.?(?:,?\s+(20\d\d)\b)?"));
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b"));
static PART_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(early|mid|late|end of|the end of|beginning of|start of|first half of|second half of)[- ]?MONTH\b(?:,?\s+(20\d\d)\b)?")
});
static WEEK_OF_MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(first|second|third|fourth|last|1st|2nd|3rd|4th)\s+week\s+(?:of|in)\s+MONTH\b(?:,?\s+(20\d\d)\b)?"));
static ISO_WEEKS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:weeks?|wks?|cw|kw)\s*(\d{1,2})(?:\s*(?:-|–|—|to|through)\s*(\d{1,2}))?\b(?:,?\s+(20\d\d)\b)?"));
static HOLIDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(thanksgiving|black friday|cyber monday|christmas(?: eve)?|new year'?s?(?: day| eve)?|halloween|independence day|labou?r day)\b(?:\s+(20\d\d)\b)?",
    )
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\bMONTH,?\s+(20\d\d)\b"));
static CUE_MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i:\b(?:in|by|until|till|through|thru|during|before|after|from|for|since|into|to)\s+)MONTH\b"));
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(end of|early|mid|late|start of|beginning of|the end of)[- ])?(?:(20\d\d)\s*)?(?:CY|FY)?Q([1-4])\b(?:\s*(?:'|’)(\d\d)\b|\s+(20\d\d)\b|\s*FY\s*(\d\d)\b)?",
    )
});
static HALF: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:([12])H|H([12]))\b(?:\s*(?:'|’)(\d\d)\b|\s+(20\d\d)\b)?"));
static END_OF: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(EOQ|EOM|EOY|EOW|end of (?:the )?(?:quarter|month|year|week)|(?:end of |by )?next (?:week|month))\b"));
static WEEK_OF: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:the\s+)?(?:week|wk)\s+of\s*$"));
static NUMERIC_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?:by|on|until|till|due|before|after|from|eta|target|thru|through|starting|ending|since|(?:wk|week) of|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|freeze|blackout|window|moratorium|cutover|launch|release|live|ga|deadline|date|starts?|ends?|runs?|booked|scheduled|planned|moved?|slips?|pushed|is|now|lands?|ships?)\s*:?\s*\**|\d{1,2}/\d{1,2}\s*\**\s*(?:[-–—→]|->|to|through|thru)|[→]|->)\s*\**\s*$",
    )
});
/// A numeric date that starts a range ("11/2 → 11/20") needs no other cue.
static RANGE_AHEAD: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*\**\s*(?:[-–—→]|->|to|through|thru)\s*\**\s*\d{1,2}/\d{1,2}"));
/// "2/7 done", "3/4 of the team": a fraction, not a date.
static COUNT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:done|complete|completed|of|clusters?|nodes?|services?|teams?|people|engineers?|tests?|passing|ready|left|remaining|migrated|shards?|regions?|sites?|items?|tasks?|stories|points|pods?|squads?)\b",
    )
});
static RANGE_GLUE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*\**\s*(?:-|–|—|→|->|to|through|thru|until|till)\s*\**\s*$"));

/// "between X and Y": a range.
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:between|from)\s+(?:the\s+)?$"));
static MOVED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:mov(?:e|es|ed|ing)|slip(?:s|ped|ping)?|push(?:es|ed|ing)?|shift(?:s|ed|ing)?|delay(?:s|ed|ing)?|pull(?:s|ed|ing)? in|reschedul\w*)\b[^.;]{0,25}?\bfrom\s+(?:the\s+)?$",
    )
});
static AND_GLUE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*(?:and|to|until|through)\s+(?:the\s+)?$"));

fn month_num(name: &str) -> u32 {
    let m = name.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|p| m.starts_with(p)).map(|i| i as u32 + 1).unwrap_or(1)
}

fn last_day(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).expect("valid month") - Duration::days(1)
}

fn month_span(year: i32, month: u32) -> Span {
    Span { start: NaiveDate::from_ymd_opt(year, month, 1).expect("valid month"), end: last_day(year, month) }
}

fn quarter_span(year: i32, q: u32) -> Span {
    let first = (q - 1) * 3 + 1;
    Span { start: month_span(year, first).start, end: last_day(year, first + 2) }
}

fn two_digit_year(y: &str) -> i32 {
    let n: i32 = y.parse().unwrap_or(0);
    if y.len() == 2 { 2000 + n } else { n }
}

/// Chooses a year for a year-less span: the reference year, or the next one when the span
/// would end more than four months before the reference.
fn infer_year(reference: NaiveDate, make: impl Fn(i32) -> Option<Span>) -> Option<Span> {
    let this = make(reference.year())?;
    if this.end < reference - Duration::days(122) {
        make(reference.year() + 1).or(Some(this))
    } else if this.start > reference + Duration::days(320) {
        // "shipped Dec 12" in a January update is last December.
        make(reference.year() - 1).or(Some(this))
    } else {
        Some(this)
    }
}

/// Today, or the day `SOURCE_DATE_EPOCH` names, so runs can be reproduced exactly.
pub fn today() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now)
        .date_naive()
}

fn with_year(year: Option<&str>, reference: NaiveDate, make: impl Fn(i32) -> Option<Span>) -> Option<Span> {
    match year {
        Some(y) => make(two_digit_year(y)),
        None => infer_year(reference, make),
    }
}

fn part_of(span: Span, part: &str) -> Span {
    let days = (span.end - span.start).num_days();
    let (a, b) = match part.to_ascii_lowercase().as_str() {
        "early" | "beginning of" | "start of" => (0, days / 3),
        "mid" => (days / 3, 2 * days / 3),
        "late" => (2 * days / 3, days),
        "first half of" => (0, days / 2),
        "second half of" => (days / 2, days),
        _ => (days - days / 4, days), // end of
    };
    Span { start: span.start + Duration::days(a), end: span.start + Duration::days(b) }
}

/// Mentions found so far; a date that cannot exist (Feb 30) is skipped.
struct Found(Vec<Mention>);

impl Found {
    fn push(&mut self, start: usize, end: usize, span: Option<Span>, precision: Precision) {
        if let Some(span) = span {
            self.0.push(Mention { span, precision, start, end });
        }
    }
}

/// Single days: ISO, "Oct 15", "15 October", "10/15".
fn day_dates(text: &str, reference: NaiveDate, found: &mut Found) {
    for c in ISO.captures_iter(text) {
        let m = c.get(0).unwrap();
        let (y, mo, d) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        found.push(m.start(), m.end(), NaiveDate::from_ymd_opt(y, mo, d).map(Span::day), Precision::Day);
    }
    for c in MONTH_DAY.captures_iter(text) {
        let m = c.get(0).unwrap();
        if &c[1] == "MAY" && m.as_str().len() < 5 {
            continue;
        }
        let mo = month_num(&c[1]);
        let d1: u32 = c[2].parse().unwrap_or(0);
        let d2: Option<u32> = c.get(3).and_then(|d| d.as_str().parse().ok());
        let span = with_year(c.get(4).map(|y| y.as_str()), reference, |y| {
            let s = NaiveDate::from_ymd_opt(y, mo, d1)?;
            let e = match d2 {
                Some(d2) if d2 > d1 => NaiveDate::from_ymd_opt(y, mo, d2)?,
                _ => s,
            };
            Some(Span { start: s, end: e })
        });
        found.push(m.start(), m.end(), span, Precision::Day);
    }
    for c in DAY_MONTH.captures_iter(text) {
        let m = c.get(0).unwrap();
        let (d, mo) = (c[1].parse().unwrap_or(0), month_num(&c[2]));
        let span = with_year(c.get(3).map(|y| y.as_str()), reference, |y| NaiveDate::from_ymd_opt(y, mo, d).map(Span::day));
        found.push(m.start(), m.end(), span, Precision::Day);
    }
    for c in NUMERIC.captures_iter(text) {
        let m = c.get(0).unwrap();
        let after = &text[m.end()..];
        if after.starts_with(['/', '%']) || after.starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let cued = NUMERIC_CUE.is_match(&text[..m.start()]) || c.get(3).is_some() || RANGE_AHEAD.is_match(after);
        if !cued || COUNT_AFTER.is_match(after) {
            continue;
        }
        let (mo, d) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        let span = with_year(c.get(3).map(|y| y.as_str()), reference, |y| NaiveDate::from_ymd_opt(y, mo, d).map(Span::day));
        found.push(m.start(), m.end(), span, Precision::Day);
    }
}

/// Parts of months, weeks and whole months: "mid-October", "first week of December", "weeks 48-50", "November 2026", "in November".
fn weeks_and_months(text: &str, reference: NaiveDate, found: &mut Found) {
    for c in PART_MONTH.captures_iter(text) {
        let m = c.get(0).unwrap();
        let mo = month_num(&c[2]);
        let span = with_year(c.get(3).map(|y| y.as_str()), reference, |y| Some(month_span(y, mo)));
        found.push(m.start(), m.end(), span.map(|s| part_of(s, &c[1])), Precision::Week);
    }
    for c in WEEK_OF_MONTH.captures_iter(text) {
        let m = c.get(0).unwrap();
        let nth = match c[1].to_ascii_lowercase().as_str() {
            "first" | "1st" => 0,
            "second" | "2nd" => 1,
            "third" | "3rd" => 2,
            "fourth" | "4th" => 3,
            _ => 4,
        };
        let mo = month_num(&c[2]);
        let span = with_year(c.get(3).map(|y| y.as_str()), reference, |y| {
            let month = month_span(y, mo);
            let start = if nth == 4 { month.end - Duration::days(6) } else { month.start + Duration::days(7 * nth) };
            Some(Span { start, end: (start + Duration::days(6)).min(month.end) })
        });
        found.push(m.start(), m.end(), span, Precision::Week);
    }
    for c in ISO_WEEKS.captures_iter(text) {
        let m = c.get(0).unwrap();
        let (w1, w2): (u32, u32) = (c[1].parse().unwrap_or(0), c.get(2).and_then(|w| w.as_str().parse().ok()).unwrap_or(0));
        let span = with_year(c.get(3).map(|y| y.as_str()), reference, |y| {
            let start = NaiveDate::from_isoywd_opt(y, w1, chrono::Weekday::Mon)?;
            let last = if w2 >= w1 { w2 } else { w1 };
            let end = NaiveDate::from_isoywd_opt(y, last, chrono::Weekday::Sun)?;
            Some(Span { start, end })
        });
        found.push(m.start(), m.end(), span, Precision::Week);
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let m = c.get(0).unwrap();
        let span = Some(month_span(c[2].parse().unwrap_or(2000), month_num(&c[1])));
        found.push(m.start(), m.end(), span, Precision::Month);
    }
    for c in CUE_MONTH.captures_iter(text) {
        let g = c.get(1).unwrap();
        let mo = month_num(g.as_str());
        found.push(g.start(), g.end(), infer_year(reference, |y| Some(month_span(y, mo))), Precision::Month);
    }
}

/// Quarters, halves, holidays and "end of quarter/next week" relative to the reference.
fn periods(text: &str, reference: NaiveDate, found: &mut Found) {
    for c in QUARTER.captures_iter(text) {
        let m = c.get(0).unwrap();
        let q: u32 = c[3].parse().unwrap_or(1);
        let year = c.get(2).or(c.get(4)).or(c.get(5)).or(c.get(6)).map(|y| y.as_str());
        let span = with_year(year, reference, |y| Some(quarter_span(y, q)));
        let (span, precision) = match c.get(1) {
            Some(p) => (span.map(|s| part_of(s, p.as_str())), Precision::Month),
            None => (span, Precision::Quarter),
        };
        found.push(m.start(), m.end(), span, precision);
    }
    for c in HALF.captures_iter(text) {
        let m = c.get(0).unwrap();
        let h: u32 = c.get(1).or(c.get(2)).map_or(1, |h| h.as_str().parse().unwrap_or(1));
        let year = c.get(3).or(c.get(4)).map(|y| y.as_str());
        let span = with_year(year, reference, |y| Some(Span { start: quarter_span(y, h * 2 - 1).start, end: quarter_span(y, h * 2).end }));
        found.push(m.start(), m.end(), span, Precision::Half);
    }
    for c in HOLIDAY.captures_iter(text) {
        let m = c.get(0).unwrap();
        let name = c[1].to_ascii_lowercase();
        let span = with_year(c.get(2).map(|y| y.as_str()), reference, |y| holiday(&name, y).map(Span::day));
        found.push(m.start(), m.end(), span, Precision::Day);
    }
    for c in END_OF.captures_iter(text) {
        let m = c.get(0).unwrap();
        let k = c[1].to_ascii_lowercase();
        let r = reference;
        let span = if k.contains("next") {
            let next = if k.contains("week") { r + Duration::days(7) } else { month_span(r.year(), r.month()).end + Duration::days(1) };
            if k.contains("week") {
                let monday = next - Duration::days(next.weekday().num_days_from_monday() as i64);
                Some(Span { start: monday, end: monday + Duration::days(4) })
            } else {
                Some(month_span(next.year(), next.month()))
            }
        } else if k.contains('q') || k.contains("quarter") {
            Some(part_of(quarter_span(r.year(), (r.month() - 1) / 3 + 1), "end of"))
        } else if k.contains('m') && !k.contains("week") {
            Some(part_of(month_span(r.year(), r.month()), "end of"))
        } else if k.contains('y') {
            Some(Span { start: last_day(r.year(), 12) - Duration::days(30), end: last_day(r.year(), 12) })
        } else {
            Some(Span { start: r, end: r + Duration::days(7) })
        };
        found.push(m.start(), m.end(), span, Precision::Week);
    }
}

/// Finds every date-like mention in `text`, in order, overlapping matches resolved in
/// favour of the longest, adjacent mentions joined into ranges ("Nov 23 – Dec 1").
pub fn find(text: &str, reference: NaiveDate) -> Vec<Mention> {
    // Most sentences hold no date: one cheap pass rules them out before a dozen patterns run.
    static MAYBE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|eo[qmyw]|end of|thanksgiving|black friday|cyber monday|christmas|new year|halloween|independence day|labou?r day",
        )
    });
    if !MAYBE.is_match(text) {
        return Vec::new();
    }
    let mut found = Found(Vec::new());
    day_dates(text, reference, &mut found);
    weeks_and_months(text, reference, &mut found);
    periods(text, reference, &mut found);
    resolve(text, found.0)
}

/// The date of a holiday business text plans around (US calendar for the movable ones).
fn holiday(name: &str, year: i32) -> Option<NaiveDate> {
    let nth_weekday = |month: u32, weekday: chrono::Weekday, n: u8| NaiveDate::from_weekday_of_month_opt(year, month, weekday, n);
    let thanksgiving = nth_weekday(11, chrono::Weekday::Thu, 4)?;
    Some(match name {
        "thanksgiving" => thanksgiving,
        "black friday" => thanksgiving + Duration::days(1),
        "cyber monday" => thanksgiving + Duration::days(4),
        "christmas eve" => NaiveDate::from_ymd_opt(year, 12, 24)?,
        "christmas" => NaiveDate::from_ymd_opt(year, 12, 25)?,
        "halloween" => NaiveDate::from_ymd_opt(year, 10, 31)?,
        "independence day" => NaiveDate::from_ymd_opt(year, 7, 4)?,
        "labor day" | "labour day" => nth_weekday(9, chrono::Weekday::Mon, 1)?,
        n if n.ends_with("eve") => NaiveDate::from_ymd_opt(year, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(year + 1, 1, 1)?,
    })
}

/// Keeps the longest of overlapping mentions, widens "week of X" and joins ranges.
fn resolve(text: &str, mut found: Vec<Mention>) -> Vec<Mention> {
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Mention> = Vec::new();
    for m in found {
        if kept.last().is_some_and(|k| m.start < k.end) {
            continue;
        }
        kept.push(m);
    }
    let mut floor = 0;
    for m in &mut kept {
        // "week of" may only widen back over text that no earlier mention owns.
        if m.precision == Precision::Day
            && let Some(w) = WEEK_OF.find(&text[floor..m.start]).map(|w| floor + w.start())
        {
            m.start = w;
            m.span.end = m.span.start + Duration::days(6);
            m.precision = Precision::Week;
        }
        floor = m.end;
    }
    let mut out: Vec<Mention> = Vec::new();
    for m in kept {
        let between = |prev: &Mention| BETWEEN.is_match(&text[..prev.start]) && AND_GLUE.is_match(&text[prev.end..m.start]);
        // "moves from Oct 29 to Nov 12" is a change of date, not a window.
        let moved = |prev: &Mention| MOVED.is_match(&text[..prev.start]);
        if let Some(prev) = out.last_mut()
            && (RANGE_GLUE.is_match(&text[prev.end..m.start]) || between(prev))
            && !moved(prev)
            && m.span.end >= prev.span.start
            && (m.span.end - prev.span.start).num_days() <= 200
        {
            prev.end = m.end;
            prev.span.end = m.span.end;
            continue;
        }
        out.push(m);
    }
    out
}

/// Parses a whole string as one date (front matter values, file names).
pub fn parse_loose(s: &str, reference: NaiveDate) -> Option<NaiveDate> {
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s.trim()) {
        return Some(dt.date_naive());
    }
    find(s, reference).first().map(|m| m.span.start)
}

static NAME_YMD: LazyLock<Regex> = LazyLock::new(|| re(r"(20\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?:\D|$)"));
static NAME_YM: LazyLock<Regex> = LazyLock::new(|| re(r"(20\d\d)[-_.](\d\d)(?:\D|$)"));
static NAME_Y_MONTH: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(20\d\d)[-_. ]MONTH\b|(?i)\bMONTH[-_. ](20\d\d)"));

/// A date in a file name: 2026-10-20, 20261020, 2026-10, 2025-April, april-2025.
pub fn date_in_name(name: &str) -> Option<NaiveDate> {
    if let Some(c) = NAME_YMD.captures(name) {
        let d = NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        if d.is_some() {
            return d;
        }
    }
    if let Some(c) = NAME_YM.captures(name) {
        return NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, 1);
    }
    let name = name.replace('_', "-");
    let c = NAME_Y_MONTH.captures(&name)?;
    let (y, m) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
        (Some(y), Some(m), _, _) => (y.as_str().parse().ok()?, month_num(m.as_str())),
        (_, _, Some(m), Some(y)) => (y.as_str().parse().ok()?, month_num(m.as_str())),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn spans(text: &str) -> Vec<String> {
        find(text, d("2026-10-01")).iter().map(|m| m.span.label()).collect()
    }

    #[test]
    fn finds_common_forms() {
        assert_eq!(spans("GA by Sep 30"), ["2026-09-30"]);
        assert_eq!(spans("due October 15, 2026."), ["2026-10-15"]);
        assert_eq!(spans("lands 2026-10-15"), ["2026-10-15"]);
        assert_eq!(spans("ETA 10/15"), ["2026-10-15"]);
        assert_eq!(spans("half of 3/4 of the team"), Vec::<String>::new());
        assert_eq!(spans("in Q4"), ["2026-10-01..2026-12-31"]);
        assert_eq!(spans("by end of Q3"), ["2026-09-08..2026-09-30"]);
        assert_eq!(spans("Q1'27 and H1 2027"), ["2027-01-01..2027-03-31", "2027-01-01..2027-06-30"]);
        assert_eq!(spans("targeting mid-October"), ["2026-10-11..2026-10-21"]);
        assert_eq!(spans("in November"), ["2026-11-01..2026-11-30"]);
    }

    #[test]
    fn joins_ranges_and_weeks() {
        assert_eq!(spans("freeze Nov 23–Dec 1"), ["2026-11-23..2026-12-01"]);
        assert_eq!(spans("ships Oct 20-24"), ["2026-10-20..2026-10-24"]);
        assert_eq!(spans("the week of Nov 9"), ["2026-11-09..2026-11-15"]);
        assert_eq!(spans("wk of 10/12"), ["2026-10-12..2026-10-18"]);
    }

    #[test]
    fn moves_are_not_ranges() {
        assert_eq!(spans("Cutover moves from Oct 29 to Thursday Nov 12"), ["2026-10-29", "2026-11-12"]);
        assert_eq!(spans("window Oct 29 to Nov 12"), ["2026-10-29..2026-11-12"]);
    }

    #[test]
    fn holidays_and_between() {
        assert_eq!(spans("before Thanksgiving"), ["2026-11-26"]);
        assert_eq!(spans("between 2026-12-01 and 2026-12-12"), ["2026-12-01..2026-12-12"]);
        assert_eq!(spans("from the 12th of December through the 5th of January"), ["2026-12-12..2027-01-05"]);
    }

    #[test]
    fn weeks_by_name_and_number() {
        assert_eq!(spans("the first week of December"), ["2026-12-01..2026-12-07"]);
        assert_eq!(spans("weeks 48-50"), ["2026-11-23..2026-12-13"]);
        assert_eq!(spans("in week 49"), ["2026-11-30..2026-12-06"]);
    }

    #[test]
    fn year_rolls_forward_for_early_months() {
        assert_eq!(spans("by Jan 15"), ["2027-01-15"]);
        assert_eq!(spans("since Sep 3"), ["2026-09-03"]);
        assert_eq!(find("shipped Dec 12", d("2027-01-10"))[0].span.label(), "2026-12-12");
        assert_eq!(find("launch Nov 24", d("2027-01-10"))[0].span.label(), "2027-11-24", "plans run ahead");
        assert_eq!(spans("by end of the week of Nov 9").len(), 2, "no overlap, no panic");
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(date_in_name("2026-10-20-data-platform"), Some(d("2026-10-20")));
        assert_eq!(date_in_name("2026-09-serving-update"), Some(d("2026-09-01")));
        assert_eq!(date_in_name("Project-Goals-2025-April-Update"), Some(d("2025-04-01")));
        assert_eq!(date_in_name("notes"), None);
    }
}
