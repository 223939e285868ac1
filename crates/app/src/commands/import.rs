//! Importing a colleague's .ics or a phone's .vcf/.csv: a preview first (what will be created,
//! updated, skipped, and why, per item with its line), then an apply that goes through the same
//! offline edits and outbox as the user's own (tagged as an import), so it works offline and syncs
//! later. Duplicates are found (the same UID for events; the same name with the same email or
//! phone for contacts) and the caller chooses to skip, update or create them.
//!
//! Big files stream: items are read, planned and (for an apply) written a chunk at a time, so
//! memory holds one chunk, not the file. Duplicates are found through small keys (an 8-byte hash
//! per name + email, name + phone or UID, with a row number or a line) of the records here when
//! the import began and of the file's earlier items. The outcome keeps exact counts but lists
//! only the items worth reading (problems, warnings, updates, skips: up to a cap) and the first
//! plain creates; `omittedItems` says how many more there were.

use std::collections::HashMap;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::BufReader;
use std::path::Path;

use outpost_interop::{ical, vcard, Item, Problem};
use outpost_replica::{Entity, Fields, Source, TenantScope};
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
    /// The items worth reading (with problems, warnings, a reason: up to
    /// [`ImportLimits::listed`]) and the first plain creates (up to
    /// [`ImportLimits::plain_listed`]), in file order.
    pub items: Vec<ImportItem>,
    /// Items counted above but left out of `items` (a big file's plain creates, mostly).
    pub omitted_items: u32,
    /// Problems outside any item: stray lines, a missing END, a file cut short.
    pub file_problems: Vec<ImportProblem>,
}

/// How an import is cut up and how much of it the outcome lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLimits {
    /// Items read, planned and written together (one transaction for a chunk of new contacts).
    pub chunk: usize,
    /// Items with problems, warnings, updates or skips listed in the outcome.
    pub listed: usize,
    /// Plain creates (nothing to say about them) listed in the outcome.
    pub plain_listed: usize,
    /// Problems outside any item listed; the rest are counted in one last problem.
    pub file_problems: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            chunk: 2000,
            listed: 1000,
            plain_listed: 200,
            file_problems: 1000,
        }
    }
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

/// The outcome as the items come: exact counts, a bounded list.
struct Collector {
    outcome: ImportOutcome,
    limits: ImportLimits,
    plain: usize,
    notable: usize,
}

impl Collector {
    fn new(format: FileFormat, applied: bool, limits: ImportLimits) -> Collector {
        Collector {
            outcome: ImportOutcome {
                format,
                applied,
                created: 0,
                updated: 0,
                skipped: 0,
                failed: 0,
                items: Vec::new(),
                omitted_items: 0,
                file_problems: Vec::new(),
            },
            limits,
            plain: 0,
            notable: 0,
        }
    }

    fn push(&mut self, item: ImportItem) {
        let o = &mut self.outcome;
        match item.action {
            ItemAction::Create => o.created += 1,
            ItemAction::Update => o.updated += 1,
            ItemAction::Skip => o.skipped += 1,
            ItemAction::Error => o.failed += 1,
        }
        let plain = item.action == ItemAction::Create
            && item.reason.is_none()
            && item.problems.is_empty()
            && item.warnings.is_empty();
        let (listed, limit) = if plain {
            (&mut self.plain, self.limits.plain_listed)
        } else {
            (&mut self.notable, self.limits.listed)
        };
        if *listed < limit {
            *listed += 1;
            o.items.push(item);
        } else {
            o.omitted_items += 1;
        }
    }

    fn finish(mut self, file: &[Problem]) -> ImportOutcome {
        // A series comes when its last changed occurrence has been read: back in file order.
        self.outcome.items.sort_by_key(|i| i.line);
        let max = self.limits.file_problems;
        let o = &mut self.outcome;
        o.file_problems = file.iter().take(max).map(problem).collect();
        if file.len() > max {
            o.file_problems.push(ImportProblem {
                line: file.last().map_or(0, |p| p.line as u32),
                field: None,
                message: format!(
                    "{} more problems outside any item were not listed",
                    file.len() - max
                ),
            });
        }
        self.outcome
    }
}

/// A duplicate key as kept in memory: 8 bytes. Two different keys of one import sharing a hash
/// (about one chance in 10^7 for a million keys) would count one as a duplicate of the other.
fn key_hash(key: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// The duplicate keys of the records here when the import began (hash -> row) and of the
/// file's items created so far (hash -> line).
#[derive(Default)]
struct DuplicateIndex {
    here: HashMap<u64, i64>,
    file: HashMap<u64, u32>,
}

enum Found {
    Here(String),
    Line(u32),
}

impl Found {
    fn id(self) -> String {
        match self {
            Found::Here(id) => id,
            Found::Line(line) => format!("line {line}"),
        }
    }
}

impl DuplicateIndex {
    /// The first key found, a record here before an earlier item of the file for each key.
    fn find(
        &self,
        scope: &TenantScope<'_>,
        entity: Entity,
        keys: &[u64],
    ) -> Result<Option<Found>, AppError> {
        for k in keys {
            if let Some(&row) = self.here.get(k) {
                if let Some(id) = scope.local_id_of_row(entity, row)? {
                    return Ok(Some(Found::Here(id)));
                }
            }
            if let Some(&line) = self.file.get(k) {
                return Ok(Some(Found::Line(line)));
            }
        }
        Ok(None)
    }

    fn created(&mut self, keys: &[u64], line: u32) {
        for k in keys {
            self.file.entry(*k).or_insert(line);
        }
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

/// The duplicate keys of every local contact, hashed, with its row.
fn contact_index(scope: &TenantScope<'_>) -> Result<DuplicateIndex, AppError> {
    let mut index = DuplicateIndex::default();
    scope.each_contact_key(|row, display_name, email, phone| {
        // A contact without names shows its email or phone as its name.
        let nameless = Some(display_name) == email || Some(display_name) == phone;
        let name = if nameless {
            String::new()
        } else {
            display_name.to_lowercase()
        };
        for key in contact_keys(&name, email, phone) {
            index.here.entry(key_hash(&key)).or_insert(row);
        }
    })?;
    Ok(index)
}

/// The contacts of a .vcf or .csv, one at a time.
enum ContactReader {
    Vcf(vcard::VCardReader<BufReader<File>>),
    Csv(outpost_interop::csv::CsvContactReader<BufReader<File>>),
}

impl ContactReader {
    fn open(path: &Path, format: FileFormat) -> Result<ContactReader, AppError> {
        match format {
            FileFormat::Vcf => Ok(ContactReader::Vcf(vcard::VCardReader::new(open(path)?))),
            FileFormat::Csv => {
                outpost_interop::csv::CsvContactReader::new(open(path)?, Default::default())
                    .map(ContactReader::Csv)
                    .map_err(|e| invalid(format!("{}: {e}", path.display())))
            }
            FileFormat::Ics => unreachable!("events are read by EventReader"),
        }
    }

    fn take_file_problems(&mut self) -> Vec<Problem> {
        match self {
            ContactReader::Vcf(r) => r.take_file_problems(),
            ContactReader::Csv(r) => r.take_file_problems(),
        }
    }
}

impl Iterator for ContactReader {
    type Item = Item<Fields>;

    fn next(&mut self) -> Option<Item<Fields>> {
        match self {
            ContactReader::Vcf(r) => r.next(),
            ContactReader::Csv(r) => r.next(),
        }
    }
}

/// What to do with each contact of a chunk, and with which local record when it is a duplicate.
fn plan_contacts(
    scope: &TenantScope<'_>,
    index: &mut DuplicateIndex,
    chunk: &[Item<Fields>],
    policy: DuplicatePolicy,
) -> Result<Vec<(ImportItem, Option<String>)>, AppError> {
    let mut plan = Vec::with_capacity(chunk.len());
    for item in chunk {
        let mut out = base_item(item);
        let Ok(fields) = &item.outcome else {
            plan.push((out, None));
            continue;
        };
        let keys: Vec<u64> = contact_keys(
            &contact_name(fields),
            fields.get("email").and_then(Value::as_str),
            fields.get("phone").and_then(Value::as_str),
        )
        .iter()
        .map(|k| key_hash(k))
        .collect();
        let existing = match policy {
            DuplicatePolicy::Create => None,
            _ => index.find(scope, Entity::Contact, &keys)?.map(Found::id),
        };
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
                index.created(&keys, item.line as u32);
                plan.push((out, None));
            }
        }
    }
    Ok(plan)
}

fn apply_contacts(
    scope: &TenantScope<'_>,
    chunk: Vec<Item<Fields>>,
    plan: &mut [(ImportItem, Option<String>)],
) {
    // The chunk's creates go in one transaction when they all pass; otherwise one by one, so
    // each refusal is reported with its item and the rest still import.
    let mut creates = Vec::new();
    let mut updates = Vec::new();
    for (i, item) in chunk.into_iter().enumerate() {
        let Ok(fields) = item.outcome else { continue };
        match plan[i].0.action {
            ItemAction::Create => creates.push((i, fields)),
            ItemAction::Update => updates.push((i, fields)),
            ItemAction::Skip | ItemAction::Error => {}
        }
    }
    let batch: Vec<Fields> = creates.iter().map(|(_, f)| f.clone()).collect();
    if scope.create_contacts(Source::Import, batch).is_err() {
        for (i, fields) in creates {
            if let Err(e) = scope.create_contact(Source::Import, fields) {
                refuse(&mut plan[i].0, &e);
            }
        }
    }
    for (i, fields) in updates {
        let (item, target) = &mut plan[i];
        let Some(id) = target.as_deref() else {
            continue;
        };
        if let Err(e) = scope.update_contact(Source::Import, id, fields) {
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

/// The calendar the events go into, and how the file's events are mapped for it.
fn event_target(
    scope: &TenantScope<'_>,
    calendar_id: Option<&str>,
) -> Result<(String, ical::ImportOptions), AppError> {
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
    Ok((calendar.local_id, options))
}

/// The UIDs of the calendar's imported entries, hashed, with their rows.
fn event_index(scope: &TenantScope<'_>, calendar: &str) -> Result<DuplicateIndex, AppError> {
    let mut index = DuplicateIndex::default();
    scope.each_ical_uid(calendar, |row, uid| {
        index.here.entry(key_hash(uid)).or_insert(row);
    })?;
    Ok(index)
}

fn plan_events(
    scope: &TenantScope<'_>,
    index: &mut DuplicateIndex,
    chunk: &[Item<ical::ImportedEvent>],
    policy: DuplicatePolicy,
) -> Result<Vec<(ImportItem, Option<String>)>, AppError> {
    let mut plan = Vec::with_capacity(chunk.len());
    for item in chunk {
        let mut out = base_item(item);
        out.reminders = Some(0);
        let Ok(event) = &item.outcome else {
            plan.push((out, None));
            continue;
        };
        let keys: Vec<u64> = event.uid.as_deref().map(key_hash).into_iter().collect();
        let existing = match policy {
            DuplicatePolicy::Create => None,
            _ => index.find(scope, Entity::Entry, &keys)?,
        };
        match (existing, policy) {
            (Some(found), DuplicatePolicy::Skip) => {
                let id = found.id();
                out.action = ItemAction::Skip;
                out.reason = Some(format!("already imported (entry {id}, same UID)"));
                plan.push((out, None));
            }
            (Some(Found::Here(id)), DuplicatePolicy::Update) => {
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
                index.created(&keys, item.line as u32);
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
    chunk: &[Item<ical::ImportedEvent>],
    plan: &mut [(ImportItem, Option<String>)],
) {
    for (i, (item, target)) in plan.iter_mut().enumerate() {
        let Ok(event) = chunk[i].outcome.as_ref() else {
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
        self.import_with_limits(args, apply, ImportLimits::default())
            .await
    }

    /// [`App::import_preview`] (`apply` false) or [`App::import_apply`] with other chunk and
    /// list sizes (for tests and benchmarks).
    pub async fn import_with_limits(
        &self,
        args: ImportArgs,
        apply: bool,
        limits: ImportLimits,
    ) -> Result<ImportOutcome, AppError> {
        let path = Path::new(&args.path).to_path_buf();
        let format = match args.format {
            Some(f) => f,
            None => detect_format(&path)?,
        };
        if apply {
            let active = self.require_active().await?;
            Self::check_can_write(&active, &Self::tenant_of(&active)?)?;
        }
        let chunk_size = limits.chunk.max(1);
        let mut out = Collector::new(format, apply, limits);
        // Reading a big file takes a while; it runs off the async threads.
        self.in_tenant_blocking(move |scope| -> Result<ImportOutcome, AppError> {
            match format {
                FileFormat::Vcf | FileFormat::Csv => {
                    let mut reader = ContactReader::open(&path, format)?;
                    let mut index = contact_index(scope)?;
                    loop {
                        let chunk: Vec<_> = reader.by_ref().take(chunk_size).collect();
                        if chunk.is_empty() {
                            break;
                        }
                        let mut plan = plan_contacts(scope, &mut index, &chunk, args.duplicates)?;
                        if apply {
                            // One commit per chunk, not per item (each item still all or nothing).
                            scope.batch(|| {
                                apply_contacts(scope, chunk, &mut plan);
                                Ok(())
                            })?;
                        }
                        plan.into_iter().for_each(|(item, _)| out.push(item));
                    }
                    Ok(out.finish(&reader.take_file_problems()))
                }
                FileFormat::Ics => {
                    let (calendar, options) = event_target(scope, args.calendar_id.as_deref())?;
                    let changes = ical::OccurrenceIndex::scan(open(&path)?);
                    let mut reader = ical::EventReader::new(open(&path)?, &options, changes);
                    let mut index = event_index(scope, &calendar)?;
                    loop {
                        let chunk: Vec<_> = reader.by_ref().take(chunk_size).collect();
                        if chunk.is_empty() {
                            break;
                        }
                        let mut plan = plan_events(scope, &mut index, &chunk, args.duplicates)?;
                        if apply {
                            scope.batch(|| {
                                apply_events(scope, &chunk, &mut plan);
                                Ok(())
                            })?;
                        }
                        plan.into_iter().for_each(|(item, _)| out.push(item));
                    }
                    Ok(out.finish(&reader.take_file_problems()))
                }
            }
        })
        .await?
    }
}
