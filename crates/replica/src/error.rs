#[derive(Debug, thiserror::Error)]
pub enum ReplicaError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot open the replica at {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("the replica at {path} was written by a newer Outpost (schema {found}, this build knows up to {known})")]
    TooNew {
        path: String,
        found: u32,
        known: u32,
    },
    #[error("migration {version} ({name}) failed: {reason}")]
    Migration {
        version: u32,
        name: &'static str,
        reason: String,
    },
}

impl ReplicaError {
    /// A stable code the UI and CLI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ReplicaError::Sqlite(_) => "storage",
            ReplicaError::Open { .. } => "storage_open",
            ReplicaError::TooNew { .. } => "replica_too_new",
            ReplicaError::Migration { .. } => "migration_failed",
        }
    }
}
