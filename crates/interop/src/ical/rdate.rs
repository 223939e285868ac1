//! `RDATE`: occurrences a series (or a single event) has beside its rule. The platform has no
//! place for them in a series, so each becomes an entry of its own, a copy of the event at the
//! extra time, with a `UID` of its own derived from the event's and the event's `UID` in
//! `metadata.icalRdateOf`, so every occurrence stays on the calendar and a second import of the
//! file recognises them. As RFC 5545 §3.8.5.2 counts them: a date the rule or `DTSTART`
//! already has is one occurrence, and an `EXDATE` removes an extra date too.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use super::map::{resolve, At, Context, MappedEvent, RecurrenceId, Sink};
use super::time::{local_to_utc, parse_duration, read_value, rfc3339, says_date, IcalTime, Read};
use super::unrolled::Unrolled;
use super::ImportedEvent;
use crate::component::Component;
use crate::content_line::ContentLine;
use crate::report::{Item, Problem};
use crate::Fields;

/// Extra dates imported per event; past this the rest are named in a warning, not imported
/// (a hostile file could list millions).
pub const MAX_EXTRA_DATES: usize = 1000;

/// How far a rule with a count is walked to tell whether an extra date is one of its own.
const RULE_WALK_DAYS: i64 = 366 * 40;

/// Where an occurrence of its own comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// An `RDATE`.
    Rdate,
    /// A rule the platform's series cannot hold, unrolled (unrolled.rs).
    Rule,
}

/// One extra occurrence, as the entry it becomes.
#[derive(Debug, Clone)]
pub(crate) struct Extra {
    pub origin: Origin,
    /// The `RDATE` (or `RRULE`) line.
    pub line: usize,
    pub start: DateTime<Utc>,
    /// Its date in the calendar's zone (what a `RECURRENCE-ID` or an `EXDATE` names).
    pub date: NaiveDate,
    /// The event's entry at this occurrence's times.
    pub entry: Fields,
    /// `20260305T080000Z`, or `20260305` for an all-day event: what makes its `UID`.
    pub stamp: String,
}

/// A time an `EXDATE` cancels: its date in the calendar's zone, and its instant when it has
/// a time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cancelled {
    pub date: NaiveDate,
    pub at: Option<DateTime<Utc>>,
}

/// What the extra dates are compared with.
pub(crate) struct Series<'a> {
    pub start: &'a At,
    pub end: DateTime<Utc>,
    pub all_day: bool,
    pub entry: &'a Fields,
    /// The platform's rule, when the event repeats.
    pub rule: Option<&'a Fields>,
    pub cancelled: &'a [Cancelled],
    /// The occurrences after the first of a rule the platform cannot hold, which extra
    /// dates may repeat.
    pub unrolled: &'a [DateTime<Utc>],
}

/// One `RDATE` value: its start, and its end when it is a `PERIOD`.
fn period(p: &ContentLine, value: &str) -> Result<(Read, Option<Result<Read, Duration>>), String> {
    let (start, end) = match value.split_once('/') {
        Some((s, e)) => (s, Some(e)),
        None => (value, None),
    };
    let one = |v: &str| read_value(&p.name, v, p.param("TZID"), says_date(p));
    let start = one(start)?;
    let end = match end {
        None => None,
        Some(e) if e.trim_start().starts_with(['P', 'p', '+', '-']) => Some(Err(
            parse_duration(e).ok_or_else(|| format!("{e:?} is not a duration"))?
        )),
        Some(e) => Some(Ok(one(e)?)),
    };
    Ok((start, end))
}

/// The extra occurrences of an event, each as an entry, and the dates of `EXDATE`s that
/// cancel only an extra date (no occurrence of the rule, so not the series' to cancel);
/// problems go to `sink` at their line. `taken` entries of the event's own (an unrolled
/// rule's) count against [`MAX_EXTRA_DATES`].
pub(crate) fn extra_dates(
    c: &Component,
    series: &Series,
    taken: usize,
    ctx: &mut Context,
    sink: &mut Sink,
) -> (Vec<Extra>, Vec<NaiveDate>) {
    let calendar_tz = ctx.options.calendar_timezone;
    let length = series.end - series.start.utc;
    let mut extras: Vec<Extra> = Vec::new();
    let mut over = 0usize;
    let mut walk = RuleWalk::new(series, calendar_tz);
    let mut not_the_rules = Vec::new();
    for p in c.props_named("RDATE") {
        let is_period = p
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
        for value in p.value.split(',').filter(|v| !v.trim().is_empty()) {
            let (read, end) = match period(p, value) {
                Ok(parts) => {
                    if parts.1.is_some() && !is_period {
                        sink.warn(
                            p.line,
                            None,
                            format!(
                                "RDATE {:?} is a period written without VALUE=PERIOD; read as one",
                                value.trim()
                            ),
                        );
                    }
                    parts
                }
                Err(e) => {
                    sink.error(p.line, None, format!("RDATE: {e}"));
                    continue;
                }
            };
            if let Some(note) = &read.lenient {
                sink.warn(p.line, None, note.clone());
            }
            let Some(at) = resolve(&read.time, p, "startsAt", ctx, sink) else {
                continue;
            };
            let Some((start, stop)) = times(&read.time, &at, end, series, length, p, ctx, sink)
            else {
                continue;
            };
            let date = if series.all_day {
                start.with_timezone(&series.start.tz).date_naive()
            } else {
                start.with_timezone(&calendar_tz).date_naive()
            };
            let exdate = series
                .cancelled
                .iter()
                .find(|x| x.at.map_or(x.date == date, |t| t == start));
            if let Some(x) = exdate {
                if !walk.has_date(x.date) {
                    not_the_rules.push(x.date);
                }
                continue;
            }
            let duplicate = start == series.start.utc
                || extras.iter().any(|e| e.start == start)
                || series.unrolled.binary_search(&start).is_ok()
                || walk.has(start);
            if duplicate {
                continue;
            }
            if taken + extras.len() >= MAX_EXTRA_DATES {
                over += 1;
                continue;
            }
            let stamp = stamp(start, date, series.all_day);
            let mut entry = series.entry.clone();
            entry.insert("startsAt".into(), json!(rfc3339(start)));
            entry.insert("endsAt".into(), json!(rfc3339(stop)));
            if !series.all_day {
                entry.insert("timezone".into(), json!(at.tz.name()));
            }
            extras.push(Extra {
                origin: Origin::Rdate,
                line: p.line,
                start,
                date,
                entry,
                stamp,
            });
        }
    }
    if over > 0 {
        let line = c.prop("RDATE").map_or(c.line, |p| p.line);
        sink.warn(
            line,
            None,
            format!(
                "RDATE lists {over} more dates after the first {}; those are not imported",
                MAX_EXTRA_DATES - taken.min(MAX_EXTRA_DATES)
            ),
        );
    }
    extras.sort_by_key(|e| e.start);
    (extras, not_the_rules)
}

/// The entries of an unrolled rule's occurrences after the first, less those an `EXDATE`
/// cancels.
pub(crate) fn rule_extras(u: &Unrolled, series: &Series, calendar_tz: Tz) -> Vec<Extra> {
    let length = series.end - series.start.utc;
    let mut extras = Vec::new();
    for &start in &u.starts {
        let date = if series.all_day {
            start.with_timezone(&series.start.tz).date_naive()
        } else {
            start.with_timezone(&calendar_tz).date_naive()
        };
        let cancelled = series
            .cancelled
            .iter()
            .any(|x| x.at.map_or(x.date == date, |t| t == start));
        let Some(stop) = start.checked_add_signed(length) else {
            continue;
        };
        if cancelled {
            continue;
        }
        let mut entry = series.entry.clone();
        entry.insert("startsAt".into(), json!(rfc3339(start)));
        entry.insert("endsAt".into(), json!(rfc3339(stop)));
        extras.push(Extra {
            origin: Origin::Rule,
            line: u.line,
            start,
            date,
            entry,
            stamp: stamp(start, date, series.all_day),
        });
    }
    extras
}

/// What makes an occurrence's `UID`: its UTC time, or its date for an all-day event.
fn stamp(start: DateTime<Utc>, date: NaiveDate, all_day: bool) -> String {
    if all_day {
        date.format("%Y%m%d").to_string()
    } else {
        start.format("%Y%m%dT%H%M%SZ").to_string()
    }
}

/// The start and end of one extra occurrence, of the same kind as the event: a date on a
/// timed event is at the event's time of day, a time on an all-day event is its day.
#[allow(clippy::too_many_arguments)]
fn times(
    time: &IcalTime,
    at: &At,
    end: Option<Result<Read, Duration>>,
    series: &Series,
    length: Duration,
    p: &ContentLine,
    ctx: &mut Context,
    sink: &mut Sink,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = match (series.all_day, time) {
        (true, IcalTime::Date(_))
        | (false, IcalTime::Floating(_) | IcalTime::Utc(_) | IcalTime::Zoned(..)) => at.utc,
        (true, _) => {
            let day = at.utc.with_timezone(&series.start.tz).date_naive();
            local_to_utc(day.and_time(NaiveTime::MIN), series.start.tz)
        }
        (false, IcalTime::Date(day)) => {
            let clock = series.start.utc.with_timezone(&series.start.tz).time();
            local_to_utc(day.and_time(clock), series.start.tz)
        }
    };
    let stop = match end {
        None => start.checked_add_signed(length)?,
        Some(Err(duration)) => start.checked_add_signed(duration)?,
        Some(Ok(read)) => {
            if let Some(note) = &read.lenient {
                sink.warn(p.line, Some("endsAt"), note.clone());
            }
            resolve(&read.time, p, "endsAt", ctx, sink)?.utc
        }
    };
    if stop <= start {
        sink.error(
            p.line,
            Some("endsAt"),
            format!(
                "RDATE: the period ends ({}) before or when it starts ({})",
                rfc3339(stop),
                rfc3339(start)
            ),
        );
        return None;
    }
    Some((start, stop))
}

/// The platform's occurrences of a rule (as crates/replica/src/recurrence.rs expands them, in
/// the calendar's zone at the start's wall-clock time), asked one instant at a time.
struct RuleWalk {
    rule: Option<Rule>,
    /// With a count: the rule's dates found so far, walked on demand.
    counted: Vec<NaiveDate>,
    walked_to: Option<NaiveDate>,
}

struct Rule {
    frequency: String,
    interval: i64,
    by_weekday: Vec<u32>,
    by_month_day: Vec<u32>,
    count: Option<usize>,
    until: Option<DateTime<Utc>>,
    start: NaiveDateTime,
    tz: Tz,
}

fn ints(fields: &Fields, key: &str) -> Vec<u32> {
    fields
        .get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_u64)
                .map(|n| n as u32)
                .collect()
        })
        .unwrap_or_default()
}

impl RuleWalk {
    fn new(series: &Series, calendar_tz: Tz) -> RuleWalk {
        let rule = series.rule.and_then(|f| {
            Some(Rule {
                frequency: f.get("frequency")?.as_str()?.to_string(),
                interval: f
                    .get("intervalCount")
                    .and_then(Value::as_i64)
                    .unwrap_or(1)
                    .max(1),
                by_weekday: ints(f, "byWeekday"),
                by_month_day: ints(f, "byMonthDay"),
                count: f
                    .get("occurrenceCountLimit")
                    .and_then(Value::as_u64)
                    .map(|n| n as usize),
                until: f
                    .get("untilAt")
                    .and_then(Value::as_str)
                    .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                    .map(|t| t.with_timezone(&Utc)),
                start: series.start.utc.with_timezone(&calendar_tz).naive_local(),
                tz: calendar_tz,
            })
        });
        RuleWalk {
            rule,
            counted: Vec::new(),
            walked_to: None,
        }
    }

    /// Whether the rule has an occurrence starting at `t`.
    fn has(&mut self, t: DateTime<Utc>) -> bool {
        let Some(rule) = &self.rule else {
            return false;
        };
        let local = t.with_timezone(&rule.tz).naive_local();
        if local.time() != rule.start.time()
            || rule.until.is_some_and(|u| t > u)
            || local_to_utc(local, rule.tz) != t
        {
            return false;
        }
        self.has_date(local.date())
    }

    /// Whether the rule has an occurrence on `day` (in the calendar's zone).
    fn has_date(&mut self, day: NaiveDate) -> bool {
        let Some(rule) = &self.rule else {
            return false;
        };
        let until = rule.until.map(|u| u.with_timezone(&rule.tz).date_naive());
        if day < rule.start.date() || until.is_some_and(|u| day > u) || !rule.matches(day) {
            return false;
        }
        let Some(count) = rule.count else {
            return true;
        };
        // With a count: the date must be among the first `count` dates.
        let from = self
            .walked_to
            .map_or(Some(rule.start.date()), |d| d.succ_opt());
        let last = rule.start.date() + Duration::days(RULE_WALK_DAYS);
        if let Some(from) = from {
            let mut d = from;
            while d <= day.min(last) && self.counted.len() < count {
                if rule.matches(d) {
                    self.counted.push(d);
                }
                self.walked_to = Some(d);
                let Some(next) = d.succ_opt() else { break };
                d = next;
            }
        }
        self.counted.binary_search(&day).is_ok()
    }
}

impl Rule {
    /// Whether the rule's pattern has `day` (on or after the start's date).
    fn matches(&self, day: NaiveDate) -> bool {
        let start = self.start.date();
        if day == start {
            return true;
        }
        let weekday = day.weekday().num_days_from_sunday();
        let weekday_ok = self.by_weekday.is_empty() || self.by_weekday.contains(&weekday);
        let month_day_ok = self.by_month_day.is_empty() || self.by_month_day.contains(&day.day());
        let months =
            (day.year() - start.year()) as i64 * 12 + day.month() as i64 - start.month() as i64;
        let days_in_month = |ok_day: bool| {
            if !self.by_month_day.is_empty() {
                month_day_ok && weekday_ok
            } else if !self.by_weekday.is_empty() {
                weekday_ok
            } else {
                ok_day
            }
        };
        match self.frequency.as_str() {
            "daily" => (day - start).num_days() % self.interval == 0 && weekday_ok && month_day_ok,
            "weekly" => {
                let monday =
                    |d: NaiveDate| d - Duration::days(d.weekday().num_days_from_monday() as i64);
                let weeks = (monday(day) - monday(start)).num_weeks();
                let on_day = if self.by_weekday.is_empty() {
                    weekday == start.weekday().num_days_from_sunday()
                } else {
                    weekday_ok
                };
                weeks % self.interval == 0 && on_day && month_day_ok
            }
            "monthly" => months % self.interval == 0 && days_in_month(day.day() == start.day()),
            "yearly" => {
                day.month() == start.month()
                    && (day.year() - start.year()) as i64 % self.interval == 0
                    && days_in_month(day.day() == start.day())
            }
            _ => false,
        }
    }
}

/// Which entry of an event with extra dates a changed occurrence (`RECURRENCE-ID`) changes:
/// an extra date's, or, for an event without a rule, the event's own first occurrence.
pub(crate) enum Changed {
    Extra(usize),
    First,
}

/// The entry a changed occurrence changes, when it is one of the extra dates' or the first
/// of an event whose other occurrences are all extra dates; `None` for a series' own
/// occurrences, which its overrides hold.
pub(crate) fn changed_entry(master: &MappedEvent, rid: &RecurrenceId) -> Option<Changed> {
    let same =
        |start: DateTime<Utc>, date: NaiveDate| rid.at.map_or(date == rid.date, |at| at == start);
    if let Some(i) = master.extras.iter().position(|e| same(e.start, e.date)) {
        return Some(Changed::Extra(i));
    }
    let (start, date) = master.first?;
    let others = !master.extras.is_empty() || master.unrolled.is_some();
    (master.series.is_none() && others && same(start, date)).then_some(Changed::First)
}

/// Applies a changed occurrence to the entry it changes: its times and the fields it states
/// (its title only when it has one). A cancelled extra date is taken out; a cancelled first
/// occurrence stays, marked cancelled, as its extra dates are linked to its `UID`.
pub(crate) fn change_entry(master: &mut MappedEvent, which: Changed, mut occ: MappedEvent) {
    if !occ.errors.is_empty() {
        master.errors.append(&mut occ.errors);
        return;
    }
    master.warnings.append(&mut occ.warnings);
    master.unkept.merge(std::mem::take(&mut occ.unkept));
    let entry = match which {
        Changed::Extra(i) if occ.cancelled => {
            master.extras.remove(i);
            return;
        }
        Changed::Extra(i) => &mut master.extras[i].entry,
        Changed::First => {
            if occ.cancelled {
                master.warnings.push(Problem::field(
                    occ.line,
                    "status",
                    "the event's first occurrence is cancelled here; its entry stays, marked cancelled, as the entries of its extra dates are linked to it",
                ));
            }
            &mut master.entry
        }
    };
    let mut keys = vec![
        "startsAt",
        "endsAt",
        "timezone",
        "isAllDay",
        "description",
        "locationName",
        "status",
        "visibility",
    ];
    if occ.has_title {
        keys.push("title");
    }
    for key in keys {
        if let Some(v) = occ.entry.get(key) {
            entry.insert(key.into(), v.clone());
        }
    }
}

/// The entries of an event's extra dates, after its own: each a copy of the event at its
/// time, with a `UID` of its own and the event's in `metadata.icalRdateOf` (an unrolled
/// rule's: `metadata.icalRuleOf`). A failed event takes its extra dates with it (its errors
/// say why). An unrolled rule's entries carry no note each: the event's says it once.
pub(crate) fn extra_items(m: &MappedEvent, extras: Vec<Extra>) -> Vec<Item<ImportedEvent>> {
    extras
        .into_iter()
        .map(|e| {
            let mut entry = e.entry;
            let (infix, link_key) = match e.origin {
                Origin::Rdate => ("rdate", "icalRdateOf"),
                Origin::Rule => ("occurrence", "icalRuleOf"),
            };
            let uid = m.uid.as_deref().map(|series| {
                let own = format!("{series}-{infix}-{}", e.stamp);
                entry.insert(
                    "metadata".into(),
                    json!({ "icalUid": own, link_key: series }),
                );
                own
            });
            let when = entry
                .get("startsAt")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let link = match &m.uid {
                Some(series) => format!("linked to its event by UID {series:?}"),
                None => "its event has no UID to link it by".to_string(),
            };
            let warning = Problem::field(
                e.line,
                "rdate",
                format!(
                    "RDATE: the occurrence at {when} is imported as an entry of its own ({link}): the platform has no place for extra dates in an event"
                ),
            );
            let warnings = match e.origin {
                Origin::Rdate => vec![warning],
                Origin::Rule => Vec::new(),
            };
            Item::from_parts(
                e.line,
                format!("{} ({})", m.label, e.date),
                ImportedEvent {
                    uid,
                    entry,
                    series: None,
                    reminders: m.reminders.clone(),
                },
                Vec::new(),
                warnings,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn walk(rule: serde_json::Value, start: &str) -> RuleWalk {
        let start: DateTime<Utc> = start.parse().unwrap();
        let at = At {
            utc: start,
            tz: chrono_tz::Europe::Berlin,
            date: None,
        };
        let entry = Fields::new();
        let rule = rule.as_object().unwrap().clone();
        let series = Series {
            start: &at,
            end: start + Duration::hours(1),
            all_day: false,
            entry: &entry,
            rule: Some(&rule),
            cancelled: &[],
            unrolled: &[],
        };
        RuleWalk::new(&series, chrono_tz::Europe::Berlin)
    }

    fn berlin(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Berlin
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_rules_own_occurrences_are_known_at_their_wall_clock_time() {
        // Every second month on the 15th at 09:00 Berlin, from 15 January 2026 (winter) into
        // summer.
        let mut w = walk(
            serde_json::json!({"frequency": "monthly", "intervalCount": 2, "byMonthDay": [15]}),
            "2026-01-15T08:00:00Z",
        );
        assert!(w.has(berlin(2026, 3, 15, 9)));
        assert!(w.has(berlin(2026, 7, 15, 9)), "summer time keeps 09:00");
        assert!(!w.has(berlin(2026, 2, 15, 9)), "every second month");
        assert!(!w.has(berlin(2026, 3, 15, 10)), "another time that day");
        assert!(!w.has(berlin(2025, 11, 15, 9)), "before the start");
    }

    #[test]
    fn a_count_ends_the_rule_and_until_too() {
        let mut w = walk(
            serde_json::json!({"frequency": "weekly", "intervalCount": 1, "byWeekday": [1, 4], "occurrenceCountLimit": 4}),
            "2026-03-02T08:00:00Z",
        );
        // Mon 2, Thu 5, Mon 9, Thu 12 March; not Mon 16.
        assert!(w.has(berlin(2026, 3, 12, 9)));
        assert!(!w.has(berlin(2026, 3, 16, 9)));
        assert!(w.has(berlin(2026, 3, 5, 9)), "asked after a later date");
        let mut w = walk(
            serde_json::json!({"frequency": "yearly", "intervalCount": 1, "untilAt": "2028-03-02T08:00:00Z"}),
            "2026-03-02T08:00:00Z",
        );
        assert!(w.has(berlin(2028, 3, 2, 9)));
        assert!(!w.has(berlin(2029, 3, 2, 9)));
        assert!(
            !w.has(berlin(2027, 4, 2, 9)),
            "yearly stays in the start's month"
        );
    }
}
