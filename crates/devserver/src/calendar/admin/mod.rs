//! `/api/v1/secure/admin/calendars`: the tenant admin's view of calendars (list, detail,
//! operations summary, reminder health, policy), as the seed gives them. Owners and admins of
//! the acting tenant only (others 403). Unlike the calendar routes these also show deleted
//! calendars (`activeState: deleted`, which the seed's row shape has); a policy is changed on
//! live calendars only. Visit metrics are not kept, so `visit-metrics/reset` is not served.

mod facts;
mod operations;
mod policy;
mod reminders;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, patch};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::body::{invalid, Body};
use crate::calendar::calendars::{self, KINDS};
use crate::calendar::store::{creation_key, is_live, Row};
use crate::calendar::window::flat_page;
use crate::directory::PlaceKind;
use crate::error::ApiError;
use crate::paging::PageQuery;
use crate::state::AppState;

use facts::Names;

pub fn router() -> Router<Arc<AppState>> {
    let base = "/api/v1/secure/admin/calendars";
    Router::new()
        .route(base, get(list))
        .route(&format!("{base}/"), get(list))
        .route(&format!("{base}/{{calendar_id}}"), get(detail))
        .route(
            &format!("{base}/{{calendar_id}}/operations"),
            get(operations::summary),
        )
        .route(
            &format!("{base}/{{calendar_id}}/reminders"),
            get(reminders::health),
        )
        .route(
            &format!("{base}/{{calendar_id}}/policy"),
            patch(update_policy),
        )
}

/// Tenant admins only: owners and admins of the acting tenant.
fn require_admin(caller: &Caller) -> Result<(), ApiError> {
    if matches!(caller.role.as_str(), "owner" | "admin") {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::FORBIDDEN,
        "FORBIDDEN",
        "Only owners and admins of this tenant can use the calendar admin",
    ))
}

/// The names a linked parent may need, read before the calendar lock is taken (no two of the
/// state's locks are held at once here).
fn names(state: &AppState, tenant_id: &str) -> Names {
    let mut out = Names::default();
    {
        let auth = state.auth();
        out.tenant = auth.tenant(tenant_id).map(|t| t.name.clone());
        for m in auth.memberships.iter().filter(|m| m.tenant_id == tenant_id) {
            if let Some(u) = auth.user(&m.user_id) {
                out.by_id.insert(u.id.clone(), u.display_name.clone());
            }
        }
    }
    let directory = state.directory();
    if let Some(d) = directory.tenant(tenant_id) {
        for kind in [PlaceKind::Space, PlaceKind::Resource] {
            for row in d.places(kind) {
                if let (Some(id), Some(name)) = (row["id"].as_str(), row["name"].as_str()) {
                    out.by_id.insert(id.to_string(), name.to_string());
                }
            }
        }
    }
    out
}

fn active_state(calendar: &Row) -> &'static str {
    if is_live(calendar) {
        "active"
    } else {
        "deleted"
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    limit: Option<String>,
    offset: Option<String>,
    /// Filters (the seed promises "filtering" and names no parameter): `active` or
    /// `deleted`, and a calendar kind.
    active_state: Option<String>,
    kind: Option<String>,
}

async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    require_admin(&caller)?;
    let page = PageQuery {
        limit: q.limit.clone(),
        offset: q.offset.clone(),
    }
    .page()?;
    if let Some(s) = q.active_state.as_deref() {
        if !["active", "deleted"].contains(&s) {
            return Err(invalid("activeState", "must be one of active, deleted"));
        }
    }
    if let Some(k) = q.kind.as_deref() {
        if !KINDS.contains(&k) {
            return Err(invalid(
                "kind",
                format!("must be one of {}", KINDS.join(", ")),
            ));
        }
    }
    let names = names(&state, &caller.tenant_id);
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    let mut found: Vec<&Row> = tenant
        .calendars
        .values()
        .filter(|c| {
            q.active_state
                .as_deref()
                .is_none_or(|s| active_state(c) == s)
        })
        .filter(|c| q.kind.as_deref().is_none_or(|k| c["kind"] == k))
        .collect();
    found.sort_by_key(|c| creation_key(c));
    let rows: Vec<Value> = found
        .into_iter()
        .map(|c| {
            let id = c["id"].as_str().unwrap_or_default();
            let (enabled, next, _) = facts::reminder_figures(tenant, id);
            json!({
                "id": c["id"],
                "name": c["name"],
                "kind": c["kind"],
                "visibility": c["visibility"],
                "timezone": c["timezone"],
                "activeState": active_state(c),
                "linkedParent": facts::linked_parent(c, &names),
                "policySummary": policy::effective(c, tenant.admin_policies.get(id)),
                "stats": {
                    // The API has no shares to make, so no calendar has any.
                    "explicitShareCount": 0,
                    "enabledReminderCount": enabled,
                    "nextReminderTriggerAt": next,
                },
                "updatedAt": c["updatedAt"],
            })
        })
        .collect();
    Ok(Json(flat_page(rows, page)))
}

async fn detail(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    require_admin(&caller)?;
    let names = names(&state, &caller.tenant_id);
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    let calendar = tenant.calendars.get(&id).ok_or_else(calendars::not_found)?;
    let (enabled, next, _) = facts::reminder_figures(tenant, &id);
    let (entries, instances) = facts::future_counts(tenant, &id, Utc::now());
    Ok(Json(json!({
        "data": {
            "calendar": calendar,
            "linkedParent": facts::linked_parent(calendar, &names),
            "policy": policy::effective(calendar, tenant.admin_policies.get(&id)),
            "statistics": {
                "explicitShareCount": 0,
                "totalReminderCount": facts::reminders(tenant, &id).len(),
                "enabledReminderCount": enabled,
                "nextReminderTriggerAt": next,
                "futureEntryCount": entries,
                "futureInstanceCount": instances,
            },
        }
    })))
}

async fn update_policy(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    require_admin(&caller)?;
    let body = Body::parse(&body, policy::FIELDS)?;
    let changes = policy::changes(&body)?;
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    let calendar = tenant
        .calendar(&id)
        .cloned()
        .ok_or_else(calendars::not_found)?;
    let set = tenant.admin_policies.entry(id.clone()).or_default();
    set.extend(changes);
    // A null `adminNotes` gives the field back to its default.
    set.retain(|_, v| !v.is_null());
    let out = policy::effective(&calendar, Some(set));
    drop(store);
    state.audit(&caller, "updated", "calendar_policy", &id);
    Ok(Json(json!({ "data": out })))
}
