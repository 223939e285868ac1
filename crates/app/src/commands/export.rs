//! Exporting what the replica holds: contacts as vCard or CSV, calendars as iCalendar with their
//! series, cancelled and changed occurrences, reminders (as VALARMs) and VTIMEZONEs. Works
//! offline; unsynced edits are exported as they are here.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use outpost_interop::{csv, ical, vcard};
use outpost_replica::{ContactQuery, Entity, Fields, TenantScope};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::commands::import::FileFormat;
use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportWhat {
    Contacts,
    Calendars,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportArgs {
    pub what: ExportWhat,
    /// ics for calendars; vcf (default) or csv for contacts.
    #[serde(default)]
    #[ts(optional)]
    pub format: Option<FileFormat>,
    /// The file to write (replaced if it exists).
    pub path: String,
    /// Only these calendars; every calendar when empty.
    #[serde(default)]
    pub calendar_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportOutcome {
    pub path: String,
    pub format: FileFormat,
    /// Contacts or events written.
    pub written: u32,
    /// Calendars written (calendar exports).
    pub calendars: u32,
    /// Records left out, with the reason.
    pub skipped: Vec<String>,
}

fn write_error(path: &Path, e: std::io::Error) -> AppError {
    AppError::new("io", format!("cannot write {}: {e}", path.display()))
}

/// Every contact's fields, in list order.
fn all_contacts(scope: &TenantScope<'_>) -> Result<Vec<Fields>, AppError> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = scope.contacts(&ContactQuery {
            offset,
            limit: 5000,
            ..ContactQuery::default()
        })?;
        for c in &page.items {
            let record = scope.get(Entity::Contact, &c.local_id)?;
            out.push(record.fields.as_object().cloned().unwrap_or_default());
        }
        offset += page.items.len() as u32;
        if page.items.is_empty() || offset >= page.total {
            return Ok(out);
        }
    }
}

fn fields(v: &Value) -> Fields {
    v.as_object().cloned().unwrap_or_default()
}

/// A calendar's reminders by what they belong to, each as the writer takes it (`channel`,
/// `offsetMinutes`, `isEnabled`; the writer leaves disabled ones out).
#[derive(Default)]
struct CalendarReminders {
    /// By the entry's local id.
    of_entry: HashMap<String, Vec<Fields>>,
    /// By the series' local id.
    of_series: HashMap<String, Vec<Fields>>,
}

impl CalendarReminders {
    fn read(scope: &TenantScope<'_>, calendar_id: &str) -> Result<CalendarReminders, AppError> {
        let mut out = CalendarReminders::default();
        for summary in scope.reminders(calendar_id)? {
            // The summary has no `isEnabled`; the record has every field.
            let record = scope.get(Entity::Reminder, &summary.local_id)?;
            let mut reminder = Fields::new();
            reminder.insert("channel".into(), Value::String(summary.channel));
            reminder.insert("offsetMinutes".into(), summary.offset_minutes.into());
            if let Some(enabled) = record.fields.get("isEnabled") {
                reminder.insert("isEnabled".into(), enabled.clone());
            }
            // A reminder of a record the replica does not hold (outside the pulled window) has
            // neither id and has no event to go with.
            if let Some(entry) = summary.entry_id {
                out.of_entry.entry(entry).or_default().push(reminder);
            } else if let Some(series) = summary.master_id {
                out.of_series.entry(series).or_default().push(reminder);
            }
        }
        Ok(out)
    }

    /// The reminders of an entry and of its series, if it is the root of one.
    fn of(&self, entry_id: &str, series_id: Option<&str>) -> Vec<Fields> {
        let own = self.of_entry.get(entry_id).into_iter().flatten();
        let series = series_id
            .and_then(|id| self.of_series.get(id))
            .into_iter()
            .flatten();
        own.chain(series).cloned().collect()
    }
}

/// One calendar with its entries, series and occurrence changes, as the writer takes them, and
/// each entry's reminders (in entry order).
fn calendar_export(
    scope: &TenantScope<'_>,
    id: &str,
) -> Result<(ical::CalendarExport, Vec<Vec<Fields>>), AppError> {
    let calendar = scope.get(Entity::Calendar, id)?;
    let reminders = CalendarReminders::read(scope, &calendar.local_id)?;
    let mut reminders_of_entries = Vec::new();
    let text = |k: &str| {
        calendar
            .fields
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut entries = Vec::new();
    for entry in scope.entries_of_calendar(&calendar.local_id)? {
        let entry_fields = fields(&entry.fields);
        // Keep the UID an import brought, so the other program recognises its event.
        let uid = entry_fields
            .get("metadata")
            .and_then(|m| m.get("icalUid"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| {
                format!(
                    "{}@outpost",
                    entry.server_id.as_deref().unwrap_or(&entry.local_id)
                )
            });
        let master = scope.series_of_entry(&entry.local_id)?;
        reminders_of_entries.push(reminders.of(
            &entry.local_id,
            master.as_ref().map(|m| m.local_id.as_str()),
        ));
        let series = match master {
            None => None,
            Some(master) => {
                let mut cancelled_dates = Vec::new();
                let mut overrides = Vec::new();
                for change in scope.occurrence_changes(&master.local_id)? {
                    let f = fields(&change.fields);
                    let Some(day) = f
                        .get("instanceDate")
                        .and_then(Value::as_str)
                        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    else {
                        continue;
                    };
                    match f.get("instanceState").and_then(Value::as_str) {
                        Some("cancelled") => cancelled_dates.push(day),
                        Some("overridden") => overrides.push(ical::OverrideExport {
                            instance_date: day,
                            fields: f,
                        }),
                        _ => {}
                    }
                }
                Some(ical::SeriesExport {
                    master: fields(&master.fields),
                    cancelled_dates,
                    overrides,
                })
            }
        };
        entries.push(ical::EntryExport {
            uid,
            entry: entry_fields,
            series,
        });
    }
    Ok((
        ical::CalendarExport {
            name: text("name"),
            timezone: text("timezone"),
            entries,
        },
        reminders_of_entries,
    ))
}

fn export_in(
    scope: &TenantScope<'_>,
    args: &ExportArgs,
    format: FileFormat,
) -> Result<ExportOutcome, AppError> {
    let path = PathBuf::from(&args.path);
    let file = File::create(&path).map_err(|e| write_error(&path, e))?;
    let mut out = BufWriter::new(file);
    let mut outcome = ExportOutcome {
        path: args.path.clone(),
        format,
        written: 0,
        calendars: 0,
        skipped: Vec::new(),
    };
    match args.what {
        ExportWhat::Contacts => {
            let contacts = all_contacts(scope)?;
            match format {
                FileFormat::Vcf => vcard::export(&mut out, &contacts, vcard::Version::V4),
                FileFormat::Csv => csv::export(&mut out, &contacts),
                FileFormat::Ics => unreachable!("checked by the caller"),
            }
            .map_err(|e| write_error(&path, e))?;
            outcome.written = contacts.len() as u32;
        }
        ExportWhat::Calendars => {
            let ids: Vec<String> = if args.calendar_ids.is_empty() {
                scope.calendars()?.into_iter().map(|c| c.local_id).collect()
            } else {
                args.calendar_ids.clone()
            };
            let (calendars, reminders): (Vec<_>, Vec<_>) = ids
                .iter()
                .map(|id| calendar_export(scope, id))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .unzip();
            let summary = ical::export_with_reminders(&mut out, &calendars, &reminders)
                .map_err(|e| write_error(&path, e))?;
            outcome.written = summary.events as u32;
            outcome.calendars = summary.calendars as u32;
            outcome.skipped = summary
                .skipped
                .into_iter()
                .chain(summary.reminders_skipped)
                .map(|(uid, why)| format!("{uid}: {why}"))
                .collect();
        }
    }
    out.flush().map_err(|e| write_error(&path, e))?;
    Ok(outcome)
}

impl App {
    /// Writes the active tenant's contacts or calendars to a file.
    pub async fn export(&self, args: ExportArgs) -> Result<ExportOutcome, AppError> {
        let format = match (args.what, args.format) {
            (ExportWhat::Contacts, None) => FileFormat::Vcf,
            (ExportWhat::Calendars, None | Some(FileFormat::Ics)) => FileFormat::Ics,
            (ExportWhat::Contacts, Some(f @ (FileFormat::Vcf | FileFormat::Csv))) => f,
            (ExportWhat::Contacts, Some(FileFormat::Ics)) => {
                return Err(
                    AppError::new("invalid", "contacts export as vcf or csv, not ics")
                        .with_details(serde_json::json!({ "field": "format" })),
                )
            }
            (ExportWhat::Calendars, Some(_)) => {
                return Err(AppError::new("invalid", "calendars export as ics")
                    .with_details(serde_json::json!({ "field": "format" })))
            }
        };
        self.in_tenant_blocking(move |scope| export_in(scope, &args, format))
            .await?
    }
}
