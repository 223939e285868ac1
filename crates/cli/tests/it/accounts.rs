//! `outpost login|tenants|accounts|logout`, run as a user would, against a real devserver.
//! Tokens go to the kernel keyring (scripts/test.sh runs the tests in a private keyring session).

use crate::common::{outpost, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

#[tokio::test]
async fn login_tenants_accounts_and_logout() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let url = server.base_url();
    let dir = tempfile::tempdir().unwrap();

    let out = outpost(
        dir.path(),
        &[
            "--server",
            &url,
            "login",
            "--email",
            demo::ADMIN_EMAIL,
            "--password-stdin",
            "--remember",
        ],
        Some(&format!("{}\n", demo::ADMIN_PASSWORD)),
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("Signed in to") && said.contains("Acme Field Services (owner)"),
        "{said}"
    );

    // The next run needs no password: the sign-in is in the keyring.
    let out = outpost(dir.path(), &["--json", "tenants", "ls", "--refresh"], None).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let tenants: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tenants.as_array().unwrap().len(), 3);
    let northwind = tenants
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Northwind Clinics")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = outpost(dir.path(), &["tenants", "use", &northwind], None).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(&format!("* {northwind}  Northwind Clinics  admin")));

    let out = outpost(dir.path(), &["accounts", "ls"], None).await;
    assert!(
        text(&out.stdout).contains(demo::ADMIN_EMAIL),
        "{}",
        text(&out.stdout)
    );

    let out = outpost(dir.path(), &["logout", "--wipe"], None).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("The local replica was deleted."));
    let out = outpost(dir.path(), &["tenants", "ls"], None).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("(sign_in_required)"),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test]
async fn a_wrong_password_fails_plainly_and_2fa_takes_a_backup_code() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let url = server.base_url();
    let dir = tempfile::tempdir().unwrap();

    let out = outpost(
        dir.path(),
        &[
            "--server",
            &url,
            "login",
            "--email",
            demo::ADMIN_EMAIL,
            "--password-stdin",
        ],
        Some("wrong-password\n"),
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("the email or the password is wrong (wrong_credentials)"),
        "{err}"
    );
    assert!(!err.contains("wrong-password"));

    // Without a code and without a terminal, it says what to pass.
    let out = outpost(
        dir.path(),
        &[
            "--server",
            &url,
            "login",
            "--email",
            demo::TOTP_USER_EMAIL,
            "--password-stdin",
        ],
        Some(&format!("{}\n", demo::TOTP_USER_PASSWORD)),
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--totp CODE or --backup-code CODE"),
        "{}",
        text(&out.stderr)
    );

    let out = outpost(
        dir.path(),
        &[
            "--server",
            &url,
            "login",
            "--email",
            demo::TOTP_USER_EMAIL,
            "--password-stdin",
            "--backup-code",
            demo::BACKUP_CODES[1],
        ],
        Some(&format!("{}\n", demo::TOTP_USER_PASSWORD)),
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("as field.tech@outpost.example"),
        "{}",
        text(&out.stdout)
    );
}
