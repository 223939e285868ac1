//! `/api/v1/secure/contacts`: requests in camelCase, responses in snake_case, as the seed has
//! them. Deletes are soft: a deleted contact leaves the lists and answers 404.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::auth::guard::Caller;
use crate::body::{invalid, Body};
use crate::error::{json_bytes, ApiError};
use crate::paging::PageQuery;
use crate::state::AppState;
use crate::storage::{self, Sink, Table};

/// A stored contact: its response form, and when and by whom (if) it was deleted. The seed's
/// contact has no deletion fields, so they stay out of `json`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StoredContact {
    pub json: Map<String, Value>,
    pub deleted_at: Option<String>,
    pub deleted_by: Option<String>,
}

/// Contacts per tenant, in creation order (ids are UUID v7, so the map keeps that order).
#[derive(Default)]
pub struct ContactStore {
    by_tenant: BTreeMap<String, Table<String, StoredContact>>,
    /// Links of contacts to users, spaces and resources: under the same lock as the contacts,
    /// so a link never names a contact that a concurrent delete just removed.
    pub links: crate::links::LinkTable,
    /// tenant -> the ids of its live contacts in listing order, and the table generation they
    /// were read at: a page of the listing is a slice of it instead of a walk over every contact
    /// (a full sync of 100,000 contacts asks for 500 pages).
    live_ids: HashMap<String, (u64, Vec<String>)>,
}

impl ContactStore {
    fn tenant(&mut self, tenant_id: &str) -> &mut Table<String, StoredContact> {
        self.by_tenant.entry(tenant_id.to_string()).or_default()
    }

    /// One page of the tenant's live contacts (response form) and how many there are.
    fn live_page(
        &mut self,
        tenant_id: &str,
        offset: usize,
        limit: usize,
    ) -> (Vec<&Map<String, Value>>, usize) {
        let Some(table) = self.by_tenant.get(tenant_id) else {
            return (Vec::new(), 0);
        };
        let generation = table.generation();
        let (built_at, ids) = self.live_ids.entry(tenant_id.to_string()).or_default();
        // Rebuilt whenever the table may have changed since, so it is never stale.
        if *built_at != generation {
            *ids = table
                .iter()
                .filter(|(_, c)| c.deleted_at.is_none())
                .map(|(id, _)| id.clone())
                .collect();
            *built_at = generation;
        }
        let data = ids
            .iter()
            .skip(offset)
            .take(limit)
            .filter_map(|id| table.get(id))
            .map(|c| &c.json)
            .collect();
        (data, ids.len())
    }

    /// A live contact of the tenant.
    pub fn contact(&self, tenant_id: &str, id: &str) -> Option<&StoredContact> {
        self.by_tenant
            .get(tenant_id)?
            .get(id)
            .filter(|c| c.deleted_at.is_none())
    }

    /// Puts what changed since the last call (everything with `all`).
    pub fn drain(&mut self, sink: &mut dyn Sink, all: bool) {
        for (tenant, table) in self.by_tenant.iter_mut() {
            storage::drain_table(sink, "contacts", tenant, table, all);
        }
        self.links.drain(sink, all);
    }

    /// Reads everything [`ContactStore::drain`] wrote.
    pub fn load(&mut self, db: &storage::Db) -> anyhow::Result<()> {
        for (tenant, id, row) in db.rows("contacts")? {
            self.tenant(&tenant).load(id, row);
        }
        self.links.load(db)
    }

    /// Inserts contacts generated elsewhere (the demo data).
    pub fn insert(&mut self, tenant_id: &str, contact: Map<String, Value>) {
        let id = contact["id"].as_str().unwrap_or_default().to_string();
        self.tenant(tenant_id).insert(
            id,
            StoredContact {
                json: contact,
                deleted_at: None,
                deleted_by: None,
            },
        );
    }
}

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/secure/contacts", get(list).post(create))
        .route("/api/v1/secure/contacts/", get(list).post(create))
        .route(
            "/api/v1/secure/contacts/{id}",
            get(get_one).patch(update).delete(remove),
        )
}

/// The request fields, how each maps to the response (camelCase in, snake_case out), and the
/// seed's maxLength (the seed gives email and url none, only their formats).
const FIELDS: &[(&str, &str, Option<usize>)] = &[
    ("firstName", "first_name", Some(100)),
    ("middleName", "middle_name", Some(100)),
    ("lastName", "last_name", Some(100)),
    ("email", "email", None),
    ("phone", "phone", Some(50)),
    ("url", "url", None),
    ("notes", "notes", Some(2000)),
];
const ADDRESS_KEYS: &[&str] = &[
    "street",
    "street_number",
    "city",
    "postal_code",
    "region",
    "country",
    "country_code",
];

fn allowed() -> Vec<&'static str> {
    FIELDS.iter().map(|f| f.0).chain(["address"]).collect()
}

/// Checks a create or patch body and returns the response-shaped changes.
fn changes(body: &Body, allow_null: bool) -> Result<Map<String, Value>, ApiError> {
    let mut out = Map::new();
    for (request, response, max) in FIELDS {
        let Some(value) = body.0.get(*request) else {
            continue;
        };
        let value = match value {
            Value::Null if allow_null => Value::Null,
            Value::Null => return Err(invalid(request, "must be a string")),
            Value::String(s) => {
                if let Some(max) = max {
                    body.sized(request, s, 0, *max)?;
                }
                // The formats refuse an empty string too: "no email" is null (PATCH) or leaving
                // the property out.
                match *request {
                    "email" => body.email(request, s)?,
                    "url" => body.uri(request, s)?,
                    _ => s,
                };
                Value::String(s.clone())
            }
            _ => return Err(invalid(request, "must be a string")),
        };
        out.insert((*response).to_string(), value);
    }
    if let Some(address) = body.0.get("address") {
        match address {
            Value::Null if allow_null => {
                out.insert("address".into(), Value::Null);
            }
            Value::Object(map) => {
                for (k, v) in map {
                    if ADDRESS_KEYS.contains(&k.as_str()) && !(v.is_string() || v.is_null()) {
                        return Err(invalid(&format!("address.{k}"), "must be a string or null"));
                    }
                }
                out.insert("address".into(), Value::Object(map.clone()));
            }
            _ => return Err(invalid("address", "must be an object")),
        }
    }
    Ok(out)
}

/// A page of the listing, serialised from borrowed contacts.
#[derive(serde::Serialize)]
struct ListBody<'a> {
    data: Vec<&'a Map<String, Value>>,
    pagination: Value,
}

async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Response, ApiError> {
    let page = q.page()?;
    let mut store = state.contacts();
    let (data, total) = store.live_page(&caller.tenant_id, page.offset, page.limit);
    // Written out from the stored contacts under the lock rather than copied into a response
    // value first: a full listing is 500 pages of 200 contacts. Same bytes as Json(json!(..)).
    let body = json_bytes(&ListBody {
        data,
        pagination: page.pagination(total),
    })?;
    drop(store);
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}

async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, &allowed())?;
    let fields = changes(&body, false)?;
    let now = state.clock().stamp();
    let id = uuid::Uuid::now_v7().to_string();
    let mut contact = Map::new();
    contact.insert("id".into(), json!(id));
    contact.insert("tenantId".into(), json!(caller.tenant_id));
    for (_, response, _) in FIELDS {
        contact.insert((*response).into(), Value::Null);
    }
    contact.insert("address".into(), Value::Null);
    contact.extend(fields);
    contact.insert("created_at".into(), json!(now));
    contact.insert("updated_at".into(), json!(now));
    contact.insert("created_by".into(), json!(caller.session.user_id));
    contact.insert("updated_by".into(), json!(caller.session.user_id));
    state.contacts().insert(&caller.tenant_id, contact.clone());
    state.audit(&caller, "created", "contact", &id);
    Ok((StatusCode::CREATED, Json(json!({ "data": contact }))).into_response())
}

fn not_found() -> ApiError {
    ApiError::not_found("Contact not found")
}

async fn get_one(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut store = state.contacts();
    let c = store
        .tenant(&caller.tenant_id)
        .get(&id)
        .filter(|c| c.deleted_at.is_none())
        .ok_or_else(not_found)?;
    Ok(Json(json!({ "data": c.json })))
}

async fn update(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, &allowed())?;
    if body.0.is_empty() {
        return Err(invalid("body", "must have at least one property"));
    }
    let fields = changes(&body, true)?;
    let now = state.clock().stamp();
    let mut store = state.contacts();
    let c = store
        .tenant(&caller.tenant_id)
        .get_mut(&id)
        .filter(|c| c.deleted_at.is_none())
        .ok_or_else(not_found)?;
    c.json.extend(fields);
    c.json.insert("updated_at".into(), json!(now));
    c.json
        .insert("updated_by".into(), json!(caller.session.user_id));
    let out = c.json.clone();
    drop(store);
    state.audit(&caller, "updated", "contact", &id);
    Ok(Json(json!({ "data": out })))
}

async fn remove(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    caller.require_writer()?;
    let now = state.clock().stamp();
    let mut store = state.contacts();
    let c = store
        .tenant(&caller.tenant_id)
        .get_mut(&id)
        .filter(|c| c.deleted_at.is_none())
        .ok_or_else(not_found)?;
    c.deleted_at = Some(now);
    c.deleted_by = Some(caller.session.user_id.clone());
    drop(store);
    state.audit(&caller, "deleted", "contact", &id);
    Ok(StatusCode::NO_CONTENT)
}
