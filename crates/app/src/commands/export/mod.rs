//! Exporting what the replica holds: contacts as vCard (4.0 or 3.0) or CSV, calendars as
//! iCalendar with their series, cancelled and changed occurrences, reminders (as VALARMs) and
//! VTIMEZONEs, optionally only a date window. Works offline; unsynced edits are exported as they
//! are here. The file is written to a path, or (for the CLI) to any writer.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::NaiveDate;
use outpost_interop::{csv, ical, vcard};
use outpost_replica::{ContactQuery, Entity, Fields, TenantScope};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::commands::import::FileFormat;
use crate::error::AppError;
use crate::state::App;

mod held;
mod window;

pub use held::HeldWindow;
use window::{DateWindow, ZonedWindow};

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
    /// Calendars: only entries and series with an occurrence on or after this day (in each
    /// calendar's zone).
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<NaiveDate>,
    /// Calendars: only entries and series with an occurrence on or before this day.
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<NaiveDate>,
    /// vCard exports: the version written (4.0 unless asked).
    #[serde(default)]
    #[ts(optional)]
    pub vcard_version: Option<VCardVersion>,
}

/// The vCard version of a contacts export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum VCardVersion {
    /// Older phones, Outlook and many address books read 3.0 only.
    #[serde(rename = "3.0")]
    V3,
    #[default]
    #[serde(rename = "4.0")]
    V4,
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
    /// Calendar exports: entries left out because they lie outside the date window asked for.
    pub outside_window: u32,
    /// Calendar exports: the days whose entries the replica holds from the server (what it
    /// pulled at its last sync), so the user knows what an export can hold; absent before the
    /// first sync.
    pub replica_holds: Option<HeldWindow>,
}

/// The arguments of [`App::replica_holds`]: none.
#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReplicaHoldsArgs {}

fn write_error(path: &Path, e: std::io::Error) -> AppError {
    AppError::new("io", format!("cannot write {}: {e}", path.display()))
}

/// A new owner-only file in `path`'s folder, named after it, that no other export uses.
fn temporary_beside(path: &Path) -> Result<(std::path::PathBuf, File), AppError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", uuid::Uuid::new_v4()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&tmp).map_err(|e| write_error(path, e))?;
    Ok((tmp, file))
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

/// One calendar's export, each entry's reminders (in entry order), and how many entries the
/// window left out.
struct CalendarOut {
    calendar: ical::CalendarExport,
    reminders: Vec<Vec<Fields>>,
    outside_window: u32,
}

/// One calendar with its entries, series and occurrence changes, as the writer takes them, and
/// each entry's reminders (in entry order); only those inside the window when there is one.
fn calendar_export(
    scope: &TenantScope<'_>,
    id: &str,
    window: Option<&DateWindow>,
) -> Result<CalendarOut, AppError> {
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
    let zoned: Option<ZonedWindow> = window.map(|w| {
        let tz = text("timezone").parse().unwrap_or(chrono_tz::UTC);
        w.in_zone(tz)
    });
    let mut outside_window = 0;
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
                Some((
                    master.local_id,
                    ical::SeriesExport {
                        master: fields(&master.fields),
                        cancelled_dates,
                        overrides,
                    },
                ))
            }
        };
        let inside = match (&zoned, &series) {
            (None, _) => true,
            (Some(w), None) => w.holds_entry(&entry_fields),
            (Some(w), Some((_, s))) => {
                let moved: Vec<Fields> = s.overrides.iter().map(|o| o.fields.clone()).collect();
                w.holds_series(&entry_fields, &s.master, &moved)
            }
        };
        if !inside {
            outside_window += 1;
            continue;
        }
        reminders_of_entries
            .push(reminders.of(&entry.local_id, series.as_ref().map(|(id, _)| id.as_str())));
        let series = series.map(|(_, s)| s);
        entries.push(ical::EntryExport {
            uid,
            entry: entry_fields,
            series,
        });
    }
    Ok(CalendarOut {
        calendar: ical::CalendarExport {
            name: text("name"),
            timezone: text("timezone"),
            entries,
        },
        reminders: reminders_of_entries,
        outside_window,
    })
}

/// What to export, checked: the format, the window, the vCard version.
struct Plan {
    format: FileFormat,
    window: Option<DateWindow>,
    version: vcard::Version,
}

fn export_in(
    scope: &TenantScope<'_>,
    args: &ExportArgs,
    plan: &Plan,
    mut out: &mut dyn Write,
) -> Result<ExportOutcome, AppError> {
    let name = Path::new(&args.path);
    let mut outcome = ExportOutcome {
        path: args.path.clone(),
        format: plan.format,
        written: 0,
        calendars: 0,
        skipped: Vec::new(),
        outside_window: 0,
        replica_holds: None,
    };
    match args.what {
        ExportWhat::Contacts => {
            let contacts = all_contacts(scope)?;
            match plan.format {
                FileFormat::Vcf => vcard::export(&mut out, &contacts, plan.version),
                FileFormat::Csv => csv::export(&mut *out, &contacts),
                FileFormat::Ics => unreachable!("checked by the caller"),
            }
            .map_err(|e| write_error(name, e))?;
            outcome.written = contacts.len() as u32;
        }
        ExportWhat::Calendars => {
            let ids: Vec<String> = if args.calendar_ids.is_empty() {
                scope.calendars()?.into_iter().map(|c| c.local_id).collect()
            } else {
                args.calendar_ids.clone()
            };
            let mut calendars = Vec::new();
            let mut reminders = Vec::new();
            for id in &ids {
                let one = calendar_export(scope, id, plan.window.as_ref())?;
                outcome.outside_window += one.outside_window;
                calendars.push(one.calendar);
                reminders.push(one.reminders);
            }
            let summary = ical::export_with_reminders(&mut out, &calendars, &reminders)
                .map_err(|e| write_error(name, e))?;
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
    out.flush().map_err(|e| write_error(name, e))?;
    Ok(outcome)
}

fn invalid_field(field: &str, message: &str) -> AppError {
    AppError::new("invalid", message).with_details(serde_json::json!({ "field": field }))
}

/// The format (from what is exported when not given) and the options that go with it; an
/// option that does not apply to what is exported is refused, not silently dropped.
fn plan_of(args: &ExportArgs) -> Result<Plan, AppError> {
    let format = match (args.what, args.format) {
        (ExportWhat::Contacts, None) => FileFormat::Vcf,
        (ExportWhat::Calendars, None | Some(FileFormat::Ics)) => FileFormat::Ics,
        (ExportWhat::Contacts, Some(f @ (FileFormat::Vcf | FileFormat::Csv))) => f,
        (ExportWhat::Contacts, Some(FileFormat::Ics)) => {
            return Err(invalid_field(
                "format",
                "contacts export as vcf or csv, not ics",
            ))
        }
        (ExportWhat::Calendars, Some(_)) => {
            return Err(invalid_field("format", "calendars export as ics"))
        }
    };
    if args.what == ExportWhat::Contacts && (args.from.is_some() || args.to.is_some()) {
        let field = if args.from.is_some() { "from" } else { "to" };
        return Err(invalid_field(
            field,
            "a date window is for calendar exports; contacts are exported whole",
        ));
    }
    if args.vcard_version.is_some() && format != FileFormat::Vcf {
        return Err(invalid_field(
            "vcardVersion",
            "a vCard version is for vCard (vcf) exports",
        ));
    }
    Ok(Plan {
        format,
        window: DateWindow::new(args.from, args.to)?,
        version: match args.vcard_version.unwrap_or_default() {
            VCardVersion::V3 => vcard::Version::V3,
            VCardVersion::V4 => vcard::Version::V4,
        },
    })
}

impl App {
    /// The days whose entries the replica holds from the server (what its last sync pulled),
    /// as a calendar export's outcome states them, so the UI can say it before an export;
    /// `None` before the first sync.
    pub async fn replica_holds(&self, _: ReplicaHoldsArgs) -> Result<Option<HeldWindow>, AppError> {
        let active = self.require_active().await?;
        let settings = self.sync_settings_of(&active)?;
        self.in_tenant_blocking(move |scope| held::held_window(scope, &settings))
            .await?
    }

    /// Writes the active tenant's contacts or calendars to the file at `args.path` (replaced
    /// if it exists). The export goes to a temporary file beside it (owner-only), which is
    /// renamed into place once whole: a failed export leaves the file it was replacing as it
    /// was.
    pub async fn export(&self, args: ExportArgs) -> Result<ExportOutcome, AppError> {
        plan_of(&args)?;
        let path = Path::new(&args.path).to_path_buf();
        let (tmp, file) = temporary_beside(&path)?;
        let written = file.try_clone().map_err(|e| write_error(&tmp, e));
        let result = match written {
            Ok(written) => self
                .export_to_writer(args, Box::new(BufWriter::new(file)))
                .await
                .and_then(|outcome| {
                    written.sync_all().map_err(|e| write_error(&path, e))?;
                    std::fs::rename(&tmp, &path).map_err(|e| write_error(&path, e))?;
                    Ok(outcome)
                }),
            Err(e) => Err(e),
        };
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// [`App::export`] to any writer (the CLI's standard output); `args.path` only names it in
    /// the outcome and in errors.
    pub async fn export_to_writer(
        &self,
        args: ExportArgs,
        mut out: Box<dyn Write + Send>,
    ) -> Result<ExportOutcome, AppError> {
        let plan = plan_of(&args)?;
        let active = self.require_active().await?;
        let settings = self.sync_settings_of(&active)?;
        self.in_tenant_blocking(move |scope| {
            let mut outcome = export_in(scope, &args, &plan, &mut out)?;
            if args.what == ExportWhat::Calendars {
                outcome.replica_holds = held::held_window(scope, &settings)?;
            }
            Ok(outcome)
        })
        .await?
    }
}
