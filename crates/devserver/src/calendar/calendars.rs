//! Calendars: list, create, get, patch, delete (which takes the calendar's entries, series and
//! reminders with it).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::body::Body;
use crate::calendar::input;
use crate::calendar::store::{creation_key, Row};
use crate::calendar::window::flat_page;
use crate::error::ApiError;
use crate::paging::PageQuery;
use crate::state::AppState;

pub const KINDS: &[&str] = &[
    "user_linked",
    "resource_linked",
    "space_linked",
    "tenant_shared",
];
pub const VISIBILITIES: &[&str] = &["private", "shared", "public_within_tenant"];

const CREATE_FIELDS: &[&str] = &[
    "kind",
    "name",
    "description",
    "timezone",
    "visibility",
    "policy",
    "metadata",
    "typeDefinitionId",
    "linkedUserId",
    "linkedResourceId",
    "linkedSpaceId",
];
/// `kind` and the linkage are fixed once created: the seed's PATCH body leaves them out.
const PATCH_FIELDS: &[&str] = &[
    "name",
    "description",
    "timezone",
    "visibility",
    "policy",
    "metadata",
    "typeDefinitionId",
];

pub fn not_found() -> ApiError {
    ApiError::not_found("Calendar not found")
}

/// The fields a create or patch body sets, checked, under their response names.
fn changes(body: &Body) -> Result<Row, ApiError> {
    let mut out = Row::new();
    if let Some(name) = input::sized(body, "name", 1, 255)? {
        out.insert("name".into(), json!(name));
    }
    if let Some(description) = input::string(body, "description")? {
        out.insert("description".into(), json!(description));
    }
    if let Some(zone) = input::zone(body, "timezone")? {
        out.insert("timezone".into(), json!(zone.name()));
    }
    if let Some(visibility) = input::enumerated(body, "visibility", VISIBILITIES)? {
        out.insert("visibility".into(), json!(visibility));
    }
    for field in ["policy", "metadata"] {
        if let Some(map) = input::object(body, field)? {
            out.insert(field.into(), Value::Object(map.clone()));
        }
    }
    if let Some(id) = input::uuid(body, "typeDefinitionId")? {
        out.insert("typeDefinitionId".into(), json!(id));
    }
    Ok(out)
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    let page = q.page()?;
    let mut store = state.calendars();
    let mut found: Vec<&Row> = store.tenant(&caller.tenant_id).live_calendars().collect();
    // Creation order, so that offset pages stay put while rows are added at the end.
    found.sort_by_key(|c| creation_key(c));
    let rows = found
        .into_iter()
        .map(|c| Value::Object(c.clone()))
        .collect();
    Ok(Json(flat_page(rows, page)))
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, CREATE_FIELDS)?;
    let kind = input::required(&body, "kind")?;
    body.one_of("kind", kind, KINDS)?;
    input::required(&body, "name")?;
    input::required(&body, "timezone")?;
    let fields = changes(&body)?;
    let linked: Vec<Option<&str>> = ["linkedUserId", "linkedResourceId", "linkedSpaceId"]
        .iter()
        .map(|f| input::uuid(&body, f))
        .collect::<Result<_, _>>()?;
    let now = state.clock().stamp();
    let id = uuid::Uuid::now_v7().to_string();
    let mut row = Row::new();
    row.insert("id".into(), json!(id));
    row.insert("tenantId".into(), json!(caller.tenant_id));
    row.insert("kind".into(), json!(kind));
    row.insert("name".into(), Value::Null);
    row.insert("description".into(), Value::Null);
    row.insert("timezone".into(), Value::Null);
    row.insert("visibility".into(), json!("private"));
    row.insert("policy".into(), json!({}));
    row.insert("metadata".into(), json!({}));
    row.insert("typeDefinitionId".into(), Value::Null);
    row.extend(fields);
    row.insert(
        "linkedEntity".into(),
        json!({ "userId": linked[0], "resourceId": linked[1], "spaceId": linked[2] }),
    );
    row.insert("createdAt".into(), json!(now));
    row.insert("updatedAt".into(), json!(now));
    row.insert("createdBy".into(), json!(caller.session.user_id));
    row.insert("deletedAt".into(), Value::Null);
    row.insert("deletedBy".into(), Value::Null);
    state
        .calendars()
        .tenant(&caller.tenant_id)
        .calendars
        .insert(id.clone(), row.clone());
    state.audit(&caller, "created", "calendar", &id);
    Ok((StatusCode::CREATED, Json(json!({ "data": row }))).into_response())
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut store = state.calendars();
    let row = store
        .tenant(&caller.tenant_id)
        .calendar(&id)
        .ok_or_else(not_found)?;
    Ok(Json(json!({ "data": row })))
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, PATCH_FIELDS)?;
    input::not_empty(&body)?;
    let fields = changes(&body)?;
    let now = state.clock().stamp();
    let mut store = state.calendars();
    let row = store
        .tenant(&caller.tenant_id)
        .calendar_mut(&id)
        .ok_or_else(not_found)?;
    row.extend(fields);
    row.insert("updatedAt".into(), json!(now));
    let out = row.clone();
    drop(store);
    state.audit(&caller, "updated", "calendar", &id);
    Ok(Json(json!({ "data": out })))
}

pub async fn remove(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    caller.require_writer()?;
    let now = state.clock().stamp();
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    tenant.calendar(&id).ok_or_else(not_found)?;
    tenant.delete_calendar(&id, &now, &caller.session.user_id);
    drop(store);
    state.audit(&caller, "deleted", "calendar", &id);
    Ok(StatusCode::NO_CONTENT)
}
