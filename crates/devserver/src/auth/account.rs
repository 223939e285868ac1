//! The signed-in user's own account beyond sign-in: their role in the acting tenant
//! (`GET /auth/tenant-role`), a new password (`POST /auth/me/change-password`) and leaving a
//! tenant (`POST /auth/leave-tenant/{tenantId}`).
//!
//! Where the seed is silent: a wrong current password is 401 `INVALID_CREDENTIALS`; a new
//! password equal to the current one is 422 naming `newPassword`; other sessions stay open.
//! Leaving removes the membership (its audit row stays in the tenant's log); the last active
//! owner cannot leave (422 `LAST_OWNER`); a tenant the user is not in is 404; when it was the
//! default tenant, another of theirs becomes the default.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::guard::{Account, Caller};
use crate::auth::secret::SaltedHash;
use crate::body::schema::request_schema;
use crate::body::{invalid, Body};
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> Router<Arc<AppState>> {
    let base = "/api/v1/secure/auth";
    Router::new()
        .route(&format!("{base}/tenant-role"), get(tenant_role))
        .route(&format!("{base}/me/change-password"), post(change_password))
        .route(
            &format!("{base}/leave-tenant/{{tenantId}}"),
            post(leave_tenant),
        )
}

async fn tenant_role(caller: Caller) -> Json<Value> {
    Json(json!({ "tenantId": caller.tenant_id, "role": caller.role }))
}

async fn change_password(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__auth__me__change-password"),
    )?;
    let current = body.required_str("currentPassword")?;
    let new = body.required_str("newPassword")?;
    let mut auth = state.auth();
    let user = auth
        .user_mut(&session.user_id)
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    if !user.password.matches(current) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_CREDENTIALS",
            "The current password is not right",
        ));
    }
    if current == new {
        return Err(invalid(
            "newPassword",
            "must differ from the current password",
        ));
    }
    user.password = SaltedHash::new(new);
    Ok(Json(
        json!({ "data": { "success": true, "message": "Password changed" } }),
    ))
}

async fn leave_tenant(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(tenant_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    {
        let mut auth = state.auth();
        let me = &session.user_id;
        let membership = auth
            .membership(me, &tenant_id)
            .ok_or_else(|| ApiError::not_found("You are not a member of this tenant"))?;
        let owner = membership.role == "owner" && membership.status == "active";
        let other_owners = auth
            .memberships
            .iter()
            .filter(|m| m.tenant_id == tenant_id && &m.user_id != me)
            .any(|m| m.role == "owner" && m.status == "active");
        if owner && !other_owners {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "LAST_OWNER",
                "The last owner cannot leave: make another member owner first",
            ));
        }
        auth.memberships
            .retain(|m| !(m.user_id == *me && m.tenant_id == tenant_id));
        let other = auth.memberships_of(me).next().map(|m| m.tenant_id.clone());
        if let Some(user) = auth.user_mut(me) {
            if user.default_tenant_id == tenant_id {
                user.default_tenant_id = other.unwrap_or_default();
            }
        }
    }
    let now = state.clock().stamp();
    state.audit_at(
        &tenant_id,
        &session.user_id,
        "left",
        "user",
        &session.user_id,
        &now,
    );
    Ok(Json(
        json!({ "success": true, "message": "You left the tenant" }),
    ))
}
