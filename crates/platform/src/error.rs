//! Errors of the platform client. They never carry tokens or passwords.

use std::time::Duration;

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
    Api {
        status: u16,
        body: Box<ApiErrorBody>,
        /// The server's `Retry-After`, on 429 and 503.
        retry_after: Option<Duration>,
    },
    #[error("the server answered {status} without a readable error body")]
    UnexpectedStatus {
        status: u16,
        retry_after: Option<Duration>,
    },
    #[error("the server's answer to {what} does not match the API schema: {reason}")]
    Schema { what: String, reason: String },
    #[error("please sign in again: {reason}")]
    SignInRequired { reason: String },
    #[error(
        "the server at {url} redirected to {location}; Outpost follows redirects only within \
         the server's own address (same scheme, host and port), so nothing is sent elsewhere"
    )]
    Redirected { url: String, location: String },
}

impl PlatformError {
    /// A stable code the UI and CLI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            PlatformError::InvalidServerUrl { .. } => "invalid_server_url",
            PlatformError::Unreachable { .. } => "offline",
            PlatformError::Timeout { .. } => "timeout",
            PlatformError::Api { body, .. } if body.error == "TWO_FACTOR_REQUIRED" => {
                "two_factor_required"
            }
            PlatformError::Api { status: 401, .. } => "unauthorized",
            PlatformError::Api { status: 403, .. } => "forbidden",
            PlatformError::Api { status: 404, .. } => "not_found",
            PlatformError::Api {
                status: 400 | 422, ..
            } => "rejected",
            PlatformError::Api { status: 429, .. } => "rate_limited",
            PlatformError::Api { .. } | PlatformError::UnexpectedStatus { .. } => "server_error",
            PlatformError::Schema { .. } => "schema_mismatch",
            PlatformError::SignInRequired { .. } => "sign_in_required",
            PlatformError::Redirected { .. } => "redirect_refused",
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            PlatformError::Api { status, .. } | PlatformError::UnexpectedStatus { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// Worth retrying later with backoff: the network, timeouts, 429 and 5xx.
    pub fn is_transient(&self) -> bool {
        match self {
            PlatformError::Unreachable { .. } | PlatformError::Timeout { .. } => true,
            PlatformError::Api { status, .. } | PlatformError::UnexpectedStatus { status, .. } => {
                *status == 429 || *status >= 500
            }
            _ => false,
        }
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            PlatformError::Api { retry_after, .. }
            | PlatformError::UnexpectedStatus { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}
