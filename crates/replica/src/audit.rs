//! The tenant's audit log as the server wrote it: kept row by row (a row seen twice is kept
//! once), read newest first, and searched offline by actor, record (type and id), action and
//! date range. Each filter has an index of its own ending with the time (migration 0018).

use rusqlite::{params, params_from_iter, types::Value as SqlValue};
use serde::Serialize;
use serde_json::Value;

use crate::error::{ReplicaError, Result};
use crate::scope::TenantScope;
use crate::util::parse_time;

/// One audit row.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// The server's id of the row.
    pub id: String,
    /// Who did it (a user id).
    pub actor: Option<String>,
    /// What was done (`created`, `updated`, `deleted`, ...).
    pub action: String,
    /// The type of record it was done to.
    pub resource_type: Option<String>,
    /// The id of the record it was done to.
    pub resource_id: Option<String>,
    /// When (RFC 3339, as the server wrote it).
    pub created_at: String,
    /// The whole row as the server answered it (details, address, agent).
    #[ts(type = "unknown")]
    pub raw: Value,
}

/// What to look for; every filter given applies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditQuery {
    /// Rows by this actor.
    pub actor: Option<String>,
    /// Rows about records of this type.
    pub resource_type: Option<String>,
    /// Rows about this record.
    pub resource_id: Option<String>,
    /// Rows of this action.
    pub action: Option<String>,
    /// Rows at or after this time (milliseconds since the epoch).
    pub since_ms: Option<i64>,
    /// Rows before this time (milliseconds since the epoch).
    pub until_ms: Option<i64>,
    /// At most this many rows, newest first.
    pub limit: usize,
}

fn text(row: &Value, key: &str) -> Option<String> {
    row.get(key).and_then(Value::as_str).map(str::to_string)
}

impl TenantScope<'_> {
    /// Keeps the server's audit rows; a row already kept is left as it is. Answers how many
    /// were new. A row without an id, an action or a readable time is refused, naming it.
    pub fn store_audit_rows(&self, rows: &[Value]) -> Result<u32> {
        self.in_tx(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO audit_log (tenant_id, id, actor, action, resource_type,
                   resource_id, created_at, at_ms, raw) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let mut new = 0;
            for row in rows {
                let id = text(row, "id").unwrap_or_default();
                let bad = |field: &str, message: &str| ReplicaError::ServerRecord {
                    entity: "audit log row",
                    id: id.clone(),
                    field: field.to_string(),
                    message: message.to_string(),
                };
                if id.is_empty() {
                    return Err(bad("id", "is missing"));
                }
                let action = text(row, "action").ok_or_else(|| bad("action", "is missing"))?;
                let created_at = text(row, "created_at").unwrap_or_default();
                let at = parse_time(&created_at)
                    .ok_or_else(|| bad("created_at", "should be a date-time (RFC 3339)"))?;
                new += stmt.execute(params![
                    self.tenant,
                    id,
                    text(row, "user_id"),
                    action,
                    text(row, "resource_type"),
                    text(row, "resource_id"),
                    created_at,
                    at.timestamp_millis(),
                    row.to_string(),
                ])? as u32;
            }
            Ok(new)
        })
    }

    /// When the newest kept row was written (milliseconds since the epoch): where the next pull
    /// starts.
    pub fn audit_newest_ms(&self) -> Result<Option<i64>> {
        Ok(self.conn.query_row(
            "SELECT MAX(at_ms) FROM audit_log WHERE tenant_id = ?1",
            params![self.tenant],
            |r| r.get(0),
        )?)
    }

    /// The rows `query` asks for, newest first.
    pub fn search_audit(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let mut sql = String::from(
            "SELECT id, actor, action, resource_type, resource_id, created_at, raw
             FROM audit_log WHERE tenant_id = ?",
        );
        let mut args: Vec<SqlValue> = vec![SqlValue::Text(self.tenant.clone())];
        for (column, value) in [
            ("actor", &query.actor),
            ("resource_type", &query.resource_type),
            ("resource_id", &query.resource_id),
            ("action", &query.action),
        ] {
            if let Some(v) = value {
                sql.push_str(&format!(" AND {column} = ?"));
                args.push(SqlValue::Text(v.clone()));
            }
        }
        if let Some(ms) = query.since_ms {
            sql.push_str(" AND at_ms >= ?");
            args.push(SqlValue::Integer(ms));
        }
        if let Some(ms) = query.until_ms {
            sql.push_str(" AND at_ms < ?");
            args.push(SqlValue::Integer(ms));
        }
        sql.push_str(" ORDER BY at_ms DESC, id DESC LIMIT ?");
        args.push(SqlValue::Integer(query.limit.min(i64::MAX as usize) as i64));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            Ok((
                AuditEntry {
                    id: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    resource_type: r.get(3)?,
                    resource_id: r.get(4)?,
                    created_at: r.get(5)?,
                    raw: Value::Null,
                },
                r.get::<_, String>(6)?,
            ))
        })?;
        rows.map(|row| {
            let (mut entry, raw) = row?;
            entry.raw = serde_json::from_str(&raw)?;
            Ok(entry)
        })
        .collect()
    }
}
