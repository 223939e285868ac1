//! `TenantScope`: the only way to reach tenant data. It carries the tenant id and every query
//! it runs binds it, so one tenant's rows cannot be read or written through another's scope.

use rusqlite::Connection;

use crate::open::Replica;

/// A view of one tenant's data in a replica. Cheap to create; borrow it for a unit of work.
pub struct TenantScope<'a> {
    pub(crate) conn: &'a Connection,
    pub(crate) tenant: String,
}

impl Replica {
    /// The data of one tenant. Every read and write of synced rows goes through a scope.
    pub fn tenant(&self, tenant_id: &str) -> TenantScope<'_> {
        TenantScope {
            conn: self.conn(),
            tenant: tenant_id.to_string(),
        }
    }
}

impl TenantScope<'_> {
    pub fn tenant_id(&self) -> &str {
        &self.tenant
    }

    /// Runs `f` in one transaction: all of its writes land, or none.
    pub(crate) fn in_tx<T>(
        &self,
        f: impl FnOnce(&Connection) -> crate::Result<T>,
    ) -> crate::Result<T> {
        let tx = write_tx(self.conn)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// A write transaction that takes the write lock at BEGIN. The app and the CLI may write the
/// same replica at once; a deferred transaction that reads first and then wants to write can
/// fail with SQLITE_BUSY at once, whereas BEGIN IMMEDIATE waits its turn (busy_timeout).
pub(crate) fn write_tx(conn: &Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
}
