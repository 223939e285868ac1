//! Groups and their members in the torture test: replicas make groups (named with a marker),
//! rename them, change their permissions, add and remove members and delete groups; the remote
//! editor changes descriptions, removes members and deletes groups on the server. Only the
//! test's own groups are touched, so the demo's stay out of every check.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use outpost_app::commands::contacts::DirectoryArgs;
use outpost_app::commands::groups::{
    CreateGroupArgs, GroupIdArgs, GroupMemberArgs, ListGroupsArgs, UpdateGroupArgs,
};
use outpost_app::App;
use outpost_platform::{Method, Session};
use outpost_replica::{Directory, Entity, OutboxOp};
use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Map, Value};

/// The start of every test group's name; no demo group has it.
pub const MARKER: &str = "Torture-G";

const GROUPS: &str = "/api/v1/secure/groups";

fn fields(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

/// The test's groups on a replica: (local id, name).
async fn local_groups(app: &App) -> Vec<(String, String)> {
    app.list_groups(ListGroupsArgs {})
        .await
        .unwrap()
        .into_iter()
        .filter_map(|g| {
            let name = g.fields.get("name")?.as_str()?.to_string();
            name.starts_with(MARKER).then_some((g.local_id, name))
        })
        .collect()
}

/// One random group edit on replica `index`. A create's marker goes into `created`, a delete's
/// into `deleted` (its group is rightly gone). Refusals (a member already there, a group
/// deleted meanwhile) are part of the game.
pub async fn local_op(
    rng: &mut StdRng,
    app: &App,
    index: usize,
    created: &mut BTreeSet<String>,
    deleted: &mut BTreeSet<String>,
    n: usize,
) {
    let groups = local_groups(app).await;
    let roll = rng.random_range(0..10);
    if groups.is_empty() || roll < 3 {
        let name = format!("{MARKER}{index}-{n}");
        let made = app
            .create_group(CreateGroupArgs {
                fields: fields(json!({"name": name, "permissions": ["calendar.read"]})),
            })
            .await;
        if made.is_ok() {
            created.insert(name);
        }
        return;
    }
    let (group, name) = crate::torture::pick(rng, &groups).unwrap().clone();
    match roll {
        3 => {
            let _ = app
                .update_group(UpdateGroupArgs {
                    id: group,
                    fields: fields(
                        json!({"description": format!("set by replica {index} at {n}")}),
                    ),
                })
                .await;
        }
        4 => {
            let codes = ["calendar.read", "calendar.write", "contacts.read"];
            let count = rng.random_range(0..=codes.len());
            let _ = app
                .update_group(UpdateGroupArgs {
                    id: group,
                    fields: fields(json!({"permissions": codes[..count]})),
                })
                .await;
        }
        5..=7 => {
            let users = app
                .list_directory(DirectoryArgs {
                    kind: Directory::Users,
                })
                .await
                .unwrap();
            if let Some(user) = crate::torture::pick(rng, &users) {
                let _ = app
                    .add_group_member(GroupMemberArgs {
                        group_id: group,
                        user_id: user.server_id.clone(),
                    })
                    .await;
            }
        }
        8 => {
            let members = app
                .list_group_members(GroupIdArgs { id: group.clone() })
                .await
                .unwrap_or_default();
            if let Some(m) = crate::torture::pick(rng, &members) {
                let user = m.fields["userId"].as_str().unwrap().to_string();
                let _ = app
                    .remove_group_member(GroupMemberArgs {
                        group_id: group,
                        user_id: user,
                    })
                    .await;
            }
        }
        _ => {
            if app.delete_group(GroupIdArgs { id: group }).await.is_ok() {
                deleted.insert(name);
            }
        }
    }
}

/// Every group on the server, by id.
pub async fn server_groups(remote: &Session) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let mut offset = 0;
    loop {
        let query = [("limit", "200".into()), ("offset", offset.to_string())];
        let path = format!("{GROUPS}/");
        let v: Value = crate::torture::faults::read(|| remote.get(&path, &query)).await;
        let rows = v["data"].as_array().unwrap().clone();
        offset += rows.len();
        for r in rows {
            out.insert(r["id"].as_str().unwrap().to_string(), r);
        }
        if rows_done(offset, &v) {
            return out;
        }
    }
}

fn rows_done(offset: usize, v: &Value) -> bool {
    v["pagination"]["total"]
        .as_u64()
        .is_none_or(|t| offset as u64 >= t)
}

fn is_torture(group: &Value) -> bool {
    group["name"]
        .as_str()
        .is_some_and(|n| n.starts_with(MARKER))
}

/// The members of a group on the server (user ids, sorted).
pub async fn server_members(remote: &Session, group: &str) -> Vec<String> {
    let path = format!("{GROUPS}/{group}/members");
    let v: Value = crate::torture::faults::read(|| remote.get(&path, &[])).await;
    let mut ids: Vec<String> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// A colleague changes a test group on the server: its description, a member removed, or the
/// group deleted. Whatever the answer (a fault may have lost it), the change may have happened.
pub async fn remote_op(rng: &mut StdRng, remote: &Session, deleted: &mut BTreeSet<String>) {
    let groups = server_groups(remote).await;
    let ours: Vec<&Value> = groups.values().filter(|g| is_torture(g)).collect();
    let Some(group) = crate::torture::pick(rng, &ours) else {
        return;
    };
    let id = group["id"].as_str().unwrap();
    match rng.random_range(0..6) {
        0..=2 => {
            let body = json!({"description": format!("changed on the server {}", rng.random_range(0..1000))});
            let _ = remote
                .send_json::<Value, _>(Method::PUT, &format!("{GROUPS}/{id}"), &body)
                .await;
        }
        3..=4 => {
            let members = server_members(remote, id).await;
            if let Some(user) = crate::torture::pick(rng, &members) {
                let path = format!("{GROUPS}/{id}/members/{user}");
                let _ = remote
                    .request::<Value>(Method::DELETE, &path, &[], None)
                    .await;
            }
        }
        _ => {
            deleted.insert(group["name"].as_str().unwrap().to_string());
            let path = format!("{GROUPS}/{id}");
            let _ = remote
                .request::<Value>(Method::DELETE, &path, &[], None)
                .await;
        }
    }
}

/// Counts each test group name on the server into `copies` (a name twice is a duplicate).
pub fn count_copies(on_server: &BTreeMap<String, Value>, copies: &mut BTreeMap<String, usize>) {
    for g in on_server.values().filter(|g| is_torture(g)) {
        *copies
            .entry(g["name"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
}

/// The marker (name) of a group op, for the lost-create check.
pub fn marker_of_op(op: &OutboxOp) -> Option<String> {
    (op.entity == Entity::Group)
        .then(|| op.payload.get("name").and_then(Value::as_str))
        .flatten()
        .filter(|n| n.starts_with(MARKER))
        .map(str::to_string)
}

/// After the final sync: each test group here equals the server's (name, description,
/// permissions) and has the server's members, except what an open op holds for the user.
pub async fn check_replica(
    replica: usize,
    replica_file: &Path,
    on_server: &BTreeMap<String, Value>,
    remote: &Session,
    open: &[OutboxOp],
) {
    let db = outpost_replica::Replica::open(replica_file).unwrap();
    let scope = db.tenant(&outpost_devserver::demo::tenant_id("acme-field"));
    let held = |entity: Entity, local: &str| {
        open.iter()
            .any(|o| o.entity == entity && o.local_id == local)
    };
    // Groups an open membership op names (a member added to a group deleted on the server
    // meanwhile waits for the user, and keeps its group here until then).
    let named_by_open: BTreeSet<String> = open
        .iter()
        .filter(|o| o.entity == Entity::GroupMember)
        .flat_map(|o| {
            let record = scope
                .get_for_sync(o.entity, &o.local_id)
                .ok()
                .map(|r| r.fields);
            [record.as_ref(), Some(&o.payload)]
                .into_iter()
                .flatten()
                .filter_map(|f| f.get("groupId").and_then(Value::as_str).map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut here = BTreeSet::new();
    for g in scope.records(Entity::Group, None).unwrap() {
        let name = g.fields["name"].as_str().unwrap_or_default().to_string();
        let named = named_by_open.contains(&g.local_id)
            || g.server_id
                .as_ref()
                .is_some_and(|id| named_by_open.contains(id));
        if !name.starts_with(MARKER) || g.has_pending_ops || named {
            continue;
        }
        let id = g.server_id.clone().unwrap_or_else(|| {
            panic!("replica {replica}: group {name} has no server id and nothing to send")
        });
        let theirs = on_server.get(&id).unwrap_or_else(|| {
            panic!("replica {replica}: group {name} ({id}) is not on the server")
        });
        for key in ["name", "description", "permissions"] {
            let mine = g.fields.get(key).cloned().unwrap_or(Value::Null);
            let server = theirs.get(key).cloned().unwrap_or(Value::Null);
            assert_eq!(
                mine, server,
                "replica {replica}: group {id}.{key} differs from the server"
            );
        }
        let members = scope.records(Entity::GroupMember, Some(&id)).unwrap();
        if members
            .iter()
            .any(|m| m.has_pending_ops || held(Entity::GroupMember, &m.local_id))
        {
            continue;
        }
        let mut mine: Vec<String> = members
            .iter()
            .map(|m| m.fields["userId"].as_str().unwrap().to_string())
            .collect();
        mine.sort();
        let waiting_removal = open.iter().any(|o| {
            o.entity == Entity::GroupMember
                && o.payload.get("groupId").and_then(Value::as_str) == Some(id.as_str())
        });
        if !waiting_removal {
            assert_eq!(
                mine,
                server_members(remote, &id).await,
                "replica {replica}: members of group {name} ({id}) differ from the server"
            );
        }
        here.insert(id);
    }
    for (id, g) in on_server.iter().filter(|(_, g)| is_torture(g)) {
        let kept_for_user = open.iter().any(|o| {
            (o.entity == Entity::Group && o.server_id.as_deref() == Some(id.as_str()))
                || o.payload.get("groupId").and_then(Value::as_str) == Some(id.as_str())
        });
        let pending_here = scope
            .get(Entity::Group, id)
            .is_ok_and(|r| r.has_pending_ops);
        assert!(
            here.contains(id) || kept_for_user || pending_here,
            "replica {replica}: server group {} ({id}) missing here",
            g["name"]
        );
    }
}
