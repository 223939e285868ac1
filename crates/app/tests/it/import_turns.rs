//! A big import never holds the replica for the whole file: while 100,000 contacts are imported
//! (the replica locked for one chunk at a time), `sync_status`, which the window asks every few
//! seconds, keeps answering. The bound is generous (machines are noisy); what it catches is an
//! answer that waits for the whole import, which takes far longer.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::import::{DuplicatePolicy, ImportArgs, ImportLimits};
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

const CONTACTS: usize = 100_000;
/// The longest one `sync_status` may take while the import runs.
const ANSWERS_WITHIN: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_status_answers_while_a_big_file_imports() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    let data = tempfile::tempdir().unwrap();
    let app = Arc::new(
        App::new(AppConfig {
            data_dir: data.path().to_path_buf(),
            server_url: None,
            demo: false,
        })
        .unwrap(),
    );
    app.sign_in(SignInArgs {
        server_url: server.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();

    let mut text = String::with_capacity(CONTACTS * 90);
    for i in 0..CONTACTS {
        write!(
            text,
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bulk {i}\r\nN:{i};Bulk;;;\r\nEMAIL:bulk{i}@example.com\r\nEND:VCARD\r\n"
        )
        .unwrap();
    }
    let file = data.path().join("big.vcf");
    std::fs::write(&file, text).unwrap();

    let started = Instant::now();
    let import = {
        let app = app.clone();
        let path = file.display().to_string();
        tokio::spawn(async move {
            app.import_with_limits(
                ImportArgs {
                    path,
                    calendar_id: None,
                    duplicates: DuplicatePolicy::Create,
                    format: None,
                    mapping: None,
                },
                true,
                ImportLimits::default(),
            )
            .await
        })
    };
    let mut answers = 0;
    let mut slowest = Duration::ZERO;
    while !import.is_finished() {
        let asked = Instant::now();
        app.sync_status(Default::default()).await.unwrap();
        let took = asked.elapsed();
        if !import.is_finished() {
            answers += 1;
            slowest = slowest.max(took);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let outcome = import.await.unwrap().unwrap();
    let whole = started.elapsed();
    assert_eq!(outcome.created as usize, CONTACTS);
    assert!(
        slowest < ANSWERS_WITHIN,
        "sync_status took {slowest:?} while the import ran (the import took {whole:?})"
    );
    assert!(answers >= 3, "{answers} answers in {whole:?}");
}
