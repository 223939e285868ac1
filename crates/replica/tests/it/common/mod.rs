//! Helpers shared by the integration tests: a replica in a temp dir, JSON literals as fields,
//! sample records, and a fingerprint of every table to prove that a refused edit changed nothing.
#![allow(dead_code)]

pub mod model;

use outpost_replica::{Fields, Record, Replica, Source, TenantScope};
use serde_json::Value;

pub const TENANT: &str = "0195f0c4-0000-7000-8000-00000000000a";
pub const OTHER_TENANT: &str = "0195f0c4-0000-7000-8000-00000000000b";

pub struct TestReplica {
    pub dir: tempfile::TempDir,
    pub replica: Replica,
}

pub fn open() -> TestReplica {
    let dir = tempfile::tempdir().unwrap();
    let replica = Replica::open(dir.path().join("replica.db")).unwrap();
    TestReplica { dir, replica }
}

pub fn fields(v: Value) -> Fields {
    v.as_object().expect("a JSON object").clone()
}

pub fn calendar(scope: &TenantScope<'_>, name: &str, tz: &str) -> Record {
    scope
        .create_calendar(
            Source::User,
            fields(serde_json::json!({"kind": "tenant_shared", "name": name, "timezone": tz})),
        )
        .unwrap()
}

pub fn entry(
    scope: &TenantScope<'_>,
    calendar: &str,
    title: &str,
    start: &str,
    end: &str,
) -> Record {
    scope
        .create_entry(
            Source::User,
            fields(serde_json::json!({
                "calendarId": calendar, "kind": "event", "title": title,
                "startsAt": start, "endsAt": end, "timezone": "Europe/Berlin"
            })),
        )
        .unwrap()
}

pub fn contact(scope: &TenantScope<'_>, first: &str, last: &str, email: &str) -> Record {
    scope
        .create_contact(
            Source::User,
            fields(serde_json::json!({"firstName": first, "lastName": last, "email": email})),
        )
        .unwrap()
}

/// Every row of every table, as text: equal fingerprints mean nothing changed.
pub fn fingerprint(replica: &Replica) -> String {
    let tables = [
        "calendars",
        "entries",
        "participants",
        "recurrence_masters",
        "recurrence_instances",
        "reminders",
        "contacts",
        "contact_links",
        "outbox",
        "conflicts",
        "users",
        "spaces",
        "resources",
    ];
    let mut out = String::new();
    for table in tables {
        let mut stmt = replica
            .conn()
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .unwrap();
        out.push_str(table);
        out.push('\n');
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

/// A server record in response shape, as the platform would answer.
pub fn server_calendar(id: &str, name: &str, updated_at: &str) -> Value {
    serde_json::json!({
        "id": id, "tenantId": TENANT, "kind": "tenant_shared", "name": name, "description": null,
        "timezone": "Europe/Berlin", "visibility": "shared", "policy": {}, "metadata": {},
        "typeDefinitionId": null, "linkedEntity": {"userId": null, "resourceId": null, "spaceId": null},
        "createdAt": "2026-01-01T00:00:00Z", "updatedAt": updated_at, "createdBy": null,
        "deletedAt": null, "deletedBy": null
    })
}

pub fn server_contact(id: &str, first: &str, last: &str, updated_at: &str) -> Value {
    serde_json::json!({
        "id": id, "tenantId": TENANT, "firstName": first, "middleName": null, "lastName": last,
        "email": format!("{}@example.com", first.to_lowercase()), "phone": null, "url": null,
        "address": null, "notes": null, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": updated_at
    })
}

pub fn outbox_count(replica: &Replica) -> i64 {
    replica
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM outbox WHERE state != 'done'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}
