//! The devserver's integration tests: one binary, one module per subject, so the crate links
//! once instead of once per file. `common` is the rig (a demo server on loopback and a client
//! that checks every answer against the seed's schemas), `seed` reads the seed and keeps the
//! schema files, `request_bodies` builds bodies from the seed's request schemas.

mod common;
mod request_bodies;
mod seed;

mod account;
mod admin_calendars;
mod approvals;
mod audit_filters;
mod audit_sweep;
mod auth;
mod binary;
mod calendars;
mod categories;
mod category_translations;
mod contact_links;
mod contacts;
mod demo_admin;
mod demo_calendars;
mod directory;
mod entries;
mod entry_window_index;
mod error_paths;
mod event_feed;
mod faults;
mod feed_sweep;
mod free_busy;
mod groups;
mod invitations;
mod isolation;
mod own_profile;
mod persistence;
mod place_visits;
mod places;
mod rate_limit;
mod recurrence;
mod refusals;
mod reminders;
mod scale;
mod seed_conformance;
mod soft_deletes;
mod suspended_tenant;
mod tags;
mod tenant_admin;
mod tenant_dashboard;
mod tenant_domains;
mod tenants;
mod translation_coverage;
mod two_factor;
mod two_factor_throttle;
mod user_tenants;
mod users;
