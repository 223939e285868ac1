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

    /// Runs `f` in one transaction: all of its writes land, or none. Inside a
    /// [`TenantScope::batch`] it is a savepoint of the batch's transaction instead, so a refused
    /// write still undoes only itself.
    pub(crate) fn in_tx<T>(
        &self,
        f: impl FnOnce(&Connection) -> crate::Result<T>,
    ) -> crate::Result<T> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("SAVEPOINT one_write")?;
            return match f(self.conn) {
                Ok(out) => {
                    self.conn.execute_batch("RELEASE one_write")?;
                    Ok(out)
                }
                Err(e) => {
                    self.conn
                        .execute_batch("ROLLBACK TO one_write; RELEASE one_write")?;
                    Err(e)
                }
            };
        }
        let tx = write_tx(self.conn)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs many writes (an import's chunk) in one transaction, so they cost one commit rather
    /// than one each. Each write inside keeps its own all-or-nothing (a savepoint); `f` failing
    /// undoes the whole batch.
    pub fn batch<T>(&self, f: impl FnOnce() -> crate::Result<T>) -> crate::Result<T> {
        let tx = write_tx(self.conn)?;
        let out = f()?;
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
