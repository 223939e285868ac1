//! The read side: tenants, and each tenant's directory (users, groups, spaces, resources). The
//! directory's kinds are records edited like contacts; they are listed here by name so the
//! directory shows them side by side.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{ReplicaError, Result};
use crate::open::Replica;
use crate::scope::TenantScope;
use crate::util::now_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Directory {
    Users,
    Groups,
    Spaces,
    Resources,
}

impl Directory {
    fn table(self) -> &'static str {
        match self {
            Directory::Users => "users",
            Directory::Groups => "groups",
            Directory::Spaces => "spaces",
            Directory::Resources => "resources",
        }
    }
}

/// A user, group, space or resource.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryItem {
    pub server_id: String,
    pub name: String,
    pub email: Option<String>,
    pub status: Option<String>,
    #[ts(type = "Record<string, unknown>")]
    pub raw: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TenantInfo {
    pub tenant_id: String,
    pub name: String,
    pub slug: Option<String>,
    pub status: Option<String>,
    pub role: Option<String>,
    pub is_default: bool,
}

fn text<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| v.get(*k).and_then(Value::as_str))
}

impl Replica {
    /// Replaces the list of tenants the user belongs to (`GET /secure/auth/tenants` rows or
    /// tenant objects). Tenants no longer listed are forgotten from the list; their data stays
    /// until the account's replica is removed.
    pub fn replace_tenants(&self, tenants: &[Value]) -> Result<()> {
        let tx = crate::scope::write_tx(self.conn())?;
        tx.execute("DELETE FROM tenants", [])?;
        for t in tenants {
            let id = text(t, &["tenantId", "id"])
                .ok_or_else(|| ReplicaError::invalid("tenantId", "a tenant needs its id"))?;
            tx.prepare_cached(
                "INSERT INTO tenants (tenant_id, name, slug, status, role, is_default, raw, synced_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                id,
                text(t, &["tenantName", "name"]).unwrap_or(id),
                text(t, &["tenantSlug", "slug"]),
                text(t, &["status"]),
                text(t, &["role"]),
                t.get("is_default").and_then(Value::as_bool).unwrap_or(false),
                serde_json::to_string(t)?,
                now_text()
            ])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes everything of one tenant from the replica (the user left it, or it is gone):
    /// records, outbox, conflicts, runs, directory. Other tenants are untouched.
    pub fn forget_tenant(&self, tenant_id: &str) -> Result<()> {
        // Children before parents, so no foreign key has to cascade across the wipe.
        const TABLES: [&str; 22] = [
            "outbox",
            "conflicts",
            "sync_runs",
            "participants",
            "contact_links",
            "contacts",
            "reminders",
            "recurrence_instances",
            "recurrence_masters",
            "entries",
            "calendars",
            "group_members",
            "groups",
            "space_members",
            "resource_members",
            "move_requests",
            "invitations",
            "approvals",
            "users",
            "resources",
            "spaces",
            "tenants",
        ];
        let tx = crate::scope::write_tx(self.conn())?;
        for table in TABLES {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE tenant_id = ?1"))?
                .execute([tenant_id])?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn tenants(&self) -> Result<Vec<TenantInfo>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT tenant_id, name, slug, status, role, is_default FROM tenants ORDER BY name COLLATE NOCASE")?;
        let rows = stmt.query_map([], |r| {
            Ok(TenantInfo {
                tenant_id: r.get(0)?,
                name: r.get(1)?,
                slug: r.get(2)?,
                status: r.get(3)?,
                role: r.get(4)?,
                is_default: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl TenantScope<'_> {
    /// The users in a group (named by its server or local id), as the replica has them now:
    /// members added here count at once, those removed here no longer do.
    pub fn group_members(&self, group_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.user_id FROM group_members m JOIN groups g ON g.local_id = m.group_id
             WHERE m.tenant_id = ?1 AND (g.server_id = ?2 OR g.local_id = ?2)
               AND m.deleted_locally = 0 AND g.deleted_locally = 0
             ORDER BY m.user_id",
        )?;
        let rows = stmt.query_map(params![self.tenant, group_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The users, groups, spaces or resources of this tenant, by name.
    pub fn directory(&self, kind: Directory) -> Result<Vec<DirectoryItem>> {
        let sql = match kind {
            // A user made here and not sent yet is shown by its local id until it has one.
            Directory::Users => "SELECT COALESCE(server_id, local_id), COALESCE(display_name, full_name), email, status, fields FROM users WHERE tenant_id = ?1 AND deleted_locally = 0 ORDER BY 2 COLLATE NOCASE, local_id".to_string(),
            // A group made here and not sent yet is shown by its local id until it has one.
            Directory::Groups => "SELECT COALESCE(server_id, local_id), name, NULL, NULL, fields FROM groups WHERE tenant_id = ?1 AND deleted_locally = 0 ORDER BY name COLLATE NOCASE, local_id".to_string(),
            _ => format!("SELECT COALESCE(server_id, local_id), name, NULL, status, fields FROM {} WHERE tenant_id = ?1 AND deleted_locally = 0 ORDER BY name COLLATE NOCASE, local_id", kind.table()),
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([&self.tenant], |r| {
            let raw: String = r.get(4)?;
            Ok(DirectoryItem {
                server_id: r.get(0)?,
                name: r.get(1)?,
                email: r.get(2)?,
                status: r.get(3)?,
                raw: serde_json::from_str(&raw).unwrap_or(Value::Null),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
