//! The Manager's GraphQL endpoint (`POST /query`) over HTTP: a document and its variables go
//! out with the bearer token (a personal access token or a machine user's), and an answer comes
//! back as its `data`, or as the [`PlatformError`] its first GraphQL error maps onto, so that the
//! engine treats a Manager refusal as it treats a platform one (a refused op fails with the
//! server's words, an expired token stops the run, a 5xx is retried). The token is a
//! [`Secret`]: it never reaches a log line, an error or the replica.

use std::time::Duration;

use outpost_platform::{ApiErrorBody, PlatformError, Secret};
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The most an answer may hold: the platform client's bound.
const MAX_BODY_BYTES: usize = outpost_platform::MAX_BODY_BYTES;

/// A Manager server and the token its requests carry.
#[derive(Clone)]
pub struct ManagerClient {
    base: String,
    token: Secret,
    http: reqwest::Client,
}

impl std::fmt::Debug for ManagerClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManagerClient")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

impl ManagerClient {
    /// A client of the Manager at `base` (`http://host:port`), signed in with `token`.
    /// Redirects are not followed: the token goes to this address only.
    pub fn new(base: &str, token: Secret) -> Result<Self, PlatformError> {
        let base = base.trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(PlatformError::InvalidServerUrl {
                url: base,
                reason: "a Manager address starts with http:// or https://".into(),
            });
        }
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("Outpost/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| PlatformError::Unreachable {
                url: base.clone(),
                reason: e.to_string(),
            })?;
        Ok(Self { base, token, http })
    }

    /// The server's address.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Sends `document` with `variables`; answers its `data`. `what` names the request in
    /// errors ("createProject").
    pub async fn request(
        &self,
        what: &str,
        document: &str,
        variables: Value,
    ) -> Result<Value, PlatformError> {
        let url = format!("{}/query", self.base);
        let response = self
            .http
            .post(&url)
            .bearer_auth(self.token.expose())
            .json(&json!({ "query": document, "variables": variables }))
            .send()
            .await
            .map_err(|e| transport_error(&self.base, e))?;
        let status = response.status();
        let retry_after = retry_after(response.headers());
        if status.is_redirection() {
            return Err(PlatformError::Redirected {
                url,
                location: response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string(),
            });
        }
        let body = read_limited(response, &self.base).await?;
        let answer: Option<Value> = serde_json::from_slice(&body).ok();
        answer_of(what, status, retry_after, answer)
    }
}

/// The `data` of an answer, or the error it carries.
fn answer_of(
    what: &str,
    status: StatusCode,
    retry_after: Option<Duration>,
    answer: Option<Value>,
) -> Result<Value, PlatformError> {
    let errors = answer
        .as_ref()
        .and_then(|a| a.get("errors"))
        .and_then(Value::as_array)
        .filter(|e| !e.is_empty());
    if let Some(first) = errors.and_then(|e| e.first()) {
        return Err(graphql_error(status, retry_after, first));
    }
    if !status.is_success() {
        return Err(PlatformError::UnexpectedStatus {
            status: status.as_u16(),
            retry_after,
        });
    }
    match answer.and_then(|mut a| a.get_mut("data").map(Value::take)) {
        Some(data @ Value::Object(_)) => Ok(data),
        _ => Err(PlatformError::Schema {
            what: what.to_string(),
            reason: "the answer has neither data nor errors".into(),
        }),
    }
}

/// A GraphQL error as the engine knows errors: its `extensions.code` read as the HTTP status
/// a REST server would have answered, its message (with the field it names) kept as the
/// server's words.
fn graphql_error(
    status: StatusCode,
    retry_after: Option<Duration>,
    error: &Value,
) -> PlatformError {
    let code = error
        .pointer("/extensions/code")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let field = error.pointer("/extensions/field").and_then(Value::as_str);
    let said = error
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("the Manager refused the request without saying why");
    let message = match field {
        Some(field) if !said.contains(field) => format!("{field}: {said}"),
        _ => said.to_string(),
    };
    let status = match code.as_str() {
        "UNAUTHENTICATED" => {
            return PlatformError::SignInRequired {
                reason: format!("the Manager did not accept the token: {message}"),
            }
        }
        "FORBIDDEN" => 403,
        "NOT_FOUND" => 404,
        "BAD_USER_INPUT" | "GRAPHQL_VALIDATION_FAILED" | "GRAPHQL_PARSE_FAILED" => 422,
        "INTERNAL_SERVER_ERROR" => 500,
        _ if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS => status.as_u16(),
        _ => 400,
    };
    PlatformError::Api {
        status,
        body: Box::new(ApiErrorBody {
            error: if code.is_empty() {
                "GRAPHQL_ERROR".into()
            } else {
                code
            },
            message,
            status_code: status,
            request_id: None,
            details: field.map(|f| json!({ "field": f })),
        }),
        retry_after,
    }
}

fn transport_error(base: &str, e: reqwest::Error) -> PlatformError {
    if e.is_timeout() {
        return PlatformError::Timeout {
            url: base.to_string(),
        };
    }
    // The innermost cause says what a person can act on ("connection refused").
    let mut reason = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        reason = s.to_string();
        source = s.source();
    }
    PlatformError::Unreachable {
        url: base.to_string(),
        reason,
    }
}

/// `Retry-After` in seconds, as the devservers send it.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map(|s| Duration::from_secs(s.min(outpost_platform::MAX_RETRY_AFTER.as_secs())))
}

/// The body, refused once it grows past [`MAX_BODY_BYTES`].
async fn read_limited(
    mut response: reqwest::Response,
    base: &str,
) -> Result<Vec<u8>, PlatformError> {
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| transport_error(base, e))?
    {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(PlatformError::Schema {
                what: "the Manager's answer".into(),
                reason: format!("it is larger than {} MiB", MAX_BODY_BYTES / (1024 * 1024)),
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: &str, field: Option<&str>) -> Value {
        json!({"message": "slug is taken", "extensions": {"code": code, "field": field}})
    }

    #[test]
    fn each_code_is_the_status_a_rest_server_would_answer() {
        let ok = StatusCode::OK;
        let e = graphql_error(ok, None, &error("BAD_USER_INPUT", Some("input.slug")));
        assert_eq!(e.status(), Some(422));
        assert!(e.to_string().contains("input.slug: slug is taken"), "{e}");
        assert_eq!(
            graphql_error(ok, None, &error("FORBIDDEN", None)).status(),
            Some(403)
        );
        assert_eq!(
            graphql_error(ok, None, &error("NOT_FOUND", None)).status(),
            Some(404)
        );
        assert!(graphql_error(ok, None, &error("INTERNAL_SERVER_ERROR", None)).is_transient());
        assert!(matches!(
            graphql_error(ok, None, &error("UNAUTHENTICATED", None)),
            PlatformError::SignInRequired { .. }
        ));
    }

    #[test]
    fn an_answer_without_data_breaks_the_schema() {
        let e = answer_of("projects", StatusCode::OK, None, Some(json!({"x": 1}))).unwrap_err();
        assert_eq!(e.code(), "schema_mismatch");
        let e = answer_of("projects", StatusCode::BAD_GATEWAY, None, None).unwrap_err();
        assert!(e.is_transient());
        let data = answer_of("p", StatusCode::OK, None, Some(json!({"data": {"a": 1}}))).unwrap();
        assert_eq!(data, json!({"a": 1}));
    }
}
