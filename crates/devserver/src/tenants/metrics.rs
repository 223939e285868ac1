//! A tenant's metrics (`/secure/tenants/{id}/metrics/*`), counted from the data itself: the
//! snapshot now, a day's or a month's counts from what existed by its end (members by when they
//! joined, spaces and resources by when they were made), and quota warnings against the
//! tenant's `limits` settings.
//!
//! Where the seed is silent: `days` (1-90, default 30) and `months` (1-12, default 12) in the
//! query bound the series, newest last; `active` counts what is active now (no status history
//! is kept); the devserver stores no files, so storage is 0; API calls are not counted (null).
//! A quota warns at 80 % of its limit. Owners and admins read them.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use serde::Deserialize;
use serde_json::{json, Value};

use super::settings::{current, plan_of};
use crate::auth::guard::Account;
use crate::body::invalid;
use crate::demo::demo_id;
use crate::error::ApiError;
use crate::state::AppState;

/// A warning starts at this share of a limit, in percent.
const THRESHOLD: f64 = 80.0;

/// When each member joined, and each space and resource was made, with whether it is active.
pub(super) struct Dated {
    pub users: Vec<(String, bool)>,
    pub spaces: Vec<(String, bool)>,
    pub resources: Vec<(String, bool)>,
}

pub(super) fn dated(state: &AppState, tenant: &str) -> Dated {
    let users = state
        .auth()
        .memberships
        .iter()
        .filter(|m| m.tenant_id == tenant)
        .map(|m| (m.joined_at.clone(), m.status == "active"))
        .collect();
    let directory = state.directory();
    let rows = |kind: crate::directory::PlaceKind| -> Vec<(String, bool)> {
        directory
            .tenant(tenant)
            .map(|d| d.places(kind))
            .unwrap_or_default()
            .iter()
            .map(|r| {
                let at = r["created_at"].as_str().unwrap_or_default().to_string();
                (at, r["status"] == "active")
            })
            .collect()
    };
    Dated {
        users,
        spaces: rows(crate::directory::PlaceKind::Space),
        resources: rows(crate::directory::PlaceKind::Resource),
    }
}

/// `{total, active}` of what existed before `end` (an RFC 3339 stamp; None: now).
pub(super) fn counts(rows: &[(String, bool)], end: Option<&str>) -> Value {
    let existing: Vec<&(String, bool)> = rows
        .iter()
        .filter(|(at, _)| end.is_none_or(|e| at.as_str() < e))
        .collect();
    let active = existing.iter().filter(|(_, a)| *a).count();
    json!({ "total": existing.len(), "active": active })
}

fn stamp(date: NaiveDate) -> String {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    Utc.from_utc_datetime(&midnight)
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn bounded(value: Option<&String>, field: &str, max: i64, default: i64) -> Result<i64, ApiError> {
    match value {
        None => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| invalid(field, format!("must be a whole number from 1 to {max}"))),
    }
}

#[derive(Deserialize)]
pub struct SeriesQuery {
    days: Option<String>,
    months: Option<String>,
}

pub async fn snapshot(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    plan_of(&state, &session, &id)?;
    let name = state.auth().tenant(&id).map(|t| t.name.clone());
    let d = dated(&state, &id);
    Ok(Json(json!({ "data": {
        "tenantId": id,
        "tenantName": name,
        "users": counts(&d.users, None),
        "spaces": counts(&d.spaces, None),
        "resources": counts(&d.resources, None),
        "storage": { "usedBytes": 0, "usedGB": 0.0 },
        "snapshotAt": state.clock().stamp(),
    }})))
}

pub async fn daily(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
    Query(q): Query<SeriesQuery>,
) -> Result<Json<Value>, ApiError> {
    plan_of(&state, &session, &id)?;
    let days = bounded(q.days.as_ref(), "days", 90, 30)?;
    let d = dated(&state, &id);
    let today = state.clock().now().date_naive();
    let now = state.clock().stamp();
    let data: Vec<Value> = (0..days)
        .rev()
        .map(|back| {
            let day = today - Duration::days(back);
            let end = stamp(day + Duration::days(1));
            json!({
                "id": demo_id("tenant-metric-day", &format!("{id}/{day}")),
                "tenantId": id,
                "metricDate": day.to_string(),
                "users": counts(&d.users, Some(&end)),
                "spaces": counts(&d.spaces, Some(&end)),
                "resources": counts(&d.resources, Some(&end)),
                "storage": { "usedBytes": 0, "usedGB": 0.0 },
                "apiCalls": null,
                "createdAt": now,
                "updatedAt": now,
            })
        })
        .collect();
    Ok(Json(json!({ "data": data })))
}

/// `{average, peak}` of the month's daily totals.
fn month_stats(rows: &[(String, bool)], first: NaiveDate, next: NaiveDate) -> Value {
    let mut totals = Vec::new();
    let mut day = first;
    while day < next {
        let end = stamp(day + Duration::days(1));
        totals.push(counts(rows, Some(&end))["total"].as_u64().unwrap_or(0));
        day += Duration::days(1);
    }
    let peak = totals.iter().copied().max().unwrap_or(0);
    let average = totals.iter().sum::<u64>() / totals.len().max(1) as u64;
    json!({ "average": average, "peak": peak })
}

pub async fn monthly(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
    Query(q): Query<SeriesQuery>,
) -> Result<Json<Value>, ApiError> {
    plan_of(&state, &session, &id)?;
    let months = bounded(q.months.as_ref(), "months", 12, 12)?;
    let d = dated(&state, &id);
    let today = state.clock().now().date_naive();
    let now = state.clock().stamp();
    let this_month = today.with_day(1).unwrap_or(today);
    let data: Vec<Value> = (0..months)
        .rev()
        .filter_map(|back| {
            let first = this_month.checked_sub_months(chrono::Months::new(back as u32))?;
            // The seed's metrics start in 2024.
            if first.year() < 2024 {
                return None;
            }
            let next = first.checked_add_months(chrono::Months::new(1))?;
            Some(json!({
                "id": demo_id("tenant-metric-month", &format!("{id}/{first}")),
                "tenantId": id,
                "year": first.year(),
                "month": first.month(),
                "users": month_stats(&d.users, first, next.min(today + Duration::days(1))),
                "spaces": month_stats(&d.spaces, first, next.min(today + Duration::days(1))),
                "resources": month_stats(&d.resources, first, next.min(today + Duration::days(1))),
                "storage": { "averageBytes": 0, "averageGB": 0.0, "peakBytes": 0, "peakGB": 0.0 },
                "totalApiCalls": null,
                "createdAt": now,
                "updatedAt": now,
            }))
        })
        .collect();
    Ok(Json(json!({ "data": data })))
}

pub async fn quota_warnings(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let plan = plan_of(&state, &session, &id)?;
    let limits = current(&state, &id, &plan)["limits"].clone();
    let d = dated(&state, &id);
    let used = [
        ("users", d.users.len() as f64, "max_users"),
        ("spaces", d.spaces.len() as f64, "max_spaces"),
        ("resources", d.resources.len() as f64, "max_resources"),
        ("storage", 0.0, "max_storage_gb"),
    ];
    let warnings: Vec<Value> = used
        .into_iter()
        .filter_map(|(resource, current, key)| {
            let limit = limits[key].as_f64().filter(|l| *l > 0.0)?;
            let percentage = (current / limit * 100.0).min(100.0);
            (percentage >= THRESHOLD).then(|| {
                json!({
                    "resource": resource, "current": current, "limit": limit,
                    "percentage": percentage, "threshold": THRESHOLD,
                    "exceeded": current > limit,
                })
            })
        })
        .collect();
    Ok(Json(json!({ "data": {
        "tenantId": id, "warnings": warnings, "checkedAt": state.clock().stamp(),
    }})))
}
