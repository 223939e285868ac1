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
    /// Input that the server would refuse; `field` names the offending field (a JSON path such
    /// as `byMonthDay` or `address.city`).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// A record the server sent does not have the types the API gives its fields; nothing of
    /// it was stored.
    #[error("the server's {entity} {id} does not match the API schema: {field} {message}")]
    ServerRecord {
        entity: &'static str,
        id: String,
        field: String,
        message: String,
    },
    #[error("no {entity} with id {id} in this tenant")]
    NotFound { entity: &'static str, id: String },
    /// The operation does not fit the current state (retrying an op that is not failed,
    /// editing a record whose delete is waiting, resolving a resolved conflict...).
    #[error("{0}")]
    InvalidState(String),
    /// The platform has no way to carry this change (e.g. a series' rule once it is synced).
    #[error("{0}")]
    Unsupported(String),
    #[error("stored JSON is unreadable: {0}")]
    Json(#[from] serde_json::Error),
}

impl ReplicaError {
    /// A stable code the UI and CLI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ReplicaError::Sqlite(_) => "storage",
            ReplicaError::Open { .. } => "storage_open",
            ReplicaError::TooNew { .. } => "replica_too_new",
            ReplicaError::Migration { .. } => "migration_failed",
            ReplicaError::Invalid { .. } => "invalid",
            ReplicaError::ServerRecord { .. } => "schema_mismatch",
            ReplicaError::NotFound { .. } => "not_found",
            ReplicaError::InvalidState(_) => "invalid_state",
            ReplicaError::Unsupported(_) => "unsupported",
            ReplicaError::Json(_) => "storage",
        }
    }

    /// A write refused by one of the replica's own rules (unique, foreign key, check): what
    /// was written clashes with what is stored, as opposed to the storage failing.
    pub fn is_constraint_violation(&self) -> bool {
        matches!(
            self,
            ReplicaError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::ConstraintViolation
        )
    }

    /// The field an `invalid` error is about, for forms that highlight it.
    pub fn field(&self) -> Option<&str> {
        match self {
            ReplicaError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Structured details for the `{code, message, details}` shape errors take across IPC.
    pub fn details(&self) -> Option<serde_json::Value> {
        match self {
            ReplicaError::Invalid { field, .. } => Some(serde_json::json!({ "field": field })),
            ReplicaError::NotFound { entity, id } => {
                Some(serde_json::json!({ "entity": entity, "id": id }))
            }
            ReplicaError::TooNew { found, known, .. } => {
                Some(serde_json::json!({ "found": found, "known": known }))
            }
            ReplicaError::ServerRecord {
                entity, id, field, ..
            } => Some(serde_json::json!({ "entity": entity, "id": id, "field": field })),
            _ => None,
        }
    }

    /// The same error about item `index` of a batch (`email` becomes `[3].email`).
    pub(crate) fn in_item(self, index: usize) -> Self {
        match self {
            ReplicaError::Invalid { field, message } => ReplicaError::Invalid {
                field: format!("[{index}].{field}"),
                message,
            },
            other => other,
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ReplicaError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

pub type Result<T, E = ReplicaError> = std::result::Result<T, E>;
