//! The tenant's directory: users (the members of the tenant), groups and their members, spaces
//! and resources, and who may do what with them (`/groups/users/{userId}/permissions`, `/iam`).

mod access;
pub(crate) mod demo;
mod group_admin;
mod groups;
mod places;
mod store;
mod users;

use std::sync::Arc;

use axum::routing::{get, post};
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
        .route(
            &format!("{base}/groups/{{id}}"),
            get(groups::get_one)
                .put(group_admin::update)
                .delete(group_admin::delete),
        )
        .route(&format!("{base}/groups/create"), post(group_admin::create))
        .route(
            &format!("{base}/groups/{{id}}/members"),
            get(groups::members).post(group_admin::add_member),
        )
        .route(
            &format!("{base}/groups/{{id}}/members/{{userId}}"),
            axum::routing::delete(group_admin::remove_member),
        )
        .route(
            &format!("{base}/groups/users/{{userId}}/permissions"),
            get(access::user_permissions),
        )
        .route(&format!("{base}/iam"), get(access::overview))
        .route(&format!("{base}/iam/"), get(access::overview))
        .route(&format!("{base}/iam/can"), get(access::can))
        .route(
            &format!("{base}/iam/me/permissions"),
            get(access::my_permissions),
        )
        .route(&format!("{base}/iam/me/spaces"), get(access::my_spaces))
        .route(
            &format!("{base}/iam/me/spaces/manageable"),
            get(access::my_manageable_spaces),
        )
        .route(
            &format!("{base}/iam/me/resources/manageable"),
            get(access::my_manageable_resources),
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
