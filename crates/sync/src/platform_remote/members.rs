//! The members of groups, spaces and resources on the platform: listed under their parent
//! (`GET /{groups|spaces|resources}/{id}/members`), added by a POST there and removed by
//! `DELETE .../members/{userId}`. A membership is known by its parent and user, so its id is
//! made from them (the group and resource listings answer rows without ids).
//! - a group's: `POST {userId}` (204, nothing answered; adding again changes nothing);
//! - a space's: `POST {userId, role}`; posting again changes the role;
//! - a resource's: `POST {userIds: [..]}` adds readers; adding again changes nothing.

use outpost_model::RecordType;
use outpost_platform::{Method, PlatformError, TenantSession};
use outpost_replica::Fields;
use serde_json::{json, Value};

use super::paths::{GROUPS, RESOURCES, SPACES};

/// Where a membership type lives: its parent's path and the field naming the parent.
struct Kind {
    what: &'static str,
    base: &'static str,
    parent_key: &'static str,
}

fn kind(t: RecordType) -> Result<Kind, PlatformError> {
    Ok(match t {
        RecordType::GroupMember => Kind {
            what: "group member",
            base: GROUPS,
            parent_key: "groupId",
        },
        RecordType::SpaceMember => Kind {
            what: "space member",
            base: SPACES,
            parent_key: "spaceId",
        },
        RecordType::ResourceMember => Kind {
            what: "resource member",
            base: RESOURCES,
            parent_key: "resourceId",
        },
        other => {
            return Err(PlatformError::Schema {
                what: other.as_str().into(),
                reason: "the platform lists no such records as members".into(),
            })
        }
    })
}

fn schema(what: &str, reason: &str) -> PlatformError {
    PlatformError::Schema {
        what: what.into(),
        reason: reason.into(),
    }
}

fn text<'f>(k: &Kind, fields: &'f Fields, key: &str) -> Result<&'f str, PlatformError> {
    fields
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| schema(k.what, &format!("the membership names no {key}")))
}

/// A membership in the model's shape.
fn record(k: &Kind, parent: &str, user: &str, extra: &[(&str, &Value)]) -> Value {
    let mut v = json!({ "id": format!("{parent}/{user}"), "userId": user });
    v[k.parent_key] = json!(parent);
    for (key, x) in extra {
        if !x.is_null() {
            v[*key] = (*x).clone();
        }
    }
    v
}

/// Where the membership in `stored` is removed.
pub fn path(t: RecordType, stored: &Fields) -> Result<String, PlatformError> {
    let k = kind(t)?;
    Ok(format!(
        "{}/{}/members/{}",
        k.base,
        text(&k, stored, k.parent_key)?,
        text(&k, stored, "userId")?
    ))
}

/// Adds the user (or, for a space, sets their role); `None` when the parent is gone (a 404
/// for a user who is not a member of the tenant is the server's refusal, kept with its words).
pub async fn add(
    http: &TenantSession<'_>,
    t: RecordType,
    body: &Fields,
    stored: &Fields,
) -> Result<Option<Value>, PlatformError> {
    let k = kind(t)?;
    let field = |key: &str| body.get(key).or_else(|| stored.get(key));
    let mut both = stored.clone();
    both.extend(body.clone());
    let (parent, user) = (text(&k, &both, k.parent_key)?, text(&k, &both, "userId")?);
    let path = format!("{}/{parent}/members", k.base);
    let request = match t {
        RecordType::SpaceMember => json!({ "userId": user, "role": field("role") }),
        RecordType::ResourceMember => json!({ "userIds": [user] }),
        _ => json!({ "userId": user }),
    };
    let answer: Result<Value, PlatformError> = http.send_json(Method::POST, &path, &request).await;
    match answer {
        Ok(_) => {
            let null = Value::Null;
            let role = field("role").unwrap_or(&null);
            let role = match t {
                // A new resource member reads (what the listing answers next).
                RecordType::ResourceMember if role.is_null() => json!("reader"),
                _ => role.clone(),
            };
            Ok(Some(record(&k, parent, user, &[("role", &role)])))
        }
        Err(e) if e.status() == Some(404) && parent_gone(http, &k, parent).await? => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether the parent itself is gone (its GET answers 404), as opposed to the user.
async fn parent_gone(
    http: &TenantSession<'_>,
    k: &Kind,
    parent: &str,
) -> Result<bool, PlatformError> {
    Ok(super::paths::get(http, &format!("{}/{parent}", k.base))
        .await?
        .is_none())
}

/// The parent's members in the model's shape; `None` when the parent is gone.
pub async fn list(
    http: &TenantSession<'_>,
    t: RecordType,
    parent: &str,
) -> Result<Option<Vec<Value>>, PlatformError> {
    let k = kind(t)?;
    let path = format!("{}/{parent}/members", k.base);
    let answer: Value = match http.get(&path, &[]).await {
        Ok(v) => v,
        Err(e) if e.status() == Some(404) => return Ok(None),
        Err(e) => return Err(e),
    };
    let rows = answer
        .get("data")
        .and_then(Value::as_array)
        .ok_or_else(|| schema(k.what, "the member list's data is not an array"))?;
    let null = Value::Null;
    rows.iter()
        .map(|row| {
            let user = row
                .get("user_id")
                .and_then(Value::as_str)
                .ok_or_else(|| schema(k.what, "a member has no user_id"))?;
            let at = row.get("created_at").unwrap_or(&null);
            let role = match t {
                RecordType::GroupMember => &null,
                _ => row.get("role").unwrap_or(&null),
            };
            Ok(record(
                &k,
                parent,
                user,
                &[("createdAt", at), ("role", role)],
            ))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}
