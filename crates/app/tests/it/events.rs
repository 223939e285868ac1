//! The events the backend pushes: a local write names its record types and ids and moves the
//! sync status, a sync reports its start, what it pulled and its end, a tenant switch is a
//! session event, and the HTTP bridge streams all of it to a caller holding the secret (and to
//! no one else). A real devserver with the demo data on loopback, a real replica file.

use std::sync::Arc;
use std::time::Duration;

use outpost_app::bridge::{self, BridgeConfig};
use outpost_app::changes::{RecordChange, MAX_IDS};
use outpost_app::commands::accounts::{ListTenantsArgs, SignInArgs};
use outpost_app::commands::sync::SyncState;
use outpost_app::{dispatch, App, AppConfig, AppEvent, Dataset};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_model::RecordType;
use serde_json::json;
use tokio::sync::broadcast;

/// Long enough for a loaded CI machine; a passing test never waits it out.
const PATIENCE: Duration = Duration::from_secs(20);

struct Rig {
    app: Arc<App>,
    _server: outpost_devserver::RunningServer,
    _dir: tempfile::TempDir,
}

async fn signed_in() -> Rig {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    std::env::set_var("OUTPOST_KEYRING", "kernel");
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
        server_url: server.base_url(),
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();
    Rig {
        app,
        _server: server,
        _dir: dir,
    }
}

/// The next event `pick` takes, skipping others; fails the test after [`PATIENCE`].
async fn next<T>(
    rx: &mut broadcast::Receiver<AppEvent>,
    mut pick: impl FnMut(&AppEvent) -> Option<T>,
) -> T {
    tokio::time::timeout(PATIENCE, async {
        loop {
            let event = rx.recv().await.expect("the bus stays open");
            if let Some(found) = pick(&event) {
                return found;
            }
        }
    })
    .await
    .expect("the expected event came")
}

fn changed(event: &AppEvent) -> Option<Vec<Dataset>> {
    match event {
        AppEvent::Changed { records, .. } => Some(records.clone()),
        _ => None,
    }
}

#[tokio::test]
async fn a_local_edit_names_its_record_types_and_the_edit_waiting() {
    let rig = signed_in().await;
    let mut rx = rig.app.subscribe();
    let created = dispatch(
        &rig.app,
        "create_contact",
        json!({ "fields": { "firstName": "Eve", "lastName": "Vent" } }),
    )
    .await
    .unwrap();

    let (records, changes) = next(&mut rx, |e| match e {
        AppEvent::Changed { records, changes } => Some((records.clone(), changes.clone())),
        _ => None,
    })
    .await;
    assert_eq!(
        records,
        vec![Dataset::Contacts, Dataset::Outbox],
        "the contact and its outbox op, in one commit"
    );
    assert_eq!(
        changes,
        vec![RecordChange {
            entity: RecordType::Contact,
            ids: Some(vec![created["localId"].as_str().unwrap().to_string()]),
        }],
        "the one contact, by its local id"
    );
    // (A status from before, what signing in wrote, may come first: the one with the edit.)
    let status = next(&mut rx, |e| match e {
        AppEvent::SyncStatus { status } if status.outbox.pending > 0 => Some((**status).clone()),
        _ => None,
    })
    .await;
    assert_eq!(status.state, SyncState::Pending, "{status:?}");
    assert_eq!(status.outbox.pending, 1, "{status:?}");

    // A refused edit writes nothing, so it says nothing.
    let refused = dispatch(
        &rig.app,
        "update_contact",
        json!({ "id": "no-such-contact", "fields": { "firstName": "Nobody" } }),
    )
    .await;
    assert!(refused.is_err(), "there is no such contact");
    dispatch(
        &rig.app,
        "set_sync_settings",
        json!({ "intervalMinutes": 7, "entryWindowPastDays": 30, "entryWindowFutureDays": 90 }),
    )
    .await
    .unwrap();
    assert_eq!(
        next(&mut rx, changed).await,
        vec![Dataset::Settings],
        "the next change is the settings, nothing from the refused edit"
    );
}

#[tokio::test]
async fn a_sync_reports_its_start_what_it_pulled_and_its_end() {
    let rig = signed_in().await;
    let mut rx = rig.app.subscribe();
    let (outcome, events) = tokio::join!(rig.app.sync_now(Default::default()), async {
        let mut seen = Vec::new();
        // Everything up to the status that says the run is over.
        tokio::time::timeout(PATIENCE, async {
            loop {
                let event = rx.recv().await.unwrap();
                let over = matches!(&event, AppEvent::SyncStatus { status } if status.state != SyncState::Syncing && status.last_run.is_some());
                seen.push(event);
                if over {
                    return;
                }
            }
        })
        .await
        .unwrap_or_else(|_| panic!("no status ended the run; saw {seen:?}"));
        seen
    });
    outcome.unwrap();

    let statuses: Vec<SyncState> = events
        .iter()
        .filter_map(|e| match e {
            AppEvent::SyncStatus { status } => Some(status.state),
            _ => None,
        })
        .collect();
    assert_eq!(statuses.first(), Some(&SyncState::Syncing), "{statuses:?}");
    assert_eq!(statuses.last(), Some(&SyncState::UpToDate), "{statuses:?}");
    let pulled: std::collections::BTreeSet<Dataset> =
        events.iter().filter_map(changed).flatten().collect();
    for record in [
        Dataset::Contacts,
        Dataset::Calendars,
        Dataset::Entries,
        Dataset::Users,
        Dataset::Spaces,
        Dataset::SyncRuns,
    ] {
        assert!(pulled.contains(&record), "{record:?} not named: {pulled:?}");
    }
    // Each commit of the pull names the contacts it wrote, by id up to the bound.
    let contact_changes: Vec<&RecordChange> = events
        .iter()
        .filter_map(|e| match e {
            AppEvent::Changed { changes, .. } => Some(changes),
            _ => None,
        })
        .flatten()
        .filter(|c| c.entity == RecordType::Contact)
        .collect();
    assert!(!contact_changes.is_empty(), "{events:?}");
    assert!(
        contact_changes
            .iter()
            .all(|c| c.ids.as_ref().is_none_or(|ids| ids.len() <= MAX_IDS)),
        "{contact_changes:?}"
    );
}

#[tokio::test]
async fn a_tenant_switch_is_a_session_event() {
    let rig = signed_in().await;
    let tenants = rig
        .app
        .list_tenants(ListTenantsArgs::default())
        .await
        .unwrap();
    let other = tenants
        .iter()
        .find(|t| !t.active && t.status.as_deref() == Some("active"))
        .expect("the demo admin belongs to a second active tenant");
    let mut rx = rig.app.subscribe();
    dispatch(&rig.app, "use_tenant", json!({ "tenantId": other.id }))
        .await
        .unwrap();
    let tenant = next(&mut rx, |e| match e {
        AppEvent::Session { tenant_id, .. } => Some(tenant_id.clone()),
        _ => None,
    })
    .await;
    assert_eq!(tenant.as_deref(), Some(other.id.as_str()));
}

/// Reads the stream until `wanted` appears in it.
async fn read_until(res: &mut reqwest::Response, wanted: &str) -> String {
    let mut seen = String::new();
    tokio::time::timeout(PATIENCE, async {
        while !seen.contains(wanted) {
            let chunk = res.chunk().await.unwrap().expect("the stream stays open");
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await
    .unwrap_or_else(|_| panic!("{wanted:?} never came; the stream said {seen:?}"));
    seen
}

#[tokio::test]
async fn the_bridge_streams_events_to_the_holder_of_the_secret_only() {
    let rig = signed_in().await;
    let bridge = bridge::start(rig.app.clone(), BridgeConfig::default())
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let events = format!("{}/events", bridge.origin());

    let anonymous = http.get(&events).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let foreign = http
        .get(&events)
        .bearer_auth(bridge.secret())
        .header("Origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);

    let mut stream = http
        .get(&events)
        .bearer_auth(bridge.secret())
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert_eq!(
        stream.headers()["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    // Another channel writes: a direct call, as a script or a second window would.
    let res = http
        .post(format!("{}/rpc/create_contact", bridge.origin()))
        .bearer_auth(bridge.secret())
        .json(&json!({ "fields": { "firstName": "Stream", "lastName": "Seen" } }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // The status may come first (what signing in wrote), so read up to the one the edit made.
    let said = read_until(&mut stream, "\"state\":\"pending\"").await;
    assert!(
        said.contains("event: changed\ndata: {\"changes\":[{\"entity\":\"contact\",\"ids\":[")
            && said.contains("\"kind\":\"changed\",\"records\":[\"contacts\",\"outbox\"]}"),
        "{said}"
    );

    // Stopping the bridge ends the stream instead of waiting on it for ever.
    tokio::time::timeout(PATIENCE, bridge.shutdown())
        .await
        .expect("the bridge stops with a stream open")
        .unwrap();
}

#[tokio::test]
async fn a_file_taken_from_the_watched_folder_names_its_records_and_its_report() {
    use outpost_app::commands::import::DuplicatePolicy;
    use outpost_app::commands::watch::WatchSettings;

    let rig = signed_in().await;
    let folder = tempfile::tempdir().unwrap();
    rig.app
        .set_watch_settings(WatchSettings {
            folder: Some(folder.path().display().to_string()),
            calendar_id: None,
            duplicates: DuplicatePolicy::Skip,
        })
        .await
        .unwrap();
    let file = folder.path().join("people.vcf");
    std::fs::write(
        &file,
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Wendy Watched\r\nN:Watched;Wendy;;;\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let mut rx = rig.app.subscribe();
    rig.app.import_dropped_file(&file).await.unwrap();

    let imported = next(&mut rx, changed).await;
    assert!(imported.contains(&Dataset::Contacts), "{imported:?}");
    // The report file is written after the import's commit, and said apart.
    assert_eq!(next(&mut rx, changed).await, vec![Dataset::WatchReports]);
}
