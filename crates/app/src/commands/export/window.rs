//! The date window of a calendar export: which entries and series go into the file.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use outpost_interop::Fields;
use outpost_replica::recurrence::{resolve_local, Rule};
use serde_json::Value;

use crate::error::AppError;

/// Dates from `from` to `to`, both included, as the caller gave them (either may be open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DateWindow {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DateWindow {
    /// The window, or an error naming the field when it ends before it begins.
    pub(super) fn new(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Option<DateWindow>, AppError> {
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                return Err(AppError::new(
                    "invalid",
                    format!("the window ends ({t}) before it begins ({f})"),
                )
                .with_details(serde_json::json!({ "field": "to" })));
            }
        }
        Ok((from.is_some() || to.is_some()).then_some(DateWindow { from, to }))
    }

    /// The window in one calendar's zone: from the first day's midnight to the midnight after
    /// the last day.
    pub(super) fn in_zone(&self, tz: Tz) -> ZonedWindow {
        let midnight = |d: NaiveDate| resolve_local(&tz, d.and_time(NaiveTime::MIN));
        ZonedWindow {
            start: self.from.map(midnight),
            end: self.to.and_then(|d| d.succ_opt()).map(midnight),
            tz,
        }
    }
}

/// A [`DateWindow`] as instants, for one calendar.
pub(super) struct ZonedWindow {
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    tz: Tz,
}

fn time(fields: &Fields, key: &str) -> Option<DateTime<Utc>> {
    fields
        .get(key)
        .and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

impl ZonedWindow {
    fn overlaps(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        // An instant event (end = start) inside the window counts too.
        self.end.is_none_or(|e| start < e) && self.start.is_none_or(|s| end > s || start >= s)
    }

    /// Whether a one-off entry is (at least partly) inside. An entry whose times cannot be
    /// read is kept: the writer reports it, rather than it vanishing here unsaid.
    pub(super) fn holds_entry(&self, entry: &Fields) -> bool {
        match (time(entry, "startsAt"), time(entry, "endsAt")) {
            (Some(start), end) => self.overlaps(start, end.unwrap_or(start)),
            (None, _) => true,
        }
    }

    /// Whether a series has an occurrence (at least partly) inside, by its rule or by a changed
    /// occurrence moved there. A series that does is kept whole, its rule, cancelled and changed
    /// occurrences included, so the file states the same series the platform holds, not a
    /// piece of it; one that does not is left out. A rule that cannot be read is kept (the
    /// writer reports it).
    pub(super) fn holds_series(
        &self,
        root: &Fields,
        master: &Fields,
        overrides: &[Fields],
    ) -> bool {
        let (Some(first), Some(first_end)) = (time(root, "startsAt"), time(root, "endsAt")) else {
            return true;
        };
        let Ok(rule) = Rule::from_master(master, self.tz.name()) else {
            return true;
        };
        let length = (first_end - first).max(Duration::zero());
        // Occurrences starting up to one length before the window still reach into it.
        let from = self
            .start
            .map_or(first, |s| s - length - Duration::seconds(1));
        // Open at the end: the next occurrence after `from`, if any, comes within eight years
        // of periods (a yearly series on 29 February skips at most seven years).
        let to = self.end.unwrap_or_else(|| {
            from + Duration::days(366 * 8 * i64::from(rule.interval.clamp(1, 1000)))
        });
        if from >= to {
            return false;
        }
        let by_rule = rule
            .occurrences_between(from, to)
            .iter()
            .any(|o| self.overlaps(o.starts_at, o.starts_at + length));
        by_rule
            || overrides.iter().any(|o| match time(o, "startsAt") {
                Some(start) => self.overlaps(start, time(o, "endsAt").unwrap_or(start)),
                None => false,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: serde_json::Value) -> Fields {
        v.as_object().unwrap().clone()
    }

    fn window(from: &str, to: &str) -> ZonedWindow {
        DateWindow::new(from.parse().ok(), to.parse().ok())
            .unwrap()
            .unwrap()
            .in_zone(chrono_tz::Europe::Berlin)
    }

    #[test]
    fn entries_overlapping_the_days_are_in_in_the_calendars_zone() {
        let w = window("2026-05-04", "2026-05-10");
        let entry = |s: &str, e: &str| fields(json!({"startsAt": s, "endsAt": e}));
        // 23:30 UTC on 3 May is 01:30 on 4 May in Berlin.
        assert!(w.holds_entry(&entry("2026-05-03T23:30:00Z", "2026-05-04T00:30:00Z")));
        assert!(!w.holds_entry(&entry("2026-05-03T20:00:00Z", "2026-05-03T21:00:00Z")));
        // Ends on the 10th in Berlin, starts there at 23:00: in; the 11th: out.
        assert!(w.holds_entry(&entry("2026-05-10T21:00:00Z", "2026-05-10T21:30:00Z")));
        assert!(!w.holds_entry(&entry("2026-05-10T22:00:00Z", "2026-05-10T23:00:00Z")));
        // Across the whole window.
        assert!(w.holds_entry(&entry("2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z")));
    }

    #[test]
    fn a_series_is_in_when_one_occurrence_is() {
        let w = window("2026-05-04", "2026-05-10");
        let root =
            fields(json!({"startsAt": "2026-03-02T08:00:00Z", "endsAt": "2026-03-02T09:00:00Z"}));
        let master = |extra: serde_json::Value| {
            let mut m = fields(
                json!({"frequency": "weekly", "intervalCount": 1, "byWeekday": [1],
                "startsAt": "2026-03-02T08:00:00Z", "timezone": "Europe/Berlin"}),
            );
            m.extend(fields(extra));
            m
        };
        assert!(w.holds_series(&root, &master(json!({})), &[]));
        assert!(!w.holds_series(&root, &master(json!({"occurrenceCountLimit": 3})), &[]));
        assert!(!w.holds_series(
            &root,
            &master(json!({"untilAt": "2026-05-01T00:00:00Z"})),
            &[]
        ));
        // Ended before, but a changed occurrence was moved into the window.
        let moved =
            fields(json!({"startsAt": "2026-05-05T08:00:00Z", "endsAt": "2026-05-05T09:00:00Z"}));
        assert!(w.holds_series(&root, &master(json!({"occurrenceCountLimit": 3})), &[moved]));
        // Starts after the window.
        let later =
            fields(json!({"startsAt": "2026-06-01T08:00:00Z", "endsAt": "2026-06-01T09:00:00Z"}));
        assert!(!w.holds_series(
            &later,
            &master(json!({"startsAt": "2026-06-01T08:00:00Z"})),
            &[]
        ));
    }

    #[test]
    fn a_window_that_ends_before_it_begins_is_refused() {
        let e = DateWindow::new("2026-05-10".parse().ok(), "2026-05-04".parse().ok()).unwrap_err();
        assert_eq!(
            e.message,
            "the window ends (2026-05-04) before it begins (2026-05-10)"
        );
        assert_eq!(DateWindow::new(None, None).unwrap(), None);
    }
}
