//! A tenant's custom domains: `/secure/tenant-domains` for the acting tenant and
//! `/secure/tenants/{id}/domains` for a named one serve the same rows, made, read, changed,
//! verified and deleted by the tenant's owners and admins (others get 403).
//!
//! Where the seed is silent:
//! - A name belongs to one tenant: a name another domain row has (in any tenant) is 422
//!   `ALREADY_EXISTS` naming `domain`.
//! - A new domain is `pending` with a 32-character verification token, the method asked
//!   (`cname` when none) and SSL `none`.
//! - The devserver looks up no DNS. Names under the reserved test names `.test`, `.example`
//!   and `.localhost` (RFC 2606, RFC 6761) answer as the instructions ask, so they verify
//!   (`verified`, SSL `issued` for 90 days); any other name fails (`failed`,
//!   `DNS_LOOKUP_FAILED`). A domain may be verified again from any status.
//! - Changing `domain` or `verification_method` starts verification over (pending, a new
//!   token, SSL none); `status` and the SSL fields may be set as given (operators do).
//! - Deleting removes the row (it is configuration; the audit row keeps that it existed).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use rand::Rng;
use serde_json::{json, Map, Value};

use super::routes::require_manager;
use crate::auth::guard::{Account, Caller};
use crate::body::schema::request_schema;
use crate::body::{invalid, Body};
use crate::error::ApiError;
use crate::state::AppState;

/// Where a verified domain's CNAME points.
const TARGET: &str = "edge.outpost.example";
const TOKEN_ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
/// The reserved names the devserver answers for (see the module docs).
const RESOLVED: &[&str] = &[".test", ".example", ".localhost"];

type Row = Map<String, Value>;

fn not_found() -> ApiError {
    ApiError::not_found("Domain not found")
}

fn new_token() -> String {
    let mut rng = rand::rng();
    (0..32)
        .map(|_| TOKEN_ALPHABET[rng.random_range(0..TOKEN_ALPHABET.len())] as char)
        .collect()
}

/// Whose domains a request acts on, after its right to them is checked.
struct Scope {
    tenant: String,
    user: String,
}

fn acting(caller: Caller) -> Result<Scope, ApiError> {
    caller.require_admin()?;
    Ok(Scope {
        tenant: caller.tenant_id,
        user: caller.session.user_id,
    })
}

fn named(
    state: &AppState,
    session: &crate::auth::store::Session,
    tenant: &str,
) -> Result<Scope, ApiError> {
    require_manager(&state.auth(), session, tenant)?;
    Ok(Scope {
        tenant: tenant.to_string(),
        user: session.user_id.clone(),
    })
}

fn find(state: &AppState, scope: &Scope, id: &str) -> Result<Row, ApiError> {
    let admin = state.tenant_admin();
    let rows = admin.tenant(&scope.tenant).map(|a| a.domains.as_slice());
    rows.unwrap_or_default()
        .iter()
        .find(|d| d["id"] == id)
        .cloned()
        .ok_or_else(not_found)
}

/// Changes the row `id` with `change`, stamps it and logs `action`.
fn change(
    state: &AppState,
    scope: &Scope,
    id: &str,
    action: &str,
    change: impl FnOnce(&mut Row, &str),
) -> Result<Row, ApiError> {
    find(state, scope, id)?;
    let now = state.clock().stamp();
    let row = {
        let mut admin = state.tenant_admin();
        let rows = &mut admin.tenant_mut(&scope.tenant).domains;
        let row = rows
            .iter_mut()
            .find(|d| d["id"] == id)
            .ok_or_else(not_found)?;
        change(row, &now);
        row.insert("updated_at".into(), json!(now));
        row.clone()
    };
    state.audit_at(
        &scope.tenant,
        &scope.user,
        action,
        "tenant_domain",
        id,
        &now,
    );
    Ok(row)
}

fn list(state: &AppState, scope: &Scope) -> Json<Value> {
    let admin = state.tenant_admin();
    let data = admin
        .tenant(&scope.tenant)
        .map(|a| a.domains.clone())
        .unwrap_or_default();
    Json(json!({ "data": data }))
}

fn taken(state: &AppState, domain: &str, except: Option<&str>) -> Result<(), ApiError> {
    if state.tenant_admin().domain_taken(domain, except) {
        let mut e = invalid("domain", "is already a domain of a tenant");
        e.code = "ALREADY_EXISTS";
        return Err(e);
    }
    Ok(())
}

fn create(
    state: &AppState,
    scope: &Scope,
    body: Body,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let domain = body.0["domain"].as_str().unwrap_or_default().to_string();
    taken(state, &domain, None)?;
    let now = state.clock().stamp();
    let id = uuid::Uuid::now_v7().to_string();
    let method = body
        .0
        .get("verification_method")
        .cloned()
        .unwrap_or(json!("cname"));
    let settings = body.0.get("settings").cloned().unwrap_or(json!({}));
    let row = json!({
        "id": id, "tenantId": scope.tenant, "domain": domain,
        "domain_type": body.0["domain_type"], "status": "pending",
        "verification_token": new_token(), "verification_method": method,
        "verified_at": null, "ssl_status": "none", "ssl_issued_at": null,
        "ssl_expires_at": null, "settings": settings, "created_at": now, "updated_at": now,
    });
    let Value::Object(row) = row else {
        unreachable!("a json! object")
    };
    state
        .tenant_admin()
        .tenant_mut(&scope.tenant)
        .domains
        .push(row.clone());
    state.audit_at(
        &scope.tenant,
        &scope.user,
        "created",
        "tenant_domain",
        &id,
        &now,
    );
    Ok((StatusCode::CREATED, Json(json!({ "data": row }))))
}

fn update(state: &AppState, scope: &Scope, id: &str, body: Body) -> Result<Json<Value>, ApiError> {
    let before = find(state, scope, id)?;
    if let Some(domain) = body.0.get("domain").and_then(Value::as_str) {
        taken(state, domain, Some(id))?;
    }
    let restarts = ["domain", "verification_method"]
        .iter()
        .any(|k| body.0.get(*k).is_some_and(|v| *v != before[*k]));
    let row = change(state, scope, id, "updated", |row, now| {
        if restarts {
            row.insert("status".into(), json!("pending"));
            row.insert("verification_token".into(), json!(new_token()));
            row.insert("verified_at".into(), Value::Null);
            row.insert("ssl_status".into(), json!("none"));
            row.insert("ssl_issued_at".into(), Value::Null);
            row.insert("ssl_expires_at".into(), Value::Null);
        }
        for (k, v) in &body.0 {
            row.insert(k.clone(), v.clone());
        }
        if row["status"] == "verified" && row["verified_at"].is_null() {
            row.insert("verified_at".into(), json!(now));
        }
    })?;
    Ok(Json(json!({ "data": row })))
}

fn remove(state: &AppState, scope: &Scope, id: &str) -> Result<StatusCode, ApiError> {
    find(state, scope, id)?;
    state
        .tenant_admin()
        .tenant_mut(&scope.tenant)
        .domains
        .retain(|d| d["id"] != id);
    let now = state.clock().stamp();
    state.audit_at(
        &scope.tenant,
        &scope.user,
        "deleted",
        "tenant_domain",
        id,
        &now,
    );
    Ok(StatusCode::NO_CONTENT)
}

fn text<'a>(row: &'a Row, key: &str) -> &'a str {
    row[key].as_str().unwrap_or_default()
}

/// What the domain's owner publishes for each method.
fn instructions(row: &Row) -> Value {
    let (domain, token) = (text(row, "domain"), text(row, "verification_token"));
    json!({
        "domain": domain,
        "domain_type": row["domain_type"],
        "method": row["verification_method"],
        "instructions": {
            "cname": { "name": domain, "record_type": "CNAME", "value": TARGET, "ttl": 3600 },
            "txt": {
                "name": format!("_outpost-verification.{domain}"), "record_type": "TXT",
                "value": format!("outpost-verification={token}"),
            },
            "http": {
                "url": format!("http://{domain}/.well-known/outpost-verification.txt"),
                "content": token,
            },
        },
    })
}

fn verify(state: &AppState, scope: &Scope, id: &str) -> Result<Json<Value>, ApiError> {
    let row = find(state, scope, id)?;
    let domain = text(&row, "domain").to_string();
    let method = text(&row, "verification_method").to_string();
    let token = text(&row, "verification_token").to_string();
    let resolves = RESOLVED.iter().any(|tld| domain.ends_with(tld));
    let expected = match method.as_str() {
        "txt" => format!("outpost-verification={token}"),
        "http" => token.clone(),
        _ => TARGET.to_string(),
    };
    let row = change(state, scope, id, "verified", |row, now| {
        if resolves {
            let expires = chrono::Utc::now() + chrono::Duration::days(90);
            let expires = expires.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            row.insert("status".into(), json!("verified"));
            row.insert("verified_at".into(), json!(now));
            row.insert("ssl_status".into(), json!("issued"));
            row.insert("ssl_issued_at".into(), json!(now));
            row.insert("ssl_expires_at".into(), json!(expires));
        } else {
            row.insert("status".into(), json!("failed"));
        }
    })?;
    let found = |what: &str| resolves && method == what;
    Ok(Json(json!({
        "domainId": id,
        "domain": domain,
        "verified": resolves,
        "method": method,
        "details": {
            "expectedTarget": expected,
            "cnameTarget": if found("cname") { json!(TARGET) } else { Value::Null },
            "txtRecordFound": if method == "txt" { json!(resolves) } else { Value::Null },
            "httpFileContent": if found("http") { json!(token) } else { Value::Null },
        },
        "error": if resolves { Value::Null } else { json!({
            "code": "DNS_LOOKUP_FAILED",
            "message": format!("The devserver resolves only names under {}; {domain} is not one", RESOLVED.join(", ")),
        }) },
        "verifiedAt": row["verified_at"],
    })))
}

/// The routes of `/secure/tenant-domains`: the acting tenant's domains.
pub mod acting_tenant {
    use super::*;

    pub async fn list(
        State(state): State<Arc<AppState>>,
        caller: Caller,
    ) -> Result<Json<Value>, ApiError> {
        let scope = acting(caller)?;
        Ok(super::list(&state, &scope))
    }

    pub async fn create(
        State(state): State<Arc<AppState>>,
        caller: Caller,
        body: Bytes,
    ) -> Result<(StatusCode, Json<Value>), ApiError> {
        let scope = acting(caller)?;
        let body = Body::checked(&body, request_schema!("POST__secure__tenant-domains"))?;
        super::create(&state, &scope, body)
    }

    pub async fn get_one(
        State(state): State<Arc<AppState>>,
        caller: Caller,
        Path(id): Path<String>,
    ) -> Result<Json<Value>, ApiError> {
        let scope = acting(caller)?;
        Ok(Json(json!({ "data": find(&state, &scope, &id)? })))
    }

    pub async fn update(
        State(state): State<Arc<AppState>>,
        caller: Caller,
        Path(id): Path<String>,
        body: Bytes,
    ) -> Result<Json<Value>, ApiError> {
        let scope = acting(caller)?;
        let body = Body::checked(
            &body,
            request_schema!("PATCH__secure__tenant-domains__{id}"),
        )?;
        super::update(&state, &scope, &id, body)
    }

    pub async fn delete(
        State(state): State<Arc<AppState>>,
        caller: Caller,
        Path(id): Path<String>,
    ) -> Result<StatusCode, ApiError> {
        let scope = acting(caller)?;
        remove(&state, &scope, &id)
    }

    pub async fn instructions(
        State(state): State<Arc<AppState>>,
        caller: Caller,
        Path(id): Path<String>,
    ) -> Result<Json<Value>, ApiError> {
        let scope = acting(caller)?;
        Ok(Json(super::instructions(&find(&state, &scope, &id)?)))
    }

    pub async fn verify(
        State(state): State<Arc<AppState>>,
        caller: Caller,
        Path(id): Path<String>,
    ) -> Result<Json<Value>, ApiError> {
        let scope = acting(caller)?;
        super::verify(&state, &scope, &id)
    }
}

/// The routes of `/secure/tenants/{id}/domains`: a named tenant's domains.
pub mod named_tenant {
    use super::*;

    pub async fn list(
        State(state): State<Arc<AppState>>,
        Account(session): Account,
        Path(tenant): Path<String>,
    ) -> Result<Json<Value>, ApiError> {
        let scope = named(&state, &session, &tenant)?;
        Ok(super::list(&state, &scope))
    }

    pub async fn create(
        State(state): State<Arc<AppState>>,
        Account(session): Account,
        Path(tenant): Path<String>,
        body: Bytes,
    ) -> Result<(StatusCode, Json<Value>), ApiError> {
        let scope = named(&state, &session, &tenant)?;
        let body = Body::checked(
            &body,
            request_schema!("POST__secure__tenants__{id}__domains"),
        )?;
        super::create(&state, &scope, body)
    }

    pub async fn get_one(
        State(state): State<Arc<AppState>>,
        Account(session): Account,
        Path((tenant, id)): Path<(String, String)>,
    ) -> Result<Json<Value>, ApiError> {
        let scope = named(&state, &session, &tenant)?;
        Ok(Json(json!({ "data": find(&state, &scope, &id)? })))
    }

    pub async fn update(
        State(state): State<Arc<AppState>>,
        Account(session): Account,
        Path((tenant, id)): Path<(String, String)>,
        body: Bytes,
    ) -> Result<Json<Value>, ApiError> {
        let scope = named(&state, &session, &tenant)?;
        let body = Body::checked(
            &body,
            request_schema!("PATCH__secure__tenants__{id}__domains__{domainId}"),
        )?;
        super::update(&state, &scope, &id, body)
    }

    pub async fn delete(
        State(state): State<Arc<AppState>>,
        Account(session): Account,
        Path((tenant, id)): Path<(String, String)>,
    ) -> Result<StatusCode, ApiError> {
        let scope = named(&state, &session, &tenant)?;
        remove(&state, &scope, &id)
    }

    pub async fn instructions(
        State(state): State<Arc<AppState>>,
        Account(session): Account,
        Path((tenant, id)): Path<(String, String)>,
    ) -> Result<Json<Value>, ApiError> {
        let scope = named(&state, &session, &tenant)?;
        Ok(Json(super::instructions(&find(&state, &scope, &id)?)))
    }

    pub async fn verify(
        State(state): State<Arc<AppState>>,
        Account(session): Account,
        Path((tenant, id)): Path<(String, String)>,
    ) -> Result<Json<Value>, ApiError> {
        let scope = named(&state, &session, &tenant)?;
        super::verify(&state, &scope, &id)
    }
}
