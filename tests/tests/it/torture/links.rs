//! Contact links in the torture test: replicas link the test's contacts to users, spaces and
//! resources of the directory and unlink them; the remote editor unlinks some on the server.
//! Only the test's own contacts are linked, so the demo's links stay out of every check.
//!
//! This part found a bug, since fixed: a link unlinked and linked again on the server (a new
//! link id for the same contact and entity) collided on the replica's one-live-link-per-pair
//! rule with the link it still held under the old id, and every later pull of that replica
//! failed. A pull now takes the server's link as the row of the same pair
//! (`outpost-sync::links a_link_relinked_on_the_server_under_a_new_id_replaces_the_one_here`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use outpost_app::commands::contacts::{ContactIdArgs, DirectoryArgs, LinkContactArgs, LinkIdArgs};
use outpost_app::App;
use outpost_platform::{Method, Session};
use outpost_replica::{ContactQuery, Directory, Entity, OutboxOp};
use rand::rngs::StdRng;
use rand::Rng;
use serde_json::Value;

use crate::torture::MARKER;

/// What links a contact to a user, space or resource: (entity type, entity id, contact id),
/// all server ids. The platform keeps at most one link per triple.
type Triple = (String, String, String);

const KINDS: [(&str, Directory); 3] = [
    ("user", Directory::Users),
    ("space", Directory::Spaces),
    ("resource", Directory::Resources),
];

/// The test's contacts on a replica (their display name carries the marker of `lastName`).
async fn local_torture_contacts(app: &App) -> Vec<String> {
    app.list_contacts(ContactQuery {
        limit: 10_000,
        ..ContactQuery::default()
    })
    .await
    .unwrap()
    .items
    .into_iter()
    .filter(|c| c.display_name.contains(MARKER))
    .map(|c| c.local_id)
    .collect()
}

/// One random link edit on a replica; returns whether a link was made.
pub async fn local_op(rng: &mut StdRng, app: &App) -> bool {
    let contacts = local_torture_contacts(app).await;
    let Some(contact) = crate::torture::pick(rng, &contacts) else {
        return false;
    };
    if rng.random_bool(0.6) {
        link(rng, app, contact).await
    } else {
        unlink(rng, app, contact).await;
        false
    }
}

async fn link(rng: &mut StdRng, app: &App, contact: &str) -> bool {
    let (kind, directory) = KINDS[rng.random_range(0..KINDS.len())];
    let entities = app
        .list_directory(DirectoryArgs { kind: directory })
        .await
        .unwrap();
    let Some(entity) = crate::torture::pick(rng, &entities) else {
        return false;
    };
    // Refused when the contact is already linked there: nothing to check then.
    app.link_contact(LinkContactArgs {
        contact_id: contact.to_string(),
        entity_type: kind.into(),
        entity_id: entity.server_id.clone(),
        is_primary: false,
    })
    .await
    .is_ok()
}

async fn unlink(rng: &mut StdRng, app: &App, contact: &str) {
    let Ok(refs) = app
        .contact_references(ContactIdArgs {
            id: contact.to_string(),
        })
        .await
    else {
        return;
    };
    if let Some(r) = crate::torture::pick(rng, &refs) {
        let _ = app
            .unlink_contact(LinkIdArgs {
                link_id: r.link_id.clone(),
            })
            .await;
    }
}

/// The links of one contact on the server (its references), as the platform answers them.
async fn server_references(remote: &Session, contact: &str) -> Vec<Value> {
    let path = format!("/api/v1/secure/contacts/{contact}/references");
    let v: Value = crate::torture::faults::read(|| remote.get(&path, &[])).await;
    v["data"].as_array().unwrap().clone()
}

fn is_torture(contact: &Value) -> bool {
    contact["last_name"]
        .as_str()
        .is_some_and(|l| l.starts_with(MARKER))
}

/// A colleague unlinks one of a test contact's links on the server.
pub async fn remote_op(rng: &mut StdRng, remote: &Session) {
    let contacts = crate::torture::server_contacts(remote).await;
    let ours: Vec<&String> = contacts
        .iter()
        .filter(|(_, c)| is_torture(c))
        .map(|(id, _)| id)
        .collect();
    let Some(contact) = crate::torture::pick(rng, &ours) else {
        return;
    };
    let refs = server_references(remote, contact).await;
    let Some(r) = crate::torture::pick(rng, &refs) else {
        return;
    };
    let path = format!(
        "/api/v1/secure/{}s/{}/contacts/{contact}",
        r["entity_type"].as_str().unwrap(),
        r["entity_id"].as_str().unwrap()
    );
    // Whatever the answer (a fault may have lost it after the delete), the link may be gone.
    let _ = remote
        .request::<Value>(Method::DELETE, &path, &[], None)
        .await;
}

/// Every link of the test's contacts on the server, by link id, with its triple. Panics on a
/// triple linked twice: the platform must never hold two links where one was asked for.
pub async fn server_links(
    remote: &Session,
    contacts: &BTreeMap<String, Value>,
) -> BTreeMap<String, Triple> {
    let mut out = BTreeMap::new();
    let mut triples = BTreeSet::new();
    for (contact, _) in contacts.iter().filter(|(_, c)| is_torture(c)) {
        for r in server_references(remote, contact).await {
            let text = |k: &str| r[k].as_str().unwrap().to_string();
            let triple = (text("entity_type"), text("entity_id"), contact.clone());
            assert!(
                triples.insert(triple.clone()),
                "link {triple:?} twice on the server"
            );
            assert!(
                out.insert(text("id"), triple).is_none(),
                "link {} twice on the server",
                text("id")
            );
        }
    }
    out
}

/// After the final sync: the links of each test contact here are the server's, except those
/// an open op (a link or unlink waiting for the user) holds.
pub async fn check_replica(
    app: &App,
    replica: usize,
    replica_file: &Path,
    contacts: &BTreeMap<String, Value>,
    on_server: &BTreeMap<String, Triple>,
    open: &[OutboxOp],
) {
    let db = outpost_replica::Replica::open(replica_file).unwrap();
    let scope = db.tenant(&outpost_devserver::demo::tenant_id("acme-field"));
    let mut here = BTreeMap::new();
    // Triples with a link edit waiting here: the server may differ on them until the user acts.
    let mut waiting = BTreeSet::new();
    for (contact, _) in contacts.iter().filter(|(_, c)| is_torture(c)) {
        // A contact missing here is the contacts check's business (it names what holds it).
        let Ok(refs) = app
            .contact_references(ContactIdArgs {
                id: contact.clone(),
            })
            .await
        else {
            continue;
        };
        for r in refs {
            let triple = (r.entity_type.clone(), r.entity_id.clone(), contact.clone());
            if r.has_pending_ops {
                waiting.insert(triple);
                continue;
            }
            let link = scope.get(Entity::ContactLink, &r.link_id).unwrap();
            let id = link.server_id.unwrap_or_else(|| {
                panic!(
                    "replica {replica}: link {} has no server id and nothing to send",
                    r.link_id
                )
            });
            if let Some(before) = here.insert(id.clone(), triple.clone()) {
                panic!("replica {replica}: link {id} is here twice: {before:?} and {triple:?}");
            }
        }
    }
    for (id, triple) in &here {
        assert_eq!(
            on_server.get(id),
            Some(triple),
            "replica {replica}: link {id} {triple:?} differs from the server"
        );
    }
    for (id, triple) in on_server {
        let held = waiting.contains(triple)
            || open.iter().any(|o| {
                o.entity == Entity::ContactLink && o.server_id.as_deref() == Some(id.as_str())
            })
            || !contact_live_here(&scope, &triple.2);
        assert!(
            here.contains_key(id) || held,
            "replica {replica}: server link {id} {triple:?} missing here"
        );
    }
}

/// Whether the contact is live in the replica (one deleted here, with the delete waiting for
/// the user, has no links to show).
fn contact_live_here(scope: &outpost_replica::TenantScope<'_>, contact: &str) -> bool {
    scope.get(Entity::Contact, contact).is_ok()
}

/// Whether a link op waiting for the user names this contact: the engine keeps a contact the
/// server deleted while a link of it waits (a link refused because the contact was gone).
pub fn holds_contact(replica_file: &Path, open: &[OutboxOp], local: &str, server: &str) -> bool {
    let db = outpost_replica::Replica::open(replica_file).unwrap();
    let scope = db.tenant(&outpost_devserver::demo::tenant_id("acme-field"));
    open.iter()
        .filter(|o| o.entity == Entity::ContactLink)
        .any(|o| {
            // The link's fields (also of one unlinked here since), or what its op sent.
            let record = scope
                .get_for_sync(o.entity, &o.local_id)
                .ok()
                .map(|r| r.fields);
            let named = [record.as_ref(), Some(&o.payload)]
                .into_iter()
                .flatten()
                .filter_map(|f| f.get("contactId").and_then(Value::as_str))
                .any(|c| c == local || c == server);
            named
        })
}
