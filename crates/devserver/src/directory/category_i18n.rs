//! `PATCH /secure/taxonomy/categories/{id}/i18n`: upserts one locale's name and description of
//! a category, for the tenant's owners and admins (as the category's other changes). The
//! category shows them in its `translations_i18n`; the answer is the seed's translation row.
//!
//! Where the seed is silent: a translation's id is derived from its category and locale (the
//! same each time it is upserted), and when it was first and last written is kept beside the
//! tenant's administration (`TenantAdmin::category_translations`). Upserting writes an audit
//! row (`translated category`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::body::schema::request_schema;
use crate::body::Body;
use crate::error::ApiError;
use crate::state::AppState;

/// The id of the translation of category `id` into `locale`.
fn translation_id(id: &str, locale: &str) -> String {
    let name = format!("outpost/category-translation/{id}/{locale}");
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, name.as_bytes()).to_string()
}

pub async fn upsert(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let body = Body::checked(
        &body,
        request_schema!("PATCH__secure__taxonomy__categories__{id}__i18n"),
    )?;
    let locale = body.0["locale"].as_str().unwrap_or_default().to_string();
    let name = body.0["name"].clone();
    let description = body.0.get("description").cloned().unwrap_or(Value::Null);
    let now = state.clock().stamp();
    {
        let mut directory = state.directory();
        let exists = directory
            .tenant(&caller.tenant_id)
            .is_some_and(|d| d.category(&id).is_some());
        if !exists {
            return Err(ApiError::not_found("Category not found"));
        }
        let dir = directory.tenant_mut(&caller.tenant_id);
        let row = dir
            .categories
            .iter_mut()
            .find(|c| c["id"] == id.as_str())
            .ok_or_else(|| ApiError::not_found("Category not found"))?;
        let translations = row.entry("translations_i18n").or_insert_with(|| json!({}));
        if !translations.is_object() {
            *translations = json!({});
        }
        translations[&locale] = json!({ "name": name, "description": description });
        row.insert("updated_at".into(), json!(now));
    }
    let key = format!("{id}/{locale}");
    let created = {
        let mut admin = state.tenant_admin();
        let kept = admin
            .tenant_mut(&caller.tenant_id)
            .category_translations
            .entry(key)
            .or_insert_with(|| json!({ "created_at": now }));
        kept["updated_at"] = json!(now);
        kept["created_at"].clone()
    };
    state.audit(&caller, "translated", "category", &id);
    Ok(Json(json!({ "data": {
        "id": translation_id(&id, &locale),
        "tenantId": caller.tenant_id,
        "category_id": id,
        "locale": locale,
        "name": name,
        "description": description,
        "created_at": created,
        "updated_at": now,
    }})))
}
