//! `/api/v1/secure/tenants`: the tenants a user can see, their settings, and their lifecycle
//! (activate, suspend, reactivate, archive, upgrade, history), as the seed gives them.
//!
//! Who may do what, where the seed is silent (it says only "System admins can see all
//! tenants; other users see only their own tenant", and the devserver has no system admins):
//! - a user sees the tenants they are a member of, whatever the tenant's or the membership's
//!   status; any other id answers 404, as if it did not exist;
//! - owners and admins with an active membership change a tenant (PATCH, lifecycle) and read
//!   and change its administration (settings, rate limits, metrics); other members get 403.

mod admin_store;
mod dashboard;
mod domains;
mod lifecycle;
mod log_retention;
mod metrics;
mod rate_limits;
pub mod requests;
mod routes;
mod settings;
mod shape;
mod translation_coverage;

pub use admin_store::TenantAdminStore;

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
        .route(&format!("{id}/settings"), get(settings::all))
        .route(&format!("{id}/settings/history"), get(settings::history))
        .route(
            &format!("{id}/settings/{{category}}"),
            get(settings::one).patch(settings::update),
        )
        .route(
            &format!("{id}/settings/{{category}}/reset"),
            post(settings::reset),
        )
        .route(
            &format!("{id}/rate-limits"),
            get(rate_limits::list).post(rate_limits::create),
        )
        .route(
            &format!("{id}/rate-limits/{{limitId}}"),
            get(rate_limits::get_one)
                .patch(rate_limits::update)
                .delete(rate_limits::delete),
        )
        .route(
            &format!("{id}/log-retention"),
            get(log_retention::get_one).patch(log_retention::update),
        )
        .route(&format!("{id}/dashboard"), get(dashboard::dashboard))
        .route(
            &format!("{id}/translation-coverage"),
            get(translation_coverage::coverage_of),
        )
        .merge(domain_routes(&id))
        .route(&format!("{id}/metrics/snapshot"), get(metrics::snapshot))
        .route(&format!("{id}/metrics/daily"), get(metrics::daily))
        .route(&format!("{id}/metrics/monthly"), get(metrics::monthly))
        .route(
            &format!("{id}/metrics/quota-warnings"),
            get(metrics::quota_warnings),
        )
}

/// The domains of the acting tenant (`/tenant-domains`) and of a named one (`{id}/domains`).
fn domain_routes(tenant: &str) -> Router<Arc<AppState>> {
    use domains::{acting_tenant as acting, named_tenant as named};
    let base = "/api/v1/secure/tenant-domains";
    let one = format!("{base}/{{id}}");
    let named_base = format!("{tenant}/domains");
    let named_one = format!("{named_base}/{{domainId}}");
    Router::new()
        .route(base, get(acting::list).post(acting::create))
        .route(&format!("{base}/"), get(acting::list).post(acting::create))
        .route(
            &one,
            get(acting::get_one)
                .patch(acting::update)
                .delete(acting::delete),
        )
        .route(
            &format!("{one}/verification-instructions"),
            get(acting::instructions),
        )
        .route(&format!("{one}/verify"), post(acting::verify))
        .route(&named_base, get(named::list).post(named::create))
        .route(
            &named_one,
            get(named::get_one)
                .patch(named::update)
                .delete(named::delete),
        )
        .route(
            &format!("{named_one}/verification-instructions"),
            get(named::instructions),
        )
        .route(&format!("{named_one}/verify"), post(named::verify))
}
