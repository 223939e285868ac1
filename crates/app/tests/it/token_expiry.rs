//! Sessions that expire while a sync goes on: the server's access tokens last two seconds, so
//! tokens run out between and during runs with several requests in flight, and each refresh
//! rotates the refresh token. Every edit still goes out, no new sign-in is asked for, and the
//! rotated session survives a restart of the app (it was stored in the keyring each time).

use std::time::Duration;

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::contacts::{CreateContactArgs, SearchContactsArgs};
use outpost_app::commands::sync::SyncState;
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use serde_json::json;

fn app(dir: &std::path::Path) -> App {
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    App::new(AppConfig {
        data_dir: dir.to_path_buf(),
        server_url: None,
        demo: false,
    })
    .unwrap()
}

async fn add_contacts(app: &App, from: usize, to: usize) {
    for i in from..to {
        let fields = json!({ "firstName": "Tok", "lastName": format!("Expiry-{i:02}") });
        app.create_contact(CreateContactArgs {
            fields: fields.as_object().unwrap().clone(),
        })
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn syncs_go_on_through_expiring_and_rotating_tokens() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        access_token_ttl: Duration::from_secs(2),
        faults: Some(outpost_tests::faults::slow_contact_creates(250)),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    {
        let app = app(dir.path());
        app.sign_in(SignInArgs {
            server_url: server.base_url(),
            email: demo::ADMIN_EMAIL.into(),
            password: demo::ADMIN_PASSWORD.into(),
            remember_me: true,
        })
        .await
        .unwrap();
        add_contacts(&app, 0, 12).await;
        // Twelve slow creates, four at a time: the run outlives the token it started with.
        let first = app.sync_now(Default::default()).await.unwrap();
        assert_eq!(
            (first.run.report.pushed, first.run.report.failed),
            (12, 0),
            "{:?}",
            first.run.report
        );
        tokio::time::sleep(Duration::from_millis(2500)).await;
        add_contacts(&app, 12, 16).await;
        let second = app.sync_now(Default::default()).await.unwrap();
        assert_eq!(second.run.report.pushed, 4, "{:?}", second.run.report);
        assert_eq!(second.status.state, SyncState::UpToDate);
    }
    // A new start of the app finds the last rotated session in the keyring.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let again = app(dir.path());
    let third = again.sync_now(Default::default()).await.unwrap();
    assert_eq!(
        third.status.state,
        SyncState::UpToDate,
        "{:?}",
        third.status
    );
    let found = again
        .search_contacts(SearchContactsArgs {
            query: "Expiry".into(),
            limit: Some(50),
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 16);
    assert!(found
        .iter()
        .all(|c| !c.has_pending_ops && c.server_id.is_some()));
}
