//! Routes for the Proxy and for backends: `POST /api/validate-machine-user`,
//! `GET /api/machine/check`, `POST /api/machine/register-backend`,
//! `POST /api/validate-proxy-auth`. Wrong credentials answer 401 `INVALID_CREDENTIALS`.

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{body, caller, flush, origin};
use crate::audit::{self, snapshot, Entry};
use crate::auth::{self, Caller};
use crate::error::{ApiError, RestError};
use crate::ids::now;
use crate::records::Backend;
use crate::store::Store;
use crate::{access, validate};

#[derive(Deserialize)]
pub struct Credentials {
    username: String,
    token: String,
}

pub async fn validate(
    State(store): State<Arc<Store>>,
    json: Result<Json<Credentials>, JsonRejection>,
) -> Result<Json<Value>, RestError> {
    let c = body(json)?;
    let data = store.lock();
    match auth::machine_by_password(&c.username, &c.token, &data) {
        Ok(Caller::Machine { id, tenant_id }) => Ok(Json(json!({
            "valid": true,
            "tenantId": tenant_id,
            "machineUserId": id,
        }))),
        _ => Err(RestError::invalid_credentials()),
    }
}

fn machine(caller: Caller) -> Result<(String, String), RestError> {
    match caller {
        Caller::Machine { id, tenant_id } => Ok((id, tenant_id)),
        Caller::User { .. } => Err(RestError::new(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "This route is for machine users",
        )),
    }
}

pub async fn check(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
) -> Result<Json<Value>, RestError> {
    let (id, tenant_id) = machine(caller(&store, &headers)?)?;
    Ok(Json(json!({
        "authenticated": true,
        "machineUserId": id,
        "tenantId": tenant_id,
    })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    name: String,
    callback_url: String,
    description: Option<String>,
}

/// Registers (or, under the same name, re-registers) the calling machine user's backend.
pub async fn register_backend(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    json: Result<Json<Registration>, JsonRejection>,
) -> Result<Json<Value>, RestError> {
    let who = caller(&store, &headers)?;
    let (machine_id, tenant_id) = machine(who.clone())?;
    let r = body(json)?;
    let name = validate::name("name", &r.name)?;
    let url = validate::url("callbackUrl", &r.callback_url)?;
    let answer = {
        let mut data = store.lock();
        let before = data
            .backends
            .values()
            .find(|b| b.machine_user_id == machine_id && b.name == name)
            .cloned();
        let at = now();
        let backend = Backend {
            id: before
                .as_ref()
                .map_or_else(|| crate::ids::new_id().to_string(), |b| b.id.clone()),
            name,
            callback_url: url,
            description: r.description,
            machine_user_id: machine_id.clone(),
            tenant_id: tenant_id.clone(),
            created_at: before
                .as_ref()
                .map_or_else(|| at.clone(), |b| b.created_at.clone()),
            updated_at: at,
        };
        data.backends.insert(backend.id.clone(), backend.clone());
        let project = access::project_of_tenant(&data, &tenant_id);
        audit::record(
            &mut data,
            &who,
            &origin(&headers),
            Entry {
                project: project.as_deref(),
                entity_type: "backend",
                entity_id: &backend.id,
                action: if before.is_some() { "update" } else { "create" },
                operation: "POST /api/machine/register-backend",
                description: format!("Registered backend {}", backend.name),
                before: before.as_ref().and_then(snapshot),
                after: snapshot(&backend),
            },
        );
        json!({
            "id": backend.id,
            "name": backend.name,
            "callbackUrl": backend.callback_url,
            "machineUserId": backend.machine_user_id,
        })
    };
    flush(&store)?;
    Ok(Json(answer))
}

#[derive(Deserialize)]
pub struct ProxyToken {
    token: String,
}

/// The Proxy's check of a user's token. This devserver has no web sessions: the token is a
/// personal access token.
pub async fn validate_proxy_auth(
    State(store): State<Arc<Store>>,
    json: Result<Json<ProxyToken>, JsonRejection>,
) -> Result<Json<Value>, RestError> {
    let t = body(json)?;
    let mut headers = HeaderMap::new();
    let value = format!("Bearer {}", t.token)
        .parse()
        .map_err(|_| RestError::invalid_credentials())?;
    headers.insert(axum::http::header::AUTHORIZATION, value);
    let who = auth::authenticate(&headers, &mut store.lock());
    let answer = match who {
        Ok(Some(Caller::User { id, .. })) => {
            let data = store.lock();
            let user = data
                .users
                .get(&id)
                .ok_or_else(|| RestError::from(ApiError::not_found("User")))?;
            json!({ "valid": true, "userId": id, "username": user.username })
        }
        _ => return Err(RestError::invalid_credentials()),
    };
    flush(&store)?;
    Ok(Json(answer))
}
