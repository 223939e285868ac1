//! Generic row access for the editable tables: every table shares the bookkeeping columns, and
//! the typed columns come from [`crate::columns`].

use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use crate::columns::{typed_columns, typed_values};
use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::util::{parse_json_object, Fields};

/// One stored record, as the write paths handle it.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub local_id: String,
    pub server_id: Option<String>,
    pub fields: Fields,
    pub base: Option<Fields>,
    pub base_updated_at: Option<String>,
    pub deleted_locally: bool,
}

/// A record as callers see it. The app's boundary sends it as a typed `RecordView`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub entity: Entity,
    pub local_id: String,
    pub server_id: Option<String>,
    /// The fields in the seed's request shape; references hold server ids once known.
    pub fields: Value,
    /// The server's updatedAt this copy is based on (None: never seen by the server).
    pub base_updated_at: Option<String>,
    /// True while operations for this record wait in the outbox (pending, in flight, failed or
    /// in conflict).
    pub has_pending_ops: bool,
}

const COMMON: &str = "local_id, server_id, fields, base, base_updated_at, deleted_locally";

/// The bookkeeping columns as read, before the JSON is parsed.
type RawRow = (
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    bool,
);

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn into_row(
    (local_id, server_id, fields, base, base_updated_at, deleted_locally): RawRow,
) -> Result<Row> {
    Ok(Row {
        local_id,
        server_id,
        fields: parse_json_object(&fields)?,
        base: base.as_deref().map(parse_json_object).transpose()?,
        base_updated_at,
        deleted_locally,
    })
}

/// The row with this local id in this tenant, deleted or not.
pub(crate) fn load(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
) -> Result<Option<Row>> {
    let sql = format!(
        "SELECT {COMMON} FROM {} WHERE tenant_id = ?1 AND local_id = ?2",
        entity.descriptor().table
    );
    let raw = conn
        .prepare_cached(&sql)?
        .query_row(params![tenant, local_id], row_from)
        .optional()?;
    raw.map(into_row).transpose()
}

/// The live (not locally deleted) row, or `not_found`.
pub(crate) fn load_live(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
) -> Result<Row> {
    match load(conn, tenant, entity, local_id)? {
        Some(row) if !row.deleted_locally => Ok(row),
        _ => Err(ReplicaError::NotFound {
            entity: entity.as_str(),
            id: local_id.to_string(),
        }),
    }
}

pub(crate) fn load_by_server_id(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    server_id: &str,
) -> Result<Option<Row>> {
    let sql = format!(
        "SELECT {COMMON} FROM {} WHERE tenant_id = ?1 AND server_id = ?2",
        entity.descriptor().table
    );
    let raw = conn
        .prepare_cached(&sql)?
        .query_row(params![tenant, server_id], row_from)
        .optional()?;
    raw.map(into_row).transpose()
}

/// The local id of the live row with this server id whose base is exactly `base_text` (the
/// stored JSON text) with this base `updatedAt`: a pulled record that did not change since the
/// last pull. The comparison runs in SQLite, so the common case reads and parses no JSON. Equal
/// text means equal JSON; JSON equal under other spelling is not found here and goes the
/// parsing way.
pub(crate) fn unchanged_since_base(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    server_id: &str,
    base_text: &str,
    base_updated_at: Option<&str>,
) -> Result<Option<String>> {
    let sql = format!(
        "SELECT local_id FROM {} WHERE tenant_id = ?1 AND server_id = ?2 AND deleted_locally = 0
           AND base = ?3 AND base_updated_at IS ?4",
        entity.descriptor().table
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(
            params![tenant, server_id, base_text, base_updated_at],
            |r| r.get(0),
        )
        .optional()?)
}

/// The local id of the record that `id` names, whether `id` is its local or its server id.
pub(crate) fn resolve_local_id(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    id: &str,
) -> Result<Option<String>> {
    let by_local = format!(
        "SELECT local_id FROM {} WHERE tenant_id = ?1 AND local_id = ?2",
        entity.descriptor().table
    );
    if let Some(found) = conn
        .prepare_cached(&by_local)?
        .query_row(params![tenant, id], |r| r.get(0))
        .optional()?
    {
        return Ok(Some(found));
    }
    let by_server = format!(
        "SELECT local_id FROM {} WHERE tenant_id = ?1 AND server_id = ?2",
        entity.descriptor().table
    );
    Ok(conn
        .prepare_cached(&by_server)?
        .query_row(params![tenant, id], |r| r.get(0))
        .optional()?)
}

/// The live row `id` names (local or server id), or `not_found`.
pub(crate) fn load_live_by_any_id(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    id: &str,
) -> Result<Row> {
    let local =
        resolve_local_id(conn, tenant, entity, id)?.ok_or_else(|| ReplicaError::NotFound {
            entity: entity.as_str(),
            id: id.to_string(),
        })?;
    load_live(conn, tenant, entity, &local)
}

/// The id other records' fields should hold to reference this one: its server id once known.
pub(crate) fn reference_id(row: &Row) -> String {
    row.server_id
        .clone()
        .unwrap_or_else(|| row.local_id.clone())
}

fn json_text(map: &Fields) -> Result<String> {
    Ok(serde_json::to_string(map)?)
}

pub(crate) fn insert(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    row: &Row,
    changed_at: &str,
) -> Result<()> {
    let cols = typed_columns(entity);
    let typed = typed_values(conn, tenant, entity, &row.fields, changed_at)?;
    // Eight bookkeeping columns, then the typed ones.
    let placeholders: Vec<String> = (1..=8 + cols.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} (tenant_id, local_updated_at, local_id, server_id, fields, base, base_updated_at, deleted_locally, {}) VALUES ({})",
        entity.descriptor().table,
        cols.join(", "),
        placeholders.join(", ")
    );
    let mut values: Vec<rusqlite::types::Value> = vec![
        tenant.to_string().into(),
        changed_at.to_string().into(),
        row.local_id.clone().into(),
        row.server_id.clone().into(),
        json_text(&row.fields)?.into(),
        row.base.as_ref().map(json_text).transpose()?.into(),
        row.base_updated_at.clone().into(),
        (row.deleted_locally as i64).into(),
    ];
    values.extend(typed);
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    Ok(())
}

/// Inserts new rows (each with its `changed_at`) with one statement per [`INSERT_MANY_ROWS`].
/// Same rows as [`insert`] one by one; fewer statements matter for contacts, whose full-text
/// index writes its pending terms out at the start of every statement of a transaction.
pub(crate) fn insert_many(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    rows: &[(Row, String)],
) -> Result<()> {
    let cols = typed_columns(entity);
    let width = 8 + cols.len();
    for chunk in rows.chunks(INSERT_MANY_ROWS) {
        let tuples: Vec<String> = (0..chunk.len())
            .map(|r| {
                let marks: Vec<String> =
                    (1..=width).map(|i| format!("?{}", r * width + i)).collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO {} (tenant_id, local_updated_at, local_id, server_id, fields, base, base_updated_at, deleted_locally, {}) VALUES {}",
            entity.descriptor().table,
            cols.join(", "),
            tuples.join(", ")
        );
        let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(chunk.len() * width);
        for (row, changed_at) in chunk {
            let fields = json_text(&row.fields)?;
            // A pulled row's base is its fields: one serialisation serves both.
            let base = match &row.base {
                Some(base) if base == &row.fields => Some(fields.clone()),
                other => other.as_ref().map(json_text).transpose()?,
            };
            values.extend([
                tenant.to_string().into(),
                changed_at.clone().into(),
                row.local_id.clone().into(),
                row.server_id.clone().into(),
                fields.into(),
                base.into(),
                row.base_updated_at.clone().into(),
                (row.deleted_locally as i64).into(),
            ]);
            values.extend(typed_values(conn, tenant, entity, &row.fields, changed_at)?);
        }
        // Full chunks share one cached statement; a last, shorter one is prepared once.
        let values = params_from_iter(values);
        if chunk.len() == INSERT_MANY_ROWS {
            conn.prepare_cached(&sql)?.execute(values)?;
        } else {
            conn.prepare(&sql)?.execute(values)?;
        }
    }
    Ok(())
}

/// Rows per statement of [`insert_many`]: a pull writes up to 1,000 contacts at once, and
/// 1,000 rows of 15 values stay well under SQLite's limit of 32,766 bound values.
pub(crate) const INSERT_MANY_ROWS: usize = 1000;

/// Rewrites every column of an existing row from `row`.
pub(crate) fn update(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    row: &Row,
    changed_at: &str,
) -> Result<()> {
    let cols = typed_columns(entity);
    let typed = typed_values(conn, tenant, entity, &row.fields, changed_at)?;
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 8))
        .collect();
    let sql = format!(
        "UPDATE {} SET local_updated_at = ?3, server_id = ?4, fields = ?5, base = ?6, base_updated_at = ?7, deleted_locally = ?{}, {} WHERE tenant_id = ?1 AND local_id = ?2",
        entity.descriptor().table,
        8 + cols.len(),
        sets.join(", ")
    );
    let mut values: Vec<rusqlite::types::Value> = vec![
        tenant.to_string().into(),
        row.local_id.clone().into(),
        changed_at.to_string().into(),
        row.server_id.clone().into(),
        json_text(&row.fields)?.into(),
        row.base.as_ref().map(json_text).transpose()?.into(),
        row.base_updated_at.clone().into(),
    ];
    values.extend(typed);
    values.push((row.deleted_locally as i64).into());
    let changed = conn
        .prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    if changed == 0 {
        return Err(ReplicaError::NotFound {
            entity: entity.as_str(),
            id: row.local_id.clone(),
        });
    }
    Ok(())
}

/// Removes the row for good; rows referencing it go with it (foreign keys cascade).
pub(crate) fn remove(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
) -> Result<()> {
    let sql = format!(
        "DELETE FROM {} WHERE tenant_id = ?1 AND local_id = ?2",
        entity.descriptor().table
    );
    conn.prepare_cached(&sql)?
        .execute(params![tenant, local_id])?;
    Ok(())
}

/// Whether the outbox holds unfinished ops (anything but done) for this record.
pub(crate) fn has_open_ops(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE tenant_id = ?1 AND entity = ?2 AND local_id = ?3 AND state != 'done')",
        )?
        .query_row(params![tenant, entity.as_str(), local_id], |r| r.get(0))?)
}

pub(crate) fn to_record(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    row: Row,
) -> Result<Record> {
    let has_pending_ops = has_open_ops(conn, tenant, entity, &row.local_id)?;
    Ok(Record {
        entity,
        local_id: row.local_id,
        server_id: row.server_id,
        fields: Value::Object(row.fields),
        base_updated_at: row.base_updated_at,
        has_pending_ops,
    })
}

/// Local ids of the records that reference `local_id`, transitively (an entry's series, the
/// series' overrides and reminders...), children before grandchildren.
pub(crate) fn dependents(
    conn: &Connection,
    tenant: &str,
    entity: Entity,
    local_id: &str,
) -> Result<Vec<(Entity, String)>> {
    let mut found: Vec<(Entity, String)> = Vec::new();
    let mut queue = vec![(entity, local_id.to_string())];
    while let Some((parent, id)) = queue.pop() {
        for r in crate::entity::references_from(parent) {
            let sql = format!(
                "SELECT local_id FROM {} WHERE tenant_id = ?1 AND {} = ?2",
                r.child.descriptor().table,
                r.column
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let ids = stmt
                .query_map(params![tenant, id], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for child in ids {
                if !found.iter().any(|(e, c)| *e == r.child && *c == child) {
                    found.push((r.child, child.clone()));
                    queue.push((r.child, child));
                }
            }
        }
    }
    Ok(found)
}
