//! Calendar entries: window listing, create, get, patch, delete, status transitions and the
//! caller's response to an entry.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Days, NaiveTime, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use crate::auth::guard::Caller;
use crate::body::{invalid, Body};
use crate::calendar::input::{self, format_time, parse_time};
use crate::calendar::store::Row;
use crate::calendar::window::WindowQuery;
use crate::error::{json_bytes, ApiError};
use crate::state::AppState;

pub const KINDS: &[&str] = &["event", "booking", "reservation", "hold", "reminder_task"];
pub const STATUSES: &[&str] = &["draft", "tentative", "confirmed", "cancelled", "completed"];
const VISIBILITIES: &[&str] = &["default", "private"];
const RESPONSES: &[&str] = &["pending", "accepted", "declined", "tentative"];

/// The PATCH body; the create body adds `calendarId`. An entry never moves between calendars.
const PATCH_FIELDS: &[&str] = &[
    "kind",
    "status",
    "visibility",
    "title",
    "description",
    "startsAt",
    "endsAt",
    "timezone",
    "isAllDay",
    "ownerUserId",
    "metadata",
    "typeDefinitionId",
    "locationName",
    "locationPayload",
];

pub fn not_found() -> ApiError {
    ApiError::not_found("Calendar entry not found")
}

/// The dates an all-day span covers in `tz`: the start's date, and the first date after it
/// (an end at midnight ends the day before). Timed entries have none.
pub fn all_day_dates(
    all_day: bool,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    tz: Tz,
) -> (Value, Value) {
    if !all_day {
        return (Value::Null, Value::Null);
    }
    let first = start.with_timezone(&tz).date_naive();
    let local_end = end.with_timezone(&tz).naive_local();
    let mut last = local_end.date();
    if local_end.time() != NaiveTime::MIN {
        last = last + Days::new(1);
    }
    (json!(first.to_string()), json!(last.to_string()))
}

/// The time span of a row whose times this server wrote.
pub fn span(row: &Row) -> (DateTime<Utc>, DateTime<Utc>) {
    let read = |key: &str| {
        row[key]
            .as_str()
            .and_then(parse_time)
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
    };
    (read("startsAt"), read("endsAt"))
}

/// Checks a create or patch body; returns the fields it sets, under their response names.
fn changes(body: &Body) -> Result<Row, ApiError> {
    let mut out = Row::new();
    for (field, allowed) in [
        ("kind", KINDS),
        ("status", STATUSES),
        ("visibility", VISIBILITIES),
    ] {
        if let Some(v) = input::enumerated(body, field, allowed)? {
            out.insert(field.into(), json!(v));
        }
    }
    if let Some(title) = input::sized(body, "title", 1, 255)? {
        out.insert("title".into(), json!(title));
    }
    if let Some(description) = input::string(body, "description")? {
        out.insert("description".into(), json!(description));
    }
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
    for field in ["ownerUserId", "typeDefinitionId"] {
        if let Some(id) = input::uuid(body, field)? {
            out.insert(field.into(), json!(id));
        }
    }
    for field in ["metadata", "locationPayload"] {
        if let Some(map) = input::object(body, field)? {
            out.insert(field.into(), Value::Object(map.clone()));
        }
    }
    if let Some(name) = input::sized(body, "locationName", 0, 255)? {
        out.insert("locationName".into(), json!(name));
    }
    Ok(out)
}

/// The owner of an entry must be a user of the tenant: a client that cannot see the tenant's
/// users (offline, or before it pulled them) learns it here.
fn check_owner(state: &AppState, caller: &Caller, fields: &Row) -> Result<(), ApiError> {
    let Some(owner) = fields.get("ownerUserId").and_then(Value::as_str) else {
        return Ok(());
    };
    if state.auth().membership(owner, &caller.tenant_id).is_none() {
        return Err(invalid("ownerUserId", "no such user in this tenant"));
    }
    Ok(())
}

/// After a create or patch: the span must be forward, and the all-day dates follow the times.
fn settle(row: &mut Row, body: &Body) -> Result<(), ApiError> {
    let (start, end) = span(row);
    if end <= start {
        let field = if body.0.contains_key("endsAt") || !body.0.contains_key("startsAt") {
            "endsAt"
        } else {
            "startsAt"
        };
        return Err(invalid(field, "the entry must end after it starts"));
    }
    let tz: Tz = row["timezone"]
        .as_str()
        .unwrap_or("UTC")
        .parse()
        .unwrap_or(Tz::UTC);
    let all_day = row["isAllDay"].as_bool().unwrap_or(false);
    let (first, last) = all_day_dates(all_day, start, end, tz);
    row.insert("localStartDate".into(), first);
    row.insert("localEndDateExclusive".into(), last);
    Ok(())
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<WindowQuery>,
) -> Result<Response, ApiError> {
    let window = q.window()?;
    let page = q.page()?;
    if let Some(id) = &q.calendar_id {
        uuid::Uuid::parse_str(id).map_err(|_| invalid("calendarId", "must be a UUID"))?;
    }
    let mut store = state.calendars();
    // From the index by start time: only entries that can overlap the window are looked at,
    // already in (start, id) order, and only the page's rows are copied.
    let (entries, found) = store
        .tenant(&caller.tenant_id)
        .entries_overlapping(q.calendar_id.as_deref(), window);
    let mut total = 0;
    let mut data: Vec<&Row> = Vec::new();
    for span in found {
        if total >= page.offset && data.len() < page.limit {
            if let Some(row) = entries.get(&span.id) {
                data.push(row);
            }
        }
        total += 1;
    }
    // Written out from the stored rows under the lock rather than copied into a response value
    // first. Fields in the order Json(json!(..)) writes them (sorted), so the same bytes.
    #[derive(serde::Serialize)]
    struct ListBody<'a> {
        data: Vec<&'a Row>,
        limit: usize,
        offset: usize,
        total: usize,
    }
    let body = json_bytes(&ListBody {
        data,
        limit: page.limit,
        offset: page.offset,
        total,
    })?;
    drop(store);
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    caller.require_writer()?;
    let mut allowed = PATCH_FIELDS.to_vec();
    allowed.push("calendarId");
    let body = Body::parse(&body, &allowed)?;
    let calendar_id = input::required(&body, "calendarId")?;
    body.uuid("calendarId", calendar_id)?;
    for field in ["kind", "title", "startsAt", "endsAt", "timezone"] {
        input::required(&body, field)?;
    }
    let fields = changes(&body)?;
    check_owner(&state, &caller, &fields)?;
    let now = state.clock().stamp();
    let id = uuid::Uuid::now_v7().to_string();
    let mut row = Row::new();
    row.insert("id".into(), json!(id));
    row.insert("tenantId".into(), json!(caller.tenant_id));
    row.insert("calendarId".into(), json!(calendar_id));
    for (key, default) in [
        ("kind", Value::Null),
        ("status", json!("confirmed")),
        ("visibility", json!("default")),
        ("title", Value::Null),
        ("description", Value::Null),
        ("startsAt", Value::Null),
        ("endsAt", Value::Null),
        ("localStartDate", Value::Null),
        ("localEndDateExclusive", Value::Null),
        ("timezone", Value::Null),
        ("isAllDay", json!(false)),
        ("ownerUserId", Value::Null),
        ("metadata", json!({})),
        ("typeDefinitionId", Value::Null),
        ("locationName", Value::Null),
        ("locationPayload", json!({})),
        ("approvalState", Value::Null),
        ("approvalRequestId", Value::Null),
    ] {
        row.insert(key.into(), default);
    }
    row.extend(fields);
    settle(&mut row, &body)?;
    row.insert("createdAt".into(), json!(now));
    row.insert("updatedAt".into(), json!(now));
    row.insert("createdBy".into(), json!(caller.session.user_id));
    row.insert("deletedAt".into(), Value::Null);
    row.insert("deletedBy".into(), Value::Null);
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    if tenant.calendar(calendar_id).is_none() {
        return Err(invalid("calendarId", "no such calendar in this tenant"));
    }
    tenant.entries.insert(id.clone(), row.clone());
    drop(store);
    state.audit(&caller, "created", "calendar_entry", &id);
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
        .entry(&id)
        .ok_or_else(not_found)?;
    Ok(Json(json!({ "data": row })))
}

/// Applies checked changes to a live entry, stamps it and leaves an audit row.
fn apply(
    state: &AppState,
    caller: &Caller,
    id: &str,
    body: &Body,
    fields: Row,
) -> Result<Json<Value>, ApiError> {
    let now = state.clock().stamp();
    let mut store = state.calendars();
    let row = store
        .tenant(&caller.tenant_id)
        .entry_mut(id)
        .ok_or_else(not_found)?;
    let mut next = row.clone();
    next.extend(fields);
    settle(&mut next, body)?;
    next.insert("updatedAt".into(), json!(now));
    *row = next.clone();
    drop(store);
    state.audit(caller, "updated", "calendar_entry", id);
    Ok(Json(json!({ "data": next })))
}

pub async fn update(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, PATCH_FIELDS)?;
    input::not_empty(&body)?;
    let fields = changes(&body)?;
    check_owner(&state, &caller, &fields)?;
    apply(&state, &caller, &id, &body, fields)
}

/// The seed documents the five statuses and no transition matrix, so any status may follow
/// any other (the same freedom `PATCH {status}` has); the body must name one of the five.
pub async fn set_status(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, &["status"])?;
    let status = input::required(&body, "status")?;
    body.one_of("status", status, STATUSES)?;
    let mut fields = Row::new();
    fields.insert("status".into(), json!(status));
    apply(&state, &caller, &id, &body, fields)
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
    tenant.entry(&id).ok_or_else(not_found)?;
    tenant.delete_entry(&id, &now, &caller.session.user_id);
    drop(store);
    state.audit(&caller, "deleted", "calendar_entry", &id);
    Ok(StatusCode::NO_CONTENT)
}

/// Records the caller's answer. The seed has no endpoint to invite anyone, so the caller's
/// participant row is made on first answer: the owner when the entry names them as owner,
/// an attendee otherwise.
pub async fn respond(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_writer()?;
    let body = Body::parse(&body, &["responseStatus"])?;
    let answer = input::required(&body, "responseStatus")?;
    body.one_of("responseStatus", answer, RESPONSES)?;
    let now = state.clock().stamp();
    let user = caller.session.user_id.clone();
    let mut store = state.calendars();
    let tenant = store.tenant(&caller.tenant_id);
    let entry = tenant.entry(&id).ok_or_else(not_found)?;
    let role = if entry["ownerUserId"] == user.as_str() {
        "owner"
    } else {
        "attendee"
    };
    let key = (id.clone(), user.clone());
    let created = !tenant.participants.contains_key(&key);
    let participant = tenant.participants.entry(key).or_insert_with(|| {
        let mut p = Row::new();
        p.insert("id".into(), json!(uuid::Uuid::now_v7().to_string()));
        p.insert("tenantId".into(), json!(caller.tenant_id));
        p.insert("calendarEntryId".into(), json!(id));
        p.insert("actorType".into(), json!("user"));
        p.insert("actorUserId".into(), json!(user));
        p.insert("actorGroupId".into(), Value::Null);
        p.insert("role".into(), json!(role));
        p.insert("responseStatus".into(), json!("pending"));
        p.insert("createdAt".into(), json!(now));
        p.insert("updatedAt".into(), json!(now));
        p.insert("createdBy".into(), json!(user));
        p.insert("deletedAt".into(), Value::Null);
        p.insert("deletedBy".into(), Value::Null);
        p
    });
    participant.insert("responseStatus".into(), json!(answer));
    participant.insert("updatedAt".into(), json!(now));
    let out = participant.clone();
    let participant_id = out["id"].as_str().unwrap_or_default().to_string();
    drop(store);
    let action = if created { "created" } else { "updated" };
    state.audit(&caller, action, "calendar_participant", &participant_id);
    Ok(Json(json!({ "data": out })))
}
