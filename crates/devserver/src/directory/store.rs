//! Groups, group members, spaces and resources of every tenant, rows kept in their detail
//! (GET by id) form; lists project them onto the seed's narrower list shapes.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::storage::{self, Sink};

pub type Row = Map<String, Value>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Space,
    Resource,
}

/// A user's place in a group.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct GroupMember {
    pub user_id: String,
    pub added_at: String,
}

/// One tenant's directory, each table in creation order (the order lists answer in).
#[derive(Default)]
pub struct TenantDirectory {
    pub groups: Vec<Row>,
    /// group id -> members, in the order they were added.
    pub members: BTreeMap<String, Vec<GroupMember>>,
    pub spaces: Vec<Row>,
    pub resources: Vec<Row>,
}

fn find<'a>(rows: &'a [Row], id: &str) -> Option<&'a Row> {
    rows.iter().find(|r| r["id"] == id)
}

impl TenantDirectory {
    pub fn group(&self, id: &str) -> Option<&Row> {
        find(&self.groups, id)
    }

    pub fn places(&self, kind: PlaceKind) -> &[Row] {
        match kind {
            PlaceKind::Space => &self.spaces,
            PlaceKind::Resource => &self.resources,
        }
    }

    pub fn place(&self, kind: PlaceKind, id: &str) -> Option<&Row> {
        find(self.places(kind), id)
    }
}

#[derive(Default)]
pub struct DirectoryStore {
    by_tenant: BTreeMap<String, TenantDirectory>,
    /// Tenants handed out mutably since the last drain: written back whole.
    dirty: BTreeSet<String>,
}

impl DirectoryStore {
    pub fn tenant(&self, tenant_id: &str) -> Option<&TenantDirectory> {
        self.by_tenant.get(tenant_id)
    }

    pub fn tenant_mut(&mut self, tenant_id: &str) -> &mut TenantDirectory {
        self.dirty.insert(tenant_id.to_string());
        self.by_tenant.entry(tenant_id.to_string()).or_default()
    }

    /// Puts the tenants that changed since the last call (every tenant with `all`).
    pub fn drain(&mut self, sink: &mut dyn Sink, all: bool) {
        let dirty = std::mem::take(&mut self.dirty);
        let id = |r: &Row| r["id"].as_str().unwrap_or_default().to_string();
        for (tenant, dir) in &self.by_tenant {
            if !(all || dirty.contains(tenant)) {
                continue;
            }
            let t = Some(tenant.as_str());
            for (name, rows) in [
                ("groups", &dir.groups),
                ("spaces", &dir.spaces),
                ("resources", &dir.resources),
            ] {
                let rows = rows.iter().map(|r| (tenant.clone(), id(r), r));
                storage::drain_list(sink, name, t, rows);
            }
            let members = dir
                .members
                .iter()
                .map(|(g, m)| (tenant.clone(), g.clone(), m));
            storage::drain_list(sink, "group_members", t, members);
        }
    }

    /// Reads everything [`DirectoryStore::drain`] wrote.
    pub fn load(&mut self, db: &storage::Db) -> anyhow::Result<()> {
        for name in ["groups", "spaces", "resources"] {
            for (tenant, _, row) in db.rows::<Row>(name)? {
                let dir = self.by_tenant.entry(tenant).or_default();
                match name {
                    "groups" => dir.groups.push(row),
                    "spaces" => dir.spaces.push(row),
                    _ => dir.resources.push(row),
                }
            }
        }
        for (tenant, group, members) in db.rows("group_members")? {
            let dir = self.by_tenant.entry(tenant).or_default();
            dir.members.insert(group, members);
        }
        Ok(())
    }
}
