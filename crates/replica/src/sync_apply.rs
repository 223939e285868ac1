//! Writes from the server (source `Sync`): upserts of pulled records, remote deletes. They never
//! create outbox rows, and a record with unsent local ops keeps its local fields: only its base
//! (and base `updatedAt`) moves, so the next push can merge against what the server has now.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::ops::with_identity;
use crate::record::{self, Row};
use crate::scope::TenantScope;
use crate::util::{new_id, now_text, str_field};
use crate::wire::{request_shape, server_id, server_updated_at};

/// What a remote delete did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    tag = "outcome"
)]
pub enum RemoteDelete {
    /// The record (and what hung off it) is gone from the replica.
    Removed { local_id: String },
    /// The replica did not have it.
    Unknown,
    /// Kept: unsent local ops touch it or records under it; the engine parks a conflict.
    Kept {
        local_id: String,
        pending: Vec<(Entity, String)>,
    },
}

/// A page of server records applied.
#[derive(Debug, Default)]
pub struct Upserted {
    /// Each record's local id, in the order given.
    pub local_ids: Vec<String>,
    /// How many of them changed the replica: new here, or different from the copy it held.
    pub written: usize,
}

impl TenantScope<'_> {
    /// Applies one server record (the `data` of a GET/list response). Returns its local id.
    pub fn upsert_from_server(&self, entity: Entity, server: &Value) -> Result<String> {
        self.in_tx(|tx| {
            upsert_one(tx, &self.tenant, entity, server, None, false).map(|u| u.local_id)
        })
    }

    /// Applies a page of server records in one transaction.
    pub fn upsert_many_from_server(
        &self,
        entity: Entity,
        servers: &[Value],
    ) -> Result<Vec<String>> {
        Ok(self.upsert_many_counted(entity, servers)?.local_ids)
    }

    /// Applies a page of server records in one transaction, and says how many of them changed
    /// the replica (new here, or different from what it held): a verification pull counts
    /// those as what the change feed missed.
    pub fn upsert_many_counted(&self, entity: Entity, servers: &[Value]) -> Result<Upserted> {
        self.upsert_listed(entity, servers, None)
    }

    /// Whether the replica holds any record of this type the server knows: a listing into a
    /// table without one (a first sync) has no copies to look up.
    pub fn holds_server_records(&self, entity: Entity) -> Result<bool> {
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM {} WHERE tenant_id = ?1 AND server_id IS NOT NULL)",
            entity.descriptor().table
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([&self.tenant], |r| r.get(0))?)
    }

    /// [`Self::upsert_many_counted`] for a page of a listing. With `first_listing` (whether an
    /// id was among the listing's records written so far, into a table that held no server
    /// record of this type when it began), a record not among them is new here and inserted
    /// without looking for a copy: a first sync skips three lookups a row. A type matched by
    /// its natural key still looks.
    pub fn upsert_listed(
        &self,
        entity: Entity,
        servers: &[Value],
        first_listing: Option<&dyn Fn(&str) -> bool>,
    ) -> Result<Upserted> {
        let first_listing = first_listing.filter(|_| entity.descriptor().natural_key.is_empty());
        self.in_tx(|tx| {
            let mut written = 0;
            if !inserts_in_batches(entity) {
                let mut local_ids = Vec::with_capacity(servers.len());
                for s in servers {
                    let one = upsert_one(tx, &self.tenant, entity, s, None, false)?;
                    written += usize::from(one.written);
                    local_ids.push(one.local_id);
                }
                return Ok(Upserted { local_ids, written });
            }
            // New rows are inserted together at the end (or before a second row with the same
            // id, which must find the first); nothing else here reads them in between.
            let mut new_rows: Vec<(Row, String)> = Vec::new();
            let mut new_ids: HashSet<String> = HashSet::new();
            let mut local_ids = Vec::with_capacity(servers.len());
            // Ids of this page already applied: a second copy of one looks up the first.
            let mut page_ids: HashSet<&str> = HashSet::new();
            for s in servers {
                let known_new = first_listing.is_some_and(|seen| {
                    server_id(s).is_some_and(|id| !seen(id) && !page_ids.contains(id))
                });
                page_ids.extend(server_id(s));
                if server_id(s).is_some_and(|id| new_ids.contains(id)) {
                    record::insert_many(tx, &self.tenant, entity, &new_rows)?;
                    new_rows.clear();
                    new_ids.clear();
                }
                let before = new_rows.len();
                let one = upsert_one(tx, &self.tenant, entity, s, Some(&mut new_rows), known_new)?;
                written += usize::from(one.written);
                local_ids.push(one.local_id);
                if new_rows.len() > before {
                    new_ids.extend(server_id(s).map(str::to_string));
                }
            }
            record::insert_many(tx, &self.tenant, entity, &new_rows)?;
            Ok(Upserted { local_ids, written })
        })
    }

    /// The server deleted a record (404, or absent from a complete listing).
    pub fn apply_remote_delete(&self, entity: Entity, server_id: &str) -> Result<RemoteDelete> {
        self.in_tx(|tx| {
            let Some(row) = record::load_by_server_id(tx, &self.tenant, entity, server_id)? else {
                return Ok(RemoteDelete::Unknown);
            };
            let mut pending = Vec::new();
            let children = record::dependents(tx, &self.tenant, entity, &row.local_id)?;
            for (e, id) in std::iter::once((entity, row.local_id.clone())).chain(children) {
                if record::has_open_ops(tx, &self.tenant, e, &id)?
                    && !settled_by_remote_delete(tx, &self.tenant, e, &id)?
                {
                    pending.push((e, id));
                }
            }
            if !pending.is_empty() {
                return Ok(RemoteDelete::Kept {
                    local_id: row.local_id,
                    pending,
                });
            }
            record::remove(tx, &self.tenant, entity, &row.local_id)?;
            Ok(RemoteDelete::Removed {
                local_id: row.local_id,
            })
        })
    }

    /// Server ids of every record of this type the replica holds, to spot remote deletes in a
    /// complete listing.
    pub fn known_server_ids(&self, entity: Entity) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT server_id FROM {} WHERE tenant_id = ?1 AND server_id IS NOT NULL ORDER BY server_id",
            entity.descriptor().table
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids = stmt.query_map([&self.tenant], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Server ids of the records of this type that `keep` keeps, read row by row: a listing
    /// of a million records finds the few it no longer has without a second copy of every id.
    pub fn server_ids_where(
        &self,
        entity: Entity,
        mut keep: impl FnMut(&str) -> bool,
    ) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT server_id FROM {} WHERE tenant_id = ?1 AND server_id IS NOT NULL",
            entity.descriptor().table
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([&self.tenant])?;
        let mut kept = Vec::new();
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            if keep(&id) {
                kept.push(id);
            }
        }
        Ok(kept)
    }

    /// Server ids of the records of this type whose create went out from here (a done create op
    /// names them). A retried create matched on its fields must not take one of these over; a
    /// copy a pull brought in is not among them, and may be the lost create itself.
    pub fn server_ids_created_here(&self, entity: Entity) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT r.server_id FROM {} r WHERE r.tenant_id = ?1 AND r.server_id IS NOT NULL
               AND EXISTS (SELECT 1 FROM outbox o WHERE o.tenant_id = r.tenant_id AND o.entity = ?2
                             AND o.local_id = r.local_id AND o.kind = 'create' AND o.state = 'done')",
            entity.descriptor().table
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids = stmt.query_map(rusqlite::params![&self.tenant, entity.as_str()], |r| {
            r.get(0)
        })?;
        Ok(ids.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Server ids of the entries of a calendar overlapping `[from, to)` (entries are pulled by
    /// window, so remote deletes are spotted per window).
    pub fn known_entry_server_ids(
        &self,
        calendar_id: &str,
        from: chrono::DateTime<chrono::Utc>,
        to: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<String>> {
        let calendar =
            record::load_live_by_any_id(self.conn, &self.tenant, Entity::Calendar, calendar_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT server_id FROM entries WHERE tenant_id = ?1 AND calendar_id = ?2 AND server_id IS NOT NULL
             AND starts_at < ?4 AND ends_at > ?3 ORDER BY server_id",
        )?;
        let ids = stmt.query_map(
            params![
                self.tenant,
                calendar.local_id,
                from.timestamp_millis(),
                to.timestamp_millis()
            ],
            |r| r.get(0),
        )?;
        Ok(ids.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Applies the participants the server reports for an entry (by the entry's server id).
    /// The current user's response stays local while a `respond` op waits.
    pub fn upsert_participants_from_server(&self, participants: &[Value]) -> Result<()> {
        self.in_tx(|tx| {
            participants
                .iter()
                .try_for_each(|p| upsert_participant(tx, &self.tenant, p))
        })
    }
}

/// One participant from the server (also the answer of `respond`).
pub(crate) fn upsert_participant(tx: &Connection, tenant: &str, p: &Value) -> Result<()> {
    let id =
        server_id(p).ok_or_else(|| ReplicaError::invalid("id", "a participant needs its id"))?;
    let entry_ref = p
        .get("calendarEntryId")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let entry =
        record::load_by_server_id(tx, tenant, Entity::Entry, entry_ref)?.ok_or_else(|| {
            ReplicaError::NotFound {
                entity: "entry",
                id: entry_ref.to_string(),
            }
        })?;
    let text = |k: &str| p.get(k).and_then(Value::as_str).map(str::to_string);
    let respond_waiting: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE tenant_id = ?1 AND entity = 'entry' AND local_id = ?2
             AND action = 'respond' AND state != 'done')",
        )?
        .query_row(params![tenant, entry.local_id], |r| r.get(0))?;
    let existing: Option<String> = tx
        .prepare_cached(
            "SELECT local_id FROM participants WHERE tenant_id = ?1 AND (server_id = ?2
             OR (server_id IS NULL AND entry_id = ?3 AND actor_user_id IS ?4))",
        )?
        .query_row(
            params![tenant, id, entry.local_id, text("actorUserId")],
            |r| r.get(0),
        )
        .optional()?;
    let local_id = existing.unwrap_or_else(new_id);
    tx.prepare_cached(
        "INSERT INTO participants (local_id, tenant_id, server_id, entry_id, actor_type, actor_user_id, actor_group_id, role, response_status, raw, local_updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (local_id) DO UPDATE SET server_id = excluded.server_id, actor_type = excluded.actor_type,
            actor_user_id = excluded.actor_user_id, actor_group_id = excluded.actor_group_id, role = excluded.role,
            response_status = CASE WHEN ?12 THEN participants.response_status ELSE excluded.response_status END,
            raw = excluded.raw, local_updated_at = excluded.local_updated_at",
    )?
    .execute(params![
        local_id,
        tenant,
        id,
        entry.local_id,
        text("actorType").unwrap_or_else(|| "user".into()),
        text("actorUserId"),
        text("actorGroupId"),
        text("role").unwrap_or_else(|| "attendee".into()),
        text("responseStatus").unwrap_or_else(|| "pending".into()),
        serde_json::to_string(p)?,
        now_text(),
        respond_waiting
    ])?;
    Ok(())
}

/// Whether a page of this entity may put off inserting its new rows to one statement at the
/// end: records with no other row to match first (no natural key), no parent to resolve and no
/// orphans to adopt. Contacts gain most: their full-text index otherwise writes a segment per
/// row.
fn inserts_in_batches(entity: Entity) -> bool {
    entity.descriptor().natural_key.is_empty()
        && entity.descriptor().parents.is_empty()
        && !crate::entity::references_from(entity).any(|r| r.optional)
}

/// Applies one server record. A new row goes to `new_rows` when given (the caller inserts it),
/// else it is inserted here.
/// One server record applied: its local id, and whether the replica's row changed.
struct UpsertedOne {
    local_id: String,
    written: bool,
}

fn upsert_one(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    server: &Value,
    new_rows: Option<&mut Vec<(Row, String)>>,
    known_new: bool,
) -> Result<UpsertedOne> {
    let kept = |local_id| UpsertedOne {
        local_id,
        written: false,
    };
    let written = |local_id| UpsertedOne {
        local_id,
        written: true,
    };
    let id = server_id(server)
        .ok_or_else(|| ReplicaError::invalid("id", "a server record needs its id"))?;
    let fields = request_shape(entity, server);
    crate::server_types::check(entity, id, &fields)?;
    let updated_at = server_updated_at(server).map(str::to_string);
    if known_new {
        // A first listing into a table with no copy of it: nothing to look up.
        let row = Row {
            local_id: new_id(),
            server_id: Some(id.to_string()),
            fields: fields.clone(),
            base: Some(fields),
            base_updated_at: updated_at.clone(),
            deleted_locally: false,
        };
        let local_id = row.local_id.clone();
        let changed_at = updated_at.unwrap_or_else(now_text);
        match new_rows {
            Some(batch) => batch.push((row, changed_at)),
            None => record::insert(conn, tenant, entity, &row, &changed_at)?,
        }
        return Ok(written(local_id));
    }
    // Pulls mostly see records that did not change: those rows are left alone, found without
    // reading them back (the full comparison below still catches any other spelling).
    if let Some(local_id) = record::unchanged_since_base(
        conn,
        tenant,
        entity,
        id,
        &serde_json::to_string(&fields)?,
        updated_at.as_deref(),
    )? {
        return Ok(kept(local_id));
    }
    let changed_at = updated_at.clone().unwrap_or_else(now_text);
    let mut existing = record::load_by_server_id(conn, tenant, entity, id)?;
    if existing.is_none() {
        existing = local_twin(conn, tenant, entity, &fields)?;
    }
    match existing {
        // Pulls mostly see records that did not change: leave those rows alone.
        Some(row)
            if !row.deleted_locally
                && row.server_id.as_deref() == Some(id)
                && row.base.as_ref() == Some(&fields)
                && row.base_updated_at == updated_at =>
        {
            Ok(kept(row.local_id))
        }
        Some(mut row) => {
            row.server_id = Some(id.to_string());
            row.base = Some(fields.clone());
            row.base_updated_at = updated_at;
            if record::has_open_ops(conn, tenant, entity, &row.local_id)? {
                // Fields with local changes waiting keep them; the others follow the server.
                if let Some(changed) =
                    crate::edits::fields_with_pending_changes(conn, tenant, entity, &row.local_id)?
                {
                    row.fields = with_identity(
                        entity,
                        &row.fields,
                        crate::edits::overlay(&fields, &row.fields, &changed),
                    );
                }
                record::update(conn, tenant, entity, &row, &now_text())?;
            } else {
                row.fields = fields;
                row.deleted_locally = false;
                record::update(conn, tenant, entity, &row, &changed_at)?;
            }
            Ok(written(row.local_id))
        }
        None => {
            let row = Row {
                local_id: new_id(),
                server_id: Some(id.to_string()),
                fields: fields.clone(),
                base: Some(fields),
                base_updated_at: updated_at,
                deleted_locally: false,
            };
            let local_id = row.local_id.clone();
            match new_rows {
                Some(batch) => batch.push((row, changed_at)),
                None => {
                    record::insert(conn, tenant, entity, &row, &changed_at)?;
                    adopt_orphans(conn, tenant, entity, &row.local_id, id)?;
                }
            }
            Ok(written(local_id))
        }
    }
}

/// The live row here with the same natural key (its descriptor's) as a server record whose id
/// the replica does not know. The remote keeps one record per key, so it is the same record:
/// made here and not sent yet (an occurrence overridden offline), or remade on the server under
/// a new id since this replica last saw it (a contact relinked). Taking it as that row keeps
/// the replica's one-row-per-key rule instead of colliding with it on every pull.
pub(crate) fn local_twin(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    fields: &crate::Fields,
) -> Result<Option<Row>> {
    let d = entity.descriptor();
    if d.natural_key.is_empty() {
        return Ok(None);
    }
    let mut conditions = Vec::new();
    let mut values: Vec<rusqlite::types::Value> = vec![tenant.to_string().into()];
    for key in d.natural_key {
        let Some(value) = str_field(fields, key) else {
            return Ok(None);
        };
        let (column, value) = match d.parents.iter().find(|r| r.json_key == *key) {
            Some(r) => match record::resolve_local_id(conn, tenant, r.parent, value)? {
                Some(local) => (r.column, local),
                // The record it belongs to is not here: nothing here can be its twin.
                None => return Ok(None),
            },
            None => match d.columns.iter().find(
                |c| matches!(c.value, outpost_model::ColumnValue::Text { key: k, .. } if k == *key),
            ) {
                Some(c) => (c.name, value.to_string()),
                None => return Ok(None),
            },
        };
        values.push(value.into());
        conditions.push(format!("{column} = ?{}", values.len()));
    }
    let sql = format!(
        "SELECT local_id FROM {} WHERE tenant_id = ?1 AND {} AND deleted_locally = 0",
        d.table,
        conditions.join(" AND ")
    );
    let local: Option<String> = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(values), |r| r.get(0))
        .optional()?;
    match local {
        Some(l) => record::load(conn, tenant, entity, &l),
        None => Ok(None),
    }
}

/// Sets the server id of a record created here and rewrites the records and unsent ops that
/// still name it by its local id.
pub(crate) fn map_server_id(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
    server_id: &str,
) -> Result<()> {
    adopt_pulled_copy(conn, tenant, entity, local_id, server_id)?;
    let sql = format!(
        "UPDATE {} SET server_id = ?3 WHERE tenant_id = ?1 AND local_id = ?2",
        entity.descriptor().table
    );
    if conn
        .prepare_cached(&sql)?
        .execute(params![tenant, local_id, server_id])?
        == 0
    {
        return Err(ReplicaError::NotFound {
            entity: entity.as_str(),
            id: local_id.to_string(),
        });
    }
    for r in crate::entity::references_from(entity) {
        let path = format!("$.{}", r.json_key);
        let rows = format!(
            "UPDATE {} SET fields = json_set(fields, ?4, ?3) WHERE tenant_id = ?1 AND {} = ?2 AND json_extract(fields, ?4) = ?2",
            r.child.descriptor().table,
            r.column
        );
        conn.prepare_cached(&rows)?
            .execute(params![tenant, local_id, server_id, path])?;
        conn.prepare_cached(
            "UPDATE outbox SET payload = json_set(payload, ?5, ?4) WHERE tenant_id = ?1 AND entity = ?2
             AND state != 'done' AND json_extract(payload, ?5) = ?3",
        )?
        .execute(params![tenant, r.child.as_str(), local_id, server_id, path])?;
    }
    Ok(())
}

/// A create whose answer was lost can reach the replica twice: the engine finds it on the
/// server later, but a pull in between already brought the server's record in as a row of its
/// own. Both rows are the same record, so the one made here takes the pulled copy's place: the
/// copy's waiting ops and the records under it move over, then the copy goes.
fn adopt_pulled_copy(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
    server_id: &str,
) -> Result<()> {
    let table = entity.descriptor().table;
    let copy: Option<(String, bool)> = conn
        .prepare_cached(&format!(
            "SELECT local_id, deleted_locally FROM {table} WHERE tenant_id = ?1 AND server_id = ?2 AND local_id != ?3"
        ))?
        .query_row(params![tenant, server_id, local_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((copy, copy_deleted)) = copy else {
        return Ok(());
    };
    if entity == Entity::Entry {
        one_series_for_the_entry(conn, tenant, local_id, &copy)?;
    }
    conn.prepare_cached(
        "UPDATE outbox SET local_id = ?4 WHERE tenant_id = ?1 AND entity = ?2 AND local_id = ?3",
    )?
    .execute(params![tenant, entity.as_str(), copy, local_id])?;
    for r in crate::entity::references_from(entity) {
        conn.prepare_cached(&format!(
            "UPDATE {} SET {} = ?3 WHERE tenant_id = ?1 AND {} = ?2",
            r.child.descriptor().table,
            r.column,
            r.column
        ))?
        .execute(params![tenant, copy, local_id])?;
    }
    if copy_deleted {
        // The user deleted the pulled copy; that delete now applies to the record it was.
        conn.prepare_cached(&format!(
            "UPDATE {table} SET deleted_locally = 1 WHERE tenant_id = ?1 AND local_id = ?2"
        ))?
        .execute(params![tenant, local_id])?;
    }
    conn.prepare_cached(&format!(
        "DELETE FROM {table} WHERE tenant_id = ?1 AND local_id = ?2"
    ))?
    .execute(params![tenant, copy])?;
    Ok(())
}

/// A record whose waiting ops end in its delete wants what the server did: the delete (of it,
/// or of the parent it went with) is done, and so are the edits queued before it. Its ops are
/// marked done (a conflict already parked on them is closed as taking the server's side), so
/// the remote delete removes it instead of asking the user to choose between two deletes.
/// Ops on the wire are left to the run sending them.
fn settled_by_remote_delete(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
) -> Result<bool> {
    let open: Vec<(String, String, String)> = conn
        .prepare_cached(
            "SELECT op_id, kind, state FROM outbox WHERE tenant_id = ?1 AND entity = ?2
               AND local_id = ?3 AND state != 'done' ORDER BY seq",
        )?
        .query_map(params![tenant, entity.as_str(), local_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let ends_in_delete = open.last().is_some_and(|(_, kind, _)| kind == "delete");
    let on_the_wire = open.iter().any(|(_, _, state)| state == "in_flight");
    if !ends_in_delete || on_the_wire {
        return Ok(false);
    }
    let theirs = serde_json::to_string(&crate::conflicts::Resolution::TakeTheirs)?;
    for (op_id, _, _) in &open {
        crate::outbox::set_state(conn, tenant, op_id, crate::outbox::OpState::Done)?;
        conn.prepare_cached(
            "UPDATE conflicts SET state = 'resolved', resolution = ?3, resolved_at = ?4
             WHERE tenant_id = ?1 AND op_id = ?2 AND state = 'open'",
        )?
        .execute(params![tenant, op_id, theirs, now_text()])?;
    }
    Ok(true)
}

/// An entry made here whose create was lost may have been made to repeat here (its series
/// waits to be sent) while someone made its pulled copy repeat on the server. The replica shows
/// one series per entry, as a pull does when it meets two: the series made here stays, and the
/// copy's series is left out (the server keeps it; the next pull counts it as left out). When
/// edits wait on the copy's series too, neither can go without losing one: the adoption is
/// refused, naming the entry, so the user sees it on that op rather than the edits vanishing.
fn one_series_for_the_entry(
    conn: &Connection,
    tenant: &str,
    local_id: &str,
    copy: &str,
) -> Result<()> {
    let series_of = |entry: &str| -> Result<Option<String>> {
        Ok(conn
            .prepare_cached(
                "SELECT local_id FROM recurrence_masters WHERE tenant_id = ?1 AND root_entry_id = ?2",
            )?
            .query_row(params![tenant, entry], |r| r.get(0))
            .optional()?)
    };
    let (Some(_), Some(theirs)) = (series_of(local_id)?, series_of(copy)?) else {
        return Ok(());
    };
    let waiting = record::has_open_ops(conn, tenant, Entity::RecurrenceMaster, &theirs)?
        || record::dependents(conn, tenant, Entity::RecurrenceMaster, &theirs)?
            .into_iter()
            .map(|(child, id)| record::has_open_ops(conn, tenant, child, &id))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .any(|open| open);
    if waiting {
        return Err(ReplicaError::InvalidState(format!(
            "the entry {local_id} repeats by a series made here and by another made on the server, with edits waiting on both; discard one of them"
        )));
    }
    record::remove(conn, tenant, Entity::RecurrenceMaster, &theirs)
}

/// Records pulled before this one that name it by server id (a reminder of an entry outside the
/// pulled window) now point at its row.
fn adopt_orphans(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
    server_id: &str,
) -> Result<()> {
    for r in crate::entity::references_from(entity).filter(|r| r.optional) {
        let sql = format!(
            "UPDATE {} SET {} = ?2 WHERE tenant_id = ?1 AND {} IS NULL AND json_extract(fields, ?3) = ?4",
            r.child.descriptor().table,
            r.column,
            r.column
        );
        conn.prepare_cached(&sql)?.execute(params![
            tenant,
            local_id,
            format!("$.{}", r.json_key),
            server_id
        ])?;
    }
    Ok(())
}
