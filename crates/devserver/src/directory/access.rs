//! Who may do what: a user's effective permissions (the union of their groups' permissions in
//! the tenant) and the `/iam/*` reads of the signed-in user (overview, permissions, the spaces
//! they belong to, what they can manage, and whether they can read or write a space or resource).
//!
//! Where the seed is silent: tenant owners and admins manage every space and resource; a space's
//! `manager` members manage that space and the resources in it; every active member of the
//! tenant reads them all. `/iam/can` takes `entityType` (space or resource), `entityId` and
//! `action` (read or write) in the query.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::store::{PlaceKind, TenantDirectory};
use crate::auth::guard::Caller;
use crate::body::invalid;
use crate::error::ApiError;
use crate::state::AppState;

/// The groups of the tenant `user_id` is a member of.
fn groups_of<'a>(dir: &'a TenantDirectory, user_id: &str) -> Vec<&'a super::store::Row> {
    dir.groups
        .iter()
        .filter(|g| {
            let id = g["id"].as_str().unwrap_or_default();
            dir.members
                .get(id)
                .is_some_and(|m| m.iter().any(|m| m.user_id == user_id))
        })
        .collect()
}

/// The union of the permissions of `user_id`'s groups, sorted.
fn effective(dir: Option<&TenantDirectory>, user_id: &str) -> Vec<String> {
    let mut out = BTreeSet::new();
    for g in dir.map(|d| groups_of(d, user_id)).unwrap_or_default() {
        for p in g["permissions"].as_array().into_iter().flatten() {
            if let Some(p) = p.as_str() {
                out.insert(p.to_string());
            }
        }
    }
    out.into_iter().collect()
}

/// The spaces `user_id` manages: all of them for an owner or admin, else those where they are
/// a `manager` member.
fn manageable_spaces(dir: &TenantDirectory, user_id: &str, admin: bool) -> Vec<String> {
    dir.spaces
        .iter()
        .filter_map(|s| s["id"].as_str())
        .filter(|id| admin || dir.place_role(id, user_id) == Some("manager"))
        .map(str::to_string)
        .collect()
}

pub async fn user_permissions(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(user_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    if state
        .auth()
        .membership(&user_id, &caller.tenant_id)
        .is_none()
    {
        return Err(ApiError::not_found("User not found in this tenant"));
    }
    let directory = state.directory();
    let data = effective(directory.tenant(&caller.tenant_id), &user_id);
    Ok(Json(json!({ "data": data })))
}

pub async fn overview(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let me = &caller.session.user_id;
    let email = state.auth().user(me).map(|u| u.email.clone());
    let directory = state.directory();
    let dir = directory.tenant(&caller.tenant_id);
    let groups: Vec<Value> = dir
        .map(|d| groups_of(d, me))
        .unwrap_or_default()
        .into_iter()
        .map(|g| json!({ "id": g["id"], "name": g["name"], "permissions": g["permissions"] }))
        .collect();
    Ok(Json(json!({ "data": {
        "userId": me,
        "tenantId": caller.tenant_id,
        "email": email,
        "isSystemAdmin": false,
        "isTenantAdmin": caller.is_admin(),
        "groups": groups,
        "effectivePermissions": effective(dir, me),
    }})))
}

pub async fn my_permissions(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let data = effective(directory.tenant(&caller.tenant_id), &caller.session.user_id);
    Ok(Json(json!({ "data": data })))
}

pub async fn my_spaces(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let me = caller.session.user_id.as_str();
    let data: Vec<Value> = directory
        .tenant(&caller.tenant_id)
        .map(|d| {
            d.spaces
                .iter()
                .filter_map(|s| {
                    let role = d.place_role(s["id"].as_str()?, me)?;
                    Some(json!({ "space_id": s["id"], "space_name": s["name"], "role": role }))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Json(json!({ "data": data })))
}

pub async fn my_manageable_spaces(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let data: Vec<Value> = directory
        .tenant(&caller.tenant_id)
        .map(|d| {
            let ids = manageable_spaces(d, &caller.session.user_id, caller.is_admin());
            d.spaces
                .iter()
                .filter(|s| ids.iter().any(|id| s["id"] == id.as_str()))
                .map(|s| json!({ "id": s["id"], "name": s["name"] }))
                .collect()
        })
        .unwrap_or_default();
    Ok(Json(json!({ "data": data })))
}

pub async fn my_manageable_resources(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let data: Vec<Value> = directory
        .tenant(&caller.tenant_id)
        .map(|d| {
            let ids = manageable_spaces(d, &caller.session.user_id, caller.is_admin());
            d.resources
                .iter()
                .filter(|r| {
                    let space = r["space_id"].as_str().unwrap_or_default();
                    caller.is_admin() || ids.iter().any(|id| id == space)
                })
                .map(|r| {
                    json!({ "id": r["id"], "space_id": r["space_id"], "name": r["name"],
                            "status": r["status"] })
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Json(json!({ "data": data })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CanQuery {
    entity_type: Option<String>,
    entity_id: Option<String>,
    action: Option<String>,
}

pub async fn can(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<CanQuery>,
) -> Result<Json<Value>, ApiError> {
    let kind = match q.entity_type.as_deref() {
        Some("space") => PlaceKind::Space,
        Some("resource") => PlaceKind::Resource,
        Some(_) => return Err(invalid("entityType", "must be one of space, resource")),
        None => return Err(invalid("entityType", "is required")),
    };
    let id = q
        .entity_id
        .ok_or_else(|| invalid("entityId", "is required"))?;
    let write = match q.action.as_deref() {
        Some("read") => false,
        Some("write") => true,
        Some(_) => return Err(invalid("action", "must be one of read, write")),
        None => return Err(invalid("action", "is required")),
    };
    let directory = state.directory();
    let dir = directory.tenant(&caller.tenant_id);
    let place = dir
        .and_then(|d| d.place(kind, &id))
        .ok_or_else(|| ApiError::not_found("No such space or resource in this tenant"))?;
    let allowed = match (write, dir) {
        (false, _) => true,
        (true, _) if caller.is_admin() => true,
        (true, Some(d)) => {
            let space = match kind {
                PlaceKind::Space => id.as_str(),
                PlaceKind::Resource => place["space_id"].as_str().unwrap_or_default(),
            };
            d.place_role(space, &caller.session.user_id) == Some("manager")
        }
        (true, None) => false,
    };
    Ok(Json(json!({ "allowed": allowed })))
}
