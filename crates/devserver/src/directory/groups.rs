//! `/secure/groups`: list, get, and the members of a group.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::error::ApiError;
use crate::paging::PageQuery;
use crate::state::AppState;

fn not_found() -> ApiError {
    ApiError::not_found("Group not found")
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    let page = q.page()?;
    let directory = state.directory();
    let groups = directory
        .tenant(&caller.tenant_id)
        .map(|t| t.groups.as_slice())
        .unwrap_or_default();
    let data: Vec<&_> = groups.iter().skip(page.offset).take(page.limit).collect();
    Ok(Json(
        json!({ "data": data, "pagination": page.pagination(groups.len()) }),
    ))
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let directory = state.directory();
    let group = directory
        .tenant(&caller.tenant_id)
        .and_then(|t| t.group(&id))
        .ok_or_else(not_found)?;
    Ok(Json(json!({ "data": group })))
}

/// `{data: [{user_id, email, display_name, created_at}]}`, unpaged as the seed has it;
/// `created_at` is when the user joined the group.
pub async fn members(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let members = {
        let directory = state.directory();
        let tenant = directory.tenant(&caller.tenant_id).ok_or_else(not_found)?;
        tenant.group(&id).ok_or_else(not_found)?;
        tenant.members.get(&id).cloned().unwrap_or_default()
    };
    let auth = state.auth();
    let data: Vec<Value> = members
        .iter()
        .filter_map(|m| {
            let user = auth.user(&m.user_id)?;
            auth.membership(&m.user_id, &caller.tenant_id)?;
            Some(json!({
                "user_id": user.id,
                "email": user.email,
                "display_name": user.display_name,
                "created_at": m.added_at,
            }))
        })
        .collect();
    Ok(Json(json!({ "data": data })))
}
