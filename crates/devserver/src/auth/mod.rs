//! Sign-in, sessions, tenants of the user, second factor.

mod account;
pub mod guard;
pub mod password_reset;
mod profile;
pub mod routes;
pub mod secret;
pub mod store;
pub mod throttle;
pub mod two_factor;
mod user_tenants;
