//! An administrator's spaces and resources from the terminal: made offline (a mistake refused
//! on the spot, naming the field), sent by the next sync, deleted again, and a member refused
//! up front where only owners and admins may act.

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_tests::link::Link;
use outpost_tests::platform::session_as;
use serde_json::Value;

#[tokio::test]
async fn spaces_and_resources_made_offline_reach_the_server_and_go_again() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let link = Link::to(server.addr()).await;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    sign_in_as_admin(dir, &link.base_url()).await;
    json_of(dir, &["sync"]).await;
    let spaces = json_of(dir, &["spaces", "ls"]).await;
    assert!(!spaces.as_array().unwrap().is_empty(), "the demo's spaces");
    let space = spaces[0]["serverId"].as_str().unwrap().to_string();

    link.cut().await;
    let made = json_of(
        dir,
        &[
            "spaces",
            "add",
            "--name",
            "Night depot",
            "--set",
            "language=de",
        ],
    )
    .await;
    assert!(made["serverId"].is_null());
    let short = outpost(dir, &["spaces", "add", "--name", "x"], None).await;
    assert!(!short.status.success());
    assert!(
        text(&short.stderr).contains("name"),
        "{}",
        text(&short.stderr)
    );
    let drone = json_of(
        dir,
        &[
            "resources",
            "add",
            "--name",
            "Night drone",
            "--space",
            &space,
        ],
    )
    .await;
    let local_drone = drone["localId"].as_str().unwrap().to_string();

    link.restore().await;
    let synced = json_of(dir, &["sync"]).await;
    assert_eq!(synced["run"]["outcome"], "ok", "{synced}");
    let remote = session_as(
        &server.base_url(),
        demo::ADMIN_EMAIL,
        demo::ADMIN_PASSWORD,
        &demo::tenant_id("acme-field"),
    )
    .await;
    let listed: Value = remote
        .get("/api/v1/secure/resources/", &[("limit", "200".into())])
        .await
        .unwrap();
    let on_server: Vec<&Value> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["name"] == "Night drone")
        .collect();
    assert_eq!(on_server.len(), 1);
    assert_eq!(on_server[0]["space_id"], space.as_str());
    let spaces: Value = remote
        .get("/api/v1/secure/spaces/", &[("limit", "200".into())])
        .await
        .unwrap();
    let depot: Vec<&Value> = spaces["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["name"] == "Night depot")
        .collect();
    assert_eq!(depot.len(), 1);
    assert_eq!(depot[0]["language"], "de");

    // Members, offline too: a reader made a manager, listed at once, on the server after sync.
    let users = json_of(dir, &["users", "ls"]).await;
    let user = users[0]["serverId"].as_str().unwrap().to_string();
    let depot_id = depot[0]["id"].as_str().unwrap().to_string();
    json_of(dir, &["spaces", "add-member", &depot_id, &user]).await;
    json_of(
        dir,
        &[
            "spaces",
            "add-member",
            &depot_id,
            &user,
            "--role",
            "manager",
        ],
    )
    .await;
    let members = json_of(dir, &["spaces", "members", &depot_id]).await;
    assert_eq!(members.as_array().unwrap().len(), 1, "{members}");
    assert_eq!(members[0]["fields"]["role"], "manager");
    let bad = outpost(
        dir,
        &["spaces", "add-member", &depot_id, &user, "--role", "owner"],
        None,
    )
    .await;
    assert!(!bad.status.success());
    json_of(dir, &["sync"]).await;
    let there: Value = remote
        .get(&format!("/api/v1/secure/spaces/{depot_id}/members"), &[])
        .await
        .unwrap();
    assert_eq!(there["data"][0]["user_id"], user.as_str());
    assert_eq!(there["data"][0]["role"], "manager");

    // A move asked for and approved offline: the drone moves to the depot.
    link.cut().await;
    let asked = json_of(
        dir,
        &[
            "resources",
            "move",
            &local_drone,
            &depot_id,
            "--reason",
            "night shift",
        ],
    )
    .await;
    let ask = asked["localId"].as_str().unwrap().to_string();
    let no_reason = outpost(
        dir,
        &["resources", "reject-move", &ask, "--reason", ""],
        None,
    )
    .await;
    assert!(!no_reason.status.success());
    assert!(
        text(&no_reason.stderr).contains("rejectionReason"),
        "{}",
        text(&no_reason.stderr)
    );
    link.restore().await;
    json_of(dir, &["sync"]).await;
    json_of(dir, &["resources", "approve-move", &ask]).await;
    let synced = json_of(dir, &["sync"]).await;
    assert_eq!(synced["run"]["outcome"], "ok", "{synced}");
    let drone_id = on_server[0]["id"].as_str().unwrap();
    let moved: Value = remote
        .get(&format!("/api/v1/secure/resources/{drone_id}"), &[])
        .await
        .unwrap();
    assert_eq!(moved["data"]["space_id"], depot_id.as_str());
    let moves = json_of(dir, &["resources", "moves"]).await;
    assert!(moves
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["localId"] == ask.as_str() && m["fields"]["status"] == "approved"));

    json_of(dir, &["resources", "rm", &local_drone]).await;
    let synced = json_of(dir, &["sync"]).await;
    assert_eq!(synced["run"]["outcome"], "ok", "{synced}");
    let listed: Value = remote
        .get("/api/v1/secure/resources/", &[("limit", "200".into())])
        .await
        .unwrap();
    assert!(listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["name"] != "Night drone"));

    // The field technician is a member of the tenant: refused before anything is queued.
    let tech = tempfile::tempdir().unwrap();
    let tech = tech.path();
    let login = outpost(
        tech,
        &[
            "--server",
            &link.base_url(),
            "login",
            "--email",
            demo::TOTP_USER_EMAIL,
            "--password-stdin",
            "--backup-code",
            demo::BACKUP_CODES[0],
        ],
        Some(&format!("{}\n", demo::TOTP_USER_PASSWORD)),
    )
    .await;
    assert!(login.status.success(), "{}", text(&login.stderr));
    let refused = outpost(tech, &["spaces", "add", "--name", "Not mine"], None).await;
    assert!(!refused.status.success());
    let words = text(&refused.stderr);
    assert!(
        words.contains("only owners and admins can create spaces"),
        "{words}"
    );
    let waiting = json_of(tech, &["outbox", "ls"]).await;
    assert!(waiting.as_array().unwrap().is_empty(), "{waiting}");
}
