//! Changing groups: create (`POST /groups/create`), edit (`PUT /groups/{id}`, which the seed
//! gives optional properties, so it changes those sent), delete (soft), and adding and removing
//! members. The tenant's owners and admins do this; bodies are checked against the seed's
//! request schemas.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use super::store::{GroupMember, Removed, Row};
use crate::auth::guard::Caller;
use crate::body::schema::request_schema;
use crate::body::{invalid, Body};
use crate::error::ApiError;
use crate::state::AppState;

fn not_found() -> ApiError {
    ApiError::not_found("Group not found")
}

/// The permissions as sent: strings, each once, in the order given.
fn permissions(body: &Body) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for p in body
        .0
        .get("permissions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if !out.contains(p) {
            out.push(p.clone());
        }
    }
    out
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require_admin()?;
    let body = Body::checked(&body, request_schema!("POST__secure__groups__create"))?;
    let name = body.required_str("name")?.trim().to_string();
    if name.is_empty() {
        return Err(invalid("name", "must not be blank"));
    }
    let now = state.clock().stamp();
    let id = uuid::Uuid::now_v7().to_string();
    let mut row = Row::new();
    row.insert("id".into(), json!(id));
    row.insert("tenantId".into(), json!(caller.tenant_id));
    row.insert("name".into(), json!(name));
    row.insert("description".into(), json!(body.str("description")?));
    row.insert("permissions".into(), Value::Array(permissions(&body)));
    row.insert("created_at".into(), json!(now));
    row.insert("updated_at".into(), json!(now));
    {
        let mut directory = state.directory();
        let tenant = directory.tenant_mut(&caller.tenant_id);
        tenant.groups.push(row.clone());
    }
    state.audit(&caller, "created", "group", &id);
    Ok((StatusCode::CREATED, Json(json!({ "data": row }))))
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let body = Body::checked(&body, request_schema!("PUT__secure__groups__{id}"))?;
    let name = match body.str("name")? {
        Some(n) if n.trim().is_empty() => return Err(invalid("name", "must not be blank")),
        n => n.map(|n| n.trim().to_string()),
    };
    let now = state.clock().stamp();
    let row = {
        let mut directory = state.directory();
        let exists = directory
            .tenant(&caller.tenant_id)
            .and_then(|t| t.group(&id))
            .is_some();
        if !exists {
            return Err(not_found());
        }
        let tenant = directory.tenant_mut(&caller.tenant_id);
        let row = tenant
            .groups
            .iter_mut()
            .find(|g| g["id"] == id.as_str())
            .ok_or_else(not_found)?;
        if let Some(name) = name {
            row.insert("name".into(), json!(name));
        }
        if body.0.contains_key("description") {
            row.insert("description".into(), json!(body.str("description")?));
        }
        if body.0.contains_key("permissions") {
            row.insert("permissions".into(), Value::Array(permissions(&body)));
        }
        row.insert("updated_at".into(), json!(now));
        row.clone()
    };
    state.audit(&caller, "updated", "group", &id);
    Ok(Json(json!({ "data": row })))
}

/// Soft: the group and its member list are kept with who deleted it; it leaves every list
/// and every user's permissions.
pub async fn delete(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    let now = state.clock().stamp();
    {
        let mut directory = state.directory();
        let exists = directory
            .tenant(&caller.tenant_id)
            .and_then(|t| t.group(&id))
            .is_some();
        if !exists {
            return Err(not_found());
        }
        let tenant = directory.tenant_mut(&caller.tenant_id);
        let at = tenant.groups.iter().position(|g| g["id"] == id.as_str());
        let row = tenant.groups.remove(at.ok_or_else(not_found)?);
        tenant.removed.push(Removed {
            kind: "group".into(),
            row,
            deleted_at: now,
            deleted_by: caller.session.user_id.clone(),
        });
    }
    state.audit(&caller, "deleted", "group", &id);
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a member of the tenant (404 for a user who is not one). Adding a member again changes
/// nothing and writes no audit row.
pub async fn add_member(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__groups__{id}__members"),
    )?;
    let user_id = body.required_str("userId")?.to_string();
    if state
        .auth()
        .membership(&user_id, &caller.tenant_id)
        .is_none()
    {
        return Err(ApiError::not_found("User not found in this tenant"));
    }
    let now = state.clock().stamp();
    let added = {
        let mut directory = state.directory();
        let exists = directory
            .tenant(&caller.tenant_id)
            .and_then(|t| t.group(&id))
            .is_some();
        if !exists {
            return Err(not_found());
        }
        let members = directory
            .tenant_mut(&caller.tenant_id)
            .members
            .entry(id.clone())
            .or_default();
        let present = members.iter().any(|m| m.user_id == user_id);
        if !present {
            members.push(GroupMember {
                user_id: user_id.clone(),
                added_at: now,
            });
        }
        !present
    };
    if added {
        let details = json!({ "userId": user_id });
        state.audit_details(&caller, "member_added", "group", &id, details);
    }
    Ok(StatusCode::NO_CONTENT)
}

pub async fn remove_member(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path((id, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    {
        let mut directory = state.directory();
        let present = directory.tenant(&caller.tenant_id).is_some_and(|t| {
            t.group(&id).is_some()
                && t.members
                    .get(&id)
                    .is_some_and(|m| m.iter().any(|m| m.user_id == user_id))
        });
        if !present {
            return Err(ApiError::not_found("No such member of this group"));
        }
        let tenant = directory.tenant_mut(&caller.tenant_id);
        if let Some(members) = tenant.members.get_mut(&id) {
            members.retain(|m| m.user_id != user_id);
        }
    }
    let details = json!({ "userId": user_id });
    state.audit_details(&caller, "member_removed", "group", &id, details);
    Ok(StatusCode::NO_CONTENT)
}
