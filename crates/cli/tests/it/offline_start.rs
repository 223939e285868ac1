//! Starting without a sign-in: after a restart with nothing in the keyring (not remembered,
//! expired, or no keyring on this machine at all) the last account's replica opens, its records
//! are read and edited offline, the edits wait in the outbox, and only `outpost sync` asks to
//! sign in. Signing out and starting again keep working without a keyring.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_app::vault::{Vault, VaultBackend};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

#[tokio::test]
async fn with_no_stored_sign_in_records_work_offline_and_only_sync_asks_to_sign_in() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    sign_in_as_admin(dir, &server.base_url()).await;
    json_of(dir, &["sync"]).await;
    let accounts = json_of(dir, &["accounts", "ls"]).await;
    let id = accounts["activeAccount"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // The stored sign-in goes (expired, or never remembered): what the keyring holds is nothing.
    Vault::open(VaultBackend::KernelKeyring, "outpost")
        .unwrap()
        .delete_tokens(&id)
        .unwrap();

    let contacts = json_of(dir, &["contacts", "ls"]).await;
    let listed = contacts["items"]
        .as_array()
        .or_else(|| contacts.as_array())
        .map(Vec::len)
        .unwrap_or_default();
    assert!(listed > 0, "the synced contacts are there: {contacts}");
    json_of(dir, &["calendars", "ls"]).await;
    let made = json_of(
        dir,
        &[
            "contacts",
            "add",
            "--first-name",
            "Offline",
            "--email",
            "after.restart@example.com",
        ],
    )
    .await;
    assert_eq!(made["hasPendingOps"], true, "{made}");
    let ops = json_of(dir, &["outbox", "ls"]).await;
    assert_eq!(ops.as_array().unwrap().len(), 1, "{ops}");
    let state = json_of(dir, &["accounts", "ls"]).await;
    assert_eq!(state["signedIn"], false, "{state}");

    let out = outpost(dir, &["sync"], None).await;
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stderr);
    assert!(
        said.contains("(sign_in_required)") && said.contains("outpost login"),
        "{said}"
    );
    let status = json_of(dir, &["status"]).await;
    assert_eq!(
        status["outbox"]["pending"], 1,
        "the edit still waits: {status}"
    );
    assert_eq!(status["outbox"]["failed"], 0, "{status}");

    // Signed in again, the edit goes out.
    sign_in_as_admin(dir, &server.base_url()).await;
    let synced = json_of(dir, &["sync"]).await;
    assert_eq!(synced["run"]["report"]["pushed"], 1, "{synced}");
}

/// `outpost ARGS` on a machine with no OS keyring: the Secret Service asked for, and no D-Bus
/// session to find it on.
fn without_keyring(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_outpost"))
        .args(args)
        .env("OUTPOST_DATA_DIR", dir)
        .env("OUTPOST_KEYRING", "secret-service")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/outpost-test-bus",
        )
        .env_remove("OUTPOST_SERVER")
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

async fn no_keyring(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let (dir, args, stdin) = (
        dir.to_path_buf(),
        args.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
        stdin.map(str::to_string),
    );
    tokio::task::spawn_blocking(move || {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        without_keyring(&dir, &refs, stdin.as_deref())
    })
    .await
    .unwrap()
}

fn ok(out: &Output, what: &str) -> String {
    assert!(out.status.success(), "{what}: {}", text(&out.stderr));
    text(&out.stderr)
}

#[tokio::test]
async fn without_a_keyring_sign_in_is_not_remembered_and_sign_out_and_restart_work() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let login = [
        "--server",
        &server.base_url(),
        "login",
        "--email",
        demo::ADMIN_EMAIL,
        "--password-stdin",
        "--remember",
    ]
    .map(str::to_string);
    let login: Vec<&str> = login.iter().map(String::as_str).collect();
    let password = format!("{}\n", demo::ADMIN_PASSWORD);
    let said = ok(&no_keyring(dir, &login, Some(&password)).await, "login");
    assert_eq!(
        said.matches("will not be remembered").count(),
        1,
        "said once: {said}"
    );

    // The next start has no sign-in and no keyring: it works offline all the same.
    ok(
        &no_keyring(dir, &["status"], None).await,
        "status after a restart",
    );
    ok(
        &no_keyring(dir, &["contacts", "add", "--first-name", "Kim"], None).await,
        "an edit after a restart",
    );
    let sync = no_keyring(dir, &["sync"], None).await;
    assert!(
        text(&sync.stderr).contains("(sign_in_required)"),
        "{}",
        text(&sync.stderr)
    );
    ok(&no_keyring(dir, &["logout"], None).await, "sign-out");
    let accounts = no_keyring(dir, &["--json", "accounts", "ls"], None).await;
    ok(&accounts, "a start after signing out");
    let state: serde_json::Value = serde_json::from_slice(&accounts.stdout).unwrap();
    assert_eq!(state["signedIn"], false, "{state}");
    assert!(state["accounts"].as_array().unwrap().is_empty(), "{state}");
}
