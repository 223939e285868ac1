//! `/api/v1/public/auth/*` and `/api/v1/secure/auth/*`, shapes as the seed gives them.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::guard::{Account, AnySession};
use super::store::{now_unix, AuthStore, IssuedTokens, User};
use super::throttle;
use super::two_factor;
use crate::body::Body;
use crate::error::ApiError;
use crate::state::AppState;
use crate::totp;

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/public/auth/login", post(login))
        .route("/api/v1/public/auth/refresh", post(refresh))
        .route("/api/v1/secure/auth/logout", post(logout))
        .route("/api/v1/secure/auth/me", get(me))
        .route("/api/v1/secure/auth/tenants", get(tenants))
        .route("/api/v1/secure/auth/switch-tenant", post(switch_tenant))
        .route("/api/v1/secure/auth/default-tenant", patch(default_tenant))
        .route("/api/v1/secure/auth/2fa/status", get(two_factor_status))
        .route("/api/v1/secure/auth/2fa/verify", post(two_factor_verify))
        .route("/api/v1/secure/auth/2fa/use-backup", post(use_backup_code))
        .merge(two_factor::router())
        .merge(super::account::router())
        .merge(super::profile::router())
        .merge(super::password_reset::router())
        .merge(super::user_tenants::router())
}

fn tokens_json(t: &IssuedTokens) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("accessToken".into(), json!(t.access));
    m.insert("refreshToken".into(), json!(t.refresh));
    m.insert("expiresIn".into(), json!(t.expires_in));
    m
}

/// The `user` object of login and `/me`.
pub(super) fn user_json(auth: &AuthStore, user: &User, tenant_id: &str) -> Value {
    let role = auth
        .membership(&user.id, tenant_id)
        .map(|m| m.role.as_str())
        .unwrap_or("member");
    let admin = matches!(role, "owner" | "admin");
    json!({
        "id": user.id,
        "email": user.email,
        "displayName": user.display_name,
        "tenantId": tenant_id,
        "tenantName": auth.tenant(tenant_id).map(|t| t.name.clone()),
        "groups": [],
        "groupDetails": [],
        "permissions": [],
        "isSystemAdmin": false,
        "isTenantAdmin": admin,
    })
}

pub(super) fn bad_code(message: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "INVALID_CODE", message)
}

/// A code that was checked and is wrong: counted against the user ([`throttle`]).
pub(super) fn wrong_code(
    auth: &mut AuthStore,
    user_id: &str,
    at: std::time::Instant,
    message: &str,
) -> ApiError {
    auth.code_throttle.failed(user_id, at);
    bad_code(message)
}

async fn login(State(state): State<Arc<AppState>>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body, &["email", "password", "rememberMe", "tenantId"])?;
    let email = body.email("email", body.required_str("email")?)?;
    // The seed gives a minimum only; the body limit (2 MiB) bounds the rest.
    let password = body.sized("password", body.required_str("password")?, 8, usize::MAX)?;
    body.bool("rememberMe")?;
    let wanted_tenant = match body.str("tenantId")? {
        Some(t) => Some(body.uuid("tenantId", t)?.to_string()),
        None => None,
    };
    let mut auth = state.auth();
    let user = auth
        .user_by_email(email)
        .filter(|u| u.password.matches(password))
        .cloned()
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "INVALID_CREDENTIALS",
                "Invalid email or password",
            )
        })?;
    let tenant_id = wanted_tenant.unwrap_or_else(|| user.default_tenant_id.clone());
    if auth.membership(&user.id, &tenant_id).is_none() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "You are not a member of this tenant",
        ));
    }
    let pending = auth.second_factor_on(&user.id);
    let issued = auth.open_session(&user.id, &tenant_id, pending);
    let mut out = tokens_json(&issued);
    out.insert("user".into(), user_json(&auth, &user, &tenant_id));
    Ok(Json(Value::Object(out)))
}

async fn refresh(State(state): State<Arc<AppState>>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body, &["refreshToken"])?;
    let token = body.required_str("refreshToken")?;
    let issued = state.auth().rotate(token).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_REFRESH_TOKEN",
            "The refresh token is not valid (expired, revoked or already used)",
        )
    })?;
    Ok(Json(Value::Object(tokens_json(&issued))))
}

async fn logout(
    State(state): State<Arc<AppState>>,
    AnySession(session): AnySession,
) -> Json<Value> {
    state.auth().revoke(&session.id);
    Json(json!({ "message": "Signed out" }))
}

async fn me(
    State(state): State<Arc<AppState>>,
    AnySession(session): AnySession,
) -> Result<Json<Value>, ApiError> {
    let auth = state.auth();
    let user = auth
        .user(&session.user_id)
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    let user = super::profile::me_json(&auth, user, &session.active_tenant_id);
    Ok(Json(json!({ "user": user })))
}

/// `tenants`, `switch-tenant` and `default-tenant` take an [`Account`], not a `Caller`: they
/// are how a user whose active tenant was suspended finds and moves to another one, so the
/// active tenant's status must not lock them out.
async fn tenants(State(state): State<Arc<AppState>>, Account(session): Account) -> Json<Value> {
    let auth = state.auth();
    let user = auth.user(&session.user_id);
    let default = user.map(|u| u.default_tenant_id.clone());
    let data: Vec<Value> = auth
        .memberships_of(&session.user_id)
        .filter_map(|m| {
            let t = auth.tenant(&m.tenant_id)?;
            // A suspended tenant makes the membership unusable whatever its own status.
            let status = if t.status == "active" {
                m.status.as_str()
            } else {
                "suspended"
            };
            Some(json!({
                "user_id": m.user_id,
                "tenantId": m.tenant_id,
                "role": m.role,
                "status": status,
                "is_default": Some(&m.tenant_id) == default.as_ref(),
                "joined_at": m.joined_at,
                "tenantName": t.name,
                "tenantSlug": t.slug,
            }))
        })
        .collect();
    Json(json!({
        "data": data,
        "activeTenantId": session.active_tenant_id,
        "defaultTenantId": default,
    }))
}

async fn switch_tenant(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body, &["tenantId"])?;
    let tenant_id = body
        .uuid("tenantId", body.required_str("tenantId")?)?
        .to_string();
    let mut auth = state.auth();
    let forbidden = |m: String| ApiError::new(StatusCode::FORBIDDEN, "FORBIDDEN", m);
    let membership = auth
        .membership(&session.user_id, &tenant_id)
        .cloned()
        .ok_or_else(|| forbidden("You are not a member of this tenant".into()))?;
    let tenant = auth
        .tenant(&tenant_id)
        .cloned()
        .ok_or_else(|| forbidden("Unknown tenant".into()))?;
    if membership.status != "active" || tenant.status != "active" {
        return Err(forbidden(format!(
            "The tenant {} cannot be used now",
            tenant.name
        )));
    }
    if let Some(s) = auth.session_mut(&session.id) {
        s.active_tenant_id = tenant_id.clone();
    }
    Ok(Json(json!({
        "success": true,
        "tenantId": tenant.id,
        "tenantName": tenant.name,
        "tenantSlug": tenant.slug,
        "role": membership.role,
    })))
}

async fn default_tenant(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body, &["tenantId"])?;
    let tenant_id = body
        .uuid("tenantId", body.required_str("tenantId")?)?
        .to_string();
    let mut auth = state.auth();
    if auth.membership(&session.user_id, &tenant_id).is_none() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "You are not a member of this tenant",
        ));
    }
    if let Some(u) = auth.user_mut(&session.user_id) {
        u.default_tenant_id = tenant_id.clone();
    }
    Ok(Json(
        json!({ "success": true, "defaultTenantId": tenant_id }),
    ))
}

async fn two_factor_status(
    State(state): State<Arc<AppState>>,
    AnySession(session): AnySession,
) -> Result<Json<Value>, ApiError> {
    let auth = state.auth();
    let user = auth
        .user(&session.user_id)
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    let mut methods: Vec<Value> = user
        .totp_secret
        .iter()
        .map(|_| json!({ "method": "totp", "enabled_at": user.two_factor_enabled_at }))
        .collect();
    methods.extend(
        auth.delivery_factors
            .iter()
            .filter(|f| f.user_id == user.id)
            .filter_map(|f| {
                Some(json!({
                    "method": f.method,
                    "enabled_at": f.enabled_at.as_ref()?,
                    "last_used_at": f.last_used_at,
                    "delivery_target_masked": two_factor::mask(&f.method, &f.target),
                }))
            }),
    );
    Ok(Json(json!({
        "data": {
            "enabled_methods": methods,
            "backup_codes_remaining": user.backup_codes.len(),
            "requires_2fa": auth.second_factor_on(&user.id),
        }
    })))
}

/// Checks a code of an enabled method, or of a setup begun by `enable/{method}` (which it then
/// enables). A session still waiting for its second factor may only use methods that were
/// already enabled: a setup is no proof of who is signing in.
async fn two_factor_verify(
    State(state): State<Arc<AppState>>,
    AnySession(session): AnySession,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body, &["method", "code"])?;
    let method = body.one_of(
        "method",
        body.required_str("method")?,
        &["totp", "sms", "email", "whatsapp"],
    )?;
    let code = body.sized("code", body.required_str("code")?, 6, 8)?;
    let now = now_unix();
    let at = std::time::Instant::now();
    let stamp = state.clock().stamp();
    let mut auth = state.auth();
    auth.code_throttle
        .may_attempt(&session.user_id, at)
        .map_err(throttle::locked_out)?;
    let user = auth
        .user(&session.user_id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    let not_enabled = || bad_code(&format!("{method} is not enabled for this account"));
    if method == "totp" {
        if let Some(secret) = &user.totp_secret {
            if !totp::verify(secret, code, now) {
                return Err(wrong_code(&mut auth, &user.id, at, "The code is not valid"));
            }
        } else {
            let setup = match auth.totp_setups.get(&user.id) {
                Some(setup) if !session.second_factor_pending => setup.clone(),
                _ => return Err(not_enabled()),
            };
            if !totp::verify(&setup.secret, code, now) {
                return Err(wrong_code(&mut auth, &user.id, at, "The code is not valid"));
            }
            auth.totp_setups.remove(&user.id);
            if let Some(u) = auth.user_mut(&user.id) {
                u.totp_secret = Some(setup.secret);
                u.backup_codes = setup.backup_codes;
                u.two_factor_enabled_at = Some(stamp.clone());
            }
        }
    } else {
        let enabled = match auth.delivery_factor_mut(&user.id, method) {
            Some(f) if f.enabled_at.is_some() => true,
            Some(_) if !session.second_factor_pending => false,
            _ => return Err(not_enabled()),
        };
        if !auth.spend_sent_code(&user.id, method, code, now) {
            return Err(wrong_code(
                &mut auth,
                &user.id,
                at,
                "The code is not valid, has expired or was used already",
            ));
        }
        if let Some(f) = auth.delivery_factor_mut(&user.id, method) {
            if !enabled {
                f.enabled_at = Some(stamp.clone());
            }
            f.last_used_at = Some(stamp);
        }
    }
    auth.code_throttle.succeeded(&user.id);
    if let Some(s) = auth.session_mut(&session.id) {
        s.second_factor_pending = false;
    }
    Ok(Json(json!({
        "success": true,
        "message": "Code verified",
        "data": { "method": method, "verified": true, "enabled": true },
    })))
}

async fn use_backup_code(
    State(state): State<Arc<AppState>>,
    AnySession(session): AnySession,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body, &["code"])?;
    let code = body
        .sized("code", body.required_str("code")?, 8, 12)?
        .to_string();
    let at = std::time::Instant::now();
    let mut auth = state.auth();
    auth.code_throttle
        .may_attempt(&session.user_id, at)
        .map_err(throttle::locked_out)?;
    let user = auth
        .user_mut(&session.user_id)
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    let Some(index) = user.backup_codes.iter().position(|c| c.matches(&code)) else {
        return Err(wrong_code(
            &mut auth,
            &session.user_id,
            at,
            "The backup code is not valid or was used already",
        ));
    };
    user.backup_codes.remove(index);
    let remaining = user.backup_codes.len();
    auth.code_throttle.succeeded(&session.user_id);
    if let Some(s) = auth.session_mut(&session.id) {
        s.second_factor_pending = false;
    }
    Ok(Json(json!({
        "success": true,
        "message": "Backup code accepted",
        "data": { "used": true, "remaining": remaining },
    })))
}
