//! Tells which records a flush changed by watching the rows it writes. Every store already
//! writes each changed row through a [`Sink`] before a request's answer leaves (keyed tables
//! row by row, small collections cleared and written whole); [`Observer`] stands between the
//! stores and that sink, compares each row with what it last saw of it, and names the records
//! created, updated and deleted. So no handler has to remember to report its changes: a
//! mutation that reaches storage reaches the feed.

use std::collections::{HashMap, HashSet};

use super::records::{self, Context, Item};
use crate::storage::Sink;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Created,
    Updated,
    Deleted,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Deleted => "deleted",
        }
    }
}

/// One record changed by a flush.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub tenant: String,
    pub record: &'static str,
    pub id: String,
    pub parents: Vec<(&'static str, String)>,
    pub action: Action,
}

/// What was last written of one stored row.
struct Stored {
    hash: u64,
    items: Vec<Item>,
}

/// The rows as last written: table -> tenant -> row id.
#[derive(Default)]
pub struct Known {
    tables: HashMap<&'static str, HashMap<String, HashMap<String, Stored>>>,
    /// place id -> "space" or "resource" (place members are stored by place id alone).
    places: HashMap<String, &'static str>,
}

impl Context for HashMap<String, &'static str> {
    fn place_kind(&self, place_id: &str) -> Option<&'static str> {
        self.get(place_id).copied()
    }
}

impl Known {
    /// The tenants `user_id` is a member of (as the memberships were last written).
    fn tenants_of(&self, user_id: &str) -> Vec<String> {
        let Some(memberships) = self.tables.get("memberships") else {
            return Vec::new();
        };
        memberships
            .iter()
            .filter(|(_, rows)| rows.contains_key(user_id))
            .map(|(tenant, _)| tenant.clone())
            .collect()
    }
}

/// A [`Sink`] that passes every write on and collects the records they change.
pub struct Observer<'a> {
    inner: &'a mut dyn Sink,
    known: &'a mut Known,
    changes: Vec<Change>,
    /// Tables (of one tenant, or all) cleared to be written whole, and the rows written since.
    cleared: Vec<(&'static str, Option<String>)>,
    rewritten: HashSet<(&'static str, String, String)>,
}

impl<'a> Observer<'a> {
    pub fn new(inner: &'a mut dyn Sink, known: &'a mut Known) -> Self {
        Self {
            inner,
            known,
            changes: Vec::new(),
            cleared: Vec::new(),
            rewritten: HashSet::new(),
        }
    }

    /// The changes, one per record (several writes of one record in a flush fold into the
    /// change a client needs: created then updated is created, created then deleted nothing).
    pub fn finish(mut self) -> Vec<Change> {
        for (table, tenant) in std::mem::take(&mut self.cleared) {
            let Some(by_tenant) = self.known.tables.get_mut(table) else {
                continue;
            };
            let mut gone = Vec::new();
            for (t, rows) in by_tenant.iter_mut() {
                if tenant.as_ref().is_some_and(|only| only != t) {
                    continue;
                }
                let dropped: Vec<String> = rows
                    .keys()
                    .filter(|id| !self.rewritten.contains(&(table, t.clone(), (*id).clone())))
                    .cloned()
                    .collect();
                for id in dropped {
                    if let Some(stored) = rows.remove(&id) {
                        gone.push((t.clone(), stored));
                    }
                }
            }
            for (t, stored) in gone {
                self.diff(&t, stored.items, Vec::new());
            }
        }
        fold(self.changes)
    }

    fn note(&mut self, tenant: &str, item: &Item, action: Action) {
        self.changes.push(Change {
            tenant: tenant.to_string(),
            record: item.record,
            id: item.id.clone(),
            parents: item.parents.clone(),
            action,
        });
    }

    /// The changes between what a row held (`old`) and holds now (`new`).
    fn diff(&mut self, tenant: &str, old: Vec<Item>, new: Vec<Item>) {
        let before: HashMap<(&str, &str), &Item> =
            old.iter().map(|i| ((i.record, i.id.as_str()), i)).collect();
        for item in &new {
            let was = before.get(&(item.record, item.id.as_str()));
            let action = match (was, item.live) {
                (None, true) if item.quiet => None,
                (None, true) if item.singleton => Some(Action::Updated),
                (None, true) => Some(Action::Created),
                (None, false) => None,
                (Some(w), true) if !w.live => Some(Action::Created),
                (Some(w), true) if w.hash != item.hash && !(w.quiet && item.quiet) => {
                    Some(Action::Updated)
                }
                (Some(w), false) if w.live => Some(Action::Deleted),
                _ => None,
            };
            if let Some(action) = action {
                self.note(tenant, item, action);
            }
        }
        let now: HashSet<(&str, &str)> = new.iter().map(|i| (i.record, i.id.as_str())).collect();
        for item in old
            .iter()
            .filter(|i| !now.contains(&(i.record, i.id.as_str())))
        {
            // A singleton back at its defaults is a change of it, not a removal.
            if item.singleton {
                self.note(tenant, item, Action::Updated);
            } else if item.live && !item.quiet {
                self.note(tenant, item, Action::Deleted);
            }
        }
    }

    /// A `users` row: the user record of every tenant it belongs to changed (its creation and
    /// removal are told by the tenant's membership).
    fn user_changed(&mut self, id: &str, hash: u64) {
        let rows = self
            .known
            .tables
            .entry("users")
            .or_default()
            .entry(String::new())
            .or_default();
        let before = rows.insert(
            id.to_string(),
            Stored {
                hash,
                items: Vec::new(),
            },
        );
        if before.is_none_or(|b| b.hash == hash) {
            return;
        }
        for tenant in self.known.tenants_of(id) {
            self.changes.push(Change {
                tenant,
                record: "user",
                id: id.to_string(),
                parents: Vec::new(),
                action: Action::Updated,
            });
        }
    }
}

impl Sink for Observer<'_> {
    fn put(&mut self, table: &'static str, tenant: &str, id: &str, seq: i64, body: String) {
        if records::tracked(table) {
            // Only a table written whole needs to know which of its rows came back.
            let cleared = self
                .cleared
                .iter()
                .any(|(t, only)| *t == table && only.as_deref().is_none_or(|o| o == tenant));
            if cleared {
                self.rewritten
                    .insert((table, tenant.to_string(), id.to_string()));
            }
            let hash = records::hash_of(&body);
            match table {
                "users" => self.user_changed(id, hash),
                _ => {
                    if matches!(table, "spaces" | "resources") {
                        let kind = if table == "spaces" {
                            "space"
                        } else {
                            "resource"
                        };
                        self.known.places.insert(id.to_string(), kind);
                    }
                    let rows = self.known.tables.entry(table).or_default();
                    let rows = rows.entry(tenant.to_string()).or_default();
                    let same = rows.get(id).is_some_and(|s| s.hash == hash);
                    if !same {
                        let items = records::items(table, id, &body, &self.known.places);
                        let rows = self.known.tables.entry(table).or_default();
                        let rows = rows.entry(tenant.to_string()).or_default();
                        let old = rows.insert(
                            id.to_string(),
                            Stored {
                                hash,
                                items: items.clone(),
                            },
                        );
                        self.diff(tenant, old.map(|o| o.items).unwrap_or_default(), items);
                    }
                }
            }
        }
        self.inner.put(table, tenant, id, seq, body);
    }

    fn delete(&mut self, table: &'static str, tenant: &str, id: &str) {
        let removed = self
            .known
            .tables
            .get_mut(table)
            .and_then(|t| t.get_mut(tenant))
            .and_then(|rows| rows.remove(id));
        if let Some(stored) = removed {
            self.diff(tenant, stored.items, Vec::new());
        }
        self.inner.delete(table, tenant, id);
    }

    fn clear(&mut self, table: &'static str, tenant: Option<&str>) {
        if records::tracked(table) {
            self.cleared.push((table, tenant.map(str::to_string)));
        }
        self.inner.clear(table, tenant);
    }
}

/// One change per record, at the place of its first change in the flush.
fn fold(changes: Vec<Change>) -> Vec<Change> {
    let mut out: Vec<Option<Change>> = Vec::new();
    let mut at: HashMap<(String, &'static str, String), usize> = HashMap::new();
    for c in changes {
        let key = (c.tenant.clone(), c.record, c.id.clone());
        let Some(&i) = at.get(&key) else {
            at.insert(key, out.len());
            out.push(Some(c));
            continue;
        };
        let folded = match (out[i].as_ref().map(|p| p.action), c.action) {
            (None, _) => Some(c),
            (Some(Action::Created), Action::Deleted) => None,
            (Some(Action::Created), _) => out[i].take().map(|p| Change {
                parents: c.parents,
                ..p
            }),
            (Some(Action::Deleted), Action::Created) => Some(Change {
                action: Action::Updated,
                ..c
            }),
            (Some(_), _) => Some(c),
        };
        out[i] = folded;
    }
    out.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Batch;

    fn run(known: &mut Known, writes: impl FnOnce(&mut Observer)) -> Vec<(String, String)> {
        let mut batch = Batch::default();
        let mut obs = Observer::new(&mut batch, known);
        writes(&mut obs);
        obs.finish()
            .into_iter()
            .map(|c| (format!("{}:{}", c.record, c.action.name()), c.id))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn keyed_rows_are_created_updated_and_soft_deleted() {
        let mut known = Known::default();
        let got = run(&mut known, |o| {
            o.put(
                "contacts",
                "t",
                "c1",
                0,
                r#"{"json":{},"deleted_at":null}"#.into(),
            );
        });
        assert_eq!(got, [pair("contact:created", "c1")]);
        let got = run(&mut known, |o| {
            o.put(
                "contacts",
                "t",
                "c1",
                0,
                r#"{"json":{},"deleted_at":null}"#.into(),
            );
        });
        assert!(got.is_empty(), "the same row again is no change");
        let got = run(&mut known, |o| {
            o.put(
                "contacts",
                "t",
                "c1",
                0,
                r#"{"json":{"a":1},"deleted_at":null}"#.into(),
            );
        });
        assert_eq!(got, [pair("contact:updated", "c1")]);
        let got = run(&mut known, |o| {
            o.put(
                "contacts",
                "t",
                "c1",
                0,
                r#"{"json":{"a":1},"deleted_at":"x"}"#.into(),
            );
        });
        assert_eq!(got, [pair("contact:deleted", "c1")]);
    }

    #[test]
    fn a_list_written_whole_tells_who_joined_and_who_left() {
        let mut known = Known::default();
        let members = |ids: &[&str]| {
            let rows: Vec<_> = ids
                .iter()
                .map(|i| serde_json::json!({"user_id": i, "added_at": "x"}))
                .collect();
            serde_json::to_string(&rows).unwrap()
        };
        run(&mut known, |o| {
            o.clear("group_members", Some("t"));
            o.put("group_members", "t", "g1", 0, members(&["u1", "u2"]));
        });
        let got = run(&mut known, |o| {
            o.clear("group_members", Some("t"));
            o.put("group_members", "t", "g1", 0, members(&["u2", "u3"]));
        });
        assert_eq!(
            got,
            [
                pair("group_member:created", "u3"),
                pair("group_member:deleted", "u1")
            ]
        );
        let got = run(&mut known, |o| o.clear("group_members", Some("t")));
        assert_eq!(
            got,
            [
                pair("group_member:deleted", "u2"),
                pair("group_member:deleted", "u3")
            ]
        );
    }

    #[test]
    fn a_users_row_updates_the_user_of_each_of_its_tenants() {
        let mut known = Known::default();
        let m = |t: &str| {
            serde_json::json!({"user_id": "u1", "tenant_id": t, "role": "member", "status": "active"}).to_string()
        };
        let got = run(&mut known, |o| {
            o.put("users", "", "u1", 0, r#"{"n":1}"#.into());
            o.clear("memberships", None);
            o.put("memberships", "a", "u1", 0, m("a"));
            o.put("memberships", "b", "u1", 1, m("b"));
        });
        assert_eq!(
            got,
            [pair("user:created", "u1"), pair("user:created", "u1")]
        );
        let got = run(&mut known, |o| {
            o.put("users", "", "u1", 0, r#"{"n":2}"#.into())
        });
        assert_eq!(
            got,
            [pair("user:updated", "u1"), pair("user:updated", "u1")]
        );
    }

    #[test]
    fn changes_of_one_record_in_a_flush_fold_into_one() {
        let c = |action| Change {
            tenant: "t".into(),
            record: "entry",
            id: "e".into(),
            parents: Vec::new(),
            action,
        };
        let folded = |list: Vec<Action>| {
            fold(list.into_iter().map(c).collect())
                .into_iter()
                .map(|c| c.action)
                .collect::<Vec<_>>()
        };
        use Action::*;
        assert_eq!(folded(vec![Created, Updated]), [Created]);
        assert_eq!(folded(vec![Created, Deleted]), []);
        assert_eq!(folded(vec![Updated, Deleted]), [Deleted]);
        assert_eq!(folded(vec![Deleted, Created]), [Updated]);
    }
}
