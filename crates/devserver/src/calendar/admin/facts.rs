//! What the admin views tell about a calendar beyond its row: its linked parent, its reminder
//! figures, and how much is ahead of it.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::calendar::input::format_time;
use crate::calendar::occurrences::count_starting_in;
use crate::calendar::reminders::next_trigger;
use crate::calendar::store::{is_live, Row, TenantCalendars};
use crate::calendar::window::Window;

/// How far ahead "future" entries and occurrences are counted: the 90 days a series
/// generates by default (`generatedWindowDays`).
pub const FUTURE_WINDOW_DAYS: i64 = 90;

/// Names of the things a calendar can be linked to, read before the calendar lock is taken.
#[derive(Default)]
pub struct Names {
    pub tenant: Option<String>,
    /// user, space and resource ids -> names.
    pub by_id: HashMap<String, String>,
}

/// The seed's `linkedParent`: a tenant-shared calendar belongs to the tenant; the others to
/// the user, resource or space they are linked to, and follow its access.
pub fn linked_parent(calendar: &Row, names: &Names) -> Value {
    let linked = &calendar["linkedEntity"];
    let (link_type, entity_id) = match calendar["kind"].as_str().unwrap_or_default() {
        "user_linked" => ("user", linked["userId"].clone()),
        "resource_linked" => ("resource", linked["resourceId"].clone()),
        "space_linked" => ("space", linked["spaceId"].clone()),
        _ => ("tenant", calendar["tenantId"].clone()),
    };
    let name = match link_type {
        "tenant" => names.tenant.clone(),
        _ => entity_id
            .as_str()
            .and_then(|id| names.by_id.get(id).cloned()),
    };
    let (access, note) = if link_type == "tenant" {
        ("tenant_shared", Value::Null)
    } else if entity_id.is_null() {
        (
            "linked_parent",
            json!("The calendar names no linked entity"),
        )
    } else if name.is_none() {
        ("linked_parent", json!("The linked entity was not found"))
    } else {
        ("linked_parent", Value::Null)
    };
    json!({
        "linkType": link_type,
        "entityId": entity_id,
        "entityName": name,
        "accessMode": access,
        "note": note,
    })
}

/// The live reminders of a calendar.
pub fn reminders<'a>(tenant: &'a TenantCalendars, calendar_id: &str) -> Vec<&'a Row> {
    tenant
        .reminders
        .values()
        .filter(|r| is_live(r) && r["calendarId"] == calendar_id)
        .collect()
}

/// (enabled reminder count, the earliest next trigger, how many have one still to come).
pub fn reminder_figures(
    tenant: &TenantCalendars,
    calendar_id: &str,
) -> (usize, Option<String>, usize) {
    let all = reminders(tenant, calendar_id);
    let enabled = all.iter().filter(|r| r["isEnabled"] == true).count();
    let triggers: Vec<DateTime<Utc>> = all.iter().filter_map(|r| next_trigger(tenant, r)).collect();
    let next = triggers.iter().min().map(|t| format_time(*t));
    (enabled, next, triggers.len())
}

/// (future one-off entries, future occurrences) within [`FUTURE_WINDOW_DAYS`] from `now`.
pub fn future_counts(
    tenant: &TenantCalendars,
    calendar_id: &str,
    now: DateTime<Utc>,
) -> (usize, usize) {
    let window = Window {
        from: now,
        to: now + Duration::days(FUTURE_WINDOW_DAYS),
    };
    count_starting_in(tenant, calendar_id, window)
}
