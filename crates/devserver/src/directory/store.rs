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

/// A user's place among a space's or resource's members.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PlaceMember {
    pub id: String,
    pub user_id: String,
    /// manager or reader (a resource's may also be admin).
    pub role: String,
    pub created_at: String,
}

/// A deleted group, space or resource: kept with who deleted it and when (deletes are soft),
/// out of every list, 404 by id.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Removed {
    /// "group", "space" or "resource".
    pub kind: String,
    pub row: Row,
    pub deleted_at: String,
    pub deleted_by: String,
}

/// One tenant's directory, each table in creation order (the order lists answer in).
#[derive(Default)]
pub struct TenantDirectory {
    pub groups: Vec<Row>,
    /// group id -> members, in the order they were added.
    pub members: BTreeMap<String, Vec<GroupMember>>,
    pub spaces: Vec<Row>,
    pub resources: Vec<Row>,
    /// Deleted rows, oldest deletion first.
    pub removed: Vec<Removed>,
    /// space or resource id -> its members, in the order they were added.
    pub place_members: BTreeMap<String, Vec<PlaceMember>>,
    /// Invitations in the order they were made (revoked and accepted ones too).
    pub invitations: Vec<super::invitations::Invitation>,
    /// Resource move requests in the order they were made, decided ones too.
    pub move_requests: Vec<Row>,
    /// Approval requests in the order they were made, decided ones too.
    pub approvals: Vec<Row>,
    /// entity type -> its approval settings, for the types changed from the defaults.
    pub approval_settings: BTreeMap<String, Value>,
    /// The tenant's tags and categories (what places' `tag_ids` and `category_ids` name).
    pub tags: Vec<Row>,
    pub categories: Vec<Row>,
    /// Tag links to the tenant or a group (a place's tags are in its row).
    pub tag_links: Vec<Row>,
    /// Category links to the tenant or a group (a place's categories are in its row).
    pub category_links: Vec<Row>,
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

    pub fn tag(&self, id: &str) -> Option<&Row> {
        find(&self.tags, id)
    }

    pub fn category(&self, id: &str) -> Option<&Row> {
        find(&self.categories, id)
    }

    pub fn places_mut(&mut self, kind: PlaceKind) -> &mut Vec<Row> {
        match kind {
            PlaceKind::Space => &mut self.spaces,
            PlaceKind::Resource => &mut self.resources,
        }
    }

    pub fn place_mut(&mut self, kind: PlaceKind, id: &str) -> Option<&mut Row> {
        self.places_mut(kind).iter_mut().find(|r| r["id"] == id)
    }

    /// Whether `user_id` may change the space or resource `id`: an owner or admin (`admin`),
    /// or a `manager` member of the space (of the resource's space, for a resource).
    pub fn manages(&self, kind: PlaceKind, id: &str, user_id: &str, admin: bool) -> bool {
        if admin {
            return true;
        }
        let space = match kind {
            PlaceKind::Space => Some(id.to_string()),
            PlaceKind::Resource => self
                .place(kind, id)
                .and_then(|r| r["space_id"].as_str().map(str::to_string)),
        };
        space.is_some_and(|s| self.place_role(&s, user_id) == Some("manager"))
    }

    pub fn invitation(&self, id: &str) -> Option<&super::invitations::Invitation> {
        self.invitations.iter().find(|i| i.row["id"] == id)
    }

    pub fn invitation_mut(&mut self, id: &str) -> Option<&mut super::invitations::Invitation> {
        self.invitations.iter_mut().find(|i| i.row["id"] == id)
    }

    /// The role of `user_id` among the members of the space or resource `place_id`.
    pub fn place_role(&self, place_id: &str, user_id: &str) -> Option<&str> {
        let members = self.place_members.get(place_id)?;
        let member = members.iter().find(|m| m.user_id == user_id)?;
        Some(member.role.as_str())
    }
}

#[derive(Default)]
pub struct DirectoryStore {
    by_tenant: BTreeMap<String, TenantDirectory>,
    /// Tenants handed out mutably since the last drain: written back whole.
    dirty: BTreeSet<String>,
    /// Every invitation message "sent", oldest first (dev only: not stored).
    pub sent_invitations: Vec<Value>,
}

impl DirectoryStore {
    pub fn tenant(&self, tenant_id: &str) -> Option<&TenantDirectory> {
        self.by_tenant.get(tenant_id)
    }

    pub fn tenants(&self) -> impl Iterator<Item = (&String, &TenantDirectory)> {
        self.by_tenant.iter()
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
                ("tags", &dir.tags),
                ("categories", &dir.categories),
            ] {
                let rows = rows.iter().map(|r| (tenant.clone(), id(r), r));
                storage::drain_list(sink, name, t, rows);
            }
            let members = dir
                .members
                .iter()
                .map(|(g, m)| (tenant.clone(), g.clone(), m));
            storage::drain_list(sink, "group_members", t, members);
            let removed = dir.removed.iter().map(|r| {
                let key = format!("{}/{}", r.kind, id(&r.row));
                (tenant.clone(), key, r)
            });
            storage::drain_list(sink, "directory_removed", t, removed);
            let place_members = dir
                .place_members
                .iter()
                .map(|(p, m)| (tenant.clone(), p.clone(), m));
            storage::drain_list(sink, "place_members", t, place_members);
            let invitations = dir
                .invitations
                .iter()
                .map(|i| (tenant.clone(), id(&i.row), i));
            storage::drain_list(sink, "invitations", t, invitations);
            let moves = dir.move_requests.iter().map(|r| (tenant.clone(), id(r), r));
            storage::drain_list(sink, "move_requests", t, moves);
            let tag_links = dir.tag_links.iter().map(|r| (tenant.clone(), id(r), r));
            storage::drain_list(sink, "tag_links", t, tag_links);
            let category_links = dir
                .category_links
                .iter()
                .map(|r| (tenant.clone(), id(r), r));
            storage::drain_list(sink, "category_links", t, category_links);
            let approvals = dir.approvals.iter().map(|r| (tenant.clone(), id(r), r));
            storage::drain_list(sink, "approvals", t, approvals);
            let settings = dir
                .approval_settings
                .iter()
                .map(|(k, v)| (tenant.clone(), k.clone(), v));
            storage::drain_list(sink, "approval_settings", t, settings);
        }
    }

    /// Reads everything [`DirectoryStore::drain`] wrote.
    pub fn load(&mut self, db: &storage::Db) -> anyhow::Result<()> {
        for name in ["groups", "spaces", "resources", "tags", "categories"] {
            for (tenant, _, row) in db.rows::<Row>(name)? {
                let dir = self.by_tenant.entry(tenant).or_default();
                match name {
                    "groups" => dir.groups.push(row),
                    "spaces" => dir.spaces.push(row),
                    "tags" => dir.tags.push(row),
                    "categories" => dir.categories.push(row),
                    _ => dir.resources.push(row),
                }
            }
        }
        for (tenant, group, members) in db.rows("group_members")? {
            let dir = self.by_tenant.entry(tenant).or_default();
            dir.members.insert(group, members);
        }
        for (tenant, place, members) in db.rows("place_members")? {
            let dir = self.by_tenant.entry(tenant).or_default();
            dir.place_members.insert(place, members);
        }
        for (tenant, _, link) in db.rows::<Row>("category_links")? {
            self.by_tenant
                .entry(tenant)
                .or_default()
                .category_links
                .push(link);
        }
        for (tenant, _, link) in db.rows::<Row>("tag_links")? {
            self.by_tenant
                .entry(tenant)
                .or_default()
                .tag_links
                .push(link);
        }
        for (tenant, _, approval) in db.rows::<Row>("approvals")? {
            self.by_tenant
                .entry(tenant)
                .or_default()
                .approvals
                .push(approval);
        }
        for (tenant, kind, settings) in db.rows::<Value>("approval_settings")? {
            let dir = self.by_tenant.entry(tenant).or_default();
            dir.approval_settings.insert(kind, settings);
        }
        for (tenant, _, request) in db.rows::<Row>("move_requests")? {
            self.by_tenant
                .entry(tenant)
                .or_default()
                .move_requests
                .push(request);
        }
        for (tenant, _, invitation) in db.rows("invitations")? {
            self.by_tenant
                .entry(tenant)
                .or_default()
                .invitations
                .push(invitation);
        }
        for (tenant, _, removed) in db.rows::<Removed>("directory_removed")? {
            self.by_tenant
                .entry(tenant)
                .or_default()
                .removed
                .push(removed);
        }
        Ok(())
    }
}
