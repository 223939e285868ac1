//! How much of a tenant the replica holds, for the overview: counted in SQL, not by listing.

use rusqlite::params;
use serde::Serialize;

use crate::error::Result;
use crate::scope::TenantScope;

/// Live records of each kind in the tenant (those deleted here and waiting to be sent are not
/// counted).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TenantCounts {
    pub contacts: u32,
    pub calendars: u32,
    pub users: u32,
    pub groups: u32,
    pub spaces: u32,
    pub resources: u32,
}

impl TenantScope<'_> {
    pub fn counts(&self) -> Result<TenantCounts> {
        let count = |sql: &str| -> Result<u32> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row(params![self.tenant], |r| r.get(0))?)
        };
        Ok(TenantCounts {
            contacts: count(
                "SELECT COUNT(*) FROM contacts WHERE tenant_id = ?1 AND deleted_locally = 0",
            )?,
            calendars: count(
                "SELECT COUNT(*) FROM calendars WHERE tenant_id = ?1 AND deleted_locally = 0",
            )?,
            users: count(
                "SELECT COUNT(*) FROM users WHERE tenant_id = ?1 AND deleted_locally = 0",
            )?,
            groups: count(
                "SELECT COUNT(*) FROM groups WHERE tenant_id = ?1 AND deleted_locally = 0",
            )?,
            spaces: count("SELECT COUNT(*) FROM spaces WHERE tenant_id = ?1")?,
            resources: count("SELECT COUNT(*) FROM resources WHERE tenant_id = ?1")?,
        })
    }
}
