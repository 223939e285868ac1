//! A local implementation of the Manager API (see ../shared/seeds/manager-api-reference.txt):
//! GraphQL at `POST /query` and the seed's REST routes, on its own SQLite storage, for
//! development, the demo and tests. It stands in for the real Manager, so it depends on none
//! of Outpost's client crates.
//!
//! [`open`] gives an axum [`Router`]; `outpost-devserver --api manager` serves it behind the
//! platform devserver's fault layer.

#![deny(missing_docs)]

mod access;
mod audit;
mod auth;
mod cascade;
mod cron;
mod demo;
mod error;
mod examples;
mod http;
mod ids;
mod inherit;
mod listing;
mod patch;
mod pilet;
mod records;
mod rest;
mod schema;
mod secret;
mod store;
mod validate;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;

pub use demo::DemoOptions;
pub use examples::USER_TOKEN as SEED_EXAMPLES_USER_TOKEN;

/// The most times the demo's projects are repeated (`--scale`).
pub const MAX_SCALE: u32 = 1000;

/// What a new (empty) database is filled with.
#[derive(Debug, Clone, Copy, Default)]
pub enum Contents {
    /// Nothing: no user, so nobody can sign in (for tests of the empty server).
    #[default]
    Empty,
    /// The demo's administrator alone (the token is the demo's of the same seed): a fresh
    /// Manager a client can sign in to and fill.
    Admin {
        /// The demo seed the administrator's token comes from.
        seed: u64,
    },
    /// The demo: projects, tenants, applications, settings, users with roles, audit history.
    Demo(DemoOptions),
    /// Records whose ids and slugs are the placeholders of the seed's examples
    /// (`project-uuid`, `my-project`, `relation-uuid`, ...), so that every example operation of
    /// the seed runs unchanged.
    SeedExamples,
}

/// How to open a Manager devserver.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The SQLite file; `None` keeps the data in memory. A file holding data is loaded as it
    /// is (the contents are not seeded again).
    pub data: Option<PathBuf>,
    /// What a new database is filled with.
    pub contents: Contents,
}

/// A Manager ready to serve.
pub struct Manager {
    /// `POST /query`, `GET /gql` and the REST routes, for axum to serve.
    pub router: Router,
    /// The personal access token of the demo's (or the examples') administrator, when the data
    /// has that administrator.
    pub admin_token: Option<String>,
}

/// The GraphQL schema in SDL, for clients and code generators to read without a server.
pub fn sdl() -> String {
    let store = store::Store::open(None).expect("a memory database opens");
    schema::build(Arc::new(store)).sdl()
}

/// Opens the data (seeding it when new) and builds the router.
pub fn open(options: &Options) -> anyhow::Result<Manager> {
    if let Contents::Demo(demo) = options.contents {
        // A number meant for the platform's --scale (contacts) would make millions of projects.
        if demo.scale > MAX_SCALE {
            anyhow::bail!(
                "--scale {}: the Manager's demo is repeated at most {MAX_SCALE} times",
                demo.scale
            );
        }
    }
    let store = Arc::new(store::Store::open(options.data.as_deref())?);
    let fresh = store.is_empty();
    let admin_token = {
        let mut data = store.lock();
        let token = match options.contents {
            Contents::Empty => None,
            Contents::Admin { seed } => Some(demo::seed_admin(&mut data, seed, fresh)),
            Contents::Demo(demo) => Some(demo::seed(&mut data, demo, fresh)),
            Contents::SeedExamples => Some(examples::seed(&mut data, fresh)),
        };
        // A loaded file may hold other data than these contents: name the token only if it
        // signs somebody in there.
        token.filter(|t| {
            let hash = secret::hash(t);
            data.tokens.values().any(|row| row.token_hash == hash)
        })
    };
    store.flush()?;
    Ok(Manager {
        router: http::router(store),
        admin_token,
    })
}
