//! `outpost calendars ...` and `outpost entries ...`: the active tenant's calendars, offline.
//! Windows expand recurring series locally in each calendar's time zone; edits go to the replica
//! and its outbox at once.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use clap::{Args, Subcommand};
use outpost_app::commands::calendars::{
    EntryStatusArgs, FieldsArgs, IdArgs, ListCalendarsArgs, OccurrenceArgs, PatchArgs, RespondArgs,
    SearchEntriesArgs, WindowArgs,
};
use outpost_app::{App, AppError};
use outpost_replica::Fields;
use serde_json::{json, Value};

use crate::fields::{put, set_pairs};
use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum CalendarsCommand {
    /// The calendars of the active tenant
    Ls,
    /// One calendar with all its fields
    Show { id: String },
    /// Create a calendar
    Add(CalendarFields),
    /// Change fields of a calendar
    Edit {
        id: String,
        #[command(flatten)]
        fields: CalendarFields,
    },
    /// Delete a calendar
    Rm { id: String },
}

#[derive(Args, Debug, Default)]
pub struct CalendarFields {
    #[arg(long)]
    name: Option<String>,
    /// personal, tenant_shared, group, space or resource
    #[arg(long)]
    kind: Option<String>,
    /// IANA time zone, e.g. Europe/Berlin
    #[arg(long)]
    timezone: Option<String>,
    /// private, shared or public_within_tenant
    #[arg(long)]
    visibility: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// Any other field of the platform's request: NAME=VALUE (VALUE is JSON, or text)
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
}

impl CalendarFields {
    fn to_fields(&self) -> Result<Fields, AppError> {
        let mut f = Fields::new();
        put(&mut f, "name", &self.name);
        put(&mut f, "kind", &self.kind);
        put(&mut f, "timezone", &self.timezone);
        put(&mut f, "visibility", &self.visibility);
        put(&mut f, "description", &self.description);
        set_pairs(&mut f, &self.set)?;
        Ok(f)
    }
}

#[derive(Subcommand, Debug)]
pub enum EntriesCommand {
    /// Entries and occurrences in a window, by start (an agenda)
    Ls(WindowFlags),
    /// One entry with all its fields
    Show { id: String },
    /// Create an entry
    Add(EntryFields),
    /// Change fields of an entry
    Edit {
        id: String,
        #[command(flatten)]
        fields: EntryFields,
    },
    /// Move an entry to a new start, keeping its length unless --end is given
    Mv {
        id: String,
        /// New start, RFC 3339
        #[arg(long)]
        start: String,
        /// New end, RFC 3339
        #[arg(long)]
        end: Option<String>,
    },
    /// Delete an entry
    Rm { id: String },
    /// Move an entry to another status (draft, tentative, confirmed, cancelled, completed)
    Status { id: String, status: String },
    /// Answer an invitation: accepted, declined, tentative or pending
    Respond { id: String, answer: String },
    /// Make an entry recurring
    Recur(RecurArgs),
    /// Change one occurrence of a series ("this occurrence only")
    Override {
        /// The series id (see `outpost entries show ENTRY`)
        series: String,
        /// The occurrence's date, YYYY-MM-DD, in the series' time zone
        date: String,
        #[command(flatten)]
        fields: EntryFields,
    },
    /// Cancel one occurrence of a series
    Cancel {
        series: String,
        /// The occurrence's date, YYYY-MM-DD, in the series' time zone
        date: String,
    },
    /// Find entries by the start of any word of their title, description or location
    Search {
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Busy times in a window
    FreeBusy(WindowFlags),
}

#[derive(Args, Debug)]
pub struct WindowFlags {
    /// Start: RFC 3339, or a date (midnight UTC) [default: today]
    #[arg(long)]
    from: Option<String>,
    /// End (exclusive): RFC 3339, or a date [default: 7 days after the start]
    #[arg(long)]
    to: Option<String>,
    /// Only these calendars (repeat for several) [default: all]
    #[arg(long = "calendar", value_name = "ID")]
    calendars: Vec<String>,
}

#[derive(Args, Debug, Default)]
pub struct EntryFields {
    /// The calendar (local or server id)
    #[arg(long)]
    calendar: Option<String>,
    #[arg(long)]
    title: Option<String>,
    /// Start, RFC 3339 with offset, e.g. 2026-12-01T09:00:00+01:00
    #[arg(long)]
    start: Option<String>,
    /// End, RFC 3339 with offset
    #[arg(long)]
    end: Option<String>,
    /// IANA time zone [default on create: the calendar's]
    #[arg(long)]
    timezone: Option<String>,
    /// event, booking, reservation, hold or reminder_task [default on create: event]
    #[arg(long)]
    kind: Option<String>,
    /// draft, tentative, confirmed, cancelled or completed
    #[arg(long)]
    status: Option<String>,
    /// default or private
    #[arg(long)]
    visibility: Option<String>,
    #[arg(long)]
    location: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// All day
    #[arg(long)]
    all_day: bool,
    /// Any other field of the platform's request: NAME=VALUE (VALUE is JSON, or text)
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
}

impl EntryFields {
    fn to_fields(&self) -> Result<Fields, AppError> {
        let mut f = Fields::new();
        put(&mut f, "calendarId", &self.calendar);
        put(&mut f, "title", &self.title);
        put(&mut f, "startsAt", &self.start);
        put(&mut f, "endsAt", &self.end);
        put(&mut f, "timezone", &self.timezone);
        put(&mut f, "kind", &self.kind);
        put(&mut f, "status", &self.status);
        put(&mut f, "visibility", &self.visibility);
        put(&mut f, "locationName", &self.location);
        put(&mut f, "description", &self.description);
        if self.all_day {
            f.insert("isAllDay".into(), json!(true));
        }
        set_pairs(&mut f, &self.set)?;
        Ok(f)
    }
}

#[derive(Args, Debug)]
pub struct RecurArgs {
    /// The entry that becomes the first occurrence
    entry: String,
    /// daily, weekly, monthly or yearly
    #[arg(long)]
    frequency: String,
    /// Every N days, weeks, months or years
    #[arg(long)]
    interval: Option<u32>,
    /// Weekdays: sun,mon,tue,wed,thu,fri,sat (comma-separated)
    #[arg(long, value_delimiter = ',')]
    weekday: Vec<String>,
    /// Days of the month, 1-31 (comma-separated)
    #[arg(long, value_delimiter = ',')]
    month_day: Vec<u8>,
    /// No occurrence after this instant, RFC 3339
    #[arg(long, conflicts_with = "count")]
    until: Option<String>,
    /// At most this many occurrences
    #[arg(long)]
    count: Option<u32>,
}

const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

fn weekday_number(name: &str) -> Result<u8, AppError> {
    let key = name.trim().to_ascii_lowercase();
    WEEKDAYS
        .iter()
        .position(|d| key.starts_with(d))
        .map(|i| i as u8)
        .ok_or_else(|| {
            AppError::new(
                "invalid",
                format!("--weekday {name:?}: use sun, mon, tue, wed, thu, fri or sat"),
            )
        })
}

/// A window bound: RFC 3339, or a date meaning midnight UTC.
fn bound(flag: &str, text: &str) -> Result<DateTime<Utc>, AppError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc())
        .map_err(|_| {
            AppError::new(
                "invalid",
                format!("--{flag} {text:?}: give a date (YYYY-MM-DD) or an RFC 3339 date-time"),
            )
        })
}

fn window_args(w: WindowFlags) -> Result<WindowArgs, AppError> {
    let from = match &w.from {
        Some(t) => bound("from", t)?,
        None => Utc::now()
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc(),
    };
    let to = match &w.to {
        Some(t) => bound("to", t)?,
        None => from + Duration::days(7),
    };
    Ok(WindowArgs {
        calendar_ids: w.calendars,
        from: from.to_rfc3339(),
        to: to.to_rfc3339(),
    })
}

fn nothing_to_change() -> AppError {
    AppError::new(
        "invalid",
        "nothing to change: give at least one field (see --help)",
    )
}

pub async fn calendars(app: &App, cmd: CalendarsCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        CalendarsCommand::Ls => out.calendars(&app.list_calendars(ListCalendarsArgs {}).await?),
        CalendarsCommand::Show { id } => out.record(&app.get_calendar(IdArgs { id }).await?),
        CalendarsCommand::Add(fields) => {
            let record = app
                .create_calendar(FieldsArgs::new(fields.to_fields()?))
                .await?;
            out.saved("Created", &record);
        }
        CalendarsCommand::Edit { id, fields } => {
            let fields = fields.to_fields()?;
            if fields.is_empty() {
                return Err(nothing_to_change());
            }
            out.saved(
                "Changed",
                &app.update_calendar(PatchArgs::new(id, fields)).await?,
            );
        }
        CalendarsCommand::Rm { id } => {
            app.delete_calendar(IdArgs { id: id.clone() }).await?;
            out.done(&format!(
                "Deleted calendar {id} here; the next sync deletes it on the server."
            ));
        }
    }
    Ok(())
}

pub async fn entries(app: &App, cmd: EntriesCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        EntriesCommand::Ls(w) => out.window(&app.calendar_window(window_args(w)?).await?),
        EntriesCommand::FreeBusy(w) => out.free_busy(&app.free_busy(window_args(w)?).await?),
        EntriesCommand::Show { id } => {
            let entry = app.get_entry(IdArgs { id: id.clone() }).await?;
            let series = app.entry_series(IdArgs { id }).await?;
            out.entry(&entry, series.as_ref());
        }
        EntriesCommand::Add(fields) => {
            let mut fields = fields.to_fields()?;
            fields.entry("kind").or_insert_with(|| json!("event"));
            if !fields.contains_key("timezone") {
                // The calendar's zone, so a user need not repeat it for every entry.
                if let Some(calendar) = fields.get("calendarId").and_then(Value::as_str) {
                    let calendar = app
                        .get_calendar(IdArgs {
                            id: calendar.to_string(),
                        })
                        .await?;
                    if let Some(tz) = calendar.fields.get("timezone") {
                        fields.insert("timezone".into(), tz.clone());
                    }
                }
            }
            out.saved("Created", &app.create_entry(FieldsArgs::new(fields)).await?);
        }
        EntriesCommand::Edit { id, fields } => {
            let fields = fields.to_fields()?;
            if fields.is_empty() {
                return Err(nothing_to_change());
            }
            out.saved(
                "Changed",
                &app.update_entry(PatchArgs::new(id, fields)).await?,
            );
        }
        EntriesCommand::Mv { id, start, end } => {
            let end = match end {
                Some(end) => end,
                None => {
                    let entry = app.get_entry(IdArgs { id: id.clone() }).await?;
                    keep_length(&entry.fields, &start)?
                }
            };
            let mut fields = Fields::new();
            fields.insert("startsAt".into(), json!(start));
            fields.insert("endsAt".into(), json!(end));
            out.saved(
                "Moved",
                &app.update_entry(PatchArgs::new(id, fields)).await?,
            );
        }
        EntriesCommand::Rm { id } => {
            app.delete_entry(IdArgs { id: id.clone() }).await?;
            out.done(&format!(
                "Deleted entry {id} here; the next sync deletes it on the server."
            ));
        }
        EntriesCommand::Status { id, status } => {
            out.saved(
                "Changed the status of",
                &app.set_entry_status(EntryStatusArgs { id, status }).await?,
            );
        }
        EntriesCommand::Respond { id, answer } => {
            let p = app
                .respond_to_entry(RespondArgs {
                    id,
                    response_status: answer,
                })
                .await?;
            out.done(&format!(
                "Answered {}; the next sync sends it.",
                p.response_status
            ));
        }
        EntriesCommand::Recur(args) => {
            out.saved("Made recurring:", &make_recurring(app, args).await?)
        }
        EntriesCommand::Override {
            series,
            date,
            fields,
        } => {
            let mut fields = fields.to_fields()?;
            if fields.is_empty() {
                return Err(nothing_to_change());
            }
            // One occurrence's title and description are overrides of the series' own.
            for (flag, field) in [
                ("title", "titleOverride"),
                ("description", "descriptionOverride"),
            ] {
                if let Some(v) = fields.remove(flag) {
                    fields.insert(field.into(), v);
                }
            }
            let record = app
                .override_occurrence(OccurrenceArgs {
                    series_id: series,
                    instance_date: date,
                    fields,
                })
                .await?;
            out.saved("Changed the occurrence", &record);
        }
        EntriesCommand::Cancel { series, date } => {
            let record = app
                .cancel_occurrence(OccurrenceArgs {
                    series_id: series,
                    instance_date: date,
                    fields: Fields::new(),
                })
                .await?;
            out.saved("Cancelled the occurrence", &record);
        }
        EntriesCommand::Search { words, limit } => {
            let hits = app
                .search_entries(SearchEntriesArgs {
                    query: words.join(" "),
                    limit: Some(limit),
                })
                .await?;
            out.entry_hits(&hits);
        }
    }
    Ok(())
}

/// The end that keeps the entry's length when it starts at `start`.
fn keep_length(fields: &Value, start: &str) -> Result<String, AppError> {
    let at = |k: &str| {
        fields
            .get(k)
            .and_then(Value::as_str)
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
    };
    let (Some(old_start), Some(old_end)) = (at("startsAt"), at("endsAt")) else {
        return Err(AppError::new(
            "invalid",
            "the entry has no start and end to keep its length from: give --end",
        ));
    };
    let new_start = DateTime::parse_from_rfc3339(start).map_err(|_| {
        AppError::new(
            "invalid",
            format!("--start {start:?}: give an RFC 3339 date-time"),
        )
    })?;
    Ok((new_start + (old_end - old_start)).to_rfc3339())
}

async fn make_recurring(app: &App, args: RecurArgs) -> Result<outpost_replica::Record, AppError> {
    let entry = app
        .get_entry(IdArgs {
            id: args.entry.clone(),
        })
        .await?;
    let mut f = Fields::new();
    f.insert("rootEntryId".into(), json!(args.entry));
    for key in ["calendarId", "startsAt", "timezone"] {
        if let Some(v) = entry.fields.get(key) {
            f.insert(key.into(), v.clone());
        }
    }
    f.insert("frequency".into(), json!(args.frequency));
    if let Some(n) = args.interval {
        f.insert("intervalCount".into(), json!(n));
    }
    if !args.weekday.is_empty() {
        let days = args
            .weekday
            .iter()
            .map(|d| weekday_number(d))
            .collect::<Result<Vec<_>, _>>()?;
        f.insert("byWeekday".into(), json!(days));
    }
    if !args.month_day.is_empty() {
        f.insert("byMonthDay".into(), json!(args.month_day));
    }
    if let Some(until) = args.until {
        f.insert("untilAt".into(), json!(until));
    }
    if let Some(count) = args.count {
        f.insert("occurrenceCountLimit".into(), json!(count));
    }
    app.make_recurring(FieldsArgs::new(f)).await
}
