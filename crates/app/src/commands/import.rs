//! Importing a colleague's .ics or a phone's .vcf/.csv: a preview first (what will be created,
//! updated, skipped, and why, per item with its line), then an apply that goes through the same
//! offline edits and outbox as the user's own (tagged as an import), so it works offline and syncs
//! later. Duplicates are found (the same UID for events; the same name with the same email or
//! phone for contacts) and the caller chooses to skip, update or create them.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use outpost_interop::{ical, vcard, ImportReport, Item, Problem};
use outpost_replica::{ContactQuery, Entity, Fields, Source, TenantScope};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// iCalendar events.
    Ics,
    /// vCard contacts.
    Vcf,
    /// CSV contacts with a header row.
    Csv,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Leave the record already here as it is.
    #[default]
    Skip,
    /// Overwrite its fields with the file's.
    Update,
    /// Import it again as a new record.
    Create,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportArgs {
    /// The file to read.
    pub path: String,
    /// The calendar events go into (required for .ics).
    #[serde(default)]
    #[ts(optional)]
    pub calendar_id: Option<String>,
    #[serde(default)]
    pub duplicates: DuplicatePolicy,
    /// The file's format; from its name or first line when absent.
    #[serde(default)]
    #[ts(optional)]
    pub format: Option<FileFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemAction {
    Create,
    Update,
    Skip,
    /// The item cannot be imported; its problems say why.
    Error,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    pub line: u32,
    pub field: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportItem {
    pub line: u32,
    /// The contact's name or the event's title.
    pub label: String,
    pub action: ItemAction,
    /// Why it is skipped or updated (the duplicate it matches).
    pub reason: Option<String>,
    pub problems: Vec<ImportProblem>,
    /// What was changed or left out on the way in.
    pub warnings: Vec<ImportProblem>,
    /// Reminders the event brings (its alarms): in a preview, those it would add; after an
    /// import, those added. Absent for contacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reminders: Option<u32>,
}

/// A preview (nothing written) or the result of an apply.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub format: FileFormat,
    /// True when the records were written (an apply); false for a preview.
    pub applied: bool,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub failed: u32,
    pub items: Vec<ImportItem>,
    /// Problems outside any item: stray lines, a missing END, a file cut short.
    pub file_problems: Vec<ImportProblem>,
}

fn problem(p: &Problem) -> ImportProblem {
    ImportProblem {
        line: p.line as u32,
        field: p.field.clone(),
        message: p.message.clone(),
    }
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::new("invalid", message)
}

/// The format from the file's name, else from its first line.
pub fn detect_format(path: &Path) -> Result<FileFormat, AppError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("ics" | "ical" | "ifb" | "icalendar") => return Ok(FileFormat::Ics),
        Some("vcf" | "vcard") => return Ok(FileFormat::Vcf),
        Some("csv") => return Ok(FileFormat::Csv),
        _ => {}
    }
    let head = std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_uppercase())
        .map_err(|e| read_error(path, e))?;
    let first = head.trim_start_matches('\u{feff}').trim_start();
    if first.starts_with("BEGIN:VCALENDAR") {
        Ok(FileFormat::Ics)
    } else if first.starts_with("BEGIN:VCARD") {
        Ok(FileFormat::Vcf)
    } else {
        Err(invalid(format!(
            "{}: cannot tell the format (name it .ics, .vcf or .csv)",
            path.display()
        )))
    }
}

fn read_error(path: &Path, e: std::io::Error) -> AppError {
    AppError::new("io", format!("cannot read {}: {e}", path.display()))
}

fn open(path: &Path) -> Result<BufReader<File>, AppError> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|e| read_error(path, e))
}

fn base_item<T>(item: &Item<T>) -> ImportItem {
    ImportItem {
        line: item.line as u32,
        label: item.label.clone(),
        action: ItemAction::Error,
        reason: None,
        problems: item
            .outcome
            .as_ref()
            .err()
            .map(|ps| ps.iter().map(problem).collect())
            .unwrap_or_default(),
        warnings: item.warnings.iter().map(problem).collect(),
        reminders: None,
    }
}

/// The counts of an outcome, from its items.
fn tally(
    format: FileFormat,
    applied: bool,
    items: Vec<ImportItem>,
    file: &[Problem],
) -> ImportOutcome {
    let count = |a: ItemAction| items.iter().filter(|i| i.action == a).count() as u32;
    ImportOutcome {
        format,
        applied,
        created: count(ItemAction::Create),
        updated: count(ItemAction::Update),
        skipped: count(ItemAction::Skip),
        failed: count(ItemAction::Error),
        file_problems: file.iter().map(problem).collect(),
        items,
    }
}

// ---- contacts -------------------------------------------------------------------------------

/// "first middle last" folded to lower case, as duplicates are matched.
fn contact_name(fields: &Fields) -> String {
    ["firstName", "middleName", "lastName"]
        .iter()
        .filter_map(|k| fields.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// Keys under which a contact counts as the same person: name + email, name + phone; for a
/// contact without names (a company card), the email or phone alone.
fn contact_keys(name: &str, email: Option<&str>, phone: Option<&str>) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(e) = email.filter(|e| !e.is_empty()) {
        keys.push(format!("{name}|@{}", e.to_lowercase()));
    }
    if let Some(p) = phone.map(digits).filter(|p| !p.is_empty()) {
        keys.push(format!("{name}|#{p}"));
    }
    keys
}

/// Every local contact by its duplicate keys.
fn contact_index(scope: &TenantScope<'_>) -> Result<HashMap<String, String>, AppError> {
    let mut index = HashMap::new();
    let mut offset = 0;
    loop {
        let page = scope.contacts(&ContactQuery {
            offset,
            limit: 5000,
            ..ContactQuery::default()
        })?;
        for c in &page.items {
            // A contact without names shows its email or phone as its name.
            let nameless = Some(c.display_name.as_str()) == c.email.as_deref()
                || Some(c.display_name.as_str()) == c.phone.as_deref();
            let name = if nameless {
                String::new()
            } else {
                c.display_name.to_lowercase()
            };
            for key in contact_keys(&name, c.email.as_deref(), c.phone.as_deref()) {
                index.entry(key).or_insert_with(|| c.local_id.clone());
            }
        }
        offset += page.items.len() as u32;
        if page.items.is_empty() || offset >= page.total {
            return Ok(index);
        }
    }
}

fn read_contacts(path: &Path, format: FileFormat) -> Result<ImportReport<Fields>, AppError> {
    match format {
        FileFormat::Vcf => Ok(vcard::import(open(path)?)),
        FileFormat::Csv => outpost_interop::csv::import(open(path)?, Default::default())
            .map(|i| i.report)
            .map_err(|e| invalid(format!("{}: {e}", path.display()))),
        FileFormat::Ics => unreachable!("events are read by read_events"),
    }
}

/// What to do with each contact, and with which local record when it is a duplicate.
fn plan_contacts(
    scope: &TenantScope<'_>,
    report: &ImportReport<Fields>,
    policy: DuplicatePolicy,
) -> Result<Vec<(ImportItem, Option<String>)>, AppError> {
    let mut index = contact_index(scope)?;
    let mut plan = Vec::with_capacity(report.items.len());
    for item in &report.items {
        let mut out = base_item(item);
        let Ok(fields) = &item.outcome else {
            plan.push((out, None));
            continue;
        };
        let keys = contact_keys(
            &contact_name(fields),
            fields.get("email").and_then(Value::as_str),
            fields.get("phone").and_then(Value::as_str),
        );
        let existing = keys.iter().find_map(|k| index.get(k).cloned());
        match (existing, policy) {
            (Some(id), DuplicatePolicy::Skip) => {
                out.action = ItemAction::Skip;
                out.reason = Some(format!(
                    "already here (contact {id}, same name and email or phone)"
                ));
                plan.push((out, None));
            }
            (Some(id), DuplicatePolicy::Update) => {
                out.action = ItemAction::Update;
                out.reason = Some(format!(
                    "updates contact {id} (same name and email or phone)"
                ));
                plan.push((out, Some(id)));
            }
            _ => {
                out.action = ItemAction::Create;
                // A second card of the same person in one file is a duplicate of the first.
                for k in keys {
                    index
                        .entry(k)
                        .or_insert_with(|| format!("line {}", item.line));
                }
                plan.push((out, None));
            }
        }
    }
    Ok(plan)
}

fn apply_contacts(
    scope: &TenantScope<'_>,
    report: &ImportReport<Fields>,
    plan: &mut [(ImportItem, Option<String>)],
) {
    // Creates go in one transaction when they all pass; otherwise one by one, so each refusal is
    // reported with its item and the rest still import.
    let creates: Vec<usize> = (0..plan.len())
        .filter(|&i| plan[i].0.action == ItemAction::Create)
        .collect();
    let batch: Vec<Fields> = creates
        .iter()
        .filter_map(|&i| report.items[i].outcome.as_ref().ok().cloned())
        .collect();
    if scope.create_contacts(Source::Import, batch).is_err() {
        for &i in &creates {
            let fields = report.items[i]
                .outcome
                .as_ref()
                .ok()
                .cloned()
                .unwrap_or_default();
            if let Err(e) = scope.create_contact(Source::Import, fields) {
                refuse(&mut plan[i].0, &e);
            }
        }
    }
    for (i, (item, target)) in plan.iter_mut().enumerate() {
        if item.action != ItemAction::Update {
            continue;
        }
        let (Some(id), Ok(fields)) = (target.as_deref(), report.items[i].outcome.as_ref()) else {
            continue;
        };
        if let Err(e) = scope.update_contact(Source::Import, id, fields.clone()) {
            refuse(item, &e);
        }
    }
}

fn refuse(item: &mut ImportItem, e: &outpost_replica::ReplicaError) {
    item.action = ItemAction::Error;
    // Nothing of a refused item is imported, its reminders included.
    item.reminders = item.reminders.map(|_| 0);
    item.problems.push(ImportProblem {
        line: item.line,
        field: e.field().map(str::to_string),
        message: e.to_string(),
    });
}

// ---- events ---------------------------------------------------------------------------------

fn read_events(
    scope: &TenantScope<'_>,
    path: &Path,
    calendar_id: Option<&str>,
) -> Result<(String, ical::CalendarImport), AppError> {
    let calendar_id = calendar_id.ok_or_else(|| {
        invalid("choose the calendar the events go into (--calendar ID, or calendarId)")
            .with_details(serde_json::json!({ "field": "calendarId" }))
    })?;
    let calendar = scope.get(Entity::Calendar, calendar_id)?;
    let zone = calendar
        .fields
        .get("timezone")
        .and_then(Value::as_str)
        .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::UTC);
    let reference = calendar
        .server_id
        .clone()
        .unwrap_or_else(|| calendar.local_id.clone());
    let options = ical::ImportOptions::new(reference, zone);
    Ok((calendar.local_id, ical::import(open(path)?, &options)))
}

fn plan_events(
    scope: &TenantScope<'_>,
    calendar: &str,
    report: &ImportReport<ical::ImportedEvent>,
    policy: DuplicatePolicy,
) -> Result<Vec<(ImportItem, Option<String>)>, AppError> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut plan = Vec::with_capacity(report.items.len());
    for item in &report.items {
        let mut out = base_item(item);
        out.reminders = Some(0);
        let Ok(event) = &item.outcome else {
            plan.push((out, None));
            continue;
        };
        let existing = match &event.uid {
            Some(uid) => scope
                .entry_by_ical_uid(calendar, uid)?
                .map(|r| r.local_id)
                .or_else(|| seen.get(uid).map(|line| format!("line {line}"))),
            None => None,
        };
        match (existing, policy) {
            (Some(id), DuplicatePolicy::Skip) => {
                out.action = ItemAction::Skip;
                out.reason = Some(format!("already imported (entry {id}, same UID)"));
                plan.push((out, None));
            }
            (Some(id), DuplicatePolicy::Update) if !id.starts_with("line ") => {
                out.action = ItemAction::Update;
                out.reason = Some(format!("updates entry {id} (same UID)"));
                if event.series.is_some() {
                    out.warnings.push(ImportProblem {
                        line: out.line,
                        field: Some("rrule".into()),
                        message: "the entry is updated; its series rule and occurrences stay as they are here".into(),
                    });
                }
                if !event.reminders.is_empty() {
                    out.warnings.push(ImportProblem {
                        line: out.line,
                        field: Some("reminders".into()),
                        message: format!(
                            "the entry is updated; its reminders stay as they are here (the file's {} alarm(s) are not added)",
                            event.reminders.len()
                        ),
                    });
                }
                plan.push((out, Some(id)));
            }
            _ => {
                out.action = ItemAction::Create;
                out.reminders = Some(event.reminders.len() as u32);
                if let Some(uid) = &event.uid {
                    seen.entry(uid.clone()).or_insert(item.line);
                }
                plan.push((out, None));
            }
        }
    }
    Ok(plan)
}

/// What a reminder belongs to: a single entry, or a whole series.
enum ReminderTarget<'a> {
    Entry(&'a str),
    Series(&'a str),
}

/// "the email reminder 15 minutes before the start", for messages.
fn reminder_label(reminder: &Fields) -> String {
    let channel = reminder
        .get("channel")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let when = match reminder.get("offsetMinutes").and_then(Value::as_i64) {
        Some(0) => "at the start".to_string(),
        Some(m) if m > 0 => format!("{m} minutes before the start"),
        Some(m) => format!("{} minutes after the start", -m),
        None => "with no time".to_string(),
    };
    format!("the {channel} reminder {when}")
}

/// Adds the event's reminders to the entry or series just created. A reminder the replica
/// refuses becomes a warning on the item; the event stays, and `item.reminders` counts the
/// reminders added.
fn add_reminders(
    scope: &TenantScope<'_>,
    event: &ical::ImportedEvent,
    target: ReminderTarget<'_>,
    item: &mut ImportItem,
) {
    let (key, id) = match target {
        ReminderTarget::Entry(id) => ("calendarEntryId", id),
        ReminderTarget::Series(id) => ("recurrenceMasterId", id),
    };
    let mut added = 0;
    for reminder in &event.reminders {
        let mut fields = reminder.clone();
        fields.insert("calendarId".into(), event.entry["calendarId"].clone());
        fields.insert(key.into(), Value::String(id.to_string()));
        match scope.add_reminder(Source::Import, fields) {
            Ok(_) => added += 1,
            Err(e) => item.warnings.push(ImportProblem {
                line: item.line,
                field: Some("reminders".into()),
                message: format!("{} was not added: {e}", reminder_label(reminder)),
            }),
        }
    }
    item.reminders = Some(added);
}

/// Creates one event: its entry, then its series and occurrence changes, then its reminders
/// (on the series when it repeats, so every occurrence reminds). A series the replica refuses
/// takes the entry back out (a create never sent vanishes), so no half event stays.
fn create_event(scope: &TenantScope<'_>, event: &ical::ImportedEvent, item: &mut ImportItem) {
    let entry = match scope.create_entry(Source::Import, event.entry.clone()) {
        Ok(e) => e,
        Err(e) => return refuse(item, &e),
    };
    let Some(series) = &event.series else {
        add_reminders(scope, event, ReminderTarget::Entry(&entry.local_id), item);
        return;
    };
    let mut master = series.master.clone();
    master.insert("rootEntryId".into(), Value::String(entry.local_id.clone()));
    let made = match scope.make_recurring(Source::Import, master) {
        Ok(m) => m,
        Err(e) => {
            refuse(item, &e);
            // The entry alone is not the event: it goes back out (a create never sent vanishes).
            if let Err(undo) = scope.delete_entry(Source::Import, &entry.local_id) {
                item.problems.push(ImportProblem {
                    line: item.line,
                    field: None,
                    message: format!(
                        "the entry was created without its series and could not be taken out again ({undo}): delete entry {} by hand",
                        entry.local_id
                    ),
                });
            }
            return;
        }
    };
    for day in &series.cancelled_dates {
        if let Err(e) = scope.cancel_occurrence(Source::Import, &made.local_id, *day) {
            item.warnings.push(ImportProblem {
                line: item.line,
                field: Some("exdate".into()),
                message: format!("the cancellation of {day} was not applied: {e}"),
            });
        }
    }
    for o in &series.overrides {
        if let Err(e) = scope.override_occurrence(
            Source::Import,
            &made.local_id,
            o.instance_date,
            o.patch.clone(),
        ) {
            item.warnings.push(ImportProblem {
                line: o.line as u32,
                field: Some("recurrenceId".into()),
                message: format!(
                    "the change of the {} occurrence was not applied: {e}",
                    o.instance_date
                ),
            });
        }
    }
    add_reminders(scope, event, ReminderTarget::Series(&made.local_id), item);
}

fn apply_events(
    scope: &TenantScope<'_>,
    report: &ImportReport<ical::ImportedEvent>,
    plan: &mut [(ImportItem, Option<String>)],
) {
    for (i, (item, target)) in plan.iter_mut().enumerate() {
        let Ok(event) = report.items[i].outcome.as_ref() else {
            continue;
        };
        match item.action {
            ItemAction::Create => create_event(scope, event, item),
            ItemAction::Update => {
                let Some(id) = target.as_deref() else {
                    continue;
                };
                let mut fields = event.entry.clone();
                // The entry stays in its calendar.
                fields.remove("calendarId");
                if let Err(e) = scope.update_entry(Source::Import, id, fields) {
                    refuse(item, &e);
                }
            }
            ItemAction::Skip | ItemAction::Error => {}
        }
    }
}

// ---- commands -------------------------------------------------------------------------------

impl App {
    /// What an import of the file would do, item by item; nothing is written.
    pub async fn import_preview(&self, args: ImportArgs) -> Result<ImportOutcome, AppError> {
        self.import(args, false).await
    }

    /// Imports the file: creates, updates or skips each item as the preview said, through the
    /// offline edits and the outbox (the next sync sends them).
    pub async fn import_apply(&self, args: ImportArgs) -> Result<ImportOutcome, AppError> {
        self.import(args, true).await
    }

    async fn import(&self, args: ImportArgs, apply: bool) -> Result<ImportOutcome, AppError> {
        let path = Path::new(&args.path).to_path_buf();
        let format = match args.format {
            Some(f) => f,
            None => detect_format(&path)?,
        };
        if apply {
            let active = self.require_active().await?;
            Self::check_can_write(&active, &Self::tenant_of(&active)?)?;
        }
        // Parsing a big file takes a while; it runs off the async threads.
        self.in_tenant_blocking(move |scope| -> Result<ImportOutcome, AppError> {
            match format {
                FileFormat::Vcf | FileFormat::Csv => {
                    let report = read_contacts(&path, format)?;
                    let mut plan = plan_contacts(scope, &report, args.duplicates)?;
                    if apply {
                        apply_contacts(scope, &report, &mut plan);
                    }
                    let items = plan.into_iter().map(|(i, _)| i).collect();
                    Ok(tally(format, apply, items, &report.file_problems))
                }
                FileFormat::Ics => {
                    let (calendar, import) =
                        read_events(scope, &path, args.calendar_id.as_deref())?;
                    let report = import.report;
                    let mut plan = plan_events(scope, &calendar, &report, args.duplicates)?;
                    if apply {
                        apply_events(scope, &report, &mut plan);
                    }
                    let items = plan.into_iter().map(|(i, _)| i).collect();
                    Ok(tally(format, apply, items, &report.file_problems))
                }
            }
        })
        .await?
    }
}
