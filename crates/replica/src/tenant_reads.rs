//! What the platform tells about a tenant that Outpost reads but never edits (its lifecycle
//! history, metrics, quota warnings, settings history, domains): kept as the server answered,
//! one document per kind, with when it was read, so it can be shown offline with its age. A
//! newer read replaces the older one; nothing here is queued or merged.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use crate::error::Result;
use crate::scope::TenantScope;

/// A document read from the server, as last read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantRead {
    /// What it is (`lifecycle_history`, `metrics_snapshot`, ...).
    pub kind: String,
    /// The server's answer (its `data`).
    pub body: Value,
    /// When it was read (RFC 3339).
    pub read_at: String,
}

impl TenantScope<'_> {
    /// Keeps `body` as the tenant's latest `kind`, read at `read_at`.
    pub fn store_read(&self, kind: &str, body: &Value, read_at: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO tenant_reads (tenant_id, kind, body, read_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (tenant_id, kind) DO UPDATE SET body = excluded.body, read_at = excluded.read_at",
            params![self.tenant, kind, body.to_string(), read_at],
        )?;
        Ok(())
    }

    /// Forgets the tenant's `kind` (the user may no longer read it).
    pub fn forget_read(&self, kind: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM tenant_reads WHERE tenant_id = ?1 AND kind = ?2",
            params![self.tenant, kind],
        )?;
        Ok(())
    }

    /// The tenant's latest `kind`, if it was ever read.
    pub fn read_of(&self, kind: &str) -> Result<Option<TenantRead>> {
        let row = self
            .conn
            .query_row(
                "SELECT body, read_at FROM tenant_reads WHERE tenant_id = ?1 AND kind = ?2",
                params![self.tenant, kind],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?;
        row.map(|(body, read_at)| {
            Ok(TenantRead {
                kind: kind.to_string(),
                body: serde_json::from_str(&body)?,
                read_at,
            })
        })
        .transpose()
    }
}
