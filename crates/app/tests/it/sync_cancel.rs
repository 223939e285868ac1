//! Stopping a sync from the app: `cancel_sync` stops the run going on, the edits it had not sent
//! stay waiting (the sync center says so, not "needs attention"), and the next sync sends each
//! exactly once. The server holds every contact create a while, so the run is caught mid-way.

use std::time::Duration;

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::contacts::CreateContactArgs;
use outpost_app::commands::sync::{SyncPhase, SyncState, SyncStatusArgs};
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use serde_json::json;

#[tokio::test]
async fn a_cancelled_sync_keeps_the_edits_waiting_and_the_next_one_sends_them_once() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        faults: Some(outpost_tests::faults::slow_contact_creates(200)),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(AppConfig {
        data_dir: dir.path().to_path_buf(),
        server_url: None,
        demo: false,
    })
    .unwrap();
    app.sign_in(SignInArgs {
        server_url: server.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();
    app.sync_now(Default::default()).await.unwrap();
    assert!(
        !app.cancel_sync(Default::default()).await.unwrap().cancelled,
        "no run to stop"
    );
    for i in 0..10 {
        let fields = json!({ "firstName": "Can", "lastName": format!("Celled-{i:02}") });
        app.create_contact(CreateContactArgs {
            fields: fields.as_object().unwrap().clone(),
        })
        .await
        .unwrap();
    }

    let run = app.sync_now(Default::default());
    let stop = async {
        loop {
            let status = app.sync_status(SyncStatusArgs {}).await.unwrap();
            if status.outbox.in_flight > 0 {
                // The sync center sees the run going on and how far it is.
                assert_eq!(status.state, SyncState::Syncing);
                let progress = status.progress.expect("progress while syncing");
                assert_eq!(progress.phase, SyncPhase::Sending);
                assert_eq!(progress.total, Some(10));
                assert!(progress.done < 10, "{progress:?}");
                return app.cancel_sync(Default::default()).await.unwrap();
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    };
    let (result, stopped) = tokio::join!(run, stop);
    assert!(stopped.cancelled);
    let err = result.expect_err("the run was stopped");
    assert_eq!(err.code, "cancelled");

    let status = app.sync_status(SyncStatusArgs {}).await.unwrap();
    assert_eq!(status.state, SyncState::Pending, "{status:?}");
    assert_eq!(status.progress, None, "no run, no progress");
    assert!(status.outbox.pending > 0, "{status:?}");
    assert_eq!((status.outbox.in_flight, status.outbox.failed), (0, 0));

    let done = app.sync_now(Default::default()).await.unwrap();
    assert_eq!(done.status.state, SyncState::UpToDate, "{:?}", done.status);
    let remote = outpost_tests::platform::session_as(
        &server.base_url(),
        demo::ADMIN_EMAIL,
        demo::ADMIN_PASSWORD,
        &demo::tenant_id("acme-field"),
    )
    .await;
    let v: serde_json::Value = remote
        .get("/api/v1/secure/contacts", &[("limit", "200".into())])
        .await
        .unwrap();
    let mut made: Vec<&str> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["last_name"].as_str())
        .filter(|l| l.starts_with("Celled-"))
        .collect();
    made.sort();
    let expected: Vec<String> = (0..10).map(|i| format!("Celled-{i:02}")).collect();
    assert_eq!(made, expected, "each contact on the server exactly once");
}
