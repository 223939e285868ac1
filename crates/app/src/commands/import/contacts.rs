//! Contacts from a .vcf or .csv: read one at a time, planned against the duplicates, written.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use outpost_interop::{vcard, Item, Problem};
use outpost_replica::{validation, Entity, Fields, ReplicaError, Source, TenantScope};
use serde_json::Value;

use super::csv_columns::{apply_choices, ColumnChoice};
use super::duplicates::{key_hash, DuplicateIndex, Found};
use super::{
    base_item, invalid, open, refuse_at, replica_problem, DuplicatePolicy, FileFormat, ImportItem,
    ImportProblem, ItemAction,
};
use crate::error::AppError;

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
pub(super) fn contact_index(scope: &TenantScope<'_>) -> Result<DuplicateIndex, AppError> {
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
pub(super) enum ContactReader {
    Vcf(vcard::VCardReader<BufReader<File>>),
    Csv(outpost_interop::csv::CsvContactReader<BufReader<File>>),
}

impl ContactReader {
    /// The reader of a .vcf, or of a .csv with the caller's column choices over the detected
    /// mapping.
    pub(super) fn open(
        path: &Path,
        format: FileFormat,
        mapping: &[ColumnChoice],
    ) -> Result<ContactReader, AppError> {
        match format {
            FileFormat::Vcf => Ok(ContactReader::Vcf(vcard::VCardReader::new(open(path)?))),
            FileFormat::Csv => {
                let mut reader =
                    outpost_interop::csv::CsvContactReader::new(open(path)?, Default::default())
                        .map_err(|e| invalid(format!("{}: {e}", path.display())))?;
                apply_choices(&mut reader, mapping)?;
                Ok(ContactReader::Csv(reader))
            }
            FileFormat::Ics => Err(invalid(format!(
                "{}: an .ics file holds events, not contacts",
                path.display()
            ))),
        }
    }

    pub(super) fn take_file_problems(&mut self) -> Vec<Problem> {
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

/// The line a refusal of the replica points at: the line of the field it names (the vCard's
/// `EMAIL` line, the CSV's row), else the line where the card or row starts.
fn refusal_line(item: &Item<Fields>, e: &ReplicaError) -> u32 {
    e.field().map_or(item.line, |f| item.line_of(f)) as u32
}

/// Every field of a contact the replica would refuse to write, each as a problem at the line
/// of its value ([`refusal_line`]). The replica's check stops at the first refusal, so the
/// field it names is set aside and the rest checked again, to list them all at once.
fn refusals(item: &Item<Fields>, fields: &Fields) -> Vec<ImportProblem> {
    let Err(first) = validation::contact_create(fields) else {
        return Vec::new();
    };
    let mut problems = vec![replica_problem(refusal_line(item, &first), &first)];
    let mut rest = fields.clone();
    let mut last = first;
    loop {
        // `address.city` is in `address`; a refusal that names no field of the record ends it.
        let key = last.field().and_then(|f| f.split(['.', '[']).next());
        if key.and_then(|k| rest.remove(k)).is_none() {
            return problems;
        }
        match validation::contact_create(&rest) {
            Ok(()) => return problems,
            Err(e) => {
                problems.push(replica_problem(refusal_line(item, &e), &e));
                last = e;
            }
        }
    }
}

/// What to do with each contact of a chunk, and with which local record when it is a duplicate.
/// A contact is checked with the replica's rules for a contact (the ones its write applies), so
/// the preview says "error" for exactly the contacts the apply would refuse.
pub(super) fn plan_contacts(
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
        let problems = refusals(item, fields);
        if !problems.is_empty() {
            // Still an error: nothing is written and it takes no duplicate key.
            out.problems = problems;
            plan.push((out, None));
            continue;
        }
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

pub(super) fn apply_contacts(
    scope: &TenantScope<'_>,
    chunk: Vec<Item<Fields>>,
    plan: &mut [(ImportItem, Option<String>)],
) {
    // The chunk's creates go in one transaction when they all pass; otherwise one by one, so
    // each refusal is reported with its item (at the line of the field it names, as the
    // plan's are) and the rest still import.
    let mut creates = Vec::new();
    let mut updates = Vec::new();
    for (i, mut item) in chunk.into_iter().enumerate() {
        // The fields go to the write; the item stays for the lines of its fields.
        let Ok(fields) = std::mem::replace(&mut item.outcome, Ok(Fields::new())) else {
            continue;
        };
        match plan[i].0.action {
            ItemAction::Create => creates.push((i, fields, item)),
            ItemAction::Update => updates.push((i, fields, item)),
            ItemAction::Skip | ItemAction::Error => {}
        }
    }
    let batch: Vec<Fields> = creates.iter().map(|(_, f, _)| f.clone()).collect();
    if scope.create_contacts(Source::Import, batch).is_err() {
        for (i, fields, item) in creates {
            if let Err(e) = scope.create_contact(Source::Import, fields) {
                refuse_at(&mut plan[i].0, refusal_line(&item, &e), &e);
            }
        }
    }
    for (i, fields, item) in updates {
        let (out, target) = &mut plan[i];
        let Some(id) = target.as_deref() else {
            continue;
        };
        if let Err(e) = scope.update_contact(Source::Import, id, fields) {
            refuse_at(out, refusal_line(&item, &e), &e);
        }
    }
}
