//! A field worker's day from the terminal: sign in, lose the network, edit contacts offline (with
//! a mistake refused on the spot), try to sync and be told they are offline, come back, sync, and
//! settle a conflict with a colleague's edit made on the server meanwhile. The devserver is real
//! and stays up; the network between it and `outpost` is cut and restored.

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig, RunningServer};
use outpost_platform::{Method, Session};
use outpost_tests::link::Link;
use outpost_tests::platform::session_as;
use serde_json::{json, Value};

/// A colleague working on the server directly, in the same tenant.
async fn colleague(server: &RunningServer) -> Session {
    session_as(
        &server.base_url(),
        demo::ADMIN_EMAIL,
        demo::ADMIN_PASSWORD,
        &demo::tenant_id("acme-field"),
    )
    .await
}

async fn server_contact(remote: &Session, id: &str) -> Option<Value> {
    match remote
        .get::<Value>(&format!("/api/v1/secure/contacts/{id}"), &[])
        .await
    {
        Ok(v) => Some(v["data"].clone()),
        Err(e) if e.status() == Some(404) => None,
        Err(e) => panic!("reading contact {id} from the server: {e}"),
    }
}

fn outbox_ops(v: &Value) -> Vec<Value> {
    v.as_array().unwrap().clone()
}

#[tokio::test]
async fn offline_contact_edits_reach_the_server_and_conflicts_are_settled() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let link = Link::to(server.addr()).await;
    let remote = colleague(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();

    sign_in_as_admin(dir, &link.base_url()).await;
    let first = json_of(dir, &["sync"]).await;
    assert_eq!(first["run"]["outcome"], "ok", "{first}");
    assert!(first["run"]["report"]["pulled"].as_u64().unwrap() > 0);
    assert_eq!(first["status"]["state"], "up_to_date");

    // The network goes. Everything below works from the replica alone.
    link.cut().await;
    let created = json_of(
        dir,
        &[
            "contacts",
            "add",
            "--first-name",
            "Zoë",
            "--last-name",
            "Offline",
            "--email",
            "zoe.offline@example.com",
            "--city",
            "Zürich",
        ],
    )
    .await;
    let zoe = created["localId"].as_str().unwrap().to_string();
    assert!(created["serverId"].is_null());
    assert_eq!(created["hasPendingOps"], true);
    json_of(
        dir,
        &["contacts", "edit", &zoe, "--phone", "+41 44 000 00 00"],
    )
    .await;

    // A mistake is refused on the spot, names the field, and changes nothing.
    let out = outpost(
        dir,
        &["contacts", "edit", &zoe, "--email", "not-an-email"],
        None,
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("email") && text(&out.stderr).contains("(invalid)"),
        "{}",
        text(&out.stderr)
    );
    let shown = json_of(dir, &["contacts", "show", &zoe]).await;
    assert_eq!(shown["fields"]["email"], "zoe.offline@example.com");

    // The create and the edit were merged into one create, which is what a sync will send.
    let ops = outbox_ops(&json_of(dir, &["outbox", "ls"]).await);
    assert_eq!(ops.len(), 1, "{ops:?}");
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["payload"]["phone"], "+41 44 000 00 00");
    assert_eq!(ops[0]["payload"]["address"]["city"], "Zürich");

    // Search folds accents and matches prefixes, offline.
    let hits = json_of(dir, &["contacts", "search", "zoe", "zur"]).await;
    assert_eq!(hits.as_array().unwrap().len(), 1, "{hits}");
    assert_eq!(hits[0]["localId"], zoe.as_str());

    // A sync while offline says so, keeps the edit, and the status tells why.
    let out = outpost(dir, &["sync"], None).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("(offline)"),
        "{}",
        text(&out.stderr)
    );
    let status = json_of(dir, &["status"]).await;
    assert_eq!(status["state"], "offline", "{status}");
    assert_eq!(status["outbox"]["pending"], 1);
    assert!(!status["lastSuccessAt"].is_null());

    // Back online: the contact reaches the server, once.
    link.restore().await;
    let synced = json_of(dir, &["sync"]).await;
    assert_eq!(synced["run"]["report"]["pushed"], 1, "{synced}");
    assert_eq!(synced["status"]["state"], "up_to_date");
    let shown = json_of(dir, &["contacts", "show", &zoe]).await;
    let server_id = shown["serverId"].as_str().unwrap().to_string();
    assert_eq!(shown["hasPendingOps"], false);
    let on_server = server_contact(&remote, &server_id).await.unwrap();
    assert_eq!(on_server["email"], "zoe.offline@example.com");
    assert_eq!(on_server["phone"], "+41 44 000 00 00");
    let again = json_of(dir, &["sync"]).await;
    assert_eq!(again["run"]["report"]["pushed"], 0);
    let all: Value = remote
        .get("/api/v1/secure/contacts", &[("limit", "200".into())])
        .await
        .unwrap();
    let copies = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["email"] == "zoe.offline@example.com")
        .count();
    assert_eq!(copies, 1, "no duplicate on the server");

    // Offline again; a colleague changes the same phone on the server meanwhile.
    link.cut().await;
    json_of(
        dir,
        &["contacts", "edit", &zoe, "--phone", "+41 44 111 11 11"],
    )
    .await;
    let _: Value = remote
        .send_json(
            Method::PATCH,
            &format!("/api/v1/secure/contacts/{server_id}"),
            &json!({ "phone": "+41 44 999 99 99", "notes": "met at the depot" }),
        )
        .await
        .unwrap();
    link.restore().await;
    let clash = json_of(dir, &["sync"]).await;
    assert_eq!(clash["run"]["report"]["conflicts"], 1, "{clash}");
    assert_eq!(clash["status"]["state"], "needs_attention");
    let conflicts = json_of(dir, &["conflicts", "ls"]).await;
    assert_eq!(conflicts.as_array().unwrap().len(), 1);
    let conflict_id = conflicts[0]["conflictId"].as_str().unwrap().to_string();
    assert_eq!(conflicts[0]["fields"], json!(["phone"]));
    let out = outpost(dir, &["conflicts", "show", &conflict_id], None).await;
    let said = text(&out.stdout);
    assert!(
        said.contains("+41 44 111 11 11") && said.contains("+41 44 999 99 99"),
        "{said}"
    );

    // A choice other than mine or theirs is refused; keep mine is taken.
    let out = outpost(
        dir,
        &[
            "conflicts",
            "resolve",
            &conflict_id,
            "--field",
            "phone=ours",
        ],
        None,
    )
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    json_of(dir, &["conflicts", "resolve", &conflict_id, "--keep-mine"]).await;
    let settled = json_of(dir, &["sync"]).await;
    assert_eq!(settled["status"]["state"], "up_to_date", "{settled}");
    let on_server = server_contact(&remote, &server_id).await.unwrap();
    assert_eq!(on_server["phone"], "+41 44 111 11 11", "mine was kept");
    assert_eq!(
        on_server["notes"], "met at the depot",
        "their other field stays"
    );
    let local = json_of(dir, &["contacts", "show", &zoe]).await;
    assert_eq!(local["fields"]["notes"], "met at the depot");

    // A delete made offline reaches the server too; the history shows every run.
    link.cut().await;
    json_of(dir, &["contacts", "rm", &zoe]).await;
    let out = outpost(dir, &["contacts", "show", &zoe], None).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("(not_found)"));
    link.restore().await;
    json_of(dir, &["sync"]).await;
    assert!(server_contact(&remote, &server_id).await.is_none());
    let history = json_of(dir, &["history"]).await;
    let outcomes: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        ["ok", "ok", "partial", "ok", "ok", "failed", "ok"],
        "newest first"
    );

    let out = outpost(dir, &["history"], None).await;
    assert!(
        text(&out.stdout).contains("failed"),
        "{}",
        text(&out.stdout)
    );
    server.shutdown().await.unwrap();
}
