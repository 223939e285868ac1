//! Running `outpost` as a user would, and a network link the tests can cut.

#![allow(dead_code)] // each test file uses its own part of this module

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs `outpost` with its data in `dir`, the tokens in the kernel keyring (scripts/test.sh runs
/// the tests in a private keyring session), and `stdin` fed to it.
pub fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_outpost"))
        .args(args)
        .env("OUTPOST_DATA_DIR", dir)
        .env("OUTPOST_KEYRING", "kernel")
        .env_remove("OUTPOST_SERVER")
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

/// [`run`] off the async runtime, so an in-process devserver keeps answering meanwhile.
pub async fn outpost(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let dir: PathBuf = dir.to_path_buf();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let stdin = stdin.map(str::to_string);
    tokio::task::spawn_blocking(move || {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&dir, &refs, stdin.as_deref())
    })
    .await
    .unwrap()
}

pub fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).to_string()
}

/// Runs `outpost --json ARGS`, asserts success, and parses what it printed.
pub async fn json_of(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = outpost(dir, &all, None).await;
    assert!(
        out.status.success(),
        "outpost {args:?} failed: {}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "outpost {args:?} printed no JSON ({e}): {}",
            text(&out.stdout)
        )
    })
}

/// `outpost --server URL login` as the demo administrator, remembered, and asserts it worked.
pub async fn sign_in_as_admin(dir: &Path, server_url: &str) {
    let out = outpost(
        dir,
        &[
            "--server",
            server_url,
            "login",
            "--email",
            outpost_devserver::demo::ADMIN_EMAIL,
            "--password-stdin",
            "--remember",
        ],
        Some(&format!("{}\n", outpost_devserver::demo::ADMIN_PASSWORD)),
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
}
