//! A tenant's log retention policy (`/secure/tenants/{id}/log-retention`): read and changed by
//! its owners and admins (others get 403).
//!
//! Where the seed is silent: until changed, the policy is the longest the seed allows, 90
//! days, dated from the tenant's creation. The policy is kept and served, not enforced: the
//! devserver's audit log keeps every row (as its rate limit configurations are not enforced).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Map, Value};

use super::routes::require_manager;
use crate::auth::guard::Account;
use crate::body::schema::request_schema;
use crate::body::Body;
use crate::error::ApiError;
use crate::state::AppState;

const DEFAULT_DAYS: u64 = 90;

fn policy(state: &AppState, tenant: &str) -> Value {
    let stored = state
        .tenant_admin()
        .tenant(tenant)
        .and_then(|a| a.log_retention.clone());
    match stored {
        Some(p) => Value::Object(p),
        None => {
            let created = state
                .auth()
                .tenant(tenant)
                .map(|t| t.created_at.clone())
                .unwrap_or_default();
            json!({
                "tenantId": tenant, "retention_days": DEFAULT_DAYS,
                "created_at": created, "updated_at": created,
            })
        }
    }
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    require_manager(&state.auth(), &session, &id)?;
    Ok(Json(json!({ "data": policy(&state, &id) })))
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    require_manager(&state.auth(), &session, &id)?;
    let body = Body::checked(
        &body,
        request_schema!("PATCH__secure__tenants__{id}__log-retention"),
    )?;
    let now = state.clock().stamp();
    let mut row: Map<String, Value> = match policy(&state, &id) {
        Value::Object(p) => p,
        _ => Map::new(),
    };
    row.insert("retention_days".into(), body.0["retention_days"].clone());
    row.insert("updated_at".into(), json!(now));
    state.tenant_admin().tenant_mut(&id).log_retention = Some(row.clone());
    state.audit_at(&id, &session.user_id, "updated", "log_retention", &id, &now);
    Ok(Json(json!({ "data": row })))
}
