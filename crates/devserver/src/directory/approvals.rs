//! Approval requests and the tenant's approval settings: the queue (`/secure/approvals`, owners
//! and admins), a user's own requests (`/secure/me/approvals`), approve and reject (admins),
//! cancel (the creator or an admin), and per entity type whether new ones need approval
//! (`/secure/tenant/approval-settings`).
//!
//! Where the seed is silent: a request is made when a user whose role is not in the type's
//! `auto_approve_roles` creates a space or resource of a type that `requires_approval` (today:
//! a space manager creating a resource in their space); the new row waits as `pending`.
//! Approving makes it `active`, rejecting `inactive`. Only a pending request can be decided or
//! cancelled (422 INVALID_TRANSITION); one past its `expires_at` (`max_pending_days`) reads as
//! expired. The list takes `status`, `limit` and `offset`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::store::{PlaceKind, Row, TenantDirectory};
use crate::auth::guard::Caller;
use crate::body::schema::request_schema;
use crate::body::Body;
use crate::error::ApiError;
use crate::paging::PageQuery;
use crate::state::AppState;

pub const ENTITY_TYPES: [&str; 3] = ["space", "resource", "calendar_entry"];

fn default_settings(entity_type: &str) -> Value {
    json!({
        "entity_type": entity_type,
        "requires_approval": false,
        "config": {
            "auto_approve_roles": ["owner", "admin"],
            "max_pending_days": 30,
            "notify_admins": true,
            "notify_creator_on_decision": true,
        },
    })
}

/// The settings of `entity_type` in `dir`.
pub fn settings_of(dir: Option<&TenantDirectory>, entity_type: &str) -> Value {
    dir.and_then(|d| d.approval_settings.get(entity_type).cloned())
        .unwrap_or_else(|| default_settings(entity_type))
}

/// Whether a new `entity_type` made by someone with `role` waits for approval.
pub fn needs_approval(dir: Option<&TenantDirectory>, entity_type: &str, role: &str) -> bool {
    let s = settings_of(dir, entity_type);
    let auto = s["config"]["auto_approve_roles"]
        .as_array()
        .is_some_and(|r| r.iter().any(|x| x == role));
    s["requires_approval"] == true && !auto
}

/// A pending request for the new row `entity` (already in `dir`), made by `caller` at `now`.
pub fn open(
    dir: &mut TenantDirectory,
    caller: &Caller,
    entity_type: &str,
    entity: &Row,
    now: &str,
) -> String {
    let days = settings_of(Some(dir), entity_type)["config"]["max_pending_days"]
        .as_i64()
        .unwrap_or(30);
    let expires = chrono::DateTime::parse_from_rfc3339(now)
        .map(|t| (t + chrono::Duration::days(days)).with_timezone(&chrono::Utc))
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_else(|_| now.to_string());
    let id = uuid::Uuid::now_v7().to_string();
    let mut row = Row::new();
    for (k, v) in [
        ("id", json!(id)),
        ("tenantId", json!(caller.tenant_id)),
        ("entity_type", json!(entity_type)),
        ("entity_id", entity["id"].clone()),
        ("entity_name", entity["name"].clone()),
        ("status", json!("pending")),
        ("expires_at", json!(expires)),
        ("created_by", json!(caller.session.user_id)),
        ("created_at", json!(now)),
        ("updated_at", json!(now)),
    ] {
        row.insert(k.into(), v);
    }
    dir.approvals.push(row);
    id
}

fn not_found() -> ApiError {
    ApiError::not_found("Approval request not found")
}

fn status_at(row: &Row, now: &str) -> String {
    let status = row["status"].as_str().unwrap_or_default();
    let expired = row["expires_at"].as_str().is_some_and(|e| e <= now);
    if status == "pending" && expired {
        "expired".into()
    } else {
        status.into()
    }
}

/// The request as the seed shows it; `people` adds `creator` and `decider`.
fn shown(state: &AppState, row: &Row, now: &str, people: bool) -> Value {
    let mut out = row.clone();
    out.insert("status".into(), json!(status_at(row, now)));
    if people {
        let auth = state.auth();
        for (key, who) in [("creator", "created_by"), ("decider", "decision_by")] {
            if let Some(u) = row
                .get(who)
                .and_then(Value::as_str)
                .and_then(|id| auth.user(id))
            {
                let person =
                    json!({ "id": u.id, "email": u.email, "display_name": u.display_name });
                out.insert(key.into(), person);
            }
        }
    }
    Value::Object(out)
}

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

fn rows(state: &AppState, caller: &Caller) -> Vec<Row> {
    let directory = state.directory();
    directory
        .tenant(&caller.tenant_id)
        .map(|d| d.approvals.clone())
        .unwrap_or_default()
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let page = PageQuery {
        limit: q.limit,
        offset: q.offset,
    }
    .page()?;
    let now = state.clock().stamp();
    let all: Vec<Value> = rows(&state, &caller)
        .iter()
        .map(|r| shown(&state, r, &now, true))
        .filter(|r| q.status.as_ref().is_none_or(|s| r["status"] == s.as_str()))
        .collect();
    let total = all.len();
    let data: Vec<Value> = all.into_iter().skip(page.offset).take(page.limit).collect();
    Ok(Json(
        json!({ "data": data, "total": total, "limit": page.limit, "offset": page.offset }),
    ))
}

pub async fn mine(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let now = state.clock().stamp();
    let data: Vec<Value> = rows(&state, &caller)
        .iter()
        .filter(|r| r["created_by"] == caller.session.user_id.as_str())
        .map(|r| shown(&state, r, &now, false))
        .collect();
    Ok(Json(json!({ "total": data.len(), "data": data })))
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let now = state.clock().stamp();
    let row = rows(&state, &caller)
        .into_iter()
        .find(|r| r["id"] == id.as_str())
        .ok_or_else(not_found)?;
    if !caller.is_admin() && row["created_by"] != caller.session.user_id.as_str() {
        return Err(not_found());
    }
    Ok(Json(json!({ "data": shown(&state, &row, &now, true) })))
}

/// Moves the pending request `id` to `status`, and its entity along with it.
fn decide(
    state: &AppState,
    caller: &Caller,
    id: &str,
    status: &str,
    reason: Option<String>,
) -> Result<Value, ApiError> {
    let now = state.clock().stamp();
    let row = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        let row = dir
            .approvals
            .iter_mut()
            .find(|r| r["id"] == id)
            .ok_or_else(not_found)?;
        let current = status_at(row, &now);
        if current != "pending" {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "INVALID_TRANSITION",
                format!("The request is {current}; only a pending one can change"),
            ));
        }
        row.insert("status".into(), json!(status));
        row.insert("updated_at".into(), json!(now));
        if status != "cancelled" {
            row.insert("decision_at".into(), json!(now));
            row.insert("decision_by".into(), json!(caller.session.user_id));
        }
        if let Some(r) = reason {
            let key = if status == "rejected" {
                "rejection_reason"
            } else {
                "reason"
            };
            row.insert(key.into(), json!(r));
        }
        let row = row.clone();
        let kind = match row["entity_type"].as_str() {
            Some("space") => Some(PlaceKind::Space),
            Some("resource") => Some(PlaceKind::Resource),
            _ => None,
        };
        let entity = row["entity_id"].as_str().unwrap_or_default();
        let entity_status = if status == "approved" {
            "active"
        } else {
            "inactive"
        };
        if let Some(place) = kind.and_then(|k| dir.place_mut(k, entity)) {
            place.insert("status".into(), json!(entity_status));
            place.insert("updated_at".into(), json!(now));
        }
        row
    };
    state.audit(caller, status, "approval_request", id);
    Ok(shown(state, &row, &now, false))
}

pub async fn approve(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    Body::checked(
        &body,
        request_schema!("POST__secure__approvals__{id}__approve"),
    )?;
    let data = decide(&state, &caller, &id, "approved", None)?;
    Ok(Json(json!({ "data": data, "message": "Request approved" })))
}

pub async fn reject(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__approvals__{id}__reject"),
    )?;
    let reason = body.required_str("rejection_reason")?.to_string();
    let data = decide(&state, &caller, &id, "rejected", Some(reason))?;
    Ok(Json(json!({ "data": data, "message": "Request rejected" })))
}

pub async fn cancel(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let body = Body::checked(&body, request_schema!("DELETE__secure__approvals__{id}"))?;
    let creator = rows(&state, &caller)
        .into_iter()
        .find(|r| r["id"] == id.as_str())
        .ok_or_else(not_found)?["created_by"]
        .clone();
    if !caller.is_admin() && creator != caller.session.user_id.as_str() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "Only the creator or an admin can cancel a request",
        ));
    }
    let reason = body.str("reason")?.map(str::to_string);
    decide(&state, &caller, &id, "cancelled", reason)?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn settings(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let dir = directory.tenant(&caller.tenant_id);
    let data: Vec<Value> = ENTITY_TYPES.iter().map(|t| settings_of(dir, t)).collect();
    Ok(Json(json!({ "data": data })))
}

pub async fn update_settings(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(entity_type): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    if !ENTITY_TYPES.contains(&entity_type.as_str()) {
        return Err(ApiError::not_found(format!(
            "No approval settings for {entity_type}"
        )));
    }
    let body = Body::checked(
        &body,
        request_schema!("PATCH__secure__tenant__approval-settings__{entityType}"),
    )?;
    let data = {
        let mut directory = state.directory();
        let mut current = settings_of(directory.tenant(&caller.tenant_id), &entity_type);
        if let Some(b) = body.bool("requires_approval")? {
            current["requires_approval"] = json!(b);
        }
        if let Some(config) = body.0.get("config").and_then(Value::as_object) {
            for (k, v) in config {
                current["config"][k] = v.clone();
            }
        }
        let dir = directory.tenant_mut(&caller.tenant_id);
        dir.approval_settings
            .insert(entity_type.clone(), current.clone());
        current
    };
    state.audit(&caller, "updated", "approval_settings", &caller.tenant_id);
    Ok(Json(json!({ "data": data })))
}
