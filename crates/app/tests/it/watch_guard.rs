//! The watched folder against what a person or another program may leave in it, and against
//! other processes watching it too: only regular files are read (a link out of the folder, a
//! FIFO are refused with a report and moved to `failed/`), and one process watches a folder at
//! a time, so a dropped file is imported once.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::contacts::SearchContactsArgs;
use outpost_app::commands::import::DuplicatePolicy;
use outpost_app::commands::watch::WatchSettings;
use outpost_app::watch_folder::{self, FAILED, IMPORTED};
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig, RunningServer};

fn vcard(name: &str) -> String {
    format!(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:{name} Guarded\r\nN:Guarded;{name};;;\r\nEND:VCARD\r\n"
    )
}

fn app(data: &Path) -> Arc<App> {
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    Arc::new(
        App::new(AppConfig {
            data_dir: data.to_path_buf(),
            server_url: None,
            demo: false,
        })
        .unwrap(),
    )
}

/// A signed-in app watching `folder`.
async fn watching(server: &RunningServer, data: &Path, folder: &Path) -> Arc<App> {
    let app = app(data);
    app.sign_in(SignInArgs {
        server_url: server.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();
    app.set_watch_settings(WatchSettings {
        folder: Some(folder.display().to_string()),
        calendar_id: None,
        duplicates: DuplicatePolicy::Create,
    })
    .await
    .unwrap();
    app
}

async fn guarded(app: &App, name: &str) -> usize {
    app.search_contacts(SearchContactsArgs {
        query: format!("{name} Guarded"),
        limit: None,
    })
    .await
    .unwrap()
    .len()
}

fn names_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

async fn server() -> RunningServer {
    outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn links_and_fifos_are_refused_with_a_report_and_moved_to_failed() {
    let server = server().await;
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let app = watching(&server, data.path(), folder.path()).await;

    let secret = outside.path().join("private.vcf");
    std::fs::write(&secret, vcard("Outside")).unwrap();
    std::os::unix::fs::symlink(&secret, folder.path().join("link.vcf")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(folder.path().join("pipe.vcf"))
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::write(folder.path().join("plain.vcf"), vcard("Plain")).unwrap();

    // A FIFO opened the usual way waits for a writer for ever: bounded here.
    let reports = tokio::time::timeout(Duration::from_secs(60), app.import_waiting_files())
        .await
        .expect("a FIFO must not hold the import up")
        .unwrap();
    assert_eq!(reports.len(), 3, "{reports:?}");
    let report = |name: &str| reports.iter().find(|r| r.file == name).unwrap().clone();
    for (name, kind) in [("link.vcf", "symbolic link"), ("pipe.vcf", "named pipe")] {
        let r = report(name);
        let why = r.error.as_deref().unwrap_or_default();
        assert!(
            why.contains(kind) && why.contains("only regular files"),
            "{r:?}"
        );
        assert!(r.moved_to.contains(&format!("/{FAILED}/")), "{r:?}");
    }
    assert!(report("plain.vcf").error.is_none());
    assert_eq!(guarded(&app, "Plain").await, 1);
    assert_eq!(
        guarded(&app, "Outside").await,
        0,
        "nothing read through the link"
    );
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), vcard("Outside"));
    let failed = names_in(&folder.path().join(FAILED));
    assert!(failed.iter().any(|n| n.ends_with("link.vcf")), "{failed:?}");
    assert!(failed.iter().any(|n| n.ends_with("pipe.vcf")), "{failed:?}");
    assert!(
        names_in(folder.path()).iter().all(|n| !n.ends_with(".vcf")),
        "nothing left behind"
    );
}

#[tokio::test]
async fn two_watchers_of_one_folder_import_a_dropped_file_once() {
    let server = server().await;
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let first = watching(&server, data.path(), folder.path()).await;
    // The same account in a second process (here a second App on the same data folder).
    let second = watching(&server, data.path(), folder.path()).await;
    let runs = [
        watch_folder::spawn(first.clone()),
        watch_folder::spawn(second.clone()),
    ];
    // Each starts watching within its settings period; give both time to claim the folder.
    tokio::time::sleep(Duration::from_secs(3)).await;

    let err = first.import_waiting_files().await;
    let err2 = second.import_waiting_files().await;
    let refused = [&err, &err2]
        .iter()
        .filter(|r| r.as_ref().is_err_and(|e| e.code == "folder_watched"))
        .count();
    assert_eq!(
        refused, 2,
        "a one-off import is refused while a watcher runs: {err:?} {err2:?}"
    );
    assert!(
        err.unwrap_err().message.contains("pid "),
        "names the process"
    );

    for n in 0..5 {
        std::fs::write(
            folder.path().join(format!("drop{n}.vcf")),
            vcard(&format!("Drop{n}")),
        )
        .unwrap();
    }
    let until = Instant::now() + Duration::from_secs(60);
    while names_in(&folder.path().join(IMPORTED))
        .iter()
        .filter(|n| n.ends_with(".report.json"))
        .count()
        < 5
    {
        assert!(Instant::now() < until, "never imported");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Time for a second watcher to import them again, if there were one.
    tokio::time::sleep(Duration::from_secs(3)).await;
    for n in 0..5 {
        assert_eq!(
            guarded(&first, &format!("Drop{n}")).await,
            1,
            "drop{n}.vcf imported once"
        );
    }
    assert!(names_in(&folder.path().join(FAILED)).is_empty());
    for r in runs {
        r.abort();
    }
}
