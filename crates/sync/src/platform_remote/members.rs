//! A group's members on the platform: listed under the group (`GET /groups/{id}/members`, rows
//! of `user_id`, `email`, `display_name`, `created_at` with no id of their own), added by
//! `POST /groups/{id}/members {userId}` (204, nothing answered; adding a member again changes
//! nothing) and removed by `DELETE /groups/{id}/members/{userId}`. A membership is known by its
//! group and user, so its id is made from them.

use outpost_platform::{Method, PlatformError, TenantSession};
use outpost_replica::Fields;
use serde_json::{json, Value};

use super::paths::GROUPS;

fn schema(reason: &str) -> PlatformError {
    PlatformError::Schema {
        what: "group member".into(),
        reason: reason.into(),
    }
}

fn text<'f>(fields: &'f Fields, key: &str) -> Result<&'f str, PlatformError> {
    fields
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| schema(&format!("the membership names no {key}")))
}

/// A membership in the model's shape.
fn record(group: &str, user: &str, extra: &[(&str, &Value)]) -> Value {
    let mut v = json!({ "id": format!("{group}/{user}"), "groupId": group, "userId": user });
    for (k, x) in extra {
        v[*k] = (*x).clone();
    }
    v
}

/// Where the membership in `stored` is removed.
pub fn path(stored: &Fields) -> Result<String, PlatformError> {
    Ok(format!(
        "{GROUPS}/{}/members/{}",
        text(stored, "groupId")?,
        text(stored, "userId")?
    ))
}

/// Adds the user to the group; `None` when the group is gone (a 404 for a user who is not a
/// member of the tenant is the server's refusal, kept with its words).
pub async fn add(http: &TenantSession<'_>, body: &Fields) -> Result<Option<Value>, PlatformError> {
    let (group, user) = (text(body, "groupId")?, text(body, "userId")?);
    let path = format!("{GROUPS}/{group}/members");
    let answer: Result<Value, PlatformError> = http
        .send_json(Method::POST, &path, &json!({ "userId": user }))
        .await;
    match answer {
        Ok(_) => Ok(Some(record(group, user, &[]))),
        Err(e) if e.status() == Some(404) && group_gone(http, group).await? => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether the group itself is gone (its GET answers 404), as opposed to the user.
async fn group_gone(http: &TenantSession<'_>, group: &str) -> Result<bool, PlatformError> {
    Ok(super::paths::get(http, &format!("{GROUPS}/{group}"))
        .await?
        .is_none())
}

/// The group's members in the model's shape; `None` when the group is gone.
pub async fn list(
    http: &TenantSession<'_>,
    group: &str,
) -> Result<Option<Vec<Value>>, PlatformError> {
    let path = format!("{GROUPS}/{group}/members");
    let answer: Value = match http.get(&path, &[]).await {
        Ok(v) => v,
        Err(e) if e.status() == Some(404) => return Ok(None),
        Err(e) => return Err(e),
    };
    let rows = answer
        .get("data")
        .and_then(Value::as_array)
        .ok_or_else(|| schema("the member list's data is not an array"))?;
    rows.iter()
        .map(|row| {
            let user = row
                .get("user_id")
                .and_then(Value::as_str)
                .ok_or_else(|| schema("a member has no user_id"))?;
            let null = Value::Null;
            let at = row.get("created_at").unwrap_or(&null);
            Ok(record(group, user, &[("createdAt", at)]))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}
