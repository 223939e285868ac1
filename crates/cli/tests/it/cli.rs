//! The `outpost` binary, run as a user would, against a real devserver.

use std::process::Command;

fn outpost(data_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_outpost"));
    cmd.env("OUTPOST_DATA_DIR", data_dir)
        .env_remove("OUTPOST_SERVER");
    cmd
}

#[tokio::test]
async fn server_health_in_words_and_in_json() {
    let server = outpost_devserver::start(Default::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = server.base_url();
    let out = tokio::task::spawn_blocking({
        let dir = dir.path().to_path_buf();
        let url = url.clone();
        move || {
            outpost(&dir)
                .args(["--server", &url, "server", "health"])
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("{url} is ok")), "{text}");

    let out = tokio::task::spawn_blocking({
        let dir = dir.path().to_path_buf();
        move || {
            outpost(&dir)
                .args(["--json", "--server", &url, "server", "health"])
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["status"], "ok");
}

#[test]
fn a_plain_http_remote_server_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = outpost(dir.path())
        .args(["--server", "http://api.example.com", "server", "health"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("HTTPS is required"), "{err}");
    assert!(err.contains("(invalid_server_url)"), "{err}");
}

#[test]
fn no_server_set_up_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let out = outpost(dir.path())
        .args(["--json", "server", "health"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "not_configured");
}

#[test]
fn info_names_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = outpost(dir.path())
        .args(["--json", "info"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["dataDir"], dir.path().display().to_string());
    assert!(json["replicaSchema"].as_u64().unwrap() >= 1);
}
