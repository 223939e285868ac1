//! One `VEVENT` to the platform's entry (and series), with every problem at its line.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde_json::json;

use super::alarm::map_alarms;
use super::rdate::{extra_dates, rule_extras, Cancelled, Extra, Series};
use super::rrule;
use super::span::event_span;
use super::time::{local_to_utc, parse_list, parse_prop, rfc3339, same_offsets, IcalTime, Read};
use super::tz::{TzResolver, Years};
use super::unkept::{is_blank, Unkept};
use super::unrolled::{unroll, until_instant, Clock, Unrolled};
use super::{ImportOptions, ImportedSeries};
use crate::component::Component;
use crate::content_line::ContentLine;
use crate::report::Problem;
use crate::text::{char_len, unescape};
use crate::Fields;

/// Longest `title` and `locationName` the platform takes.
const TITLE_MAX: usize = 255;
const LOCATION_MAX: usize = 255;

/// Properties whose loss matters: an unreadable one fails the event.
const ESSENTIAL: &[&str] = &[
    "DTSTART",
    "DTEND",
    "DURATION",
    "RRULE",
    "RDATE",
    "EXDATE",
    "RECURRENCE-ID",
    "SUMMARY",
    "UID",
    "STATUS",
    "DESCRIPTION",
    "LOCATION",
];

/// Properties the mapping reads (into a field, a reminder, the series, the entries of extra
/// dates) or reports on its own (`ATTENDEE`, `EXRULE`): never in the "not kept" list.
const USED: &[&str] = &[
    "UID",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "STATUS",
    "CLASS",
    "DTSTART",
    "DTEND",
    "DURATION",
    "RRULE",
    "RDATE",
    "EXRULE",
    "EXDATE",
    "RECURRENCE-ID",
    "ATTENDEE",
];

/// Properties that are a program's bookkeeping, not the user's data: revision stamps and
/// counters, and vendor properties holding a client's own state. Naming them on every event
/// would bury the properties whose loss the user would notice.
const BOOKKEEPING: &[&str] = &[
    "DTSTAMP",
    "CREATED",
    "LAST-MODIFIED",
    "SEQUENCE",
    // The status of a scheduling reply (`2.0;Success`), for the scheduling server.
    "REQUEST-STATUS",
    // Outlook: whether attendees may propose another time.
    "X-MICROSOFT-DISALLOW-COUNTER",
    // libical's note that it could not parse something in the file it read.
    "X-LIC-ERROR",
];

/// Vendor families of bookkeeping. Outlook's CDO properties mirror standard ones (busy status
/// is `TRANSP`, importance is `PRIORITY`, judged on their own) or hold its ids; `X-MS-OLK-*`
/// are Outlook's form settings; `X-MOZ-*` Thunderbird's alarm and revision state;
/// `X-APPLE-*` Apple Calendar's travel and map-pin settings (the pin's place is the
/// `LOCATION`, which is kept); `X-GOOGLE-*` Google's ids and its conference data, whose link
/// Google also writes into the `DESCRIPTION`. Any other `X-` property may be the user's data
/// (a Teams link, a custom field), so it is named.
const BOOKKEEPING_PREFIXES: &[&str] = &[
    "X-MICROSOFT-CDO-",
    "X-MS-OLK-",
    "X-MOZ-",
    "X-APPLE-",
    "X-GOOGLE-",
];

/// Whether losing the property is worth naming: it holds a value, the mapping does not use or
/// report it, it is not bookkeeping, and it does not just state the default the platform
/// assumes anyway.
fn is_unkept(p: &ContentLine, c: &Component) -> bool {
    let name = p.name.as_str();
    if is_blank(&p.value)
        || USED.contains(&name)
        || BOOKKEEPING.contains(&name)
        || BOOKKEEPING_PREFIXES.iter().any(|b| name.starts_with(b))
    {
        return false;
    }
    let value = p.value.trim();
    match name {
        // Opaque (busy) is how the platform treats every event; transparent (free) is lost.
        "TRANSP" => !value.eq_ignore_ascii_case("OPAQUE"),
        // 0 is "no priority"; 5 "medium" is what Outlook writes on every event of normal
        // importance.
        "PRIORITY" => !matches!(value, "0" | "5"),
        // The HTML twin of the `DESCRIPTION` (Outlook): the text is kept, only its formatting
        // is not.
        "X-ALT-DESC" => c.prop("DESCRIPTION").is_none(),
        _ => true,
    }
}

/// The event's properties the platform will not keep, named in one warning.
fn unkept_properties(c: &Component) -> Unkept {
    let mut unkept = Unkept::default();
    for p in c.props.iter().filter(|p| is_unkept(p, c)) {
        unkept.add(&p.name, p.line);
    }
    unkept
}

pub(crate) struct Context<'a> {
    pub options: &'a ImportOptions,
    /// Zone for floating and UTC times: the file's `X-WR-TIMEZONE`, else the calendar's.
    pub default_tz: Tz,
    pub resolver: &'a mut TzResolver,
    /// The years of the event being mapped, over which a `VTIMEZONE` is compared with the
    /// zones (set by [`map_event`]).
    pub years: Years,
}

impl<'a> Context<'a> {
    pub fn new(options: &'a ImportOptions, default_tz: Tz, resolver: &'a mut TzResolver) -> Self {
        Context {
            options,
            default_tz,
            resolver,
            years: Years::new(0, 0),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct RecurrenceId {
    pub date: NaiveDate,
    /// The occurrence's instant, when the `RECURRENCE-ID` has a time.
    pub at: Option<DateTime<Utc>>,
    pub line: usize,
}

/// An event as mapped on its own, before overrides are joined to their series.
#[derive(Debug)]
pub(crate) struct MappedEvent {
    pub line: usize,
    pub uid: Option<String>,
    pub label: String,
    pub recurrence_id: Option<RecurrenceId>,
    pub entry: Fields,
    pub series: Option<ImportedSeries>,
    /// The reminders of its `VALARM`s (`{channel, offsetMinutes}`).
    pub reminders: Vec<Fields>,
    pub cancelled: bool,
    /// Whether the event has a `SUMMARY` (a changed occurrence without one keeps its
    /// series' title).
    pub has_title: bool,
    /// Its `RDATE` occurrences and those of a rule the platform cannot hold, each to become
    /// an entry of its own.
    pub extras: Vec<Extra>,
    /// The rule the platform cannot hold, unrolled into `extras` (for its note).
    pub unrolled: Option<Unrolled>,
    /// Its start and that start's date in the calendar's zone (what a `RECURRENCE-ID` of its
    /// first occurrence names).
    pub first: Option<(DateTime<Utc>, NaiveDate)>,
    /// Lines of the event's `LOCATION` and `CLASS`, for notes on a changed occurrence's.
    pub location_line: Option<usize>,
    pub class_line: Option<usize>,
    /// Its properties the platform will not keep (one warning when the item is finished).
    pub unkept: Unkept,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

#[derive(Default)]
pub(crate) struct Sink {
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl Sink {
    /// Its errors and warnings, for tests of what goes into it.
    #[cfg(test)]
    pub(crate) fn take(self) -> (Vec<Problem>, Vec<Problem>) {
        (self.errors, self.warnings)
    }

    pub(crate) fn error(&mut self, line: usize, field: Option<&str>, message: impl Into<String>) {
        self.errors.push(Problem {
            line,
            field: field.map(str::to_string),
            message: message.into(),
        });
    }

    pub(crate) fn warn(&mut self, line: usize, field: Option<&str>, message: impl Into<String>) {
        self.warnings.push(Problem {
            line,
            field: field.map(str::to_string),
            message: message.into(),
        });
    }
}

/// A resolved time: the instant and the zone it was written in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct At {
    pub(crate) utc: DateTime<Utc>,
    pub(crate) tz: Tz,
    /// The date, for a DATE value.
    pub(crate) date: Option<NaiveDate>,
}

pub(crate) fn resolve(
    t: &IcalTime,
    p: &ContentLine,
    field: &str,
    ctx: &mut Context,
    sink: &mut Sink,
) -> Option<At> {
    let calendar_tz = ctx.options.calendar_timezone;
    match t {
        IcalTime::Date(d) => Some(At {
            utc: local_to_utc(d.and_time(NaiveTime::MIN), calendar_tz),
            tz: calendar_tz,
            date: Some(*d),
        }),
        IcalTime::Utc(utc) => Some(At {
            utc: *utc,
            tz: ctx.default_tz,
            date: None,
        }),
        IcalTime::Floating(local) => {
            sink.warn(
                p.line,
                Some(field),
                format!(
                    "{} has no time zone; read in {}",
                    p.name,
                    ctx.default_tz.name()
                ),
            );
            Some(At {
                utc: local_to_utc(*local, ctx.default_tz),
                tz: ctx.default_tz,
                date: None,
            })
        }
        IcalTime::Zoned(local, tzid) => {
            let r = ctx.resolver.resolve(tzid, ctx.years, ctx.default_tz);
            if let Some(note) = &r.note {
                sink.warn(p.line, Some("timezone"), note.clone());
            }
            Some(At {
                utc: r.to_utc(*local),
                tz: r.tz,
                date: None,
            })
        }
    }
}

/// A time property read, its lenient reading said at its line; `None` (with the error said)
/// when it is no time at all.
fn read_time(p: &ContentLine, field: &str, sink: &mut Sink) -> Option<Read> {
    match parse_prop(p) {
        Ok(read) => {
            if let Some(note) = &read.lenient {
                sink.warn(p.line, Some(field), note.clone());
            }
            Some(read)
        }
        Err(e) => {
            sink.error(p.line, Some(field), format!("{}: {e}", p.name));
            None
        }
    }
}

/// The year a time value is written in (its first four digits), for comparing time zones.
fn year_of(p: &ContentLine) -> Option<i32> {
    let v = p.value.trim();
    v.get(..4)?.parse().ok()
}

/// The years an event covers: from its start's to its end's, or to its series' `UNTIL`
/// (a series without one: the year after its start too).
fn event_years(c: &Component) -> Years {
    let first = c.prop("DTSTART").and_then(year_of).unwrap_or(1970);
    let mut last = c.prop("DTEND").and_then(year_of).unwrap_or(first);
    if let Some(rule) = c.prop("RRULE") {
        let until = rule.value.to_ascii_uppercase();
        let until_year = until
            .split(';')
            .find_map(|part| part.trim().strip_prefix("UNTIL="))
            .and_then(|v| v.get(..4)?.parse::<i32>().ok());
        last = last.max(until_year.unwrap_or(first.saturating_add(1)));
    }
    Years::new(first, last)
}

/// The date of an occurrence in the calendar's zone (what the platform calls the instance
/// date): a DATE value as written, a time converted.
fn instance_date(
    t: &IcalTime,
    p: &ContentLine,
    ctx: &mut Context,
    sink: &mut Sink,
) -> Option<NaiveDate> {
    let at = resolve(t, p, "instanceDate", ctx, sink)?;
    Some(at.date.unwrap_or_else(|| {
        at.utc
            .with_timezone(&ctx.options.calendar_timezone)
            .date_naive()
    }))
}

/// The dates and times an event's `EXDATE`s cancel.
fn cancelled_times(c: &Component, ctx: &mut Context, sink: &mut Sink) -> Vec<Cancelled> {
    let mut cancelled = Vec::new();
    for exdate in c.props_named("EXDATE") {
        for value in parse_list(exdate) {
            match value {
                Err(e) => sink.error(exdate.line, Some("cancelledDates"), format!("EXDATE: {e}")),
                Ok(read) => {
                    if let Some(note) = &read.lenient {
                        sink.warn(exdate.line, Some("cancelledDates"), note.clone());
                    }
                    let Some(at) = resolve(&read.time, exdate, "instanceDate", ctx, sink) else {
                        continue;
                    };
                    let date = at.date.unwrap_or_else(|| {
                        at.utc
                            .with_timezone(&ctx.options.calendar_timezone)
                            .date_naive()
                    });
                    cancelled.push(Cancelled {
                        date,
                        at: at.date.is_none().then_some(at.utc),
                    });
                }
            }
        }
    }
    cancelled
}

fn text(p: &ContentLine) -> String {
    unescape(&p.value).trim().to_string()
}

pub(crate) fn map_event(c: &Component, ctx: &mut Context) -> MappedEvent {
    let mut sink = Sink {
        errors: c.errors.clone(),
        warnings: Vec::new(),
    };
    for broken in &c.broken {
        let essential = broken
            .property
            .as_deref()
            .is_none_or(|p| ESSENTIAL.contains(&p));
        if essential {
            sink.error(broken.line, None, broken.reason.clone());
        } else {
            sink.warn(broken.line, None, broken.reason.clone());
        }
    }
    for p in c.props.iter().filter(|p| p.lossy) {
        sink.warn(
            p.line,
            None,
            format!(
                "{}: the text is not valid UTF-8; unreadable characters were replaced by \u{FFFD}",
                p.name
            ),
        );
    }
    let mut entry = Fields::new();
    entry.insert("calendarId".into(), json!(ctx.options.calendar_id));
    entry.insert("kind".into(), json!(ctx.options.kind));

    let uid = c.prop("UID").map(text).filter(|u| !u.is_empty());
    let title = c.prop("SUMMARY").map(text).unwrap_or_default();
    let label = if title.is_empty() {
        "(no title)".to_string()
    } else {
        title.clone()
    };
    match c.prop("SUMMARY") {
        Some(p) if char_len(&title) > TITLE_MAX => sink.error(
            p.line,
            Some("title"),
            format!(
                "is {} characters; the platform allows at most {TITLE_MAX}",
                char_len(&title)
            ),
        ),
        _ if title.is_empty() => sink.warn(
            c.line,
            Some("title"),
            "the event has no SUMMARY; imported as \"(no title)\"",
        ),
        _ => {}
    }
    entry.insert("title".into(), json!(label));
    if let Some(p) = c.prop("DESCRIPTION") {
        let d = unescape(&p.value);
        if !d.trim().is_empty() {
            entry.insert("description".into(), json!(d.trim_end()));
        }
    }
    if let Some(p) = c.prop("LOCATION") {
        let l = text(p);
        if char_len(&l) > LOCATION_MAX {
            sink.error(
                p.line,
                Some("locationName"),
                format!(
                    "is {} characters; the platform allows at most {LOCATION_MAX}",
                    char_len(&l)
                ),
            );
        }
        if !l.is_empty() {
            entry.insert("locationName".into(), json!(l));
        }
    }
    let mut cancelled = false;
    if let Some(p) = c.prop("STATUS") {
        match p.value.trim().to_ascii_uppercase().as_str() {
            "TENTATIVE" => {
                entry.insert("status".into(), json!("tentative"));
            }
            "CONFIRMED" => {
                entry.insert("status".into(), json!("confirmed"));
            }
            "CANCELLED" => {
                cancelled = true;
                entry.insert("status".into(), json!("cancelled"));
            }
            other => sink.warn(
                p.line,
                Some("status"),
                format!("STATUS:{other} is not an event status; left out"),
            ),
        }
    }
    if let Some(p) = c.prop("CLASS") {
        if matches!(
            p.value.trim().to_ascii_uppercase().as_str(),
            "PRIVATE" | "CONFIDENTIAL"
        ) {
            entry.insert("visibility".into(), json!("private"));
        }
    }
    if let Some(uid) = &uid {
        entry.insert("metadata".into(), json!({ "icalUid": uid }));
    }
    if c.props_named("ATTENDEE").next().is_some() {
        let p = c.prop("ATTENDEE").expect("checked");
        sink.warn(
            p.line,
            None,
            "attendees are not imported (the platform has no way to add participants)",
        );
    }
    // Times.
    ctx.years = event_years(c);
    let mut start_at = None;
    let mut all_day = false;
    let mut start_time = None;
    match c.prop("DTSTART") {
        None => sink.error(
            c.line,
            Some("startsAt"),
            "the event has no DTSTART, so it cannot be placed on the calendar",
        ),
        Some(p) => {
            if let Some(read) = read_time(p, "startsAt", &mut sink) {
                all_day = read.time.is_date();
                start_time = Some(read.time.clone());
                start_at = resolve(&read.time, p, "startsAt", ctx, &mut sink);
            }
        }
    }
    let span = start_at.and_then(|start| event_span(c, &start, all_day, ctx, &mut sink));
    if let Some(start) = start_at {
        entry.insert("startsAt".into(), json!(rfc3339(start.utc)));
        entry.insert("timezone".into(), json!(start.tz.name()));
        entry.insert("isAllDay".into(), json!(all_day));
        if let Some(span) = span {
            entry.insert("endsAt".into(), json!(rfc3339(span.end)));
        }
    }

    let reminders = match start_at {
        Some(start) => map_alarms(c, start.utc, span.map(|s| s.rfc_end), ctx, &mut sink),
        None => Vec::new(),
    };

    // Recurrence.
    let mut recurrence_id = None;
    if let Some(p) = c.prop("RECURRENCE-ID") {
        if p.param("RANGE")
            .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"))
        {
            sink.error(
                p.line,
                None,
                "RECURRENCE-ID;RANGE=THISANDFUTURE changes every later occurrence, which the platform cannot express",
            );
        }
        if let Some(read) = read_time(p, "instanceDate", &mut sink) {
            if let Some(date) = instance_date(&read.time, p, ctx, &mut sink) {
                let at = match read.time {
                    IcalTime::Date(_) => None,
                    ref t => resolve(t, p, "instanceDate", ctx, &mut sink).map(|a| a.utc),
                };
                recurrence_id = Some(RecurrenceId {
                    date,
                    at,
                    line: p.line,
                });
            }
        }
    }
    let mut series = None;
    let rrules: Vec<&ContentLine> = c.props_named("RRULE").collect();
    for extra in rrules.iter().skip(1) {
        sink.error(
            extra.line,
            None,
            "a second RRULE: the platform has one rule per series",
        );
    }
    for p in c.props_named("EXRULE") {
        sink.error(
            p.line,
            None,
            "EXRULE (deprecated) cannot be expressed; use EXDATE",
        );
    }
    // EXDATEs cancel occurrences of a rule or extra dates; without either there is nothing
    // to read them for.
    let repeats = !rrules.is_empty() || c.prop("RDATE").is_some();
    let exdates = if repeats {
        cancelled_times(c, ctx, &mut sink)
    } else {
        Vec::new()
    };
    let mut unrolled = None;
    if let (Some(p), Some(start)) = (rrules.first(), start_at) {
        match map_series(p, start, all_day, &entry, &exdates, ctx, &mut sink) {
            Repeat::Series(s) => series = Some(s),
            Repeat::Refused => {}
            Repeat::Unroll(reasons) => {
                let clock = match &start_time {
                    _ if all_day => Clock::Days(start.tz),
                    Some(IcalTime::Utc(_)) => Clock::Utc,
                    Some(IcalTime::Zoned(_, tzid)) => {
                        Clock::Tzid(ctx.resolver.resolve(tzid, ctx.years, ctx.default_tz))
                    }
                    _ => Clock::Zone(start.tz),
                };
                unrolled = unroll(p, reasons, &start, clock, ctx.options.today, &mut sink);
            }
        }
    } else if !repeats {
        if let Some(p) = c.prop("EXDATE") {
            sink.warn(
                p.line,
                None,
                "EXDATE without an RRULE or RDATE has nothing to cancel; ignored",
            );
        }
    }
    let mut extras = Vec::new();
    let mut first_cancelled = false;
    if let (Some(start), Some(span)) = (start_at, span) {
        if rrules.is_empty() || series.is_some() || unrolled.is_some() {
            let with = Series {
                start: &start,
                end: span.end,
                all_day,
                entry: &entry,
                rule: series.as_ref().map(|s: &ImportedSeries| &s.master),
                cancelled: &exdates,
                unrolled: unrolled.as_ref().map_or(&[], |u: &Unrolled| &u.starts[..]),
            };
            if let Some(u) = &unrolled {
                extras = rule_extras(u, &with, ctx.options.calendar_timezone);
                first_cancelled = exdates.iter().any(|x| {
                    x.at.map_or(x.date == first_date(&start, ctx), |t| t == start.utc)
                });
                if first_cancelled {
                    // The event's entry is the one the others link to, so it stays.
                    sink.warn(
                        c.prop("EXDATE").map_or(u.line, |p| p.line),
                        Some("status"),
                        "EXDATE cancels the first occurrence; its entry stays, marked cancelled, as the entries of the rule's other occurrences are linked to it",
                    );
                }
            }
            let (rdates, not_the_rules) = extra_dates(c, &with, extras.len(), ctx, &mut sink);
            // The rule's occurrences (at the RRULE line) come before the extra dates (at
            // theirs), each in time order, so the items run in line order.
            extras.extend(rdates);
            if let Some(series) = series.as_mut() {
                series
                    .cancelled_dates
                    .retain(|d| !not_the_rules.contains(d));
            }
        }
    }

    if first_cancelled {
        entry.insert("status".into(), json!("cancelled"));
    }
    // The same note for DTSTART and DTEND (a zone read as another) is said once.
    let mut seen = std::collections::HashSet::new();
    sink.warnings.sort_by_key(|w| w.line);
    sink.warnings.retain(|w| seen.insert(w.message.clone()));
    MappedEvent {
        line: c.line,
        uid,
        label,
        recurrence_id,
        entry,
        series,
        reminders,
        cancelled,
        has_title: !title.is_empty(),
        extras,
        first: start_at.map(|at| (at.utc, first_date(&at, ctx))),
        unrolled,
        location_line: c.prop("LOCATION").map(|p| p.line),
        class_line: c.prop("CLASS").map(|p| p.line),
        unkept: unkept_properties(c),
        errors: sink.errors,
        warnings: sink.warnings,
    }
}

/// The date of an event's start in the calendar's zone (what a `RECURRENCE-ID` or an
/// `EXDATE` of its first occurrence names).
fn first_date(at: &At, ctx: &Context) -> NaiveDate {
    at.date.unwrap_or_else(|| {
        at.utc
            .with_timezone(&ctx.options.calendar_timezone)
            .date_naive()
    })
}

/// What an `RRULE` becomes.
enum Repeat {
    /// The platform's series.
    Series(ImportedSeries),
    /// Occurrences of their own, as the series cannot hold the rule (the reasons).
    Unroll(Vec<String>),
    /// Nothing: the reason is said at its line.
    Refused,
}

fn map_series(
    p: &ContentLine,
    start: At,
    all_day: bool,
    entry: &Fields,
    cancelled: &[Cancelled],
    ctx: &mut Context,
    sink: &mut Sink,
) -> Repeat {
    let local_start = start.utc.with_timezone(&start.tz).date_naive();
    let parsed = match rrule::parse(&p.value, local_start) {
        Ok(r) => r,
        Err(reasons) => return Repeat::Unroll(reasons),
    };
    let mut master = parsed.fields;
    master.insert("calendarId".into(), json!(ctx.options.calendar_id));
    master.insert("startsAt".into(), entry["startsAt"].clone());
    master.insert("timezone".into(), json!(start.tz.name()));
    if let Some(until) = parsed.until {
        // A date: inclusive, so an all-day series' last occurrence starts at its midnight
        // and a timed one may start any time that day.
        let until_utc = until_instant(&until, all_day, start.tz);
        if until_utc < start.utc {
            sink.error(p.line, Some("untilAt"), "UNTIL is before DTSTART");
            return Repeat::Refused;
        } else if until_utc == start.utc {
            // The platform wants `untilAt` after `startsAt`; a series that ends at its
            // first occurrence is one occurrence.
            master.insert("occurrenceCountLimit".into(), json!(1));
        } else {
            master.insert("untilAt".into(), json!(rfc3339(until_utc)));
        }
    }
    let calendar_tz = ctx.options.calendar_timezone;
    if start.tz != calendar_tz && !same_offsets(start.tz, calendar_tz, start.utc) {
        let day_in_calendar = start.utc.with_timezone(&calendar_tz).date_naive();
        let has_days = master.contains_key("byWeekday") || master.contains_key("byMonthDay");
        if has_days && day_in_calendar != local_start {
            return Repeat::Unroll(vec![format!(
                "the platform repeats series in the calendar's time zone ({}), where this series starts on {day_in_calendar} instead of {local_start}, so its weekdays or month days would shift",
                calendar_tz.name()
            )]);
        }
        sink.warn(
            p.line,
            Some("timezone"),
            format!(
                "the platform repeats series in the calendar's time zone ({}); this series is in {}, so its occurrences follow {}'s clock changes",
                calendar_tz.name(),
                start.tz.name(),
                calendar_tz.name()
            ),
        );
    }
    let mut cancelled_dates: Vec<NaiveDate> = cancelled.iter().map(|x| x.date).collect();
    cancelled_dates.dedup();
    cancelled_dates.sort();
    cancelled_dates.dedup();
    Repeat::Series(ImportedSeries {
        master,
        cancelled_dates,
        overrides: Vec::new(),
    })
}
