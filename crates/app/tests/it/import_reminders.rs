//! A colleague's .ics with alarms: the preview says how many reminders each event brings and
//! names the alarm the platform cannot hold with its line; the import queues the reminders in
//! the outbox, on the entry or, for a repeating event, on its series; a sync puts them on the
//! server, attached to the server's entry and series; an export writes them back as VALARMs that
//! import again as the same reminders.

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::calendars::{CalendarIdArgs, FieldsArgs, IdArgs};
use outpost_app::commands::export::{ExportArgs, ExportWhat};
use outpost_app::commands::import::{DuplicatePolicy, ImportArgs, ImportOutcome, ItemAction};
use outpost_app::commands::sync::ListOutboxArgs;
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_replica::{Entity, OutboxOp, Source};
use serde_json::{json, Value};

/// Two events: a review with an on-screen alarm, an e-mail alarm two hours before its end (30
/// minutes before its start) and a PROCEDURE alarm the platform has no reminder for (line 21);
/// a weekly stand-up with a sound 5 minutes before.
const ICS: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//Alarms//EN\r
BEGIN:VEVENT\r
UID:review@example.com\r
SUMMARY:Design review\r
DTSTART;TZID=Europe/Berlin:20261207T100000\r
DTEND;TZID=Europe/Berlin:20261207T113000\r
BEGIN:VALARM\r
ACTION:DISPLAY\r
DESCRIPTION:Review\r
TRIGGER:-PT15M\r
END:VALARM\r
BEGIN:VALARM\r
ACTION:EMAIL\r
SUMMARY:Review\r
DESCRIPTION:Review\r
TRIGGER;RELATED=END:-PT2H\r
END:VALARM\r
BEGIN:VALARM\r
ACTION:PROCEDURE\r
TRIGGER:-PT5M\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:standup@example.com\r
SUMMARY:Stand-up\r
DTSTART;TZID=Europe/Berlin:20261207T091500\r
DURATION:PT15M\r
RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10\r
BEGIN:VALARM\r
ACTION:AUDIO\r
TRIGGER:-PT5M\r
END:VALARM\r
END:VEVENT\r
END:VCALENDAR\r
";

fn fields(v: Value) -> outpost_replica::Fields {
    v.as_object().unwrap().clone()
}

async fn signed_in_app(base_url: String, dir: &std::path::Path) -> App {
    std::env::set_var("OUTPOST_KEYRING", "kernel");
    let app = App::new(AppConfig {
        data_dir: dir.to_path_buf(),
        server_url: None,
        demo: false,
    })
    .unwrap();
    app.sign_in(SignInArgs {
        server_url: base_url,
        email: demo::ADMIN_EMAIL.into(),
        password: demo::ADMIN_PASSWORD.into(),
        remember_me: false,
    })
    .await
    .unwrap();
    app.sync_now(Default::default()).await.unwrap();
    app
}

async fn new_calendar(app: &App, name: &str) -> String {
    app.create_calendar(FieldsArgs::new(fields(
        json!({"name": name, "kind": "tenant_shared", "timezone": "Europe/Berlin"}),
    )))
    .await
    .unwrap()
    .local_id
}

fn import_args(path: &std::path::Path, calendar: &str, duplicates: DuplicatePolicy) -> ImportArgs {
    ImportArgs {
        path: path.display().to_string(),
        calendar_id: Some(calendar.to_string()),
        duplicates,
        format: None,
        mapping: None,
    }
}

async fn reminder_ops(app: &App) -> Vec<OutboxOp> {
    app.list_outbox(ListOutboxArgs { states: None })
        .await
        .unwrap()
        .into_iter()
        .filter(|op| op.entity == Entity::Reminder)
        .collect()
}

/// The local id of the entry the import queued with this title.
async fn created_entry(app: &App, title: &str) -> String {
    app.list_outbox(ListOutboxArgs { states: None })
        .await
        .unwrap()
        .into_iter()
        .find(|op| op.entity == Entity::Entry && op.label.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no entry {title:?} in the outbox"))
        .local_id
}

/// `(label, action, reminders)` of each item.
fn items(outcome: &ImportOutcome) -> Vec<(String, ItemAction, Option<u32>)> {
    outcome
        .items
        .iter()
        .map(|i| (i.label.clone(), i.action, i.reminders))
        .collect()
}

/// `(channel, offsetMinutes)` of reminders in the platform's shape, sorted.
fn channels_and_offsets<'a>(reminders: impl Iterator<Item = &'a Value>) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = reminders
        .map(|r| {
            (
                r["channel"].as_str().unwrap().to_string(),
                r["offsetMinutes"].as_i64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn alarms_import_as_reminders_that_a_sync_sends_and_an_export_writes_back() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = signed_in_app(server.base_url(), dir.path()).await;
    let calendar = new_calendar(&app, "Imported with alarms").await;
    let ics = dir.path().join("alarms.ics");
    std::fs::write(&ics, ICS).unwrap();

    // The preview: how many reminders each event brings, the PROCEDURE alarm named at its line.
    let preview = app
        .import_preview(import_args(&ics, &calendar, DuplicatePolicy::Skip))
        .await
        .unwrap();
    assert_eq!(
        items(&preview),
        vec![
            ("Design review".to_string(), ItemAction::Create, Some(2)),
            ("Stand-up".to_string(), ItemAction::Create, Some(1)),
        ]
    );
    let review = &preview.items[0];
    assert_eq!(review.warnings.len(), 1, "{:?}", review.warnings);
    assert_eq!(review.warnings[0].line, 21);
    assert_eq!(review.warnings[0].field.as_deref(), Some("reminders"));
    assert!(review.warnings[0].message.contains("ACTION:PROCEDURE"));
    assert!(preview.items[1].warnings.is_empty());
    assert!(
        reminder_ops(&app).await.is_empty(),
        "a preview writes nothing"
    );

    // The import: three reminders in the outbox, tagged as an import, on the review's entry and
    // on the stand-up's series.
    let applied = app
        .import_apply(import_args(&ics, &calendar, DuplicatePolicy::Skip))
        .await
        .unwrap();
    assert_eq!(items(&applied), items(&preview));
    let ops = reminder_ops(&app).await;
    assert_eq!(ops.len(), 3, "{ops:?}");
    assert!(ops.iter().all(|op| op.source == Source::Import));
    let listed = app
        .list_reminders(CalendarIdArgs {
            calendar_id: calendar.clone(),
        })
        .await
        .unwrap();
    let review_entry = created_entry(&app, "Design review").await;
    let standup_entry = created_entry(&app, "Stand-up").await;
    let standup_series = app
        .entry_series(IdArgs {
            id: standup_entry.clone(),
        })
        .await
        .unwrap()
        .expect("the stand-up repeats")
        .local_id;
    let mut on_review: Vec<(String, i64)> = listed
        .iter()
        .filter(|r| r.entry_id.as_deref() == Some(review_entry.as_str()))
        .map(|r| (r.channel.clone(), r.offset_minutes))
        .collect();
    on_review.sort();
    assert_eq!(
        on_review,
        vec![("email".to_string(), 30), ("in_app".to_string(), 15)]
    );
    let on_series: Vec<(String, i64, Option<String>)> = listed
        .iter()
        .filter(|r| r.master_id.as_deref() == Some(standup_series.as_str()))
        .map(|r| (r.channel.clone(), r.offset_minutes, r.entry_id.clone()))
        .collect();
    assert_eq!(
        on_series,
        vec![("in_app".to_string(), 5, None)],
        "one reminder for the whole series: {listed:?}"
    );

    // The sync sends them; the server holds them on its own entry and series.
    let synced = app.sync_now(Default::default()).await.unwrap();
    assert_eq!(synced.run.report.failed, 0, "{:?}", synced.run.report);
    assert!(reminder_ops(&app).await.is_empty(), "every reminder sent");
    let server_id = |record: outpost_replica::Record| record.server_id.unwrap();
    let calendar_on_server = server_id(
        app.get_calendar(IdArgs {
            id: calendar.clone(),
        })
        .await
        .unwrap(),
    );
    let review_on_server = server_id(app.get_entry(IdArgs { id: review_entry }).await.unwrap());
    let series_on_server = server_id(
        app.entry_series(IdArgs { id: standup_entry })
            .await
            .unwrap()
            .unwrap(),
    );
    let remote = outpost_tests::platform::session_as(
        &server.base_url(),
        demo::ADMIN_EMAIL,
        demo::ADMIN_PASSWORD,
        &demo::tenant_id("acme-field"),
    )
    .await;
    let on_server: Value = remote
        .get(
            &format!("/api/v1/secure/calendar/{calendar_on_server}/reminders"),
            &[],
        )
        .await
        .unwrap();
    let on_server = on_server["data"].as_array().unwrap();
    assert_eq!(on_server.len(), 3, "{on_server:?}");
    assert_eq!(
        channels_and_offsets(
            on_server
                .iter()
                .filter(|r| r["calendarEntryId"] == review_on_server.as_str())
        ),
        vec![("email".to_string(), 30), ("in_app".to_string(), 15)]
    );
    let series_reminders: Vec<&Value> = on_server
        .iter()
        .filter(|r| r["recurrenceMasterId"] == series_on_server.as_str())
        .collect();
    assert_eq!(
        channels_and_offsets(series_reminders.iter().copied()),
        vec![("in_app".to_string(), 5)]
    );
    assert!(series_reminders[0]["calendarEntryId"].is_null());
    assert!(on_server.iter().all(|r| r["isEnabled"] == true));

    // The same file again, updating: the entries are updated, the reminders stay as they are,
    // and each event says so.
    let again = app
        .import_apply(import_args(&ics, &calendar, DuplicatePolicy::Update))
        .await
        .unwrap();
    assert!(again
        .items
        .iter()
        .all(|i| i.action == ItemAction::Update && i.reminders == Some(0)));
    assert!(again.items.iter().all(|i| i
        .warnings
        .iter()
        .any(|w| w.field.as_deref() == Some("reminders") && w.message.contains("updated"))));
    assert!(
        reminder_ops(&app).await.is_empty(),
        "no reminder added twice"
    );

    // The export writes the enabled reminders as alarms (an SMS reminder has no alarm and is
    // listed; a disabled one is left out), and they import into another calendar as the same
    // reminders.
    for extra in [
        json!({"channel": "sms", "offsetMinutes": 60}),
        json!({"channel": "in_app", "offsetMinutes": 120, "isEnabled": false}),
    ] {
        let mut fields = fields(extra);
        fields.insert("calendarId".into(), json!(calendar));
        fields.insert("calendarEntryId".into(), json!(review_on_server));
        app.add_reminder(FieldsArgs::new(fields)).await.unwrap();
    }
    let out = dir.path().join("out.ics");
    let exported = app
        .export(ExportArgs {
            what: ExportWhat::Calendars,
            format: None,
            path: out.display().to_string(),
            calendar_ids: vec![calendar.clone()],
            from: None,
            to: None,
            vcard_version: None,
        })
        .await
        .unwrap();
    assert_eq!(exported.written, 2);
    assert_eq!(exported.skipped.len(), 1, "{:?}", exported.skipped);
    assert!(
        exported.skipped[0].starts_with("review@example.com: the sms reminder 60 minutes before"),
        "{:?}",
        exported.skipped
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.matches("BEGIN:VALARM").count(), 3, "{written}");
    assert!(written.contains("ACTION:EMAIL\r\nSUMMARY:Design review\r\n"));
    let copy = new_calendar(&app, "Copy").await;
    let reimported = app
        .import_apply(import_args(&out, &copy, DuplicatePolicy::Skip))
        .await
        .unwrap();
    let mut counts: Vec<(String, Option<u32>)> = reimported
        .items
        .iter()
        .map(|i| (i.label.clone(), i.reminders))
        .collect();
    counts.sort();
    assert_eq!(
        counts,
        vec![
            ("Design review".to_string(), Some(2)),
            ("Stand-up".to_string(), Some(1))
        ],
        "{reimported:?}"
    );
    assert!(reimported.items.iter().all(|i| i.warnings.is_empty()));
    server.shutdown().await.unwrap();
}
