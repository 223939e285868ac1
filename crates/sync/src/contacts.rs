//! The contacts listing, as the engine pages through it: contacts page as `{data, pagination}`
//! (the calendar endpoints page flat; see `endpoints`).

use outpost_platform::{PlatformError, Session};
use serde_json::Value;

pub const PATH: &str = "/api/v1/secure/contacts";
/// The most the server gives per page.
pub const PAGE: usize = 200;

/// One page: its rows and the total the server reported.
pub async fn page(
    session: &Session,
    offset: usize,
    limit: usize,
) -> Result<(Vec<Value>, usize), PlatformError> {
    let v: Value = session
        .get(
            PATH,
            &[("limit", limit.to_string()), ("offset", offset.to_string())],
        )
        .await?;
    let total = v["pagination"]["total"]
        .as_u64()
        .ok_or_else(|| PlatformError::Schema {
            what: "contact list".into(),
            reason: "pagination.total is missing".into(),
        })? as usize;
    let rows = match v.get("data") {
        Some(Value::Array(rows)) => rows.clone(),
        _ => {
            return Err(PlatformError::Schema {
                what: "contact list".into(),
                reason: "data is not an array".into(),
            })
        }
    };
    Ok((rows, total))
}
