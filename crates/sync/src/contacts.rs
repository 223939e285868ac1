//! The contacts endpoints, as the engine uses them.

use outpost_platform::{Method, PlatformError, Session};
use serde_json::{json, Value};

pub const PATH: &str = "/api/v1/secure/contacts";
/// The most the server gives per page.
pub const PAGE: usize = 200;

fn data(mut v: Value) -> Value {
    v.get_mut("data").map(Value::take).unwrap_or(Value::Null)
}

pub async fn get(session: &Session, id: &str) -> Result<Option<Value>, PlatformError> {
    match session.get::<Value>(&format!("{PATH}/{id}"), &[]).await {
        Ok(v) => Ok(Some(data(v))),
        Err(e) if e.status() == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn create(session: &Session, fields: &Value) -> Result<Value, PlatformError> {
    Ok(data(session.send_json(Method::POST, PATH, fields).await?))
}

pub async fn patch(session: &Session, id: &str, fields: &Value) -> Result<Value, PlatformError> {
    Ok(data(
        session
            .send_json(Method::PATCH, &format!("{PATH}/{id}"), fields)
            .await?,
    ))
}

/// Deletes; a record already gone counts as deleted.
pub async fn delete(session: &Session, id: &str) -> Result<(), PlatformError> {
    match session
        .request::<Value>(Method::DELETE, &format!("{PATH}/{id}"), &[], None)
        .await
    {
        Ok(_) => Ok(()),
        Err(e) if e.status() == Some(404) => Ok(()),
        Err(e) => Err(e),
    }
}

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

/// `{}` for absent payloads, so a create with no fields still sends a JSON object.
pub fn body(payload: &Value) -> Value {
    if payload.is_object() {
        payload.clone()
    } else {
        json!({})
    }
}
