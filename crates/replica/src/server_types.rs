//! A server record's fields checked for their JSON types before they are stored: a pull must
//! not store a number where the app reads text, nor a time it cannot read, and the user must
//! learn which record and field the server got wrong. Only types (and readable times) are
//! checked, not enums or lengths: a newer platform may allow values this build does not know,
//! and refusing its records for that would stop every sync.

use serde_json::Value;

use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::util::{parse_time, Fields};
use crate::validate::Kind;

/// What a value of `kind` must be, or None when `value` is one.
fn mismatch(kind: Kind, value: &Value) -> Option<&'static str> {
    let holds = match kind {
        Kind::Str { .. }
        | Kind::Enum(_)
        | Kind::Uuid
        | Kind::Email
        | Kind::Uri
        | Kind::TimeZone
        | Kind::Slug
        | Kind::Cron
        | Kind::Path => value.is_string(),
        Kind::DateTime => value.as_str().is_some_and(|s| parse_time(s).is_some()),
        Kind::Bool => value.is_boolean(),
        Kind::Object | Kind::Address => value.is_object(),
        Kind::Int { .. } => value.is_i64(),
        Kind::IntArray { .. } => value
            .as_array()
            .is_some_and(|items| items.iter().all(Value::is_i64)),
        Kind::StrArray { .. } => value
            .as_array()
            .is_some_and(|items| items.iter().all(Value::is_string)),
        Kind::KeyValues => value.as_array().is_some_and(|items| {
            items.iter().all(|i| {
                i.get("Key").is_some_and(Value::is_string)
                    && i.get("Value").is_some_and(Value::is_string)
            })
        }),
    };
    if holds {
        return None;
    }
    Some(match kind {
        Kind::DateTime => "a date-time (RFC 3339)",
        Kind::Bool => "true or false",
        Kind::Object | Kind::Address => "an object",
        Kind::Int { .. } => "an integer",
        Kind::IntArray { .. } => "a list of integers",
        Kind::StrArray { .. } => "a list of text values",
        Kind::KeyValues => "a list of {Key, Value} text pairs",
        _ => "text",
    })
}

/// Checks the request-shape `fields` of the server's record `id`; nulls pass (an absent value).
pub(crate) fn check(entity: Entity, id: &str, fields: &Fields) -> Result<()> {
    let wrong = |field: &str, expected: &str, value: &Value| ReplicaError::ServerRecord {
        entity: entity.as_str(),
        id: id.to_string(),
        field: field.to_string(),
        message: format!("should be {expected}, not {}", shown(value)),
    };
    // Every stored field, references included (a reference is a UUID: text).
    for spec in entity.descriptor().stored {
        let Some(value) = fields.get(spec.name).filter(|v| !v.is_null()) else {
            continue;
        };
        if let Some(expected) = mismatch(spec.kind, value) {
            return Err(wrong(spec.name, expected, value));
        }
    }
    Ok(())
}

/// The offending value, cut short: enough to recognise it, never a whole huge field.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}
