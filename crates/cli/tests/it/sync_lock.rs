//! Two `outpost sync` of one account started side by side (a cron job and a person, two
//! terminals): the second waits for the first or says which process is syncing, and no edit
//! reaches the server twice. The server takes its time over every contact create, so the first
//! run is still sending when the second starts.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{json_of, sign_in_as_admin, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_platform::Session;
use outpost_tests::platform::session_as;
use serde_json::Value;

/// `outpost ARGS` started and left running, with the same set-up as `crate::common::run`.
fn start(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_outpost"))
        .args(args)
        .env("OUTPOST_DATA_DIR", dir)
        .env("OUTPOST_KEYRING", "kernel")
        .env_remove("OUTPOST_SERVER")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

async fn finish(child: Child) -> std::process::Output {
    tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap()
}

/// Contacts on the server whose email ends with `suffix`, every page read.
async fn on_server(remote: &Session, suffix: &str) -> usize {
    let mut found = 0;
    let mut offset = 0;
    loop {
        let page: Value = remote
            .get(
                "/api/v1/secure/contacts",
                &[("limit", "200".into()), ("offset", offset.to_string())],
            )
            .await
            .unwrap();
        let data = page["data"].as_array().unwrap();
        found += data
            .iter()
            .filter(|c| c["email"].as_str().is_some_and(|e| e.ends_with(suffix)))
            .count();
        if data.len() < 200 {
            return found;
        }
        offset += 200;
    }
}

async fn add_contacts(dir: &Path, tag: &str, n: usize) {
    for i in 0..n {
        let email = format!("c{i}@{tag}.example.com");
        json_of(
            dir,
            &["contacts", "add", "--first-name", "Lock", "--email", &email],
        )
        .await;
    }
}

#[tokio::test]
async fn a_second_sync_of_one_account_waits_or_says_who_is_syncing() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        faults: Some(outpost_tests::faults::slow_contact_creates(1500)),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let remote = session_as(
        &server.base_url(),
        demo::ADMIN_EMAIL,
        demo::ADMIN_PASSWORD,
        &demo::tenant_id("acme-field"),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    sign_in_as_admin(dir, &server.base_url()).await;
    json_of(dir, &["sync"]).await;

    // Six contacts made offline; two syncs 0.3 s apart. The second is told who syncs.
    add_contacts(dir, "first", 6).await;
    let first = start(dir, &["sync"]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let second = finish(start(dir, &["sync"])).await;
    let first = finish(first).await;
    assert!(first.status.success(), "{}", text(&first.stderr));
    let said = text(&second.stderr);
    assert!(!said.contains("invalid_state"), "{said}");
    assert_eq!(second.status.code(), Some(1), "{said}");
    assert!(said.contains("(sync_running)"), "{said}");
    assert!(said.contains("pid ") && said.contains("since"), "{said}");
    assert!(said.contains("--wait"), "offers to wait: {said}");
    assert_eq!(on_server(&remote, "@first.example.com").await, 6);

    // With --wait the second sync runs after the first, and finds nothing left to send.
    add_contacts(dir, "second", 3).await;
    let first = start(dir, &["--json", "sync"]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let second = finish(start(dir, &["--json", "sync", "--wait"])).await;
    let first = finish(first).await;
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(second.status.success(), "{}", text(&second.stderr));
    let runs: Vec<Value> = [&first, &second]
        .iter()
        .map(|o| serde_json::from_slice(&o.stdout).unwrap())
        .collect();
    let pushed: u64 = runs
        .iter()
        .map(|r| r["run"]["report"]["pushed"].as_u64().unwrap())
        .sum();
    assert_eq!(pushed, 3, "{runs:?}");
    assert!(
        text(&second.stderr).contains("Waiting for"),
        "says why it waits: {}",
        text(&second.stderr)
    );
    assert_eq!(on_server(&remote, "@second.example.com").await, 3);
    let status = json_of(dir, &["status"]).await;
    assert_eq!(status["outbox"]["pending"], 0, "{status}");
    assert_eq!(status["outbox"]["failed"], 0, "{status}");
}
