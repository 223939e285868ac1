//! Resource move requests: a member asks to move a resource to another space
//! (`POST /resources/{id}/move`); the target space's managers or the tenant's owners and admins
//! approve it (the resource moves at once) or reject it with a reason; the requester or an
//! admin cancels it (`DELETE`). Requests stay listed with their state.
//!
//! Where the seed is silent: states are `pending`, `approved` (moved), `rejected`,
//! `cancelled` and `expired` (pending past `expires_at`, 7 days after the request); only a
//! pending request can be decided or cancelled (422 INVALID_TRANSITION); approval is by the
//! target space (`approval_mode: target_space`). A resource outside any space cannot be moved
//! by request (422 RESOURCE_DETACHED): it is placed by editing it. The list filters by
//! `status` and `resourceId` in the query.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::store::{PlaceKind, Row};
use crate::auth::guard::Caller;
use crate::body::schema::request_schema;
use crate::body::{invalid, Body};
use crate::error::ApiError;
use crate::state::AppState;

/// How long a request waits for a decision, in days.
const VALID_DAYS: i64 = 7;

fn not_found() -> ApiError {
    ApiError::not_found("Move request not found")
}

fn transition(status: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "INVALID_TRANSITION",
        format!("The request is {status}; only a pending one can be decided or cancelled"),
    )
}

/// The request's status at `now`.
fn status_at(row: &Row, now: &str) -> String {
    let status = row["status"].as_str().unwrap_or_default();
    if status == "pending" && row["expires_at"].as_str().is_some_and(|e| e <= now) {
        "expired".into()
    } else {
        status.into()
    }
}

fn public(row: &Row, now: &str) -> Value {
    let mut row = row.clone();
    row.insert("status".into(), json!(status_at(&row, now)));
    Value::Object(row)
}

pub async fn request(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require_writer()?;
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__resources__{id}__move"),
    )?;
    let target = body.required_str("targetSpaceId")?.to_string();
    let now = state.clock().stamp();
    let email = state
        .auth()
        .user(&caller.session.user_id)
        .map(|u| u.email.clone());
    let row = {
        let mut directory = state.directory();
        let dir = directory.tenant(&caller.tenant_id);
        let resource = dir
            .and_then(|d| d.place(PlaceKind::Resource, &id))
            .ok_or_else(|| ApiError::not_found("Resource not found"))?;
        let target_space = dir
            .and_then(|d| d.place(PlaceKind::Space, &target))
            .ok_or_else(|| invalid("targetSpaceId", "names no space of this tenant"))?;
        let source = resource["space_id"].as_str().ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "RESOURCE_DETACHED",
                "The resource is in no space; place it by editing it",
            )
        })?;
        if source == target {
            return Err(invalid("targetSpaceId", "is the space the resource is in"));
        }
        let expires = chrono::DateTime::parse_from_rfc3339(&now)
            .map(|t| t + chrono::Duration::days(VALID_DAYS))
            .map(|t| t.with_timezone(&chrono::Utc))
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            .unwrap_or_else(|_| now.clone());
        let mut row = Row::new();
        for (k, v) in [
            ("id", json!(uuid::Uuid::now_v7().to_string())),
            ("tenantId", json!(caller.tenant_id)),
            ("resource_id", json!(id)),
            ("source_space_id", json!(source)),
            ("target_space_id", json!(target)),
            ("requested_by", json!(caller.session.user_id)),
            ("status", json!("pending")),
            ("requires_resource_approval", json!(false)),
            ("approval_mode", json!("target_space")),
            ("approved_by", Value::Null),
            ("reason", json!(body.str("reason")?)),
            ("rejection_reason", Value::Null),
            ("resource_name", resource["name"].clone()),
            ("source_space_name", resource["current_space_name"].clone()),
            ("target_space_name", target_space["name"].clone()),
            ("requested_by_email", json!(email)),
            ("created_at", json!(now)),
            ("processed_at", Value::Null),
            ("completed_at", Value::Null),
            ("expires_at", json!(expires)),
            ("updated_at", json!(now)),
        ] {
            row.insert(k.into(), v);
        }
        directory
            .tenant_mut(&caller.tenant_id)
            .move_requests
            .push(row.clone());
        row
    };
    let request_id = row["id"].as_str().unwrap_or_default().to_string();
    state.audit(&caller, "created", "resource_move_request", &request_id);
    Ok((StatusCode::CREATED, Json(json!({ "data": row }))))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    status: Option<String>,
    resource_id: Option<String>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    let now = state.clock().stamp();
    let directory = state.directory();
    let data: Vec<Value> = directory
        .tenant(&caller.tenant_id)
        .map(|d| d.move_requests.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|r| public(r, &now))
        .filter(|r| q.status.as_ref().is_none_or(|s| r["status"] == s.as_str()))
        .filter(|r| {
            q.resource_id
                .as_ref()
                .is_none_or(|id| r["resource_id"] == id.as_str())
        })
        .collect();
    Ok(Json(json!({ "data": data })))
}

/// Decides or cancels the pending request `id`: `allowed` says whether the caller may, given
/// the request; `apply` changes it (and the directory).
fn decide(
    state: &AppState,
    caller: &Caller,
    id: &str,
    action: &str,
    allowed: impl FnOnce(&super::store::TenantDirectory, &Row) -> bool,
    apply: impl FnOnce(&mut super::store::TenantDirectory, &mut Row, &str),
) -> Result<Value, ApiError> {
    caller.require_writer()?;
    let now = state.clock().stamp();
    let row = {
        let mut directory = state.directory();
        let dir = directory.tenant(&caller.tenant_id).ok_or_else(not_found)?;
        let current = dir
            .move_requests
            .iter()
            .find(|r| r["id"] == id)
            .ok_or_else(not_found)?
            .clone();
        let status = status_at(&current, &now);
        if status != "pending" {
            return Err(transition(&status));
        }
        if !allowed(dir, &current) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "FORBIDDEN",
                "You cannot decide this request",
            ));
        }
        let dir = directory.tenant_mut(&caller.tenant_id);
        let mut row = current;
        apply(dir, &mut row, &now);
        row.insert("updated_at".into(), json!(now));
        if let Some(stored) = dir.move_requests.iter_mut().find(|r| r["id"] == id) {
            *stored = row.clone();
        }
        row
    };
    state.audit(caller, action, "resource_move_request", id);
    Ok(public(&row, &now))
}

/// Owners, admins and managers of the target space decide.
fn decider(caller: &Caller) -> impl FnOnce(&super::store::TenantDirectory, &Row) -> bool + '_ {
    move |dir, row| {
        let target = row["target_space_id"].as_str().unwrap_or_default();
        dir.manages(
            PlaceKind::Space,
            target,
            &caller.session.user_id,
            caller.is_admin(),
        )
    }
}

pub async fn approve(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let me = caller.session.user_id.clone();
    let row = decide(
        &state,
        &caller,
        &id,
        "approved",
        decider(&caller),
        |dir, row, now| {
            let target = row["target_space_id"].clone();
            let resource = row["resource_id"].as_str().unwrap_or_default().to_string();
            let target_name = row["target_space_name"].clone();
            if let Some(r) = dir.place_mut(PlaceKind::Resource, &resource) {
                r.insert("space_id".into(), target);
                r.insert("current_space_name".into(), target_name);
                r.insert("updated_at".into(), json!(now));
            }
            row.insert("status".into(), json!("approved"));
            row.insert("approved_by".into(), json!(me));
            row.insert("processed_at".into(), json!(now));
            row.insert("completed_at".into(), json!(now));
        },
    )?;
    Ok(Json(json!({ "data": row })))
}

pub async fn reject(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__resources__resource-requests__{id}__reject"),
    )?;
    let reason = body.required_str("rejectionReason")?.to_string();
    let row = decide(
        &state,
        &caller,
        &id,
        "rejected",
        decider(&caller),
        |_, row, now| {
            row.insert("status".into(), json!("rejected"));
            row.insert("rejection_reason".into(), json!(reason));
            row.insert("processed_at".into(), json!(now));
        },
    )?;
    Ok(Json(json!({ "data": row })))
}

pub async fn cancel(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let me = caller.session.user_id.clone();
    let admin = caller.is_admin();
    decide(
        &state,
        &caller,
        &id,
        "cancelled",
        |_, row| admin || row["requested_by"] == me.as_str(),
        |_, row, now| {
            row.insert("status".into(), json!("cancelled"));
            row.insert("processed_at".into(), json!(now));
        },
    )?;
    Ok(StatusCode::NO_CONTENT)
}
