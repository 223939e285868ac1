//! Field checks for the calendar bodies, strict as the seed's schemas: a field typed `string`
//! refuses null (the seed gives no nullable request field here), objects must be objects, and
//! times are RFC 3339. Every failure is a 422 naming the field.

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value};

use crate::body::{invalid, Body};
use crate::error::ApiError;

pub fn string<'a>(body: &'a Body, field: &str) -> Result<Option<&'a str>, ApiError> {
    match body.0.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(field, "must be a string")),
    }
}

/// Refuses a missing (or null) required field, whatever its type.
pub fn present(body: &Body, field: &str) -> Result<(), ApiError> {
    match body.0.get(field) {
        None | Some(Value::Null) => Err(invalid(field, "is required")),
        Some(_) => Ok(()),
    }
}

/// A required string field.
pub fn required<'a>(body: &'a Body, field: &str) -> Result<&'a str, ApiError> {
    present(body, field)?;
    Ok(string(body, field)?.unwrap_or_default())
}

/// A string of `min..=max` characters.
pub fn sized<'a>(
    body: &'a Body,
    field: &str,
    min: usize,
    max: usize,
) -> Result<Option<&'a str>, ApiError> {
    string(body, field)?
        .map(|s| body.sized(field, s, min, max))
        .transpose()
}

pub fn enumerated<'a>(
    body: &'a Body,
    field: &str,
    allowed: &[&str],
) -> Result<Option<&'a str>, ApiError> {
    string(body, field)?
        .map(|s| body.one_of(field, s, allowed))
        .transpose()
}

pub fn uuid<'a>(body: &'a Body, field: &str) -> Result<Option<&'a str>, ApiError> {
    string(body, field)?
        .map(|s| body.uuid(field, s))
        .transpose()
}

pub fn boolean(body: &Body, field: &str) -> Result<Option<bool>, ApiError> {
    match body.0.get(field) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(invalid(field, "must be a boolean")),
    }
}

pub fn object<'a>(body: &'a Body, field: &str) -> Result<Option<&'a Map<String, Value>>, ApiError> {
    match body.0.get(field) {
        None => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(_) => Err(invalid(field, "must be an object")),
    }
}

/// An integer in `min..=max`.
pub fn integer(body: &Body, field: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
    match body.0.get(field) {
        None => Ok(None),
        Some(v) => match v.as_i64() {
            Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
            Some(_) => Err(invalid(
                field,
                format!("must be a whole number from {min} to {max}"),
            )),
            None => Err(invalid(field, "must be a whole number")),
        },
    }
}

/// An array of integers each in `min..=max`.
pub fn integers(
    body: &Body,
    field: &str,
    min: i64,
    max: i64,
) -> Result<Option<Vec<i64>>, ApiError> {
    match body.0.get(field) {
        None => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_i64()
                    .filter(|n| (min..=max).contains(n))
                    .ok_or_else(|| {
                        invalid(
                            field,
                            format!("items must be whole numbers from {min} to {max}"),
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(invalid(field, "must be an array of whole numbers")),
    }
}

pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The form every time is answered in: UTC with milliseconds, like the stamps.
pub fn format_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn time(body: &Body, field: &str) -> Result<Option<DateTime<Utc>>, ApiError> {
    string(body, field)?
        .map(|s| parse_time(s).ok_or_else(|| invalid(field, "must be an RFC 3339 date-time")))
        .transpose()
}

/// An IANA time zone name of at most 64 characters (the seed's length).
pub fn zone(body: &Body, field: &str) -> Result<Option<Tz>, ApiError> {
    sized(body, field, 1, 64)?
        .map(|s| {
            s.parse::<Tz>()
                .map_err(|_| invalid(field, "must be an IANA time zone name"))
        })
        .transpose()
}

/// Refuses an empty PATCH body (`minProperties: 1`).
pub fn not_empty(body: &Body) -> Result<(), ApiError> {
    if body.0.is_empty() {
        return Err(invalid("body", "must have at least one property"));
    }
    Ok(())
}
