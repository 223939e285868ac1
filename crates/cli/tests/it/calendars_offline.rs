//! Calendars from the terminal with no network at all: create a calendar and entries, make one
//! weekly, change and cancel occurrences, add a reminder, move, answer, search, and read the
//! week back, expanded locally in the calendar's time zone; mistakes are refused naming the
//! field, and the outbox shows exactly what a sync will send.

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use outpost_devserver::{DemoOptions, DevServerConfig};
use outpost_tests::link::Link;
use serde_json::Value;

fn refused(out: &std::process::Output, field: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let said = text(&out.stderr);
    assert!(
        said.contains(field) && said.contains("(invalid)"),
        "expected a refusal naming {field}: {said}"
    );
}

/// The agenda of one calendar over `[from, to)`.
async fn window(dir: &std::path::Path, cal: &str, from: &str, to: &str) -> Value {
    json_of(
        dir,
        &[
            "entries",
            "ls",
            "--from",
            from,
            "--to",
            to,
            "--calendar",
            cal,
        ],
    )
    .await
}

#[tokio::test]
async fn a_week_of_calendar_work_offline() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let link = Link::to(server.addr()).await;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    sign_in_as_admin(dir, &link.base_url()).await;
    link.cut().await;

    // A calendar in Berlin time; an unknown zone is refused first.
    let out = outpost(
        dir,
        &[
            "calendars",
            "add",
            "--name",
            "Depot",
            "--kind",
            "tenant_shared",
            "--timezone",
            "Europe/Berlim",
        ],
        None,
    )
    .await;
    refused(&out, "timezone");
    let cal = json_of(
        dir,
        &[
            "calendars",
            "add",
            "--name",
            "Depot",
            "--kind",
            "tenant_shared",
            "--timezone",
            "Europe/Berlin",
        ],
    )
    .await;
    let cal = cal["localId"].as_str().unwrap().to_string();
    let cals = json_of(dir, &["calendars", "ls"]).await;
    assert_eq!(cals[0]["name"], "Depot");
    assert_eq!(cals[0]["hasPendingOps"], true);

    // An entry ending before it starts is refused; a good one takes the calendar's zone.
    let out = outpost(
        dir,
        &[
            "entries",
            "add",
            "--calendar",
            &cal,
            "--title",
            "Van check",
            "--start",
            "2026-12-07T09:00:00+01:00",
            "--end",
            "2026-12-07T08:00:00+01:00",
        ],
        None,
    )
    .await;
    refused(&out, "endsAt");
    let entry = json_of(
        dir,
        &[
            "entries",
            "add",
            "--calendar",
            &cal,
            "--title",
            "Van check",
            "--start",
            "2026-12-07T09:00:00+01:00",
            "--end",
            "2026-12-07T09:30:00+01:00",
            "--location",
            "Yard 3",
        ],
    )
    .await;
    let entry = entry["localId"].as_str().unwrap().to_string();
    let shown = json_of(dir, &["entries", "show", &entry]).await;
    assert_eq!(shown["entry"]["fields"]["timezone"], "Europe/Berlin");
    assert_eq!(shown["entry"]["fields"]["kind"], "event");

    // Weekly on Mondays and Thursdays; a zero interval is refused.
    let out = outpost(
        dir,
        &[
            "entries",
            "recur",
            &entry,
            "--frequency",
            "weekly",
            "--interval",
            "0",
        ],
        None,
    )
    .await;
    refused(&out, "intervalCount");
    let out = outpost(
        dir,
        &[
            "entries",
            "recur",
            &entry,
            "--frequency",
            "weekly",
            "--weekday",
            "mon,funday",
        ],
        None,
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("funday"),
        "{}",
        text(&out.stderr)
    );
    let series = json_of(
        dir,
        &[
            "entries",
            "recur",
            &entry,
            "--frequency",
            "weekly",
            "--weekday",
            "mon,thu",
            "--count",
            "6",
        ],
    )
    .await;
    let series = series["localId"].as_str().unwrap().to_string();

    // Two weeks from the start: Mon 7, Thu 10, Mon 14, Thu 17, all 09:00 Berlin (08:00 UTC).
    let items = window(dir, &cal, "2026-12-07", "2026-12-21").await;
    let starts: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["startsAt"].as_str().unwrap())
        .collect();
    assert_eq!(starts.len(), 4, "{items}");
    assert!(starts[0].starts_with("2026-12-07T08:00:00"), "{starts:?}");
    assert!(starts[1].starts_with("2026-12-10T08:00:00"), "{starts:?}");
    assert!(starts[3].starts_with("2026-12-17T08:00:00"), "{starts:?}");

    // The 10th moves to 14:00 for this occurrence only; the 14th is cancelled.
    json_of(
        dir,
        &[
            "entries",
            "override",
            &series,
            "2026-12-10",
            "--start",
            "2026-12-10T14:00:00+01:00",
            "--end",
            "2026-12-10T14:30:00+01:00",
            "--title",
            "Van check (late)",
        ],
    )
    .await;
    json_of(dir, &["entries", "cancel", &series, "2026-12-14"]).await;
    let out = outpost(dir, &["entries", "cancel", &series, "14.12.2026"], None).await;
    refused(&out, "instanceDate");
    let items = window(dir, &cal, "2026-12-07", "2026-12-21").await;
    let items = items.as_array().unwrap();
    let titles: Vec<(&str, &str)> = items
        .iter()
        .map(|i| {
            (
                i["startsAt"].as_str().unwrap(),
                i["title"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles[1].0.starts_with("2026-12-10T13:00:00"), "{titles:?}");
    assert_eq!(titles[1].1, "Van check (late)");
    assert!(titles[2].0.starts_with("2026-12-17"), "{titles:?}");
    assert!(items.iter().all(|i| i["hasPendingOps"] == true));

    // Count 6 ends the series: nothing after Thu 24 Dec.
    let later = window(dir, &cal, "2026-12-21", "2027-02-01").await;
    assert_eq!(later.as_array().unwrap().len(), 2, "{later}");

    // A reminder, an answer, a status, a one-off entry moved keeping its length.
    let out = outpost(
        dir,
        &[
            "reminders",
            "add",
            "--calendar",
            &cal,
            "--series",
            &series,
            "--minutes",
            "20000",
        ],
        None,
    )
    .await;
    refused(&out, "offsetMinutes");
    json_of(
        dir,
        &[
            "reminders",
            "add",
            "--calendar",
            &cal,
            "--series",
            &series,
            "--minutes",
            "15",
        ],
    )
    .await;
    let reminders = json_of(dir, &["reminders", "ls", "--calendar", &cal]).await;
    assert_eq!(reminders[0]["offsetMinutes"], 15);
    let one_off = json_of(
        dir,
        &[
            "entries",
            "add",
            "--calendar",
            &cal,
            "--title",
            "Inventory",
            "--start",
            "2026-12-08T10:00:00+01:00",
            "--end",
            "2026-12-08T12:00:00+01:00",
        ],
    )
    .await;
    let one_off = one_off["localId"].as_str().unwrap().to_string();
    json_of(
        dir,
        &[
            "entries",
            "mv",
            &one_off,
            "--start",
            "2026-12-09T15:00:00+01:00",
        ],
    )
    .await;
    let moved = json_of(dir, &["entries", "show", &one_off]).await;
    let ends =
        chrono::DateTime::parse_from_rfc3339(moved["entry"]["fields"]["endsAt"].as_str().unwrap())
            .unwrap();
    assert_eq!(
        ends,
        chrono::DateTime::parse_from_rfc3339("2026-12-09T17:00:00+01:00").unwrap(),
        "two hours kept"
    );
    let out = outpost(dir, &["entries", "status", &one_off, "postponed"], None).await;
    refused(&out, "status");
    json_of(dir, &["entries", "status", &one_off, "confirmed"]).await;
    let answer = json_of(dir, &["entries", "respond", &one_off, "accepted"]).await;
    assert_eq!(answer["ok"], true);

    // Search and free-busy read the same local data.
    let hits = json_of(dir, &["entries", "search", "inven"]).await;
    assert_eq!(hits.as_array().unwrap().len(), 1, "{hits}");
    let busy = json_of(
        dir,
        &[
            "entries",
            "free-busy",
            "--from",
            "2026-12-09",
            "--to",
            "2026-12-10",
        ],
    )
    .await;
    assert_eq!(busy["slots"].as_array().unwrap().len(), 1, "{busy}");

    // Linking needs a user the replica knows; an unknown one is refused naming the field.
    let contact = json_of(
        dir,
        &[
            "contacts",
            "add",
            "--first-name",
            "Depot",
            "--last-name",
            "Lead",
        ],
    )
    .await;
    let out = outpost(
        dir,
        &[
            "links",
            "add",
            contact["localId"].as_str().unwrap(),
            "--user",
            "00000000-0000-0000-0000-000000000000",
        ],
        None,
    )
    .await;
    refused(&out, "entityId");

    // The outbox holds what a sync will send, in order; nothing touched the network.
    let ops = json_of(dir, &["outbox", "ls"]).await;
    let kinds: Vec<(String, String)> = ops
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["entity"].as_str().unwrap().to_string(),
                o["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let count = |entity: &str| kinds.iter().filter(|(e, _)| e == entity).count();
    assert_eq!(count("calendar"), 1, "{kinds:?}");
    assert_eq!(count("recurrence_master"), 1, "{kinds:?}");
    assert_eq!(count("recurrence_instance"), 2, "{kinds:?}");
    assert_eq!(count("reminder"), 1, "{kinds:?}");
    assert_eq!(count("contact"), 1, "{kinds:?}");
    assert_eq!(kinds[0], ("calendar".into(), "create".into()));
    assert!(ops
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["state"] == "pending"));
    let status: Value = json_of(dir, &["status"]).await;
    assert_eq!(status["state"], "pending");
    server.shutdown().await.unwrap();
}
