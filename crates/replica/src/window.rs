//! Calendar window queries and free-busy, answered from the replica: plain entries plus the
//! occurrences of recurring series, expanded here in each series' time zone, with overridden
//! occurrences moved and cancelled ones left out.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::params;
use serde::Serialize;
use serde_json::Value;

use crate::entity::Entity;
use crate::error::Result;
use crate::record;
use crate::recurrence::{resolve_local, Rule};
use crate::scope::TenantScope;
use crate::util::{from_millis, parse_json_object, str_field, time_text, Fields};

/// One thing on a calendar in a window: a plain entry or one occurrence of a series.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct WindowItem {
    /// The entry (for an occurrence: the series' root entry).
    pub entry_id: String,
    pub calendar_id: String,
    /// The series, for occurrences.
    pub series_id: Option<String>,
    /// The occurrence's date in the series' time zone (YYYY-MM-DD), for occurrences.
    pub instance_date: Option<String>,
    pub title: String,
    /// event, booking, reservation, hold or reminder_task.
    pub kind: String,
    pub description: Option<String>,
    pub location_name: Option<String>,
    pub status: String,
    pub starts_at: String,
    pub ends_at: String,
    pub timezone: String,
    pub is_all_day: bool,
    /// An occurrence changed by an override.
    pub overridden: bool,
    /// Local changes to this entry, its series or this occurrence wait in the outbox.
    pub has_pending_ops: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FreeBusySlot {
    pub calendar_id: String,
    pub starts_at: String,
    pub ends_at: String,
    pub status: String,
    pub is_all_day: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FreeBusy {
    pub window_starts_at: String,
    pub window_ends_at: String,
    pub slots: Vec<FreeBusySlot>,
}

struct Sorted {
    start: DateTime<Utc>,
    item: WindowItem,
}

fn bool_field(fields: &Fields, key: &str) -> bool {
    fields.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn entry_item(
    entry_id: &str,
    calendar_id: &str,
    fields: &Fields,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> WindowItem {
    WindowItem {
        entry_id: entry_id.to_string(),
        calendar_id: calendar_id.to_string(),
        series_id: None,
        instance_date: None,
        title: str_field(fields, "title").unwrap_or_default().to_string(),
        kind: str_field(fields, "kind").unwrap_or("event").to_string(),
        description: str_field(fields, "description").map(str::to_string),
        location_name: str_field(fields, "locationName").map(str::to_string),
        status: str_field(fields, "status")
            .unwrap_or("confirmed")
            .to_string(),
        starts_at: time_text(start),
        ends_at: time_text(end),
        timezone: str_field(fields, "timezone").unwrap_or("UTC").to_string(),
        is_all_day: bool_field(fields, "isAllDay"),
        overridden: false,
        has_pending_ops: false,
    }
}

impl TenantScope<'_> {
    /// Everything on these calendars (local or server ids) overlapping `[from, to)`, by start.
    pub fn window(
        &self,
        calendar_ids: &[&str],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<WindowItem>> {
        let mut found: Vec<Sorted> = Vec::new();
        for id in calendar_ids {
            // Unknown or deleted calendars are an error even for an empty window.
            let calendar =
                record::load_live_by_any_id(self.conn, &self.tenant, Entity::Calendar, id)?;
            if to <= from {
                continue;
            }
            self.plain_entries(&calendar.local_id, from, to, &mut found)?;
            let zone = crate::util::str_field(&calendar.fields, "timezone").unwrap_or("UTC");
            self.series_occurrences(&calendar.local_id, zone, from, to, &mut found)?;
        }
        found.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then_with(|| a.item.title.cmp(&b.item.title))
        });
        self.mark_pending(&mut found)?;
        Ok(found.into_iter().map(|s| s.item).collect())
    }

    fn plain_entries(
        &self,
        calendar: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        out: &mut Vec<Sorted>,
    ) -> Result<()> {
        // Two index ranges (see migration 0006): entries starting at most a week before the
        // window, and the few longer ones that started earlier.
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.local_id, e.fields, e.starts_at, e.ends_at FROM entries e
             WHERE e.tenant_id = ?1 AND e.calendar_id = ?2 AND e.starts_at >= ?5 AND e.starts_at < ?4 AND e.ends_at > ?3
               AND e.deleted_locally = 0
               AND NOT EXISTS (SELECT 1 FROM recurrence_masters m WHERE m.root_entry_id = e.local_id AND m.deleted_locally = 0)
             UNION ALL
             SELECT e.local_id, e.fields, e.starts_at, e.ends_at FROM entries e
             WHERE e.tenant_id = ?1 AND e.calendar_id = ?2 AND e.ends_at - e.starts_at > 604800000 AND e.ends_at > ?3
               AND e.starts_at < ?5 AND e.deleted_locally = 0
               AND NOT EXISTS (SELECT 1 FROM recurrence_masters m WHERE m.root_entry_id = e.local_id AND m.deleted_locally = 0)",
        )?;
        let week_before = from.timestamp_millis() - 604_800_000;
        let rows = stmt
            .query_map(
                params![
                    self.tenant,
                    calendar,
                    from.timestamp_millis(),
                    to.timestamp_millis(),
                    week_before
                ],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, i64>(3)?,
                    ))
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (local_id, fields, start, end) in rows {
            let fields = parse_json_object(&fields)?;
            let (start, end) = (from_millis(start), from_millis(end));
            out.push(Sorted {
                start,
                item: entry_item(&local_id, calendar, &fields, start, end),
            });
        }
        Ok(())
    }

    fn series_occurrences(
        &self,
        calendar: &str,
        zone: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        out: &mut Vec<Sorted>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.local_id, m.fields, e.local_id, e.fields, e.starts_at, e.ends_at
             FROM recurrence_masters m CROSS JOIN entries e ON e.local_id = m.root_entry_id
             WHERE m.tenant_id = ?1 AND m.calendar_id = ?2 AND m.deleted_locally = 0 AND e.deleted_locally = 0
               AND m.starts_at < ?3",
        )?;
        let masters = stmt
            .query_map(params![self.tenant, calendar, to.timestamp_millis()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (master_id, master_fields, entry_id, entry_fields, entry_start, entry_end) in masters {
            let master_fields = parse_json_object(&master_fields)?;
            // A series the server stored with a rule this build cannot read is shown by its
            // root entry alone rather than hiding it.
            let entry_fields = parse_json_object(&entry_fields)?;
            let duration = Duration::milliseconds(entry_end - entry_start);
            let Ok(rule) = Rule::from_master(&master_fields, zone) else {
                let (start, end) = (from_millis(entry_start), from_millis(entry_end));
                if start < to && end > from {
                    out.push(Sorted {
                        start,
                        item: entry_item(&entry_id, calendar, &entry_fields, start, end),
                    });
                }
                continue;
            };
            let overrides = self.instances_of(&master_id)?;
            if rule.until.is_some_and(|u| u + duration <= from) && overrides.is_empty() {
                continue;
            }
            let series_item = |date: NaiveDate, start: DateTime<Utc>, end: DateTime<Utc>| {
                let mut item = entry_item(&entry_id, calendar, &entry_fields, start, end);
                item.series_id = Some(master_id.clone());
                item.instance_date = Some(date.to_string());
                item.timezone = rule.tz.name().to_string();
                item
            };
            for occurrence in rule.occurrences_between(from - duration, to) {
                let end = occurrence.starts_at + duration;
                if end <= from || overrides.contains_key(&occurrence.instance_date.to_string()) {
                    continue;
                }
                out.push(Sorted {
                    start: occurrence.starts_at,
                    item: series_item(occurrence.instance_date, occurrence.starts_at, end),
                });
            }
            for (date_text, instance) in &overrides {
                let Ok(date) = date_text.parse::<NaiveDate>() else {
                    continue;
                };
                if str_field(instance, "instanceState") == Some("cancelled") {
                    continue;
                }
                let time_of_day = rule.starts_at.with_timezone(&rule.tz).time();
                let default_start = resolve_local(&rule.tz, date.and_time(time_of_day));
                let start = crate::util::time_field_ms(instance, "startsAt")
                    .map(from_millis)
                    .unwrap_or(default_start);
                let end = crate::util::time_field_ms(instance, "endsAt")
                    .map(from_millis)
                    .unwrap_or(start + duration);
                if !(start < to && end > from) {
                    continue;
                }
                let mut item = series_item(date, start, end);
                item.overridden = str_field(instance, "instanceState") == Some("overridden");
                if let Some(title) = str_field(instance, "titleOverride") {
                    item.title = title.to_string();
                }
                if let Some(description) = str_field(instance, "descriptionOverride") {
                    item.description = Some(description.to_string());
                }
                if let Some(status) = str_field(instance, "status") {
                    item.status = status.to_string();
                }
                if let Some(all_day) = instance.get("isAllDay").and_then(Value::as_bool) {
                    item.is_all_day = all_day;
                }
                out.push(Sorted { start, item });
            }
        }
        Ok(())
    }

    /// Sets `has_pending_ops` from the outbox: the entry's ops, its series', the occurrence's.
    /// The calendar's open ops are read once (two queries) rather than asked about item by item:
    /// a month view holds thousands of items, the outbox few calendar ops.
    fn mark_pending(&self, found: &mut [Sorted]) -> Result<()> {
        if found.is_empty() {
            return Ok(());
        }
        let mut open: HashSet<(String, String)> = HashSet::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT entity, local_id FROM outbox
             WHERE tenant_id = ?1 AND entity IN ('entry', 'recurrence_master') AND state != 'done'",
        )?;
        for row in stmt.query_map(params![self.tenant], |r| Ok((r.get(0)?, r.get(1)?)))? {
            open.insert(row?);
        }
        let mut changed_occurrences: HashSet<(String, String)> = HashSet::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT i.master_id, i.instance_date FROM recurrence_instances i JOIN outbox o
               ON o.tenant_id = i.tenant_id AND o.entity = 'recurrence_instance' AND o.local_id = i.local_id
             WHERE i.tenant_id = ?1 AND o.state != 'done'",
        )?;
        for row in stmt.query_map(params![self.tenant], |r| Ok((r.get(0)?, r.get(1)?)))? {
            changed_occurrences.insert(row?);
        }
        let has = |entity: Entity, id: &str| {
            open.contains(&(entity.as_str().to_string(), id.to_string()))
        };
        for Sorted { item, .. } in found.iter_mut() {
            item.has_pending_ops = has(Entity::Entry, &item.entry_id);
            if let (Some(series), Some(date)) = (&item.series_id, &item.instance_date) {
                item.has_pending_ops = item.has_pending_ops
                    || has(Entity::RecurrenceMaster, series)
                    || changed_occurrences.contains(&(series.clone(), date.clone()));
            }
        }
        Ok(())
    }

    /// The overridden and cancelled occurrences of a series, by date. Instances the server
    /// generated without changes add nothing to the expansion and are left out.
    fn instances_of(&self, master_id: &str) -> Result<HashMap<String, Fields>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT instance_date, fields FROM recurrence_instances
             WHERE tenant_id = ?1 AND master_id = ?2 AND deleted_locally = 0 AND instance_state != 'generated'",
        )?;
        let rows = stmt
            .query_map(params![self.tenant, master_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(date, fields)| Ok((date, parse_json_object(&fields)?)))
            .collect()
    }

    /// Everything on every calendar of the tenant overlapping `[from, to)` (an agenda).
    pub fn window_all(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<WindowItem>> {
        let ids: Vec<String> = self.calendars()?.into_iter().map(|c| c.local_id).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        self.window(&ids, from, to)
    }

    /// Busy times on these calendars in `[from, to)`: every entry and occurrence that is not
    /// cancelled, with its status.
    pub fn free_busy(
        &self,
        calendar_ids: &[&str],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<FreeBusy> {
        let slots = self
            .window(calendar_ids, from, to)?
            .into_iter()
            .filter(|item| item.status != "cancelled")
            .map(|item| FreeBusySlot {
                calendar_id: item.calendar_id,
                starts_at: item.starts_at,
                ends_at: item.ends_at,
                status: item.status,
                is_all_day: item.is_all_day,
            })
            .collect();
        Ok(FreeBusy {
            window_starts_at: time_text(from),
            window_ends_at: time_text(to),
            slots,
        })
    }
}
