//! The HTTP client of one server: sends requests, decodes answers and errors. Calls that need a
//! signed-in user go through [`crate::Session`], which adds the token and the tenant.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::{ApiErrorBody, PlatformError};
use crate::secret::Secret;
use crate::server_url::ServerUrl;
use crate::wire::{Health, LoginRequest, LoginResponse, RefreshResponse};

/// The header naming the tenant a `/secure` call acts in (DESIGN.md: Outpost always sends it).
pub const TENANT_HEADER: &str = "X-Tenant-ID";

/// The longest `Retry-After` believed: a server (or something posing as one) asking for more is
/// asked again in an hour rather than trusted with a wait no time arithmetic can hold.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

/// The largest answer read. The biggest honest one, a page of 200 records, is well under a
/// megabyte; past this the answer is refused before it can fill the memory.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// Redirects followed in a row, all within the server's own origin.
const MAX_REDIRECTS: usize = 5;

#[derive(Clone)]
pub struct PlatformClient {
    base: ServerUrl,
    http: reqwest::Client,
    /// Requests sent through this client and its clones: what a sync costs, counted where
    /// every request passes (the benchmarks and tests compare runs by it).
    sent: Arc<AtomicU64>,
}

/// One request, before it is sent.
pub(crate) struct Call<'a> {
    pub method: Method,
    pub path: &'a str,
    pub query: &'a [(&'a str, String)],
    pub body: Option<&'a serde_json::Value>,
    pub bearer: Option<&'a Secret>,
    pub tenant: Option<&'a str>,
}

/// A raw answer: status, headers, body.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
}

impl PlatformClient {
    pub fn new(base: ServerUrl) -> Result<Self, PlatformError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("Outpost/", env!("CARGO_PKG_VERSION")))
            .redirect(same_origin_redirects(&base))
            .build()
            .map_err(|e| PlatformError::Unreachable {
                url: base.to_string(),
                reason: e.to_string(),
            })?;
        Ok(Self {
            base,
            http,
            sent: Arc::default(),
        })
    }

    pub fn base_url(&self) -> &ServerUrl {
        &self.base
    }

    /// How many requests this client (and its clones) sent so far.
    pub fn requests_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    pub(crate) async fn send(&self, call: &Call<'_>) -> Result<Answer, PlatformError> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        let url = self.base.join(call.path);
        let mut request = self.http.request(call.method.clone(), &url);
        if !call.query.is_empty() {
            request = request.query(call.query);
        }
        if let Some(body) = call.body {
            request = request.json(body);
        }
        if let Some(token) = call.bearer {
            // bearer_auth marks the header sensitive, so no debug output of reqwest shows it.
            request = request.bearer_auth(token.expose());
        }
        if let Some(tenant) = call.tenant {
            request = request.header(TENANT_HEADER, tenant);
        }
        let response = request
            .send()
            .await
            .map_err(|e| transport_error(&self.base, e))?;
        let status = response.status();
        let headers = response.headers().clone();
        if status.is_redirection() {
            // Stopped by the redirect policy: another origin, or too many hops.
            return Err(PlatformError::Redirected {
                url: self.base.to_string(),
                location: headers
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("nowhere")
                    .to_string(),
            });
        }
        let body = read_limited(response, call.path, &self.base).await?;
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    /// `GET /api/v1/system/health`: is the server there, and which version is it.
    pub async fn health(&self) -> Result<Health, PlatformError> {
        let answer = self
            .send(&Call {
                method: Method::GET,
                path: "/api/v1/system/health",
                query: &[],
                body: None,
                bearer: None,
                tenant: None,
            })
            .await?;
        decode(answer, "system health")
    }

    /// `POST /api/v1/public/auth/login`.
    pub async fn login(
        &self,
        email: &str,
        password: &Secret,
        remember_me: bool,
    ) -> Result<LoginResponse, PlatformError> {
        let body = serde_json::to_value(LoginRequest {
            email,
            password: password.expose(),
            remember_me: Some(remember_me),
            tenant_id: None,
        })
        .expect("login body encodes");
        let answer = self
            .send(&Call {
                method: Method::POST,
                path: "/api/v1/public/auth/login",
                query: &[],
                body: Some(&body),
                bearer: None,
                tenant: None,
            })
            .await?;
        decode(answer, "login")
    }

    /// `POST /api/v1/public/auth/refresh`: a new access token and a new (rotated) refresh token.
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<RefreshResponse, PlatformError> {
        let body = serde_json::json!({ "refreshToken": refresh_token.expose() });
        let answer = self
            .send(&Call {
                method: Method::POST,
                path: "/api/v1/public/auth/refresh",
                query: &[],
                body: Some(&body),
                bearer: None,
                tenant: None,
            })
            .await?;
        decode(answer, "token refresh")
    }
}

/// Follows a redirect only within the server's own origin (scheme, host and port): a password,
/// a refresh token or a record in a request body never goes to another server, and never from
/// https to plain http. reqwest resends the body of a 307 or 308, hence the rule for all calls.
fn same_origin_redirects(base: &ServerUrl) -> reqwest::redirect::Policy {
    let origin = base.origin();
    reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > MAX_REDIRECTS || attempt.url().origin() != origin {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

/// The body of an answer, refused once it is larger than [`MAX_BODY_BYTES`] (by its declared
/// length before reading, or while reading when it declares none or lies).
async fn read_limited(
    mut response: reqwest::Response,
    path: &str,
    base: &ServerUrl,
) -> Result<bytes::Bytes, PlatformError> {
    let too_large = || PlatformError::Schema {
        what: path.to_string(),
        reason: format!(
            "the answer is larger than {} MiB, more than any answer of the API",
            MAX_BODY_BYTES / (1024 * 1024)
        ),
    };
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BODY_BYTES as u64)
    {
        return Err(too_large());
    }
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| transport_error(base, e))?
    {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// A `Retry-After` in seconds, at most [`MAX_RETRY_AFTER`]: a number too large for any clock
/// is an hour too. Anything but digits is no `Retry-After`.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs = text.parse::<u64>().unwrap_or(u64::MAX);
    Some(Duration::from_secs(secs).min(MAX_RETRY_AFTER))
}

fn transport_error(base: &ServerUrl, e: reqwest::Error) -> PlatformError {
    let url = base.to_string();
    if e.is_timeout() {
        return PlatformError::Timeout { url };
    }
    PlatformError::Unreachable {
        url,
        reason: plain_reason(&e),
    }
}

/// What went wrong on the way to the server, in words: reqwest's own text ("error sending
/// request for url ...") says nothing a person can act on; the innermost cause does.
fn plain_reason(e: &reqwest::Error) -> String {
    let mut chain = Vec::new();
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let all = chain.join(": ").to_lowercase();
    let innermost = chain.last().cloned().unwrap_or_default();
    if all.contains("connection refused") {
        "nothing answers at this address (connection refused); is the server running?".into()
    } else if all.contains("dns error")
        || all.contains("failed to lookup")
        || all.contains("name or service not known")
    {
        "the host name could not be found; check the address and the network".into()
    } else if all.contains("certificate") || all.contains("tls") || all.contains("handshake") {
        format!("the secure connection failed ({innermost})")
    } else if all.contains("network is unreachable") || all.contains("no route to host") {
        "the network is unreachable; are you offline?".into()
    } else if all.contains("connection reset")
        || all.contains("connection closed")
        || all.contains("incomplete message")
    {
        "the connection was cut before the server answered".into()
    } else {
        innermost
    }
}

/// Turns an answer into `T`, or into the error the server described. An empty body decodes as
/// JSON `null`, so `()` and `Option<_>` work for 204 answers.
pub(crate) fn decode<T: DeserializeOwned>(answer: Answer, what: &str) -> Result<T, PlatformError> {
    let retry_after = retry_after(&answer.headers);
    if !answer.status.is_success() {
        return Err(match serde_json::from_slice::<ApiErrorBody>(&answer.body) {
            Ok(body) => PlatformError::Api {
                status: answer.status.as_u16(),
                body: Box::new(body),
                retry_after,
            },
            Err(_) => PlatformError::UnexpectedStatus {
                status: answer.status.as_u16(),
                retry_after,
            },
        });
    }
    let bytes: &[u8] = if answer.body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        &answer.body
    };
    serde_json::from_slice(bytes).map_err(|e| PlatformError::Schema {
        what: what.to_string(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use outpost_devserver::{start, DevServerConfig};

    #[tokio::test]
    async fn health_of_a_running_devserver() {
        let server = start(DevServerConfig::default()).await.unwrap();
        let client = PlatformClient::new(ServerUrl::parse(&server.base_url()).unwrap()).unwrap();
        let health = client.health().await.unwrap();
        assert_eq!(health.status, "ok");
        server.shutdown().await.unwrap();
    }

    #[tokio::test]
    async fn a_closed_port_is_reported_as_offline() {
        // Bind then drop: the port is free and nothing listens on it.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client =
            PlatformClient::new(ServerUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap())
                .unwrap();
        let err = client.health().await.unwrap_err();
        assert_eq!(err.code(), "offline", "{err}");
        assert!(err.is_transient());
        let text = err.to_string();
        assert!(text.contains("connection refused"), "{text}");
        assert!(
            !text.contains("/api/v1"),
            "names the server, not the endpoint: {text}"
        );
    }

    fn answer(status: u16, headers: &[(&'static str, &'static str)], body: &str) -> Answer {
        let mut map = HeaderMap::new();
        for (k, v) in headers {
            map.insert(*k, v.parse().unwrap());
        }
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            headers: map,
            body: bytes::Bytes::from(body.to_string()),
        }
    }

    #[test]
    fn error_bodies_keep_the_server_message_and_retry_after() {
        let body = r#"{"error":"RATE_LIMITED","message":"slow down","statusCode":429,"timestamp":"2026-01-01T00:00:00Z"}"#;
        let err = decode::<serde_json::Value>(answer(429, &[("retry-after", "7")], body), "x")
            .unwrap_err();
        assert_eq!(err.code(), "rate_limited");
        assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
        assert!(err.to_string().contains("slow down"));
        assert!(err.is_transient());
    }

    #[test]
    fn retry_after_of_any_size_is_at_most_an_hour() {
        let of = |v: &'static str| retry_after(&answer(429, &[("retry-after", v)], "").headers);
        assert_eq!(of("10000000000000"), Some(MAX_RETRY_AFTER));
        assert_eq!(of("99999999999999999999999999"), Some(MAX_RETRY_AFTER));
        assert_eq!(of("3600"), Some(MAX_RETRY_AFTER));
        assert_eq!(of(" 12 "), Some(Duration::from_secs(12)));
        assert_eq!(of("-5"), None);
        assert_eq!(of("soon"), None);
    }

    #[test]
    fn a_body_that_breaks_the_schema_names_the_problem() {
        let err =
            decode::<Health>(answer(200, &[], r#"{"version": 3}"#), "system health").unwrap_err();
        assert_eq!(err.code(), "schema_mismatch");
        assert!(err.to_string().contains("system health"), "{err}");
    }

    #[test]
    fn empty_bodies_decode_as_unit() {
        decode::<()>(answer(204, &[], ""), "delete").unwrap();
    }

    #[test]
    fn two_factor_pending_has_its_own_code() {
        let body = r#"{"error":"TWO_FACTOR_REQUIRED","message":"verify first","statusCode":403,"timestamp":"2026-01-01T00:00:00Z"}"#;
        let err = decode::<()>(answer(403, &[], body), "x").unwrap_err();
        assert_eq!(err.code(), "two_factor_required");
        assert!(!err.is_transient());
    }
}
