//! A tenant's settings by category (`/secure/tenants/{id}/settings`): general, limits,
//! integrations, notifications and security, each with defaults for the tenant's type, changed
//! by partial merge, reset to the defaults, and every change kept in a history.
//!
//! Where the seed is silent: the tenant's owners and admins read and change them (others 403,
//! ids of tenants the caller is not in 404); a PATCH merges the top-level keys it sends into
//! the category, and the result must fit the seed's shape for that category (422 naming
//! `settings.<key>`); an unknown category is 404.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};

use super::admin_store::StoredSettings;
use super::routes::require_manager;
use crate::auth::guard::Account;
use crate::auth::store::Session;
use crate::body::schema::{check, request_schema, response_schema};
use crate::body::Body;
use crate::error::ApiError;
use crate::state::AppState;

pub const CATEGORIES: [&str; 5] = [
    "general",
    "limits",
    "integrations",
    "notifications",
    "security",
];

/// The defaults of `category` for a tenant of type `plan`.
pub fn defaults(category: &str, plan: &str) -> Value {
    match category {
        "general" => json!({
            "timezone": "Europe/Berlin", "locale": "en-US",
            "date_format": "YYYY-MM-DD", "time_format": "24h",
        }),
        "limits" => {
            let (users, spaces, resources, storage, calls) = match plan {
                "trial" => (10, 5, 20, 5, 10_000),
                "paid" => (100, 50, 500, 100, 100_000),
                _ => (1000, 500, 5000, 1000, 1_000_000),
            };
            json!({
                "max_users": users, "max_spaces": spaces, "max_resources": resources,
                "max_storage_gb": storage, "max_api_calls_per_day": calls,
            })
        }
        "notifications" => json!({
            "email_notifications": true, "sms_notifications": false, "webhook_url": null,
        }),
        "security" => json!({
            "allowed_cors_origins": [], "oauth_providers_enabled": [],
            "password_auth_enabled": true, "mfa_required": false,
            "require_invitation": true, "allow_self_registration": false,
        }),
        _ => json!({}),
    }
}

fn category_of(name: &str) -> Result<&'static str, ApiError> {
    CATEGORIES
        .into_iter()
        .find(|c| *c == name)
        .ok_or_else(|| ApiError::not_found(format!("No settings category {name}")))
}

/// The tenant's plan, after the caller's right to its administration is checked.
pub fn plan_of(state: &AppState, session: &Session, tenant: &str) -> Result<String, ApiError> {
    let auth = state.auth();
    require_manager(&auth, session, tenant)?;
    Ok(auth
        .tenant(tenant)
        .map(|t| t.plan.clone())
        .unwrap_or_default())
}

/// The current settings of every category.
pub fn current(state: &AppState, tenant: &str, plan: &str) -> serde_json::Map<String, Value> {
    let admin = state.tenant_admin();
    CATEGORIES
        .iter()
        .map(|c| {
            let stored = admin.tenant(tenant).and_then(|a| a.settings.get(*c));
            let value = stored.map_or_else(|| defaults(c, plan), |s| s.settings.clone());
            (c.to_string(), value)
        })
        .collect()
}

fn category_answer(state: &AppState, tenant: &str, category: &str, plan: &str) -> Value {
    let admin = state.tenant_admin();
    match admin.tenant(tenant).and_then(|a| a.settings.get(category)) {
        Some(s) => json!({
            "id": s.id, "tenantId": tenant, "category": category, "settings": s.settings,
            "created_at": s.created_at, "updated_at": s.updated_at,
        }),
        None => json!({
            "tenantId": tenant, "category": category, "settings": defaults(category, plan),
        }),
    }
}

pub async fn all(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let plan = plan_of(&state, &session, &id)?;
    Ok(Json(json!({ "data": current(&state, &id, &plan) })))
}

pub async fn one(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path((id, category)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let plan = plan_of(&state, &session, &id)?;
    let category = category_of(&category)?;
    Ok(Json(
        json!({ "data": category_answer(&state, &id, category, &plan) }),
    ))
}

/// Stores `after` as the category's settings and records the change.
fn store(state: &AppState, user: &str, tenant: &str, category: &str, before: Value, after: Value) {
    let now = state.clock().stamp();
    let mut admin = state.tenant_admin();
    let admin = admin.tenant_mut(tenant);
    let entry = admin
        .settings
        .entry(category.to_string())
        .or_insert_with(|| StoredSettings {
            id: uuid::Uuid::now_v7().to_string(),
            settings: Value::Null,
            created_at: now.clone(),
            updated_at: now.clone(),
        });
    entry.settings = after.clone();
    entry.updated_at = now.clone();
    admin.settings_history.push(json!({
        "id": uuid::Uuid::now_v7().to_string(),
        "tenantId": tenant,
        "category": category,
        "settings_before": before,
        "settings_after": after,
        "changed_by": user,
        "changed_at": now,
        "change_reason": null,
        "ip_address": null,
    }));
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path((id, category)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let plan = plan_of(&state, &session, &id)?;
    let category = category_of(&category)?;
    let body = Body::checked(
        &body,
        request_schema!("PATCH__secure__tenants__{id}__settings__{category}"),
    )?;
    let before = current(&state, &id, &plan)[category].clone();
    let mut after = before.clone();
    if let (Some(into), Some(sent)) = (after.as_object_mut(), body.0["settings"].as_object()) {
        for (k, v) in sent {
            into.insert(k.clone(), v.clone());
        }
    }
    let shape = &response_schema!("GET__secure__tenants__{id}__settings", "200")["properties"]
        ["data"]["properties"][category];
    check(shape, &after, "settings")?;
    store(&state, &session.user_id, &id, category, before, after);
    state.audit_at(
        &id,
        &session.user_id,
        "updated",
        "tenant_settings",
        &id,
        &state.clock().stamp(),
    );
    Ok(Json(
        json!({ "data": category_answer(&state, &id, category, &plan) }),
    ))
}

pub async fn reset(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path((id, category)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let plan = plan_of(&state, &session, &id)?;
    let category = category_of(&category)?;
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__tenants__{id}__settings__{category}__reset"),
    )?;
    let kind = body.str("tenant_type")?.unwrap_or(&plan).to_string();
    let before = current(&state, &id, &plan)[category].clone();
    store(
        &state,
        &session.user_id,
        &id,
        category,
        before,
        defaults(category, &kind),
    );
    state.audit_at(
        &id,
        &session.user_id,
        "reset",
        "tenant_settings",
        &id,
        &state.clock().stamp(),
    );
    Ok(Json(
        json!({ "data": category_answer(&state, &id, category, &plan) }),
    ))
}

pub async fn history(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    plan_of(&state, &session, &id)?;
    let admin = state.tenant_admin();
    let mut data: Vec<Value> = admin
        .tenant(&id)
        .map(|a| a.settings_history.clone())
        .unwrap_or_default();
    data.reverse();
    Ok(Json(json!({ "data": data })))
}
