//! The route table.

use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use axum::extract::{Query, State};

use crate::auth::guard::Caller;
use crate::error::ApiError;
use crate::paging::PageQuery;
use crate::state::AppState;

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/api/v1/system/health", get(health))
        .merge(crate::auth::routes::router())
        .merge(crate::contacts::router())
        .merge(crate::directory::router())
        .merge(crate::links::router())
        .merge(crate::calendar::router())
        .merge(crate::calendar::admin::router())
        .merge(crate::tenants::router())
        .route("/api/v1/secure/audit-logs", get(audit_logs))
        .route("/api/v1/secure/audit-logs/", get(audit_logs))
        .fallback(|| async { ApiError::not_found("No route matches this path") })
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .with_state(state)
}

async fn health() -> Json<Value> {
    Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "timestamp": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "degradedServices": [],
    }))
}

async fn audit_logs(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    let page = q.page()?;
    let rows = state.audit_rows(&caller.tenant_id);
    let data: Vec<Value> = rows
        .iter()
        .skip(page.offset)
        .take(page.limit)
        .cloned()
        .collect();
    Ok(Json(
        json!({ "data": data, "pagination": page.pagination(rows.len()) }),
    ))
}
