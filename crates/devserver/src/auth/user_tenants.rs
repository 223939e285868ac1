//! `GET /public/auth/user-tenants?email=`: the tenants an address can sign in to, for a sign-in
//! page that asks for the tenant. As the seed says, an address without an account gets an
//! empty list, the same answer as an account without tenants.
//!
//! Where the seed is silent: "can sign in to" means an active membership in an active tenant;
//! `email` is required and must be an address (422 naming it otherwise).

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::body::invalid;
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> Router<Arc<AppState>> {
    Router::new().route("/api/v1/public/auth/user-tenants", get(user_tenants))
}

#[derive(Deserialize)]
struct EmailQuery {
    email: Option<String>,
}

async fn user_tenants(
    State(state): State<Arc<AppState>>,
    Query(q): Query<EmailQuery>,
) -> Result<Json<Value>, ApiError> {
    let email = q
        .email
        .filter(|e| !e.trim().is_empty())
        .ok_or_else(|| invalid("email", "is required"))?;
    let (local, domain) = email.split_once('@').unwrap_or_default();
    if local.is_empty() || !domain.contains('.') {
        return Err(invalid("email", "must be an email address"));
    }
    let auth = state.auth();
    let tenants: Vec<Value> = auth
        .user_by_email(email.trim())
        .map(|user| {
            auth.memberships_of(&user.id)
                .filter(|m| m.status == "active")
                .filter_map(|m| auth.tenant(&m.tenant_id))
                .filter(|t| t.status == "active")
                .map(|t| json!({ "id": t.id, "name": t.name, "slug": t.slug }))
                .collect()
        })
        .unwrap_or_default();
    Ok(Json(json!({
        "hasMultipleTenants": tenants.len() > 1,
        "tenants": tenants,
    })))
}
