//! A tenant's rate limit configurations (`/secure/tenants/{id}/rate-limits`): listed, made,
//! read, changed and deleted by the tenant's owners and admins.
//!
//! Where the seed is silent: the configurations are kept and served, not enforced; the
//! devserver's own limiting is `--rate-limit` (per user, for every route). A limit id of
//! another tenant is 404 under this one. Deleting removes the configuration (it is
//! configuration, not a record: the audit row keeps that it existed).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Map, Value};

use super::settings::plan_of;
use crate::auth::guard::Account;
use crate::body::schema::request_schema;
use crate::body::Body;
use crate::error::ApiError;
use crate::state::AppState;

fn not_found() -> ApiError {
    ApiError::not_found("Rate limit configuration not found")
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    plan_of(&state, &session, &id)?;
    let admin = state.tenant_admin();
    let data = admin
        .tenant(&id)
        .map(|a| a.rate_limits.clone())
        .unwrap_or_default();
    Ok(Json(json!({ "data": data })))
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    plan_of(&state, &session, &id)?;
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__tenants__{id}__rate-limits"),
    )?;
    let now = state.clock().stamp();
    let limit_id = uuid::Uuid::now_v7().to_string();
    let mut row = Map::new();
    row.insert("id".into(), json!(limit_id));
    row.insert("tenantId".into(), json!(id));
    for key in [
        "endpoint_pattern",
        "max_requests",
        "window_seconds",
        "scope_type",
    ] {
        row.insert(key.into(), body.0[key].clone());
    }
    row.insert(
        "enabled".into(),
        json!(body.bool("enabled")?.unwrap_or(true)),
    );
    row.insert("created_at".into(), json!(now));
    row.insert("updated_at".into(), json!(now));
    row.insert("created_by".into(), json!(session.user_id));
    state
        .tenant_admin()
        .tenant_mut(&id)
        .rate_limits
        .push(row.clone());
    state.audit_at(
        &id,
        &session.user_id,
        "created",
        "rate_limit",
        &limit_id,
        &now,
    );
    Ok((StatusCode::CREATED, Json(json!({ "data": row }))))
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path((id, limit_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    plan_of(&state, &session, &id)?;
    let admin = state.tenant_admin();
    let row = admin
        .tenant(&id)
        .and_then(|a| a.rate_limits.iter().find(|r| r["id"] == limit_id.as_str()))
        .ok_or_else(not_found)?;
    Ok(Json(json!({ "data": row })))
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path((id, limit_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    plan_of(&state, &session, &id)?;
    let body = Body::checked(
        &body,
        request_schema!("PATCH__secure__tenants__{id}__rate-limits__{limitId}"),
    )?;
    let now = state.clock().stamp();
    let row = {
        let mut admin = state.tenant_admin();
        let exists = admin
            .tenant(&id)
            .is_some_and(|a| a.rate_limits.iter().any(|r| r["id"] == limit_id.as_str()));
        if !exists {
            return Err(not_found());
        }
        let admin = admin.tenant_mut(&id);
        let row = admin
            .rate_limits
            .iter_mut()
            .find(|r| r["id"] == limit_id.as_str())
            .ok_or_else(not_found)?;
        for (k, v) in &body.0 {
            row.insert(k.clone(), v.clone());
        }
        row.insert("updated_at".into(), json!(now));
        row.clone()
    };
    state.audit_at(
        &id,
        &session.user_id,
        "updated",
        "rate_limit",
        &limit_id,
        &now,
    );
    Ok(Json(json!({ "data": row })))
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path((id, limit_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    plan_of(&state, &session, &id)?;
    {
        let mut admin = state.tenant_admin();
        let exists = admin
            .tenant(&id)
            .is_some_and(|a| a.rate_limits.iter().any(|r| r["id"] == limit_id.as_str()));
        if !exists {
            return Err(not_found());
        }
        admin
            .tenant_mut(&id)
            .rate_limits
            .retain(|r| r["id"] != limit_id.as_str());
    }
    let now = state.clock().stamp();
    state.audit_at(
        &id,
        &session.user_id,
        "deleted",
        "rate_limit",
        &limit_id,
        &now,
    );
    Ok(StatusCode::NO_CONTENT)
}
