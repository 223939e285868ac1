//! What is on a set of calendars in a window: one-off entries, and the occurrences of series
//! expanded in their calendar's zone with overrides applied. The root entry of a live series
//! is its first occurrence, so it is not listed again as an entry (the client's replica reads
//! windows the same way). Cancelled occurrences do not take place and are left out; entries
//! and occurrences with status `cancelled` stay in, with their status, for the caller to judge.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::calendar::entries::span;
use crate::calendar::instances::materialise;
use crate::calendar::series::Series;
use crate::calendar::store::{is_live, InstanceRow, TenantCalendars};
use crate::calendar::window::Window;

/// One thing on a calendar in a window.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// The entry's id, or the occurrence's instance id.
    pub id: String,
    pub calendar_id: String,
    pub title: String,
    pub location: Option<String>,
    pub status: String,
    pub is_all_day: bool,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

/// Everything on `calendars` overlapping `window`, by start (then id). Occurrences handed out
/// get their instance ids here, as a listing of the series' instances would give them.
pub fn in_window(
    tenant: &mut TenantCalendars,
    calendars: &HashSet<String>,
    window: Window,
    stamp: &mut dyn FnMut() -> String,
) -> Vec<Occurrence> {
    let on_calendars = |row: &serde_json::Map<String, Value>| {
        row["calendarId"]
            .as_str()
            .is_some_and(|c| calendars.contains(c))
    };
    let series_ids: Vec<String> = tenant
        .masters
        .values()
        .filter(|m| is_live(m) && on_calendars(m))
        .map(|m| text(&m["id"]))
        .collect();
    let roots: HashSet<String> = series_ids
        .iter()
        .filter_map(|id| tenant.master(id).map(|m| text(&m["rootEntryId"])))
        .collect();
    // One-off entries from the index by start time: only those that can overlap the window.
    let mut found: Vec<Occurrence> = Vec::new();
    for calendar in calendars {
        let (entries, spans) = tenant.entries_overlapping(Some(calendar), window);
        for s in spans.filter(|s| !roots.contains(&s.id)) {
            let Some(e) = entries.get(&s.id) else {
                continue;
            };
            found.push(Occurrence {
                id: text(&e["id"]),
                calendar_id: text(&e["calendarId"]),
                title: text(&e["title"]),
                location: e["locationName"].as_str().map(str::to_string),
                status: text(&e["status"]),
                is_all_day: e["isAllDay"].as_bool().unwrap_or(false),
                starts_at: s.start,
                ends_at: s.end,
            });
        }
    }
    // Changed occurrences, by series, read once rather than once per series.
    let mut changed: HashMap<String, Vec<InstanceRow>> = HashMap::new();
    for row in tenant.instances.values() {
        if row.state != "generated" {
            changed
                .entry(row.master_id.clone())
                .or_default()
                .push(row.clone());
        }
    }
    for master_id in series_ids {
        let Some(series) = Series::load(tenant, &master_id) else {
            continue;
        };
        let mut rows: Vec<InstanceRow> = Vec::new();
        for o in series
            .rule
            .starting_between(window.from - series.duration, window.to)
        {
            let row = materialise(tenant, &master_id, o.date, stamp);
            if row.state == "generated" {
                rows.push(row.clone());
            }
        }
        rows.extend(
            changed
                .remove(&master_id)
                .unwrap_or_default()
                .into_iter()
                .filter(|r| r.state == "overridden"),
        );
        for row in rows {
            let (start, end) = series.span_of(&row);
            if !window.overlaps(start, end) {
                continue;
            }
            let shown = series.render(&row);
            let title = shown["titleOverride"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| text(&series.root["title"]));
            found.push(Occurrence {
                id: row.id.clone(),
                calendar_id: text(&series.master["calendarId"]),
                title,
                location: series.root["locationName"].as_str().map(str::to_string),
                status: text(&shown["status"]),
                is_all_day: shown["isAllDay"].as_bool().unwrap_or(false),
                starts_at: start,
                ends_at: end,
            });
        }
    }
    found.sort_by(|a, b| (a.starts_at, &a.id).cmp(&(b.starts_at, &b.id)));
    found
}

/// How many one-off entries and live occurrences of `calendar_id` start in `window`, counted
/// without handing out instance ids (the admin summaries count ahead without listing).
pub fn count_starting_in(
    tenant: &TenantCalendars,
    calendar_id: &str,
    window: Window,
) -> (usize, usize) {
    let starts_inside = |start: DateTime<Utc>| start >= window.from && start < window.to;
    let series: Vec<Series> = tenant
        .masters
        .values()
        .filter(|m| is_live(m) && m["calendarId"] == calendar_id)
        .filter_map(|m| Series::load(tenant, m["id"].as_str()?))
        .collect();
    let roots: HashSet<&str> = series
        .iter()
        .filter_map(|s| s.root["id"].as_str())
        .collect();
    let entries = tenant
        .live_entries()
        .filter(|e| e["calendarId"] == calendar_id)
        .filter(|e| !roots.contains(e["id"].as_str().unwrap_or_default()))
        .filter(|e| starts_inside(span(e).0))
        .count();
    let mut instances = 0;
    for s in &series {
        let master_id = s.master["id"].as_str().unwrap_or_default();
        let changed: Vec<&InstanceRow> = tenant
            .instances
            .values()
            .filter(|i| i.master_id == master_id && i.state != "generated")
            .collect();
        instances += s
            .rule
            .starting_between(window.from, window.to)
            .iter()
            .filter(|o| !changed.iter().any(|c| c.date == o.date))
            .count();
        instances += changed
            .iter()
            .filter(|c| c.state == "overridden" && starts_inside(s.span_of(c).0))
            .count();
    }
    (entries, instances)
}
