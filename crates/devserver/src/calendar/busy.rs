//! `GET /calendar/window` (the events of the selected calendars in a bounded window, in the
//! seed's `{id, title, start, end, location?}` shape) and `GET /calendar/free-busy` (their busy
//! times as `{windowStartsAt, windowEndsAt, slots}`).
//!
//! Decisions where the seed is silent (it documents no query parameters):
//! - the window is `from`/`to` (RFC 3339, `[from, to)`, at most 366 days: DESIGN.md);
//! - the calendars are chosen with `calendarId` and/or `calendarIds` (comma-separated); none
//!   chosen means every calendar of the tenant; a chosen calendar that is not there is a 404;
//! - both answer everything in the window, unpaged (the seed's shapes have no paging);
//! - a free-busy slot is one entry or occurrence (the slot shape names one calendar and one
//!   status), not merged; a `cancelled` one makes no one busy and is left out.

use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use serde_json::{json, Map, Value};

use crate::auth::guard::Caller;
use crate::body::invalid;
use crate::calendar::calendars;
use crate::calendar::input::format_time;
use crate::calendar::occurrences::{self, Occurrence};
use crate::calendar::store::TenantCalendars;
use crate::calendar::window::WindowQuery;
use crate::error::ApiError;
use crate::state::AppState;

/// The calendars a query chooses (see the module's decisions).
fn chosen(tenant: &TenantCalendars, q: &WindowQuery) -> Result<HashSet<String>, ApiError> {
    let mut wanted: Vec<(&str, &str)> = Vec::new();
    if let Some(id) = &q.calendar_id {
        wanted.push(("calendarId", id.trim()));
    }
    if let Some(ids) = &q.calendar_ids {
        wanted.extend(
            ids.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|id| ("calendarIds", id)),
        );
    }
    if wanted.is_empty() {
        return Ok(tenant
            .live_calendars()
            .filter_map(|c| c["id"].as_str().map(str::to_string))
            .collect());
    }
    let mut out = HashSet::new();
    for (field, id) in wanted {
        uuid::Uuid::parse_str(id).map_err(|_| invalid(field, "must be calendar UUIDs"))?;
        tenant.calendar(id).ok_or_else(calendars::not_found)?;
        out.insert(id.to_string());
    }
    Ok(out)
}

/// The occurrences a window query asks for, with the window itself.
fn read(
    state: &AppState,
    caller: &Caller,
    q: &WindowQuery,
) -> Result<(crate::calendar::window::Window, Vec<Occurrence>), ApiError> {
    let window = q.window()?;
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    let chosen = chosen(tenant, q)?;
    let mut stamp = || state.clock().stamp();
    let found = occurrences::in_window(tenant, &chosen, window, &mut stamp);
    Ok((window, found))
}

pub async fn window(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<WindowQuery>,
) -> Result<Json<Value>, ApiError> {
    let (_, found) = read(&state, &caller, &q)?;
    let data: Vec<Value> = found
        .into_iter()
        .map(|o| {
            let mut item = Map::new();
            item.insert("id".into(), json!(o.id));
            item.insert("title".into(), json!(o.title));
            item.insert("start".into(), json!(format_time(o.starts_at)));
            item.insert("end".into(), json!(format_time(o.ends_at)));
            // The seed types `location` as a string, not nullable: left out when there is none.
            if let Some(location) = o.location {
                item.insert("location".into(), json!(location));
            }
            Value::Object(item)
        })
        .collect();
    Ok(Json(json!({ "data": data })))
}

pub async fn free_busy(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<WindowQuery>,
) -> Result<Json<Value>, ApiError> {
    let (window, found) = read(&state, &caller, &q)?;
    let slots: Vec<Value> = found
        .into_iter()
        .filter(|o| o.status != "cancelled")
        .map(|o| {
            json!({
                "calendarId": o.calendar_id,
                "startsAt": format_time(o.starts_at),
                "endsAt": format_time(o.ends_at),
                "status": o.status,
                "isAllDay": o.is_all_day,
            })
        })
        .collect();
    Ok(Json(json!({
        "data": {
            "windowStartsAt": format_time(window.from),
            "windowEndsAt": format_time(window.to),
            "slots": slots,
        }
    })))
}
