//! Visit metrics of spaces and resources: `POST /resources/{id}/visit-metrics/track` counts a
//! real view of a resource, `POST /{spaces|resources}/{id}/visit-metrics/reset` starts the count
//! again; both answer the seed's visit summary. The place's detail shows `totalVisits` and
//! `lastVisitedAt` (reading it counts nothing, as the seed says of detail reads).
//!
//! Where the seed is silent:
//! - Every active member may be counted as a visitor, guests too (a view is not an edit);
//!   resetting is for those who may change the place (owners, admins, the space's managers).
//! - Who visited and who reset last, and why, are kept beside the tenant's administration
//!   (`TenantAdmin::visits`); the seed has no route that tracks a space's visits, so a
//!   space's count only ever starts again.
//! - Each track and reset writes an audit row (`visited`, `visits_reset`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Map, Value};

use super::place_admin::not_found;
use super::store::PlaceKind;
use crate::auth::guard::Caller;
use crate::body::schema::request_schema;
use crate::body::Body;
use crate::error::ApiError;
use crate::state::AppState;

fn kind_name(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Space => "space",
        PlaceKind::Resource => "resource",
    }
}

/// The seed's visit summary of the place `id`, from its row and the kept bookkeeping.
fn summary(state: &AppState, tenant: &str, id: &str, row: &Map<String, Value>) -> Value {
    let admin = state.tenant_admin();
    let book = admin.tenant(tenant).and_then(|a| a.visits.get(id));
    let kept = |key: &str| {
        book.and_then(|b| b.get(key))
            .cloned()
            .unwrap_or(Value::Null)
    };
    json!({
        "entityId": id,
        "totalVisits": row.get("totalVisits").cloned().unwrap_or(json!(0)),
        "lastVisitedAt": row.get("lastVisitedAt").cloned().unwrap_or(Value::Null),
        "lastVisitedByActorType": kept("lastVisitedByActorType"),
        "lastVisitedByActorId": kept("lastVisitedByActorId"),
        "lastResetAt": kept("lastResetAt"),
        "lastResetByActorType": kept("lastResetByActorType"),
        "lastResetByActorId": kept("lastResetByActorId"),
        "lastResetReason": kept("lastResetReason"),
    })
}

/// Changes the counters on the place's row with `count`, the bookkeeping with `book`.
fn record(
    state: &AppState,
    caller: &Caller,
    kind: PlaceKind,
    id: &str,
    action: &str,
    count: impl FnOnce(&mut Map<String, Value>),
    book: impl FnOnce(&mut Map<String, Value>),
) -> Result<Json<Value>, ApiError> {
    let row = {
        let mut directory = state.directory();
        directory
            .tenant(&caller.tenant_id)
            .and_then(|d| d.place(kind, id))
            .ok_or_else(|| not_found(kind))?;
        let row = directory
            .tenant_mut(&caller.tenant_id)
            .place_mut(kind, id)
            .ok_or_else(|| not_found(kind))?;
        count(row);
        row.clone()
    };
    book(
        state
            .tenant_admin()
            .tenant_mut(&caller.tenant_id)
            .visits
            .entry(id.to_string())
            .or_default(),
    );
    state.audit(caller, action, kind_name(kind), id);
    Ok(Json(
        json!({ "data": summary(state, &caller.tenant_id, id, &row) }),
    ))
}

pub async fn track_resource(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let now = state.clock().stamp();
    let user = caller.session.user_id.clone();
    record(
        &state,
        &caller,
        PlaceKind::Resource,
        &id,
        "visited",
        |row| {
            let total = row.get("totalVisits").and_then(Value::as_u64).unwrap_or(0);
            row.insert("totalVisits".into(), json!(total + 1));
            row.insert("lastVisitedAt".into(), json!(now));
        },
        |book| {
            book.insert("lastVisitedByActorType".into(), json!("user"));
            book.insert("lastVisitedByActorId".into(), json!(user));
        },
    )
}

fn reset(
    state: &AppState,
    caller: &Caller,
    kind: PlaceKind,
    id: &str,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    caller.require_writer()?;
    let manages = state
        .directory()
        .tenant(&caller.tenant_id)
        .is_some_and(|d| d.manages(kind, id, &caller.session.user_id, caller.is_admin()));
    let exists = state
        .directory()
        .tenant(&caller.tenant_id)
        .is_some_and(|d| d.place(kind, id).is_some());
    if !exists {
        return Err(not_found(kind));
    }
    if !manages {
        return Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "Only the owners, admins and the space's managers reset its visits",
        ));
    }
    let now = state.clock().stamp();
    let reason = body.0.get("reason").cloned().unwrap_or(Value::Null);
    let user = caller.session.user_id.clone();
    record(
        state,
        caller,
        kind,
        id,
        "visits_reset",
        |row| {
            row.insert("totalVisits".into(), json!(0));
            row.insert("lastVisitedAt".into(), Value::Null);
        },
        |book| {
            book.insert("lastVisitedByActorType".into(), Value::Null);
            book.insert("lastVisitedByActorId".into(), Value::Null);
            book.insert("lastResetAt".into(), json!(now));
            book.insert("lastResetByActorType".into(), json!("user"));
            book.insert("lastResetByActorId".into(), json!(user));
            book.insert("lastResetReason".into(), reason);
        },
    )
}

pub async fn reset_space(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__spaces__{id}__visit-metrics__reset"),
    )?;
    reset(&state, &caller, PlaceKind::Space, &id, body)
}

pub async fn reset_resource(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__resources__{id}__visit-metrics__reset"),
    )?;
    reset(&state, &caller, PlaceKind::Resource, &id, body)
}
