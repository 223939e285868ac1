//! An administrator's groups from the terminal: made offline with members (a mistake refused on
//! the spot, naming the field), sent by the next sync, and refused up front in a tenant where
//! the same person is only a member.

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_tests::link::Link;
use outpost_tests::platform::session_as;
use serde_json::Value;

#[tokio::test]
async fn groups_made_offline_reach_the_server_and_members_cannot_make_them() {
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
    let listed = json_of(dir, &["groups", "ls"]).await;
    assert!(!listed.as_array().unwrap().is_empty(), "the demo's groups");
    let users = json_of(dir, &["directory", "users"]).await;
    let user = users[0]["serverId"].as_str().unwrap().to_string();

    link.cut().await;
    let made = json_of(
        dir,
        &[
            "groups",
            "add",
            "--name",
            "Night shift",
            "--permission",
            "calendar.read",
        ],
    )
    .await;
    let local = made["localId"].as_str().unwrap().to_string();
    assert!(made["serverId"].is_null());
    json_of(dir, &["groups", "add-member", &local, &user]).await;
    let twice = outpost(dir, &["groups", "add-member", &local, &user], None).await;
    assert!(!twice.status.success());
    assert!(
        text(&twice.stderr).contains("already here"),
        "{}",
        text(&twice.stderr)
    );
    let blank = outpost(dir, &["groups", "edit", &local, "--name", ""], None).await;
    assert!(!blank.status.success());
    assert!(
        text(&blank.stderr).contains("name"),
        "{}",
        text(&blank.stderr)
    );
    let shown = json_of(dir, &["groups", "show", &local]).await;
    assert_eq!(shown["group"]["fields"]["name"], "Night shift");
    assert_eq!(shown["members"].as_array().unwrap().len(), 1);

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
    let groups: Value = remote
        .get("/api/v1/secure/groups/", &[("limit", "200".into())])
        .await
        .unwrap();
    let night: Vec<&Value> = groups["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["name"] == "Night shift")
        .collect();
    assert_eq!(night.len(), 1);
    let id = night[0]["id"].as_str().unwrap();
    let members: Value = remote
        .get(&format!("/api/v1/secure/groups/{id}/members"), &[])
        .await
        .unwrap();
    assert_eq!(members["data"][0]["user_id"], user.as_str());

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
    let refused = outpost(tech, &["groups", "add", "--name", "Not mine"], None).await;
    assert!(!refused.status.success());
    let words = text(&refused.stderr);
    assert!(
        words.contains("only owners and admins can create groups"),
        "{words}"
    );
    let waiting = json_of(tech, &["outbox", "ls"]).await;
    assert!(waiting.as_array().unwrap().is_empty(), "{waiting}");
}
