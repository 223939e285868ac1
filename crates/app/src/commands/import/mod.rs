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

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use outpost_interop::{ical, Item, Problem};
use outpost_replica::ReplicaError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::state::App;

mod contacts;
pub mod csv_columns;
mod duplicates;
mod events;
mod outcome;

use contacts::{apply_contacts, contact_index, plan_contacts, ContactReader};
use csv_columns::{
    columns_of, ignored_data_warning, shared_field_warnings, ColumnChoice, CsvColumn,
};
use events::{apply_events, event_index, event_target, plan_events};
use outcome::Collector;

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

impl FileFormat {
    /// "ics", "vcf" or "csv", as in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Ics => "ics",
            FileFormat::Vcf => "vcf",
            FileFormat::Csv => "csv",
        }
    }
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

#[derive(Debug, Default, Deserialize, TS)]
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
    /// CSV only: fields for columns (by header or index), over the mapping detected from the
    /// headers; later choices for one column win.
    #[serde(default)]
    #[ts(optional)]
    pub mapping: Option<Vec<ColumnChoice>>,
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
    /// Warnings outside any item: a CSV's columns not imported though they hold data, or
    /// several columns going into one name field.
    pub file_warnings: Vec<ImportProblem>,
    /// A CSV's columns in file order, each with the field it goes to (to show the mapping and
    /// change it); absent for other formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub csv_columns: Option<Vec<CsvColumn>>,
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

pub(super) fn problem(p: &Problem) -> ImportProblem {
    ImportProblem {
        line: p.line as u32,
        field: p.field.clone(),
        message: p.message.clone(),
    }
}

pub(super) fn invalid(message: impl Into<String>) -> AppError {
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
    let head = String::from_utf8_lossy(&sniff(path)?).to_ascii_uppercase();
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

/// How much of a file is read to tell its format: the first line is in it, and a huge file is
/// not read whole for it.
const SNIFF_BYTES: u64 = 4096;

/// The first [`SNIFF_BYTES`] of the file (fewer when it is shorter).
fn sniff(path: &Path) -> Result<Vec<u8>, AppError> {
    let mut head = Vec::with_capacity(SNIFF_BYTES as usize);
    File::open(path)
        .and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut head))
        .map_err(|e| read_error(path, e))?;
    Ok(head)
}

pub(super) fn read_error(path: &Path, e: std::io::Error) -> AppError {
    AppError::new("io", format!("cannot read {}: {e}", path.display()))
}

pub(super) fn open(path: &Path) -> Result<BufReader<File>, AppError> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|e| read_error(path, e))
}

pub(super) fn base_item<T>(item: &Item<T>) -> ImportItem {
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

pub(super) fn refuse(item: &mut ImportItem, e: &ReplicaError) {
    refuse_at(item, item.line, e);
}

/// [`refuse`] with the refusal at `line` (the line of the field it names, when known).
pub(super) fn refuse_at(item: &mut ImportItem, line: u32, e: &ReplicaError) {
    item.action = ItemAction::Error;
    // Nothing of a refused item is imported, its reminders included.
    item.reminders = item.reminders.map(|_| 0);
    item.problems.push(replica_problem(line, e));
}

/// A refusal of the replica as a problem at `line`. An `invalid` error's text starts with its
/// field ("email: must be…"); the problem names the field apart and every reader of it (the
/// CLI, the import dialog) puts it in front, so the message is the rest, or the field would
/// show twice.
pub(super) fn replica_problem(line: u32, e: &ReplicaError) -> ImportProblem {
    match e {
        ReplicaError::Invalid { field, message } => ImportProblem {
            line,
            field: Some(field.clone()),
            message: message.clone(),
        },
        other => ImportProblem {
            line,
            field: None,
            message: other.to_string(),
        },
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
        let mapping = args.mapping.clone().unwrap_or_default();
        if !mapping.is_empty() && format != FileFormat::Csv {
            return Err(invalid(format!(
                "{}: a column mapping is for CSV files; this one is read as {}",
                path.display(),
                format.name()
            ))
            .with_details(serde_json::json!({ "field": "mapping" })));
        }
        if apply {
            // Refused up front for a role that may not write, before the file is read.
            self.in_tenant_write(|_| Ok(())).await?;
        }
        let chunk_size = limits.chunk.max(1);
        let mut out = Collector::new(format, apply, limits);
        // Reading a big file takes a while; it runs off the async threads, and the replica is
        // locked for one chunk at a time, so other commands answer meanwhile.
        self.in_tenant_turns(move |turns| -> Result<ImportOutcome, AppError> {
            match format {
                FileFormat::Vcf | FileFormat::Csv => {
                    let mut reader = ContactReader::open(&path, format, &mapping)?;
                    let mut index = turns.with(contact_index)?;
                    loop {
                        let chunk: Vec<_> = reader.by_ref().take(chunk_size).collect();
                        if chunk.is_empty() {
                            break;
                        }
                        let plan = turns.with(|scope| -> Result<_, AppError> {
                            let mut plan =
                                plan_contacts(scope, &mut index, &chunk, args.duplicates)?;
                            if apply {
                                // One commit per chunk, not per item (each item still all or
                                // nothing).
                                scope.batch(|| {
                                    apply_contacts(scope, chunk, &mut plan);
                                    Ok(())
                                })?;
                            }
                            Ok(plan)
                        })?;
                        plan.into_iter().for_each(|(item, _)| out.push(item));
                    }
                    let mut outcome = out.finish(&reader.take_file_problems());
                    if let ContactReader::Csv(csv) = &reader {
                        let columns = columns_of(csv);
                        outcome.file_warnings.extend(ignored_data_warning(&columns));
                        outcome
                            .file_warnings
                            .extend(shared_field_warnings(&columns));
                        outcome.csv_columns = Some(columns);
                    }
                    Ok(outcome)
                }
                FileFormat::Ics => {
                    let (calendar, options) =
                        turns.with(|scope| event_target(scope, args.calendar_id.as_deref()))?;
                    let changes = ical::OccurrenceIndex::scan(open(&path)?);
                    let mut reader = ical::EventReader::new(open(&path)?, &options, changes);
                    let mut index = turns.with(|scope| event_index(scope, &calendar))?;
                    loop {
                        let chunk: Vec<_> = reader.by_ref().take(chunk_size).collect();
                        if chunk.is_empty() {
                            break;
                        }
                        let plan = turns.with(|scope| -> Result<_, AppError> {
                            let mut plan = plan_events(scope, &mut index, &chunk, args.duplicates)?;
                            if apply {
                                scope.batch(|| {
                                    apply_events(scope, &chunk, &mut plan);
                                    Ok(())
                                })?;
                            }
                            Ok(plan)
                        })?;
                        plan.into_iter().for_each(|(item, _)| out.push(item));
                    }
                    Ok(out.finish(&reader.take_file_problems()))
                }
            }
        })
        .await?
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::io::Write;
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    /// A file without a known extension is told by its start alone: a pipe that sends a vCard's
    /// first 8 KB and then stays open (as a file read whole would never end) is recognised.
    #[test]
    fn the_format_is_told_from_the_first_bytes_without_reading_on() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("contacts-feed");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let (release, held) = mpsc::channel::<()>();
        let writer_path = fifo.clone();
        let writer = std::thread::spawn(move || {
            let mut pipe = std::fs::OpenOptions::new()
                .write(true)
                .open(writer_path)
                .unwrap();
            let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna\r\nEND:VCARD\r\n";
            pipe.write_all(card.repeat(8192 / card.len() + 1).as_bytes())
                .unwrap();
            // Open until the test is over: only a reader that stops early gets an answer.
            let _ = held.recv_timeout(Duration::from_secs(120));
        });
        let (told, answer) = mpsc::channel();
        let reader_path = fifo.clone();
        std::thread::spawn(move || {
            let _ = told.send(detect_format(&reader_path).map_err(|e| e.message));
        });
        let format = answer.recv_timeout(Duration::from_secs(60));
        let _ = release.send(());
        writer.join().unwrap();
        assert_eq!(
            format.expect("detect_format read on past the first bytes"),
            Ok(FileFormat::Vcf)
        );
    }
}
