//! `/secure/users`: the members of the caller's tenant in the seed's snake_case user shape.
//! The seed's user object has no role (and allows no extra properties), so roles stay where
//! the seed puts them: `/secure/auth/tenants`.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::auth::store::{AuthStore, Membership, User};
use crate::error::ApiError;
use crate::paging::PageQuery;
use crate::state::AppState;

/// The user status a membership shows as: an invitation not yet taken is `pending`, a
/// suspended membership `inactive`.
fn status_of(membership: &Membership) -> &'static str {
    match membership.status.as_str() {
        "active" => "active",
        "invited" | "pending" => "pending",
        _ => "inactive",
    }
}

/// A user as a member of one tenant; the profile's fields (`PATCH /users/{id}`) over the ones
/// derived from the display name.
pub fn user_json(user: &User, membership: &Membership) -> Value {
    let (first, last) = match user.display_name.split_once(' ') {
        Some((f, l)) => (json!(f), json!(l)),
        None => (json!(user.display_name), Value::Null),
    };
    let confirmed = membership.status == "active";
    let profile = |key: &str, derived: Value| user.profile.get(key).cloned().unwrap_or(derived);
    json!({
        "id": user.id,
        "tenantId": membership.tenant_id,
        "email": user.email,
        "status": status_of(membership),
        "first_name": profile("first_name", first),
        "middle_name": profile("middle_name", Value::Null),
        "last_name": profile("last_name", last),
        "display_name": user.display_name,
        "avatar_source": "none",
        "avatar_url": null,
        "profileImage": null,
        "type_definition_id": profile("type_definition_id", Value::Null),
        "settings": profile("settings", json!({})),
        "locale": profile("locale", json!("en")),
        "emailConfirmedAt": if confirmed { json!(membership.joined_at) } else { Value::Null },
        "emailVerificationStatus": if confirmed { "verified" } else { "pending" },
        "created_at": membership.joined_at,
        "updated_at": profile("updated_at", json!(membership.joined_at)),
    })
}

/// The user `id` if they are a member of `tenant_id` (in any membership state).
pub fn member_user<'a>(
    auth: &'a AuthStore,
    tenant_id: &str,
    id: &str,
) -> Option<(&'a User, &'a Membership)> {
    let membership = auth.membership(id, tenant_id)?;
    Some((auth.user(id)?, membership))
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    let page = q.page()?;
    let auth = state.auth();
    let members: Vec<Value> = auth
        .users
        .iter()
        .filter_map(|u| {
            let m = auth.membership(&u.id, &caller.tenant_id)?;
            Some(user_json(u, m))
        })
        .collect();
    let total = members.len();
    let data: Vec<Value> = members
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .collect();
    Ok(Json(
        json!({ "data": data, "pagination": page.pagination(total) }),
    ))
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let auth = state.auth();
    let (user, membership) = member_user(&auth, &caller.tenant_id, &id)
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    Ok(Json(json!({ "data": user_json(user, membership) })))
}
