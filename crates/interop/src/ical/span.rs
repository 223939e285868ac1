//! How long an event lasts: its `DTEND` or `DURATION`, or RFC 5545's reading where it has
//! neither or ends when it starts (§3.6.1: a date start lasts the day, a date-time start is a
//! point in time). The platform needs an end after the start, so a point in time is given
//! [`POINT_IN_TIME_MINUTES`], and said.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use super::map::{resolve, At, Context, Sink};
use super::time::{local_to_utc, parse_duration, parse_prop, rfc3339, IcalTime};
use crate::component::Component;
use crate::content_line::ContentLine;

/// How long an event that is a point in time lasts on the platform, in minutes: the shortest
/// block calendars show, so the event is seen without claiming more of the day.
pub const POINT_IN_TIME_MINUTES: i64 = 15;

const FIELD: &str = "endsAt";

/// The end an event is imported with, and the end RFC 5545 gives it (for alarms related to
/// the end: a point in time ends when it starts).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub end: DateTime<Utc>,
    pub rfc_end: DateTime<Utc>,
}

/// Midnight starting `day` in the zone of an all-day start.
fn midnight(day: NaiveDate, start: &At) -> DateTime<Utc> {
    local_to_utc(day.and_time(NaiveTime::MIN), start.tz)
}

/// The day after an all-day start: RFC 5545's end of a date without one.
fn one_day(start: &At) -> Option<DateTime<Utc>> {
    start
        .date
        .and_then(|d| d.succ_opt())
        .map(|d| midnight(d, start))
}

/// `end`, or an error at `line` when it lies past the last date the calendar can hold.
fn representable(
    end: Option<DateTime<Utc>>,
    line: usize,
    sink: &mut Sink,
) -> Option<DateTime<Utc>> {
    if end.is_none() {
        sink.error(
            line,
            Some(FIELD),
            "the event ends past the last representable date",
        );
    }
    end
}

fn representable_span(span: Option<Span>, line: usize, sink: &mut Sink) -> Option<Span> {
    representable(span.map(|s| s.end), line, sink)?;
    span
}

fn point_in_time(start: &At) -> Option<Span> {
    Some(Span {
        end: start
            .utc
            .checked_add_signed(Duration::minutes(POINT_IN_TIME_MINUTES))?,
        rfc_end: start.utc,
    })
}

/// The event's end, or `None` with the reason in `sink` when it has none the platform can
/// take (an end before the start, an unreadable value).
pub(crate) fn event_span(
    c: &Component,
    start: &At,
    all_day: bool,
    ctx: &mut Context,
    sink: &mut Sink,
) -> Option<Span> {
    let start_line = c.prop("DTSTART").map_or(c.line, |p| p.line);
    let (stated, line) = match (c.prop("DTEND"), c.prop("DURATION")) {
        (Some(end), Some(duration)) => {
            sink.warn(
                duration.line,
                Some(FIELD),
                "the event has both DTEND and DURATION, which RFC 5545 forbids; its DTEND is used",
            );
            (from_dtend(end, start, all_day, ctx, sink)?, end.line)
        }
        (Some(end), None) => (from_dtend(end, start, all_day, ctx, sink)?, end.line),
        (None, Some(duration)) => (
            from_duration(duration, start, all_day, sink)?,
            duration.line,
        ),
        (None, None) if all_day => {
            let end = representable(one_day(start), start_line, sink)?;
            return Some(Span { end, rfc_end: end });
        }
        (None, None) => {
            sink.warn(
                start_line,
                Some(FIELD),
                format!(
                    "the event has no DTEND or DURATION, so RFC 5545 makes it a point in time; imported lasting {POINT_IN_TIME_MINUTES} minutes, as the platform needs an end after the start"
                ),
            );
            return representable_span(point_in_time(start), start_line, sink);
        }
    };
    if stated > start.utc {
        return Some(Span {
            end: stated,
            rfc_end: stated,
        });
    }
    if stated == start.utc {
        if let (true, Some(day)) = (all_day, start.date) {
            sink.warn(
                line,
                Some(FIELD),
                format!("the event ends on the date it starts ({day}), which lasts no time; read as one all-day event on {day}"),
            );
            let end = representable(one_day(start), line, sink)?;
            return Some(Span { end, rfc_end: end });
        }
        sink.warn(
            line,
            Some(FIELD),
            format!(
                "the event ends when it starts ({}), a point in time; imported lasting {POINT_IN_TIME_MINUTES} minutes, as the platform needs an end after the start",
                rfc3339(start.utc)
            ),
        );
        return representable_span(point_in_time(start), line, sink);
    }
    sink.error(
        line,
        Some(FIELD),
        format!(
            "the event ends ({}) before it starts ({}); the platform needs an end after the start",
            rfc3339(stated),
            rfc3339(start.utc)
        ),
    );
    None
}

/// The instant `DTEND` states. A date where the start is a date-time ends at that date's
/// midnight; a date-time where the start is a date ends the all-day event on its day (the
/// day after, when it is not midnight). Both are said.
fn from_dtend(
    p: &ContentLine,
    start: &At,
    all_day: bool,
    ctx: &mut Context,
    sink: &mut Sink,
) -> Option<DateTime<Utc>> {
    let read = match parse_prop(p) {
        Ok(read) => read,
        Err(e) => {
            sink.error(p.line, Some(FIELD), format!("DTEND: {e}"));
            return None;
        }
    };
    if let Some(note) = &read.lenient {
        sink.warn(p.line, Some(FIELD), note.clone());
    }
    let end = resolve(&read.time, p, FIELD, ctx, sink)?;
    match (all_day, &read.time) {
        (true, IcalTime::Date(_))
        | (false, IcalTime::Floating(_) | IcalTime::Utc(_) | IcalTime::Zoned(..)) => Some(end.utc),
        (true, _) => {
            let local = end.utc.with_timezone(&start.tz).naive_local();
            let day = if local.time() == NaiveTime::MIN {
                local.date()
            } else {
                local.date().succ_opt()?
            };
            let last = day.pred_opt().unwrap_or(day);
            sink.warn(
                p.line,
                Some(FIELD),
                format!("DTEND is a date-time while DTSTART is a date; the all-day event runs through {last}"),
            );
            Some(midnight(day, start))
        }
        (false, IcalTime::Date(day)) => {
            sink.warn(
                p.line,
                Some(FIELD),
                format!(
                    "DTEND is a date while DTSTART is a date-time; the event ends at the start of {day} ({})",
                    start.tz.name()
                ),
            );
            Some(local_to_utc(day.and_time(NaiveTime::MIN), start.tz))
        }
    }
}

/// The instant `DURATION` after the start: whole days on the calendar for an all-day event
/// (part of a day covers that day, said).
fn from_duration(
    p: &ContentLine,
    start: &At,
    all_day: bool,
    sink: &mut Sink,
) -> Option<DateTime<Utc>> {
    let Some(d) = parse_duration(&p.value) else {
        sink.error(
            p.line,
            Some(FIELD),
            format!("DURATION {:?} is not a duration", p.value.trim()),
        );
        return None;
    };
    let end = if all_day {
        let mut days = d.num_days();
        if d.num_seconds() > 0 && d.num_seconds() % 86_400 != 0 {
            // Part of a day on a date: the event covers the days it touches.
            days += 1;
            sink.warn(
                p.line,
                Some(FIELD),
                format!(
                    "DURATION {:?} is not whole days, which an all-day event lasts; read as {days} day(s)",
                    p.value.trim()
                ),
            );
        }
        start
            .date
            .and_then(|day| day.checked_add_signed(Duration::days(days)))
            .map(|day| midnight(day, start))
    } else {
        start.utc.checked_add_signed(d)
    };
    if end.is_none() {
        sink.error(
            p.line,
            Some(FIELD),
            "DURATION ends past the last representable date",
        );
    }
    end
}
