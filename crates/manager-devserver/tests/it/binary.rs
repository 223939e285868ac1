//! The `outpost-devserver` binary with `--api manager`: it prints its URL and the demo
//! administrator's token on a line beginning `manager token:`, and serves the Manager.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

/// Builds the binary (it is another package's) and returns its path beside this test's.
fn devserver_binary() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| env!("CARGO").to_owned());
    let status = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "-p",
            "outpost-devserver",
            "--bin",
            "outpost-devserver",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the devserver binary builds");
    // This test runs from target/<profile>/deps/; the binary is in target/<profile>/.
    let exe = std::env::current_exe().unwrap();
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    dir.join(format!("outpost-devserver{}", std::env::consts::EXE_SUFFIX))
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary and reads its standard output up to the token line.
fn start(args: &[&str]) -> (Running, String, String) {
    let mut child = Command::new(devserver_binary())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let out = BufReader::new(child.stdout.take().unwrap());
    let (mut url, mut token) = (None, None);
    for line in out.lines() {
        let line = line.unwrap();
        if let Some(rest) = line.split("listening on ").nth(1) {
            url = Some(rest.trim().to_owned());
        }
        if let Some(rest) = line.strip_prefix("manager token:") {
            token = Some(rest.trim().to_owned());
            break;
        }
    }
    (
        Running(child),
        url.expect("a listening line"),
        token.expect("a line beginning `manager token:`"),
    )
}

#[tokio::test]
async fn the_binary_serves_the_manager_demo_and_prints_its_token() {
    let (_running, url, token) = start(&["--api", "manager", "--demo", "--port", "0"]);
    assert!(token.starts_with("mpat_"), "{token}");
    let answer: Value = reqwest::Client::new()
        .post(format!("{url}/query"))
        .bearer_auth(&token)
        .json(&json!({ "query": "{ me { username } projects { slug } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["data"]["me"]["username"], "ada.admin");
    assert_eq!(answer["data"]["projects"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn the_binary_applies_scale_and_faults_to_the_manager() {
    let dir = tempfile::tempdir().unwrap();
    let faults = dir.path().join("faults.json");
    let rules = json!({ "seed": 3, "rules": [{ "method": "POST", "path": "/query", "kind": "error", "status": 503, "times": 1 }] });
    std::fs::write(&faults, rules.to_string()).unwrap();
    let (_running, url, token) = start(&[
        "--api",
        "manager",
        "--demo",
        "--scale",
        "2",
        "--port",
        "0",
        "--faults-file",
        faults.to_str().unwrap(),
    ]);
    let http = reqwest::Client::new();
    let ask = || {
        http.post(format!("{url}/query"))
            .bearer_auth(&token)
            .json(&json!({ "query": "{ projects { slug } }" }))
            .send()
    };
    assert_eq!(
        ask().await.unwrap().status(),
        503,
        "the fault rule fires once"
    );
    let answer: Value = ask().await.unwrap().json().await.unwrap();
    assert_eq!(
        answer["data"]["projects"].as_array().unwrap().len(),
        8,
        "scale 2: twice the projects"
    );
    let report = http.get(format!("{url}/_faults")).send().await.unwrap();
    assert_eq!(report.status(), 200);
}

#[tokio::test]
async fn the_binary_keeps_the_managers_data_in_its_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("manager.db");
    let args = [
        "--api",
        "manager",
        "--demo",
        "--port",
        "0",
        "--data",
        file.to_str().unwrap(),
    ];
    let http = reqwest::Client::new();
    let query = |url: String, token: String, q: &'static str| {
        let http = http.clone();
        async move {
            http.post(format!("{url}/query"))
                .bearer_auth(token)
                .json(&json!({ "query": q }))
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let first_token = {
        let (running, url, token) = start(&args);
        let made = query(
            url,
            token.clone(),
            "mutation { createProject(input: { name: \"Kept\", slug: \"kept\" }) { id } }",
        )
        .await;
        assert!(made.get("errors").is_none(), "{made}");
        drop(running);
        token
    };
    let (_running, url, token) = start(&args);
    assert_eq!(token, first_token, "the demo administrator's token again");
    let found = query(
        url,
        token,
        "{ project(slug: \"kept\") { name } projects { id } }",
    )
    .await;
    assert_eq!(found["data"]["project"]["name"], "Kept");
    assert_eq!(
        found["data"]["projects"].as_array().unwrap().len(),
        5,
        "the demo once, and the kept project"
    );
}
