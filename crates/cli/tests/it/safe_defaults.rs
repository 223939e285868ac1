//! Smaller things a careful user expects: the demo bridge never signs into the real data folder,
//! a failed export leaves the file it was replacing as it was (and a finished one is the owner's
//! alone), and a second-factor code can come from standard input instead of the command line.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

/// The throw-away data folders of demo bridges started by process `pid`.
fn demo_folders_of(pid: u32) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy()
                    .starts_with(&format!("outpost-demo-{pid}-"))
            })
        })
        .collect()
}

#[test]
fn the_demo_bridge_keeps_out_of_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_outpost"))
        .args(["--json", "bridge", "--demo"])
        .env("OUTPOST_DATA_DIR", dir.path())
        .env("OUTPOST_KEYRING", "kernel")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("origin"), "the bridge started: {first}");
    // Signed in and serving by now: its data is somewhere of its own.
    let pid = child.id();
    assert_eq!(demo_folders_of(pid).len(), 1, "a throw-away data folder");
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert!(
        entries.is_empty(),
        "the user's data folder was written: {entries:?}"
    );

    // Ctrl-C ends it, and its folder goes with it.
    let stopped = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        demo_folders_of(pid).is_empty(),
        "the demo's folder was removed"
    );
}

#[tokio::test]
async fn a_failed_export_leaves_the_file_it_was_replacing() {
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
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("calendars.ics");
    std::fs::write(&file, "the export of last week\n").unwrap();
    let target = file.display().to_string();

    let failed = outpost(
        dir,
        &[
            "export",
            "calendars",
            "--calendar",
            "no-such-calendar",
            "-o",
            &target,
        ],
        None,
    )
    .await;
    assert_eq!(failed.status.code(), Some(1), "{}", text(&failed.stdout));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "the export of last week\n"
    );
    let names: Vec<String> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["calendars.ics"], "no temporary file left");

    json_of(dir, &["export", "calendars", "-o", &target]).await;
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("BEGIN:VCALENDAR"), "{written}");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the export is the owner's alone");
}

#[tokio::test]
async fn a_second_factor_code_is_read_from_standard_input() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = outpost(
        dir.path(),
        &[
            "--server",
            &server.base_url(),
            "login",
            "--email",
            demo::TOTP_USER_EMAIL,
            "--password-stdin",
            "--backup-code",
            "-",
        ],
        Some(&format!(
            "{}\n{}\n",
            demo::TOTP_USER_PASSWORD,
            demo::BACKUP_CODES[2]
        )),
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("as field.tech@outpost.example"),
        "{}",
        text(&out.stdout)
    );

    // With nothing after the password, it says where the code was looked for.
    let out = outpost(
        dir.path(),
        &[
            "--server",
            &server.base_url(),
            "login",
            "--email",
            demo::TOTP_USER_EMAIL,
            "--password-stdin",
            "--totp",
            "-",
        ],
        Some(&format!("{}\n", demo::TOTP_USER_PASSWORD)),
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("standard input"),
        "{}",
        text(&out.stderr)
    );
}
