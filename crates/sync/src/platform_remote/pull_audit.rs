//! The tenant's audit log, pulled incrementally: only rows written since the newest one kept
//! (the server's `from`, `[from, …)` on `created_at`), less a minute of overlap for rows a
//! slower request stamped just before it; a row seen twice is kept once (its id). The log is
//! newest first, so rows written while it is paged push older ones down a page: they are seen
//! twice, never missed. A role that may not read the log (403) syncs without it.

use std::sync::Mutex;

use chrono::{SecondsFormat, TimeZone, Utc};
use outpost_platform::TenantSession;
use outpost_replica::Replica;
use serde_json::Value;

use super::paths::{own_tenant, AUDIT_LOGS, PAGE};
use crate::error::SyncError;

/// How far before the newest kept row a pull starts again.
const OVERLAP_MS: i64 = 60_000;

/// What one pull of the audit log read and kept.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct AuditPull {
    /// Rows the server answered.
    pub received: u32,
    /// Rows not kept before.
    pub new: u32,
}

/// Pulls the rows of the session's tenant written since the last pull (every row the first
/// time).
pub async fn pull_audit_log(
    session: &TenantSession<'_>,
    replica: &Mutex<Replica>,
) -> Result<AuditPull, SyncError> {
    let tenant = session.tenant();
    let newest = crate::hold(replica).tenant(tenant).audit_newest_ms()?;
    let from = newest
        .and_then(|ms| Utc.timestamp_millis_opt(ms - OVERLAP_MS).single())
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true));
    let mut pulled = AuditPull::default();
    let mut offset = 0usize;
    loop {
        let mut query = vec![("limit", PAGE.to_string()), ("offset", offset.to_string())];
        if let Some(from) = &from {
            query.push(("from", from.clone()));
        }
        let page: Value = match session.get(AUDIT_LOGS, &query).await {
            Err(e) if e.status() == Some(403) => return Ok(pulled),
            page => page?,
        };
        let rows = page["data"].as_array().cloned().unwrap_or_default();
        let total = page["pagination"]["total"].as_u64().unwrap_or(0) as usize;
        for row in &rows {
            own_tenant(session, AUDIT_LOGS, row)?;
        }
        pulled.new += crate::hold(replica)
            .tenant(tenant)
            .store_audit_rows(&rows)?;
        pulled.received += rows.len() as u32;
        offset += rows.len();
        if rows.is_empty() || offset >= total {
            return Ok(pulled);
        }
    }
}
