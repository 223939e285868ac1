//! Soft deletes of contacts and contact links: a deleted contact and an unlinked link stay in
//! the storage of record with when and by whom they were deleted, are hidden from every listing
//! (before and after a restart), and linking the same pair again makes a fresh link.

use crate::common;

use std::path::{Path, PathBuf};

use common::{acme, Method, Rig};
use outpost_devserver::{demo, start, DemoOptions, DevServerConfig, RunningServer};
use serde_json::{json, Value};

/// A fresh directory under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("outpost-softdel-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn server_on(data: &Path) -> Rig {
    let server: RunningServer = start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        data: Some(data.to_path_buf()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    Rig::signed_in(server).await
}

/// The stored row `id` of `table` in the file, as JSON (the server must be stopped).
fn stored(file: &Path, table: &str, id: &str) -> Option<Value> {
    let db = rusqlite::Connection::open(file).unwrap();
    let body: Option<String> = db
        .query_row(
            &format!("SELECT body FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .ok();
    body.map(|b| serde_json::from_str(&b).unwrap())
}

/// The ids in a listing's `data`.
fn ids(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect()
}

async fn ok(rig: &Rig, method: Method, path: &str, body: Option<Value>, want: u16) -> Value {
    let (s, b) = rig.as_admin(method.clone(), path, body).await;
    assert_eq!(s, want, "{method} {path}: {b}");
    b
}

#[tokio::test]
async fn unlinked_links_and_deleted_contacts_are_kept_hidden_and_relinking_makes_a_new_link() {
    let dir = TempDir::new();
    let file = dir.0.join("soft.db");
    let rig = server_on(&file).await;
    let spaces = ok(&rig, Method::GET, "/spaces", None, 200).await;
    let space = spaces["data"][0]["id"].as_str().unwrap().to_string();
    let links = format!("/spaces/{space}/contacts");
    let contact = ok(
        &rig,
        Method::POST,
        "/contacts",
        Some(json!({ "firstName": "Soft" })),
        201,
    )
    .await["data"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let body = json!({ "contactId": contact, "isPrimary": true });

    let first = ok(&rig, Method::POST, &links, Some(body.clone()), 201).await;
    let first_id = first["data"]["id"].as_str().unwrap().to_string();
    ok(
        &rig,
        Method::DELETE,
        &format!("{links}/{contact}"),
        None,
        204,
    )
    .await;
    let listed = ok(&rig, Method::GET, &links, None, 200).await;
    assert!(!ids(&listed).contains(&first_id), "{listed}");
    let refs = ok(
        &rig,
        Method::GET,
        &format!("/contacts/{contact}/references"),
        None,
        200,
    )
    .await;
    assert_eq!(ids(&refs), Vec::<String>::new(), "{refs}");
    // Unlinking what is already unlinked finds nothing.
    ok(
        &rig,
        Method::DELETE,
        &format!("{links}/{contact}"),
        None,
        404,
    )
    .await;

    // The same pair linked again: a fresh link, the only one listed.
    let second = ok(&rig, Method::POST, &links, Some(body.clone()), 201).await;
    let second_id = second["data"]["id"].as_str().unwrap().to_string();
    assert_ne!(second_id, first_id);
    assert_eq!(second["data"]["is_primary"], true, "{second}");
    let listed = ok(&rig, Method::GET, &links, None, 200).await;
    let of_contact: Vec<&Value> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["contact_id"] == contact.as_str())
        .collect();
    assert_eq!(of_contact.len(), 1, "{listed}");
    assert_eq!(of_contact[0]["id"], second_id.as_str());
    let refs = ok(
        &rig,
        Method::GET,
        &format!("/contacts/{contact}/references"),
        None,
        200,
    )
    .await;
    assert_eq!(ids(&refs), vec![second_id.clone()], "{refs}");
    // Linking again while linked answers the live link, not the unlinked one.
    let again = ok(&rig, Method::POST, &links, Some(body), 201).await;
    assert_eq!(again["data"]["id"], second_id.as_str());

    ok(
        &rig,
        Method::DELETE,
        &format!("/contacts/{contact}"),
        None,
        204,
    )
    .await;
    rig.server.shutdown().await.unwrap();

    let admin = demo::admin_id();
    let unlinked = stored(&file, "contact_links", &first_id).expect("the unlinked link is kept");
    assert!(unlinked["deleted_at"].is_string(), "{unlinked}");
    assert_eq!(unlinked["deleted_by"], admin.as_str(), "{unlinked}");
    let live = stored(&file, "contact_links", &second_id).unwrap();
    assert!(live["deleted_at"].is_null(), "{live}");
    let deleted = stored(&file, "contacts", &contact).expect("the deleted contact is kept");
    assert!(deleted["deleted_at"].is_string(), "{deleted}");
    assert_eq!(deleted["deleted_by"], admin.as_str(), "{deleted}");

    // After a restart on the same file: still hidden, still 404.
    let rig = server_on(&file).await;
    ok(
        &rig,
        Method::GET,
        &format!("/contacts/{contact}"),
        None,
        404,
    )
    .await;
    let list = ok(&rig, Method::GET, "/contacts?limit=200", None, 200).await;
    assert!(!ids(&list).contains(&contact), "{list}");
    let listed = ok(&rig, Method::GET, &links, None, 200).await;
    let listed = ids(&listed);
    assert!(
        !listed.contains(&first_id) && !listed.contains(&second_id),
        "{listed:?}"
    );
    let (s, _) = rig
        .secure(
            &rig.admin,
            Some(&acme()),
            Method::GET,
            &format!("/contacts/{contact}/references"),
            None,
        )
        .await;
    assert_eq!(s, 404);
    rig.server.shutdown().await.unwrap();
}
