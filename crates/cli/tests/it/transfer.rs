//! A colleague's .ics and a phone's .vcf imported offline from the terminal: a preview first,
//! then the import through the outbox (the events' alarms as reminders), duplicates skipped on a
//! second run, what the platform cannot hold reported with its line; then sync, and export back
//! out, reminders as alarms. A second, fresh replica signed in to the same server exports the
//! same events and contacts, compared field by field with the original files.

use std::path::{Path, PathBuf};

use crate::common::{json_of, outpost, sign_in_as_admin, text};
use crate::roundtrip::{
    assert_same_contacts, assert_same_events, colleague_ics, first_monday, PHONE_VCF,
};
use outpost_devserver::{DemoOptions, DevServerConfig};
use outpost_tests::link::Link;

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../interop/tests/samples")
        .join(name)
        .display()
        .to_string()
}

#[tokio::test]
async fn import_offline_sync_and_export_back() {
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
    json_of(dir, &["sync"]).await;
    link.cut().await;

    let cal = json_of(
        dir,
        &[
            "calendars",
            "add",
            "--name",
            "Team Berlin",
            "--kind",
            "tenant_shared",
            "--timezone",
            "Europe/Berlin",
        ],
    )
    .await;
    let cal = cal["localId"].as_str().unwrap().to_string();
    let ics = sample("google-calendar.ics");

    // .ics needs a calendar, and says so.
    let out = outpost(dir, &["import", &ics], None).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("calendar"),
        "{}",
        text(&out.stderr)
    );

    // The preview writes nothing and says what it will do. The monthly review repeats on the
    // 2nd Tuesday, which a platform series cannot hold: its occurrences (up to two years past
    // today) come as entries of their own, said once at the rule's line.
    let before = json_of(dir, &["outbox", "ls"])
        .await
        .as_array()
        .unwrap()
        .len();
    let out = outpost(
        dir,
        &["--json", "import", &ics, "--calendar", &cal, "--dry-run"],
        None,
    )
    .await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "every event with a start imports"
    );
    let preview: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(preview["applied"], false);
    assert_eq!(preview["failed"].as_u64(), Some(0), "{preview}");
    let created = preview["created"].as_u64().unwrap();
    assert!(
        created > 4,
        "three events and the review's occurrences: {created}"
    );
    let unrolled = preview["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["warnings"]
                .as_array()
                .is_some_and(|w| w.iter().any(|p| p["line"] == 70))
        })
        .unwrap_or_else(|| panic!("a warning at the rule's line: {preview}"));
    assert!(
        unrolled["label"]
            .as_str()
            .unwrap()
            .contains("Monthly review"),
        "{unrolled}"
    );
    // The stand-up's alarm (10 minutes before) comes as one reminder.
    let standup = preview["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "Stand-up")
        .unwrap();
    assert_eq!(standup["reminders"], 1, "{standup}");
    assert_eq!(
        json_of(dir, &["outbox", "ls"])
            .await
            .as_array()
            .unwrap()
            .len(),
        before,
        "a preview writes nothing"
    );

    // The import: entries, the series with its cancelled and changed occurrence, in the outbox.
    let out = outpost(dir, &["import", &ics, "--calendar", &cal], None).await;
    assert_eq!(out.status.code(), Some(0));
    let said = text(&out.stdout);
    assert!(
        said.contains(&format!("Imported: {created} created")),
        "the apply does what the preview said: {said}"
    );
    assert!(
        said.contains("line 70"),
        "the warning names its line: {said}"
    );
    let ops = json_of(dir, &["outbox", "ls"]).await;
    let entities: Vec<&str> = ops
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["entity"].as_str().unwrap())
        .collect();
    assert_eq!(
        entities.iter().filter(|e| **e == "entry").count() as u64,
        created,
        "{entities:?}"
    );
    assert_eq!(
        entities
            .iter()
            .filter(|e| **e == "recurrence_master")
            .count(),
        1
    );
    assert_eq!(
        entities
            .iter()
            .filter(|e| **e == "recurrence_instance")
            .count(),
        2
    );
    assert_eq!(
        entities.iter().filter(|e| **e == "reminder").count(),
        1,
        "{entities:?}"
    );
    assert!(ops
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["entity"] != "calendar")
        .all(|o| o["source"] == "import"));
    let april = json_of(
        dir,
        &[
            "entries",
            "ls",
            "--from",
            "2026-04-06",
            "--to",
            "2026-04-11",
            "--calendar",
            &cal,
        ],
    )
    .await;
    let titles: Vec<&str> = april
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    // Mon 6 cancelled; Wed 8; Fri 10 moved and renamed.
    assert_eq!(titles, ["Stand-up", "Stand-up (long one)"], "{april}");

    // The same file again: every event is already here.
    let again = json_of(dir, &["import", &ics, "--calendar", &cal]).await;
    assert_eq!(
        (again["created"].as_u64(), again["skipped"].as_u64()),
        (Some(0), Some(created)),
        "{again}"
    );

    // A phone's contacts, twice; the card with a broken email is named with its line.
    let vcf = sample("iphone-contacts.vcf");
    let first = json_of_failing(dir, &["import", &vcf]).await;
    assert_eq!(
        (first["created"].as_u64(), first["failed"].as_u64()),
        (Some(2), Some(1)),
        "{first}"
    );
    let second = json_of_failing(dir, &["import", &vcf]).await;
    assert_eq!(
        (second["created"].as_u64(), second["skipped"].as_u64()),
        (Some(0), Some(2)),
        "{second}"
    );

    // A colleague's calendar dated around today (inside the sync window of a fresh replica)
    // and a phone's address book, into a calendar of their own.
    let colleague = colleague_ics(first_monday(chrono::Local::now().date_naive()));
    let colleague_path = dir.join("colleague.ics");
    std::fs::write(&colleague_path, &colleague).unwrap();
    let colleague_cal = add_calendar(dir, "Colleague").await;
    let imported = json_of(
        dir,
        &[
            "import",
            colleague_path.to_str().unwrap(),
            "--calendar",
            &colleague_cal,
        ],
    )
    .await;
    assert_eq!(
        (imported["created"].as_u64(), imported["failed"].as_u64()),
        (Some(5), Some(0)),
        "{imported}"
    );
    let phone_path = dir.join("phone.vcf");
    std::fs::write(&phone_path, PHONE_VCF).unwrap();
    let imported = json_of(dir, &["import", phone_path.to_str().unwrap()]).await;
    assert_eq!(imported["created"], 3, "{imported}");

    // Back online: everything imported reaches the server.
    link.restore().await;
    let synced = json_of(dir, &["sync"]).await;
    assert_eq!(synced["run"]["report"]["failed"], 0, "{synced}");
    assert_eq!(synced["status"]["state"], "up_to_date", "{synced}");

    // Export back out: the events keep their UIDs, contacts round-trip.
    let ics_out = dir.join("out.ics");
    let exported = json_of(
        dir,
        &[
            "export",
            "calendars",
            "--calendar",
            &cal,
            "-o",
            ics_out.to_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(exported["written"].as_u64(), Some(created), "{exported}");
    let written = std::fs::read_to_string(&ics_out).unwrap();
    assert!(written.contains("UID:7kq1o3p9v2m4r6t8u0w2y4a6c8@google.com"));
    assert!(written.contains("BEGIN:VTIMEZONE"));
    assert!(written.contains("EXDATE"));
    assert!(
        written.contains(
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Stand-up\r\nTRIGGER:-PT10M\r\n"
        ),
        "{written}"
    );
    let vcf_out = dir.join("out.vcf");
    let contacts = json_of(
        dir,
        &["export", "contacts", "-o", vcf_out.to_str().unwrap()],
    )
    .await;
    let cards = std::fs::read_to_string(&vcf_out)
        .unwrap()
        .matches("BEGIN:VCARD")
        .count();
    assert_eq!(cards as u64, contacts["written"].as_u64().unwrap());

    // The export imports into another calendar as the same events.
    let copy = json_of(
        dir,
        &[
            "calendars",
            "add",
            "--name",
            "Copy",
            "--kind",
            "tenant_shared",
            "--timezone",
            "Europe/Berlin",
        ],
    )
    .await;
    let reimport = json_of(
        dir,
        &[
            "import",
            ics_out.to_str().unwrap(),
            "--calendar",
            copy["localId"].as_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(
        (reimport["created"].as_u64(), reimport["failed"].as_u64()),
        (Some(created), Some(0)),
        "{reimport}"
    );
    let copied = json_of(
        dir,
        &[
            "reminders",
            "ls",
            "--calendar",
            copy["localId"].as_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(copied.as_array().unwrap().len(), 1, "{copied}");
    assert_eq!(copied[0]["offsetMinutes"], 10);
    assert_eq!(copied[0]["channel"], "in_app");

    // This replica exports the colleague's events and the phone's contacts as they came.
    let (events, cards) = export_both(dir, &colleague_cal).await;
    assert_same_events(&colleague, &events);
    assert_same_contacts(PHONE_VCF, &cards);

    // A second, fresh replica (its own data folder) signed in to the same server has them too:
    // what went through the server is what comes back out.
    let fresh = tempfile::tempdir().unwrap();
    let fresh = fresh.path();
    sign_in_as_admin(fresh, &link.base_url()).await;
    let synced = json_of(fresh, &["sync"]).await;
    assert_eq!(synced["status"]["state"], "up_to_date", "{synced}");
    let calendars = json_of(fresh, &["calendars", "ls"]).await;
    let there = calendars
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Colleague")
        .unwrap_or_else(|| panic!("the fresh replica has no Colleague calendar: {calendars}"));
    let (events, cards) = export_both(fresh, there["localId"].as_str().unwrap()).await;
    assert_same_events(&colleague, &events);
    assert_same_contacts(PHONE_VCF, &cards);
    // The comparison is of parsed fields; these say the file really holds what was compared.
    for held in [
        "LOCATION:Room 4.12\\, Alexanderplatz 1\\, 10178 Berlin",
        "RECURRENCE-ID",
        "EXDATE",
        "BEGIN:VALARM",
        "TZID=America/New_York",
    ] {
        assert!(events.contains(held), "{held} missing:\n{events}");
    }
    for held in [
        "priya.nair@example.com",
        "Harbour Road 12",
        "https://mueller.example.de",
    ] {
        assert!(cards.contains(held), "{held} missing:\n{cards}");
    }
    server.shutdown().await.unwrap();
}

/// `outpost calendars add NAME` (shared, in Berlin): its local id.
async fn add_calendar(dir: &Path, name: &str) -> String {
    let cal = json_of(
        dir,
        &[
            "calendars",
            "add",
            "--name",
            name,
            "--kind",
            "tenant_shared",
            "--timezone",
            "Europe/Berlin",
        ],
    )
    .await;
    cal["localId"].as_str().unwrap().to_string()
}

/// The calendar's .ics and every contact's .vcf, as exported from the replica in `dir`.
async fn export_both(dir: &Path, calendar: &str) -> (String, String) {
    let ics = dir.join("roundtrip.ics");
    let vcf = dir.join("roundtrip.vcf");
    json_of(
        dir,
        &[
            "export",
            "calendars",
            "--calendar",
            calendar,
            "-o",
            ics.to_str().unwrap(),
        ],
    )
    .await;
    json_of(dir, &["export", "contacts", "-o", vcf.to_str().unwrap()]).await;
    (
        std::fs::read_to_string(ics).unwrap(),
        std::fs::read_to_string(vcf).unwrap(),
    )
}

/// `outpost --json ARGS` for a run expected to exit 1 (some items not importable): its JSON.
async fn json_of_failing(dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = outpost(dir, &all, None).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A CSV with headers the detection does not know: a dry run shows each column and the field it
/// goes to, and warns of the ignored ones that hold data; `--map` sets fields by header or
/// column number; a field that does not exist is refused naming the ones that do.
#[tokio::test]
async fn csv_columns_are_shown_and_mapped_from_the_command_line() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    sign_in_as_admin(dir, &server.base_url()).await;
    let csv = dir.join("kontakte.csv");
    std::fs::write(
        &csv,
        "Vorname,Nachname,E-Mail,Firma\nJürgen,Cli,juergen@cli.example,ACME\n",
    )
    .unwrap();
    let csv = csv.to_str().unwrap();

    let out = outpost(dir, &["import", csv, "--dry-run"], None).await;
    let said = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        said.contains("  #1 \"Vorname\" -> not imported (1 row(s) with data)"),
        "{said}"
    );
    assert!(said.contains("  #3 \"E-Mail\" -> email"), "{said}");
    assert!(
        said.contains("warning: These columns are not imported but hold data: \"Vorname\" (1 row), \"Nachname\" (1 row), \"Firma\" (1 row)."),
        "{said}"
    );

    let mapped = json_of(
        dir,
        &[
            "import",
            csv,
            "--map",
            "vorname=firstName",
            "--map",
            "#2=last-name",
            "--map",
            "Firma=note_line",
        ],
    )
    .await;
    let fields: Vec<&str> = mapped["csvColumns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["firstName", "lastName", "email", "noteLine"]);
    assert_eq!(mapped["fileWarnings"], serde_json::json!([]));
    assert_eq!(mapped["items"][0]["label"], "Jürgen Cli", "{mapped}");
    assert_eq!(mapped["created"], 1);

    let out = outpost(dir, &["import", csv, "--map", "Vorname=vorname"], None).await;
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(
        text(&out.stderr).contains("\"vorname\" is not a contact field; one of: firstName"),
        "{}",
        text(&out.stderr)
    );
    let out = outpost(dir, &["import", csv, "--map", "Ort=city"], None).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("the mapping names no column \"Ort\""),
        "{}",
        text(&out.stderr)
    );
    server.shutdown().await.unwrap();
}

/// `outpost export` without `-o` writes the file to standard output and what it says to
/// standard error; `--from/--to` keep a window of a calendar and say which days the replica
/// holds; `--vcard-version 3` writes vCard 3.0; `--format csv` writes CSV that reads back as the
/// same contacts.
#[tokio::test]
async fn export_to_standard_output_with_a_window_a_version_and_csv() {
    let server = outpost_devserver::start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    sign_in_as_admin(dir, &server.base_url()).await;
    json_of(dir, &["sync"]).await;
    let cal = add_calendar(dir, "Window").await;
    let ics = dir.join("three.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:before@cli\r\nSUMMARY:Before\r\nDTSTART:20260430T100000Z\r\nDTEND:20260430T110000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:inside@cli\r\nSUMMARY:Inside\r\nDTSTART:20260506T100000Z\r\nDTEND:20260506T110000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:after@cli\r\nSUMMARY:After\r\nDTSTART:20260601T100000Z\r\nDTEND:20260601T110000Z\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n",
    )
    .unwrap();
    json_of(dir, &["import", ics.to_str().unwrap(), "--calendar", &cal]).await;

    let out = outpost(
        dir,
        &[
            "export",
            "calendars",
            "--calendar",
            &cal,
            "--from",
            "2026-05-01",
            "--to",
            "2026-05-31",
        ],
        None,
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = text(&out.stdout);
    assert!(
        file.starts_with("BEGIN:VCALENDAR\r\n"),
        "only the file: {file}"
    );
    assert!(file.ends_with("END:VCALENDAR\r\n"), "{file}");
    let uids: Vec<&str> = file
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .collect();
    assert_eq!(uids, ["inside@cli"]);
    let said = text(&out.stderr);
    assert!(
        said.contains("Wrote 1 event(s) of 1 calendar(s) to standard output."),
        "{said}"
    );
    assert!(
        said.contains("2 entries outside the dates asked for left out."),
        "{said}"
    );
    assert!(
        said.contains("This replica holds the server's entries from "),
        "{said}"
    );

    // JSON goes to standard error too, and a window ending before it begins is refused.
    let out = outpost(
        dir,
        &["--json", "export", "calendars", "--calendar", &cal],
        None,
    )
    .await;
    let outcome: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(outcome["written"], 3);
    assert!(outcome["replicaHolds"]["from"].is_string(), "{outcome}");
    let out = outpost(
        dir,
        &[
            "export",
            "calendars",
            "--from",
            "2026-05-31",
            "--to",
            "2026-05-01",
        ],
        None,
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("the window ends (2026-05-01) before it begins (2026-05-31)"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());

    // vCard 3.0, to a file.
    let vcf = dir.join("v3.vcf");
    let written = json_of(
        dir,
        &[
            "export",
            "contacts",
            "--vcard-version",
            "3",
            "-o",
            vcf.to_str().unwrap(),
        ],
    )
    .await;
    let cards = std::fs::read_to_string(&vcf).unwrap();
    assert_eq!(
        cards.matches("VERSION:3.0").count() as u64,
        written["written"].as_u64().unwrap()
    );
    assert!(!cards.contains("VERSION:4.0"));

    // CSV to standard output reads back as the contacts vCard gives.
    let out = outpost(dir, &["export", "contacts", "--format", "csv"], None).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let from_csv: Vec<outpost_interop::Fields> =
        outpost_interop::csv::import(&out.stdout[..], Default::default())
            .unwrap()
            .report
            .records()
            .cloned()
            .collect();
    let from_vcf = crate::roundtrip::contacts_of(&cards);
    assert_eq!(from_csv.len(), from_vcf.len());
    assert!(!from_csv.is_empty());
    for (csv, vcf) in from_csv.iter().zip(&from_vcf) {
        assert_eq!(csv, vcf);
    }
    server.shutdown().await.unwrap();
}
