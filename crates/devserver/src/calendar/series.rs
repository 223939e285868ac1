//! A series as it is read: the master's rule in its calendar's zone, the root entry the
//! occurrences copy, and how one occurrence looks once its overrides apply.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use crate::calendar::entries::{all_day_dates, span};
use crate::calendar::expand::{resolve_local, Frequency, Rule};
use crate::calendar::input::{format_time, parse_time};
use crate::calendar::store::{InstanceRow, Row, TenantCalendars};

pub struct Series {
    pub master: Row,
    pub root: Row,
    pub rule: Rule,
    /// The calendar's zone: series expand there (DESIGN.md).
    pub tz: Tz,
    /// Every occurrence lasts as long as the root entry.
    pub duration: Duration,
}

fn int_list(row: &Row, key: &str) -> Vec<u32> {
    row[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_u64)
                .filter_map(|n| u32::try_from(n).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The rule of a master (request or stored form) expanded in `tz`.
pub fn rule_of(master: &Row, tz: Tz) -> Option<Rule> {
    let time = |key: &str| master[key].as_str().and_then(parse_time);
    Some(Rule::new(
        Frequency::parse(master["frequency"].as_str()?)?,
        master["intervalCount"]
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(1),
        int_list(master, "byWeekday"),
        int_list(master, "byMonthDay"),
        time("startsAt")?,
        time("untilAt"),
        master["occurrenceCountLimit"].as_u64(),
        tz,
    ))
}

pub fn zone_of(calendar: &Row) -> Tz {
    calendar["timezone"]
        .as_str()
        .and_then(|z| z.parse().ok())
        .unwrap_or(Tz::UTC)
}

impl Series {
    /// The live series `master_id` of this tenant, with its live calendar and root entry.
    pub fn load(tenant: &TenantCalendars, master_id: &str) -> Option<Series> {
        let master = tenant.master(master_id)?;
        let calendar = tenant.calendar(master["calendarId"].as_str()?)?;
        let root = tenant.entry(master["rootEntryId"].as_str()?)?;
        let tz = zone_of(calendar);
        let (start, end) = span(root);
        Some(Series {
            rule: rule_of(master, tz)?,
            master: master.clone(),
            root: root.clone(),
            tz,
            duration: end - start,
        })
    }

    /// Where an occurrence starts and ends, overrides applied.
    pub fn span_of(&self, row: &InstanceRow) -> (DateTime<Utc>, DateTime<Utc>) {
        let time = |key: &str| {
            row.overrides
                .get(key)
                .and_then(Value::as_str)
                .and_then(parse_time)
        };
        let start = time("startsAt").unwrap_or_else(|| {
            let local = self.rule.starts_at.with_timezone(&self.tz).time();
            resolve_local(&self.tz, row.date.and_time(local))
        });
        let end = time("endsAt").unwrap_or(start + self.duration);
        (start, end)
    }

    /// An occurrence in the seed's instance shape.
    pub fn render(&self, row: &InstanceRow) -> Row {
        let o = &row.overrides;
        let pick = |key: &str, default: Value| o.get(key).cloned().unwrap_or(default);
        let (start, end) = self.span_of(row);
        let timezone = pick("timezone", json!(self.tz.name()));
        let tz: Tz = timezone
            .as_str()
            .and_then(|z| z.parse().ok())
            .unwrap_or(self.tz);
        let all_day = pick("isAllDay", self.root["isAllDay"].clone());
        let (first, last) = all_day_dates(all_day.as_bool().unwrap_or(false), start, end, tz);
        // Occurrences take their content from the root entry, so they changed when it did.
        let root_stamp = self.root["updatedAt"].as_str().unwrap_or_default();
        let updated = row.updated_at.as_str().max(root_stamp);
        let mut out = Row::new();
        out.insert("id".into(), json!(row.id));
        out.insert("tenantId".into(), self.master["tenantId"].clone());
        out.insert("calendarId".into(), self.master["calendarId"].clone());
        out.insert("recurrenceMasterId".into(), json!(row.master_id));
        out.insert("sourceEntryId".into(), self.root["id"].clone());
        out.insert("instanceDate".into(), json!(row.date.to_string()));
        out.insert("startsAt".into(), json!(format_time(start)));
        out.insert("endsAt".into(), json!(format_time(end)));
        out.insert("localStartDate".into(), first);
        out.insert("localEndDateExclusive".into(), last);
        out.insert("timezone".into(), timezone);
        out.insert("isAllDay".into(), all_day);
        out.insert("instanceState".into(), json!(row.state));
        out.insert("status".into(), pick("status", self.root["status"].clone()));
        out.insert("titleOverride".into(), pick("titleOverride", Value::Null));
        out.insert(
            "descriptionOverride".into(),
            pick("descriptionOverride", Value::Null),
        );
        out.insert(
            "metadataOverride".into(),
            pick("metadataOverride", json!({})),
        );
        out.insert("createdAt".into(), json!(row.created_at));
        out.insert("updatedAt".into(), json!(updated));
        out.insert("createdBy".into(), json!(row.created_by));
        out.insert("deletedAt".into(), Value::Null);
        out.insert("deletedBy".into(), Value::Null);
        out
    }
}
