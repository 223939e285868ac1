//! `GET /admin/calendars/{id}/operations`: what is ahead of a calendar and what happened to it
//! lately, read from the calendar store and the audit log.
//!
//! Decisions where the seed is silent: "future" is the next [`FUTURE_WINDOW_DAYS`] days;
//! "recent" is the last [`RECENT_DAYS`] days, of which the newest [`MAX_MUTATIONS`] are listed
//! (the count covers all of them); a mutation is an audit row about the calendar, its policy,
//! one of its entries or one of its reminders. The devserver delivers no reminders, so no
//! dispatch can fail and `dispatchFailures.available` is false.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use chrono::{Duration, Utc};
use serde_json::{json, Value};

use super::facts::{self, FUTURE_WINDOW_DAYS};
use super::require_admin;
use crate::auth::guard::Caller;
use crate::calendar::calendars;
use crate::calendar::input::{format_time, parse_time};
use crate::error::ApiError;
use crate::state::AppState;

pub const RECENT_DAYS: i64 = 30;
pub const MAX_MUTATIONS: usize = 50;

/// What an audit row's resource is to the calendar: its entity type and a name for the summary.
struct Known {
    entity_type: &'static str,
    label: String,
}

pub async fn summary(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    require_admin(&caller)?;
    let now = Utc::now();
    let mut known: HashMap<(String, &'static str), Known> = HashMap::new();
    let (counters, calendar_name) = {
        let mut store = state.calendars();
        let tenant = store.tenant(&caller.tenant_id);
        let calendar = tenant.calendars.get(&id).ok_or_else(calendars::not_found)?;
        let name = calendar["name"].as_str().unwrap_or_default().to_string();
        // Every entry and reminder the calendar ever had, deleted ones included: their
        // deletion is a mutation too.
        for e in tenant.entries.values().filter(|e| e["calendarId"] == id) {
            let entry_id = e["id"].as_str().unwrap_or_default().to_string();
            let title = e["title"].as_str().unwrap_or_default();
            known.insert(
                (entry_id, "calendar_entry"),
                Known {
                    entity_type: "entry",
                    label: format!("Entry \"{title}\""),
                },
            );
        }
        for r in tenant.reminders.values().filter(|r| r["calendarId"] == id) {
            let reminder_id = r["id"].as_str().unwrap_or_default().to_string();
            let channel = r["channel"].as_str().unwrap_or_default();
            known.insert(
                (reminder_id, "calendar_reminder"),
                Known {
                    entity_type: "reminder",
                    label: format!("Reminder ({channel})"),
                },
            );
        }
        let (entries, instances) = facts::future_counts(tenant, &id, now);
        let (_, _, pending) = facts::reminder_figures(tenant, &id);
        ((entries, instances, pending), name)
    };
    for kind in ["calendar", "calendar_policy"] {
        let label = match kind {
            "calendar" => format!("Calendar \"{calendar_name}\""),
            _ => format!("Policy of calendar \"{calendar_name}\""),
        };
        known.insert(
            (id.clone(), kind),
            Known {
                entity_type: "calendar",
                label,
            },
        );
    }
    let since = now - Duration::days(RECENT_DAYS);
    let recent: Vec<Value> = state
        .audit_rows(&caller.tenant_id)
        .into_iter()
        .filter(|row| {
            row["created_at"]
                .as_str()
                .and_then(parse_time)
                .is_some_and(|t| t >= since)
        })
        .filter_map(|row| {
            let action = row["action"].as_str()?;
            if !["created", "updated", "deleted"].contains(&action) {
                return None;
            }
            let resource_type = row["resource_type"].as_str()?;
            let resource_id = row["resource_id"].as_str()?.to_string();
            let kind = [
                "calendar",
                "calendar_policy",
                "calendar_entry",
                "calendar_reminder",
            ]
            .into_iter()
            .find(|k| *k == resource_type)?;
            let k = known.get(&(resource_id.clone(), kind))?;
            Some(json!({
                "entityType": k.entity_type,
                "entityId": resource_id,
                "action": action,
                "occurredAt": row["created_at"],
                "summary": format!("{} {action}", k.label),
            }))
        })
        .collect();
    let (entries, instances, pending) = counters;
    Ok(Json(json!({
        "data": {
            "calendarId": id,
            "asOf": format_time(now),
            "futureWindowDays": FUTURE_WINDOW_DAYS,
            "counters": {
                "futureEntryCount": entries,
                "futureInstanceCount": instances,
                "pendingReminderCount": pending,
                "recentMutationCount": recent.len(),
            },
            "recentMutations": recent.into_iter().take(MAX_MUTATIONS).collect::<Vec<_>>(),
            "dispatchFailures": {
                "available": false,
                "count": 0,
                "note": "The devserver delivers no reminders, so no dispatch can fail",
            },
        }
    })))
}
