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
        .route(
            "/api/v1/services/realtime/events/missed",
            get(crate::events::feed::missed),
        )
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

/// The audit log's filters, where the seed says only "by actor, action, resource, and time
/// range": `user_id` (the actor), `action`, `resource_type`, `resource_id`, and `from`/`to`
/// (RFC 3339, `[from, to)` on `created_at`), each optional, all applying together.
#[derive(serde::Deserialize)]
struct AuditQuery {
    #[serde(flatten)]
    page: PageQuery,
    user_id: Option<String>,
    action: Option<String>,
    resource_type: Option<String>,
    resource_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

fn moment(
    field: &str,
    value: Option<&String>,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, ApiError> {
    value
        .map(|v| {
            chrono::DateTime::parse_from_rfc3339(v)
                .map(|t| t.with_timezone(&chrono::Utc))
                .map_err(|_| crate::body::invalid(field, "must be an RFC 3339 date-time"))
        })
        .transpose()
}

async fn audit_logs(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Value>, ApiError> {
    let page = q.page.page()?;
    let (from, to) = (
        moment("from", q.from.as_ref())?,
        moment("to", q.to.as_ref())?,
    );
    let same = |row: &Value, key: &str, wanted: &Option<String>| {
        wanted.as_ref().is_none_or(|w| row[key] == w.as_str())
    };
    let rows: Vec<Value> = state
        .audit_rows(&caller.tenant_id)
        .into_iter()
        .filter(|r| same(r, "user_id", &q.user_id) && same(r, "action", &q.action))
        .filter(|r| same(r, "resource_type", &q.resource_type))
        .filter(|r| same(r, "resource_id", &q.resource_id))
        .filter(|r| {
            let at = r["created_at"]
                .as_str()
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok());
            let at = at.map(|t| t.with_timezone(&chrono::Utc));
            from.is_none_or(|f| at.is_some_and(|a| a >= f))
                && to.is_none_or(|t| at.is_some_and(|a| a < t))
        })
        .collect();
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
