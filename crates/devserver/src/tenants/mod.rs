//! `/api/v1/secure/tenants`: the tenants a user can see, their settings, and their lifecycle
//! (activate, suspend, reactivate, archive, upgrade, history), as the seed gives them.
//!
//! Who may do what, where the seed is silent (it says only "System admins can see all
//! tenants; other users see only their own tenant", and the devserver has no system admins):
//! - a user sees the tenants they are a member of, whatever the tenant's or the membership's
//!   status; any other id answers 404, as if it did not exist;
//! - owners and admins with an active membership change a tenant (PATCH, lifecycle); other
//!   members get 403.

mod lifecycle;
mod routes;
mod shape;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<Arc<AppState>> {
    let base = "/api/v1/secure/tenants";
    let id = format!("{base}/{{id}}");
    Router::new()
        .route(base, get(routes::list))
        .route(&format!("{base}/"), get(routes::list))
        .route(&id, get(routes::get_one).patch(routes::update))
        .route(&format!("{id}/lifecycle/history"), get(routes::history))
        .route(&format!("{id}/lifecycle/activate"), post(routes::activate))
        .route(&format!("{id}/lifecycle/suspend"), post(routes::suspend))
        .route(
            &format!("{id}/lifecycle/reactivate"),
            post(routes::reactivate),
        )
        .route(&format!("{id}/lifecycle/archive"), post(routes::archive))
        .route(&format!("{id}/lifecycle/upgrade"), post(routes::upgrade))
}
