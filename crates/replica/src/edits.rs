//! The write path shared by every editable record: a user or import edit writes the row and its
//! outbox op in the caller's transaction. Validation happens before these are called.

use rusqlite::Connection;
use serde_json::Value;

use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::outbox::{self, Enqueued, NewOp, Source};
use crate::record::{self, Row};
use crate::util::{new_id, now_text, Fields};
use outpost_model::LostCreate;

pub(crate) fn require_local_source(source: Source) -> Result<()> {
    if source == Source::Sync {
        return Err(ReplicaError::InvalidState(
            "server state is applied with upsert_from_server, not with edit operations".into(),
        ));
    }
    Ok(())
}

/// Inserts a new record and queues its create.
pub(crate) fn create(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    source: Source,
    fields: Fields,
) -> Result<Row> {
    require_local_source(source)?;
    let mut fields = fields;
    let op_id = tag_create(entity, &mut fields);
    let row = Row {
        local_id: new_id(),
        server_id: None,
        fields,
        base: None,
        base_updated_at: None,
        deleted_locally: false,
    };
    record::insert(conn, tenant, entity, &row, &now_text())?;
    outbox::enqueue(
        conn,
        tenant,
        entity,
        &row.local_id,
        NewOp::Create {
            fields: row.fields.clone(),
            op_id,
        },
        source,
        None,
    )?;
    Ok(row)
}

/// Records whose create body has `metadata` carry the create's op id in it as `outpostOpId`, so
/// after a lost response the sync engine can find what the create made instead of creating it
/// twice. Returns the op id for the create.
pub(crate) fn tag_create(entity: Entity, fields: &mut Fields) -> String {
    let op_id = new_id();
    if entity.descriptor().lost_create == LostCreate::OpIdInMetadata {
        let metadata = fields
            .entry("metadata")
            .or_insert_with(|| Value::Object(Fields::new()));
        if let Value::Object(map) = metadata {
            map.insert(OP_ID_KEY.into(), Value::String(op_id.clone()));
        }
    }
    op_id
}

/// The metadata key that carries a create's op id.
pub use outpost_model::OP_ID_KEY;

/// The fields of `row` after `patch`, and the fields the patch really changes. A new `metadata`
/// keeps the `outpostOpId` of the record's create.
pub(crate) fn apply_patch(row: &Row, patch: &Fields) -> (Fields, Fields) {
    let mut patch = patch.clone();
    if let (Some(Value::Object(new)), Some(op_id)) = (
        patch.get_mut("metadata"),
        row.fields.get("metadata").and_then(|m| m.get(OP_ID_KEY)),
    ) {
        new.entry(OP_ID_KEY).or_insert_with(|| op_id.clone());
    }
    let patch = &patch;
    let mut merged = row.fields.clone();
    let mut changes = Fields::new();
    for (k, v) in patch {
        if row.fields.get(k) != Some(v) {
            changes.insert(k.clone(), v.clone());
        }
        merged.insert(k.clone(), v.clone());
    }
    (merged, changes)
}

/// Applies `patch` (already validated against the merged record) and queues the update.
pub(crate) fn update(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    source: Source,
    mut row: Row,
    patch: &Fields,
) -> Result<Row> {
    require_local_source(source)?;
    let (merged, changes) = apply_patch(&row, patch);
    if changes.is_empty() {
        return Ok(row);
    }
    let base: Fields = changes
        .keys()
        .map(|k| {
            let v = row
                .base
                .as_ref()
                .and_then(|b| b.get(k))
                .cloned()
                .unwrap_or(Value::Null);
            (k.clone(), v)
        })
        .collect();
    row.fields = merged;
    record::update(conn, tenant, entity, &row, &now_text())?;
    outbox::enqueue(
        conn,
        tenant,
        entity,
        &row.local_id,
        NewOp::Update {
            changes,
            base,
            base_updated_at: row.base_updated_at.clone(),
        },
        source,
        row.base_updated_at.as_deref(),
    )?;
    settle_uncovered_fields(conn, tenant, entity, row)
}

/// The fields that unsent ops of a record change, or None when a create or delete waits (then
/// every local field counts as changed).
pub(crate) fn fields_with_pending_changes(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
) -> Result<Option<Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, payload FROM outbox WHERE tenant_id = ?1 AND entity = ?2 AND local_id = ?3 AND state != 'done'",
    )?;
    let ops = stmt
        .query_map(rusqlite::params![tenant, entity.as_str(), local_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut covered = Vec::new();
    for (kind, payload) in ops {
        if kind == "create" || kind == "delete" {
            return Ok(None);
        }
        covered.extend(crate::util::parse_json_object(&payload)?.keys().cloned());
    }
    Ok(Some(covered))
}

/// The server's version with the locally changed fields on top: what a record shows while
/// those changes wait to be sent.
pub(crate) fn overlay(base: &Fields, local: &Fields, changed: &[String]) -> Fields {
    let mut fields = base.clone();
    for key in changed {
        match local.get(key) {
            Some(v) => fields.insert(key.clone(), v.clone()),
            None => fields.remove(key),
        };
    }
    fields
}

/// A field edited back to the value its op started from leaves the op (coalescing). The record
/// must then show the server's current value for it, which may have moved on since (a pull
/// refreshed the base): nothing local remains to send, so the server's version is the truth.
fn settle_uncovered_fields(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    mut row: Row,
) -> Result<Row> {
    let Some(base) = row.base.clone() else {
        return Ok(row);
    };
    let Some(changed) = fields_with_pending_changes(conn, tenant, entity, &row.local_id)? else {
        return Ok(row);
    };
    let settled = overlay(&base, &row.fields, &changed);
    if settled != row.fields {
        row.fields = settled;
        record::update(conn, tenant, entity, &row, &now_text())?;
    }
    Ok(row)
}

/// Records a local change made through an action endpoint (status, respond): `field_changes`
/// go into the row, `body` into the action op.
#[allow(clippy::too_many_arguments)] // the write context (conn, tenant, entity, source, row) plus the action itself
pub(crate) fn action(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    source: Source,
    mut row: Row,
    name: &str,
    body: Fields,
    field_changes: &Fields,
) -> Result<Row> {
    require_local_source(source)?;
    for (k, v) in field_changes {
        row.fields.insert(k.clone(), v.clone());
    }
    record::update(conn, tenant, entity, &row, &now_text())?;
    outbox::enqueue(
        conn,
        tenant,
        entity,
        &row.local_id,
        NewOp::Action {
            name: name.to_string(),
            body,
        },
        source,
        row.base_updated_at.as_deref(),
    )?;
    Ok(row)
}

/// Deletes a record: a record the server never saw vanishes with its ops; otherwise it is hidden
/// and a delete is queued. Records that depend on it (a calendar's entries, an entry's series...)
/// go with it: those the server never saw are removed, the others hidden with their unsent ops
/// dropped, because the server deletes them along with their parent.
pub(crate) fn delete(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    source: Source,
    mut row: Row,
) -> Result<()> {
    require_local_source(source)?;
    hide_dependents(conn, tenant, entity, &row.local_id)?;
    let queued = outbox::enqueue(
        conn,
        tenant,
        entity,
        &row.local_id,
        NewOp::Delete {
            base_updated_at: row.base_updated_at.clone(),
        },
        source,
        row.base_updated_at.as_deref(),
    )?;
    if queued == Enqueued::Vanished {
        record::remove(conn, tenant, entity, &row.local_id)?;
    } else {
        row.deleted_locally = true;
        record::update(conn, tenant, entity, &row, &now_text())?;
    }
    Ok(())
}

fn hide_dependents(conn: &Connection, tenant: &str, entity: Entity, local_id: &str) -> Result<()> {
    for (child, child_id) in record::dependents(conn, tenant, entity, local_id)? {
        outbox::drop_unsent_ops(conn, tenant, child, &child_id)?;
        let Some(mut row) = record::load(conn, tenant, child, &child_id)? else {
            continue;
        };
        if row.server_id.is_none() {
            record::remove(conn, tenant, child, &child_id)?;
        } else if !row.deleted_locally {
            row.deleted_locally = true;
            record::update(conn, tenant, child, &row, &now_text())?;
        }
    }
    Ok(())
}

/// Brings back the records hidden with a parent whose delete was discarded, at their base.
pub(crate) fn unhide_dependents(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
) -> Result<()> {
    for (child, child_id) in record::dependents(conn, tenant, entity, local_id)? {
        let Some(mut row) = record::load(conn, tenant, child, &child_id)? else {
            continue;
        };
        if row.deleted_locally && !record::has_open_ops(conn, tenant, child, &child_id)? {
            row.deleted_locally = false;
            if let Some(base) = &row.base {
                row.fields = base.clone();
            }
            record::update(conn, tenant, child, &row, &now_text())?;
        }
    }
    Ok(())
}
