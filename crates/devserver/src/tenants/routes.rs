//! The handlers of `/secure/tenants`: list, get, patch, the lifecycle actions and history.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use super::lifecycle::{self, Action};
use super::shape::{event_json, tenant_json};
use crate::auth::guard::Account;
use crate::auth::store::{AuthStore, LifecycleEvent, Session, Tenant};
use crate::body::{invalid, Body};
use crate::calendar::input;
use crate::error::ApiError;
use crate::paging::PageQuery;
use crate::state::AppState;

const STATUSES: &[&str] = &["active", "inactive", "maintenance", "retired", "pending"];
const STRATEGIES: &[&str] = &["sequential", "distributed"];
const PATCH_FIELDS: &[&str] = &[
    "name",
    "domain",
    "status",
    "additional_languages",
    "storage_distribution_strategy",
    "storage_fallback_chain",
    "settings",
];

fn not_found() -> ApiError {
    ApiError::not_found("Tenant not found")
}

/// The tenant `id` if the user may see it (a member of it, see the module docs).
pub(super) fn visible<'a>(
    auth: &'a AuthStore,
    session: &Session,
    id: &str,
) -> Result<&'a Tenant, ApiError> {
    auth.membership(&session.user_id, id)
        .ok_or_else(not_found)?;
    auth.tenant(id).ok_or_else(not_found)
}

/// Refuses callers who are not an active owner or admin of tenant `id` (after 404 for ids
/// they cannot see).
pub(super) fn require_manager(
    auth: &AuthStore,
    session: &Session,
    id: &str,
) -> Result<(), ApiError> {
    visible(auth, session, id)?;
    let m = auth
        .membership(&session.user_id, id)
        .ok_or_else(not_found)?;
    if m.status == "active" && matches!(m.role.as_str(), "owner" | "admin") {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::FORBIDDEN,
        "FORBIDDEN",
        "Only an owner or admin of this tenant can change it",
    ))
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    let page = q.page()?;
    let auth = state.auth();
    // In the order the tenants were made, so that offset pages stay put.
    let rows: Vec<Value> = auth
        .tenants
        .iter()
        .filter(|t| auth.membership(&session.user_id, &t.id).is_some())
        .map(tenant_json)
        .collect();
    let data: Vec<Value> = rows
        .iter()
        .skip(page.offset)
        .take(page.limit)
        .cloned()
        .collect();
    Ok(Json(
        json!({ "data": data, "pagination": page.pagination(rows.len()) }),
    ))
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let auth = state.auth();
    let tenant = visible(&auth, &session, &id)?;
    Ok(Json(json!({ "data": tenant_json(tenant) })))
}

/// `^[a-z0-9-]+$`, 2 to 63 characters: the PATCH body's domain (the create body also allows
/// dots; this devserver has no tenant create).
fn check_domain(body: &Body, domain: &str) -> Result<(), ApiError> {
    body.sized("domain", domain, 2, 63)?;
    if !domain
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(invalid(
            "domain",
            "may hold only lowercase letters, digits and hyphens",
        ));
    }
    Ok(())
}

/// An array of strings, each passing `check`.
fn strings(
    body: &Body,
    field: &str,
    check: impl Fn(&str) -> bool,
    what: &str,
) -> Result<Option<Vec<String>>, ApiError> {
    match body.0.get(field) {
        None => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .filter(|s| check(s))
                    .map(str::to_string)
                    .ok_or_else(|| invalid(field, format!("items must be {what}")))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(invalid(field, format!("must be an array of {what}"))),
    }
}

fn language_code(s: &str) -> bool {
    s.len() == 2 && s.chars().all(|c| c.is_ascii_lowercase())
}

/// Applies a PATCH. Every field replaces the stored value (`settings` too, whole); a body
/// with no fields changes nothing and leaves `updated_at` alone. A status change must be a
/// move the lifecycle allows and is written to the lifecycle history as `update`.
pub async fn update(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    // Who may (403) and whether the tenant is there (404) before what the body says (422).
    require_manager(&state.auth(), &session, &id)?;
    let body = Body::parse(&body, PATCH_FIELDS)?;
    let name = input::sized(&body, "name", 2, 255)?;
    let domain = input::string(&body, "domain")?;
    if let Some(d) = domain {
        check_domain(&body, d)?;
    }
    let status = input::enumerated(&body, "status", STATUSES)?;
    let languages = strings(
        &body,
        "additional_languages",
        language_code,
        "two-letter ISO 639-1 codes",
    )?;
    let strategy = input::enumerated(&body, "storage_distribution_strategy", STRATEGIES)?;
    let chain = strings(
        &body,
        "storage_fallback_chain",
        |s| uuid::Uuid::parse_str(s).is_ok(),
        "UUIDs",
    )?;
    let settings = input::object(&body, "settings")?;
    let now = state.clock().stamp();
    let mut auth = state.auth();
    require_manager(&auth, &session, &id)?;
    if let Some(d) = domain {
        if auth.tenants.iter().any(|t| t.domain == d && t.id != id) {
            return Err(invalid("domain", "is used by another tenant"));
        }
    }
    let before = auth.tenant(&id).cloned().ok_or_else(not_found)?;
    if let Some(to) = status {
        lifecycle::patch_allows(&before.status, to)?;
    }
    let tenant = auth.tenant_mut(&id).ok_or_else(not_found)?;
    if let Some(v) = name {
        tenant.name = v.to_string();
    }
    if let Some(v) = domain {
        tenant.domain = v.to_string();
    }
    if let Some(v) = status {
        tenant.status = v.to_string();
    }
    if let Some(v) = languages {
        tenant.additional_languages = v;
    }
    if let Some(v) = strategy {
        tenant.storage_distribution_strategy = Some(v.to_string());
    }
    if let Some(v) = chain {
        tenant.storage_fallback_chain = v;
    }
    if let Some(v) = settings {
        tenant.settings = Value::Object(v.clone());
    }
    if !body.0.is_empty() {
        tenant.updated_at = now.clone();
    }
    let out = tenant_json(tenant);
    if before.status != tenant.status {
        let event = LifecycleEvent {
            tenant_id: id.clone(),
            from_status: before.status.clone(),
            to_status: tenant.status.clone(),
            from_type: before.plan.clone(),
            to_type: tenant.plan.clone(),
            action: "update".into(),
            reason: None,
            performed_by: session.user_id.clone(),
            created_at: now.clone(),
        };
        auth.lifecycle.push(event);
    }
    drop(auth);
    if !body.0.is_empty() {
        state.audit_at(&id, &session.user_id, "updated", "tenant", &id, &now);
    }
    Ok(Json(json!({ "data": out })))
}

pub async fn history(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let auth = state.auth();
    visible(&auth, &session, &id)?;
    // Newest first, like the audit log this history is a part of.
    let data: Vec<Value> = auth
        .lifecycle
        .iter()
        .rev()
        .filter(|e| e.tenant_id == id)
        .map(event_json)
        .collect();
    Ok(Json(json!({ "data": data })))
}

/// Runs a lifecycle action: checks the caller's role (403, after 404 for a tenant they cannot
/// see), then the body (`reason`, and `target_type` for upgrades) and the move, then records it
/// in the history and the audit log.
async fn run(
    state: &AppState,
    session: &Session,
    id: &str,
    action: Action,
    body: &[u8],
) -> Result<Json<Value>, ApiError> {
    // Checked again under the lock that makes the change; this one keeps a refused caller from
    // learning what the body should have been.
    require_manager(&state.auth(), session, id)?;
    let allowed: &[&str] = match action {
        Action::Upgrade => &["reason", "target_type"],
        _ => &["reason"],
    };
    let body = Body::parse(body, allowed)?;
    let reason = input::sized(&body, "reason", 0, 500)?.map(str::to_string);
    let target = match action {
        Action::Upgrade => {
            let t = input::required(&body, "target_type")?;
            Some(body.one_of("target_type", t, &["paid", "enterprise"])?)
        }
        _ => None,
    };
    let now = state.clock().stamp();
    let mut auth = state.auth();
    require_manager(&auth, session, id)?;
    let tenant = auth.tenant_mut(id).ok_or_else(not_found)?;
    let from = lifecycle::State {
        status: tenant.status.clone(),
        plan: tenant.plan.clone(),
    };
    let to = lifecycle::apply(action, &from, target)?;
    tenant.status = to.status.clone();
    tenant.plan = to.plan.clone();
    tenant.updated_at = now.clone();
    let out = tenant_json(tenant);
    auth.lifecycle.push(LifecycleEvent {
        tenant_id: id.to_string(),
        from_status: from.status,
        to_status: to.status,
        from_type: from.plan,
        to_type: to.plan,
        action: action.name().into(),
        reason,
        performed_by: session.user_id.clone(),
        created_at: now.clone(),
    });
    drop(auth);
    state.audit_at(id, &session.user_id, "updated", "tenant", id, &now);
    Ok(Json(json!({ "data": out })))
}

macro_rules! lifecycle_route {
    ($name:ident, $action:expr) => {
        pub async fn $name(
            State(state): State<Arc<AppState>>,
            Account(session): Account,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Result<Json<Value>, ApiError> {
            run(&state, &session, &id, $action, &body).await
        }
    };
}

lifecycle_route!(activate, Action::Activate);
lifecycle_route!(suspend, Action::Suspend);
lifecycle_route!(reactivate, Action::Reactivate);
lifecycle_route!(archive, Action::Archive);
lifecycle_route!(upgrade, Action::Upgrade);
