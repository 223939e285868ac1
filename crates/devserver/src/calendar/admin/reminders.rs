//! `GET /admin/calendars/{id}/reminders`: the health of a calendar's reminders, a summary over
//! all of them and one page of them (limit/offset) in the seed's reminder shape.
//!
//! Decisions where the seed is silent: a reminder is "due" when it is enabled and its next
//! trigger has come (at or before now) without being acknowledged; `nextTriggerAt` is the
//! earliest trigger still to come after now. A deleted calendar has no live reminders, so its
//! summary is all zeros.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use chrono::Utc;
use serde_json::{json, Value};

use super::facts;
use super::require_admin;
use crate::auth::guard::Caller;
use crate::calendar::calendars;
use crate::calendar::input::{format_time, parse_time};
use crate::calendar::reminders::render;
use crate::calendar::store::creation_key;
use crate::error::ApiError;
use crate::paging::PageQuery;
use crate::state::AppState;

const CHANNELS: &[&str] = &["in_app", "email", "sms", "webhook"];

pub async fn health(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    require_admin(&caller)?;
    let page = q.page()?;
    let now = Utc::now();
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    tenant.calendars.get(&id).ok_or_else(calendars::not_found)?;
    let mut found = facts::reminders(tenant, &id);
    found.sort_by_key(|r| creation_key(r));
    let shown: Vec<_> = found.iter().map(|r| render(tenant, r)).collect();
    let enabled = shown.iter().filter(|r| r["isEnabled"] == true).count();
    let triggers: Vec<_> = shown
        .iter()
        .filter_map(|r| r["nextTriggerAt"].as_str().and_then(parse_time))
        .collect();
    let due = triggers.iter().filter(|t| **t <= now).count();
    let next = triggers
        .iter()
        .filter(|t| **t > now)
        .min()
        .map(|t| format_time(*t));
    let mut channels = serde_json::Map::new();
    for channel in CHANNELS {
        let n = shown.iter().filter(|r| r["channel"] == *channel).count();
        channels.insert((*channel).into(), json!(n));
    }
    let total = shown.len();
    let reminders: Vec<Value> = shown
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .map(Value::Object)
        .collect();
    Ok(Json(json!({
        "data": {
            "calendarId": id,
            "summary": {
                "total": total,
                "enabled": enabled,
                "disabled": total - enabled,
                "dueCount": due,
                "nextTriggerAt": next,
                "channels": channels,
            },
            "reminders": reminders,
            "total": total,
            "limit": page.limit,
            "offset": page.offset,
        }
    })))
}
