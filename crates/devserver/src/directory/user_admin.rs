//! Managing the tenant's users: create an account as a member (`POST /users`), edit a profile
//! (`PATCH /users/{id}`), a user with their groups, permissions and recent activity
//! (`GET /users/{id}/context`), and a temporary password (`POST /users/{id}/reset-password`).
//!
//! Where the seed is silent: owners and admins create users and reset passwords; a profile is
//! edited by them or by the user themselves. A new user joins as an active `member` (roles are
//! given by invitations). An address that already has an account is refused (the seed lists
//! no 409 here: 422 `ALREADY_EXISTS` naming `email`); its owner joins through an invitation,
//! since the password given here would not be theirs. Clearing
//! `displayName` (null) derives it again from the first and last name.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use rand::Rng;
use serde_json::{json, Value};

use super::users::{member_user, user_json};
use crate::auth::guard::Caller;
use crate::auth::secret::SaltedHash;
use crate::auth::store::{Membership, User};
use crate::body::schema::request_schema;
use crate::body::Body;
use crate::error::ApiError;
use crate::state::AppState;

fn not_found() -> ApiError {
    ApiError::not_found("User not found")
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require_admin()?;
    let body = Body::checked(&body, request_schema!("POST__secure__users"))?;
    let email = body.required_str("email")?.to_lowercase();
    let password = body.required_str("password")?;
    let now = state.clock().stamp();
    let mut profile = serde_json::Map::new();
    if let Some(locale) = body.str("locale")? {
        profile.insert("locale".into(), json!(locale));
    }
    if let Some(settings) = body.0.get("settings") {
        profile.insert("settings".into(), settings.clone());
    }
    if let Some(t) = body.0.get("typeDefinitionId") {
        profile.insert("type_definition_id".into(), t.clone());
    }
    let name = body.str("displayName")?.map(str::to_string);
    let id = uuid::Uuid::now_v7().to_string();
    let data = {
        let mut auth = state.auth();
        if auth.user_by_email(&email).is_some() {
            let mut e = ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "ALREADY_EXISTS",
                "email: an account with this address exists already; invite it instead",
            );
            e.details = Some(json!({ "field": "email" }));
            return Err(e);
        }
        let user = User {
            id: id.clone(),
            email: email.clone(),
            display_name: name.unwrap_or_else(|| email.split('@').next().unwrap_or("").into()),
            password: SaltedHash::new(password),
            default_tenant_id: caller.tenant_id.clone(),
            totp_secret: None,
            backup_codes: Vec::new(),
            two_factor_enabled_at: None,
            profile,
        };
        let membership = Membership {
            user_id: id.clone(),
            tenant_id: caller.tenant_id.clone(),
            role: "member".into(),
            status: "active".into(),
            joined_at: now,
        };
        let data = user_json(&user, &membership);
        auth.users.push(user);
        auth.memberships.push(membership);
        data
    };
    state.audit(&caller, "created", "user", &id);
    Ok((StatusCode::CREATED, Json(json!({ "data": data }))))
}

/// Applies a profile edit (the camelCase fields of `PATCH /users/{id}` and `PATCH /auth/me`)
/// to `user`, stamped `now`.
pub(crate) fn edit_profile(user: &mut crate::auth::store::User, body: &Body, now: &str) {
    for (from, to) in [
        ("firstName", "first_name"),
        ("middleName", "middle_name"),
        ("lastName", "last_name"),
        ("locale", "locale"),
        ("settings", "settings"),
        ("typeDefinitionId", "type_definition_id"),
    ] {
        if let Some(v) = body.0.get(from) {
            user.profile.insert(to.into(), v.clone());
        }
    }
    match body.0.get("displayName") {
        Some(Value::String(name)) => user.display_name = name.clone(),
        Some(_) => user.display_name = derived_name(&user.profile, &user.email),
        None => {}
    }
    user.profile.insert("updated_at".into(), json!(now));
}

/// The display name the first and last name make, when the edit clears it.
fn derived_name(profile: &serde_json::Map<String, Value>, fallback: &str) -> String {
    let parts: Vec<&str> = ["first_name", "middle_name", "last_name"]
        .iter()
        .filter_map(|k| profile.get(*k).and_then(Value::as_str))
        .filter(|s| !s.trim().is_empty())
        .collect();
    if parts.is_empty() {
        fallback.to_string()
    } else {
        parts.join(" ")
    }
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    if caller.session.user_id != id {
        caller.require_admin()?;
    }
    let body = Body::checked(&body, request_schema!("PATCH__secure__users__{id}"))?;
    let now = state.clock().stamp();
    let data = {
        let mut auth = state.auth();
        let membership = member_user(&auth, &caller.tenant_id, &id)
            .ok_or_else(not_found)?
            .1
            .clone();
        let user = auth.user_mut(&id).ok_or_else(not_found)?;
        edit_profile(user, &body, &now);
        user_json(user, &membership)
    };
    state.audit(&caller, "updated", "user", &id);
    Ok(Json(json!({ "data": data })))
}

pub async fn context(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let user = {
        let auth = state.auth();
        let (user, membership) =
            member_user(&auth, &caller.tenant_id, &id).ok_or_else(not_found)?;
        user_json(user, membership)
    };
    let (groups, permissions) = {
        let directory = state.directory();
        let mut groups = Vec::new();
        let mut permissions = BTreeSet::new();
        if let Some(dir) = directory.tenant(&caller.tenant_id) {
            for g in &dir.groups {
                let gid = g["id"].as_str().unwrap_or_default();
                let member = dir
                    .members
                    .get(gid)
                    .is_some_and(|m| m.iter().any(|m| m.user_id == id));
                if !member {
                    continue;
                }
                groups.push(
                    json!({ "id": g["id"], "name": g["name"], "permissions": g["permissions"] }),
                );
                for p in g["permissions"].as_array().into_iter().flatten() {
                    permissions.extend(p.as_str().map(str::to_string));
                }
            }
        }
        (groups, permissions)
    };
    // "calendar:write" is the action write on the resource calendar.
    let permissions: Vec<Value> = permissions
        .iter()
        .map(|p| match p.split_once(':') {
            Some((resource, action)) => json!({ "resource": resource, "action": action }),
            None => json!({ "resource": p, "action": "*" }),
        })
        .collect();
    let activity: Vec<Value> = state
        .audit_rows(&caller.tenant_id)
        .into_iter()
        .filter(|r| r["user_id"] == id.as_str())
        .filter(|r| {
            r["resource_id"]
                .as_str()
                .is_some_and(|s| uuid::Uuid::parse_str(s).is_ok())
        })
        .take(20)
        .map(|r| {
            json!({
                "type": r["action"], "entity_id": r["resource_id"],
                "entity_type": r["resource_type"], "timestamp": r["created_at"],
            })
        })
        .collect();
    Ok(Json(json!({ "data": {
        "user": user, "groups": groups, "permissions": permissions, "recentActivity": activity,
    }})))
}

const PASSWORD_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/// A temporary password: 16 characters; the old one stops working at once. Sessions already
/// open stay open (the seed speaks of the password only).
pub async fn reset_password(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let password: String = {
        let mut rng = rand::rng();
        (0..16)
            .map(|_| PASSWORD_ALPHABET[rng.random_range(0..PASSWORD_ALPHABET.len())] as char)
            .collect()
    };
    {
        let mut auth = state.auth();
        member_user(&auth, &caller.tenant_id, &id).ok_or_else(not_found)?;
        let user = auth.user_mut(&id).ok_or_else(not_found)?;
        user.password = SaltedHash::new(&password);
    }
    state.audit(&caller, "password_reset", "user", &id);
    Ok(Json(json!({ "data": { "password": password } })))
}
