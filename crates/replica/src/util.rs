//! Small shared helpers: ids, clocks, time conversions.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use serde_json::{Map, Value};

/// A record's fields in the seed's request shape: a JSON object.
pub type Fields = Map<String, Value>;

/// A new local id or op id: UUID v7, so ids sort by creation time.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Now, as the RFC 3339 text stored in bookkeeping columns.
pub(crate) fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

pub(crate) fn from_millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// A string field of a JSON object, if present and a string.
pub(crate) fn str_field<'a>(fields: &'a Fields, key: &str) -> Option<&'a str> {
    fields.get(key).and_then(Value::as_str)
}

/// A time field parsed to UTC milliseconds.
pub(crate) fn time_field_ms(fields: &Fields, key: &str) -> Option<i64> {
    str_field(fields, key)
        .and_then(parse_time)
        .map(|t| t.timestamp_millis())
}

pub(crate) fn parse_json_object(text: &str) -> Result<Fields, serde_json::Error> {
    match serde_json::from_str::<Value>(text)? {
        Value::Object(map) => Ok(map),
        _ => Ok(Fields::new()),
    }
}
