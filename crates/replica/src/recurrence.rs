//! Expanding a recurrence master into occurrences, locally.
//!
//! Series expand in their calendar's time zone (a decision of DESIGN.md, which the devserver
//! follows too); the master's own `timezone` field is kept and sent as the seed requires, and
//! [`Rule::from_master`] puts the calendar's zone in its place.
//!
//! The seed describes the rule only by its fields, so these are the semantics Outpost uses (the
//! RFC 5545 ones wherever the seed allows):
//! - `startsAt` is the first occurrence, always, and counts towards `occurrenceCountLimit`.
//! - Every occurrence keeps the wall-clock time of `startsAt` in `timezone`, so a 09:00 meeting
//!   stays at 09:00 across DST changes. A time that does not exist that day (spring-forward gap)
//!   is read with the offset before the gap (02:30 becomes 03:30); a time that exists twice
//!   (fall-back) takes the first.
//! - `byWeekday` counts 0 = Sunday to 6 = Saturday; `byMonthDay` 1..31.
//! - daily: every `intervalCount` days; `byWeekday`/`byMonthDay` filter the days.
//! - weekly: every `intervalCount` weeks (weeks start on Monday) on the `byWeekday` days
//!   (default: the weekday of the start); `byMonthDay` filters.
//! - monthly: every `intervalCount` months on the `byMonthDay` days (default: the start's day);
//!   `byWeekday` alone means every such weekday of the month, and with `byMonthDay` it filters.
//!   Days a month lacks (31 in April, 30 in February) are skipped, never moved.
//! - yearly: every `intervalCount` years in the start's month, days as for monthly (so a series
//!   started on 29 February occurs in leap years only).
//! - `untilAt` is inclusive (an occurrence starting exactly then is part of the series);
//!   `occurrenceCountLimit` caps the number of occurrences.
//! - A rule whose filters can never match a day after the start is refused.

use chrono::{
    DateTime, Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;
use serde_json::Value;

use crate::error::{ReplicaError, Result};
use crate::util::{parse_time, Fields};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// A recurrence rule as the seed's recurrence master carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub frequency: Frequency,
    pub interval: u32,
    /// 0 = Sunday .. 6 = Saturday.
    pub by_weekday: Vec<u32>,
    pub by_month_day: Vec<u32>,
    pub starts_at: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
    pub count: Option<u32>,
    pub tz: Tz,
}

/// One occurrence of a series: its date in the series' time zone and its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub instance_date: NaiveDate,
    pub starts_at: DateTime<Utc>,
}

/// How many periods a scan may look at before concluding that a rule never fires: the
/// Gregorian calendar repeats every 400 years, so any pattern of dates repeats within that.
fn cycle_periods(frequency: Frequency) -> u64 {
    match frequency {
        Frequency::Daily => 146_097,
        Frequency::Weekly => 20_871,
        Frequency::Monthly => 4_800,
        Frequency::Yearly => 400,
    }
}

fn int_list(fields: &Fields, key: &str) -> Vec<u32> {
    let mut list: Vec<u32> = fields
        .get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_u64)
                .map(|n| n as u32)
                .collect()
        })
        .unwrap_or_default();
    list.sort_unstable();
    list.dedup();
    list
}

impl Rule {
    /// Reads and checks a master's fields (request shape). Field-level schema checks run
    /// before this; here are the rules that need the whole rule.
    pub fn from_fields(fields: &Fields) -> Result<Rule> {
        let frequency = match fields.get("frequency").and_then(Value::as_str) {
            Some("daily") => Frequency::Daily,
            Some("weekly") => Frequency::Weekly,
            Some("monthly") => Frequency::Monthly,
            Some("yearly") => Frequency::Yearly,
            _ => {
                return Err(ReplicaError::invalid(
                    "frequency",
                    "must be one of daily, weekly, monthly, yearly",
                ))
            }
        };
        let interval = match fields.get("intervalCount") {
            None | Some(Value::Null) => 1,
            Some(v) => match v.as_u64() {
                Some(n) if n >= 1 && n <= u32::MAX as u64 => n as u32,
                _ => return Err(ReplicaError::invalid("intervalCount", "must be at least 1")),
            },
        };
        let starts_at = fields
            .get("startsAt")
            .and_then(Value::as_str)
            .and_then(parse_time)
            .ok_or_else(|| ReplicaError::invalid("startsAt", "must be an RFC 3339 date-time"))?;
        let tz: Tz = fields
            .get("timezone")
            .and_then(Value::as_str)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| ReplicaError::invalid("timezone", "must be an IANA time zone"))?;
        let until = match fields.get("untilAt") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.as_str().and_then(parse_time).ok_or_else(|| {
                ReplicaError::invalid("untilAt", "must be an RFC 3339 date-time")
            })?),
        };
        if let Some(until) = until {
            if until <= starts_at {
                return Err(ReplicaError::invalid("untilAt", "must be after startsAt"));
            }
        }
        let count = match fields.get("occurrenceCountLimit") {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_u64() {
                Some(n) if n >= 1 => Some(n.min(u32::MAX as u64) as u32),
                _ => {
                    return Err(ReplicaError::invalid(
                        "occurrenceCountLimit",
                        "must be at least 1",
                    ))
                }
            },
        };
        let by_weekday = int_list(fields, "byWeekday");
        if by_weekday.iter().any(|d| *d > 6) {
            return Err(ReplicaError::invalid(
                "byWeekday",
                "values must be 0 (Sunday) to 6 (Saturday)",
            ));
        }
        let by_month_day = int_list(fields, "byMonthDay");
        if by_month_day.iter().any(|d| *d < 1 || *d > 31) {
            return Err(ReplicaError::invalid(
                "byMonthDay",
                "values must be 1 to 31",
            ));
        }
        let rule = Rule {
            frequency,
            interval,
            by_weekday,
            by_month_day,
            starts_at,
            until,
            count,
            tz,
        };
        if rule.count != Some(1) && rule.first_date_after_start().is_none() {
            let field = if rule.by_month_day.is_empty() {
                "byWeekday"
            } else {
                "byMonthDay"
            };
            return Err(ReplicaError::invalid(
                field,
                "this rule never matches a day after the start",
            ));
        }
        Ok(rule)
    }

    /// The rule of a master as it expands: in its calendar's time zone.
    pub fn from_master(fields: &Fields, calendar_timezone: &str) -> Result<Rule> {
        let mut fields = fields.clone();
        fields.insert(
            "timezone".into(),
            Value::String(calendar_timezone.to_string()),
        );
        Rule::from_fields(&fields)
    }

    fn local_start(&self) -> NaiveDateTime {
        self.starts_at.with_timezone(&self.tz).naive_local()
    }

    /// The candidate dates of period `k` (sorted), before the start and count/until checks.
    fn period_dates(&self, start: NaiveDate, k: u64) -> Vec<NaiveDate> {
        let step = k.saturating_mul(self.interval as u64);
        let weekday_ok = |d: &NaiveDate| {
            self.by_weekday.is_empty()
                || self
                    .by_weekday
                    .contains(&d.weekday().num_days_from_sunday())
        };
        let month_day_ok =
            |d: &NaiveDate| self.by_month_day.is_empty() || self.by_month_day.contains(&d.day());
        match self.frequency {
            Frequency::Daily => {
                let Some(d) = i64::try_from(step)
                    .ok()
                    .and_then(|s| start.checked_add_signed(Duration::try_days(s)?))
                else {
                    return vec![];
                };
                if weekday_ok(&d) && month_day_ok(&d) {
                    vec![d]
                } else {
                    vec![]
                }
            }
            Frequency::Weekly => {
                let monday = start - Duration::days(start.weekday().num_days_from_monday() as i64);
                let Some(week) = i64::try_from(step)
                    .ok()
                    .and_then(|s| monday.checked_add_signed(Duration::try_weeks(s)?))
                else {
                    return vec![];
                };
                let days: Vec<u32> = if self.by_weekday.is_empty() {
                    vec![start.weekday().num_days_from_sunday()]
                } else {
                    self.by_weekday.clone()
                };
                let mut dates: Vec<NaiveDate> = (0..7)
                    .map(|i| week + Duration::days(i))
                    .filter(|d| days.contains(&d.weekday().num_days_from_sunday()))
                    .filter(month_day_ok)
                    .collect();
                dates.sort();
                dates
            }
            Frequency::Monthly | Frequency::Yearly => {
                let months = if self.frequency == Frequency::Monthly {
                    step
                } else {
                    step.saturating_mul(12)
                };
                let first_of_start = start.with_day(1).expect("day 1 exists");
                let Some(first) = u32::try_from(months)
                    .ok()
                    .and_then(|m| first_of_start.checked_add_months(Months::new(m)))
                else {
                    return vec![];
                };
                self.days_in_month(first, start.day(), weekday_ok)
            }
        }
    }

    fn days_in_month(
        &self,
        first: NaiveDate,
        start_day: u32,
        weekday_ok: impl Fn(&NaiveDate) -> bool,
    ) -> Vec<NaiveDate> {
        let in_month = |day: u32| first.with_day(day);
        if !self.by_month_day.is_empty() {
            self.by_month_day
                .iter()
                .filter_map(|d| in_month(*d))
                .filter(|d| weekday_ok(d))
                .collect()
        } else if !self.by_weekday.is_empty() {
            (1..=31)
                .filter_map(in_month)
                .filter(|d| weekday_ok(d))
                .collect()
        } else {
            in_month(start_day).into_iter().collect()
        }
    }

    /// The first date after the start's date the rule matches, looking one full calendar cycle.
    fn first_date_after_start(&self) -> Option<NaiveDate> {
        let start = self.local_start().date();
        (0..=cycle_periods(self.frequency))
            .find_map(|k| self.period_dates(start, k).into_iter().find(|d| *d > start))
    }

    /// The period index from which a scan may start to reach `from` (only used without a
    /// count limit, where earlier occurrences need not be counted).
    fn first_useful_period(&self, start: NaiveDate, from: NaiveDate) -> u64 {
        if from <= start || self.count.is_some() {
            return 0;
        }
        let elapsed = match self.frequency {
            Frequency::Daily => (from - start).num_days(),
            Frequency::Weekly => (from - start).num_days() / 7,
            Frequency::Monthly => months_between(start, from),
            Frequency::Yearly => months_between(start, from) / 12,
        };
        (elapsed.max(0) as u64 / self.interval as u64).saturating_sub(1)
    }

    /// Occurrences starting in `[from, to)`, in order.
    pub fn occurrences_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
        let mut out = Vec::new();
        if to <= from {
            return out;
        }
        let local = self.local_start();
        let (start_date, time) = (local.date(), local.time());
        let mut emitted: u64 = 1;
        let emit =
            |instance_date: NaiveDate, starts_at: DateTime<Utc>, out: &mut Vec<Occurrence>| {
                if starts_at >= from && starts_at < to {
                    out.push(Occurrence {
                        instance_date,
                        starts_at,
                    });
                }
            };
        // The start is always the first occurrence.
        emit(start_date, self.starts_at, &mut out);
        if self.count == Some(1) {
            return out;
        }
        // A local date two days past `to` is past any occurrence starting before `to`.
        let last_date = to.with_timezone(&self.tz).date_naive() + Duration::days(2);
        let from_date = from.with_timezone(&self.tz).date_naive() - Duration::days(2);
        let mut k = self.first_useful_period(start_date, from_date);
        let mut empty_run: u64 = 0;
        loop {
            let dates = self.period_dates(start_date, k);
            if dates.is_empty() {
                empty_run += 1;
                if empty_run > cycle_periods(self.frequency)
                    || self.period_begins_after(start_date, k, last_date)
                {
                    return out;
                }
                k += 1;
                continue;
            }
            empty_run = 0;
            for date in dates {
                if date <= start_date {
                    continue;
                }
                if date > last_date {
                    return out;
                }
                let starts_at = resolve_local(&self.tz, date.and_time(time));
                if self.until.is_some_and(|u| starts_at > u) {
                    return out;
                }
                emitted += 1;
                emit(date, starts_at, &mut out);
                if self.count.is_some_and(|c| emitted >= c as u64) {
                    return out;
                }
            }
            k += 1;
        }
    }

    fn period_begins_after(&self, start: NaiveDate, k: u64, last: NaiveDate) -> bool {
        let step = k.saturating_mul(self.interval as u64) as i64;
        let begin = match self.frequency {
            Frequency::Daily => start.checked_add_signed(Duration::days(step)),
            Frequency::Weekly => {
                start.checked_add_signed(Duration::weeks(step) - Duration::days(7))
            }
            Frequency::Monthly => start
                .with_day(1)
                .and_then(|d| d.checked_add_months(Months::new(step as u32))),
            Frequency::Yearly => start
                .with_day(1)
                .and_then(|d| d.checked_add_months(Months::new((step * 12) as u32))),
        };
        begin.is_none_or(|b| b > last)
    }

    /// Whether `date` is the date of one of the series' occurrences.
    pub fn has_occurrence_on(&self, date: NaiveDate) -> bool {
        let Some(day_start) = self
            .tz
            .from_local_datetime(&date.and_time(NaiveTime::MIN))
            .earliest()
        else {
            return false;
        };
        let from = day_start.with_timezone(&Utc) - Duration::hours(3);
        let to = from + Duration::hours(30);
        self.occurrences_between(from, to)
            .iter()
            .any(|o| o.instance_date == date)
    }
}

fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b.year() as i64 - a.year() as i64) * 12 + b.month() as i64 - a.month() as i64
}

/// A local wall-clock time in `tz` as an instant: the first of two in a fall-back overlap, and
/// for a time inside a spring-forward gap, the instant the offset before the gap gives it.
pub fn resolve_local(tz: &Tz, local: NaiveDateTime) -> DateTime<Utc> {
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return t.with_timezone(&Utc);
    }
    for quarters in 1..=16 {
        let shift = Duration::minutes(15 * quarters);
        if let Some(t) = tz.from_local_datetime(&(local - shift)).earliest() {
            return t.with_timezone(&Utc) + shift;
        }
    }
    Utc.from_utc_datetime(&local)
}

/// The weekday number the seed uses (0 = Sunday).
pub fn weekday_number(day: Weekday) -> u32 {
    day.num_days_from_sunday()
}
