//! Contact links: `/secure/{users|spaces|resources}/{id}/contacts[/{contactId}]` and
//! `/secure/contacts/{id}/references`. Requests in camelCase, responses in snake_case, as the
//! seed has them.
//!
//! Where the seed is silent: an entity has at most one primary contact, so linking one as
//! primary demotes the previous primary; linking a contact that is already linked changes the
//! existing link (its `isPrimary`, when given) and answers it again, since the seed documents
//! no 409 and no PATCH for links; an unknown or deleted contact is a 422 naming `contactId`
//! (the entity in the path is what a 404 is about); links of a deleted contact leave every
//! listing with it. Unlinking is a soft delete, as every delete of the platform is: the link
//! stays stored with `deleted_at`/`deleted_by`, leaves the listings, and linking the same pair
//! again makes a fresh link under a new id (a client's sync takes that as the pair's new row).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::body::{invalid, Body};
use crate::contacts::ContactStore;
use crate::directory::{member_user, PlaceKind};
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage::{self, Sink};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum EntityKind {
    User,
    Space,
    Resource,
}

impl EntityKind {
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::User => "user",
            EntityKind::Space => "space",
            EntityKind::Resource => "resource",
        }
    }

    fn not_found(self) -> ApiError {
        ApiError::not_found(match self {
            EntityKind::User => "User not found",
            EntityKind::Space => "Space not found",
            EntityKind::Resource => "Resource not found",
        })
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ContactLink {
    pub id: String,
    pub entity_type: EntityKind,
    pub entity_id: String,
    pub contact_id: String,
    pub is_primary: bool,
    pub created_at: String,
    /// When and by whom the link was unlinked; such a link is kept, never listed nor reused.
    pub deleted_at: Option<String>,
    pub deleted_by: Option<String>,
}

impl ContactLink {
    pub fn is_live(&self) -> bool {
        self.deleted_at.is_none()
    }

    fn joins(&self, kind: EntityKind, entity_id: &str, contact_id: &str) -> bool {
        self.entity_type == kind && self.entity_id == entity_id && self.contact_id == contact_id
    }
}

/// Links per tenant, in creation order. A tenant's links are written back whole when any of
/// them changed (they are few, and their order is their creation order).
#[derive(Default)]
pub struct LinkTable {
    by_tenant: BTreeMap<String, Vec<ContactLink>>,
    /// Tenants whose links were handed out mutably since the last drain.
    dirty: BTreeSet<String>,
}

impl LinkTable {
    /// The tenant's links to change; they count as changed.
    pub fn tenant(&mut self, tenant_id: &str) -> &mut Vec<ContactLink> {
        self.dirty.insert(tenant_id.to_string());
        self.by_tenant.entry(tenant_id.to_string()).or_default()
    }

    pub fn drain(&mut self, sink: &mut dyn Sink, all: bool) {
        let dirty = std::mem::take(&mut self.dirty);
        for (tenant, links) in &self.by_tenant {
            if all || dirty.contains(tenant) {
                let rows = links.iter().map(|l| (tenant.clone(), l.id.clone(), l));
                storage::drain_list(sink, "contact_links", Some(tenant), rows);
            }
        }
    }

    pub fn load(&mut self, db: &storage::Db) -> anyhow::Result<()> {
        for (tenant, _, link) in db.rows("contact_links")? {
            self.by_tenant.entry(tenant).or_default().push(link);
        }
        Ok(())
    }

    fn of_tenant(&self, tenant_id: &str) -> &[ContactLink] {
        self.by_tenant
            .get(tenant_id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// What a reference tells about the entity a contact is linked to.
struct EntityInfo {
    name: String,
    description: Option<String>,
    status: Option<String>,
}

/// The entity `id` of `kind` in the tenant, if it exists there.
fn entity(state: &AppState, tenant_id: &str, kind: EntityKind, id: &str) -> Option<EntityInfo> {
    let text = |v: &Value| v.as_str().map(str::to_string);
    match kind {
        EntityKind::User => {
            let auth = state.auth();
            let (user, membership) = member_user(&auth, tenant_id, id)?;
            let user = crate::directory::user_json(user, membership);
            Some(EntityInfo {
                name: text(&user["display_name"]).unwrap_or_default(),
                description: text(&user["email"]),
                status: text(&user["status"]),
            })
        }
        EntityKind::Space | EntityKind::Resource => {
            let place = if kind == EntityKind::Space {
                PlaceKind::Space
            } else {
                PlaceKind::Resource
            };
            let directory = state.directory();
            let row = directory.tenant(tenant_id)?.place(place, id)?;
            Some(EntityInfo {
                name: text(&row["name"]).unwrap_or_default(),
                description: text(&row["description"]),
                status: text(&row["status"]),
            })
        }
    }
}

fn link_json(tenant_id: &str, link: &ContactLink, store: &ContactStore) -> Value {
    let mut out = json!({
        "id": link.id,
        "tenantId": tenant_id,
        "entity_type": link.entity_type.name(),
        "entity_id": link.entity_id,
        "contact_id": link.contact_id,
        "is_primary": link.is_primary,
        "created_at": link.created_at,
    });
    if let Some(c) = store.contact(tenant_id, &link.contact_id) {
        out["contact"] = Value::Object(c.json.clone());
    }
    out
}

/// The live links of one entity: neither they nor their contact are deleted.
fn links_of<'a>(
    store: &'a ContactStore,
    tenant_id: &'a str,
    kind: EntityKind,
    id: &'a str,
) -> impl Iterator<Item = &'a ContactLink> + 'a {
    store
        .links
        .of_tenant(tenant_id)
        .iter()
        .filter(move |l| l.is_live() && l.entity_type == kind && l.entity_id == id)
        .filter(move |l| store.contact(tenant_id, &l.contact_id).is_some())
}

async fn list(
    state: Arc<AppState>,
    caller: Caller,
    kind: EntityKind,
    id: String,
) -> Result<Json<Value>, ApiError> {
    entity(&state, &caller.tenant_id, kind, &id).ok_or_else(|| kind.not_found())?;
    let store = state.contacts();
    let data: Vec<Value> = links_of(&store, &caller.tenant_id, kind, &id)
        .map(|l| link_json(&caller.tenant_id, l, &store))
        .collect();
    Ok(Json(json!({ "data": data })))
}

async fn link(
    state: Arc<AppState>,
    caller: Caller,
    kind: EntityKind,
    id: String,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, &["contactId", "isPrimary"])?;
    let contact_id = match body.0.get("contactId") {
        None | Some(Value::Null) => return Err(invalid("contactId", "is required")),
        Some(Value::String(s)) => body.uuid("contactId", s)?.to_string(),
        Some(_) => return Err(invalid("contactId", "must be a string")),
    };
    let primary = match body.0.get("isPrimary") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err(invalid("isPrimary", "must be a boolean")),
    };
    entity(&state, &caller.tenant_id, kind, &id).ok_or_else(|| kind.not_found())?;
    let now = state.clock().stamp();
    let mut store = state.contacts();
    if store.contact(&caller.tenant_id, &contact_id).is_none() {
        return Err(invalid("contactId", "no such contact in this tenant"));
    }
    let links = store.links.tenant(&caller.tenant_id);
    let existing = links
        .iter()
        .position(|l| l.is_live() && l.joins(kind, &id, &contact_id));
    let mut audit: Vec<(&str, String)> = Vec::new();
    let index = match existing {
        Some(i) => {
            if let Some(p) = primary.filter(|p| *p != links[i].is_primary) {
                links[i].is_primary = p;
                audit.push(("updated", links[i].id.clone()));
            }
            i
        }
        None => {
            let link = ContactLink {
                id: uuid::Uuid::now_v7().to_string(),
                entity_type: kind,
                entity_id: id.clone(),
                contact_id: contact_id.clone(),
                is_primary: primary.unwrap_or(false),
                created_at: now,
                deleted_at: None,
                deleted_by: None,
            };
            audit.push(("created", link.id.clone()));
            links.push(link);
            links.len() - 1
        }
    };
    if links[index].is_primary {
        for (i, other) in links.iter_mut().enumerate() {
            if i != index
                && other.is_live()
                && other.is_primary
                && other.entity_type == kind
                && other.entity_id == id
            {
                other.is_primary = false;
                audit.push(("updated", other.id.clone()));
            }
        }
    }
    let link = links[index].clone();
    let out = link_json(&caller.tenant_id, &link, &store);
    drop(store);
    for (action, link_id) in audit {
        state.audit(&caller, action, "contact_link", &link_id);
    }
    Ok((StatusCode::CREATED, Json(json!({ "data": out }))).into_response())
}

async fn unlink(
    state: Arc<AppState>,
    caller: Caller,
    kind: EntityKind,
    id: String,
    contact_id: String,
) -> Result<StatusCode, ApiError> {
    caller.require_writer()?;
    entity(&state, &caller.tenant_id, kind, &id).ok_or_else(|| kind.not_found())?;
    let now = state.clock().stamp();
    let mut store = state.contacts();
    let live = store.contact(&caller.tenant_id, &contact_id).is_some();
    let links = store.links.tenant(&caller.tenant_id);
    let link = links
        .iter_mut()
        .find(|l| l.is_live() && l.joins(kind, &id, &contact_id))
        .filter(|_| live)
        .ok_or_else(|| ApiError::not_found("Contact link not found"))?;
    link.deleted_at = Some(now);
    link.deleted_by = Some(caller.session.user_id.clone());
    let link_id = link.id.clone();
    drop(store);
    state.audit(&caller, "deleted", "contact_link", &link_id);
    Ok(StatusCode::NO_CONTENT)
}

async fn references(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(contact_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let links: Vec<ContactLink> = {
        let store = state.contacts();
        store
            .contact(&caller.tenant_id, &contact_id)
            .ok_or_else(|| ApiError::not_found("Contact not found"))?;
        store
            .links
            .of_tenant(&caller.tenant_id)
            .iter()
            .filter(|l| l.is_live() && l.contact_id == contact_id)
            .cloned()
            .collect()
    };
    let data: Vec<Value> = links
        .iter()
        .filter_map(|l| {
            let info = entity(&state, &caller.tenant_id, l.entity_type, &l.entity_id)?;
            Some(json!({
                "id": l.id,
                "entity_type": l.entity_type.name(),
                "entity_id": l.entity_id,
                "entity_name": info.name,
                "entity_description": info.description,
                "entity_status": info.status,
                "is_primary": l.is_primary,
                "created_at": l.created_at,
            }))
        })
        .collect();
    Ok(Json(json!({ "data": data })))
}

fn routes_for(kind: EntityKind, plural: &str) -> Router<Arc<AppState>> {
    let base = format!("/api/v1/secure/{plural}/{{id}}/contacts");
    Router::new()
        .route(
            &base,
            get(
                move |State(state): State<Arc<AppState>>,
                      caller: Caller,
                      Path(id): Path<String>| { list(state, caller, kind, id) },
            )
            .post(
                move |State(state): State<Arc<AppState>>,
                      caller: Caller,
                      Path(id): Path<String>,
                      body: Bytes| link(state, caller, kind, id, body),
            ),
        )
        .route(
            &format!("{base}/{{contact_id}}"),
            delete(
                move |State(state): State<Arc<AppState>>,
                      caller: Caller,
                      Path((id, contact_id)): Path<(String, String)>| {
                    unlink(state, caller, kind, id, contact_id)
                },
            ),
        )
}

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .merge(routes_for(EntityKind::User, "users"))
        .merge(routes_for(EntityKind::Space, "spaces"))
        .merge(routes_for(EntityKind::Resource, "resources"))
        .route("/api/v1/secure/contacts/{id}/references", get(references))
}
