//! Calendars, entries, series and reminders of the active tenant: read windows (recurring series
//! expanded locally in each calendar's time zone) and edit offline. Every edit is validated with
//! the server's rules and written with its outbox op in one transaction.

use std::marker::PhantomData;

use chrono::{DateTime, NaiveDate, Utc};
use outpost_model::enums::{EntryStatus, ResponseStatus};
use outpost_model::records::{
    Calendar, CalendarPatch, Entry, EntryPatch, OccurrencePatch, Reminder, Series, SeriesPatch,
};
use outpost_replica::{
    CalendarSummary, Entity, EntryHit, Fields, FreeBusy, Participant, Record, ReminderSummary,
    Source, WindowItem,
};
use serde::Deserialize;
use ts_rs::TS;

use crate::commands::contacts::Done;
use crate::error::AppError;
use crate::state::App;

/// The longest window one query may ask for: a year and a little, like the server's 366 days,
/// so a daily series is never expanded over decades by accident.
const MAX_WINDOW_DAYS: i64 = 400;

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ListCalendarsArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IdArgs {
    /// The local id, or the server id once the record has one.
    pub id: String,
}

/// The fields of a new record, `T` being its model struct.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldsArgs<T> {
    /// The fields in the shape of the platform's create request (camelCase). Typed as the
    /// model's struct for the UI; here they stay a map so that the replica's checks name each
    /// field a value is wrong for (a type mismatch included), as for an import.
    #[ts(as = "T")]
    pub fields: Fields,
    #[serde(skip)]
    #[ts(skip)]
    model: PhantomData<T>,
}

impl<T> FieldsArgs<T> {
    pub fn new(fields: Fields) -> Self {
        Self {
            fields,
            model: PhantomData,
        }
    }
}

/// A change of a record, `T` being the model's patch of its type.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PatchArgs<T> {
    pub id: String,
    /// Only the fields that change (a map here, as [`FieldsArgs`] says why).
    #[ts(as = "T")]
    pub fields: Fields,
    #[serde(skip)]
    #[ts(skip)]
    model: PhantomData<T>,
}

impl<T> PatchArgs<T> {
    pub fn new(id: String, fields: Fields) -> Self {
        Self {
            id,
            fields,
            model: PhantomData,
        }
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WindowArgs {
    /// The calendars to show (local or server ids); every calendar when empty.
    #[serde(default)]
    pub calendar_ids: Vec<String>,
    /// Start of the window, RFC 3339 (inclusive).
    pub from: String,
    /// End of the window, RFC 3339 (exclusive).
    pub to: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EntryStatusArgs {
    pub id: String,
    /// The status to move to (tentative, confirmed, cancelled, ...), as the server's rules allow.
    /// Text here, so the replica's check names the field of a status the model does not have.
    #[ts(as = "EntryStatus")]
    pub status: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RespondArgs {
    pub id: String,
    /// accepted, declined, tentative or pending (text here, as [`EntryStatusArgs`] says why).
    #[ts(as = "ResponseStatus")]
    pub response_status: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OccurrenceArgs {
    /// The series (recurrence master), local or server id.
    pub series_id: String,
    /// The occurrence's date in the series' time zone, YYYY-MM-DD.
    pub instance_date: String,
    /// What changes for this occurrence only (ignored when cancelling).
    #[serde(default)]
    #[ts(as = "OccurrencePatch")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CalendarIdArgs {
    pub calendar_id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchEntriesArgs {
    pub query: String,
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

fn instant(field: &str, text: &str) -> Result<DateTime<Utc>, AppError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            AppError::new(
                "invalid",
                format!("{field}: {text:?} is not an RFC 3339 date-time ({e})"),
            )
            .with_details(serde_json::json!({ "field": field }))
        })
}

/// The window `[from, to)`, checked: in order, and not longer than [`MAX_WINDOW_DAYS`].
fn window_bounds(args: &WindowArgs) -> Result<(DateTime<Utc>, DateTime<Utc>), AppError> {
    let from = instant("from", &args.from)?;
    let to = instant("to", &args.to)?;
    let invalid = |message: String| {
        AppError::new("invalid", message).with_details(serde_json::json!({ "field": "to" }))
    };
    if to <= from {
        return Err(invalid(format!(
            "to: the window must end after it starts ({} is not after {})",
            args.to, args.from
        )));
    }
    if (to - from).num_days() > MAX_WINDOW_DAYS {
        return Err(invalid(format!(
            "to: a window spans at most {MAX_WINDOW_DAYS} days"
        )));
    }
    Ok((from, to))
}

fn date(text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        AppError::new(
            "invalid",
            format!("instanceDate: {text:?} is not a date (YYYY-MM-DD)"),
        )
        .with_details(serde_json::json!({ "field": "instanceDate" }))
    })
}

impl App {
    pub async fn list_calendars(
        &self,
        _: ListCalendarsArgs,
    ) -> Result<Vec<CalendarSummary>, AppError> {
        self.in_tenant(|scope| scope.calendars()).await
    }

    pub async fn get_calendar(&self, args: IdArgs) -> Result<Record, AppError> {
        self.in_tenant(|scope| scope.get(Entity::Calendar, &args.id))
            .await
    }

    pub async fn create_calendar(&self, args: FieldsArgs<Calendar>) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| scope.create_calendar(Source::User, args.fields))
            .await
    }

    pub async fn update_calendar(
        &self,
        args: PatchArgs<CalendarPatch>,
    ) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| scope.update_calendar(Source::User, &args.id, args.fields))
            .await
    }

    pub async fn delete_calendar(&self, args: IdArgs) -> Result<Done, AppError> {
        self.in_tenant_write(|scope| scope.delete_calendar(Source::User, &args.id))
            .await?;
        Ok(Done { ok: true })
    }

    /// Entries and expanded occurrences overlapping the window, by start: what a day, week,
    /// month or agenda view shows.
    pub async fn calendar_window(&self, args: WindowArgs) -> Result<Vec<WindowItem>, AppError> {
        let (from, to) = window_bounds(&args)?;
        self.in_tenant(|scope| {
            if args.calendar_ids.is_empty() {
                scope.window_all(from, to)
            } else {
                let ids: Vec<&str> = args.calendar_ids.iter().map(String::as_str).collect();
                scope.window(&ids, from, to)
            }
        })
        .await
    }

    /// Busy times over the chosen calendars.
    pub async fn free_busy(&self, args: WindowArgs) -> Result<FreeBusy, AppError> {
        let (from, to) = window_bounds(&args)?;
        let calendar_ids = if args.calendar_ids.is_empty() {
            self.in_tenant(|scope| scope.calendars())
                .await?
                .into_iter()
                .map(|c| c.local_id)
                .collect()
        } else {
            args.calendar_ids
        };
        self.in_tenant(|scope| {
            let ids: Vec<&str> = calendar_ids.iter().map(String::as_str).collect();
            scope.free_busy(&ids, from, to)
        })
        .await
    }

    pub async fn get_entry(&self, args: IdArgs) -> Result<Record, AppError> {
        self.in_tenant(|scope| scope.get(Entity::Entry, &args.id))
            .await
    }

    pub async fn create_entry(&self, args: FieldsArgs<Entry>) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| scope.create_entry(Source::User, args.fields))
            .await
    }

    /// Edits an entry; moving and resizing are edits of `startsAt`/`endsAt`.
    pub async fn update_entry(&self, args: PatchArgs<EntryPatch>) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| scope.update_entry(Source::User, &args.id, args.fields))
            .await
    }

    pub async fn delete_entry(&self, args: IdArgs) -> Result<Done, AppError> {
        self.in_tenant_write(|scope| scope.delete_entry(Source::User, &args.id))
            .await?;
        Ok(Done { ok: true })
    }

    pub async fn set_entry_status(&self, args: EntryStatusArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| scope.set_entry_status(Source::User, &args.id, &args.status))
            .await
    }

    /// The signed-in user's answer to an invitation.
    pub async fn respond_to_entry(&self, args: RespondArgs) -> Result<Participant, AppError> {
        let user_id = self.require_active().await?.account.user_id.clone();
        self.in_tenant_write(|scope| {
            scope.respond_to_entry(Source::User, &args.id, &user_id, &args.response_status)
        })
        .await
    }

    pub async fn entry_participants(&self, args: IdArgs) -> Result<Vec<Participant>, AppError> {
        self.in_tenant(|scope| scope.participants(&args.id)).await
    }

    /// Makes an entry recurring (fields of `POST .../recurrence-masters`: rootEntryId,
    /// calendarId, frequency, interval, byWeekday, byMonthDay, until or count).
    pub async fn make_recurring(&self, args: FieldsArgs<Series>) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| scope.make_recurring(Source::User, args.fields))
            .await
    }

    /// Changes a series' rule (frequency, interval, weekdays, month days, start, until, count)
    /// while it has never been sent; the platform has no way to change a series once created,
    /// and the replica refuses then, in words.
    pub async fn update_series(&self, args: PatchArgs<SeriesPatch>) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| scope.update_series_rule(Source::User, &args.id, args.fields))
            .await
    }

    /// The series an entry is the root of, if any.
    pub async fn entry_series(&self, args: IdArgs) -> Result<Option<Record>, AppError> {
        self.in_tenant(|scope| scope.series_of_entry(&args.id))
            .await
    }

    /// Changes one occurrence of a series ("this occurrence only").
    pub async fn override_occurrence(&self, args: OccurrenceArgs) -> Result<Record, AppError> {
        let day = date(&args.instance_date)?;
        self.in_tenant_write(|scope| {
            scope.override_occurrence(Source::User, &args.series_id, day, args.fields)
        })
        .await
    }

    /// Cancels one occurrence of a series; the others stay.
    pub async fn cancel_occurrence(&self, args: OccurrenceArgs) -> Result<Record, AppError> {
        let day = date(&args.instance_date)?;
        self.in_tenant_write(|scope| scope.cancel_occurrence(Source::User, &args.series_id, day))
            .await
    }

    /// Adds a reminder (fields of `POST .../reminders`: calendarId, entryId or masterId,
    /// channel, offsetMinutes).
    pub async fn add_reminder(&self, args: FieldsArgs<Reminder>) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| scope.add_reminder(Source::User, args.fields))
            .await
    }

    pub async fn remove_reminder(&self, args: IdArgs) -> Result<Done, AppError> {
        self.in_tenant_write(|scope| scope.remove_reminder(Source::User, &args.id))
            .await?;
        Ok(Done { ok: true })
    }

    pub async fn list_reminders(
        &self,
        args: CalendarIdArgs,
    ) -> Result<Vec<ReminderSummary>, AppError> {
        self.in_tenant(|scope| scope.reminders(&args.calendar_id))
            .await
    }

    /// Entries whose title, description or location start with the words typed.
    pub async fn search_entries(&self, args: SearchEntriesArgs) -> Result<Vec<EntryHit>, AppError> {
        let limit = args.limit.unwrap_or(50).clamp(1, 200);
        self.in_tenant(|scope| scope.search_entries(&args.query, limit))
            .await
    }
}
