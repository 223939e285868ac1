//! The members of a space (`manager` or `reader`) and of a resource (`admin`, `manager` or
//! `reader`): listed by any member of the tenant, changed by the tenant's owners and admins and
//! the managers of the space (of the resource's space).
//!
//! Where the seed is silent: adding a space member who is one already changes their role;
//! a resource's members are added by `userIds` and `emails` (members of the tenant, else 422
//! naming the item) as `reader`s; adding one again, or naming nobody, changes nothing.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use super::place_admin::not_found;
use super::store::{PlaceKind, PlaceMember};
use crate::auth::guard::Caller;
use crate::body::schema::request_schema;
use crate::body::{invalid, Body};
use crate::error::ApiError;
use crate::state::AppState;

/// Checks the place exists and the caller may change its members.
fn may_change(
    state: &AppState,
    caller: &Caller,
    kind: PlaceKind,
    id: &str,
) -> Result<(), ApiError> {
    caller.require_writer()?;
    let directory = state.directory();
    let dir = directory.tenant(&caller.tenant_id);
    dir.and_then(|d| d.place(kind, id))
        .ok_or_else(|| not_found(kind))?;
    if !dir.is_some_and(|d| d.manages(kind, id, &caller.session.user_id, caller.is_admin())) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "Only the tenant's owners and admins and the space's managers can change members",
        ));
    }
    Ok(())
}

fn members_of(
    state: &AppState,
    caller: &Caller,
    kind: PlaceKind,
    id: &str,
) -> Result<Vec<PlaceMember>, ApiError> {
    let directory = state.directory();
    let dir = directory.tenant(&caller.tenant_id);
    dir.and_then(|d| d.place(kind, id))
        .ok_or_else(|| not_found(kind))?;
    Ok(dir
        .and_then(|d| d.place_members.get(id).cloned())
        .unwrap_or_default())
}

pub async fn space_members(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let data: Vec<Value> = members_of(&state, &caller, PlaceKind::Space, &id)?
        .into_iter()
        .map(|m| {
            json!({ "id": m.id, "space_id": id, "user_id": m.user_id, "role": m.role,
                          "created_at": m.created_at })
        })
        .collect();
    Ok(Json(json!({ "data": data })))
}

pub async fn add_space_member(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__spaces__{id}__members"),
    )?;
    may_change(&state, &caller, PlaceKind::Space, &id)?;
    let user_id = body.required_str("userId")?.to_string();
    let role = body.required_str("role")?.to_string();
    if state
        .auth()
        .membership(&user_id, &caller.tenant_id)
        .is_none()
    {
        return Err(ApiError::not_found("User not found in this tenant"));
    }
    let now = state.clock().stamp();
    let member = {
        let mut directory = state.directory();
        let members = directory
            .tenant_mut(&caller.tenant_id)
            .place_members
            .entry(id.clone())
            .or_default();
        match members.iter_mut().find(|m| m.user_id == user_id) {
            Some(m) => {
                m.role = role;
                m.clone()
            }
            None => {
                let m = PlaceMember {
                    id: uuid::Uuid::now_v7().to_string(),
                    user_id: user_id.clone(),
                    role,
                    created_at: now,
                };
                members.push(m.clone());
                m
            }
        }
    };
    let details = json!({ "userId": user_id, "role": member.role });
    state.audit_details(&caller, "member_added", "space", &id, details);
    Ok((
        StatusCode::CREATED,
        Json(
            json!({ "data": { "id": member.id, "space_id": id, "user_id": member.user_id,
                               "role": member.role, "created_at": member.created_at } }),
        ),
    ))
}

pub async fn resource_members(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let members = members_of(&state, &caller, PlaceKind::Resource, &id)?;
    let auth = state.auth();
    let data: Vec<Value> = members
        .into_iter()
        .map(|m| {
            let email = auth.user(&m.user_id).map(|u| u.email.clone());
            json!({ "user_id": m.user_id, "email": email, "role": m.role,
                    "created_at": m.created_at })
        })
        .collect();
    Ok(Json(json!({ "data": data })))
}

pub async fn add_resource_members(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__resources__{id}__members"),
    )?;
    may_change(&state, &caller, PlaceKind::Resource, &id)?;
    let mut users = Vec::new();
    {
        let auth = state.auth();
        let listed = |key: &str| -> Vec<String> {
            body.0
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        for (i, user_id) in listed("userIds").into_iter().enumerate() {
            auth.membership(&user_id, &caller.tenant_id)
                .ok_or_else(|| {
                    invalid(&format!("userIds[{i}]"), "is not a member of this tenant")
                })?;
            users.push(user_id);
        }
        for (i, email) in listed("emails").into_iter().enumerate() {
            let user = auth
                .user_by_email(&email.to_lowercase())
                .filter(|u| auth.membership(&u.id, &caller.tenant_id).is_some())
                .ok_or_else(|| {
                    invalid(&format!("emails[{i}]"), "is not a member of this tenant")
                })?;
            users.push(user.id.clone());
        }
    }
    let now = state.clock().stamp();
    let mut added = Vec::new();
    {
        let mut directory = state.directory();
        let members = directory
            .tenant_mut(&caller.tenant_id)
            .place_members
            .entry(id.clone())
            .or_default();
        for user_id in users {
            if !members.iter().any(|m| m.user_id == user_id) {
                members.push(PlaceMember {
                    id: uuid::Uuid::now_v7().to_string(),
                    user_id: user_id.clone(),
                    role: "reader".into(),
                    created_at: now.clone(),
                });
                added.push(user_id);
            }
        }
    }
    if !added.is_empty() {
        let details = json!({ "userIds": added });
        state.audit_details(&caller, "member_added", "resource", &id, details);
    }
    Ok(Json(json!({ "data": null })))
}

async fn remove(
    state: &AppState,
    caller: &Caller,
    kind: PlaceKind,
    id: &str,
    user_id: &str,
) -> Result<StatusCode, ApiError> {
    may_change(state, caller, kind, id)?;
    {
        let mut directory = state.directory();
        let present = directory
            .tenant(&caller.tenant_id)
            .and_then(|d| d.place_members.get(id))
            .is_some_and(|m| m.iter().any(|m| m.user_id == user_id));
        if !present {
            return Err(ApiError::not_found("No such member here"));
        }
        let dir = directory.tenant_mut(&caller.tenant_id);
        if let Some(members) = dir.place_members.get_mut(id) {
            members.retain(|m| m.user_id != user_id);
        }
    }
    let kind_name = match kind {
        PlaceKind::Space => "space",
        PlaceKind::Resource => "resource",
    };
    let details = json!({ "userId": user_id });
    state.audit_details(caller, "member_removed", kind_name, id, details);
    Ok(StatusCode::NO_CONTENT)
}

pub async fn remove_space_member(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path((id, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    remove(&state, &caller, PlaceKind::Space, &id, &user_id).await
}

pub async fn remove_resource_member(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path((id, user_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    remove(&state, &caller, PlaceKind::Resource, &id, &user_id).await
}
