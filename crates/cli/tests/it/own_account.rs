//! The user's own account from the terminal, against the devserver: an authenticator app
//! enrolled, confirmed, given new backup codes and turned off with one; the password changed
//! (a wrong current one refused); a tenant left; and, without the server, a clear "needs the
//! network".

use std::time::{SystemTime, UNIX_EPOCH};

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_tests::link::Link;

#[tokio::test]
async fn factors_password_and_tenants_change_online_and_wait_for_nothing_offline() {
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

    let status = json_of(dir, &["account", "2fa", "status"]).await;
    assert_eq!(status["enabledMethods"], serde_json::json!([]), "{status}");
    let enrolment = json_of(dir, &["account", "2fa", "enrol"]).await;
    let secret = enrolment["secret"].as_str().unwrap().to_string();
    assert!(enrolment["otpauthUri"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://"));
    let wrong = outpost(dir, &["account", "2fa", "confirm", "000000"], None).await;
    assert!(!wrong.status.success());
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code = outpost_devserver::totp::code_at(&secret, now).unwrap();
    json_of(dir, &["account", "2fa", "confirm", &code]).await;
    let status = json_of(dir, &["account", "2fa", "status"]).await;
    assert_eq!(status["enabledMethods"][0]["method"], "totp", "{status}");
    assert_eq!(status["backupCodesRemaining"], 10);

    let fresh = json_of(dir, &["account", "2fa", "backup-codes"]).await;
    let codes: Vec<String> = fresh["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 10);
    json_of(dir, &["account", "2fa", "disable", &codes[0]]).await;
    let status = json_of(dir, &["account", "2fa", "status"]).await;
    assert_eq!(status["enabledMethods"], serde_json::json!([]), "{status}");

    let globex = demo::tenant_id("globex");
    let left = json_of(dir, &["account", "leave", &globex]).await;
    assert!(
        left.as_array()
            .unwrap()
            .iter()
            .all(|t| t["id"] != globex.as_str()),
        "{left}"
    );

    let refused = outpost(
        dir,
        &["account", "password"],
        Some("not-my-password\nbrand-new-secret\n"),
    )
    .await;
    assert!(!refused.status.success());
    let changed = outpost(
        dir,
        &["account", "password"],
        Some(&format!("{}\nbrand-new-secret\n", demo::ADMIN_PASSWORD)),
    )
    .await;
    assert!(changed.status.success(), "{}", text(&changed.stderr));

    link.cut().await;
    let offline = outpost(dir, &["--json", "account", "2fa", "status"], None).await;
    assert!(!offline.status.success());
    let words = text(&offline.stderr);
    assert!(words.contains("\"code\":\"offline\""), "{words}");
    assert!(words.contains("needs the network"), "{words}");
    link.restore().await;

    // The new password signs in (on another computer: this one's sign-in stays as it is).
    let again = tempfile::tempdir().unwrap();
    let login = outpost(
        again.path(),
        &[
            "--server",
            &link.base_url(),
            "login",
            "--email",
            demo::ADMIN_EMAIL,
            "--password-stdin",
        ],
        Some("brand-new-secret\n"),
    )
    .await;
    assert!(login.status.success(), "{}", text(&login.stderr));
}
