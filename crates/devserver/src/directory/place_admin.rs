//! Spaces and resources as managed objects: create, edit, delete (soft), promotion, order and
//! (for a resource) detaching it from its space. Bodies are checked against the seed's request
//! schemas; answers are the detail shapes the GETs give.
//!
//! Where the seed is silent: owners and admins create and delete; they and the `manager`
//! members of a space edit it and the resources in it, and a manager creates resources in it
//! (others 403); what a role without auto-approval creates waits for approval. `tag_ids`/`tagIds` and
//! `category_ids`/`categoryIds` must name the tenant's tags and categories (422 naming the
//! item); a resource's `spaceId` must name a space of the tenant (422 naming it). A space
//! that still holds resources cannot be deleted (422 SPACE_NOT_EMPTY). A new row goes last
//! in the custom order; `order-top` puts it first by giving it the next order number.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use super::store::{PlaceKind, Removed, Row, TenantDirectory};
use crate::auth::guard::Caller;
use crate::body::schema::request_schema;
use crate::body::{invalid, Body};
use crate::error::ApiError;
use crate::state::AppState;

pub fn not_found(kind: PlaceKind) -> ApiError {
    ApiError::not_found(match kind {
        PlaceKind::Space => "Space not found",
        PlaceKind::Resource => "Resource not found",
    })
}

fn forbidden() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "FORBIDDEN",
        "Only the tenant's owners and admins and the space's managers can change this",
    )
}

/// The tags or categories an id list names, as the detail shape embeds them.
fn taxonomy(
    dir: &TenantDirectory,
    field: &str,
    ids: Option<&Value>,
    tags: bool,
) -> Result<Option<Value>, ApiError> {
    let Some(ids) = ids.and_then(Value::as_array) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let id = id.as_str().unwrap_or_default();
        let found = if tags { dir.tag(id) } else { dir.category(id) };
        let row = found.ok_or_else(|| invalid(&format!("{field}[{i}]"), "names no such entry"))?;
        out.push(if tags {
            json!({ "id": row["id"], "name": row["name"] })
        } else {
            json!({ "id": row["id"], "key": row["key"], "name": row["name"] })
        });
    }
    Ok(Some(Value::Array(out)))
}

/// The field names of the two request shapes: spaces are snake_case, resources camelCase.
struct Names {
    tags: &'static str,
    categories: &'static str,
    translations: &'static str,
    type_definition: &'static str,
    location: &'static str,
}

fn names(kind: PlaceKind) -> Names {
    match kind {
        PlaceKind::Space => Names {
            tags: "tag_ids",
            categories: "category_ids",
            translations: "translations_i18n",
            type_definition: "type_definition_id",
            location: "homeLocation",
        },
        PlaceKind::Resource => Names {
            tags: "tagIds",
            categories: "categoryIds",
            translations: "translationsI18n",
            type_definition: "typeDefinitionId",
            location: "currentLocation",
        },
    }
}

/// Applies the body's fields to `row` (every field for a create), checking references.
fn apply(
    dir: &TenantDirectory,
    kind: PlaceKind,
    body: &Body,
    row: &mut Row,
) -> Result<(), ApiError> {
    let n = names(kind);
    for key in ["name", "description", "language", "status", "type"] {
        if let Some(v) = body.0.get(key) {
            row.insert(key.into(), v.clone());
        }
    }
    if let Some(n) = body.str("name")? {
        if n.trim().is_empty() {
            return Err(invalid("name", "must not be blank"));
        }
    }
    if let Some(v) = body.0.get(n.type_definition) {
        row.insert("typeDefinitionId".into(), v.clone());
    }
    if let Some(v) = body.0.get(n.location) {
        row.insert(n.location.into(), v.clone());
    }
    if let Some(v) = body.0.get("settings") {
        row.insert(
            "settings".into(),
            if v.is_null() { json!({}) } else { v.clone() },
        );
    }
    if let Some(v) = body.0.get(n.translations) {
        row.insert(
            "translations_i18n".into(),
            if v.is_null() { json!({}) } else { v.clone() },
        );
    }
    if let Some(tags) = taxonomy(dir, n.tags, body.0.get(n.tags), true)? {
        row.insert("tags".into(), tags);
    }
    if let Some(categories) = taxonomy(dir, n.categories, body.0.get(n.categories), false)? {
        row.insert("categories".into(), categories);
    }
    if kind == PlaceKind::Resource {
        if let Some(space) = body.0.get("spaceId") {
            let name = match space.as_str() {
                Some(id) => {
                    let s = dir
                        .place(PlaceKind::Space, id)
                        .ok_or_else(|| invalid("spaceId", "names no space of this tenant"))?;
                    s["name"].clone()
                }
                None => Value::Null,
            };
            row.insert("space_id".into(), space.clone());
            row.insert("current_space_name".into(), name);
        }
    }
    Ok(())
}

fn next_order(dir: &TenantDirectory, kind: PlaceKind) -> u64 {
    let max = dir
        .places(kind)
        .iter()
        .filter_map(|r| r["customOrder"].as_u64())
        .max();
    max.unwrap_or(0) + 1
}

/// A new row with the fields every detail has.
fn fresh(kind: PlaceKind, caller: &Caller, now: &str, order: u64) -> Row {
    let mut row = Row::new();
    let id = uuid::Uuid::now_v7().to_string();
    for (k, v) in [
        ("id", json!(id)),
        ("name", Value::Null),
        ("description", Value::Null),
        ("language", json!("en")),
        ("type", json!("custom")),
        ("typeDefinitionId", Value::Null),
        ("typeName", Value::Null),
        ("status", json!("active")),
        ("manageable", json!(true)),
        ("promotionType", json!("None")),
        ("promotionRank", Value::Null),
        ("promotionStartDate", Value::Null),
        ("promotionEndDate", Value::Null),
        ("customOrder", json!(order)),
        ("created_by", json!(caller.session.user_id)),
        ("created_at", json!(now)),
        ("updated_at", json!(now)),
        ("translations_i18n", json!({})),
        ("settings", json!({})),
        ("categories", json!([])),
        ("tags", json!([])),
        ("totalVisits", json!(0)),
        ("lastVisitedAt", Value::Null),
        ("mainMedia", Value::Null),
    ] {
        row.insert(k.into(), v);
    }
    match kind {
        PlaceKind::Space => {
            row.insert("tenantId".into(), json!(caller.tenant_id));
            row.insert("distanceMeters".into(), Value::Null);
            row.insert("homeLocation".into(), Value::Null);
        }
        PlaceKind::Resource => {
            row.insert("space_id".into(), Value::Null);
            row.insert("current_space_name".into(), Value::Null);
            row.insert("currentLocation".into(), Value::Null);
        }
    }
    row
}

fn type_name(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Space => "space",
        PlaceKind::Resource => "resource",
    }
}

/// Owners and admins make spaces and resources; a space's manager makes resources in it. What
/// someone whose role the approval settings do not trust makes waits as `pending` with an
/// approval request (`super::approvals`).
async fn create(
    state: &AppState,
    caller: &Caller,
    kind: PlaceKind,
    body: Body,
) -> Result<Value, ApiError> {
    caller.require_writer()?;
    let now = state.clock().stamp();
    let row = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        let space = body.str("spaceId")?;
        let manager = kind == PlaceKind::Resource
            && space.is_some_and(|s| dir.place_role(s, &caller.session.user_id) == Some("manager"));
        if !(caller.is_admin() || manager) {
            return Err(forbidden());
        }
        let mut row = fresh(kind, caller, &now, next_order(dir, kind));
        apply(dir, kind, &body, &mut row)?;
        let waits = super::approvals::needs_approval(Some(dir), type_name(kind), &caller.role);
        if waits {
            row.insert("status".into(), json!("pending"));
        }
        dir.places_mut(kind).push(row.clone());
        if waits {
            super::approvals::open(dir, caller, type_name(kind), &row, &now);
        }
        row
    };
    let id = row["id"].as_str().unwrap_or_default().to_string();
    state.audit(caller, "created", type_name(kind), &id);
    Ok(json!({ "data": row }))
}

/// Runs `change` on the row `id` when the caller manages it, stamps it and logs `action`.
fn change(
    state: &AppState,
    caller: &Caller,
    kind: PlaceKind,
    id: &str,
    action: &str,
    change: impl FnOnce(&TenantDirectory, &mut Row) -> Result<(), ApiError>,
) -> Result<Value, ApiError> {
    caller.require_writer()?;
    let now = state.clock().stamp();
    let row = {
        let mut directory = state.directory();
        let dir = directory.tenant(&caller.tenant_id);
        let current = dir
            .and_then(|d| d.place(kind, id))
            .ok_or_else(|| not_found(kind))?;
        let dir = dir.ok_or_else(|| not_found(kind))?;
        if !dir.manages(kind, id, &caller.session.user_id, caller.is_admin()) {
            return Err(forbidden());
        }
        let mut row = current.clone();
        change(dir, &mut row)?;
        row.insert("updated_at".into(), json!(now));
        let dir = directory.tenant_mut(&caller.tenant_id);
        if let Some(stored) = dir.place_mut(kind, id) {
            *stored = row.clone();
        }
        row
    };
    state.audit(caller, action, type_name(kind), id);
    Ok(json!({ "data": row }))
}

async fn delete(
    state: &AppState,
    caller: &Caller,
    kind: PlaceKind,
    id: &str,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    let now = state.clock().stamp();
    {
        let mut directory = state.directory();
        let dir = directory.tenant(&caller.tenant_id);
        dir.and_then(|d| d.place(kind, id))
            .ok_or_else(|| not_found(kind))?;
        let holds = kind == PlaceKind::Space
            && dir.is_some_and(|d| d.resources.iter().any(|r| r["space_id"] == id));
        if holds {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "SPACE_NOT_EMPTY",
                "The space still holds resources: move or detach them first",
            ));
        }
        let dir = directory.tenant_mut(&caller.tenant_id);
        let places = dir.places_mut(kind);
        let at = places
            .iter()
            .position(|r| r["id"] == id)
            .ok_or_else(|| not_found(kind))?;
        let row = places.remove(at);
        dir.removed.push(Removed {
            kind: type_name(kind).into(),
            row,
            deleted_at: now,
            deleted_by: caller.session.user_id.clone(),
        });
    }
    state.audit(caller, "deleted", type_name(kind), id);
    Ok(StatusCode::NO_CONTENT)
}

/// The promotion fields; a window must end after it starts.
fn promote(body: &Body, row: &mut Row) -> Result<(), ApiError> {
    for key in [
        "promotionType",
        "promotionRank",
        "promotionStartDate",
        "promotionEndDate",
    ] {
        if let Some(v) = body.0.get(key) {
            row.insert(key.into(), v.clone());
        }
    }
    let time = |k: &str| {
        row.get(k)
            .and_then(Value::as_str)
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
    };
    if let (Some(start), Some(end)) = (time("promotionStartDate"), time("promotionEndDate")) {
        if end <= start {
            return Err(invalid(
                "promotionEndDate",
                "must be after promotionStartDate",
            ));
        }
    }
    Ok(())
}

macro_rules! place_routes {
    ($kind:expr, $create:ident, $update:ident, $delete:ident, $order:ident, $promote:ident,
     $create_schema:literal, $update_schema:literal, $promote_schema:literal) => {
        pub async fn $create(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            body: Bytes,
        ) -> Result<(StatusCode, Json<Value>), ApiError> {
            let body = Body::checked(&body, request_schema!($create_schema))?;
            let answer = create(&state, &caller, $kind, body).await?;
            Ok((StatusCode::CREATED, Json(answer)))
        }

        pub async fn $update(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Result<Json<Value>, ApiError> {
            let body = Body::checked(&body, request_schema!($update_schema))?;
            change(&state, &caller, $kind, &id, "updated", |dir, row| {
                apply(dir, $kind, &body, row)
            })
            .map(Json)
        }

        pub async fn $delete(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            Path(id): Path<String>,
        ) -> Result<StatusCode, ApiError> {
            delete(&state, &caller, $kind, &id).await
        }

        pub async fn $order(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            Path(id): Path<String>,
        ) -> Result<Json<Value>, ApiError> {
            change(&state, &caller, $kind, &id, "reordered", |dir, row| {
                row.insert("customOrder".into(), json!(next_order(dir, $kind)));
                Ok(())
            })
            .map(Json)
        }

        pub async fn $promote(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Result<Json<Value>, ApiError> {
            let body = Body::checked(&body, request_schema!($promote_schema))?;
            change(&state, &caller, $kind, &id, "promoted", |_, row| {
                promote(&body, row)
            })
            .map(Json)
        }
    };
}

place_routes!(
    PlaceKind::Space,
    create_space,
    update_space,
    delete_space,
    space_order_top,
    space_promotion,
    "POST__secure__spaces",
    "PATCH__secure__spaces__{id}",
    "PATCH__secure__spaces__{id}__promotion"
);

place_routes!(
    PlaceKind::Resource,
    create_resource,
    update_resource,
    delete_resource,
    resource_order_top,
    resource_promotion,
    "POST__secure__resources",
    "PATCH__secure__resources__{id}",
    "PATCH__secure__resources__{id}__promotion"
);

/// Takes the resource out of its space (no space afterwards).
pub async fn detach(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    change(
        &state,
        &caller,
        PlaceKind::Resource,
        &id,
        "detached",
        |_, row| {
            row.insert("space_id".into(), Value::Null);
            row.insert("current_space_name".into(), Value::Null);
            Ok(())
        },
    )
    .map(Json)
}
