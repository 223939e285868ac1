//! Errors of the platform client. They never carry tokens or passwords.

use serde::Deserialize;

/// The seed's `StandardErrorResponse`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ApiErrorBody {
    pub error: String,
    pub message: String,
    pub status_code: u16,
    #[serde(default)]
    pub request_id: Option<String>,
    #[serde(default)]
    pub details: Option<serde_json::Value>,
}

#[derive(Debug, thiserror::Error)]
pub enum PlatformError {
    #[error("the server address {url:?} is not valid: {reason}")]
    InvalidServerUrl { url: String, reason: String },
    #[error("cannot reach the server at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the server at {url} did not answer in time")]
    Timeout { url: String },
    #[error("the server answered {status}: {}", .body.message)]
    Api { status: u16, body: ApiErrorBody },
    #[error("the server answered {status} without a readable error body")]
    UnexpectedStatus { status: u16 },
    #[error("the server's answer to {what} does not match the API schema: {reason}")]
    Schema { what: String, reason: String },
}

impl PlatformError {
    /// A stable code the UI and CLI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            PlatformError::InvalidServerUrl { .. } => "invalid_server_url",
            PlatformError::Unreachable { .. } => "offline",
            PlatformError::Timeout { .. } => "timeout",
            PlatformError::Api { .. } | PlatformError::UnexpectedStatus { .. } => "server_error",
            PlatformError::Schema { .. } => "schema_mismatch",
        }
    }
}
