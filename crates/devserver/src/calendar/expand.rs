//! Expanding a recurrence rule into occurrences.
//!
//! The seed gives the rule only as fields (`frequency`, `intervalCount`, `byWeekday`,
//! `byMonthDay`, `startsAt`, `untilAt`, `occurrenceCountLimit`). DESIGN.md adds that `byWeekday`
//! counts 0 = Sunday .. 6 = Saturday and that a series expands in its calendar's IANA time zone.
//! The rest is the project's reading, shared with the client (crates/replica documents the same
//! rules; this is a separate implementation so that each can be tested against the other):
//! - `startsAt` is always the first occurrence and counts towards `occurrenceCountLimit`.
//! - Occurrences keep the wall-clock time of `startsAt` in the zone. A time that a DST change
//!   skips is read with the offset in force before the gap (02:30 becomes 03:30); a time that
//!   happens twice takes the earlier instant.
//! - daily: every `interval` days; `byWeekday` and `byMonthDay` filter the days.
//! - weekly: every `interval` weeks, weeks starting on Monday, on the `byWeekday` days (else
//!   the start's weekday); `byMonthDay` filters.
//! - monthly: every `interval` months on the `byMonthDay` days (else, with `byWeekday`, on every
//!   such weekday; else on the start's day of the month). With both, `byWeekday` filters the
//!   month days. A day a month does not have (31 in April) is skipped, never moved.
//! - yearly: every `interval` years, in the start's month, days as for monthly (so a series
//!   started on 29 February occurs in leap years only).
//! - `untilAt` is inclusive; `occurrenceCountLimit` caps the whole series.

use chrono::{
    DateTime, Datelike, Days, Duration, LocalResult, Months, NaiveDate, NaiveDateTime, Offset,
    TimeZone, Utc,
};
use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Frequency {
    pub const NAMES: &'static [&'static str] = &["daily", "weekly", "monthly", "yearly"];

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "daily" => Some(Self::Daily),
            "weekly" => Some(Self::Weekly),
            "monthly" => Some(Self::Monthly),
            "yearly" => Some(Self::Yearly),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub frequency: Frequency,
    pub interval: u32,
    /// 0 = Sunday .. 6 = Saturday, sorted, no repeats.
    pub by_weekday: Vec<u32>,
    /// 1..=31, sorted, no repeats.
    pub by_month_day: Vec<u32>,
    pub starts_at: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
    pub count: Option<u64>,
    pub tz: Tz,
}

/// One occurrence: its date in the series' zone (the instance's `instanceDate`) and its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub date: NaiveDate,
    pub starts_at: DateTime<Utc>,
}

/// 400 Gregorian years, after which every pattern of dates and weekdays repeats.
const CYCLE_DAYS: u64 = 146_097;

fn sorted(mut values: Vec<u32>) -> Vec<u32> {
    values.sort_unstable();
    values.dedup();
    values
}

impl Rule {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        frequency: Frequency,
        interval: u32,
        by_weekday: Vec<u32>,
        by_month_day: Vec<u32>,
        starts_at: DateTime<Utc>,
        until: Option<DateTime<Utc>>,
        count: Option<u64>,
        tz: Tz,
    ) -> Self {
        Self {
            frequency,
            interval: interval.max(1),
            by_weekday: sorted(by_weekday),
            by_month_day: sorted(by_month_day),
            starts_at,
            until,
            count,
            tz,
        }
    }

    fn local_start(&self) -> NaiveDateTime {
        self.starts_at.with_timezone(&self.tz).naive_local()
    }

    /// The first day of period `k` (None once the calendar runs out).
    fn period_begin(&self, start: NaiveDate, k: u64) -> Option<NaiveDate> {
        let steps = k.checked_mul(u64::from(self.interval))?;
        match self.frequency {
            Frequency::Daily => start.checked_add_days(Days::new(steps)),
            Frequency::Weekly => {
                let monday = start - Days::new(u64::from(start.weekday().num_days_from_monday()));
                monday.checked_add_days(Days::new(steps.checked_mul(7)?))
            }
            Frequency::Monthly => start
                .with_day(1)?
                .checked_add_months(Months::new(u32::try_from(steps).ok()?)),
            Frequency::Yearly => start
                .with_day(1)?
                .checked_add_months(Months::new(u32::try_from(steps.checked_mul(12)?).ok()?)),
        }
    }

    fn weekday_matches(&self, day: NaiveDate) -> bool {
        self.by_weekday.is_empty()
            || self
                .by_weekday
                .contains(&day.weekday().num_days_from_sunday())
    }

    fn month_day_matches(&self, day: NaiveDate) -> bool {
        self.by_month_day.is_empty() || self.by_month_day.contains(&day.day())
    }

    /// The dates the rule picks in the period beginning on `begin`, ascending.
    fn dates_in_period(&self, begin: NaiveDate, start: NaiveDate) -> Vec<NaiveDate> {
        match self.frequency {
            Frequency::Daily => Some(begin)
                .filter(|d| self.weekday_matches(*d) && self.month_day_matches(*d))
                .into_iter()
                .collect(),
            Frequency::Weekly => (0..7)
                .filter_map(|i| begin.checked_add_days(Days::new(i)))
                .filter(|d| {
                    if self.by_weekday.is_empty() {
                        d.weekday() == start.weekday()
                    } else {
                        self.weekday_matches(*d)
                    }
                })
                .filter(|d| self.month_day_matches(*d))
                .collect(),
            Frequency::Monthly | Frequency::Yearly => {
                if !self.by_month_day.is_empty() {
                    self.by_month_day
                        .iter()
                        .filter_map(|day| begin.with_day(*day))
                        .filter(|d| self.weekday_matches(*d))
                        .collect()
                } else if !self.by_weekday.is_empty() {
                    (1..=31)
                        .filter_map(|day| begin.with_day(day))
                        .filter(|d| self.weekday_matches(*d))
                        .collect()
                } else {
                    begin.with_day(start.day()).into_iter().collect()
                }
            }
        }
    }

    /// Visits the occurrences in order, up to local date `horizon`, until `visit` says stop.
    fn walk(&self, horizon: NaiveDate, mut visit: impl FnMut(Occurrence) -> bool) {
        let local = self.local_start();
        let (start, time) = (local.date(), local.time());
        if !visit(Occurrence {
            date: start,
            starts_at: self.starts_at,
        }) {
            return;
        }
        let mut emitted: u64 = 1;
        if self.count.is_some_and(|c| emitted >= c) {
            return;
        }
        // Period beginnings only grow, so the horizon ends every walk, matching or not.
        for k in 0.. {
            let Some(begin) = self.period_begin(start, k) else {
                return;
            };
            if begin > horizon {
                return;
            }
            for date in self.dates_in_period(begin, start) {
                if date <= start {
                    continue;
                }
                if date > horizon {
                    return;
                }
                let starts_at = resolve_local(&self.tz, date.and_time(time));
                if self.until.is_some_and(|u| starts_at > u) {
                    return;
                }
                emitted += 1;
                if !visit(Occurrence { date, starts_at }) {
                    return;
                }
                if self.count.is_some_and(|c| emitted >= c) {
                    return;
                }
            }
        }
    }

    /// The occurrences starting in `[from, to)`, in order.
    pub fn starting_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
        let mut out = Vec::new();
        if to <= from {
            return out;
        }
        // A day of slack: the local date of an instant before `to` is at most `to`'s date.
        let horizon = to.with_timezone(&self.tz).date_naive() + Days::new(1);
        self.walk(horizon, |o| {
            if o.starts_at >= to {
                return false;
            }
            if o.starts_at >= from {
                out.push(o);
            }
            true
        });
        out
    }

    /// The first occurrence starting at or after `at`, looking `within` ahead.
    pub fn first_from(&self, at: DateTime<Utc>, within: Duration) -> Option<Occurrence> {
        let mut found = None;
        let horizon = (at + within).with_timezone(&self.tz).date_naive();
        self.walk(horizon, |o| {
            if o.starts_at >= at {
                found = Some(o);
                return false;
            }
            true
        });
        found
    }

    /// Whether an unbounded version of the rule ever picks a day after the start. A rule that
    /// never does (yearly on 30 February) would be a series of one in disguise.
    pub fn repeats(&self) -> bool {
        let unbounded = Self {
            until: None,
            count: None,
            ..self.clone()
        };
        let start = self.local_start().date();
        let horizon = start
            .checked_add_days(Days::new(CYCLE_DAYS + 366))
            .unwrap_or(NaiveDate::MAX);
        let mut seen = 0;
        unbounded.walk(horizon, |_| {
            seen += 1;
            seen < 2
        });
        seen >= 2
    }
}

/// A wall-clock time in `tz` as an instant: the earlier one when the time happens twice, and
/// for a time a DST change skips, the instant the offset before the gap gives it.
pub fn resolve_local(tz: &Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => {
            // Step back to a time that exists (gaps last at most a day: Samoa skipped
            // 30 December 2011), and read `local` with that offset.
            let offset = (1..=50)
                .find_map(|half_hours| {
                    tz.from_local_datetime(&(local - Duration::minutes(30 * half_hours)))
                        .earliest()
                })
                .map(|t| t.offset().fix().local_minus_utc())
                .unwrap_or(0);
            Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(offset))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn rule(frequency: Frequency, start: &str, tz: &str) -> Rule {
        Rule::new(
            frequency,
            1,
            vec![],
            vec![],
            t(start),
            None,
            None,
            tz.parse().unwrap(),
        )
    }

    fn starts(rule: &Rule, from: &str, to: &str) -> Vec<String> {
        rule.starting_between(t(from), t(to))
            .iter()
            .map(|o| o.starts_at.format("%Y-%m-%dT%H:%M").to_string())
            .collect()
    }

    fn dates(rule: &Rule, from: &str, to: &str) -> Vec<String> {
        rule.starting_between(t(from), t(to))
            .iter()
            .map(|o| o.date.to_string())
            .collect()
    }

    #[test]
    fn weekly_keeps_the_wall_clock_time_across_dst() {
        // 09:00 in Berlin: 08:00Z in winter, 07:00Z from 29 March 2026, 08:00Z from 25 October.
        let r = rule(Frequency::Weekly, "2026-03-16T08:00:00Z", "Europe/Berlin");
        assert_eq!(
            starts(&r, "2026-03-16T00:00:00Z", "2026-04-06T00:00:00Z"),
            ["2026-03-16T08:00", "2026-03-23T08:00", "2026-03-30T07:00"]
        );
        assert_eq!(
            starts(&r, "2026-10-19T00:00:00Z", "2026-11-03T00:00:00Z"),
            ["2026-10-19T07:00", "2026-10-26T08:00", "2026-11-02T08:00"]
        );
    }

    #[test]
    fn a_skipped_time_takes_the_offset_before_the_gap_and_a_repeated_one_the_first() {
        // 02:30 does not exist in Berlin on 29 March 2026: it is read as 02:30+01:00 (= 03:30 CEST).
        let r = rule(Frequency::Daily, "2026-03-27T01:30:00Z", "Europe/Berlin");
        assert_eq!(
            starts(&r, "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z"),
            [
                "2026-03-27T01:30",
                "2026-03-28T01:30",
                "2026-03-29T01:30",
                "2026-03-30T00:30"
            ]
        );
        // 02:30 happens twice on 25 October 2026: the first (CEST, 00:30Z) is taken.
        let r = rule(Frequency::Daily, "2026-10-24T00:30:00Z", "Europe/Berlin");
        assert_eq!(
            starts(&r, "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z"),
            ["2026-10-24T00:30", "2026-10-25T00:30", "2026-10-26T01:30"]
        );
    }

    #[test]
    fn the_calendar_zone_decides_the_date_of_an_occurrence() {
        // 23:30 in New York is already the next day in UTC; the instance date is New York's.
        let r = rule(Frequency::Daily, "2026-01-06T04:30:00Z", "America/New_York");
        let found = r.starting_between(t("2026-01-06T00:00:00Z"), t("2026-01-08T00:00:00Z"));
        assert_eq!(found[0].date.to_string(), "2026-01-05");
        assert_eq!(found[1].date.to_string(), "2026-01-06");
    }

    #[test]
    fn month_day_31_skips_short_months() {
        let mut r = rule(Frequency::Monthly, "2026-01-31T10:00:00Z", "UTC");
        assert_eq!(
            dates(&r, "2026-01-01T00:00:00Z", "2026-09-01T00:00:00Z"),
            [
                "2026-01-31",
                "2026-03-31",
                "2026-05-31",
                "2026-07-31",
                "2026-08-31"
            ]
        );
        r.by_month_day = vec![30, 31];
        assert_eq!(
            dates(&r, "2026-02-01T00:00:00Z", "2026-05-01T00:00:00Z"),
            ["2026-03-30", "2026-03-31", "2026-04-30"]
        );
    }

    #[test]
    fn the_29th_of_february_recurs_in_leap_years_only() {
        let r = rule(Frequency::Yearly, "2024-02-29T12:00:00Z", "UTC");
        assert_eq!(
            dates(&r, "2024-01-01T00:00:00Z", "2033-01-01T00:00:00Z"),
            ["2024-02-29", "2028-02-29", "2032-02-29"]
        );
        let mut monthly = rule(Frequency::Monthly, "2028-01-29T12:00:00Z", "UTC");
        monthly.interval = 1;
        assert_eq!(
            dates(&monthly, "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"),
            ["2028-02-29"]
        );
    }

    #[test]
    fn until_is_inclusive_and_count_includes_the_start() {
        let mut r = rule(Frequency::Daily, "2026-05-01T09:00:00Z", "UTC");
        r.until = Some(t("2026-05-04T09:00:00Z"));
        assert_eq!(
            dates(&r, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
            ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04"]
        );
        r.until = None;
        r.count = Some(3);
        assert_eq!(
            dates(&r, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
            ["2026-05-01", "2026-05-02", "2026-05-03"]
        );
        // Both: whichever ends the series first.
        r.until = Some(t("2026-05-02T09:00:00Z"));
        assert_eq!(
            dates(&r, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
            ["2026-05-01", "2026-05-02"]
        );
        // The count is over the whole series, not the window.
        r.until = None;
        r.count = Some(10);
        assert_eq!(
            dates(&r, "2026-05-09T00:00:00Z", "2026-06-01T00:00:00Z"),
            ["2026-05-09", "2026-05-10"]
        );
    }

    #[test]
    fn weekday_sets_count_from_sunday_and_weeks_start_on_monday() {
        assert_eq!(chrono::Weekday::Sun.num_days_from_sunday(), 0);
        // Every second week on Sunday (0), Wednesday (3) and Friday (5), from Wednesday 6 May.
        let mut r = rule(Frequency::Weekly, "2026-05-06T15:00:00Z", "UTC");
        r.interval = 2;
        r.by_weekday = vec![0, 3, 5];
        assert_eq!(
            dates(&r, "2026-05-01T00:00:00Z", "2026-05-25T00:00:00Z"),
            [
                "2026-05-06",
                "2026-05-08",
                "2026-05-10",
                "2026-05-20",
                "2026-05-22",
                "2026-05-24"
            ]
        );
        // A start that does not match the set is still the first occurrence.
        let mut r = rule(Frequency::Weekly, "2026-05-05T15:00:00Z", "UTC");
        r.by_weekday = vec![1];
        r.count = Some(3);
        assert_eq!(
            dates(&r, "2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z"),
            ["2026-05-05", "2026-05-11", "2026-05-18"]
        );
    }

    #[test]
    fn monthly_weekdays_and_daily_filters() {
        // Monthly on every Monday (1) of the month.
        let mut r = rule(Frequency::Monthly, "2026-06-01T08:00:00Z", "UTC");
        r.by_weekday = vec![1];
        assert_eq!(
            dates(&r, "2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z"),
            [
                "2026-06-01",
                "2026-06-08",
                "2026-06-15",
                "2026-06-22",
                "2026-06-29"
            ]
        );
        // Monthly on the 13th when it is a Friday.
        r.by_weekday = vec![5];
        r.by_month_day = vec![13];
        assert_eq!(
            dates(&r, "2026-06-02T00:00:00Z", "2027-12-31T00:00:00Z"),
            ["2026-11-13", "2027-08-13"]
        );
        // Daily on weekdays only, every day.
        let mut d = rule(Frequency::Daily, "2026-06-05T08:00:00Z", "UTC");
        d.by_weekday = vec![1, 2, 3, 4, 5];
        assert_eq!(
            dates(&d, "2026-06-05T00:00:00Z", "2026-06-10T00:00:00Z"),
            ["2026-06-05", "2026-06-08", "2026-06-09"]
        );
    }

    #[test]
    fn rules_that_never_repeat_are_recognised() {
        let mut r = rule(Frequency::Yearly, "2026-02-01T08:00:00Z", "UTC");
        assert!(r.repeats());
        r.by_month_day = vec![30, 31];
        assert!(!r.repeats());
        let mut d = rule(Frequency::Daily, "2026-06-01T08:00:00Z", "UTC");
        d.interval = 7;
        d.by_weekday = vec![2];
        assert!(
            !d.repeats(),
            "every 7 days from a Monday never lands on a Tuesday"
        );
        d.by_weekday = vec![1];
        assert!(d.repeats());
    }

    #[test]
    fn first_from_finds_the_next_occurrence() {
        let r = rule(Frequency::Yearly, "2024-02-29T12:00:00Z", "UTC");
        let next = r
            .first_from(t("2024-03-01T00:00:00Z"), Duration::days(3660))
            .unwrap();
        assert_eq!(next.date.to_string(), "2028-02-29");
        let mut once = r.clone();
        once.count = Some(1);
        assert!(once
            .first_from(t("2024-03-01T00:00:00Z"), Duration::days(3660))
            .is_none());
    }
}
