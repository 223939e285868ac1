//! Recurring series: making an entry recurring, changing a rule not yet synced, overriding or
//! cancelling one occurrence.

use chrono::{Duration, NaiveDate};
use rusqlite::OptionalExtension;
use serde_json::Value;

use crate::edits;
use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::outbox::{self, NewOp, OpKind, OpState, Source};
use crate::record::{self, Record, Row};
use crate::recurrence::Rule;
use crate::scope::TenantScope;
use crate::util::{new_id, now_text, parse_time, str_field, time_text, Fields};
use crate::validate::{self, MASTER_CREATE};

impl TenantScope<'_> {
    /// Makes an entry recurring (fields in the shape of `POST .../recurrence-masters`):
    /// `rootEntryId` names the entry, `calendarId` must be its calendar.
    pub fn make_recurring(&self, source: Source, mut fields: Fields) -> Result<Record> {
        crate::validation::series_create(&fields)?;
        self.in_tx(|tx| {
            let entry_ref = fields["rootEntryId"].as_str().unwrap_or_default().to_string();
            let entry = record::load_live_by_any_id(tx, &self.tenant, Entity::Entry, &entry_ref)
                .map_err(|_| ReplicaError::invalid("rootEntryId", "no such entry in this tenant"))?;
            let calendar_ref = fields["calendarId"].as_str().unwrap_or_default().to_string();
            let calendar = record::load_live_by_any_id(tx, &self.tenant, Entity::Calendar, &calendar_ref)
                .map_err(|_| ReplicaError::invalid("calendarId", "no such calendar in this tenant"))?;
            let entry_calendar = entry.fields.get("calendarId").and_then(Value::as_str).unwrap_or_default();
            if entry_calendar != record::reference_id(&calendar) {
                return Err(ReplicaError::invalid("calendarId", "must be the calendar of the root entry"));
            }
            let already: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM recurrence_masters WHERE tenant_id = ?1 AND root_entry_id = ?2)")?
                .query_row(rusqlite::params![self.tenant, entry.local_id], |r| r.get(0))?;
            if already {
                return Err(ReplicaError::invalid("rootEntryId", "this entry is already recurring"));
            }
            let zone = str_field(&calendar.fields, "timezone").unwrap_or("UTC");
            Rule::from_master(&fields, zone)?;
            fields.insert("rootEntryId".into(), Value::String(record::reference_id(&entry)));
            fields.insert("calendarId".into(), Value::String(record::reference_id(&calendar)));
            let row = edits::create(tx, &self.tenant, Entity::RecurrenceMaster, source, fields)?;
            record::to_record(tx, &self.tenant, Entity::RecurrenceMaster, row)
        })
    }

    /// Changes the rule of a series. The platform has no endpoint to change a rule, so this
    /// works only while the series' create has not been sent (the change folds into it).
    pub fn update_series_rule(
        &self,
        source: Source,
        master_id: &str,
        patch: Fields,
    ) -> Result<Record> {
        validate::check_not_empty(&patch)?;
        validate::check(&patch, MASTER_CREATE, &[], false)?;
        for fixed in ["calendarId", "rootEntryId"] {
            if patch.contains_key(fixed) {
                return Err(ReplicaError::invalid(
                    fixed,
                    "cannot change on an existing series",
                ));
            }
        }
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::RecurrenceMaster, master_id)?;
            let ops = self.ops_for_record_in(tx, Entity::RecurrenceMaster, &row.local_id)?;
            // Never attempted: an attempted create may exist on the server already.
            let create_pending = ops.first().is_some_and(|op| {
                op.kind == OpKind::Create && op.state == OpState::Pending && op.attempts == 0
            });
            if !create_pending {
                return Err(ReplicaError::Unsupported(
                    "the platform cannot change the rule of a series once it is synced; delete the entry and create a new series".into(),
                ));
            }
            let (merged, _) = edits::apply_patch(&row, &patch);
            Rule::from_fields(&merged)?;
            self.series_rule(tx, &Row { fields: merged.clone(), ..row.clone() })?;
            let row = edits::update(tx, &self.tenant, Entity::RecurrenceMaster, source, row, &patch)?;
            record::to_record(tx, &self.tenant, Entity::RecurrenceMaster, row)
        })
    }

    /// Overrides one occurrence (fields of `PATCH .../recurrence-instances/{id}`; state
    /// `overridden` unless given). `instance_date` is the occurrence's date in the series' zone.
    pub fn override_occurrence(
        &self,
        source: Source,
        master_id: &str,
        instance_date: NaiveDate,
        mut patch: Fields,
    ) -> Result<Record> {
        crate::validation::occurrence_patch(&patch)?;
        if !patch.contains_key("instanceState") {
            patch.insert("instanceState".into(), Value::String("overridden".into()));
        }
        edits::require_local_source(source)?;
        self.in_tx(|tx| {
            let master = record::load_live_by_any_id(tx, &self.tenant, Entity::RecurrenceMaster, master_id)?;
            let rule = self.series_rule(tx, &master)?;
            if !rule.has_occurrence_on(instance_date) {
                return Err(ReplicaError::invalid("instanceDate", format!("the series has no occurrence on {instance_date}")));
            }
            let existing: Option<String> = tx
                .prepare_cached("SELECT local_id FROM recurrence_instances WHERE tenant_id = ?1 AND master_id = ?2 AND instance_date = ?3")?
                .query_row(rusqlite::params![self.tenant, master.local_id, instance_date.to_string()], |r| r.get(0))
                .ok();
            match existing {
                Some(local_id) => {
                    let row = record::load(tx, &self.tenant, Entity::RecurrenceInstance, &local_id)?
                        .ok_or_else(|| ReplicaError::NotFound { entity: "recurrence_instance", id: local_id.clone() })?;
                    let (merged, _) = edits::apply_patch(&row, &patch);
                    self.check_instance_times(tx, &master, &rule, instance_date, &merged)?;
                    let row = edits::update(tx, &self.tenant, Entity::RecurrenceInstance, source, row, &patch)?;
                    record::to_record(tx, &self.tenant, Entity::RecurrenceInstance, row)
                }
                None => {
                    let mut fields = Fields::new();
                    fields.insert("recurrenceMasterId".into(), Value::String(record::reference_id(&master)));
                    fields.insert("calendarId".into(), master.fields.get("calendarId").cloned().unwrap_or(Value::Null));
                    fields.insert("instanceDate".into(), Value::String(instance_date.to_string()));
                    let mut merged = fields.clone();
                    merged.extend(patch.clone());
                    self.check_instance_times(tx, &master, &rule, instance_date, &merged)?;
                    // The platform generates instances itself and has no create for them: the
                    // op is an update, which the sync engine addresses by (series, date).
                    let row = Row {
                        local_id: new_id(),
                        server_id: None,
                        fields: merged,
                        base: None,
                        base_updated_at: None,
                        deleted_locally: false,
                    };
                    record::insert(tx, &self.tenant, Entity::RecurrenceInstance, &row, &now_text())?;
                    let base = patch.keys().map(|k| (k.clone(), Value::Null)).collect();
                    outbox::enqueue(
                        tx,
                        &self.tenant,
                        Entity::RecurrenceInstance,
                        &row.local_id,
                        NewOp::Update { changes: patch.clone(), base, base_updated_at: None },
                        source,
                        None,
                    )?;
                    record::to_record(tx, &self.tenant, Entity::RecurrenceInstance, row)
                }
            }
        })
    }

    /// Cancels one occurrence of a series.
    pub fn cancel_occurrence(
        &self,
        source: Source,
        master_id: &str,
        instance_date: NaiveDate,
    ) -> Result<Record> {
        let mut patch = Fields::new();
        patch.insert("instanceState".into(), Value::String("cancelled".into()));
        self.override_occurrence(source, master_id, instance_date, patch)
    }

    /// The override's end must follow its start, each defaulting to the occurrence's own time.
    fn check_instance_times(
        &self,
        tx: &rusqlite::Connection,
        master: &Row,
        rule: &Rule,
        date: NaiveDate,
        merged: &Fields,
    ) -> Result<()> {
        let duration = self.series_duration(tx, master)?;
        let occurrence = rule
            .occurrences_between(
                parse_time(&format!("{date}T00:00:00Z")).unwrap_or(rule.starts_at)
                    - Duration::days(2),
                parse_time(&format!("{date}T00:00:00Z")).unwrap_or(rule.starts_at)
                    + Duration::days(3),
            )
            .into_iter()
            .find(|o| o.instance_date == date);
        let Some(occurrence) = occurrence else {
            return Ok(());
        };
        let mut times = Fields::new();
        times.insert(
            "startsAt".into(),
            Value::String(time_text(occurrence.starts_at)),
        );
        times.insert(
            "endsAt".into(),
            Value::String(time_text(occurrence.starts_at + duration)),
        );
        for key in ["startsAt", "endsAt"] {
            if let Some(v) = merged.get(key) {
                times.insert(key.into(), v.clone());
            }
        }
        validate::check_time_range(&times, "startsAt", "endsAt")
    }

    /// The rule of a stored series, in its calendar's time zone.
    pub(crate) fn series_rule(&self, conn: &rusqlite::Connection, master: &Row) -> Result<Rule> {
        let calendar_ref = str_field(&master.fields, "calendarId").unwrap_or_default();
        let calendar =
            record::load_live_by_any_id(conn, &self.tenant, Entity::Calendar, calendar_ref)?;
        Rule::from_master(
            &master.fields,
            str_field(&calendar.fields, "timezone").unwrap_or("UTC"),
        )
    }

    /// How long each occurrence lasts: the root entry's length.
    pub(crate) fn series_duration(
        &self,
        conn: &rusqlite::Connection,
        master: &Row,
    ) -> Result<Duration> {
        let root: Option<(i64, i64)> = conn
            .prepare_cached(
                "SELECT e.starts_at, e.ends_at FROM recurrence_masters m JOIN entries e ON e.local_id = m.root_entry_id
                 WHERE m.tenant_id = ?1 AND m.local_id = ?2",
            )?
            .query_row(rusqlite::params![self.tenant, master.local_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .ok();
        Ok(root
            .map(|(s, e)| Duration::milliseconds(e - s))
            .unwrap_or_else(|| Duration::hours(1)))
    }
}

impl TenantScope<'_> {
    /// The series of a calendar, oldest first.
    pub fn series(&self, calendar_id: &str) -> Result<Vec<Record>> {
        let calendar =
            record::load_live_by_any_id(self.conn, &self.tenant, Entity::Calendar, calendar_id)?;
        self.records_where(
            Entity::RecurrenceMaster,
            "calendar_id",
            &calendar.local_id,
            "starts_at, local_id",
        )
    }

    /// The series an entry is the root of, if it is recurring.
    pub fn series_of_entry(&self, entry_id: &str) -> Result<Option<Record>> {
        let entry = record::load_live_by_any_id(self.conn, &self.tenant, Entity::Entry, entry_id)?;
        Ok(self
            .records_where(
                Entity::RecurrenceMaster,
                "root_entry_id",
                &entry.local_id,
                "local_id",
            )?
            .into_iter()
            .next())
    }

    /// The changed occurrences (overridden, cancelled, or as the server generated them) of a
    /// series, by date.
    pub fn occurrence_changes(&self, master_id: &str) -> Result<Vec<Record>> {
        let master = record::load_live_by_any_id(
            self.conn,
            &self.tenant,
            Entity::RecurrenceMaster,
            master_id,
        )?;
        self.records_where(
            Entity::RecurrenceInstance,
            "master_id",
            &master.local_id,
            "instance_date, local_id",
        )
    }

    /// Every entry of a calendar (not expanded: a series shows as its root entry), by start.
    /// For exports, which need all of them whatever their date.
    pub fn entries_of_calendar(&self, calendar_id: &str) -> Result<Vec<Record>> {
        let calendar =
            record::load_live_by_any_id(self.conn, &self.tenant, Entity::Calendar, calendar_id)?;
        self.records_where(
            Entity::Entry,
            "calendar_id",
            &calendar.local_id,
            "starts_at, local_id",
        )
    }

    /// The entry of a calendar that an iCalendar import brought with this UID
    /// (`metadata.icalUid`), to find an event imported before.
    pub fn entry_by_ical_uid(&self, calendar_id: &str, uid: &str) -> Result<Option<Record>> {
        let calendar =
            record::load_live_by_any_id(self.conn, &self.tenant, Entity::Calendar, calendar_id)?;
        let id: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT local_id FROM entries WHERE tenant_id = ?1 AND calendar_id = ?2 AND deleted_locally = 0
                 AND json_extract(fields, '$.metadata.icalUid') = ?3 ORDER BY local_id LIMIT 1",
            )?
            .query_row(rusqlite::params![self.tenant, calendar.local_id, uid], |r| r.get(0))
            .optional()?;
        match id {
            Some(id) => {
                let row = record::load_live(self.conn, &self.tenant, Entity::Entry, &id)?;
                Ok(Some(record::to_record(
                    self.conn,
                    &self.tenant,
                    Entity::Entry,
                    row,
                )?))
            }
            None => Ok(None),
        }
    }

    fn records_where(
        &self,
        entity: Entity,
        column: &str,
        value: &str,
        order: &str,
    ) -> Result<Vec<Record>> {
        let sql = format!(
            "SELECT local_id FROM {} WHERE tenant_id = ?1 AND {column} = ?2 AND deleted_locally = 0 ORDER BY {order}",
            entity.descriptor().table
        );
        let ids: Vec<String> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params![self.tenant, value], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| {
                let row = record::load_live(self.conn, &self.tenant, entity, &id)?;
                record::to_record(self.conn, &self.tenant, entity, row)
            })
            .collect()
    }
}
