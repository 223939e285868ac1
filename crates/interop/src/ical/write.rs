//! Calendars to iCalendar: one `VCALENDAR` holding the events of every calendar exported, with
//! the `VTIMEZONE`s of the zones they use.
//!
//! Why one `VCALENDAR` even for several calendars: RFC 5545 §3.4 allows several in a stream,
//! but Thunderbird's import cannot read them (it hands `ICAL.parse`'s result to
//! `new ICAL.Component`, which takes one component, not the list ical.js returns for several),
//! and Evolution merges them into one before importing. Both import a file into the one
//! calendar the user picks, so the calendars' separation has no reader there; the file is named
//! after all of them (`X-WR-CALNAME`). Exporting one calendar at a time keeps them apart.
//!
//! Repeating events are written in the calendar's zone, because the platform repeats series
//! there: a reader that expands the RRULE then finds the same occurrences the platform has.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use serde_json::Value;

use super::alarm::{write_alarms, Unwritable};
use super::rrule::{self, UntilStyle};
use super::time::{local_to_utc, same_offsets};
use super::vtimezone;
use crate::text::{escape, write_folded};
use crate::Fields;

/// A calendar to export.
#[derive(Debug, Clone, Default)]
pub struct CalendarExport {
    pub name: String,
    /// IANA zone of the calendar (its series repeat in it).
    pub timezone: String,
    pub entries: Vec<EntryExport>,
}

/// One entry, with its series if it repeats.
#[derive(Debug, Clone, Default)]
pub struct EntryExport {
    /// The `UID`: keep the one an import brought (`metadata.icalUid`) so the other calendar
    /// recognises its event; otherwise a stable id such as `<entry id>@outpost`.
    pub uid: String,
    /// The entry's fields as the replica holds them (`title`, `startsAt`, `endsAt`,
    /// `timezone`, `isAllDay`, `status`, `description`, `locationName`, `visibility`,
    /// `updatedAt`).
    pub entry: Fields,
    pub series: Option<SeriesExport>,
}

/// An imported event as the exporter takes it back: what a round trip through a file writes
/// (the fuzz targets, the corpus replay and the round-trip tests go through it). An event
/// without a `UID` gets an empty one here; the app's own export never does that.
impl From<&super::ImportedEvent> for EntryExport {
    fn from(e: &super::ImportedEvent) -> Self {
        EntryExport {
            uid: e.uid.clone().unwrap_or_default(),
            entry: e.entry.clone(),
            series: e.series.as_ref().map(|s| SeriesExport {
                master: s.master.clone(),
                cancelled_dates: s.cancelled_dates.clone(),
                overrides: s
                    .overrides
                    .iter()
                    .map(|o| OverrideExport {
                        instance_date: o.instance_date,
                        fields: o.patch.clone(),
                    })
                    .collect(),
            }),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SeriesExport {
    /// The recurrence master's fields (`frequency`, `intervalCount`, `byWeekday`,
    /// `byMonthDay`, `untilAt`, `occurrenceCountLimit`).
    pub master: Fields,
    /// Cancelled occurrences by instance date (in the calendar's zone).
    pub cancelled_dates: Vec<NaiveDate>,
    pub overrides: Vec<OverrideExport>,
}

/// A changed occurrence: the instance's fields (`startsAt`, `endsAt`, `titleOverride`,
/// `descriptionOverride`, `status`; `instanceState: cancelled` makes it an `EXDATE`).
#[derive(Debug, Clone)]
pub struct OverrideExport {
    pub instance_date: NaiveDate,
    pub fields: Fields,
}

/// What an export wrote and what it could not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    /// Calendars whose events the file holds (all in one `VCALENDAR`).
    pub calendars: usize,
    pub events: usize,
    /// `(uid, reason)` of each entry left out: fields that are not valid times or zones, or a
    /// rule RFC 5545 cannot state.
    pub skipped: Vec<(String, String)>,
    /// `(uid, reason)` of each reminder left out of its event: a channel iCalendar has no alarm
    /// for (`sms`, `webhook`) or an offset it cannot be.
    pub reminders_skipped: Vec<(String, String)>,
}

fn tz_of(name: &str) -> Option<Tz> {
    name.parse().ok()
}

fn time_field(fields: &Fields, key: &str) -> Result<DateTime<Utc>, String> {
    let text = fields
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{key} is missing"))?;
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("{key} {text:?} is not an RFC 3339 date-time"))
}

fn str_field<'a>(fields: &'a Fields, key: &str) -> Option<&'a str> {
    fields
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn is_utc(tz: Tz) -> bool {
    matches!(
        tz.name(),
        "UTC" | "Etc/UTC" | "Etc/GMT" | "GMT" | "Etc/Universal" | "Universal" | "Zulu" | "Etc/Zulu"
    )
}

/// How a time is written: all-day dates, UTC, or local time in a zone.
#[derive(Clone, Copy)]
struct Style {
    tz: Tz,
    all_day: bool,
}

impl Style {
    fn prop(&self, name: &str, t: DateTime<Utc>) -> String {
        if self.all_day {
            format!(
                "{name};VALUE=DATE:{}",
                t.with_timezone(&self.tz).format("%Y%m%d")
            )
        } else if is_utc(self.tz) {
            format!("{name}:{}", t.format("%Y%m%dT%H%M%SZ"))
        } else {
            format!(
                "{name};TZID={}:{}",
                self.tz.name(),
                t.with_timezone(&self.tz).format("%Y%m%dT%H%M%S")
            )
        }
    }
}

/// An entry checked and ready to write.
struct Prepared<'a> {
    export: &'a EntryExport,
    /// Its reminders and its series' (`channel`, `offsetMinutes`, `isEnabled`).
    reminders: &'a [Fields],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    style: Style,
    rrule: Option<String>,
    /// Wall-clock time of the series' occurrences in the calendar's zone.
    occurrence_time: NaiveTime,
}

fn prepare<'a>(
    e: &'a EntryExport,
    reminders: &'a [Fields],
    calendar_tz: Tz,
) -> Result<Prepared<'a>, String> {
    let start = time_field(&e.entry, "startsAt")?;
    let end = time_field(&e.entry, "endsAt")?;
    let entry_tz = match str_field(&e.entry, "timezone") {
        Some(name) => {
            tz_of(name).ok_or_else(|| format!("timezone {name:?} is not an IANA zone"))?
        }
        None => calendar_tz,
    };
    let all_day = e
        .entry
        .get("isAllDay")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let style = Style {
        // A series is written in the calendar's zone, where the platform repeats it, unless
        // its own zone keeps the same clock (then its own name survives a round trip).
        tz: if e.series.is_some() && !same_offsets(entry_tz, calendar_tz, start) {
            calendar_tz
        } else {
            entry_tz
        },
        all_day,
    };
    let local_start = start.with_timezone(&style.tz);
    let rrule = match &e.series {
        Some(s) => Some(rrule::write(
            &s.master,
            local_start.date_naive(),
            if all_day {
                UntilStyle::Date(calendar_tz)
            } else {
                UntilStyle::Utc
            },
        )?),
        None => None,
    };
    Ok(Prepared {
        export: e,
        reminders,
        start,
        end,
        style,
        rrule,
        occurrence_time: local_start.time(),
    })
}

/// Writes the calendars. Entries that cannot be written are listed in the summary; an I/O
/// error stops the export.
pub fn export<W: Write>(out: &mut W, calendars: &[CalendarExport]) -> io::Result<ExportSummary> {
    export_with_reminders(out, calendars, &[])
}

/// [`export`], with reminders written as `VALARM`s: `reminders[c][e]` are the reminders
/// (`channel`, `offsetMinutes`, `isEnabled`) of `calendars[c].entries[e]` and of its series; a
/// calendar or entry past the end of `reminders` has none. (They sit beside the entries rather
/// than in [`EntryExport`] so that callers building entries field by field keep compiling.)
pub fn export_with_reminders<W: Write>(
    out: &mut W,
    calendars: &[CalendarExport],
    reminders: &[Vec<Vec<Fields>>],
) -> io::Result<ExportSummary> {
    let mut summary = ExportSummary::default();
    if calendars.is_empty() {
        out.flush()?;
        return Ok(summary);
    }
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    // Every calendar's entries, checked, each with its calendar's zone (its series repeat there).
    let mut prepared: Vec<(Prepared, Tz)> = Vec::new();
    // Each UID written, with the calendar it came from.
    let mut uids: HashMap<&str, &str> = HashMap::new();
    for (c, calendar) in calendars.iter().enumerate() {
        let calendar_tz = tz_of(&calendar.timezone).unwrap_or(Tz::UTC);
        for (i, e) in calendar.entries.iter().enumerate() {
            let own = reminders
                .get(c)
                .and_then(|of_calendar| of_calendar.get(i))
                .map_or(&[][..], Vec::as_slice);
            // Readers join the events of one UID into one series: a second event with the same
            // UID would become a stray occurrence change of the first.
            if let Some(first) = uids.get(e.uid.as_str()) {
                summary.skipped.push((
                    e.uid.clone(),
                    format!(
                        "an event of calendar {first:?} written before it has the same UID; a file holds each UID once"
                    ),
                ));
                continue;
            }
            match prepare(e, own, calendar_tz) {
                Ok(p) => {
                    uids.insert(e.uid.as_str(), calendar.name.as_str());
                    prepared.push((p, calendar_tz));
                }
                Err(reason) => summary.skipped.push((e.uid.clone(), reason)),
            }
        }
    }
    write_header(out, calendars)?;
    for (tz, from, to) in zones_used(&prepared).values() {
        vtimezone::write(out, *tz, *from, *to)?;
    }
    for (p, calendar_tz) in &prepared {
        let left_out = write_event(out, p, *calendar_tz, &stamp)?;
        summary.reminders_skipped.extend(
            left_out
                .into_iter()
                .map(|r| (p.export.uid.clone(), format!("{}: {}", r.what, r.why))),
        );
        summary.events += 1;
    }
    write_folded(out, "END:VCALENDAR")?;
    summary.calendars = calendars.len();
    out.flush()?;
    Ok(summary)
}

/// Each zone the events are written in, with the span of time its `VTIMEZONE` must cover.
fn zones_used(
    prepared: &[(Prepared, Tz)],
) -> BTreeMap<&'static str, (Tz, DateTime<Utc>, DateTime<Utc>)> {
    let mut zones: BTreeMap<&'static str, (Tz, DateTime<Utc>, DateTime<Utc>)> = BTreeMap::new();
    for (p, _) in prepared
        .iter()
        .filter(|(p, _)| !p.style.all_day && !is_utc(p.style.tz))
    {
        let mut last = p.end;
        if let Some(s) = &p.export.series {
            if let Some(until) =
                str_field(&s.master, "untilAt").and_then(|u| DateTime::parse_from_rfc3339(u).ok())
            {
                last = last.max(until.with_timezone(&Utc));
            }
        }
        let slot = zones
            .entry(p.style.tz.name())
            .or_insert((p.style.tz, p.start, last));
        slot.1 = slot.1.min(p.start);
        slot.2 = slot.2.max(last);
    }
    zones
}

/// The `VCALENDAR`'s own properties: named after every calendar in it (`calendars` is not
/// empty).
fn write_header<W: Write>(out: &mut W, calendars: &[CalendarExport]) -> io::Result<()> {
    let name = calendars
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        // Not a comma: readers take X- properties as written, so an escaped comma would show
        // its backslash (ical.js does).
        .join(" / ");
    write_folded(out, "BEGIN:VCALENDAR")?;
    write_folded(out, "VERSION:2.0")?;
    write_folded(out, "PRODID:-//Outpost//Outpost interop//EN")?;
    write_folded(out, "CALSCALE:GREGORIAN")?;
    write_folded(out, &format!("X-WR-CALNAME:{}", escape(&name)))?;
    // The file's default zone, when every calendar has the same one.
    let first_tz = &calendars[0].timezone;
    if tz_of(first_tz).is_some() && calendars.iter().all(|c| &c.timezone == first_tz) {
        write_folded(out, &format!("X-WR-TIMEZONE:{first_tz}"))?;
    }
    Ok(())
}

fn status_value(status: &str) -> Option<&'static str> {
    match status {
        "tentative" => Some("TENTATIVE"),
        "confirmed" => Some("CONFIRMED"),
        "cancelled" => Some("CANCELLED"),
        _ => None,
    }
}

fn write_common<W: Write>(out: &mut W, uid: &str, stamp: &str) -> io::Result<()> {
    write_folded(out, &format!("UID:{}", escape(uid)))?;
    write_folded(out, &format!("DTSTAMP:{stamp}"))
}

/// Writes the entry's `VEVENT` (and one per changed occurrence); returns the reminders it could
/// not write.
fn write_event<W: Write>(
    out: &mut W,
    p: &Prepared,
    calendar_tz: Tz,
    stamp: &str,
) -> io::Result<Vec<Unwritable>> {
    let e = &p.export.entry;
    let title = str_field(e, "title").unwrap_or("");
    write_folded(out, "BEGIN:VEVENT")?;
    write_common(out, &p.export.uid, stamp)?;
    write_folded(out, &p.style.prop("DTSTART", p.start))?;
    write_folded(out, &p.style.prop("DTEND", p.end))?;
    write_folded(out, &format!("SUMMARY:{}", escape(title)))?;
    if let Some(d) = str_field(e, "description") {
        write_folded(out, &format!("DESCRIPTION:{}", escape(d)))?;
    }
    if let Some(l) = str_field(e, "locationName") {
        write_folded(out, &format!("LOCATION:{}", escape(l)))?;
    }
    if let Some(s) = str_field(e, "status").and_then(status_value) {
        write_folded(out, &format!("STATUS:{s}"))?;
    }
    if str_field(e, "visibility") == Some("private") {
        write_folded(out, "CLASS:PRIVATE")?;
    }
    let Some(series) = &p.export.series else {
        let left_out = write_alarms(out, p.reminders, title)?;
        write_folded(out, "END:VEVENT")?;
        return Ok(left_out);
    };
    if let Some(rule) = &p.rrule {
        write_folded(out, &format!("RRULE:{rule}"))?;
    }
    let occurrence = |date: NaiveDate| -> DateTime<Utc> {
        if p.style.all_day {
            local_to_utc(date.and_time(NaiveTime::MIN), calendar_tz)
        } else {
            local_to_utc(NaiveDateTime::new(date, p.occurrence_time), calendar_tz)
        }
    };
    let mut cancelled: Vec<NaiveDate> = series.cancelled_dates.clone();
    cancelled.extend(
        series
            .overrides
            .iter()
            .filter(|o| str_field(&o.fields, "instanceState") == Some("cancelled"))
            .map(|o| o.instance_date),
    );
    cancelled.sort();
    cancelled.dedup();
    for date in &cancelled {
        write_folded(out, &p.style.prop("EXDATE", occurrence(*date)))?;
    }
    let left_out = write_alarms(out, p.reminders, title)?;
    write_folded(out, "END:VEVENT")?;

    let duration: Duration = p.end - p.start;
    for o in series
        .overrides
        .iter()
        .filter(|o| str_field(&o.fields, "instanceState") != Some("cancelled"))
    {
        let original = occurrence(o.instance_date);
        let start = time_field(&o.fields, "startsAt").unwrap_or(original);
        let end = time_field(&o.fields, "endsAt").unwrap_or(start + duration);
        write_folded(out, "BEGIN:VEVENT")?;
        write_common(out, &p.export.uid, stamp)?;
        write_folded(out, &p.style.prop("RECURRENCE-ID", original))?;
        write_folded(out, &p.style.prop("DTSTART", start))?;
        write_folded(out, &p.style.prop("DTEND", end))?;
        let title = str_field(&o.fields, "titleOverride")
            .or(str_field(e, "title"))
            .unwrap_or("");
        write_folded(out, &format!("SUMMARY:{}", escape(title)))?;
        if let Some(d) = str_field(&o.fields, "descriptionOverride").or(str_field(e, "description"))
        {
            write_folded(out, &format!("DESCRIPTION:{}", escape(d)))?;
        }
        if let Some(l) = str_field(e, "locationName") {
            write_folded(out, &format!("LOCATION:{}", escape(l)))?;
        }
        let status = str_field(&o.fields, "status").or(str_field(e, "status"));
        if let Some(s) = status.and_then(status_value) {
            write_folded(out, &format!("STATUS:{s}"))?;
        }
        // A changed occurrence replaces the series' event in other programs, alarms included:
        // the series' reminders go with it (those left out were counted once, above).
        write_alarms(out, p.reminders, title)?;
        write_folded(out, "END:VEVENT")?;
    }
    Ok(left_out)
}
