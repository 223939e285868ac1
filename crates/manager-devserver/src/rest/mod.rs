//! The seed's REST routes: machine-user validation and check, register-backend,
//! validate-proxy-auth, frontend-config, the pilet feed and the pilet package routes. Errors
//! are the seed's body `{"error", "code", "status"}`.

mod frontend;
mod machine;
mod pilets;

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::Router;

use crate::audit::Origin;
use crate::auth::{self, Caller};
use crate::error::{ApiError, RestError};
use crate::store::Store;

pub fn router(store: Arc<Store>) -> Router {
    Router::new()
        .route("/api/validate-machine-user", post(machine::validate))
        .route("/api/machine/check", get(machine::check))
        .route(
            "/api/machine/register-backend",
            post(machine::register_backend),
        )
        .route(
            "/api/validate-proxy-auth",
            post(machine::validate_proxy_auth),
        )
        .route(
            "/api/frontend-config/{application_id}",
            get(frontend::config),
        )
        .route("/pilet-feed/{application_id}", get(pilets::feed))
        .route("/pilets/{project_id}", get(pilets::list))
        .route(
            "/pilets/{project_id}/{*name_and_version}",
            get(pilets::download)
                .post(pilets::upload)
                .delete(pilets::remove),
        )
        .with_state(store)
}

/// The caller of a REST route that needs one: 401 without credentials or with wrong ones.
fn caller(store: &Store, headers: &HeaderMap) -> Result<Caller, RestError> {
    let found = auth::authenticate(headers, &mut store.lock());
    match found {
        Ok(Some(c)) => Ok(c),
        Ok(None) => Err(ApiError::unauthenticated("Authentication required").into()),
        Err(_) => Err(RestError::invalid_credentials()),
    }
}

fn origin(headers: &HeaderMap) -> Origin {
    crate::http::origin(headers, None)
}

/// A JSON body the route can read, else 400 naming what is wrong with it.
fn body<T>(body: Result<axum::Json<T>, JsonRejection>) -> Result<T, RestError> {
    body.map(|axum::Json(b)| b)
        .map_err(|e| RestError::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", e.body_text()))
}

/// Writes what the route changed before its answer leaves.
fn flush(store: &Store) -> Result<(), RestError> {
    store
        .flush()
        .map_err(|e| ApiError::internal(format!("cannot store the change: {e:#}")).into())
}
