//! Occurrences of a series: listed in a bounded window, and overridden or cancelled one at a
//! time. An occurrence gets its id the first time a listing hands it out and keeps it, like
//! the platform's materialised instance rows; that id is what an override PATCHes.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::body::{invalid, Body};
use crate::calendar::entries::STATUSES;
use crate::calendar::input::{self, format_time};
use crate::calendar::recurrence;
use crate::calendar::series::Series;
use crate::calendar::store::{InstanceRow, Row, TenantCalendars};
use crate::calendar::window::{flat_page, WindowQuery};
use crate::error::ApiError;
use crate::state::AppState;

const STATES: &[&str] = &["generated", "overridden", "cancelled"];
const FIELDS: &[&str] = &[
    "startsAt",
    "endsAt",
    "timezone",
    "isAllDay",
    "status",
    "instanceState",
    "titleOverride",
    "descriptionOverride",
    "metadataOverride",
];

fn not_found() -> ApiError {
    ApiError::not_found("Recurrence instance not found")
}

/// The instance row of an occurrence, made (with a new id) the first time it is asked for.
pub(super) fn materialise<'a>(
    tenant: &'a mut TenantCalendars,
    master_id: &str,
    date: chrono::NaiveDate,
    stamp: &mut dyn FnMut() -> String,
) -> &'a InstanceRow {
    let key = (master_id.to_string(), date);
    let id = match tenant.instance_ids.get(&key) {
        Some(id) => id.clone(),
        None => {
            let id = uuid::Uuid::now_v7().to_string();
            let now = stamp();
            let created_by = tenant
                .master(master_id)
                .and_then(|m| m["createdBy"].as_str())
                .map(str::to_string);
            tenant.instances.insert(
                id.clone(),
                InstanceRow {
                    id: id.clone(),
                    master_id: master_id.to_string(),
                    date,
                    state: "generated".into(),
                    overrides: Row::new(),
                    created_at: now.clone(),
                    updated_at: now,
                    created_by,
                },
            );
            tenant.instance_ids.insert(key, id.clone());
            id
        }
    };
    &tenant.instances[&id]
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<WindowQuery>,
) -> Result<Json<Value>, ApiError> {
    let window = q.window()?;
    let page = q.page()?;
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    let series = Series::load(tenant, &id).ok_or_else(recurrence::not_found)?;
    let mut stamp = || state.clock().stamp();
    let mut found: Vec<Row> = Vec::new();
    // Occurrences as the rule places them: those starting early enough to reach the window.
    for o in series
        .rule
        .starting_between(window.from - series.duration, window.to)
    {
        let row = materialise(tenant, &id, o.date, &mut stamp);
        if row.state == "generated" {
            let (start, end) = series.span_of(row);
            if window.overlaps(start, end) {
                found.push(series.render(row));
            }
        }
    }
    // Changed occurrences where their changes put them (a moved one may land in the window
    // from elsewhere); cancelled ones are listed too, so that a client learns of them.
    for row in tenant.changed_instances_of(&id) {
        let (start, end) = series.span_of(row);
        if window.overlaps(start, end) {
            found.push(series.render(row));
        }
    }
    found.sort_by(|a, b| {
        let key = |r: &Row| {
            (
                r["startsAt"].as_str().map(str::to_string),
                r["instanceDate"].as_str().map(str::to_string),
            )
        };
        key(a).cmp(&key(b))
    });
    let rows = found.into_iter().map(Value::Object).collect();
    Ok(Json(flat_page(rows, page)))
}

/// The changes a PATCH makes, checked, under their response names.
fn changes(body: &Body) -> Result<Row, ApiError> {
    let mut out = Row::new();
    for field in ["startsAt", "endsAt"] {
        if let Some(t) = input::time(body, field)? {
            out.insert(field.into(), json!(format_time(t)));
        }
    }
    if let Some(zone) = input::zone(body, "timezone")? {
        out.insert("timezone".into(), json!(zone.name()));
    }
    if let Some(all_day) = input::boolean(body, "isAllDay")? {
        out.insert("isAllDay".into(), json!(all_day));
    }
    if let Some(status) = input::enumerated(body, "status", STATUSES)? {
        out.insert("status".into(), json!(status));
    }
    if let Some(title) = input::sized(body, "titleOverride", 1, 255)? {
        out.insert("titleOverride".into(), json!(title));
    }
    if let Some(description) = input::string(body, "descriptionOverride")? {
        out.insert("descriptionOverride".into(), json!(description));
    }
    if let Some(map) = input::object(body, "metadataOverride")? {
        out.insert("metadataOverride".into(), Value::Object(map.clone()));
    }
    Ok(out)
}

/// Overrides or cancels one occurrence. `instanceState: generated` undoes every change and so
/// comes alone; a change without a state overrides (a cancelled occurrence stays cancelled).
pub async fn update(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, FIELDS)?;
    input::not_empty(&body)?;
    let wanted = input::enumerated(&body, "instanceState", STATES)?;
    let fields = changes(&body)?;
    if wanted == Some("generated") && !fields.is_empty() {
        return Err(invalid(
            "instanceState",
            "generated undoes the overrides and cannot come with changes",
        ));
    }
    let now = state.clock().stamp();
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    let row = tenant.instances.get(&id).ok_or_else(not_found)?;
    let series = Series::load(tenant, &row.master_id).ok_or_else(not_found)?;
    let mut next = row.clone();
    match wanted {
        Some("generated") => next.overrides.clear(),
        _ => next.overrides.extend(fields),
    }
    next.state = match wanted {
        Some(s) => s.to_string(),
        None if next.state == "cancelled" => next.state.clone(),
        None => "overridden".to_string(),
    };
    let (start, end) = series.span_of(&next);
    if end <= start {
        let field = if body.0.contains_key("endsAt") || !body.0.contains_key("startsAt") {
            "endsAt"
        } else {
            "startsAt"
        };
        return Err(invalid(field, "the occurrence must end after it starts"));
    }
    next.updated_at = now;
    let out = series.render(&next);
    tenant.instances.insert(id.clone(), next);
    drop(store);
    state.audit(&caller, "updated", "recurrence_instance", &id);
    Ok(Json(json!({ "data": out })))
}
