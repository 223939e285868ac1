//! What a changed occurrence (a `RECURRENCE-ID` event) changes in its series: the patch the
//! platform takes, and notes for what it cannot hold per occurrence.

use serde_json::{json, Value};

use super::map::MappedEvent;
use crate::report::Problem;
use crate::Fields;

/// The patch an occurrence event makes to its series: times always (a PATCH needs a field),
/// the rest where it differs from the series' entry.
pub(crate) fn override_patch(series_entry: &Fields, occurrence: &Fields) -> Fields {
    let mut patch = Fields::new();
    patch.insert("instanceState".into(), json!("overridden"));
    for key in ["startsAt", "endsAt"] {
        if let Some(v) = occurrence.get(key) {
            patch.insert(key.into(), v.clone());
        }
    }
    for key in ["timezone", "isAllDay"] {
        if occurrence.get(key) != series_entry.get(key) {
            if let Some(v) = occurrence.get(key) {
                patch.insert(key.into(), v.clone());
            }
        }
    }
    let differs = |key: &str| {
        occurrence
            .get(key)
            .filter(|v| Some(*v) != series_entry.get(key))
    };
    if let Some(v) = differs("title") {
        patch.insert("titleOverride".into(), v.clone());
    }
    if let Some(v) = differs("description") {
        patch.insert("descriptionOverride".into(), v.clone());
    }
    if let Some(Value::String(s)) = differs("status") {
        patch.insert("status".into(), json!(s));
    }
    patch
}

/// Warnings for what the occurrence changes that an occurrence patch cannot carry: its place
/// (`LOCATION`) and its privacy (`CLASS`). The platform has no per-occurrence location or
/// visibility, so the series' stay; said at the occurrence's property, so the change is not
/// lost silently. Only a property the occurrence states counts: many writers put in a changed
/// occurrence only what changed (the time, the title), and a missing `LOCATION` there would
/// otherwise be a note on every change.
pub(crate) fn unkept_changes(series: &MappedEvent, occurrence: &MappedEvent) -> Vec<Problem> {
    let mut notes = Vec::new();
    let shown = |v: Option<&Value>| match v.and_then(Value::as_str) {
        Some(s) => format!("{s:?}"),
        None => "none".to_string(),
    };
    let location = |e: &MappedEvent| e.entry.get("locationName").cloned();
    if let Some(line) = occurrence
        .location_line
        .filter(|_| location(series) != location(occurrence))
    {
        notes.push(Problem::field(
            line,
            "locationName",
            format!(
                "this changed occurrence's LOCATION ({}) differs from the series' ({}); the platform has no location per occurrence, so it keeps the series'",
                shown(location(occurrence).as_ref()),
                shown(location(series).as_ref())
            ),
        ));
    }
    let private = |e: &MappedEvent| e.entry.get("visibility") == Some(&json!("private"));
    if let Some(line) = occurrence
        .class_line
        .filter(|_| private(series) != private(occurrence))
    {
        let (is, was) = if private(occurrence) {
            ("private", "not")
        } else {
            ("not private", "private")
        };
        notes.push(Problem::field(
            line,
            "visibility",
            format!(
                "this changed occurrence is {is} (CLASS) and the series is {was}; the platform has no visibility per occurrence, so it keeps the series'"
            ),
        ));
    }
    notes
}
