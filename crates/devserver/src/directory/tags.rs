//! Tags (`/secure/taxonomy/tags`) and the tags of spaces and resources
//! (`/secure/{spaces,resources}/{id}/tags`): made by linking a name to an entity (or curated by
//! an admin), listed with how often they are used, unlinked, deleted.
//!
//! Where the seed is silent: a tag's `name` is its display name in lower case, one tag per name
//! in a tenant; linking a name that exists reuses the tag. A space's or resource's tags live in
//! its row (`tags`, as its detail shows them), so the link rows of places are derived from
//! there (id from the pair, time of the place's last change); links to the tenant or a group
//! are kept on their own. Members who can write link and unlink; owners and admins curate,
//! upgrade and delete (soft). An unlink that leaves a tag unused and not curated deletes it,
//! as the seed says. Lists take `search` (part of the name) in the query.

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
    ApiError::not_found("Tag not found")
}

fn kind_of(entity_type: &str) -> Option<PlaceKind> {
    match entity_type {
        "space" => Some(PlaceKind::Space),
        "resource" => Some(PlaceKind::Resource),
        _ => None,
    }
}

/// Every link of the tenant: the places' (from their rows) and the others.
fn links(dir: &TenantDirectory, tenant: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for (kind, name) in [
        (PlaceKind::Space, "space"),
        (PlaceKind::Resource, "resource"),
    ] {
        for place in dir.places(kind) {
            let entity = place["id"].as_str().unwrap_or_default();
            for tag in place["tags"].as_array().into_iter().flatten() {
                let tag_id = tag["id"].as_str().unwrap_or_default();
                out.push(json!({
                    "id": demo_id("tag-link", &format!("{tag_id}/{entity}")),
                    "tenantId": tenant,
                    "tag_id": tag_id,
                    "entity_type": name,
                    "entity_id": entity,
                    "created_by": place["created_by"],
                    "created_at": place["updated_at"],
                }));
            }
        }
    }
    out.extend(dir.tag_links.iter().cloned().map(Value::Object));
    out
}

/// The tag as the seed shows it; `full` adds its translations (the detail shapes have them,
/// the list shape does not).
fn shown(dir: &TenantDirectory, tenant: &str, tag: &Row, full: bool) -> Value {
    let uses = links(dir, tenant)
        .iter()
        .filter(|l| l["tag_id"] == tag["id"])
        .count();
    let mut out = tag.clone();
    out.insert("usage_count".into(), json!(uses));
    if !full {
        out.remove("translations_i18n");
    }
    Value::Object(out)
}

fn by_name<'a>(dir: &'a TenantDirectory, name: &str) -> Option<&'a Row> {
    dir.tags
        .iter()
        .find(|t| t["name"] == name.to_lowercase().as_str())
}

/// The tag named `display`, made when there is none.
fn find_or_make(dir: &mut TenantDirectory, caller: &Caller, display: &str, now: &str) -> Row {
    if let Some(t) = by_name(dir, display) {
        return t.clone();
    }
    let mut row = Row::new();
    for (k, v) in [
        ("id", json!(uuid::Uuid::now_v7().to_string())),
        ("tenantId", json!(caller.tenant_id)),
        ("name", json!(display.to_lowercase())),
        ("display_name", json!(display)),
        ("language", json!("en")),
        ("translations_i18n", json!({})),
        ("persistent", json!(false)),
        ("owner_id", json!(caller.session.user_id)),
        ("owner_type", json!("user")),
        ("created_by", json!(caller.session.user_id)),
        ("created_at", json!(now)),
        ("updated_at", json!(now)),
    ] {
        row.insert(k.into(), v);
    }
    dir.tags.push(row.clone());
    row
}

/// Links `tag` to the entity, once; the link row.
fn link(
    dir: &mut TenantDirectory,
    caller: &Caller,
    tag: &Row,
    entity_type: &str,
    entity: &str,
    now: &str,
) -> Result<Value, ApiError> {
    let tag_id = tag["id"].as_str().unwrap_or_default().to_string();
    match kind_of(entity_type) {
        Some(kind) => {
            let place = dir
                .place_mut(kind, entity)
                .ok_or_else(|| invalid("entity_id", "names nothing of this type here"))?;
            let tags = place.entry("tags").or_insert_with(|| json!([]));
            let list = tags
                .as_array_mut()
                .ok_or_else(|| invalid("entity_id", "has no tags"))?;
            if !list.iter().any(|t| t["id"] == tag_id.as_str()) {
                list.push(json!({ "id": tag_id, "name": tag["name"] }));
                place.insert("updated_at".into(), json!(now));
            }
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
                .tag_links
                .iter()
                .any(|l| l["tag_id"] == tag_id.as_str() && l["entity_id"] == entity);
            if !linked {
                let mut row = Row::new();
                for (k, v) in [
                    ("id", json!(uuid::Uuid::now_v7().to_string())),
                    ("tenantId", json!(caller.tenant_id)),
                    ("tag_id", json!(tag_id)),
                    ("entity_type", json!(entity_type)),
                    ("entity_id", json!(entity)),
                    ("created_by", json!(caller.session.user_id)),
                    ("created_at", json!(now)),
                ] {
                    row.insert(k.into(), v);
                }
                dir.tag_links.push(row);
            }
        }
    }
    let found = links(dir, &caller.tenant_id)
        .into_iter()
        .find(|l| l["tag_id"] == tag_id.as_str() && l["entity_id"] == entity);
    found.ok_or_else(not_found)
}

/// Removes the link; a tag left unused and not curated goes too. False when there was none.
fn unlink(
    dir: &mut TenantDirectory,
    tenant: &str,
    tag_id: &str,
    entity: &str,
    by: &str,
    now: &str,
) -> bool {
    let mut found = false;
    for kind in [PlaceKind::Space, PlaceKind::Resource] {
        if let Some(place) = dir.place_mut(kind, entity) {
            if let Some(list) = place.get_mut("tags").and_then(Value::as_array_mut) {
                let before = list.len();
                list.retain(|t| t["id"] != tag_id);
                found |= list.len() != before;
            }
            if found {
                place.insert("updated_at".into(), json!(now));
            }
        }
    }
    let before = dir.tag_links.len();
    dir.tag_links
        .retain(|l| !(l["tag_id"] == tag_id && l["entity_id"] == entity));
    found |= dir.tag_links.len() != before;
    let unused = !links(dir, tenant).iter().any(|l| l["tag_id"] == tag_id);
    let curated = dir.tag(tag_id).is_some_and(|t| t["persistent"] == true);
    if found && unused && !curated {
        remove(dir, tag_id, by, now);
    }
    found
}

/// Deletes the tag (softly) and its links.
fn remove(dir: &mut TenantDirectory, tag_id: &str, by: &str, now: &str) {
    for kind in [PlaceKind::Space, PlaceKind::Resource] {
        for place in dir.places_mut(kind) {
            if let Some(list) = place.get_mut("tags").and_then(Value::as_array_mut) {
                list.retain(|t| t["id"] != tag_id);
            }
        }
    }
    dir.tag_links.retain(|l| l["tag_id"] != tag_id);
    if let Some(at) = dir.tags.iter().position(|t| t["id"] == tag_id) {
        let row = dir.tags.remove(at);
        dir.removed.push(Removed {
            kind: "tag".into(),
            row,
            deleted_at: now.to_string(),
            deleted_by: by.to_string(),
        });
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagQuery {
    search: Option<String>,
    entity_type: Option<String>,
    entity_id: Option<String>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<TagQuery>,
) -> Result<Json<Value>, ApiError> {
    let mut directory = state.directory();
    let dir = directory.tenant_mut(&caller.tenant_id);
    let search = q.search.map(|s| s.to_lowercase());
    let data: Vec<Value> = dir
        .tags
        .iter()
        .filter(|t| {
            let name = t["name"].as_str().unwrap_or_default();
            search.as_ref().is_none_or(|s| name.contains(s.as_str()))
        })
        .map(|t| shown(dir, &caller.tenant_id, t, false))
        .collect();
    Ok(Json(
        json!({ "returnedCount": data.len(), "total": dir.tags.len(), "data": data }),
    ))
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let dir = directory.tenant(&caller.tenant_id).ok_or_else(not_found)?;
    let tag = dir.tag(&id).ok_or_else(not_found)?;
    Ok(Json(
        json!({ "data": shown(dir, &caller.tenant_id, tag, true) }),
    ))
}

pub async fn entities(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let dir = directory.tenant(&caller.tenant_id).ok_or_else(not_found)?;
    dir.tag(&id).ok_or_else(not_found)?;
    let data: Vec<Value> = links(dir, &caller.tenant_id)
        .into_iter()
        .filter(|l| l["tag_id"] == id.as_str())
        .collect();
    Ok(Json(json!({ "data": data })))
}

/// The tags of one entity: `entityType` and `entityId` in the query.
pub async fn of_entity(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<TagQuery>,
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
    let mut directory = state.directory();
    let dir = directory.tenant_mut(&caller.tenant_id);
    let ids: Vec<String> = links(dir, &caller.tenant_id)
        .into_iter()
        .filter(|l| l["entity_id"] == entity.as_str() && l["entity_type"] == kind.as_str())
        .filter_map(|l| l["tag_id"].as_str().map(str::to_string))
        .collect();
    let data: Vec<Value> = ids
        .iter()
        .filter_map(|id| dir.tag(id))
        .map(|t| shown(dir, &caller.tenant_id, t, true))
        .collect();
    Ok(Json(json!({ "data": data })))
}

pub async fn cloud(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let mut directory = state.directory();
    let dir = directory.tenant_mut(&caller.tenant_id);
    let all = links(dir, &caller.tenant_id);
    let mut data: Vec<Value> = dir
        .tags
        .iter()
        .map(|t| {
            let count = all.iter().filter(|l| l["tag_id"] == t["id"]).count();
            json!({ "tag_id": t["id"], "tag_name": t["name"], "display_name": t["display_name"],
                    "count": count })
        })
        .filter(|t| t["count"].as_u64() > Some(0))
        .collect();
    data.sort_by(|a, b| b["count"].as_u64().cmp(&a["count"].as_u64()));
    Ok(Json(json!({ "data": data })))
}

pub async fn curated(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require_admin()?;
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__taxonomy__tags__curated"),
    )?;
    let name = body.required_str("tag_name")?.trim().to_string();
    if name.is_empty() {
        return Err(invalid("tag_name", "must not be blank"));
    }
    let group = body.str("group_id")?.map(str::to_string);
    let now = state.clock().stamp();
    let tag = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        if let Some(g) = &group {
            dir.group(g)
                .ok_or_else(|| invalid("group_id", "names no group of this tenant"))?;
        }
        let tag = find_or_make(dir, &caller, &name, &now);
        let id = tag["id"].as_str().unwrap_or_default().to_string();
        let row = dir
            .tags
            .iter_mut()
            .find(|t| t["id"] == id.as_str())
            .ok_or_else(not_found)?;
        row.insert("persistent".into(), json!(true));
        if let Some(g) = &group {
            row.insert("owner_id".into(), json!(g));
            row.insert("owner_type".into(), json!("group"));
        }
        row.insert("updated_at".into(), json!(now));
        let row = row.clone();
        shown(dir, &caller.tenant_id, &row, true)
    };
    let id = tag["id"].as_str().unwrap_or_default().to_string();
    state.audit(&caller, "created", "tag", &id);
    Ok((StatusCode::CREATED, Json(json!({ "data": tag }))))
}

pub async fn upgrade(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let now = state.clock().stamp();
    let tag = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        let row = dir
            .tags
            .iter_mut()
            .find(|t| t["id"] == id.as_str())
            .ok_or_else(not_found)?;
        row.insert("persistent".into(), json!(true));
        row.insert("updated_at".into(), json!(now));
        let row = row.clone();
        shown(dir, &caller.tenant_id, &row, true)
    };
    state.audit(&caller, "upgraded", "tag", &id);
    Ok(Json(json!({ "data": tag })))
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    let now = state.clock().stamp();
    {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        dir.tag(&id).ok_or_else(not_found)?;
        remove(dir, &id, &caller.session.user_id, &now);
    }
    state.audit(&caller, "deleted", "tag", &id);
    Ok(StatusCode::NO_CONTENT)
}

pub async fn link_any(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require_writer()?;
    let body = Body::checked(&body, request_schema!("POST__secure__taxonomy__tags__link"))?;
    let name = body.required_str("tag_name")?.trim().to_string();
    let entity_type = body.required_str("entity_type")?.to_string();
    let entity = body.required_str("entity_id")?.to_string();
    let row = linked(&state, &caller, &name, &entity_type, &entity)?;
    Ok((StatusCode::CREATED, Json(json!({ "data": row }))))
}

/// Links the tag named `name` (made when new) and logs it on the tag.
fn linked(
    state: &AppState,
    caller: &Caller,
    name: &str,
    entity_type: &str,
    entity: &str,
) -> Result<Value, ApiError> {
    if name.is_empty() {
        return Err(invalid("tag_name", "must not be blank"));
    }
    let now = state.clock().stamp();
    let row = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        // The entity first: no tag is made for a link that cannot be.
        let exists = match kind_of(entity_type) {
            Some(kind) => dir.place(kind, entity).is_some(),
            None if entity_type == "tenant" => entity == caller.tenant_id,
            None => dir.group(entity).is_some(),
        };
        if !exists {
            return Err(invalid("entity_id", "names nothing of this type here"));
        }
        let tag = find_or_make(dir, caller, name, &now);
        link(dir, caller, &tag, entity_type, entity, &now)?
    };
    let tag_id = row["tag_id"].as_str().unwrap_or_default().to_string();
    let details = json!({ "entityType": entity_type, "entityId": entity });
    state.audit_details(caller, "linked", "tag", &tag_id, details);
    Ok(row)
}

pub async fn unlink_any(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    caller.require_writer()?;
    let body = Body::checked(
        &body,
        request_schema!("DELETE__secure__taxonomy__tags__{id}__unlink"),
    )?;
    let entity = body.required_str("entity_id")?.to_string();
    unlinked(&state, &caller, &id, &entity)
}

fn unlinked(
    state: &AppState,
    caller: &Caller,
    tag_id: &str,
    entity: &str,
) -> Result<StatusCode, ApiError> {
    let now = state.clock().stamp();
    let found = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        dir.tag(tag_id).ok_or_else(not_found)?;
        unlink(
            dir,
            &caller.tenant_id,
            tag_id,
            entity,
            &caller.session.user_id,
            &now,
        )
    };
    if !found {
        return Err(ApiError::not_found("The tag is not linked to this"));
    }
    let details = json!({ "entityId": entity });
    state.audit_details(caller, "unlinked", "tag", tag_id, details);
    Ok(StatusCode::NO_CONTENT)
}

fn place_tags(
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
    let data: Vec<Value> = place["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| dir.tag(t["id"].as_str().unwrap_or_default()))
        .map(|t| shown(dir, &caller.tenant_id, t, false))
        .collect();
    Ok(json!({ "returnedCount": data.len(), "total": data.len(), "data": data }))
}

/// A resource's tag link answers a bad body with the seed's 400 (its entry lists no 422).
fn checked(kind: PlaceKind, bytes: &[u8], schema: &Value) -> Result<Body, ApiError> {
    match kind {
        PlaceKind::Space => Body::checked(bytes, schema),
        PlaceKind::Resource => Body::checked_400(bytes, schema),
    }
}

macro_rules! place_tag_routes {
    ($kind:expr, $entity:literal, $list:ident, $add:ident, $remove:ident, $schema:literal) => {
        pub async fn $list(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            Path(id): Path<String>,
        ) -> Result<Json<Value>, ApiError> {
            place_tags(&state, &caller, $kind, &id).map(Json)
        }

        pub async fn $add(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Result<Json<Value>, ApiError> {
            caller.require_writer()?;
            let body = checked($kind, &body, request_schema!($schema))?;
            let name = body.required_str("tag_name")?.trim().to_string();
            {
                let directory = state.directory();
                let dir = directory.tenant(&caller.tenant_id);
                dir.and_then(|d| d.place($kind, &id))
                    .ok_or_else(|| super::place_admin::not_found($kind))?;
            }
            let row = linked(&state, &caller, &name, $entity, &id)?;
            Ok(Json(json!({ "data": row })))
        }

        pub async fn $remove(
            State(state): State<Arc<AppState>>,
            caller: Caller,
            Path((id, tag_id)): Path<(String, String)>,
        ) -> Result<StatusCode, ApiError> {
            caller.require_writer()?;
            unlinked(&state, &caller, &tag_id, &id)
        }
    };
}

place_tag_routes!(
    PlaceKind::Space,
    "space",
    space_tags,
    add_space_tag,
    remove_space_tag,
    "POST__secure__spaces__{id}__tags"
);

place_tag_routes!(
    PlaceKind::Resource,
    "resource",
    resource_tags,
    add_resource_tag,
    remove_resource_tag,
    "POST__secure__resources__{id}__tags"
);

/// Replaces the tag's translations with those sent (by locale).
pub async fn translations(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let body = Body::checked(
        &body,
        request_schema!("PATCH__secure__taxonomy__tags__{id}__translations"),
    )?;
    let mut by_locale = serde_json::Map::new();
    for t in body.0["translations"].as_array().into_iter().flatten() {
        let locale = t["locale"].as_str().unwrap_or_default().to_string();
        by_locale.insert(locale, json!({ "name": t["name"] }));
    }
    let now = state.clock().stamp();
    let tag = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        let row = dir
            .tags
            .iter_mut()
            .find(|t| t["id"] == id.as_str())
            .ok_or_else(not_found)?;
        row.insert("translations_i18n".into(), Value::Object(by_locale));
        row.insert("updated_at".into(), json!(now));
        let row = row.clone();
        shown(dir, &caller.tenant_id, &row, true)
    };
    state.audit(&caller, "updated", "tag", &id);
    Ok(Json(json!({ "data": tag })))
}

/// Curates or uncurates several tags at once: every id must be the tenant's, or nothing
/// changes (422 naming the item).
pub async fn bulk_update(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__taxonomy__tags__bulk-update"),
    )?;
    let updates: Vec<Value> = body.0["updates"].as_array().cloned().unwrap_or_default();
    let now = state.clock().stamp();
    let changed = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        for (i, u) in updates.iter().enumerate() {
            if dir.tag(u["id"].as_str().unwrap_or_default()).is_none() {
                return Err(invalid(
                    &format!("updates[{i}].id"),
                    "names no tag of this tenant",
                ));
            }
        }
        let mut changed = Vec::new();
        for u in &updates {
            let id = u["id"].as_str().unwrap_or_default();
            if let Some(row) = dir.tags.iter_mut().find(|t| t["id"] == id) {
                if let Some(p) = u.get("persistent").and_then(Value::as_bool) {
                    row.insert("persistent".into(), json!(p));
                }
                row.insert("updated_at".into(), json!(now));
                changed.push(row.clone());
            }
        }
        changed
            .iter()
            .map(|row| shown(dir, &caller.tenant_id, row, true))
            .collect::<Vec<Value>>()
    };
    for tag in &changed {
        state.audit(
            &caller,
            "updated",
            "tag",
            tag["id"].as_str().unwrap_or_default(),
        );
    }
    Ok(Json(json!({ "data": changed })))
}

/// Deletes (softly) the tags that are neither linked nor curated.
pub async fn cleanup(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let now = state.clock().stamp();
    let gone = {
        let mut directory = state.directory();
        let dir = directory.tenant_mut(&caller.tenant_id);
        let used = links(dir, &caller.tenant_id);
        let gone: Vec<String> = dir
            .tags
            .iter()
            .filter(|t| t["persistent"] != true && !used.iter().any(|l| l["tag_id"] == t["id"]))
            .filter_map(|t| t["id"].as_str().map(str::to_string))
            .collect();
        for id in &gone {
            remove(dir, id, &caller.session.user_id, &now);
        }
        gone
    };
    for id in &gone {
        state.audit(&caller, "deleted", "tag", id);
    }
    Ok(Json(json!({ "data": { "deleted_count": gone.len() } })))
}

/// Links several names to one entity; each name once.
pub async fn link_bulk(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require_writer()?;
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__taxonomy__tags__link__bulk"),
    )?;
    let entity_type = body.required_str("entity_type")?.to_string();
    let entity = body.required_str("entity_id")?.to_string();
    let mut names: Vec<String> = Vec::new();
    for (i, n) in body.0["tag_names"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let name = n.as_str().unwrap_or_default().trim().to_string();
        if name.is_empty() {
            return Err(invalid(&format!("tag_names[{i}]"), "must not be blank"));
        }
        if !names
            .iter()
            .any(|x| x.to_lowercase() == name.to_lowercase())
        {
            names.push(name);
        }
    }
    let mut rows = Vec::new();
    for name in names {
        rows.push(linked(&state, &caller, &name, &entity_type, &entity)?);
    }
    Ok((StatusCode::CREATED, Json(json!({ "data": rows }))))
}
