//! The local replica: one SQLite file per account, every synced table scoped by tenant.

mod error;
mod migrate;
mod open;

pub use error::ReplicaError;
pub use migrate::{latest_version, Migration};
pub use open::Replica;
