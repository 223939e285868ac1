//! The tenant's administration that is read, not edited (its lifecycle history, settings and
//! their history, metrics, quota warnings; its settings, rate limits and domains are records): each read at every sync from
//! `/secure/tenants/{id}/...` and kept whole with when it was read, so the app shows it offline
//! with its age. What the user's role may not read (403) is forgotten, not an error: a member
//! syncs without the tenant's metrics.

use std::sync::Mutex;

use chrono::{SecondsFormat, Utc};
use futures_util::future::join_all;
use outpost_platform::TenantSession;
use outpost_replica::Replica;

use super::paths::{data, TENANTS};
use crate::error::SyncError;

/// Each kind kept, with its path under `/secure/tenants/{id}`.
pub const READS: [(&str, &str); 6] = [
    ("lifecycle_history", "lifecycle/history"),
    ("settings_history", "settings/history"),
    ("metrics_snapshot", "metrics/snapshot"),
    ("metrics_daily", "metrics/daily"),
    ("metrics_monthly", "metrics/monthly"),
    ("quota_warnings", "metrics/quota-warnings"),
];

/// Reads every kind of [`READS`] for the session's tenant and keeps what came; answers how
/// many were read.
pub async fn pull_tenant_reads(
    session: &TenantSession<'_>,
    replica: &Mutex<Replica>,
) -> Result<u32, SyncError> {
    let tenant = session.tenant();
    let answers = join_all(READS.iter().map(|(kind, tail)| async move {
        let path = format!("{TENANTS}/{tenant}/{tail}");
        (*kind, session.get::<serde_json::Value>(&path, &[]).await)
    }))
    .await;
    let read_at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
    let r = crate::hold(replica);
    let scope = r.tenant(tenant);
    let mut read = 0;
    for (kind, answer) in answers {
        match answer {
            Ok(v) => {
                scope.store_read(kind, &data(v), &read_at)?;
                read += 1;
            }
            Err(e) if matches!(e.status(), Some(403 | 404)) => scope.forget_read(kind)?,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(read)
}
