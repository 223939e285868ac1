//! RFC 5545 §3.3.10 recurrence rules, read in full and expanded into their occurrences, for
//! the rules the platform's series cannot hold (crates/interop/src/ical/rrule.rs says which).
//! The expansion works on wall-clock times; the caller places them in the event's zone.
//!
//! Each period of the rule (a year, month, week, day, hour, minute or second, every INTERVAL
//! of them) gives its candidate days, kept when they pass every `BYxxx` day part; a part
//! RFC 5545's table says "expands" is one that keeps some days of a longer period, and a part
//! it says "limits" is one that drops days of the period, so filtering the period's days by
//! every part gives the table's result for every frequency. Times come from
//! `BYHOUR`/`BYMINUTE`/`BYSECOND` (or the start's), `BYSETPOS` picks among the period's
//! sorted occurrences, and `DTSTART` is always the first occurrence, counted by `COUNT`.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

/// How often a rule's periods come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Freq {
    Secondly,
    Minutely,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// The rule's end as written (`UNTIL`): the caller turns it into a wall-clock time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rule {
    pub freq: Freq,
    pub interval: u32,
    pub count: Option<u64>,
    pub until: Option<super::time::IcalTime>,
    by_second: Vec<u32>,
    by_minute: Vec<u32>,
    by_hour: Vec<u32>,
    /// `(n, day)`: `n` = 0 for every such weekday, else the n-th (negative: from the end).
    by_day: Vec<(i32, Weekday)>,
    by_month_day: Vec<i32>,
    by_year_day: Vec<i32>,
    by_week_no: Vec<i32>,
    by_month: Vec<u32>,
    by_set_pos: Vec<i32>,
    wkst: Weekday,
}

/// Steps (periods and candidate days looked at) one expansion may take: a rule that yields
/// little or nothing (`BYMONTH=2;BYMONTHDAY=30`, `FREQ=SECONDLY;BYMONTH=12`) stops here
/// instead of walking to the end of time: about 3,000 years of a yearly rule in one month,
/// 3,000 of a monthly one, 270 of a daily one; a few hundredths of a second in a debug build
/// (the fuzz target's sanitizers make that a few seconds).
pub(crate) const MAX_STEPS: u64 = 100_000;

/// The occurrences of a rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expansion {
    /// Up to `keep` of them, the start first, in order.
    pub starts: Vec<NaiveDateTime>,
    /// How many more the rule has up to its end (or the stop), past `keep`.
    pub more: u64,
    /// Whether the walk ran out of steps before the rule's end (so `more` is a lower bound and
    /// later occurrences, if any, are not imported).
    pub cut_short: bool,
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// A comma list of whole numbers within `range`, none 0 unless `zero` allows it.
fn numbers(
    key: &str,
    val: &str,
    range: std::ops::RangeInclusive<i32>,
    signed: bool,
    problems: &mut Vec<String>,
) -> Vec<i32> {
    let mut out = Vec::new();
    for v in val.split(',').map(str::trim) {
        let n = v.strip_prefix('+').unwrap_or(v).parse::<i32>().ok();
        let ok = n.filter(|n| {
            (range.contains(n) || (signed && range.contains(&-n))) && (*n != 0 || !signed)
        });
        match ok {
            Some(n) => out.push(n),
            None => problems.push(format!("{key}={v:?} is out of range")),
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Reads an RRULE value in full. `Err` holds every reason it is no valid rule (or one of
/// another calendar, `RSCALE`, whose dates the Gregorian walk cannot give).
pub(crate) fn parse(value: &str) -> Result<Rule, Vec<String>> {
    let mut problems = Vec::new();
    let mut rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        count: None,
        until: None,
        by_second: Vec::new(),
        by_minute: Vec::new(),
        by_hour: Vec::new(),
        by_day: Vec::new(),
        by_month_day: Vec::new(),
        by_year_day: Vec::new(),
        by_week_no: Vec::new(),
        by_month: Vec::new(),
        by_set_pos: Vec::new(),
        wkst: Weekday::Mon,
    };
    let mut freq = None;
    let unsigned = |n: Vec<i32>| n.into_iter().map(|n| n as u32).collect::<Vec<u32>>();
    for part in value.trim().split(';').filter(|p| !p.trim().is_empty()) {
        let (key, val) = part.split_once('=').unwrap_or((part, ""));
        let key = key.trim().to_ascii_uppercase();
        let val = val.trim().to_ascii_uppercase();
        let p = &mut problems;
        match key.as_str() {
            "FREQ" => {
                freq = Some(match val.as_str() {
                    "SECONDLY" => Freq::Secondly,
                    "MINUTELY" => Freq::Minutely,
                    "HOURLY" => Freq::Hourly,
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    "YEARLY" => Freq::Yearly,
                    _ => {
                        p.push(format!("FREQ={val:?} is not a frequency"));
                        continue;
                    }
                })
            }
            "INTERVAL" => match val.parse::<u32>() {
                Ok(0) => p.push("INTERVAL=0: the interval must be at least 1".into()),
                Ok(n) => rule.interval = n,
                Err(_) => p.push(format!("INTERVAL={val:?} is not a whole number")),
            },
            "COUNT" => match val.parse::<u64>() {
                Ok(0) => p.push("COUNT=0: a series has at least one occurrence".into()),
                Ok(n) => rule.count = Some(n),
                Err(_) => p.push(format!("COUNT={val:?} is not a whole number")),
            },
            "UNTIL" => match super::time::parse_value(&val, None, false) {
                Ok(t) => rule.until = Some(t),
                Err(e) => p.push(format!("UNTIL: {e}")),
            },
            "BYSECOND" => rule.by_second = unsigned(numbers(&key, &val, 0..=60, false, p)),
            "BYMINUTE" => rule.by_minute = unsigned(numbers(&key, &val, 0..=59, false, p)),
            "BYHOUR" => rule.by_hour = unsigned(numbers(&key, &val, 0..=23, false, p)),
            "BYMONTHDAY" => rule.by_month_day = numbers(&key, &val, 1..=31, true, p),
            "BYYEARDAY" => rule.by_year_day = numbers(&key, &val, 1..=366, true, p),
            "BYWEEKNO" => rule.by_week_no = numbers(&key, &val, 1..=53, true, p),
            "BYMONTH" => rule.by_month = unsigned(numbers(&key, &val, 1..=12, false, p)),
            "BYSETPOS" => rule.by_set_pos = numbers(&key, &val, 1..=366, true, p),
            "BYDAY" => {
                for d in val.split(',').map(str::trim) {
                    let (n, code) = super::rrule::split_weekday(d);
                    let n = match n.strip_prefix('+').unwrap_or(n) {
                        "" => Some(0),
                        n => n.parse::<i32>().ok().filter(|n| (1..=53).contains(&n.abs())),
                    };
                    match (n, weekday(code)) {
                        (Some(n), Some(day)) => rule.by_day.push((n, day)),
                        _ => p.push(format!("BYDAY={d:?} is not a weekday")),
                    }
                }
                rule.by_day.sort_by_key(|(n, d)| (*n, d.num_days_from_monday()));
                rule.by_day.dedup();
            }
            "WKST" => match weekday(&val) {
                Some(d) => rule.wkst = d,
                None => p.push(format!("WKST={val:?} is not a weekday")),
            },
            "RSCALE" => p.push(format!(
                "RSCALE={val}: the platform repeats by the Gregorian calendar only, so the dates of another calendar cannot be expressed"
            )),
            k if k.starts_with("X-") => {}
            _ => p.push(format!("{key} is not an RRULE part")),
        }
    }
    match freq {
        Some(f) => rule.freq = f,
        None if problems.is_empty() => problems.push("the RRULE has no FREQ".into()),
        None => {}
    }
    if rule.count.is_some() && rule.until.is_some() {
        problems.push("the RRULE has both COUNT and UNTIL, which RFC 5545 forbids".into());
    }
    // The combinations RFC 5545 rules out: their meaning is not defined, so not guessed.
    let numbered = rule.by_day.iter().any(|(n, _)| *n != 0);
    if numbered && !matches!(rule.freq, Freq::Monthly | Freq::Yearly) {
        problems.push(
            "BYDAY with a number (such as 2TU) is only defined in a MONTHLY or YEARLY rule".into(),
        );
    }
    if numbered && rule.freq == Freq::Yearly && !rule.by_week_no.is_empty() {
        problems.push("BYDAY with a number is not defined beside BYWEEKNO".into());
    }
    if !rule.by_week_no.is_empty() && rule.freq != Freq::Yearly {
        problems.push("BYWEEKNO is only defined in a YEARLY rule".into());
    }
    if !rule.by_year_day.is_empty()
        && matches!(rule.freq, Freq::Daily | Freq::Weekly | Freq::Monthly)
    {
        problems.push("BYYEARDAY is not defined in a DAILY, WEEKLY or MONTHLY rule".into());
    }
    if !rule.by_month_day.is_empty() && rule.freq == Freq::Weekly {
        problems.push("BYMONTHDAY is not defined in a WEEKLY rule".into());
    }
    let other_by = !(rule.by_second.is_empty()
        && rule.by_minute.is_empty()
        && rule.by_hour.is_empty()
        && rule.by_day.is_empty()
        && rule.by_month_day.is_empty()
        && rule.by_year_day.is_empty()
        && rule.by_week_no.is_empty()
        && rule.by_month.is_empty());
    if !rule.by_set_pos.is_empty() && !other_by {
        problems.push("BYSETPOS needs another BYxxx part to pick from".into());
    }
    if problems.is_empty() {
        Ok(rule)
    } else {
        Err(problems)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = first.and_then(|f| f.checked_add_months(Months::new(1)));
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 31,
    }
}

fn days_in_year(year: i32) -> u32 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// Days from `wkst` to `d`'s weekday (0..6).
fn from_week_start(d: NaiveDate, wkst: Weekday) -> i64 {
    (d.weekday().num_days_from_monday() as i64 + 7 - wkst.num_days_from_monday() as i64) % 7
}

/// `d`'s week year and week number, weeks starting on `wkst`: week 1 is the first with at
/// least four days in the year (RFC 5545 on `BYWEEKNO`).
fn week_number(d: NaiveDate, wkst: Weekday) -> Option<(i32, u32)> {
    let fourth =
        d.checked_sub_signed(Duration::days(from_week_start(d, wkst)))? + Duration::days(3);
    Some((fourth.year(), (fourth.ordinal() - 1) / 7 + 1))
}

/// Weeks in `year`: the number of the week that holds 28 December, always the last.
fn weeks_in_year(year: i32, wkst: Weekday) -> Option<u32> {
    week_number(NaiveDate::from_ymd_opt(year, 12, 28)?, wkst).map(|(_, n)| n)
}

/// Whether `n` (negative: counted from the end of `len`) names position `pos` (1-based).
fn names(n: i32, pos: u32, len: u32) -> bool {
    if n > 0 {
        n as u32 == pos
    } else {
        len as i64 + n as i64 + 1 == pos as i64
    }
}

impl Rule {
    /// The rule with RFC 5545's defaults from the start: a weekly rule on the start's
    /// weekday, a monthly one on its day of the month, a yearly one on its date, and times at
    /// its hour, minute and second for what the frequency does not vary.
    fn with_defaults(&self, start: NaiveDateTime) -> Rule {
        let mut r = self.clone();
        let no_days = r.by_week_no.is_empty()
            && r.by_year_day.is_empty()
            && r.by_month_day.is_empty()
            && r.by_day.is_empty();
        if no_days {
            match r.freq {
                Freq::Weekly => r.by_day = vec![(0, start.weekday())],
                Freq::Monthly => r.by_month_day = vec![start.day() as i32],
                Freq::Yearly => {
                    if r.by_month.is_empty() {
                        r.by_month = vec![start.month()];
                    }
                    r.by_month_day = vec![start.day() as i32];
                }
                _ => {}
            }
        }
        if r.by_hour.is_empty() && r.freq > Freq::Hourly {
            r.by_hour = vec![start.hour()];
        }
        if r.by_minute.is_empty() && r.freq > Freq::Minutely {
            r.by_minute = vec![start.minute()];
        }
        if r.by_second.is_empty() && r.freq > Freq::Secondly {
            r.by_second = vec![start.second()];
        }
        r
    }

    /// Whether a day of the period passes every day part.
    fn day_passes(&self, d: NaiveDate) -> bool {
        if !self.by_month.is_empty() && !self.by_month.contains(&d.month()) {
            return false;
        }
        let dim = days_in_month(d.year(), d.month());
        let diy = days_in_year(d.year());
        if !self.by_week_no.is_empty() {
            let Some((wy, wn)) = week_number(d, self.wkst) else {
                return false;
            };
            let weeks = weeks_in_year(wy, self.wkst).unwrap_or(52);
            if !self.by_week_no.iter().any(|n| names(*n, wn, weeks)) {
                return false;
            }
        }
        if !self.by_year_day.is_empty()
            && !self.by_year_day.iter().any(|n| names(*n, d.ordinal(), diy))
        {
            return false;
        }
        if !self.by_month_day.is_empty()
            && !self.by_month_day.iter().any(|n| names(*n, d.day(), dim))
        {
            return false;
        }
        if !self.by_day.is_empty() {
            // A numbered weekday counts within the month in a monthly rule or a yearly one
            // with BYMONTH, else within the year.
            let in_month = self.freq == Freq::Monthly || !self.by_month.is_empty();
            let (pos, len) = if in_month {
                (d.day(), dim)
            } else {
                (d.ordinal(), diy)
            };
            let nth = (pos - 1) / 7 + 1;
            let nth_last = (len - pos) / 7 + 1;
            let ok = self.by_day.iter().any(|(n, wd)| {
                *wd == d.weekday()
                    && (*n == 0
                        || (*n > 0 && *n as u32 == nth)
                        || (*n < 0 && -*n as u32 == nth_last))
            });
            if !ok {
                return false;
            }
        }
        true
    }
}

/// One period of the walk: its first instant and its length in periods of the frequency.
struct Walk {
    rule: Rule,
    start: NaiveDateTime,
    /// The period's index from the start's period (advanced by INTERVAL).
    index: u64,
    steps: u64,
}

impl Walk {
    /// The first instant of period `index` (periods counted from the start's), `None` past
    /// the calendar's end.
    fn period_start(&self, index: u64) -> Option<NaiveDateTime> {
        let s = self.start;
        let day = s.date();
        let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN);
        let n = i64::try_from(index).ok()?;
        Some(match self.rule.freq {
            Freq::Yearly => {
                let y = i64::from(s.year()).checked_add(n)?;
                midnight(NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, 1, 1)?)
            }
            Freq::Monthly => {
                let first = NaiveDate::from_ymd_opt(s.year(), s.month(), 1)?;
                midnight(first.checked_add_months(Months::new(u32::try_from(index).ok()?))?)
            }
            Freq::Weekly => {
                let monday = day - Duration::days(from_week_start(day, self.rule.wkst));
                midnight(monday.checked_add_signed(Duration::try_weeks(n)?)?)
            }
            Freq::Daily => midnight(day.checked_add_signed(Duration::try_days(n)?)?),
            Freq::Hourly => {
                let h = midnight(day) + Duration::hours(s.hour() as i64);
                h.checked_add_signed(Duration::try_hours(n)?)?
            }
            Freq::Minutely => {
                let m = midnight(day) + Duration::minutes((s.hour() * 60 + s.minute()) as i64);
                m.checked_add_signed(Duration::try_minutes(n)?)?
            }
            Freq::Secondly => {
                let t = s.with_nanosecond(0)?;
                t.checked_add_signed(Duration::try_seconds(n)?)?
            }
        })
    }

    /// The period's occurrences, sorted, after `BYSETPOS`.
    fn occurrences(&mut self, from: NaiveDateTime) -> Vec<NaiveDateTime> {
        let r = &self.rule;
        let days: Vec<NaiveDate> = match r.freq {
            // Only the months BYMONTH keeps (a yearly rule without day parts has the start's
            // month by default): a twelfth of the days to look at.
            Freq::Yearly => (1..=12u32)
                .filter(|m| r.by_month.is_empty() || r.by_month.contains(m))
                .flat_map(|m| {
                    let first = NaiveDate::from_ymd_opt(from.year(), m, 1);
                    (0..days_in_month(from.year(), m))
                        .filter_map(move |i| first?.checked_add_signed(Duration::days(i as i64)))
                })
                .collect(),
            Freq::Monthly => {
                let first = from.date();
                (0..days_in_month(first.year(), first.month()))
                    .filter_map(|i| first.checked_add_signed(Duration::days(i as i64)))
                    .collect()
            }
            Freq::Weekly => (0..7)
                .filter_map(|i| from.date().checked_add_signed(Duration::days(i)))
                .collect(),
            _ => vec![from.date()],
        };
        self.steps += days.len() as u64 + 1;
        let days: Vec<NaiveDate> = days.into_iter().filter(|d| r.day_passes(*d)).collect();
        if days.is_empty() {
            return Vec::new();
        }
        // Times: the lists for what the frequency does not vary, the period's own value
        // (limited by its list) for what it does.
        let pick = |own: u32, list: &[u32], varies: bool| -> Vec<u32> {
            if varies {
                if list.is_empty() || list.contains(&own) {
                    vec![own]
                } else {
                    Vec::new()
                }
            } else {
                list.to_vec()
            }
        };
        let hours = pick(from.hour(), &r.by_hour, r.freq <= Freq::Hourly);
        let minutes = pick(from.minute(), &r.by_minute, r.freq <= Freq::Minutely);
        let seconds = pick(from.second(), &r.by_second, r.freq <= Freq::Secondly);
        let mut set = Vec::new();
        for d in &days {
            for h in &hours {
                for m in &minutes {
                    // A leap second (BYSECOND=60) has no wall-clock time here.
                    for s in seconds.iter().filter(|s| **s < 60) {
                        if let Some(t) = NaiveTime::from_hms_opt(*h, *m, *s) {
                            set.push(d.and_time(t));
                        }
                    }
                }
            }
        }
        set.sort_unstable();
        set.dedup();
        if r.by_set_pos.is_empty() {
            return set;
        }
        let len = set.len() as i64;
        let mut picked: Vec<NaiveDateTime> = r
            .by_set_pos
            .iter()
            .filter_map(|p| {
                let i = if *p > 0 {
                    *p as i64 - 1
                } else {
                    len + *p as i64
                };
                (0..len).contains(&i).then(|| set[i as usize])
            })
            .collect();
        picked.sort_unstable();
        picked.dedup();
        picked
    }

    /// For a rule that varies within a day, the span (in seconds: a day, an hour, a minute)
    /// around the period that no time of can pass: its day fails the day parts, its hour
    /// `BYHOUR`, its minute `BYMINUTE`. The walk skips the rest of it.
    fn failing_span(&self, from: NaiveDateTime) -> Option<u32> {
        let r = &self.rule;
        if r.freq > Freq::Hourly {
            return None;
        }
        if !r.day_passes(from.date()) {
            Some(86_400)
        } else if r.freq <= Freq::Minutely
            && !r.by_hour.is_empty()
            && !r.by_hour.contains(&from.hour())
        {
            Some(3_600)
        } else if r.freq == Freq::Secondly
            && !r.by_minute.is_empty()
            && !r.by_minute.contains(&from.minute())
        {
            Some(60)
        } else {
            None
        }
    }

    /// The next period index to look at after `index`: INTERVAL on, and past the rest of a
    /// span none of whose times can pass, landing on a period of the rule's INTERVAL.
    fn next_index(&self, index: u64, from: NaiveDateTime, failing: Option<u32>) -> Option<u64> {
        let interval = u64::from(self.rule.interval);
        let period = match self.rule.freq {
            Freq::Hourly => 3_600,
            Freq::Minutely => 60,
            Freq::Secondly => 1,
            _ => return index.checked_add(interval),
        };
        let Some(span) = failing else {
            return index.checked_add(interval);
        };
        let into = (from.num_seconds_from_midnight() % span) / period;
        let left = u64::from((span / period).saturating_sub(into).max(1));
        index.checked_add(left.div_ceil(interval).max(1).checked_mul(interval)?)
    }
}

/// The rule's occurrences from `start` (always the first), to its `COUNT`, to `stop`
/// (inclusive: its `UNTIL` or the caller's horizon), keeping at most `keep` and counting
/// the rest.
pub(crate) fn expand(
    rule: &Rule,
    start: NaiveDateTime,
    stop: NaiveDateTime,
    keep: usize,
) -> Expansion {
    let mut walk = Walk {
        rule: rule.with_defaults(start),
        start,
        index: 0,
        steps: 0,
    };
    let mut out = Expansion {
        starts: vec![start],
        more: 0,
        cut_short: false,
    };
    let keep = keep.max(1);
    let count = rule.count.unwrap_or(u64::MAX);
    let mut found: u64 = 1;
    'walk: while found < count {
        let Some(from) = walk.period_start(walk.index) else {
            break;
        };
        if from > stop {
            break;
        }
        if walk.steps > MAX_STEPS {
            out.cut_short = true;
            break;
        }
        let failing = walk.failing_span(from);
        let set = if failing.is_some() {
            walk.steps += 1;
            Vec::new()
        } else {
            walk.occurrences(from)
        };
        for t in set {
            if t <= start {
                continue;
            }
            if t > stop {
                break 'walk;
            }
            found += 1;
            if out.starts.len() < keep {
                out.starts.push(t);
            } else {
                out.more += 1;
            }
            if found >= count {
                break 'walk;
            }
        }
        match walk.next_index(walk.index, from, failing) {
            Some(i) => walk.index = i,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%S").unwrap()
    }

    /// The rule's occurrences from `start`, to `stop` or its own end, as `YYYYMMDDTHHMMSS`.
    fn occ(rule: &str, start: &str, stop: &str) -> Vec<String> {
        let rule = parse(rule).unwrap();
        let e = expand(&rule, at(start), at(stop), 1000);
        assert_eq!(e.more, 0);
        assert!(!e.cut_short);
        e.starts
            .iter()
            .map(|t| t.format("%Y%m%dT%H%M%S").to_string())
            .collect()
    }

    fn days(list: &[&str], time: &str) -> Vec<String> {
        list.iter().map(|d| format!("{d}T{time}")).collect()
    }

    const FAR: &str = "21001231T235959";

    // The examples of RFC 5545 §3.8.5.3, each with the occurrences the RFC lists.

    #[test]
    fn rfc_monthly_first_friday_ten_times() {
        assert_eq!(
            occ("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "19970905T090000", FAR),
            days(
                &[
                    "19970905", "19971003", "19971107", "19971205", "19980102", "19980206",
                    "19980306", "19980403", "19980501", "19980605"
                ],
                "090000"
            )
        );
    }

    #[test]
    fn rfc_every_other_month_first_and_last_sunday() {
        assert_eq!(
            occ(
                "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
                "19970907T090000",
                FAR
            ),
            days(
                &[
                    "19970907", "19970928", "19971102", "19971130", "19980104", "19980125",
                    "19980301", "19980329", "19980503", "19980531"
                ],
                "090000"
            )
        );
    }

    #[test]
    fn rfc_second_to_last_monday_six_times() {
        assert_eq!(
            occ("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "19970922T090000", FAR),
            days(
                &["19970922", "19971020", "19971117", "19971222", "19980119", "19980216"],
                "090000"
            )
        );
    }

    #[test]
    fn rfc_third_to_last_day_and_first_and_last_day() {
        let third_to_last = occ(
            "FREQ=MONTHLY;BYMONTHDAY=-3",
            "19970928T090000",
            "19980228T235959",
        );
        assert_eq!(
            third_to_last,
            days(
                &["19970928", "19971029", "19971128", "19971229", "19980129", "19980226"],
                "090000"
            )
        );
        assert_eq!(
            occ(
                "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
                "19970930T090000",
                FAR
            ),
            days(
                &[
                    "19970930", "19971001", "19971031", "19971101", "19971130", "19971201",
                    "19971231", "19980101", "19980131", "19980201"
                ],
                "090000"
            )
        );
    }

    #[test]
    fn rfc_yearly_in_june_and_july_and_every_third_year_on_days() {
        assert_eq!(
            occ("FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "19970610T090000", FAR),
            days(
                &[
                    "19970610", "19970710", "19980610", "19980710", "19990610", "19990710",
                    "20000610", "20000710", "20010610", "20010710"
                ],
                "090000"
            )
        );
        assert_eq!(
            occ(
                "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200",
                "19970101T090000",
                FAR
            ),
            days(
                &[
                    "19970101", "19970410", "19970719", "20000101", "20000409", "20000718",
                    "20030101", "20030410", "20030719", "20060101"
                ],
                "090000"
            )
        );
    }

    #[test]
    fn rfc_twentieth_monday_and_monday_of_week_twenty() {
        assert_eq!(
            occ(
                "FREQ=YEARLY;BYDAY=20MO",
                "19970519T090000",
                "19991231T000000"
            ),
            days(&["19970519", "19980518", "19990517"], "090000")
        );
        assert_eq!(
            occ(
                "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
                "19970512T090000",
                "19991231T000000"
            ),
            days(&["19970512", "19980511", "19990517"], "090000")
        );
    }

    #[test]
    fn rfc_friday_the_thirteenth_and_first_saturday_after_a_sunday() {
        assert_eq!(
            occ(
                "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=5",
                "19970902T090000",
                FAR
            ),
            days(
                &["19970902", "19980213", "19980313", "19981113", "19990813"],
                "090000"
            )
        );
        assert_eq!(
            occ(
                "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
                "19970913T090000",
                "19980331T000000"
            ),
            days(
                &[
                    "19970913", "19971011", "19971108", "19971213", "19980110", "19980207",
                    "19980307"
                ],
                "090000"
            )
        );
    }

    #[test]
    fn rfc_us_election_day() {
        assert_eq!(
            occ(
                "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
                "19961105T090000",
                "20041231T000000"
            ),
            days(&["19961105", "20001107", "20041102"], "090000")
        );
    }

    #[test]
    fn rfc_bysetpos_third_weekday_and_last_weekday() {
        assert_eq!(
            occ(
                "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
                "19970904T090000",
                FAR
            ),
            days(&["19970904", "19971007", "19971106"], "090000")
        );
        assert_eq!(
            occ(
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
                "19970929T090000",
                "19980331T000000"
            ),
            days(
                &[
                    "19970929", "19971030", "19971127", "19971230", "19980129", "19980226",
                    "19980330"
                ],
                "090000"
            )
        );
        // The last weekday of the month.
        assert_eq!(
            occ(
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4",
                "20260130T100000",
                FAR
            ),
            days(&["20260130", "20260227", "20260331", "20260430"], "100000")
        );
    }

    #[test]
    fn rfc_wkst_changes_a_weekly_rule_every_other_week() {
        assert_eq!(
            occ(
                "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
                "19970805T090000",
                FAR
            ),
            days(&["19970805", "19970810", "19970819", "19970824"], "090000")
        );
        assert_eq!(
            occ(
                "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
                "19970805T090000",
                FAR
            ),
            days(&["19970805", "19970817", "19970819", "19970831"], "090000")
        );
    }

    #[test]
    fn rfc_times_within_a_day_and_a_leap_day_rule() {
        assert_eq!(
            occ(
                "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z",
                "19970902T090000",
                "19970902T170000"
            ),
            vec!["19970902T090000", "19970902T120000", "19970902T150000"]
        );
        assert_eq!(
            occ(
                "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
                "19970902T090000",
                "19970902T235959"
            )
            .len(),
            24
        );
        assert_eq!(
            occ(
                "FREQ=MINUTELY;INTERVAL=90;BYHOUR=9,10,11,12,13,14,15,16",
                "19970902T090000",
                "19970903T235959"
            ),
            days(&["19970902"], "090000")
                .into_iter()
                .chain(
                    [
                        "19970902T103000",
                        "19970902T120000",
                        "19970902T133000",
                        "19970902T150000",
                        "19970902T163000",
                        "19970903T090000",
                        "19970903T103000",
                        "19970903T120000",
                        "19970903T133000",
                        "19970903T150000",
                        "19970903T163000"
                    ]
                    .map(String::from)
                )
                .collect::<Vec<_>>()
        );
        // Every 29 February; a monthly rule on the 31st skips the months without one.
        assert_eq!(
            occ(
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3",
                "20240229T080000",
                FAR
            ),
            days(&["20240229", "20280229", "20320229"], "080000")
        );
        assert_eq!(
            occ("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", "20260131T080000", FAR),
            days(&["20260131", "20260331", "20260531"], "080000")
        );
    }

    #[test]
    fn the_start_counts_as_the_first_even_off_the_rule() {
        // 2 March 2026 is a Monday, not the second Tuesday: it comes first, then the rule's.
        assert_eq!(
            occ("FREQ=MONTHLY;BYDAY=2TU;COUNT=3", "20260302T090000", FAR),
            days(&["20260302", "20260310", "20260414"], "090000")
        );
    }

    #[test]
    fn hostile_rules_stop() {
        // Never: 30 February. The walk ends at the stop without finding one.
        let never = parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30").unwrap();
        let e = expand(&never, at("20260101T000000"), at("99991231T000000"), 1000);
        assert_eq!(e.starts.len(), 1);
        // Every second, but only in December, from January: cut short, not hung.
        let seconds = parse("FREQ=SECONDLY;BYMONTH=12;BYMONTHDAY=31;BYHOUR=23").unwrap();
        let e = expand(&seconds, at("20260101T000000"), at("20270101T000000"), 1000);
        assert_eq!(e.starts.len(), 1000);
        assert_eq!(e.starts[1], at("20261231T230000"));
        // A huge interval leaves the calendar at once.
        let huge = parse("FREQ=YEARLY;INTERVAL=4294967295;COUNT=5").unwrap();
        assert_eq!(
            expand(&huge, at("20260101T000000"), at("99991231T000000"), 10)
                .starts
                .len(),
            1
        );
        // BYSETPOS past the set's end picks nothing.
        let past = parse("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=7").unwrap();
        assert_eq!(
            expand(&past, at("20260101T000000"), at("20300101T000000"), 10)
                .starts
                .len(),
            1
        );
        // The cap keeps the first and counts the rest.
        let daily = parse("FREQ=DAILY;COUNT=1500").unwrap();
        let e = expand(&daily, at("20260101T000000"), at("99991231T000000"), 1000);
        assert_eq!((e.starts.len(), e.more), (1000, 500));
    }

    #[test]
    fn invalid_rules_say_why() {
        let why = |r: &str| parse(r).unwrap_err().join(" | ");
        assert!(why("FREQ=WEEKLY;BYDAY=2MO").contains("only defined in a MONTHLY or YEARLY"));
        assert!(why("FREQ=MONTHLY;BYSETPOS=0;BYDAY=MO").contains("BYSETPOS=\"0\""));
        assert!(why("FREQ=MONTHLY;BYSETPOS=2").contains("another BYxxx"));
        assert!(why("FREQ=MONTHLY;BYMONTHDAY=32").contains("out of range"));
        assert!(why("FREQ=MONTHLY;BYWEEKNO=3").contains("YEARLY"));
        assert!(why("FREQ=YEARLY;RSCALE=HEBREW").contains("RSCALE"));
        assert!(why("FREQ=DAILY;COUNT=2;UNTIL=20260101").contains("both"));
        assert!(why("BYDAY=MO").contains("no FREQ"));
        assert!(why("FREQ=DAILY;BYDAY=XX").contains("not a weekday"));
        assert!(why("FREQ=DAILY;INTERVAL=0").contains("at least 1"));
    }
}
