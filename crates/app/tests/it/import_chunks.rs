//! Big imports stream in chunks: the counts stay exact, the outcome lists a bounded number of
//! items and says how many it left out, duplicates are found across chunk boundaries (against
//! the records here and the file's earlier items), an item broken in the middle of the file is
//! reported with its line while the rest imports, and every created record is in the replica and
//! in the outbox. Chunks of 4 items, so a few dozen items cross many boundaries.

use outpost_app::commands::accounts::SignInArgs;
use outpost_app::commands::calendars::FieldsArgs;
use outpost_app::commands::contacts::CreateContactArgs;
use outpost_app::commands::import::{
    DuplicatePolicy, ImportArgs, ImportLimits, ImportOutcome, ItemAction,
};
use outpost_app::commands::sync::ListOutboxArgs;
use outpost_app::{App, AppConfig};
use outpost_devserver::{demo, DemoOptions, DevServerConfig};
use outpost_replica::{ContactQuery, Entity, OpKind, Source};
use serde_json::json;

const LIMITS: ImportLimits = ImportLimits {
    chunk: 4,
    listed: 5,
    plain_listed: 3,
    file_problems: 1000,
};

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

fn args(path: &std::path::Path, calendar: Option<&str>, duplicates: DuplicatePolicy) -> ImportArgs {
    ImportArgs {
        path: path.display().to_string(),
        calendar_id: calendar.map(str::to_string),
        duplicates,
        format: None,
        mapping: None,
    }
}

fn counts(o: &ImportOutcome) -> [u32; 5] {
    [o.created, o.updated, o.skipped, o.failed, o.omitted_items]
}

async fn created_ops(app: &App, entity: Entity) -> Vec<String> {
    app.list_outbox(ListOutboxArgs { states: None })
        .await
        .unwrap()
        .into_iter()
        .filter(|op| {
            op.entity == entity && op.kind == OpKind::Create && op.source == Source::Import
        })
        .map(|op| op.label.unwrap_or_default())
        .collect()
}

fn card(first: &str, email: &str) -> String {
    format!("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Chunk;{first};;;\r\nFN:{first} Chunk\r\nEMAIL:{email}\r\nEND:VCARD\r\n")
}

#[tokio::test]
async fn contacts_import_in_chunks_with_exact_counts_and_a_bounded_list() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = signed_in_app(server.base_url(), dir.path()).await;
    let here = app
        .create_contact(CreateContactArgs {
            fields:
                json!({"firstName": "Here", "lastName": "Chunk", "email": "here@chunk.example"})
                    .as_object()
                    .unwrap()
                    .clone(),
        })
        .await
        .unwrap();
    let before = app
        .list_contacts(ContactQuery::default())
        .await
        .unwrap()
        .total;

    // 30 cards, 6 lines each: card i starts at line 6 i + 1. Card 2 is already here, card 25
    // repeats card 1 (another chunk), card 14 is broken (its e-mail address is not one).
    let mut file = String::new();
    for i in 0..30 {
        file.push_str(&match i {
            2 => card("Here", "HERE@chunk.example"),
            14 => card("Broken", "not-an-email"),
            25 => card("Person1", "p1@chunk.example"),
            _ => card(&format!("Person{i}"), &format!("p{i}@chunk.example")),
        });
    }
    let vcf = dir.path().join("many.vcf");
    std::fs::write(&vcf, &file).unwrap();

    let preview = app
        .import_with_limits(args(&vcf, None, DuplicatePolicy::Skip), false, LIMITS)
        .await
        .unwrap();
    // 27 created, 2 skipped, 1 failed; listed: the 3 notable items and the first 3 creates.
    assert_eq!(counts(&preview), [27, 0, 2, 1, 24]);
    let listed: Vec<(u32, ItemAction)> = preview.items.iter().map(|i| (i.line, i.action)).collect();
    assert_eq!(
        listed,
        [
            (1, ItemAction::Create),
            (7, ItemAction::Create),
            (13, ItemAction::Skip),
            (19, ItemAction::Create),
            (85, ItemAction::Error),
            (151, ItemAction::Skip),
        ]
    );
    assert!(preview.items[2]
        .reason
        .as_deref()
        .unwrap()
        .contains(&here.local_id));
    assert!(preview.items[5]
        .reason
        .as_deref()
        .unwrap()
        .contains("line 7"));
    // The problem is on the card's EMAIL line.
    assert_eq!(preview.items[4].problems[0].line, 89);

    let applied = app
        .import_with_limits(args(&vcf, None, DuplicatePolicy::Skip), true, LIMITS)
        .await
        .unwrap();
    assert_eq!(counts(&applied), counts(&preview));
    assert_eq!(applied.items, preview.items);
    let after = app
        .list_contacts(ContactQuery::default())
        .await
        .unwrap()
        .total;
    assert_eq!(
        after,
        before + 27,
        "every created contact is in the replica"
    );
    let mut ops = created_ops(&app, Entity::Contact).await;
    ops.sort();
    ops.dedup();
    assert_eq!(
        ops.len(),
        27,
        "every created contact is in the outbox: {ops:?}"
    );

    // Again: everything is here now, found by the duplicate check.
    let again = app
        .import_with_limits(args(&vcf, None, DuplicatePolicy::Skip), false, LIMITS)
        .await
        .unwrap();
    assert_eq!(counts(&again), [0, 0, 29, 1, 25]);

    // Updating: the card here is updated; the file's second card of Person1 updates the contact
    // the first one created.
    let update = app
        .import_with_limits(args(&vcf, None, DuplicatePolicy::Update), false, LIMITS)
        .await
        .unwrap();
    assert_eq!(counts(&update), [0, 29, 0, 1, 25]);
}

#[tokio::test]
async fn events_import_in_chunks_with_series_completed_across_chunks() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = signed_in_app(server.base_url(), dir.path()).await;
    let calendar = app
        .create_calendar(FieldsArgs::new(
            json!({"name": "Chunks", "kind": "tenant_shared", "timezone": "Europe/Berlin"})
                .as_object()
                .unwrap()
                .clone(),
        ))
        .await
        .unwrap()
        .local_id;

    // A weekly series first, 20 one-off events (event 9 repeats the UID of event 2, event 12 has
    // no start), then a change of the series' second occurrence at the end of the file.
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    ics.push_str("BEGIN:VEVENT\r\nUID:series\r\nSUMMARY:Weekly\r\nDTSTART:20260105T090000Z\r\nDTEND:20260105T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\nEND:VEVENT\r\n");
    for i in 0..20 {
        let uid = if i == 9 { 2 } else { i };
        let start = if i == 12 {
            String::new()
        } else {
            format!(
                "DTSTART:202602{:02}T090000Z\r\nDTEND:202602{:02}T100000Z\r\n",
                i + 1,
                i + 1
            )
        };
        ics.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:one-{uid}\r\nSUMMARY:One {i}\r\n{start}END:VEVENT\r\n"
        ));
    }
    ics.push_str("BEGIN:VEVENT\r\nUID:series\r\nRECURRENCE-ID:20260112T090000Z\r\nSUMMARY:Weekly, moved\r\nDTSTART:20260112T110000Z\r\nDTEND:20260112T120000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    let path = dir.path().join("many.ics");
    std::fs::write(&path, &ics).unwrap();

    let preview = app
        .import_with_limits(
            args(&path, Some(&calendar), DuplicatePolicy::Skip),
            false,
            LIMITS,
        )
        .await
        .unwrap();
    // 1 series + 18 one-offs created, the repeated UID skipped, the event with no start failed.
    assert_eq!(counts(&preview), [19, 0, 1, 1, 16]);
    let skip = preview
        .items
        .iter()
        .find(|i| i.action == ItemAction::Skip)
        .unwrap();
    assert_eq!(skip.label, "One 9");
    assert!(
        skip.reason.as_deref().unwrap().contains("line 22"),
        "{skip:?}"
    );
    let failed = preview
        .items
        .iter()
        .find(|i| i.action == ItemAction::Error)
        .unwrap();
    assert_eq!(failed.label, "One 12");
    // The series came out last (its change ends the file); the list is in file order.
    assert!(preview.items.windows(2).all(|w| w[0].line < w[1].line));

    let applied = app
        .import_with_limits(
            args(&path, Some(&calendar), DuplicatePolicy::Skip),
            true,
            LIMITS,
        )
        .await
        .unwrap();
    assert_eq!(counts(&applied), counts(&preview));
    let ops = created_ops(&app, Entity::Entry).await;
    assert_eq!(ops.len(), 19, "{ops:?}");
    let changes = app
        .list_outbox(ListOutboxArgs { states: None })
        .await
        .unwrap()
        .into_iter()
        .filter(|op| op.entity == Entity::RecurrenceInstance)
        .count();
    assert_eq!(changes, 1, "the series' changed occurrence is queued");

    let again = app
        .import_with_limits(
            args(&path, Some(&calendar), DuplicatePolicy::Skip),
            true,
            LIMITS,
        )
        .await
        .unwrap();
    assert_eq!(counts(&again), [0, 0, 20, 1, 16]);
    assert_eq!(created_ops(&app, Entity::Entry).await.len(), 19);
}

#[tokio::test]
async fn a_broken_csv_row_is_reported_with_its_line_and_the_rest_imports() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = signed_in_app(server.base_url(), dir.path()).await;
    let mut csv = String::from("First Name,Last Name,E-mail Address\n");
    for i in 0..12 {
        if i == 6 {
            csv.push_str(",,not-an-email\n");
        } else {
            csv.push_str(&format!("Row{i},Csv,row{i}@csv.example\n"));
        }
    }
    let path = dir.path().join("rows.csv");
    std::fs::write(&path, &csv).unwrap();
    let applied = app
        .import_with_limits(args(&path, None, DuplicatePolicy::Skip), true, LIMITS)
        .await
        .unwrap();
    assert_eq!(counts(&applied), [11, 0, 0, 1, 8]);
    let failed: Vec<_> = applied
        .items
        .iter()
        .filter(|i| i.action == ItemAction::Error)
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].line, 8);
    assert_eq!(created_ops(&app, Entity::Contact).await.len(), 11);
}
