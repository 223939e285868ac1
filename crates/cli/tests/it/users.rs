//! An administrator's users from the terminal: made and named offline (a mistake refused on the
//! spot, naming the field), sent by the next sync, given a temporary password online (printed
//! once), and refused up front in a tenant where the same person is only a member.

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_tests::link::Link;
use outpost_tests::platform::session_as;
use serde_json::Value;

#[tokio::test]
async fn users_made_offline_reach_the_server_and_members_cannot_make_them() {
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
    let listed = json_of(dir, &["users", "ls"]).await;
    let known = listed.as_array().unwrap().len();
    assert!(known > 0, "the demo's users");
    let directory = json_of(dir, &["directory", "users"]).await;
    assert_eq!(directory.as_array().unwrap().len(), known, "{directory}");

    link.cut().await;
    let made = json_of(
        dir,
        &[
            "users",
            "add",
            "Night.Nurse@Example.com",
            "--display-name",
            "Nora N",
        ],
    )
    .await;
    let local = made["localId"].as_str().unwrap().to_string();
    assert!(made["serverId"].is_null());
    assert_eq!(made["fields"]["email"], "night.nurse@example.com", "{made}");
    json_of(dir, &["users", "edit", &local, "--first-name", "Nora"]).await;
    let twice = outpost(dir, &["users", "add", "night.nurse@example.com"], None).await;
    assert!(!twice.status.success());
    assert!(
        text(&twice.stderr).contains("email"),
        "{}",
        text(&twice.stderr)
    );
    let bad = outpost(dir, &["users", "edit", &local, "--locale", "nl"], None).await;
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("locale"),
        "{}",
        text(&bad.stderr)
    );
    let offline = outpost(dir, &["users", "reset-password", &local], None).await;
    assert!(!offline.status.success(), "not on the server yet");
    assert!(
        text(&offline.stderr).contains("sync first"),
        "{}",
        text(&offline.stderr)
    );
    let shown = json_of(dir, &["users", "show", &local]).await;
    assert_eq!(shown["fields"]["firstName"], "Nora");

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
    let users: Value = remote
        .get("/api/v1/secure/users/", &[("limit", "200".into())])
        .await
        .unwrap();
    let nora: Vec<&Value> = users["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["email"] == "night.nurse@example.com")
        .collect();
    assert_eq!(nora.len(), 1);
    assert_eq!(nora[0]["first_name"], "Nora");
    let id = nora[0]["id"].as_str().unwrap();
    let rm = outpost(dir, &["users", "rm", id], None).await;
    assert!(
        !rm.status.success(),
        "the platform removes no user it knows"
    );

    let reset = json_of(dir, &["users", "reset-password", id]).await;
    let password = reset["password"].as_str().unwrap();
    assert!(password.len() >= 12, "{reset}");
    let outbox = json_of(dir, &["outbox", "ls"]).await;
    assert!(
        outbox.as_array().unwrap().is_empty(),
        "nothing queued: {outbox}"
    );

    // A user made here and dropped before any sync leaves nothing behind.
    let dropped = json_of(dir, &["users", "add", "never.sent@example.com"]).await;
    json_of(dir, &["users", "rm", dropped["localId"].as_str().unwrap()]).await;
    let outbox = json_of(dir, &["outbox", "ls"]).await;
    assert!(outbox.as_array().unwrap().is_empty(), "{outbox}");

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
    let refused = outpost(tech, &["users", "add", "someone@example.com"], None).await;
    assert!(!refused.status.success());
    let words = text(&refused.stderr);
    assert!(
        words.contains("only owners and admins can create users"),
        "{words}"
    );
    let refused = outpost(tech, &["users", "reset-password", id], None).await;
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("only owners and admins can reset passwords"),
        "{}",
        text(&refused.stderr)
    );
    let waiting = json_of(tech, &["outbox", "ls"]).await;
    assert!(waiting.as_array().unwrap().is_empty(), "{waiting}");
}
