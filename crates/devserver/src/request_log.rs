//! One tracing line (info) per request: method, path, status and how long the answer took.
//! The path is logged without its query string, which may carry secrets; headers (the bearer
//! token) and bodies (passwords, codes) are never logged.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

pub async fn log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let began = Instant::now();
    let res = next.run(req).await;
    tracing::info!(
        %method,
        %path,
        status = res.status().as_u16(),
        duration = ?began.elapsed(),
        "request"
    );
    res
}
