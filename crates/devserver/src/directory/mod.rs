//! The tenant's directory as the admin views and the contact links see it: users (the members
//! of the tenant), groups and their members, spaces and resources. Read-only here: the seed's
//! write endpoints for these are not part of what Outpost syncs.

pub(crate) mod demo;
mod groups;
mod places;
mod store;
mod users;

use std::sync::Arc;

use axum::routing::get;
use axum::Router;

use crate::state::AppState;

pub use store::{DirectoryStore, PlaceKind};
pub use users::{member_user, user_json};

pub fn router() -> Router<Arc<AppState>> {
    let base = "/api/v1/secure";
    Router::new()
        .route(&format!("{base}/users"), get(users::list))
        .route(&format!("{base}/users/"), get(users::list))
        .route(&format!("{base}/users/{{id}}"), get(users::get_one))
        .route(&format!("{base}/groups"), get(groups::list))
        .route(&format!("{base}/groups/"), get(groups::list))
        .route(&format!("{base}/groups/{{id}}"), get(groups::get_one))
        .route(
            &format!("{base}/groups/{{id}}/members"),
            get(groups::members),
        )
        .route(&format!("{base}/spaces"), get(places::list_spaces))
        .route(&format!("{base}/spaces/"), get(places::list_spaces))
        .route(&format!("{base}/spaces/{{id}}"), get(places::get_space))
        .route(&format!("{base}/resources"), get(places::list_resources))
        .route(&format!("{base}/resources/"), get(places::list_resources))
        .route(
            &format!("{base}/resources/{{id}}"),
            get(places::get_resource),
        )
}
