//! The `replica_holds` command: the days whose entries this computer holds from the server, as
//! a calendar export's outcome states them, asked on its own so the export dialog can say it
//! before an export. Before the first sync it holds none; after one, the window that sync
//! pulled (the account's entry window around the day it ran).

use chrono::{Duration, Utc};
use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::export::{ExportArgs, ExportWhat, ReplicaHoldsArgs};
use outpost_app::commands::sync::SyncSettings;
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};

#[tokio::test]
async fn none_before_the_first_sync_then_the_window_the_sync_pulled() {
    let dir = tempfile::tempdir().unwrap();
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    let app = App::new(AppConfig {
        data_dir: dir.path().to_path_buf(),
        server_url: None,
        demo: false,
    })
    .unwrap();

    // Nobody signed in: refused, as every command of the replica is.
    assert!(app.replica_holds(ReplicaHoldsArgs {}).await.is_err());

    app.sign_in(SignInArgs {
        server_url: server.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();
    // Signed in, not synced: nothing of the server's is here.
    assert_eq!(app.replica_holds(ReplicaHoldsArgs {}).await.unwrap(), None);
    // Through the dispatcher, as the UI asks: null.
    let answer = outpost_app::dispatch(&app, "replica_holds", serde_json::json!({}))
        .await
        .unwrap();
    assert_eq!(answer, serde_json::Value::Null);

    // A narrower window than the default, so the answer is seen to follow the settings.
    app.set_sync_settings(SyncSettings {
        interval_minutes: 0,
        entry_window_past_days: 10,
        entry_window_future_days: 20,
        verify_every_hours: 24,
    })
    .await
    .unwrap();
    app.sync_now(Default::default()).await.unwrap();

    let held = app
        .replica_holds(ReplicaHoldsArgs {})
        .await
        .unwrap()
        .expect("synced, so it holds a window");
    let today = Utc::now().date_naive();
    // The run's day in UTC; a run across midnight may be a day off today.
    assert!(
        (held.from - (today - Duration::days(10))).num_days().abs() <= 1,
        "{held:?}"
    );
    assert!(
        (held.to - (today + Duration::days(19))).num_days().abs() <= 1,
        "{held:?}"
    );
    assert_eq!((held.to - held.from).num_days(), 29, "{held:?}");
    assert!(
        chrono::DateTime::parse_from_rfc3339(&held.synced_at).is_ok(),
        "{held:?}"
    );

    // The same window a calendar export states afterwards.
    let out = dir.path().join("all.ics");
    let outcome = app
        .export(ExportArgs {
            what: ExportWhat::Calendars,
            format: None,
            path: out.display().to_string(),
            calendar_ids: vec![],
            from: None,
            to: None,
            vcard_version: None,
        })
        .await
        .unwrap();
    assert_eq!(outcome.replica_holds.as_ref(), Some(&held));

    // Through the dispatcher: camelCase, days as YYYY-MM-DD.
    let answer = outpost_app::dispatch(&app, "replica_holds", serde_json::json!({}))
        .await
        .unwrap();
    assert_eq!(answer["from"], held.from.format("%Y-%m-%d").to_string());
    assert_eq!(answer["to"], held.to.format("%Y-%m-%d").to_string());
    assert_eq!(answer["syncedAt"], held.synced_at);
    // It takes no arguments, and says so of one given.
    let e = outpost_app::dispatch(&app, "replica_holds", serde_json::json!({"from": "x"}))
        .await
        .unwrap_err();
    assert_eq!(e.code, "bad_arguments", "{e:?}");
    server.shutdown().await.unwrap();
}
