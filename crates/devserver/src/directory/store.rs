//! Groups, group members, spaces and resources of every tenant, rows kept in their detail
//! (GET by id) form; lists project them onto the seed's narrower list shapes.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

pub type Row = Map<String, Value>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Space,
    Resource,
}

/// A user's place in a group.
#[derive(Debug, Clone)]
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
}

impl DirectoryStore {
    pub fn tenant(&self, tenant_id: &str) -> Option<&TenantDirectory> {
        self.by_tenant.get(tenant_id)
    }

    pub fn tenant_mut(&mut self, tenant_id: &str) -> &mut TenantDirectory {
        self.by_tenant.entry(tenant_id.to_string()).or_default()
    }
}
