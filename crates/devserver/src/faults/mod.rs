//! Fault injection, on only when the server starts with faults (`--faults`,
//! `DevServerConfig::faults`): latency, 5xx, 429 bursts, dropped connections and responses lost
//! after the write, per route pattern, from seeded dice. `/_faults` (outside `/api`, never
//! itself faulted) reads and changes the rules and counts what was injected.

mod listener;
mod rules;

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde_json::Value;

use crate::body::invalid;
use crate::error::ApiError;

pub use listener::{CuttableListener, KillSwitch};
pub use rules::{FaultConfig, FaultKind, FaultRule};

pub type Shared = Arc<Mutex<rules::Faults>>;

pub fn shared(config: FaultConfig) -> Shared {
    Arc::new(Mutex::new(rules::Faults::new(config)))
}

fn lock(faults: &Shared) -> MutexGuard<'_, rules::Faults> {
    faults.lock().unwrap_or_else(|p| p.into_inner())
}

/// The middleware: decides, waits, and answers, cuts or passes the request on.
pub async fn inject(State(faults): State<Shared>, req: Request, next: Next) -> Response {
    let decision = lock(&faults).decide(req.method().as_str(), req.uri().path());
    if decision.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(decision.delay_ms)).await;
    }
    let kill = req
        .extensions()
        .get::<ConnectInfo<KillSwitch>>()
        .map(|c| c.0.clone());
    match decision.outcome {
        None | Some(FaultKind::Latency { .. }) => next.run(req).await,
        Some(FaultKind::Error { status }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let code = match status.as_u16() {
                502 => "BAD_GATEWAY",
                503 => "SERVICE_UNAVAILABLE",
                _ => "INTERNAL_ERROR",
            };
            ApiError::new(status, code, "Injected fault").into_response()
        }
        Some(FaultKind::RateLimit { retry_after, .. }) => {
            let mut res = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                "Too many requests; retry later",
            )
            .into_response();
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            res
        }
        Some(FaultKind::Drop) => {
            if let Some(k) = kill {
                k.trip();
            }
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Some(FaultKind::LoseResponse) => {
            let res = next.run(req).await;
            if let Some(k) = kill {
                k.trip();
            }
            res
        }
    }
}

fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                format!("the body is not valid JSON: {e}"),
            )
        } else {
            invalid("body", e.to_string())
        }
    })
}

fn check(rule: &FaultRule) -> Result<(), ApiError> {
    match rule.problem() {
        Some(p) => {
            let field = p.split(':').next().unwrap_or("body").to_string();
            Err(invalid(&field, p[field.len() + 1..].trim().to_string()))
        }
        None => Ok(()),
    }
}

async fn report(State(faults): State<Shared>) -> Json<Value> {
    Json(lock(&faults).report())
}

async fn replace(State(faults): State<Shared>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let config: FaultConfig = parse(&body)?;
    config.rules.iter().try_for_each(check)?;
    let mut f = lock(&faults);
    f.replace(config);
    Ok(Json(f.report()))
}

async fn add(State(faults): State<Shared>, body: Bytes) -> Result<Response, ApiError> {
    let rule: FaultRule = parse(&body)?;
    check(&rule)?;
    let mut f = lock(&faults);
    let id = f.add(rule);
    let report = f.report();
    let added = report["rules"]
        .as_array()
        .and_then(|rules| rules.iter().find(|r| r["id"] == id).cloned())
        .unwrap_or_default();
    Ok((StatusCode::CREATED, Json(added)).into_response())
}

async fn clear(State(faults): State<Shared>) -> StatusCode {
    let mut f = lock(&faults);
    let seed = f.report()["seed"].as_u64().unwrap_or(0);
    f.replace(FaultConfig {
        seed,
        rules: Vec::new(),
    });
    StatusCode::NO_CONTENT
}

async fn remove(
    State(faults): State<Shared>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id: u64 = id
        .parse()
        .map_err(|_| ApiError::not_found("No such fault rule"))?;
    if lock(&faults).remove(id) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("No such fault rule"))
    }
}

/// `GET /_faults` (rules, counters), `PUT /_faults` (replace all: `{seed, rules}`),
/// `POST /_faults` (add one rule), `DELETE /_faults` (clear), `DELETE /_faults/{id}`.
pub fn control(faults: Shared) -> Router {
    Router::new()
        .route("/_faults", get(report).put(replace).post(add).delete(clear))
        .route("/_faults/{id}", delete(remove))
        .with_state(faults)
}
