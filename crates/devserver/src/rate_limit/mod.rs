//! Per-user rate limiting (`DevServerConfig::rate_limit_per_minute`, `--rate-limit`; 0, the
//! default, turns it off): a token bucket per signed-in user, and past the limit a 429 with
//! `Retry-After` in whole seconds and the seed's `StandardErrorResponse` (DESIGN.md).
//!
//! Decisions where the seed is silent: requests are counted per user (the `per_user` scope of
//! the seed's tenant rate limits) across tenants and sessions; requests without a valid token
//! (sign-in, refresh, health, or ones the auth check will refuse anyway) are not counted; a
//! user may burst up to a minute's worth of requests.

mod bucket;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::ApiError;
use crate::state::AppState;

use bucket::{Bucket, Policy};

pub struct Limiter {
    requests_per_minute: u32,
    policy: Policy,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl Limiter {
    /// A limiter, or `None` when `requests_per_minute` is 0 (off).
    pub fn new(requests_per_minute: u32) -> Option<Arc<Self>> {
        (requests_per_minute > 0).then(|| {
            Arc::new(Self {
                requests_per_minute,
                policy: Policy::per_minute(requests_per_minute),
                buckets: Mutex::new(HashMap::new()),
            })
        })
    }

    /// Counts one request of `user_id`: `Err(seconds to wait)` when over the limit.
    fn admit(&self, user_id: &str) -> Result<(), u64> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = buckets
            .entry(user_id.to_string())
            .or_insert_with(|| Bucket::new(self.policy, now));
        bucket
            .take(self.policy, now)
            .map_err(|wait| wait.as_secs_f64().ceil().max(1.0) as u64)
    }
}

/// The user a request's bearer token belongs to, if it is valid.
fn user_of(state: &AppState, req: &Request) -> Option<String> {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?
        .trim();
    let auth = state.auth();
    auth.session_of(token).ok().map(|s| s.user_id.clone())
}

pub async fn limit(
    State((state, limiter)): State<(Arc<AppState>, Arc<Limiter>)>,
    req: Request,
    next: Next,
) -> Response {
    let Some(user) = user_of(&state, &req) else {
        return next.run(req).await;
    };
    match limiter.admit(&user) {
        Ok(()) => next.run(req).await,
        Err(retry_after) => {
            let mut error = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                format!(
                    "Rate limit of {} requests per minute exceeded; retry in {retry_after} s",
                    limiter.requests_per_minute
                ),
            );
            error.details = Some(json!({
                "limit": limiter.requests_per_minute,
                "windowSeconds": 60,
                "retryAfterSeconds": retry_after,
            }));
            let mut res = error.into_response();
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            res
        }
    }
}
