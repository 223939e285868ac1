//! The sync engine's integration tests, against a real devserver on loopback: one test binary,
//! a module per subject; shared fixtures in `common`.

mod approvals;
mod audit;
mod broken_answers;
mod calendars;
mod catch_up;
mod common;
mod contacts;
mod feed;
mod groups;
mod invitations;
mod links;
mod lying_listings;
mod manager;
mod moves;
mod place_members;
mod places;
mod push_runs;
mod rate_limits;
mod tenant_bound;
mod tenants;
mod users;
