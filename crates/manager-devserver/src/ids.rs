//! New ids and the times records carry.

use async_graphql::ID;

/// A new record id: a UUID v7, so ids made later sort later.
pub fn new_id() -> ID {
    ID(uuid::Uuid::now_v7().to_string())
}

/// Now, as records store times: RFC 3339 in UTC with milliseconds, so that the text sorts in
/// time order and lists can order by it.
pub fn now() -> String {
    format_time(chrono::Utc::now())
}

pub fn format_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Reads an RFC 3339 time the client sent, into the stored form; the error names the field.
pub fn parse_time(field: &str, text: &str) -> crate::error::ApiResult<String> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| format_time(t.with_timezone(&chrono::Utc)))
        .map_err(|e| crate::error::ApiError::bad_input(field, format!("not an RFC 3339 time: {e}")))
}
