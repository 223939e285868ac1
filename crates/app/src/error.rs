//! The one error shape that crosses the boundary to the UI and the CLI: `{code, message, details}`.
//! The UI branches on `code`, never on the message. Messages never contain secrets.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, PartialEq, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// Stable machine code, e.g. `offline`, `invalid_server_url`, `validation`.
    pub code: String,
    /// What happened, in words, for a person.
    pub message: String,
    /// Extra context (the field at fault, the server's answer), when there is any.
    #[ts(type = "Record<string, unknown> | null")]
    pub details: Option<serde_json::Value>,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_string(),
            message: message.into(),
            details: None,
        }
    }

    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }

    pub fn unknown_command(name: &str) -> Self {
        Self::new(
            "unknown_command",
            format!("there is no command named {name:?}"),
        )
    }

    pub fn bad_arguments(command: &str, e: serde_json::Error) -> Self {
        Self::new(
            "bad_arguments",
            format!("the arguments of {command} are not valid: {e}"),
        )
    }

    pub fn not_configured(what: &str) -> Self {
        Self::new("not_configured", format!("{what} is not set up yet"))
    }
}

impl From<outpost_platform::PlatformError> for AppError {
    fn from(e: outpost_platform::PlatformError) -> Self {
        let details = match &e {
            outpost_platform::PlatformError::Api { status, body, .. } => Some(serde_json::json!({
                "status": status,
                "error": body.error,
                "details": body.details,
            })),
            _ => None,
        };
        Self {
            code: e.code().to_string(),
            message: e.to_string(),
            details,
        }
    }
}

impl From<outpost_replica::ReplicaError> for AppError {
    fn from(e: outpost_replica::ReplicaError) -> Self {
        Self {
            code: e.code().to_string(),
            message: e.to_string(),
            details: e.details(),
        }
    }
}

impl From<outpost_sync::SyncError> for AppError {
    fn from(e: outpost_sync::SyncError) -> Self {
        match e {
            outpost_sync::SyncError::Replica(e) => e.into(),
            outpost_sync::SyncError::Platform(e) => e.into(),
            e @ outpost_sync::SyncError::Cancelled => AppError::new(e.code(), e.to_string()),
        }
    }
}
