//! `/secure/spaces` and `/secure/resources`: list and get. Rows are stored in the detail shape;
//! the lists carry the seed's narrower list shape (the resource list, for one, has no
//! `created_by` and, like the resource detail, no `tenantId`).

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use serde_json::{json, Value};

use super::store::{PlaceKind, Row};
use crate::auth::guard::Caller;
use crate::error::ApiError;
use crate::paging::PageQuery;
use crate::state::AppState;

const SPACE_LIST_KEYS: &[&str] = &[
    "id",
    "tenantId",
    "name",
    "description",
    "language",
    "type",
    "typeDefinitionId",
    "typeName",
    "status",
    "manageable",
    "promotionType",
    "promotionRank",
    "promotionStartDate",
    "promotionEndDate",
    "customOrder",
    "created_by",
    "created_at",
    "updated_at",
    "translations_i18n",
    "distanceMeters",
    "mainMedia",
];

const RESOURCE_LIST_KEYS: &[&str] = &[
    "id",
    "type",
    "name",
    "description",
    "language",
    "translations_i18n",
    "status",
    "typeDefinitionId",
    "typeName",
    "manageable",
    "promotionType",
    "promotionRank",
    "promotionStartDate",
    "promotionEndDate",
    "customOrder",
    "space_id",
    "current_space_name",
    "currentLocation",
    "created_at",
    "updated_at",
    "mainMedia",
];

fn project(row: &Row, keys: &[&str]) -> Value {
    let mut out = Row::new();
    for key in keys {
        out.insert((*key).into(), row.get(*key).cloned().unwrap_or(Value::Null));
    }
    Value::Object(out)
}

fn not_found(kind: PlaceKind) -> ApiError {
    ApiError::not_found(match kind {
        PlaceKind::Space => "Space not found",
        PlaceKind::Resource => "Resource not found",
    })
}

fn list(
    state: &AppState,
    caller: &Caller,
    q: &PageQuery,
    kind: PlaceKind,
) -> Result<Value, ApiError> {
    let page = q.page()?;
    let keys = match kind {
        PlaceKind::Space => SPACE_LIST_KEYS,
        PlaceKind::Resource => RESOURCE_LIST_KEYS,
    };
    let directory = state.directory();
    let rows = directory
        .tenant(&caller.tenant_id)
        .map(|t| t.places(kind))
        .unwrap_or_default();
    let data: Vec<Value> = rows
        .iter()
        .skip(page.offset)
        .take(page.limit)
        .map(|r| project(r, keys))
        .collect();
    Ok(json!({ "data": data, "pagination": page.pagination(rows.len()) }))
}

fn get(state: &AppState, caller: &Caller, id: &str, kind: PlaceKind) -> Result<Value, ApiError> {
    let directory = state.directory();
    let row = directory
        .tenant(&caller.tenant_id)
        .and_then(|t| t.place(kind, id))
        .ok_or_else(|| not_found(kind))?;
    Ok(json!({ "data": row }))
}

pub async fn list_spaces(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    list(&state, &caller, &q, PlaceKind::Space).map(Json)
}

pub async fn list_resources(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    list(&state, &caller, &q, PlaceKind::Resource).map(Json)
}

pub async fn get_space(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    get(&state, &caller, &id, PlaceKind::Space).map(Json)
}

pub async fn get_resource(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    get(&state, &caller, &id, PlaceKind::Resource).map(Json)
}
