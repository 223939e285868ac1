//! Refusals at the edge of the API, answered with the seed's StandardErrorResponse like every
//! other error (DESIGN.md): axum's own rejections (a query string its extractor cannot read,
//! such as a repeated key, 400; a body over the 2 MiB limit, 413; an unreadable path, 400) come
//! as plain text, so the layer turns every error answer that is not JSON into one, keeping its
//! status and its text as the message. It also refuses a body sent with a Content-Type that is
//! not JSON (415), which the handlers, reading raw bytes, would otherwise take as JSON.
//!
//! Decisions where the seed is silent: 413 and 415 keep the HTTP statuses that say what is
//! wrong, though the seed lists neither. A body without a Content-Type is read as JSON (curl
//! and simple scripts often leave it out); `application/json` and any `+json` type are JSON.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The longest plain-text refusal read back into a message; axum's are one line.
const MAX_TEXT: usize = 4096;

pub async fn standard_errors(req: Request, next: Next) -> Response {
    if let Some(refusal) = body_not_json(req.headers()) {
        return refusal.into_response();
    }
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || is_json(res.headers()) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let text = axum::body::to_bytes(body, MAX_TEXT)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("Error").to_string()
    } else {
        text
    };
    let standard = ApiError::new(status, code_of(status), message).into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_TYPE);
    let (standard_parts, standard_body) = standard.into_parts();
    parts.headers.extend(standard_parts.headers);
    Response::from_parts(parts, Body::new(standard_body))
}

fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().unwrap_or("?");
    let essence = value.split(';').next().unwrap_or_default();
    Some(essence.trim().to_ascii_lowercase())
}

fn is_json(headers: &HeaderMap) -> bool {
    media_type(headers).is_some_and(|t| t == "application/json" || t.ends_with("+json"))
}

/// 415 for a non-empty body whose Content-Type says it is not JSON.
fn body_not_json(headers: &HeaderMap) -> Option<ApiError> {
    let has_body = headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|n| n.trim() != "0");
    let media = media_type(headers)?;
    if !has_body || is_json(headers) {
        return None;
    }
    Some(ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "UNSUPPORTED_MEDIA_TYPE",
        format!("The body must be JSON (Content-Type: application/json), not {media}"),
    ))
}

fn code_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_ALLOWED",
        413 => "PAYLOAD_TOO_LARGE",
        415 => "UNSUPPORTED_MEDIA_TYPE",
        422 => "VALIDATION_ERROR",
        429 => "RATE_LIMITED",
        500..=599 => "INTERNAL_ERROR",
        _ => "BAD_REQUEST",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_non_empty_bodies_of_other_types_are_refused() {
        let refused = |pairs: &[(header::HeaderName, &str)]| body_not_json(&headers(pairs));
        let len = header::CONTENT_LENGTH;
        let ty = header::CONTENT_TYPE;
        assert!(refused(&[(len.clone(), "5"), (ty.clone(), "text/plain")]).is_some());
        assert!(refused(&[
            (len.clone(), "5"),
            (ty.clone(), "application/x-www-form-urlencoded")
        ])
        .is_some());
        assert!(refused(&[
            (len.clone(), "5"),
            (ty.clone(), "Application/JSON; charset=utf-8")
        ])
        .is_none());
        assert!(refused(&[
            (len.clone(), "5"),
            (ty.clone(), "application/merge-patch+json")
        ])
        .is_none());
        assert!(refused(&[(len.clone(), "5")]).is_none());
        assert!(refused(&[(len, "0"), (ty, "text/plain")]).is_none());
    }
}
