//! One error type for the Manager: a GraphQL error with the seed's `extensions.code`, or a REST
//! error body `{error, code, status}`, from the same value.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// The seed's GraphQL error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    Unauthenticated,
    Forbidden,
    NotFound,
    BadUserInput,
    Internal,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Unauthenticated => "UNAUTHENTICATED",
            Code::Forbidden => "FORBIDDEN",
            Code::NotFound => "NOT_FOUND",
            Code::BadUserInput => "BAD_USER_INPUT",
            Code::Internal => "INTERNAL_SERVER_ERROR",
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Code::Unauthenticated => StatusCode::UNAUTHORIZED,
            Code::Forbidden => StatusCode::FORBIDDEN,
            Code::NotFound => StatusCode::NOT_FOUND,
            Code::BadUserInput => StatusCode::BAD_REQUEST,
            Code::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// An error with its code, its message, and for bad input the field it is about.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub code: Code,
    pub message: String,
    /// The input field at fault, as the client spelt it (`input.slug`, `filters[0].field`).
    pub field: Option<String>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(Code::Unauthenticated, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(Code::Forbidden, message)
    }

    /// `NOT_FOUND` with the seed's wording: "Project not found".
    pub fn not_found(what: &str) -> Self {
        Self::new(Code::NotFound, format!("{what} not found"))
    }

    /// `BAD_USER_INPUT` naming the field; the message starts with the field too, so that a
    /// client showing only messages still tells the user which field to fix.
    pub fn bad_input(field: impl Into<String>, problem: impl std::fmt::Display) -> Self {
        let field = field.into();
        Self {
            code: Code::BadUserInput,
            message: format!("{field}: {problem}"),
            field: Some(field),
        }
    }

    pub fn internal(message: impl std::fmt::Display) -> Self {
        Self::new(Code::Internal, message.to_string())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ApiError {
    /// The GraphQL error: the message, and `extensions.code` (and `extensions.field` for bad
    /// input). async-graphql turns any displayable error into one without a code, so the
    /// resolvers' helpers convert through here.
    pub fn into_graphql(self) -> async_graphql::Error {
        let mut ext = async_graphql::ErrorExtensionValues::default();
        ext.set("code", self.code.as_str());
        if let Some(field) = &self.field {
            ext.set("field", field.as_str());
        }
        let mut error = async_graphql::Error::new(self.message);
        error.extensions = Some(ext);
        error
    }
}

/// A REST error: the seed's body `{"error", "code", "status"}` with the same status.
#[derive(Debug)]
pub struct RestError {
    pub status: StatusCode,
    pub code: &'static str,
    pub error: String,
}

impl RestError {
    pub fn new(status: StatusCode, code: &'static str, error: impl Into<String>) -> Self {
        Self {
            status,
            code,
            error: error.into(),
        }
    }

    /// The seed's own example: 401 `INVALID_CREDENTIALS`.
    pub fn invalid_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_CREDENTIALS",
            "Invalid credentials",
        )
    }
}

impl From<ApiError> for RestError {
    fn from(e: ApiError) -> Self {
        Self::new(e.code.status(), e.code.as_str(), e.message)
    }
}

impl IntoResponse for RestError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": self.error,
            "code": self.code,
            "status": self.status.as_u16(),
        });
        (self.status, Json(body)).into_response()
    }
}
