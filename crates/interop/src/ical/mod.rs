//! iCalendar (.ics): `VEVENT`s in, as the platform's entries, series and occurrence changes,
//! their `VALARM`s as reminders, and their extra dates (`RDATE`) and the occurrences of rules
//! the platform's series cannot hold as entries of their own;
//! calendars out, with `VTIMEZONE`s generated from the zone database and reminders as
//! `VALARM`s. Where a file is silent or loose, the import applies RFC 5545's defaults (a start
//! alone, a zone only the file defines, a time outside the strict grammar), each said in a
//! warning at its line; the README lists them.
//!
//! ```
//! use outpost_interop::ical::{self, ImportOptions};
//! let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1@example.com\r\nSUMMARY:Stand-up\r\nDTSTART;TZID=Europe/Berlin:20260302T091500\r\nDURATION:PT15M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
//! let options = ImportOptions::new("0190f7a0-0000-7000-8000-000000000001", chrono_tz::Europe::Berlin);
//! let import = ical::import(file.as_bytes(), &options);
//! let event = import.report.items[0].outcome.as_ref().unwrap();
//! assert_eq!(event.entry["startsAt"], "2026-03-02T08:15:00Z");
//! assert_eq!(event.series.as_ref().unwrap().master["byWeekday"], serde_json::json!([1, 3]));
//! ```

mod alarm;
mod map;
mod occurrence;
mod rdate;
mod read;
mod recur;
mod rrule;
mod span;
mod time;
mod tz;
pub(crate) mod unkept;
mod unrolled;
mod vtimezone;
mod windows_zones;
mod write;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use crate::report::ImportReport;
use crate::Fields;

pub use alarm::OFFSET_LIMIT_MINUTES;
pub use rdate::MAX_EXTRA_DATES;
pub use read::{import, EventReader, OccurrenceIndex};
pub use span::POINT_IN_TIME_MINUTES;
pub use unrolled::UNROLL_YEARS;
pub use write::{
    export, export_with_reminders, CalendarExport, EntryExport, ExportSummary, OverrideExport,
    SeriesExport,
};

/// Where the events go.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The calendar the entries are created in (`calendarId` of every entry and series).
    pub calendar_id: String,
    /// That calendar's zone. The platform repeats series in it, so occurrence dates
    /// (`EXDATE`, `RECURRENCE-ID`) are dates in this zone, and all-day events are placed in it.
    pub calendar_timezone: Tz,
    /// The entries' `kind` (`event` unless the caller imports bookings or holds).
    pub kind: String,
    /// The day of the import: a rule the platform's series cannot hold and that has no end
    /// is unrolled until [`UNROLL_YEARS`] after the later of its start and this day.
    pub today: NaiveDate,
}

impl ImportOptions {
    pub fn new(calendar_id: impl Into<String>, calendar_timezone: Tz) -> ImportOptions {
        ImportOptions {
            calendar_id: calendar_id.into(),
            calendar_timezone,
            kind: "event".into(),
            today: chrono::Utc::now().date_naive(),
        }
    }
}

/// One imported event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedEvent {
    /// The event's `UID`, for the caller's duplicate detection (also in
    /// `entry.metadata.icalUid`, so a later import can find what an earlier one created).
    pub uid: Option<String>,
    /// The body of `POST /secure/calendar/entries`.
    pub entry: Fields,
    /// Present when the event repeats.
    pub series: Option<ImportedSeries>,
    /// The event's alarms as reminders: bodies of `POST /secure/calendar/reminders` with only
    /// `channel` and `offsetMinutes`; the caller adds `calendarId` and the entry (or, for a
    /// repeating event, the series) it created. Each channel and offset once.
    pub reminders: Vec<Fields>,
}

/// A repeating event's rule and changed occurrences.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedSeries {
    /// The body of `POST /secure/calendar/recurrence-masters` without `rootEntryId`, which
    /// the caller sets to the entry it created from [`ImportedEvent::entry`].
    pub master: Fields,
    /// Occurrences cancelled (`EXDATE`, or an occurrence whose `STATUS` is `CANCELLED`), as
    /// instance dates in the calendar's zone.
    pub cancelled_dates: Vec<NaiveDate>,
    /// Occurrences changed (`RECURRENCE-ID` events).
    pub overrides: Vec<OccurrenceOverride>,
}

/// One changed occurrence: a `PATCH .../recurrence-instances/{id}` body for the instance on
/// `instance_date`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OccurrenceOverride {
    pub instance_date: NaiveDate,
    /// `instanceState: "overridden"`, `startsAt`, `endsAt`, and `titleOverride`,
    /// `descriptionOverride`, `status`, `timezone`, `isAllDay` where they differ from the series.
    pub patch: Fields,
    /// Line of the `RECURRENCE-ID` event's `BEGIN:VEVENT`.
    pub line: usize,
}

/// A whole .ics import.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarImport {
    /// `X-WR-CALNAME` (Google, Apple, Outlook), for naming a new calendar in the preview.
    pub name: Option<String>,
    /// `X-WR-TIMEZONE` when it is an IANA name.
    pub timezone: Option<String>,
    pub report: ImportReport<ImportedEvent>,
}
