//! The signed-in user's own profile: `GET /auth/me` shows it, `PATCH /auth/me` edits it (the
//! fields of an admin's `PATCH /users/{id}`, for oneself), `DELETE /auth/me/preferences`
//! resets the settings to none.
//!
//! Where the seed is silent: both edits need the second factor done (they change the account,
//! like changing the password); the profile is the user's in every tenant, so each of their
//! tenants' audit logs gets a row; resetting the preferences clears `settings` and keeps the
//! name and locale.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{delete, patch};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::guard::Account;
use super::store::{AuthStore, User};
use crate::body::schema::request_schema;
use crate::body::Body;
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/secure/auth/me", patch(update))
        .route(
            "/api/v1/secure/auth/me/preferences",
            delete(reset_preferences),
        )
}

/// The user as `/auth/me` shows them in `tenant_id`.
pub fn me_json(auth: &AuthStore, user: &User, tenant_id: &str) -> Value {
    let mut out = super::routes::user_json(auth, user, tenant_id);
    let profile = |key: &str, unset: Value| user.profile.get(key).cloned().unwrap_or(unset);
    out["locale"] = profile("locale", json!("en"));
    out["settings"] = profile("settings", json!({}));
    out["typeDefinitionId"] = profile("type_definition_id", Value::Null);
    out
}

/// Changes the caller's profile with `edit` and answers it; an audit row in each of their
/// tenants.
fn edit(
    state: &AppState,
    session: &super::store::Session,
    edit: impl FnOnce(&mut User, &str),
) -> Result<Json<Value>, ApiError> {
    let now = state.clock().stamp();
    let (user, tenants) = {
        let mut auth = state.auth();
        let user = auth
            .user_mut(&session.user_id)
            .ok_or_else(|| ApiError::not_found("User not found"))?;
        edit(user, &now);
        let user = user.clone();
        let tenants: Vec<String> = auth
            .memberships_of(&session.user_id)
            .map(|m| m.tenant_id.clone())
            .collect();
        (me_json(&auth, &user, &session.active_tenant_id), tenants)
    };
    for tenant in tenants {
        state.audit_at(
            &tenant,
            &session.user_id,
            "updated",
            "user",
            &session.user_id,
            &now,
        );
    }
    Ok(Json(json!({ "user": user })))
}

async fn update(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::checked(&body, request_schema!("PATCH__secure__auth__me"))?;
    edit(&state, &session, |user, now| {
        crate::directory::user_admin::edit_profile(user, &body, now)
    })
}

async fn reset_preferences(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
) -> Result<Json<Value>, ApiError> {
    edit(&state, &session, |user, now| {
        user.profile.remove("settings");
        user.profile.insert("updated_at".into(), json!(now));
    })
}
