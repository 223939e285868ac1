//! The read side: tenants, and each tenant's spaces and resources, as the server lists them
//! (only sync writes them); users and groups, which are records edited like contacts, are listed
//! here too so the directory shows them beside the rest.

use rusqlite::{params, Connection};
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

fn id_of(v: &Value) -> Result<&str> {
    text(v, &["id", "tenantId"])
        .ok_or_else(|| ReplicaError::invalid("id", "a server record needs its id"))
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
        const TABLES: [&str; 17] = [
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

/// Users and groups are records (`Entity::User`, `Entity::Group`): sync writes them as
/// records, never as directory rows.
fn are_records(kind: Directory) -> Result<()> {
    match kind {
        Directory::Users | Directory::Groups => Err(ReplicaError::invalid(
            "kind",
            format!(
                "{} are records: they are written by sync and edits, not as directory rows",
                kind.table()
            ),
        )),
        Directory::Spaces | Directory::Resources => Ok(()),
    }
}

fn upsert_item(conn: &Connection, tenant: &str, kind: Directory, v: &Value) -> Result<()> {
    let id = id_of(v)?;
    let raw = serde_json::to_string(v)?;
    let now = now_text();
    are_records(kind)?;
    match kind {
        Directory::Users | Directory::Groups => {}
        Directory::Spaces | Directory::Resources => {
            let space = if kind == Directory::Resources {
                text(v, &["space_id", "spaceId"])
            } else {
                None
            };
            let sql = format!(
                "INSERT INTO {} (tenant_id, server_id, name, status, {}raw, synced_at) VALUES (?1, ?2, ?3, ?4, {}?5, ?6)
                 ON CONFLICT (tenant_id, server_id) DO UPDATE SET name = excluded.name, status = excluded.status, {}
                    raw = excluded.raw, synced_at = excluded.synced_at",
                kind.table(),
                if kind == Directory::Resources { "space_id, " } else { "" },
                if kind == Directory::Resources { "?7, " } else { "" },
                if kind == Directory::Resources { "space_id = excluded.space_id," } else { "" },
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            if kind == Directory::Resources {
                stmt.execute(params![
                    tenant,
                    id,
                    text(v, &["name"]).unwrap_or_default(),
                    text(v, &["status"]),
                    raw,
                    now,
                    space
                ])?;
            } else {
                stmt.execute(params![
                    tenant,
                    id,
                    text(v, &["name"]).unwrap_or_default(),
                    text(v, &["status"]),
                    raw,
                    now
                ])?;
            }
        }
    }
    Ok(())
}

impl TenantScope<'_> {
    /// Applies a page of users, groups, spaces or resources from the server, in one transaction.
    pub fn upsert_directory(&self, kind: Directory, items: &[Value]) -> Result<()> {
        are_records(kind)?;
        self.in_tx(|tx| {
            items
                .iter()
                .try_for_each(|v| upsert_item(tx, &self.tenant, kind, v))
        })
    }

    /// After a complete listing: forgets the items the server no longer lists.
    pub fn retain_directory(&self, kind: Directory, listed: &[String]) -> Result<usize> {
        are_records(kind)?;
        self.in_tx(|tx| {
            tx.execute("CREATE TEMP TABLE IF NOT EXISTS listed_ids (id TEXT PRIMARY KEY)", [])?;
            tx.execute("DELETE FROM listed_ids", [])?;
            for id in listed {
                tx.prepare_cached("INSERT OR IGNORE INTO listed_ids (id) VALUES (?1)")?.execute([id])?;
            }
            let sql = format!(
                "DELETE FROM {} WHERE tenant_id = ?1 AND server_id NOT IN (SELECT id FROM listed_ids)",
                kind.table()
            );
            let removed = tx.execute(&sql, [&self.tenant])?;
            tx.execute("DELETE FROM listed_ids", [])?;
            Ok(removed)
        })
    }

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
            _ => format!("SELECT server_id, name, NULL, status, raw FROM {} WHERE tenant_id = ?1 ORDER BY name COLLATE NOCASE, server_id", kind.table()),
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
