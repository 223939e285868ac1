//! The tenant's directory: users (the members of the tenant), groups and their members, spaces
//! and resources, and who may do what with them (`/groups/users/{userId}/permissions`, `/iam`).

mod access;
mod approvals;
mod categories;
mod category_i18n;
pub(crate) mod demo;
pub(crate) mod demo_admin;
mod group_admin;
mod groups;
mod invitation_accept;
pub(crate) mod invitations;
mod moves;
mod place_admin;
mod place_members;
mod places;
mod store;
mod tags;
pub(crate) mod user_admin;
mod users;
mod visits;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub use store::{DirectoryStore, PlaceKind};
pub use users::{member_user, user_json};

pub fn router() -> Router<Arc<AppState>> {
    let base = "/api/v1/secure";
    Router::new()
        .route(
            &format!("{base}/users"),
            get(users::list).post(user_admin::create),
        )
        .route(
            &format!("{base}/users/"),
            get(users::list).post(user_admin::create),
        )
        .route(
            &format!("{base}/users/{{id}}"),
            get(users::get_one).patch(user_admin::update),
        )
        .route(
            &format!("{base}/users/{{id}}/context"),
            get(user_admin::context),
        )
        .route(
            &format!("{base}/users/{{id}}/reset-password"),
            post(user_admin::reset_password),
        )
        .route(
            &format!("{base}/invitations"),
            get(invitations::list).post(invitations::create),
        )
        .route(
            &format!("{base}/invitations/"),
            get(invitations::list).post(invitations::create),
        )
        .route(
            &format!("{base}/invitations/{{id}}"),
            get(invitations::get_one).delete(invitations::revoke),
        )
        .route(
            &format!("{base}/invitations/{{id}}/resend"),
            post(invitations::resend),
        )
        .route(
            "/api/v1/public/invitations/validate",
            post(invitation_accept::validate),
        )
        .route(
            "/api/v1/public/invitations/accept",
            post(invitation_accept::accept),
        )
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
        .merge(places_router())
        .route(&format!("{base}/approvals"), get(approvals::list))
        .route(
            &format!("{base}/approvals/{{id}}"),
            get(approvals::get_one).delete(approvals::cancel),
        )
        .route(
            &format!("{base}/approvals/{{id}}/approve"),
            post(approvals::approve),
        )
        .route(
            &format!("{base}/approvals/{{id}}/reject"),
            post(approvals::reject),
        )
        .route(&format!("{base}/me/approvals"), get(approvals::mine))
        .route(
            &format!("{base}/tenant/approval-settings"),
            get(approvals::settings),
        )
        .route(
            &format!("{base}/tenant/approval-settings/{{entityType}}"),
            axum::routing::patch(approvals::update_settings),
        )
}

/// Spaces and resources: reads, changes, members and move requests.
fn places_router() -> Router<Arc<AppState>> {
    let base = "/api/v1/secure";
    let space_list = get(places::list_spaces).post(place_admin::create_space);
    let resource_list = get(places::list_resources).post(place_admin::create_resource);
    Router::new()
        .route(&format!("{base}/spaces"), space_list.clone())
        .route(&format!("{base}/spaces/"), space_list)
        .route(
            &format!("{base}/spaces/{{id}}"),
            get(places::get_space)
                .patch(place_admin::update_space)
                .delete(place_admin::delete_space),
        )
        .route(
            &format!("{base}/spaces/{{id}}/order-top"),
            post(place_admin::space_order_top),
        )
        .route(
            &format!("{base}/spaces/{{id}}/promotion"),
            axum::routing::patch(place_admin::space_promotion),
        )
        .route(
            &format!("{base}/spaces/{{id}}/members"),
            get(place_members::space_members).post(place_members::add_space_member),
        )
        .route(
            &format!("{base}/spaces/{{id}}/members/{{userId}}"),
            axum::routing::delete(place_members::remove_space_member),
        )
        .route(
            &format!("{base}/spaces/{{id}}/visit-metrics/reset"),
            post(visits::reset_space),
        )
        .route(
            &format!("{base}/resources/{{id}}/visit-metrics/reset"),
            post(visits::reset_resource),
        )
        .route(
            &format!("{base}/resources/{{id}}/visit-metrics/track"),
            post(visits::track_resource),
        )
        .route(&format!("{base}/resources"), resource_list.clone())
        .route(&format!("{base}/resources/"), resource_list)
        .route(
            &format!("{base}/resources/{{id}}"),
            get(places::get_resource)
                .patch(place_admin::update_resource)
                .delete(place_admin::delete_resource),
        )
        .route(
            &format!("{base}/resources/{{id}}/order-top"),
            post(place_admin::resource_order_top),
        )
        .route(
            &format!("{base}/resources/{{id}}/promotion"),
            axum::routing::patch(place_admin::resource_promotion),
        )
        .route(
            &format!("{base}/resources/{{id}}/detach"),
            post(place_admin::detach),
        )
        .route(
            &format!("{base}/resources/{{id}}/members"),
            get(place_members::resource_members).post(place_members::add_resource_members),
        )
        .route(
            &format!("{base}/resources/{{id}}/members/{{userId}}"),
            axum::routing::delete(place_members::remove_resource_member),
        )
        .route(
            &format!("{base}/resources/{{id}}/move"),
            post(moves::request),
        )
        .route(
            &format!("{base}/spaces/{{id}}/tags"),
            get(tags::space_tags).post(tags::add_space_tag),
        )
        .route(
            &format!("{base}/spaces/{{id}}/tags/{{tagId}}"),
            axum::routing::delete(tags::remove_space_tag),
        )
        .route(
            &format!("{base}/resources/{{id}}/tags"),
            get(tags::resource_tags).post(tags::add_resource_tag),
        )
        .route(
            &format!("{base}/resources/{{id}}/tags/{{tagId}}"),
            axum::routing::delete(tags::remove_resource_tag),
        )
        .route(
            &format!("{base}/spaces/{{id}}/categories"),
            get(categories::space_categories).post(categories::add_space_category),
        )
        .route(
            &format!("{base}/spaces/{{id}}/categories/{{categoryId}}"),
            axum::routing::delete(categories::remove_space_category),
        )
        .route(
            &format!("{base}/resources/{{id}}/categories"),
            get(categories::resource_categories).post(categories::add_resource_category),
        )
        .route(
            &format!("{base}/resources/{{id}}/categories/{{categoryId}}"),
            axum::routing::delete(categories::remove_resource_category),
        )
        .merge(tags_router())
        .merge(categories_router())
        .route(
            &format!("{base}/resources/resource-requests"),
            get(moves::list),
        )
        .route(
            &format!("{base}/resources/resource-requests/{{id}}"),
            axum::routing::delete(moves::cancel),
        )
        .route(
            &format!("{base}/resources/resource-requests/{{id}}/approve"),
            post(moves::approve),
        )
        .route(
            &format!("{base}/resources/resource-requests/{{id}}/reject"),
            post(moves::reject),
        )
}

/// The tenant's tags.
fn tags_router() -> Router<Arc<AppState>> {
    let tags = "/api/v1/secure/taxonomy/tags";
    Router::new()
        .route(tags, get(tags::list))
        .route(&format!("{tags}/"), get(tags::list))
        .route(&format!("{tags}/cloud"), get(tags::cloud))
        .route(&format!("{tags}/entity"), get(tags::of_entity))
        .route(&format!("{tags}/curated"), post(tags::curated))
        .route(&format!("{tags}/link"), post(tags::link_any))
        .route(&format!("{tags}/link/bulk"), post(tags::link_bulk))
        .route(&format!("{tags}/bulk-update"), post(tags::bulk_update))
        .route(&format!("{tags}/cleanup"), post(tags::cleanup))
        .route(
            &format!("{tags}/{{id}}/translations"),
            axum::routing::patch(tags::translations),
        )
        .route(
            &format!("{tags}/{{id}}"),
            get(tags::get_one).delete(tags::delete),
        )
        .route(&format!("{tags}/{{id}}/entities"), get(tags::entities))
        .route(
            &format!("{tags}/{{id}}/unlink"),
            axum::routing::delete(tags::unlink_any),
        )
        .route(
            &format!("{tags}/{{id}}/upgrade"),
            axum::routing::patch(tags::upgrade),
        )
}

/// The tenant's categories.
fn categories_router() -> Router<Arc<AppState>> {
    let base = "/api/v1/secure/taxonomy/categories";
    let list = get(categories::list).post(categories::create);
    Router::new()
        .route(base, list.clone())
        .route(&format!("{base}/"), list)
        .route(&format!("{base}/tree"), get(categories::tree))
        .route(&format!("{base}/entity"), get(categories::of_entity))
        .route(
            &format!("{base}/{{id}}"),
            get(categories::get_one)
                .patch(categories::update)
                .delete(categories::delete),
        )
        .route(
            &format!("{base}/{{id}}/entities"),
            get(categories::entities),
        )
        .route(
            &format!("{base}/{{id}}/i18n"),
            axum::routing::patch(category_i18n::upsert),
        )
        .route(&format!("{base}/{{id}}/link"), post(categories::link_any))
        .route(
            &format!("{base}/{{id}}/unlink"),
            axum::routing::delete(categories::unlink_any),
        )
}
