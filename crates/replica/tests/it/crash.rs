//! A writer killed with SIGKILL in the middle of its edits leaves a replica where every edit has
//! its outbox op and every op its edit, and every import batch is all there or not at all.
//!
//! The child is this test binary again, running the ignored `crash_child` test with an env var
//! naming the database.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::*;
use outpost_replica::{Entity, OpKind, Replica, Source};
use serde_json::{json, Value};

const DB_ENV: &str = "OUTPOST_REPLICA_CRASH_DB";
const SYNCED: usize = 20;
const CALENDAR: &str = "7d4c0a52-1111-4a2b-9c3d-000000000001";
const BATCH: usize = 25;

fn synced_id(i: usize) -> String {
    format!("7d4c0a52-2222-4a2b-9c3d-{i:012}")
}

/// The writer: edits synced contacts, creates and edits new ones, imports batches, forever.
#[test]
#[ignore = "runs only as the child process of a_killed_writer_leaves_every_edit_with_its_op"]
fn crash_child() {
    let path = std::env::var(DB_ENV).expect("the parent names the database");
    let replica = Replica::open(&path).unwrap();
    let scope = replica.tenant(TENANT);
    let page: Vec<Value> = (0..SYNCED)
        .map(|i| {
            server_contact(
                &synced_id(i),
                &format!("S{i}"),
                "Synced",
                "2026-01-02T00:00:00Z",
            )
        })
        .collect();
    scope
        .upsert_many_from_server(Entity::Contact, &page)
        .unwrap();
    scope
        .upsert_from_server(
            Entity::Calendar,
            &server_calendar(CALENDAR, "Synced", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    let mut created: Vec<String> = Vec::new();
    let mut entries: Vec<String> = Vec::new();
    for n in 0u64.. {
        let i = n as usize;
        match n % 6 {
            4 => {
                let e = entry(
                    &scope,
                    CALENDAR,
                    &format!("Visit {n}"),
                    "2026-03-02T08:00:00Z",
                    "2026-03-02T09:00:00Z",
                );
                entries.push(e.local_id);
            }
            5 => {
                let id = &entries[i % entries.len()];
                let start = format!("2026-03-{:02}T08:00:00Z", 1 + n % 28);
                let end = format!("2026-03-{:02}T10:00:00Z", 1 + n % 28);
                scope
                    .update_entry(Source::User, id, fields(json!({"startsAt": start, "endsAt": end, "locationName": format!("Site {n}")})))
                    .unwrap();
            }
            0 => {
                let c = scope
                    .create_contact(
                        Source::User,
                        fields(json!({"firstName": format!("N{n}"), "notes": "new"})),
                    )
                    .unwrap();
                created.push(c.local_id);
            }
            1 => {
                let id = &created[i % created.len()];
                scope
                    .update_contact(
                        Source::User,
                        id,
                        fields(json!({"notes": format!("edit {n}"), "phone": format!("{n}")})),
                    )
                    .unwrap();
            }
            2 => {
                scope
                    .update_contact(Source::User, &synced_id(i % SYNCED), fields(json!({"notes": format!("edit {n}"), "lastName": format!("L{}", n % 3)})))
                    .unwrap();
            }
            _ => {
                let batch = (0..BATCH)
                    .map(|k| {
                        fields(json!({"firstName": format!("Import{n}-{k}"), "lastName": "Batch"}))
                    })
                    .collect();
                scope.create_contacts(Source::Import, batch).unwrap();
            }
        }
        println!("edits {n}");
    }
}

#[test]
fn a_killed_writer_leaves_every_edit_with_its_op() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    for round in 0..3 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash::crash_child",
                "--ignored",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(DB_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let target = 150 + round * 70;
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut seen = 0;
        while seen < target {
            match lines.next() {
                Some(Ok(line)) if line.starts_with("edits ") => seen += 1,
                Some(Ok(_)) => {}
                _ => panic!("the writer stopped after {seen} edits"),
            }
        }
        child.kill().unwrap(); // SIGKILL: no destructors, no clean close
        child.wait().unwrap();
        check(&path);
    }
}

fn check(path: &std::path::Path) {
    let replica = Replica::open(path).unwrap();
    let ok: String = replica
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    replica
        .conn()
        .execute(
            "INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')",
            [],
        )
        .expect("the full-text index matches the contacts");
    replica
        .conn()
        .execute(
            "INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')",
            [],
        )
        .expect("the full-text index matches the entries");
    let scope = replica.tenant(TENANT);
    let ops = scope.outbox(&[]).unwrap();
    let mut all_rows = Vec::new();
    for table in ["contacts", "entries"] {
        let mut stmt = replica
            .conn()
            .prepare(&format!(
                "SELECT local_id, server_id, fields, base FROM {table} WHERE tenant_id = ?1"
            ))
            .unwrap();
        let rows: Vec<(String, Option<String>, String, Option<String>)> = stmt
            .query_map([TENANT], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        all_rows.extend(rows);
    }
    for (local_id, server_id, fields_text, base_text) in &all_rows {
        let fields: Value = serde_json::from_str(fields_text).unwrap();
        let mine: Vec<_> = ops.iter().filter(|o| &o.local_id == local_id).collect();
        match server_id {
            None => {
                // Never synced: exactly one create, carrying exactly the row's fields.
                assert_eq!(mine.len(), 1, "{local_id}: {mine:?}");
                assert_eq!(mine[0].kind, OpKind::Create);
                assert_eq!(
                    mine[0].payload, fields,
                    "{local_id}: the create must carry every edit"
                );
            }
            Some(_) => {
                // Synced: the row is its base plus what the (single, coalesced) update sends.
                let mut expected: Value =
                    serde_json::from_str(base_text.as_deref().unwrap()).unwrap();
                assert!(mine.len() <= 1, "{local_id}: {mine:?}");
                if let Some(op) = mine.first() {
                    assert_eq!(op.kind, OpKind::Update);
                    for (k, v) in op.payload.as_object().unwrap() {
                        expected[k] = v.clone();
                    }
                }
                assert_eq!(
                    fields, expected,
                    "{local_id}: an edit without its op, or an op without its edit"
                );
            }
        }
    }
    for op in &ops {
        assert!(
            all_rows.iter().any(|(id, ..)| id == &op.local_id),
            "op {} has no record",
            op.op_id
        );
    }
    let entry_rows = all_rows
        .iter()
        .filter(|(_, server_id, fields, _)| server_id.is_none() && fields.contains("Visit"))
        .count();
    assert!(
        entry_rows > 0,
        "the writer made entries before it was killed"
    );
    let imported: i64 = replica
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM contacts WHERE json_extract(fields, '$.lastName') = 'Batch'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        imported % BATCH as i64,
        0,
        "an import batch was half applied"
    );
}

#[test]
fn two_processes_writing_at_once_wait_for_each_other() {
    // The desktop app and the CLI on one replica: two connections, edits interleaved.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    drop(Replica::open(&path).unwrap());
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let replica = Replica::open(&path).unwrap();
                let scope = replica.tenant(TENANT);
                for n in 0..150 {
                    let c = scope
                        .create_contact(
                            Source::User,
                            fields(json!({"firstName": format!("W{w}-{n}")})),
                        )
                        .unwrap();
                    scope
                        .update_contact(
                            Source::User,
                            &c.local_id,
                            fields(json!({"notes": format!("{n}")})),
                        )
                        .unwrap();
                    let _ = scope.contacts(&Default::default()).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("a writer failed (SQLITE_BUSY?)");
    }
    let replica = Replica::open(&path).unwrap();
    let scope = replica.tenant(TENANT);
    assert_eq!(scope.contacts(&Default::default()).unwrap().total, 300);
    assert_eq!(scope.outbox(&[]).unwrap().len(), 300);
}
