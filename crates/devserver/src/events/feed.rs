//! `GET /api/v1/services/realtime/events/missed`: a tenant's events after a position, oldest
//! first, a page at a time. The seed gives the answer's shape and its wildcards; the rest is
//! decided here (and in the README's devserver section):
//! - `cursor` (opaque, from an earlier answer's `nextCursor`) or `since` (RFC 3339: events made
//!   after that instant), not both; with neither, from the oldest kept event.
//! - `pattern`: see [`Pattern`]; `*` when absent. `limit`: 1 to 500, 100 when absent.
//! - The answer adds `nextCursor` (where the next call starts: after the last event answered,
//!   or the newest position when nothing more matches) and `hasMore` to the seed's `data`.
//! - A cursor or `since` older than the kept events (or a cursor of an earlier in-memory
//!   server) is 404 `CURSOR_EXPIRED`: the client lists in full and starts again from a fresh
//!   cursor. A garbled cursor, or one of another tenant, is 400 naming `cursor`.
//! - Owners and admins read every event; managers and members read all but the records only
//!   admins may list ([`ADMIN_ONLY`]); guests get 403.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::records::ADMIN_ONLY;
use super::{Cursor, Event, Pattern, TenantEvents};
use crate::auth::guard::Caller;
use crate::error::ApiError;
use crate::state::AppState;

pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 500;

#[derive(Deserialize)]
pub struct FeedQuery {
    cursor: Option<String>,
    since: Option<String>,
    pattern: Option<String>,
    limit: Option<String>,
}

/// The seed documents 400 (not 422) for this endpoint's bad input.
fn bad(field: &str, reason: &str) -> ApiError {
    let mut e = ApiError::new(
        StatusCode::BAD_REQUEST,
        "VALIDATION_ERROR",
        format!("{field}: {reason}"),
    );
    e.details = Some(json!({ "field": field, "reason": reason }));
    e
}

fn expired(field: &str) -> ApiError {
    let mut e = ApiError::new(
        StatusCode::NOT_FOUND,
        "CURSOR_EXPIRED",
        "The events after this position are no longer kept: list in full, then follow the feed again",
    );
    e.details = Some(json!({ "field": field }));
    e
}

/// What the query asks for, checked.
struct Asked {
    from: Option<From>,
    pattern: Pattern,
    limit: usize,
}

enum From {
    Cursor(Cursor),
    Since(String),
}

fn asked(q: FeedQuery) -> Result<Asked, ApiError> {
    let limit = match q.limit {
        None => DEFAULT_LIMIT,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                bad(
                    "limit",
                    &format!("must be a whole number from 1 to {MAX_LIMIT}"),
                )
            })?,
    };
    let pattern = match q.pattern {
        None => Pattern::parse("*").expect("* is a pattern"),
        Some(p) => Pattern::parse(&p).ok_or_else(|| {
            bad(
                "pattern",
                "must be *, or record:action with * for either side (comma-separated for several)",
            )
        })?,
    };
    let from = match (q.cursor, q.since) {
        (Some(_), Some(_)) => return Err(bad("since", "give cursor or since, not both")),
        (Some(c), None) => {
            Some(From::Cursor(Cursor::decode(&c).ok_or_else(|| {
                bad("cursor", "is not a cursor this server made")
            })?))
        }
        (None, Some(s)) => {
            let at = chrono::DateTime::parse_from_rfc3339(&s)
                .map_err(|_| bad("since", "must be an RFC 3339 date-time"))?;
            let at = at.with_timezone(&chrono::Utc);
            // Stamps are whole milliseconds: an instant within one is after it.
            Some(From::Since(
                at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            ))
        }
        (None, None) => None,
    };
    Ok(Asked {
        from,
        pattern,
        limit,
    })
}

/// The position after which the answer starts.
fn start(
    t: &TenantEvents,
    from: &Option<From>,
    history: &str,
    tenant: &str,
) -> Result<u64, ApiError> {
    let oldest = t.events.front();
    match from {
        None => Ok(oldest.map_or(t.head, |e| e.position - 1)),
        Some(From::Cursor(c)) => {
            if c.history != history {
                return Err(expired("cursor"));
            }
            if c.tenant != tenant || c.position > t.head {
                return Err(bad("cursor", "is not a cursor of this tenant"));
            }
            if oldest.is_some_and(|e| c.position + 1 < e.position) {
                return Err(expired("cursor"));
            }
            Ok(c.position)
        }
        Some(From::Since(since)) => {
            if t.dropped_any() && oldest.is_some_and(|e| since < &e.created_at) {
                return Err(expired("since"));
            }
            let first_after = t.events.iter().find(|e| &e.created_at > since);
            Ok(first_after.map_or(t.head, |e| e.position - 1))
        }
    }
}

pub async fn missed(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<FeedQuery>,
) -> Result<Json<Value>, ApiError> {
    if caller.role == "guest" {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "Guests do not read the change feed; they read the listings",
        ));
    }
    let asked = asked(q)?;
    let events = state.events();
    let none = TenantEvents::default();
    let t = events.tenant(&caller.tenant_id).unwrap_or(&none);
    let after = start(t, &asked.from, &events.history, &caller.tenant_id)?;
    let admin = caller.is_admin();
    let visible = |e: &&Event| {
        let record = e.event_type.split(':').next().unwrap_or_default();
        asked.pattern.matches(&e.event_type) && (admin || !ADMIN_ONLY.contains(&record))
    };
    let skip = t
        .events
        .front()
        .map_or(0, |e| after.saturating_sub(e.position - 1) as usize);
    let mut matching = t.events.range(skip.min(t.events.len())..).filter(visible);
    let page: Vec<&Event> = matching.by_ref().take(asked.limit).collect();
    let has_more = matching.next().is_some();
    let next = match page.last() {
        Some(last) if has_more => last.position,
        _ => t.head,
    };
    let cursor = Cursor {
        history: events.history.clone(),
        tenant: caller.tenant_id.clone(),
        position: next,
    };
    let data: Vec<Value> = page.iter().map(|e| e.shown()).collect();
    Ok(Json(json!({
        "data": data,
        "nextCursor": cursor.encode(),
        "hasMore": has_more,
    })))
}
