//! The replica's validation, callable on its own: forms can check input as the user types with
//! exactly the rules every edit applies before it is written (the seed's request schemas plus the
//! semantic rules). Each returns the first problem as an `invalid` error naming the field.

use crate::error::Result;
use crate::recurrence::Rule;
use crate::util::Fields;
use crate::validate::{self, *};

/// A calendar create body (`POST /secure/calendar/`).
pub fn calendar_create(fields: &Fields) -> Result<()> {
    validate::check(fields, CALENDAR_CREATE, CALENDAR_CREATE_REQUIRED, false)
}

/// A calendar edit (`PATCH /secure/calendar/{id}`).
pub fn calendar_patch(patch: &Fields) -> Result<()> {
    validate::check_not_empty(patch)?;
    validate::check(patch, CALENDAR_PATCH, &[], false)
}

/// An entry create body (`POST /secure/calendar/entries`), without the check that the calendar
/// exists (that needs the replica).
pub fn entry_create(fields: &Fields) -> Result<()> {
    validate::check(fields, ENTRY_CREATE, ENTRY_CREATE_REQUIRED, false)?;
    validate::check_time_range(fields, "startsAt", "endsAt")
}

/// An entry edit, given the entry's fields as they would be after it (for the time range).
pub fn entry_patch(patch: &Fields, after: &Fields) -> Result<()> {
    validate::check_not_empty(patch)?;
    if patch.contains_key("calendarId") {
        return Err(crate::ReplicaError::invalid(
            "calendarId",
            "an entry cannot move to another calendar",
        ));
    }
    validate::check(patch, ENTRY_PATCH, &[], false)?;
    validate::check_time_range(after, "startsAt", "endsAt")
}

/// A series (`POST .../recurrence-masters`), including the rule's semantic checks.
pub fn series_create(fields: &Fields) -> Result<()> {
    validate::check(fields, MASTER_CREATE, MASTER_CREATE_REQUIRED, false)?;
    Rule::from_fields(fields).map(|_| ())
}

/// An occurrence override (`PATCH .../recurrence-instances/{id}`).
pub fn occurrence_patch(patch: &Fields) -> Result<()> {
    validate::check_not_empty(patch)?;
    validate::check(patch, INSTANCE_PATCH, &[], false)?;
    validate::check_time_range(patch, "startsAt", "endsAt")
}

/// A reminder (`POST /secure/calendar/reminders`).
pub fn reminder_create(fields: &Fields) -> Result<()> {
    validate::check(fields, REMINDER_CREATE, REMINDER_CREATE_REQUIRED, false)
}

/// A contact create body (`POST /secure/contacts/`).
pub fn contact_create(fields: &Fields) -> Result<()> {
    validate::check(fields, CONTACT_FIELDS, &[], false)
}

/// A contact edit (`PATCH /secure/contacts/{id}`; null clears a field).
pub fn contact_patch(patch: &Fields) -> Result<()> {
    validate::check_not_empty(patch)?;
    validate::check(patch, CONTACT_FIELDS, &[], true)
}

/// A create of any record type made from here, by its descriptor's create shape.
pub fn record_create(entity: crate::Entity, fields: &Fields) -> Result<()> {
    let shape = entity.descriptor().create.ok_or_else(|| {
        crate::ReplicaError::invalid("", format!("a {entity} cannot be created on its server"))
    })?;
    validate::check(fields, shape.fields, shape.required, shape.allow_null)?;
    if let Some(first) = shape.required_any.first() {
        if !shape
            .required_any
            .iter()
            .any(|k| fields.get(*k).is_some_and(|v| !v.is_null()))
        {
            return Err(crate::ReplicaError::invalid(
                *first,
                format!("is required (or {})", shape.required_any[1..].join(", ")),
            ));
        }
    }
    Ok(())
}

/// An edit of any record type, by its descriptor's update shape.
pub fn record_patch(entity: crate::Entity, patch: &Fields) -> Result<()> {
    let shape = entity.descriptor().update.ok_or_else(|| {
        crate::ReplicaError::invalid("", format!("a {entity} cannot be changed on its server"))
    })?;
    validate::check_not_empty(patch)?;
    validate::check(patch, shape.fields, &[], shape.allow_null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: serde_json::Value) -> Fields {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn the_standalone_checks_match_the_write_paths() {
        assert_eq!(
            calendar_create(&obj(json!({"kind": "tenant_shared", "name": "A"})))
                .unwrap_err()
                .field(),
            Some("timezone")
        );
        assert_eq!(
            calendar_patch(&obj(json!({}))).unwrap_err().code(),
            "invalid"
        );
        let entry = obj(
            json!({"calendarId": uuid::Uuid::nil().to_string(), "kind": "event", "title": "T",
            "startsAt": "2026-01-01T10:00:00Z", "endsAt": "2026-01-01T09:00:00Z", "timezone": "UTC"}),
        );
        assert_eq!(entry_create(&entry).unwrap_err().field(), Some("endsAt"));
        assert_eq!(
            entry_patch(&obj(json!({"title": ""})), &entry)
                .unwrap_err()
                .field(),
            Some("title")
        );
        assert_eq!(
            series_create(&obj(json!({"calendarId": uuid::Uuid::nil().to_string(), "rootEntryId": uuid::Uuid::nil().to_string(),
                "frequency": "monthly", "intervalCount": 12, "byMonthDay": [30], "startsAt": "2026-02-01T10:00:00Z", "timezone": "UTC"})))
            .unwrap_err()
            .field(),
            Some("byMonthDay")
        );
        assert_eq!(
            occurrence_patch(&obj(json!({"instanceState": "moved"})))
                .unwrap_err()
                .field(),
            Some("instanceState")
        );
        assert_eq!(
            reminder_create(&obj(
                json!({"calendarId": "x", "channel": "sms", "offsetMinutes": 1})
            ))
            .unwrap_err()
            .field(),
            Some("calendarId")
        );
        contact_create(&obj(json!({"firstName": "A"}))).unwrap();
        contact_patch(&obj(json!({"firstName": null}))).unwrap();
        assert_eq!(
            contact_create(&obj(json!({"firstName": null})))
                .unwrap_err()
                .field(),
            Some("firstName")
        );
    }
}
