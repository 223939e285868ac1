//! What crosses the boundary is what the bindings say: every record a replica holds after a sync
//! of the demo data reads as the model struct of its type (so the boundary can send it as one);
//! every record a command answers, every op an edit queues and every version a conflict keeps is
//! exactly what that model struct writes.

use std::collections::BTreeMap;
use std::path::Path;

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::sync::ListOutboxArgs;
use outpost_app::views::{
    check_record_fields, typed_record_fields, ConflictView, IntoAnswer, OpView,
};
use outpost_app::{dispatch, App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig, RunningServer};
use outpost_model::RecordType;
use serde_json::{json, Value};

async fn demo_server() -> RunningServer {
    outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap()
}

/// An app in `dir`, signed in to `server` as the demo administrator, after its first sync.
async fn synced_app(server: &RunningServer, dir: &Path) -> App {
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    let app = App::new(AppConfig {
        data_dir: dir.to_path_buf(),
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
    sync(&app).await;
    app
}

async fn sync(app: &App) {
    dispatch(app, "sync_now", json!({})).await.unwrap();
}

/// The replica file of the one account in `dir`.
fn replica_file(dir: &Path) -> std::path::PathBuf {
    let account = std::fs::read_dir(dir.join("accounts"))
        .unwrap()
        .next()
        .expect("the account's folder")
        .unwrap()
        .path();
    account.join("replica.db")
}

/// A command's answer, checked: a record view whose fields are its type's model struct.
async fn record(app: &App, command: &str, args: Value) -> Value {
    let answer = dispatch(app, command, args.clone())
        .await
        .unwrap_or_else(|e| panic!("{command} {args}: {e:?}"));
    let entity: RecordType = serde_json::from_value(answer["entity"].clone()).unwrap();
    check_record_fields(entity, &answer["fields"]).unwrap_or_else(|e| panic!("{command}: {e}"));
    answer
}

fn id(view: &Value) -> String {
    view["localId"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn every_record_of_the_demo_replica_is_its_model_struct() {
    let server = demo_server().await;
    let dir = tempfile::tempdir().unwrap();
    let _app = synced_app(&server, dir.path()).await;

    let replica = outpost_replica::Replica::open(replica_file(dir.path())).unwrap();
    let mut seen: BTreeMap<RecordType, usize> = BTreeMap::new();
    for entity in RecordType::ALL {
        let sql = format!(
            "SELECT tenant_id, local_id FROM {} WHERE deleted_locally = 0",
            entity.descriptor().table
        );
        let rows: Vec<(String, String)> = replica
            .conn()
            .prepare(&sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (tenant, local_id) in rows {
            let record = replica.tenant(&tenant).get(entity, &local_id).unwrap();
            typed_record_fields(entity, record.fields)
                .unwrap_or_else(|e| panic!("{entity} {local_id}: {e}"));
            *seen.entry(entity).or_default() += 1;
        }
    }
    // The demo holds each of these, so the checks above ran over real rows.
    for entity in [
        RecordType::Calendar,
        RecordType::Entry,
        RecordType::RecurrenceMaster,
        RecordType::Contact,
    ] {
        assert!(seen.get(&entity).copied().unwrap_or(0) > 0, "{seen:?}");
    }
}

#[tokio::test]
async fn every_kind_of_edit_answers_and_queues_its_model_types() {
    let server = demo_server().await;
    let dir = tempfile::tempdir().unwrap();
    let app = synced_app(&server, dir.path()).await;

    // Records the server has: their edits queue updates and actions, not one coalesced create.
    let contacts = dispatch(
        &app,
        "list_contacts",
        json!({ "sort": "name", "offset": 0, "limit": 5 }),
    )
    .await
    .unwrap();
    let contact = contacts["items"][0]["localId"]
        .as_str()
        .unwrap()
        .to_string();
    record(&app, "get_contact", json!({ "id": contact })).await;
    record(
        &app,
        "update_contact",
        json!({ "id": contact, "fields": { "phone": "+49 30 1", "notes": null } }),
    )
    .await;
    let calendars = dispatch(&app, "list_calendars", json!({})).await.unwrap();
    let calendar = calendars[0]["localId"].as_str().unwrap().to_string();
    record(&app, "get_calendar", json!({ "id": calendar })).await;
    record(
        &app,
        "update_calendar",
        json!({ "id": calendar, "fields": { "name": "Renamed", "visibility": "private" } }),
    )
    .await;

    let window = dispatch(
        &app,
        "calendar_window",
        json!({ "from": "2026-06-01T00:00:00Z", "to": "2027-06-01T00:00:00Z" }),
    )
    .await
    .unwrap();
    let synced_entry = window
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["seriesId"].is_null())
        .expect("a one-off entry of the demo")["entryId"]
        .as_str()
        .unwrap()
        .to_string();
    record(
        &app,
        "set_entry_status",
        json!({ "id": synced_entry, "status": "cancelled" }),
    )
    .await;
    dispatch(
        &app,
        "respond_to_entry",
        json!({ "id": synced_entry, "responseStatus": "declined" }),
    )
    .await
    .unwrap();

    // New records, each of every type the UI creates.
    let created = record(
        &app,
        "create_calendar",
        json!({ "fields": { "kind": "tenant_shared", "name": "Typed", "timezone": "Europe/Berlin" } }),
    )
    .await;
    let entry = record(
        &app,
        "create_entry",
        json!({ "fields": { "calendarId": id(&created), "kind": "event", "title": "Review",
            "startsAt": "2026-12-08T09:00:00Z", "endsAt": "2026-12-08T10:00:00Z",
            "timezone": "Europe/Berlin" } }),
    )
    .await;
    record(&app, "get_entry", json!({ "id": id(&entry) })).await;
    record(
        &app,
        "update_entry",
        json!({ "id": id(&entry), "fields": { "title": "Design review" } }),
    )
    .await;
    record(
        &app,
        "set_entry_status",
        json!({ "id": id(&entry), "status": "tentative" }),
    )
    .await;
    let series = record(
        &app,
        "make_recurring",
        json!({ "fields": { "rootEntryId": id(&entry), "calendarId": id(&created),
            "frequency": "weekly", "byWeekday": [2], "startsAt": "2026-12-08T09:00:00Z",
            "timezone": "Europe/Berlin", "occurrenceCountLimit": 5 } }),
    )
    .await;
    record(
        &app,
        "update_series",
        json!({ "id": id(&series), "fields": { "occurrenceCountLimit": 6 } }),
    )
    .await;
    let answer = dispatch(&app, "entry_series", json!({ "id": id(&entry) }))
        .await
        .unwrap();
    check_record_fields(RecordType::RecurrenceMaster, &answer["fields"]).unwrap();
    record(
        &app,
        "override_occurrence",
        json!({ "seriesId": id(&series), "instanceDate": "2026-12-15",
            "fields": { "titleOverride": "Moved review" } }),
    )
    .await;
    record(
        &app,
        "cancel_occurrence",
        json!({ "seriesId": id(&series), "instanceDate": "2026-12-22", "fields": {} }),
    )
    .await;
    record(
        &app,
        "add_reminder",
        json!({ "fields": { "calendarId": id(&created), "recurrenceMasterId": id(&series),
            "channel": "email", "offsetMinutes": -15 } }),
    )
    .await;
    let new_contact = record(
        &app,
        "create_contact",
        json!({ "fields": { "firstName": "Ada", "address": { "city": "Berlin" } } }),
    )
    .await;
    let users = dispatch(&app, "list_directory", json!({ "kind": "users" }))
        .await
        .unwrap();
    let user = users[0]["serverId"].as_str().unwrap().to_string();
    let link = record(
        &app,
        "link_contact",
        json!({ "contactId": id(&new_contact), "entityType": "user", "entityId": user }),
    )
    .await;
    record(
        &app,
        "set_primary_link",
        json!({ "linkId": id(&link), "isPrimary": true }),
    )
    .await;

    let ops: Vec<OpView> = app
        .list_outbox(ListOutboxArgs { states: None })
        .await
        .unwrap()
        .into_answer()
        .unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    let mut with_base = 0;
    for op in &ops {
        op.check().unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_value(op).unwrap();
        kinds.insert(json["kind"].as_str().unwrap().to_string());
        with_base += usize::from(json["base"].is_object());
    }
    assert!(
        with_base > 0,
        "the updates of synced records keep their base: {ops:#?}"
    );
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["action", "create", "update"],
        "{ops:#?}"
    );
}

#[tokio::test]
async fn every_version_a_conflict_keeps_is_its_model_struct() {
    let server = demo_server().await;
    let here_dir = tempfile::tempdir().unwrap();
    let there_dir = tempfile::tempdir().unwrap();
    let here = synced_app(&server, here_dir.path()).await;
    let there = synced_app(&server, there_dir.path()).await;

    // The same contact's phone and the same calendar's name, changed on both sides.
    let contacts = dispatch(
        &here,
        "list_contacts",
        json!({ "sort": "name", "offset": 0, "limit": 1 }),
    )
    .await
    .unwrap();
    let contact = contacts["items"][0]["serverId"]
        .as_str()
        .unwrap()
        .to_string();
    let calendars = dispatch(&here, "list_calendars", json!({})).await.unwrap();
    let calendar = calendars[0]["serverId"].as_str().unwrap().to_string();
    for (app, word) in [(&there, "theirs"), (&here, "mine")] {
        record(
            app,
            "update_contact",
            json!({ "id": contact, "fields": { "phone": format!("+49 {word}") } }),
        )
        .await;
        record(
            app,
            "update_calendar",
            json!({ "id": calendar, "fields": { "name": format!("Calendar ({word})") } }),
        )
        .await;
        sync(app).await;
    }

    let conflicts: Vec<ConflictView> = dispatch_conflicts(&here).await;
    assert!(conflicts.len() >= 2, "{conflicts:#?}");
    for conflict in &conflicts {
        conflict.check().unwrap_or_else(|e| panic!("{e}"));
    }
}

async fn dispatch_conflicts(app: &App) -> Vec<ConflictView> {
    app.list_conflicts(Default::default())
        .await
        .unwrap()
        .into_answer()
        .unwrap()
}
