//! A rule the platform's series cannot hold (the second Tuesday, the last weekday, several
//! months a year, several times a day...), unrolled: the event's entry is its first
//! occurrence and every later one becomes an entry of its own, linked to the event by `UID`
//! as the entries of extra dates are (see rdate.rs), so every occurrence stays on the
//! calendar. The rule is walked as RFC 5545 defines it (recur.rs) on the wall clock of the
//! event's zone, so a 09:00 meeting stays at 09:00 across clock changes.

use chrono::{DateTime, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use serde_json::json;

use super::map::{At, MappedEvent, RecurrenceId, Sink};
use super::rdate::MAX_EXTRA_DATES;
use super::rdate::{change_entry, Changed, Extra, Origin};
use super::recur;
use super::time::{local_to_utc, IcalTime};
use super::tz::Resolved;
use crate::content_line::ContentLine;
use crate::report::Problem;

/// A rule without `COUNT` or `UNTIL` is unrolled until this many years after the later of
/// its start and the day of the import: an old open-ended meeting still shows its coming
/// occurrences, and a file imported today places the next two years.
pub const UNROLL_YEARS: u32 = 2;

/// How an unrolled rule ends.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum End {
    Count(u64),
    Until(DateTime<Utc>),
    /// No end in the rule: occurrences before this day (in the event's zone).
    Horizon(NaiveDate),
}

/// What the event's one note about its unrolled rule says.
#[derive(Debug, Clone)]
pub(crate) struct Unrolled {
    /// The `RRULE` line.
    pub line: usize,
    /// Why the platform's series cannot hold it.
    pub reasons: Vec<String>,
    pub end: End,
    /// Occurrences after the first, before `EXDATE`s: at most [`MAX_EXTRA_DATES`].
    pub starts: Vec<DateTime<Utc>>,
    /// Occurrences past that cap, not imported.
    pub more: u64,
    /// Whether the walk stopped before the rule's end (a rule that yields little).
    pub cut_short: bool,
}

/// The clock a rule is walked on.
pub(crate) enum Clock {
    /// All-day: dates, each placed at midnight in the zone.
    Days(Tz),
    /// A `DTSTART` in UTC repeats at the same UTC time (RFC 5545).
    Utc,
    /// Wall-clock time in the event's zone.
    Zone(Tz),
    /// Wall-clock time in a `TZID` as the file's start was read (its zone, or the file's
    /// own `VTIMEZONE` rules or stated offset where no zone matched), so every occurrence is
    /// placed as its first was.
    Tzid(Resolved),
}

impl Clock {
    fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Clock::Days(tz) => t.with_timezone(tz).date_naive().and_time(NaiveTime::MIN),
            Clock::Utc => t.naive_utc(),
            Clock::Zone(tz) => t.with_timezone(tz).naive_local(),
            Clock::Tzid(r) => local_of(r, t),
        }
    }

    fn utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self {
            Clock::Days(tz) => local_to_utc(local.date().and_time(NaiveTime::MIN), *tz),
            Clock::Utc => local.and_utc(),
            Clock::Zone(tz) => local_to_utc(local, *tz),
            Clock::Tzid(r) => r.to_utc(local),
        }
    }

    fn tz(&self) -> Tz {
        match self {
            Clock::Days(tz) | Clock::Zone(tz) => *tz,
            Clock::Tzid(r) => r.tz,
            Clock::Utc => chrono_tz::UTC,
        }
    }
}

/// The wall-clock time of instant `t` in a resolved `TZID`: the zone's local time, moved by
/// however far the file's own rules place that time from where the zone does.
fn local_of(r: &Resolved, t: DateTime<Utc>) -> NaiveDateTime {
    let guess = t.with_timezone(&r.tz).naive_local();
    guess + (t - r.to_utc(guess))
}

/// The instant `UNTIL` stands for: a date is inclusive, the whole day for a timed event.
pub(crate) fn until_instant(until: &IcalTime, all_day: bool, tz: Tz) -> DateTime<Utc> {
    match until {
        IcalTime::Utc(t) => *t,
        IcalTime::Date(d) if all_day => local_to_utc(d.and_time(NaiveTime::MIN), tz),
        IcalTime::Date(d) => local_to_utc(d.and_hms_opt(23, 59, 59).expect("valid time"), tz),
        IcalTime::Floating(t) | IcalTime::Zoned(t, _) => local_to_utc(*t, tz),
    }
}

/// Walks the rule on `p` from `start`; `None` (with the reason at the line) when it is no
/// valid rule or ends before it starts.
pub(crate) fn unroll(
    p: &ContentLine,
    reasons: Vec<String>,
    start: &At,
    clock: Clock,
    today: NaiveDate,
    sink: &mut Sink,
) -> Option<Unrolled> {
    let rule = match recur::parse(&p.value) {
        Ok(rule) => rule,
        Err(problems) => {
            for problem in problems {
                sink.error(p.line, Some("recurrence"), problem);
            }
            return None;
        }
    };
    let all_day = matches!(clock, Clock::Days(_));
    let first = clock.local(start.utc);
    let last_day = NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");
    let (end, stop) = if let Some(until) = &rule.until {
        let until = until_instant(until, all_day, clock.tz());
        if until < start.utc {
            sink.error(p.line, Some("untilAt"), "UNTIL is before DTSTART");
            return None;
        }
        (End::Until(until), clock.local(until))
    } else if let Some(n) = rule.count {
        (End::Count(n), last_day.and_time(NaiveTime::MIN))
    } else {
        let from = first.date().max(today);
        let horizon = from
            .checked_add_months(Months::new(12 * UNROLL_YEARS))
            .unwrap_or(last_day);
        let stop = horizon.and_time(NaiveTime::MIN) - Duration::seconds(1);
        (End::Horizon(horizon), stop)
    };
    let expansion = recur::expand(&rule, first, stop, MAX_EXTRA_DATES + 1);
    let mut starts: Vec<DateTime<Utc>> = expansion.starts[1..]
        .iter()
        .map(|t| clock.utc(*t))
        .filter(|t| *t > start.utc)
        .collect();
    // Two wall-clock times a clock change folds onto one instant count once.
    starts.dedup();
    Some(Unrolled {
        line: p.line,
        reasons,
        end,
        starts,
        more: expansion.more,
        cut_short: expansion.cut_short,
    })
}

impl Unrolled {
    /// The event's one note about it, once the occurrences left after `EXDATE`s and
    /// cancelled `RECURRENCE-ID`s are known: `imported` entries (the event's own included)
    /// from `first` to `last`.
    pub(crate) fn note(
        &self,
        imported: usize,
        first: NaiveDate,
        last: NaiveDate,
        uid: Option<&str>,
    ) -> String {
        let link = match uid {
            Some(uid) => format!("linked to this one by UID {uid:?}"),
            None => "not linked, as the event has no UID".to_string(),
        };
        let mut note = format!(
            "RRULE: the platform's series cannot hold this rule ({}), so its {imported} occurrence(s) from {first} to {last} are imported as entries of their own, {link}",
            self.reasons.join("; ")
        );
        if let End::Horizon(day) = self.end {
            note.push_str(&format!(
                "; the rule has no end, so occurrences before {day} ({UNROLL_YEARS} years on) are imported"
            ));
        }
        if self.more > 0 {
            note.push_str(&format!(
                "; {}{} more after the first {} are not imported",
                if self.cut_short { "at least " } else { "" },
                self.more,
                MAX_EXTRA_DATES + 1
            ));
        }
        if self.cut_short {
            note.push_str(&format!(
                "; the search for occurrences stopped after looking at {} days and times, so any later ones are neither imported nor counted",
                recur::MAX_STEPS
            ));
        }
        note
    }
}

/// A changed occurrence (`RECURRENCE-ID`) of an unrolled rule that names none of the
/// occurrences imported (one past the horizon or the cap, or one the rule does not have): it
/// is an event on the calendar all the same, so it becomes an entry of its own beside the
/// rule's, with a note; a cancelled one has nothing left to cancel.
pub(crate) fn change_outside(master: &mut MappedEvent, rid: &RecurrenceId, occ: MappedEvent) {
    let all_day = master.entry.get("isAllDay") == Some(&json!(true));
    let start = rid.at.or_else(|| {
        let s = occ.entry.get("startsAt")?.as_str()?;
        Some(DateTime::parse_from_rfc3339(s).ok()?.with_timezone(&Utc))
    });
    let (Some(start), Some(line)) = (start, master.unrolled.as_ref().map(|u| u.line)) else {
        master.warnings.push(Problem::new(
            occ.line,
            "the occurrence change here was not imported: it names no occurrence of its event",
        ));
        return;
    };
    if !occ.cancelled {
        master.warnings.push(Problem::new(
            rid.line,
            format!(
                "RECURRENCE-ID: the occurrence of {} is none of those imported from the rule at line {line}; the changed occurrence is imported as an entry of its own",
                rid.date
            ),
        ));
    }
    let mut entry = master.entry.clone();
    entry.remove("status");
    master.extras.push(Extra {
        origin: Origin::Rule,
        line: rid.line,
        start,
        date: rid.date,
        entry,
        stamp: match rid.at {
            Some(at) if !all_day => at.format("%Y%m%dT%H%M%SZ").to_string(),
            _ => rid.date.format("%Y%m%d").to_string(),
        },
    });
    let last = master.extras.len() - 1;
    change_entry(master, Changed::Extra(last), occ);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn line(value: &str) -> ContentLine {
        ContentLine {
            name: "RRULE".into(),
            group: None,
            params: Vec::new(),
            value: value.into(),
            line: 7,
            lossy: false,
        }
    }

    fn sink() -> Sink {
        Sink::default()
    }

    fn berlin(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Berlin
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn at(t: DateTime<Utc>) -> At {
        At {
            utc: t,
            tz: chrono_tz::Europe::Berlin,
            date: None,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    }

    #[test]
    fn the_wall_clock_time_holds_across_clock_changes() {
        // The last Sunday of the month at 09:00 Berlin: before and after the March change.
        let mut s = sink();
        let u = unroll(
            &line("FREQ=MONTHLY;BYDAY=-1SU;COUNT=3"),
            vec![],
            &at(berlin(2026, 1, 25, 9)),
            Clock::Zone(chrono_tz::Europe::Berlin),
            today(),
            &mut s,
        )
        .unwrap();
        assert_eq!(
            u.starts,
            vec![berlin(2026, 2, 22, 9), berlin(2026, 3, 29, 9)]
        );
        assert_eq!(u.starts[1].format("%H").to_string(), "07", "summer time");
        assert_eq!(u.end, End::Count(3));
    }

    #[test]
    fn an_open_rule_ends_two_years_after_the_later_of_start_and_today() {
        let mut s = sink();
        // Started in 2020, imported on 1 January 2026: until 1 January 2028.
        let u = unroll(
            &line("FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1"),
            vec![],
            &at(berlin(2020, 3, 1, 9)),
            Clock::Zone(chrono_tz::Europe::Berlin),
            today(),
            &mut s,
        )
        .unwrap();
        assert_eq!(
            u.end,
            End::Horizon(NaiveDate::from_ymd_opt(2028, 1, 1).unwrap())
        );
        assert_eq!(u.starts.len(), 15, "Sep 2020 to Sep 2027");
        assert_eq!(*u.starts.last().unwrap(), berlin(2027, 9, 1, 9));
    }

    #[test]
    fn until_ends_it_and_a_utc_start_repeats_in_utc() {
        let mut s = sink();
        let start = Utc.with_ymd_and_hms(2026, 3, 10, 8, 0, 0).unwrap();
        let u = unroll(
            &line("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260512T080000Z"),
            vec![],
            &at(start),
            Clock::Utc,
            today(),
            &mut s,
        )
        .unwrap();
        assert_eq!(
            u.starts,
            vec![
                Utc.with_ymd_and_hms(2026, 4, 14, 8, 0, 0).unwrap(),
                Utc.with_ymd_and_hms(2026, 5, 12, 8, 0, 0).unwrap()
            ]
        );
    }

    #[test]
    fn all_day_rules_give_midnights_and_invalid_rules_are_refused_at_their_line() {
        let mut s = sink();
        let start = local_to_utc(
            NaiveDate::from_ymd_opt(2026, 1, 30)
                .unwrap()
                .and_time(NaiveTime::MIN),
            chrono_tz::Europe::Berlin,
        );
        let u = unroll(
            &line("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=2"),
            vec![],
            &at(start),
            Clock::Days(chrono_tz::Europe::Berlin),
            today(),
            &mut s,
        )
        .unwrap();
        assert_eq!(u.starts, vec![berlin(2026, 2, 27, 0)]);
        assert!(unroll(
            &line("FREQ=MONTHLY;BYSETPOS=0;BYDAY=MO"),
            vec![],
            &at(start),
            Clock::Zone(chrono_tz::Europe::Berlin),
            today(),
            &mut s,
        )
        .is_none());
        assert!(unroll(
            &line("FREQ=MONTHLY;BYDAY=1MO;UNTIL=20250101"),
            vec![],
            &at(start),
            Clock::Zone(chrono_tz::Europe::Berlin),
            today(),
            &mut s,
        )
        .is_none());
        let errors = s.take().0;
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| e.line == 7));
        assert!(errors[1].message.contains("before DTSTART"));
    }
}
