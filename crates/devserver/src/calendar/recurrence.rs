//! Recurrence masters: create (pointing at an existing root entry) and get. The seed has no
//! update, delete or list for them; they go when their root entry or calendar goes.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::body::{invalid, Body};
use crate::calendar::expand::Frequency;
use crate::calendar::input::{self, format_time};
use crate::calendar::series::{rule_of, zone_of};
use crate::calendar::store::Row;
use crate::error::ApiError;
use crate::state::AppState;

const FIELDS: &[&str] = &[
    "calendarId",
    "rootEntryId",
    "frequency",
    "intervalCount",
    "byWeekday",
    "byMonthDay",
    "startsAt",
    "untilAt",
    "occurrenceCountLimit",
    "timezone",
    "generatedWindowDays",
    "metadata",
];

/// The seed gives no default for the generation window; 90 days is the client's.
const DEFAULT_WINDOW_DAYS: i64 = 90;

pub fn not_found() -> ApiError {
    ApiError::not_found("Recurrence master not found")
}

/// Checks the body field by field; returns the master in its response form, less the stamps.
fn master_from(body: &Body, caller: &Caller) -> Result<Row, ApiError> {
    for field in [
        "calendarId",
        "rootEntryId",
        "frequency",
        "startsAt",
        "timezone",
    ] {
        input::required(body, field)?;
    }
    let calendar_id = input::uuid(body, "calendarId")?.unwrap_or_default();
    let root_id = input::uuid(body, "rootEntryId")?.unwrap_or_default();
    let frequency = input::enumerated(body, "frequency", Frequency::NAMES)?.unwrap_or_default();
    let interval = input::integer(body, "intervalCount", 1, i64::from(u32::MAX))?.unwrap_or(1);
    let by_weekday = input::integers(body, "byWeekday", 0, 6)?;
    let by_month_day = input::integers(body, "byMonthDay", 1, 31)?;
    let starts_at = input::time(body, "startsAt")?.unwrap_or_default();
    let until = input::time(body, "untilAt")?;
    if until.is_some_and(|u| u <= starts_at) {
        return Err(invalid("untilAt", "must be after startsAt"));
    }
    let count = input::integer(body, "occurrenceCountLimit", 1, i64::MAX)?;
    let zone = input::zone(body, "timezone")?.unwrap_or(chrono_tz::Tz::UTC);
    let window =
        input::integer(body, "generatedWindowDays", 1, 366)?.unwrap_or(DEFAULT_WINDOW_DAYS);
    let metadata = input::object(body, "metadata")?
        .cloned()
        .unwrap_or_default();
    let mut row = Row::new();
    row.insert("id".into(), json!(uuid::Uuid::now_v7().to_string()));
    row.insert("tenantId".into(), json!(caller.tenant_id));
    row.insert("calendarId".into(), json!(calendar_id));
    row.insert("rootEntryId".into(), json!(root_id));
    row.insert("frequency".into(), json!(frequency));
    row.insert("intervalCount".into(), json!(interval));
    row.insert("byWeekday".into(), json!(by_weekday));
    row.insert("byMonthDay".into(), json!(by_month_day));
    row.insert("startsAt".into(), json!(format_time(starts_at)));
    row.insert("untilAt".into(), json!(until.map(format_time)));
    row.insert("occurrenceCountLimit".into(), json!(count));
    row.insert("timezone".into(), json!(zone.name()));
    row.insert("generatedWindowDays".into(), json!(window));
    row.insert("metadata".into(), Value::Object(metadata));
    Ok(row)
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, FIELDS)?;
    let mut row = master_from(&body, &caller)?;
    let calendar_id = row["calendarId"].as_str().unwrap_or_default().to_string();
    let root_id = row["rootEntryId"].as_str().unwrap_or_default().to_string();
    let id = row["id"].as_str().unwrap_or_default().to_string();
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    let calendar = tenant
        .calendar(&calendar_id)
        .ok_or_else(|| invalid("calendarId", "no such calendar in this tenant"))?;
    let tz = zone_of(calendar);
    let root = tenant
        .entry(&root_id)
        .ok_or_else(|| invalid("rootEntryId", "no such entry in this tenant"))?;
    if root["calendarId"] != calendar_id.as_str() {
        return Err(invalid("rootEntryId", "the entry is not in this calendar"));
    }
    let rule = rule_of(&row, tz).ok_or_else(|| invalid("frequency", "is not a rule"))?;
    // A rule that can never pick a day after its start is refused rather than stored as a
    // series that silently never repeats.
    if rule.count != Some(1) && !rule.repeats() {
        let field = if rule.by_month_day.is_empty() {
            "byWeekday"
        } else {
            "byMonthDay"
        };
        return Err(invalid(
            field,
            "this rule never matches a day after the start",
        ));
    }
    let now = state.clock().stamp();
    row.insert("createdAt".into(), json!(now));
    row.insert("updatedAt".into(), json!(now));
    row.insert("createdBy".into(), json!(caller.session.user_id));
    row.insert("deletedAt".into(), Value::Null);
    row.insert("deletedBy".into(), Value::Null);
    tenant.masters.insert(id.clone(), row.clone());
    drop(store);
    state.audit(&caller, "created", "recurrence_master", &id);
    Ok((StatusCode::CREATED, Json(json!({ "data": row }))).into_response())
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut store = state.calendars();
    let row = store
        .tenant(&caller.tenant_id)
        .master(&id)
        .ok_or_else(not_found)?;
    Ok(Json(json!({ "data": row })))
}
