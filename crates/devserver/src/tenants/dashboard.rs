//! A tenant's dashboard (`GET /secure/tenants/{id}/dashboard`): the tenant, its counts, storage,
//! its last ten activities and language sync, for its owners and admins (others get 403).
//!
//! Where the seed is silent:
//! - `trend` is the change in percent of the total against 30 days ago (0 when both are 0,
//!   100 when there was nothing then); `active` counts what is active now (as the metrics do).
//! - `apiRequests.last30d` counts the requests acting in the tenant over today and the 29
//!   days before, since the server started ([`super::requests`]).
//! - Storage: the devserver stores no files, so `used` is 0 against the `max_storage_gb` limit
//!   of the tenant's settings.
//! - `recentActivity` is the newest ten audit rows about an id (action as `type`, the resource
//!   as the entity, the actor as `user`).
//! - Language sync: the devserver runs no translation jobs, so there are none and no last sync.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use chrono::{Duration, Utc};
use serde_json::{json, Value};

use super::metrics::{counts, dated};
use super::settings::{current, plan_of};
use super::shape::tenant_json;
use crate::auth::guard::Account;
use crate::error::ApiError;
use crate::state::AppState;

const RECENT: usize = 10;
const PERIOD_DAYS: i64 = 30;

/// The total now, its active part, and the trend against `PERIOD_DAYS` ago.
fn counted(rows: &[(String, bool)], then: &str) -> Value {
    let now = counts(rows, None);
    let before = counts(rows, Some(then))["total"].as_f64().unwrap_or(0.0);
    let total = now["total"].as_f64().unwrap_or(0.0);
    let trend = if before == 0.0 {
        if total == 0.0 {
            0.0
        } else {
            100.0
        }
    } else {
        ((total - before) / before * 1000.0).round() / 10.0
    };
    json!({ "total": now["total"], "active": now["active"], "trend": trend })
}

fn activity(state: &AppState, tenant: &str) -> Vec<Value> {
    let rows = state.audit_rows(tenant);
    let auth = state.auth();
    rows.iter()
        .filter(|r| {
            r["resource_id"]
                .as_str()
                .is_some_and(|id| uuid::Uuid::parse_str(id).is_ok())
        })
        .take(RECENT)
        .map(|r| {
            let actor = r["user_id"].as_str().unwrap_or_default();
            let name = auth.user(actor).map(|u| u.display_name.clone());
            let mut out = json!({
                "type": r["action"], "entity_id": r["resource_id"],
                "entity_type": r["resource_type"], "timestamp": r["created_at"],
            });
            if let Some(name) = name {
                out["user"] = json!({ "id": actor, "name": name });
            }
            out
        })
        .collect()
}

pub async fn dashboard(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let plan = plan_of(&state, &session, &id)?;
    let tenant = state
        .auth()
        .tenant(&id)
        .map(tenant_json)
        .ok_or_else(|| ApiError::not_found("Tenant not found"))?;
    let now = Utc::now();
    let then =
        (now - Duration::days(PERIOD_DAYS)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let d = dated(&state, &id);
    let first_day = (now - Duration::days(PERIOD_DAYS - 1)).date_naive();
    let limit_gb = current(&state, &id, &plan)["limits"]["max_storage_gb"]
        .as_f64()
        .unwrap_or(0.0);
    let resources = counted(&d.resources, &then);
    Ok(Json(json!({ "data": {
        "tenant": tenant,
        "metrics": {
            "users": counted(&d.users, &then),
            "spaces": counted(&d.spaces, &then),
            "resources": { "total": resources["total"], "trend": resources["trend"] },
            "apiRequests": { "last30d": state.requests().since(&id, first_day) },
        },
        "storage": { "used": 0, "limit": limit_gb * 1e9, "percent": 0 },
        "recentActivity": activity(&state, &id),
        "languageSync": { "activeJobs": 0, "lastSync": null },
    }})))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(stamps: &[&str]) -> Vec<(String, bool)> {
        stamps.iter().map(|s| (s.to_string(), true)).collect()
    }

    #[test]
    fn the_trend_is_the_change_against_the_period_before() {
        let then = "2026-06-01T00:00:00.000Z";
        let old = "2026-05-01T00:00:00.000Z";
        let new = "2026-06-15T00:00:00.000Z";
        assert_eq!(counted(&rows(&[old, old, new]), then)["trend"], 50.0);
        assert_eq!(counted(&rows(&[old, old, old]), then)["trend"], 0.0);
        assert_eq!(counted(&rows(&[new]), then)["trend"], 100.0);
        assert_eq!(counted(&rows(&[]), then)["trend"], 0.0);
        assert_eq!(counted(&rows(&[old, new]), then)["total"], 2);
    }
}
