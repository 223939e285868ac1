//! Categories (`/secure/taxonomy/categories`), a tree by `parent_id`, and the categories of
//! spaces and resources (`/secure/{spaces,resources}/{id}/categories`).
//!
//! Where the seed is silent: owners and admins make, change and delete categories; members who
//! can write link and unlink them. A `key` is unique in a tenant (422 `ALREADY_EXISTS` naming
//! it); a parent must
//! be a category of the tenant and not the category itself or below it (422 naming
//! `parent_id`); `level` is the depth from the root (0). A category in use is deleted only with
//! a `replacement_category_id`, which takes over its links (422 CATEGORY_IN_USE without one);
//! one with children is not deleted. A place's categories live in its row (`categories`, as
//! its detail shows them); links to the tenant or a group are kept on their own. Deletes are
//! soft. Lists take `search` (part of the name or key).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::store::{PlaceKind, Removed, Row, TenantDirectory};
use crate::auth::guard::Caller;
use crate::body::schema::request_schema;
use crate::body::{invalid, Body};
use crate::demo::demo_id;
use crate::error::ApiError;
use crate::state::AppState;

fn not_found() -> ApiError {
    ApiError::not_found("Category not found")
}

fn kind_of(entity_type: &str) -> Option<PlaceKind> {
    match entity_type {
        "space" => Some(PlaceKind::Space),
        "resource" => Some(PlaceKind::Resource),
        _ => None,
    }
}

/// Every category link of the tenant: the places' (from their rows) and the others.
fn links(dir: &TenantDirectory, tenant: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for (kind, name) in [
        (PlaceKind::Space, "space"),
        (PlaceKind::Resource, "resource"),
    ] {
        for place in dir.places(kind) {
            let entity = place["id"].as_str().unwrap_or_default();
            for c in place["categories"].as_array().into_iter().flatten() {
                let cid = c["id"].as_str().unwrap_or_default();
                out.push(json!({
                    "id": demo_id("category-link", &format!("{cid}/{entity}")),
                    "tenantId": tenant, "category_id": cid, "entity_type": name,
                    "entity_id": entity, "created_by": place["created_by"],
                    "created_at": place["updated_at"],
                }));
            }
        }
    }
    out.extend(dir.category_links.iter().cloned().map(Value::Object));
    out
}

fn level(dir: &TenantDirectory, row: &Row) -> usize {
    let mut depth = 0;
    let mut parent = row
        .get("parent_id")
        .and_then(Value::as_str)
        .map(str::to_string);
    while let Some(p) = parent {
        depth += 1;
        if depth > dir.categories.len() {
            break;
        }
        parent = dir
            .category(&p)
            .and_then(|c| c.get("parent_id"))
            .and_then(Value::as_str)
            .map(str::to_string);
    }
    depth
}

/// The category as the seed shows it; `full` keeps its translations.
fn shown(dir: &TenantDirectory, tenant: &str, row: &Row, full: bool) -> Value {
    let uses = links(dir, tenant)
        .iter()
        .filter(|l| l["category_id"] == row["id"])
        .count();
    let mut out = row.clone();
    out.insert("usage_count".into(), json!(uses));
    out.insert("level".into(), json!(level(dir, row)));
    if !full {
        out.remove("translations_i18n");
    }
    Value::Object(out)
}

/// Checks a key and a parent against the tenant's other categories.
fn check_place(
    dir: &TenantDirectory,
    id: Option<&str>,
    key: Option<&str>,
    parent: Option<&str>,
) -> Result<(), ApiError> {
    if let Some(key) = key {
        let taken = dir
            .categories
            .iter()
            .any(|c| c["key"] == key && Some(c["id"].as_str().unwrap_or_default()) != id);
        if taken {
            // Not a fault of the body's form but of what it asks: like a taken address.
            let mut e = ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "ALREADY_EXISTS",
                "key: is the key of another category",
            );
            e.details = Some(json!({ "field": "key" }));
            return Err(e);
        }
    }
    if let Some(mut p) = parent.map(str::to_string) {
        // Walk up from the new parent: meeting the category itself would make a loop.
        for _ in 0..=dir.categories.len() {
            if Some(p.as_str()) == id {
                return Err(invalid("parent_id", "is the category itself or below it"));
            }
            let row = dir
                .category(&p)
                .ok_or_else(|| invalid("parent_id", "names no category of this tenant"))?;
            match row.get("parent_id").and_then(Value::as_str) {
                Some(up) => p = up.to_string(),
                None => break,
            }
        }
    }
    Ok(())
}

const FIELDS: [&str; 7] = [
    "key",
    "name",
    "language",
    "description",
    "parent_id",
    "filter_id",
    "translations_i18n",
];

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryQuery {
    search: Option<String>,
    entity_type: Option<String>,
    entity_id: Option<String>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<CategoryQuery>,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let empty = TenantDirectory::default();
    let dir = directory.tenant(&caller.tenant_id).unwrap_or(&empty);
    let search = q.search.map(|s| s.to_lowercase());
    let data: Vec<Value> = dir
        .categories
        .iter()
        .filter(|c| {
            let text = format!(
                "{} {}",
                c["name"].as_str().unwrap_or_default(),
                c["key"].as_str().unwrap_or_default()
            );
            search
                .as_ref()
                .is_none_or(|s| text.to_lowercase().contains(s.as_str()))
        })
        .map(|c| shown(dir, &caller.tenant_id, c, false))
        .collect();
    Ok(Json(
        json!({ "returnedCount": data.len(), "total": dir.categories.len(), "data": data }),
    ))
}

pub async fn tree(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let empty = TenantDirectory::default();
    let dir = directory.tenant(&caller.tenant_id).unwrap_or(&empty);
    fn below(
        dir: &TenantDirectory,
        tenant: &str,
        parent: Option<&str>,
        depth: usize,
    ) -> Vec<Value> {
        dir.categories
            .iter()
            .filter(|c| c.get("parent_id").and_then(Value::as_str) == parent)
            .map(|c| {
                let mut node = shown(dir, tenant, c, true);
                let id = c["id"].as_str().unwrap_or_default();
                if depth < dir.categories.len() {
                    node["children"] = Value::Array(below(dir, tenant, Some(id), depth + 1));
                }
                node
            })
            .collect()
    }
    Ok(Json(
        json!({ "data": below(dir, &caller.tenant_id, None, 0) }),
    ))
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let dir = directory.tenant(&caller.tenant_id).ok_or_else(not_found)?;
    let row = dir.category(&id).ok_or_else(not_found)?;
    Ok(Json(
        json!({ "data": shown(dir, &caller.tenant_id, row, true) }),
    ))
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require_admin()?;
    let body = Body::checked(&body, request_schema!("POST__secure__taxonomy__categories"))?;
    let now = state.clock().stamp();
    let id = uuid::Uuid::now_v7().to_string();
    let data = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        check_place(dir, None, body.str("key")?, body.str("parent_id")?)?;
        let mut row = Row::new();
        for (k, v) in [
            ("id", json!(id)),
            ("tenantId", json!(caller.tenant_id)),
            ("parent_id", Value::Null),
            ("filter_id", Value::Null),
            ("description", Value::Null),
            ("language", json!("en")),
            ("translations_i18n", json!({})),
            ("created_by", json!(caller.session.user_id)),
            ("created_at", json!(now)),
            ("updated_at", json!(now)),
        ] {
            row.insert(k.into(), v);
        }
        for key in FIELDS {
            if let Some(v) = body.0.get(key) {
                row.insert(
                    key.into(),
                    if key == "translations_i18n" && v.is_null() {
                        json!({})
                    } else {
                        v.clone()
                    },
                );
            }
        }
        dir.categories.push(row.clone());
        shown(dir, &caller.tenant_id, &row, true)
    };
    state.audit(&caller, "created", "category", &id);
    Ok((StatusCode::CREATED, Json(json!({ "data": data }))))
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let body = Body::checked(
        &body,
        request_schema!("PATCH__secure__taxonomy__categories__{id}"),
    )?;
    let now = state.clock().stamp();
    let data = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        dir.category(&id).ok_or_else(not_found)?;
        check_place(dir, Some(&id), body.str("key")?, body.str("parent_id")?)?;
        let row = dir
            .categories
            .iter_mut()
            .find(|c| c["id"] == id.as_str())
            .ok_or_else(not_found)?;
        for key in FIELDS {
            if let Some(v) = body.0.get(key) {
                row.insert(key.into(), v.clone());
            }
        }
        row.insert("updated_at".into(), json!(now));
        let row = row.clone();
        // The places show a category's key and name: they follow.
        for kind in [PlaceKind::Space, PlaceKind::Resource] {
            for place in dir.places_mut(kind) {
                for c in place
                    .get_mut("categories")
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    if c["id"] == id.as_str() {
                        *c = json!({ "id": id, "key": row["key"], "name": row["name"] });
                    }
                }
            }
        }
        shown(dir, &caller.tenant_id, &row, true)
    };
    state.audit(&caller, "updated", "category", &id);
    Ok(Json(json!({ "data": data })))
}

/// Moves or drops the links of `from` (to `to` when given).
fn relink(dir: &mut TenantDirectory, from: &str, to: Option<&Row>) -> usize {
    let mut moved = 0;
    let replacement = to.map(|r| json!({ "id": r["id"], "key": r["key"], "name": r["name"] }));
    for kind in [PlaceKind::Space, PlaceKind::Resource] {
        for place in dir.places_mut(kind) {
            let Some(list) = place.get_mut("categories").and_then(Value::as_array_mut) else {
                continue;
            };
            let had = list.iter().any(|c| c["id"] == from);
            list.retain(|c| c["id"] != from);
            if had {
                moved += 1;
                if let Some(r) = &replacement {
                    if !list.iter().any(|c| c["id"] == r["id"]) {
                        list.push(r.clone());
                    }
                }
            }
        }
    }
    for link in dir
        .category_links
        .iter_mut()
        .filter(|l| l["category_id"] == from)
    {
        moved += 1;
        match to {
            Some(r) => {
                link.insert("category_id".into(), r["id"].clone());
            }
            None => {
                link.insert("category_id".into(), Value::Null);
            }
        }
    }
    dir.category_links.retain(|l| !l["category_id"].is_null());
    moved
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let body = Body::checked(
        &body,
        request_schema!("DELETE__secure__taxonomy__categories__{id}"),
    )?;
    let replacement = body.str("replacement_category_id")?.map(str::to_string);
    let now = state.clock().stamp();
    let moved = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        dir.category(&id).ok_or_else(not_found)?;
        if dir.categories.iter().any(|c| c["parent_id"] == id.as_str()) {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "CATEGORY_HAS_CHILDREN",
                "The category has children: move or delete them first",
            ));
        }
        let used = links(dir, &caller.tenant_id)
            .iter()
            .any(|l| l["category_id"] == id.as_str());
        let to = match &replacement {
            Some(r) if *r == id => {
                return Err(invalid(
                    "replacement_category_id",
                    "is the category being deleted",
                ))
            }
            Some(r) => Some(dir.category(r).cloned().ok_or_else(|| {
                invalid(
                    "replacement_category_id",
                    "names no category of this tenant",
                )
            })?),
            None if used => {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "CATEGORY_IN_USE",
                    "The category is in use: name a replacement_category_id to take its links",
                ))
            }
            None => None,
        };
        let moved = relink(dir, &id, to.as_ref());
        let at = dir
            .categories
            .iter()
            .position(|c| c["id"] == id.as_str())
            .ok_or_else(not_found)?;
        let row = dir.categories.remove(at);
        dir.removed.push(Removed {
            kind: "category".into(),
            row,
            deleted_at: now,
            deleted_by: caller.session.user_id.clone(),
        });
        moved
    };
    state.audit(&caller, "deleted", "category", &id);
    Ok(Json(json!({ "data": {
        "deleted": true, "relinked_count": moved, "replacement_category_id": replacement,
    }})))
}

pub async fn entities(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let dir = directory.tenant(&caller.tenant_id).ok_or_else(not_found)?;
    dir.category(&id).ok_or_else(not_found)?;
    let data: Vec<Value> = links(dir, &caller.tenant_id)
        .into_iter()
        .filter(|l| l["category_id"] == id.as_str())
        .collect();
    Ok(Json(json!({ "data": data })))
}

pub async fn of_entity(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<CategoryQuery>,
) -> Result<Json<Value>, ApiError> {
    let kind = q
        .entity_type
        .ok_or_else(|| invalid("entityType", "is required"))?;
    if !["space", "resource", "tenant", "group"].contains(&kind.as_str()) {
        return Err(invalid(
            "entityType",
            "must be one of space, resource, tenant, group",
        ));
    }
    let entity = q
        .entity_id
        .ok_or_else(|| invalid("entityId", "is required"))?;
    let directory = state.directory();
    let empty = TenantDirectory::default();
    let dir = directory.tenant(&caller.tenant_id).unwrap_or(&empty);
    let data: Vec<Value> = links(dir, &caller.tenant_id)
        .into_iter()
        .filter(|l| l["entity_id"] == entity.as_str() && l["entity_type"] == kind.as_str())
        .filter_map(|l| dir.category(l["category_id"].as_str().unwrap_or_default()))
        .map(|c| shown(dir, &caller.tenant_id, c, false))
        .collect();
    Ok(Json(
        json!({ "returnedCount": data.len(), "total": data.len(), "data": data }),
    ))
}

/// Links category `id` to the entity, once; the link row.
fn link(
    state: &AppState,
    caller: &Caller,
    id: &str,
    entity_type: &str,
    entity: &str,
    field: &str,
) -> Result<Value, ApiError> {
    caller.require_writer()?;
    let now = state.clock().stamp();
    let row = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        let category = dir.category(id).cloned().ok_or_else(|| {
            if field == "category_id" {
                invalid(field, "names no category of this tenant")
            } else {
                not_found()
            }
        })?;
        match kind_of(entity_type) {
            Some(kind) => {
                let place = dir
                    .place_mut(kind, entity)
                    .ok_or_else(|| invalid("entity_id", "names nothing of this type here"))?;
                let list = place.entry("categories").or_insert_with(|| json!([]));
                if let Some(list) = list.as_array_mut() {
                    if !list.iter().any(|c| c["id"] == id) {
                        list.push(
                            json!({ "id": id, "key": category["key"], "name": category["name"] }),
                        );
                    }
                }
                place.insert("updated_at".into(), json!(now));
            }
            None => {
                let exists = match entity_type {
                    "tenant" => entity == caller.tenant_id,
                    _ => dir.group(entity).is_some(),
                };
                if !exists {
                    return Err(invalid("entity_id", "names nothing of this type here"));
                }
                let linked = dir
                    .category_links
                    .iter()
                    .any(|l| l["category_id"] == id && l["entity_id"] == entity);
                if !linked {
                    let mut row = Row::new();
                    for (k, v) in [
                        ("id", json!(uuid::Uuid::now_v7().to_string())),
                        ("tenantId", json!(caller.tenant_id)),
                        ("category_id", json!(id)),
                        ("entity_type", json!(entity_type)),
                        ("entity_id", json!(entity)),
                        ("created_by", json!(caller.session.user_id)),
                        ("created_at", json!(now)),
                    ] {
                        row.insert(k.into(), v);
                    }
                    dir.category_links.push(row);
                }
            }
        }
        links(dir, &caller.tenant_id)
            .into_iter()
            .find(|l| l["category_id"] == id && l["entity_id"] == entity)
            .ok_or_else(not_found)?
    };
    let details = json!({ "entityType": entity_type, "entityId": entity });
    state.audit_details(caller, "linked", "category", id, details);
    Ok(row)
}

fn unlink(
    state: &AppState,
    caller: &Caller,
    id: &str,
    entity: &str,
) -> Result<StatusCode, ApiError> {
    caller.require_writer()?;
    let found = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        dir.category(id).ok_or_else(not_found)?;
        let now = state.clock().stamp();
        let mut found = false;
        for kind in [PlaceKind::Space, PlaceKind::Resource] {
            if let Some(place) = dir.place_mut(kind, entity) {
                if let Some(list) = place.get_mut("categories").and_then(Value::as_array_mut) {
                    let before = list.len();
                    list.retain(|c| c["id"] != id);
                    found |= list.len() != before;
                }
                if found {
                    place.insert("updated_at".into(), json!(now));
                }
            }
        }
        let before = dir.category_links.len();
        dir.category_links
            .retain(|l| !(l["category_id"] == id && l["entity_id"] == entity));
        found || dir.category_links.len() != before
    };
    if !found {
        return Err(ApiError::not_found("The category is not linked to this"));
    }
    let details = json!({ "entityId": entity });
    state.audit_details(caller, "unlinked", "category", id, details);
    Ok(StatusCode::NO_CONTENT)
}

pub async fn link_any(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__taxonomy__categories__{id}__link"),
    )?;
    let kind = body.required_str("entity_type")?.to_string();
    let entity = body.required_str("entity_id")?.to_string();
    let row = link(&state, &caller, &id, &kind, &entity, "id")?;
    Ok((StatusCode::CREATED, Json(json!({ "data": row }))))
}

pub async fn unlink_any(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let body = Body::checked(
        &body,
        request_schema!("DELETE__secure__taxonomy__categories__{id}__unlink"),
    )?;
    let entity = body.required_str("entity_id")?.to_string();
    unlink(&state, &caller, &id, &entity)
}

fn place_categories(
    state: &AppState,
    caller: &Caller,
    kind: PlaceKind,
    id: &str,
) -> Result<Value, ApiError> {
    let directory = state.directory();
    let dir = directory.tenant(&caller.tenant_id);
    let place = dir
        .and_then(|d| d.place(kind, id))
        .ok_or_else(|| super::place_admin::not_found(kind))?;
    let dir = dir.ok_or_else(not_found)?;
    let data: Vec<Value> = place["categories"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| dir.category(c["id"].as_str().unwrap_or_default()))
        .map(|c| shown(dir, &caller.tenant_id, c, false))
        .collect();
    Ok(json!({ "returnedCount": data.len(), "total": data.len(), "data": data }))
}

/// A refusal of a body as the endpoint documents it: the seed's entry for a resource's
/// category link lists 400 for validation and no 422.
fn as_documented(kind: PlaceKind, mut e: ApiError) -> ApiError {
    if kind == PlaceKind::Resource && e.code == "VALIDATION_ERROR" {
        e.status = StatusCode::BAD_REQUEST;
    }
    e
}

macro_rules! place_category_routes {
    ($kind:expr, $entity:literal, $list:ident, $add:ident, $remove:ident, $schema:literal) => {
        pub async fn $list(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            Path(id): Path<String>,
        ) -> Result<Json<Value>, ApiError> {
            place_categories(&state, &caller, $kind, &id).map(Json)
        }

        pub async fn $add(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Result<Json<Value>, ApiError> {
            let linked = || -> Result<Value, ApiError> {
                let body = Body::checked(&body, request_schema!($schema))?;
                let category = body.required_str("category_id")?.to_string();
                {
                    let directory = state.directory();
                    let dir = directory.tenant(&caller.tenant_id);
                    dir.and_then(|d| d.place($kind, &id))
                        .ok_or_else(|| super::place_admin::not_found($kind))?;
                }
                link(&state, &caller, &category, $entity, &id, "category_id")
            };
            let row = linked().map_err(|e| as_documented($kind, e))?;
            Ok(Json(json!({ "data": row })))
        }

        pub async fn $remove(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            Path((id, category)): Path<(String, String)>,
        ) -> Result<StatusCode, ApiError> {
            unlink(&state, &caller, &category, &id)
        }
    };
}

place_category_routes!(
    PlaceKind::Space,
    "space",
    space_categories,
    add_space_category,
    remove_space_category,
    "POST__secure__spaces__{id}__categories"
);

place_category_routes!(
    PlaceKind::Resource,
    "resource",
    resource_categories,
    add_resource_category,
    remove_resource_category,
    "POST__secure__resources__{id}__categories"
);
