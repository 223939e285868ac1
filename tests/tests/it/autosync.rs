//! The background sync: it notices the server going away and coming back, says "offline" in the
//! status meanwhile, and sends what was edited offline as soon as the server answers again,
//! without anyone pressing sync.

use std::sync::Arc;
use std::time::Duration;

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::contacts::CreateContactArgs;
use outpost_app::commands::sync::{SyncHistoryArgs, SyncState, SyncStatusArgs};
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_tests::link::Link;
use serde_json::json;

/// Polls `check` until it holds; gives up (failing the test) after a generous bound so a broken
/// engine cannot hang CI. This bounds a wait, it does not time anything.
async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..600 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never happened: {what}");
}

#[tokio::test]
async fn edits_made_while_the_server_was_away_go_out_when_it_answers_again() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let link = Link::to(server.addr()).await;
    let dir = tempfile::tempdir().unwrap();
    let app = Arc::new(
        App::new(AppConfig {
            data_dir: dir.path().to_path_buf(),
            server_url: None,
            demo: false,
        })
        .unwrap(),
    );
    app.sign_in(SignInArgs {
        server_url: link.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();
    tokio::spawn(outpost_app::autosync::run_probing_every(
        app.clone(),
        Duration::from_millis(100),
    ));

    link.cut().await;
    eventually("the status says offline", || async {
        app.sync_status(SyncStatusArgs {}).await.unwrap().state == SyncState::Offline
    })
    .await;
    let fields = json!({ "firstName": "Away", "lastName": "Edit" });
    app.create_contact(CreateContactArgs {
        fields: fields.as_object().unwrap().clone(),
    })
    .await
    .unwrap();
    let status = app.sync_status(SyncStatusArgs {}).await.unwrap();
    assert_eq!(
        status.state,
        SyncState::Offline,
        "still offline: {status:?}"
    );
    assert_eq!(status.outbox.pending, 1);

    link.restore().await;
    eventually("the edit reached the server by itself", || async {
        let s = app.sync_status(SyncStatusArgs {}).await.unwrap();
        s.state == SyncState::UpToDate && s.outbox.pending == 0
    })
    .await;
    let runs = app
        .sync_history(SyncHistoryArgs { limit: Some(5) })
        .await
        .unwrap();
    assert_eq!(runs[0].trigger, "reconnect", "{runs:?}");
    assert_eq!(runs[0].report.pushed, 1);
    server.shutdown().await.unwrap();
}
