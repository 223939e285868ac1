//! Reminders of an entry or a series: create, delete, acknowledge a dispatch, list a calendar's.
//!
//! `nextTriggerAt` is derived when a reminder is read: the first start of its entry or of an
//! occurrence of its series, less `offsetMinutes` (positive = before the start), that is due
//! after the last acknowledged trigger (or, before any, at or after the reminder's creation).
//! So moving an entry or overriding an occurrence moves its reminders too. Cancelled
//! occurrences trigger nothing; a disabled reminder has no next trigger.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::body::{invalid, Body};
use crate::calendar::calendars;
use crate::calendar::entries::span;
use crate::calendar::input::{self, format_time, parse_time};
use crate::calendar::series::Series;
use crate::calendar::store::{creation_key, is_live, Row, TenantCalendars};
use crate::error::ApiError;
use crate::state::AppState;

const CHANNELS: &[&str] = &["in_app", "email", "sms", "webhook"];
const FIELDS: &[&str] = &[
    "calendarId",
    "calendarEntryId",
    "recurrenceMasterId",
    "channel",
    "offsetMinutes",
    "isEnabled",
];
/// How far ahead a series is searched for its next occurrence: ten years covers every rule
/// that repeats at all, the 29 February ones included.
const SEARCH_DAYS: i64 = 3660;
/// At most this many changed occurrences in a row are stepped over while searching.
const MAX_SKIPS: usize = 1000;

fn not_found() -> ApiError {
    ApiError::not_found("Reminder not found")
}

/// The first start of the series at or after `at` that is not cancelled, overrides applied.
fn next_series_start(
    series: &Series,
    tenant: &TenantCalendars,
    at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let changed: Vec<_> = tenant
        .instances
        .values()
        .filter(|i| i.master_id == series.master["id"] && i.state != "generated")
        .collect();
    // Occurrences where the rule puts them, stepping over the changed ones.
    let mut from = at;
    let mut generated = None;
    for _ in 0..MAX_SKIPS {
        let Some(o) = series.rule.first_from(from, Duration::days(SEARCH_DAYS)) else {
            break;
        };
        if changed.iter().any(|i| i.date == o.date) {
            from = o.starts_at + Duration::milliseconds(1);
            continue;
        }
        generated = Some(o.starts_at);
        break;
    }
    // Overridden occurrences where their overrides put them.
    let moved = changed
        .iter()
        .filter(|i| i.state == "overridden")
        .map(|i| series.span_of(i).0)
        .filter(|start| *start >= at)
        .min();
    generated.into_iter().chain(moved).min()
}

pub(super) fn next_trigger(tenant: &TenantCalendars, reminder: &Row) -> Option<DateTime<Utc>> {
    if reminder["isEnabled"] != true {
        return None;
    }
    let offset = Duration::minutes(reminder["offsetMinutes"].as_i64()?);
    let time = |key: &str| reminder[key].as_str().and_then(parse_time);
    // The earliest trigger still to come.
    let due_from = match time("lastTriggeredAt") {
        Some(last) => last + Duration::milliseconds(1),
        None => time("createdAt")?,
    };
    let start = if let Some(entry_id) = reminder["calendarEntryId"].as_str() {
        Some(span(tenant.entry(entry_id)?).0).filter(|s| *s - offset >= due_from)
    } else {
        let series = Series::load(tenant, reminder["recurrenceMasterId"].as_str()?)?;
        next_series_start(&series, tenant, due_from + offset)
    };
    start.map(|s| s - offset)
}

/// A reminder as answered, its next trigger worked out.
pub(super) fn render(tenant: &TenantCalendars, reminder: &Row) -> Row {
    let mut out = reminder.clone();
    let next = next_trigger(tenant, reminder).map(format_time);
    out.insert("nextTriggerAt".into(), json!(next));
    out
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, FIELDS)?;
    for field in ["calendarId", "channel", "offsetMinutes"] {
        input::present(&body, field)?;
    }
    let calendar_id = input::uuid(&body, "calendarId")?.unwrap_or_default();
    let entry_id = input::uuid(&body, "calendarEntryId")?;
    let master_id = input::uuid(&body, "recurrenceMasterId")?;
    let channel = input::enumerated(&body, "channel", CHANNELS)?.unwrap_or_default();
    let offset = input::integer(&body, "offsetMinutes", -10080, 10080)?.unwrap_or_default();
    let enabled = input::boolean(&body, "isEnabled")?.unwrap_or(true);
    // "for an entry or recurrence series" (the seed): one of the two, not both, not neither.
    match (entry_id, master_id) {
        (None, None) => {
            return Err(invalid(
                "calendarEntryId",
                "a reminder needs calendarEntryId or recurrenceMasterId",
            ))
        }
        (Some(_), Some(_)) => {
            return Err(invalid(
                "recurrenceMasterId",
                "a reminder is for an entry or a series, not both",
            ))
        }
        _ => {}
    }
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    if tenant.calendar(calendar_id).is_none() {
        return Err(invalid("calendarId", "no such calendar in this tenant"));
    }
    for (field, target) in [
        ("calendarEntryId", entry_id.map(|id| tenant.entry(id))),
        ("recurrenceMasterId", master_id.map(|id| tenant.master(id))),
    ] {
        match target {
            None => {}
            Some(None) => return Err(invalid(field, "not found in this tenant")),
            Some(Some(row)) if row["calendarId"] != calendar_id => {
                return Err(invalid(field, "is not in this calendar"))
            }
            Some(Some(_)) => {}
        }
    }
    let now = state.clock().stamp();
    let id = uuid::Uuid::now_v7().to_string();
    let mut row = Row::new();
    row.insert("id".into(), json!(id));
    row.insert("tenantId".into(), json!(caller.tenant_id));
    row.insert("calendarId".into(), json!(calendar_id));
    row.insert("calendarEntryId".into(), json!(entry_id));
    row.insert("recurrenceMasterId".into(), json!(master_id));
    row.insert("channel".into(), json!(channel));
    row.insert("offsetMinutes".into(), json!(offset));
    row.insert("isEnabled".into(), json!(enabled));
    row.insert("nextTriggerAt".into(), Value::Null);
    row.insert("lastTriggeredAt".into(), Value::Null);
    row.insert("createdAt".into(), json!(now));
    row.insert("updatedAt".into(), json!(now));
    row.insert("createdBy".into(), json!(caller.session.user_id));
    row.insert("deletedAt".into(), Value::Null);
    row.insert("deletedBy".into(), Value::Null);
    tenant.reminders.insert(id.clone(), row.clone());
    let out = render(tenant, &row);
    drop(store);
    state.audit(&caller, "created", "calendar_reminder", &id);
    Ok((StatusCode::CREATED, Json(json!({ "data": out }))).into_response())
}

pub async fn remove(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    caller.require_writer()?;
    let now = state.clock().stamp();
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    tenant.reminder(&id).ok_or_else(not_found)?;
    tenant.delete_reminder(&id, &now, &caller.session.user_id);
    drop(store);
    state.audit(&caller, "deleted", "calendar_reminder", &id);
    Ok(StatusCode::NO_CONTENT)
}

/// Records a dispatch (at `triggeredAt`, else now); the next trigger is the one after it.
pub async fn ack(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, &["triggeredAt"])?;
    let triggered = input::time(&body, "triggeredAt")?;
    let now = state.clock().now();
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    let row = tenant.reminder_mut(&id).ok_or_else(not_found)?;
    row.insert(
        "lastTriggeredAt".into(),
        json!(format_time(triggered.unwrap_or(now))),
    );
    row.insert("updatedAt".into(), json!(format_time(now)));
    let row = row.clone();
    let out = render(tenant, &row);
    drop(store);
    state.audit(&caller, "updated", "calendar_reminder", &id);
    Ok(Json(json!({ "data": out })))
}

pub async fn list_for_calendar(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    tenant.calendar(&id).ok_or_else(calendars::not_found)?;
    // The seed's shape here is `{data, total}` without paging: a calendar's reminders are few.
    let mut found: Vec<&Row> = tenant
        .reminders
        .values()
        .filter(|r| is_live(r) && r["calendarId"] == id.as_str())
        .collect();
    found.sort_by_key(|r| creation_key(r));
    let data: Vec<Value> = found
        .into_iter()
        .map(|r| Value::Object(render(tenant, r)))
        .collect();
    Ok(Json(json!({ "total": data.len(), "data": data })))
}
