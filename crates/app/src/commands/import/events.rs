//! Events from an .ics into one calendar: planned against the UIDs there, written with their
//! series, changed occurrences and reminders.

use outpost_interop::{ical, Item};
use outpost_replica::{Entity, Fields, Source, TenantScope};
use serde_json::Value;

use super::duplicates::{key_hash, DuplicateIndex, Found};
use super::{base_item, invalid, refuse, DuplicatePolicy, ImportItem, ImportProblem, ItemAction};
use crate::error::AppError;

/// The calendar the events go into, and how the file's events are mapped for it.
pub(super) fn event_target(
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
pub(super) fn event_index(
    scope: &TenantScope<'_>,
    calendar: &str,
) -> Result<DuplicateIndex, AppError> {
    let mut index = DuplicateIndex::default();
    scope.each_ical_uid(calendar, |row, uid| {
        index.here.entry(key_hash(uid)).or_insert(row);
    })?;
    Ok(index)
}

pub(super) fn plan_events(
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

pub(super) fn apply_events(
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
