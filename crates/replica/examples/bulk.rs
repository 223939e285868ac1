//! A benchmark of the replica at field-laptop scale: 100,000 contacts and 50,000 entries pulled
//! in pages, then the reads the UI makes. `cargo run --release -p outpost-replica --example bulk`
//! (add a path to keep the database).

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use outpost_replica::{ContactQuery, ContactSort, Entity, Replica, Source};
use serde_json::json;

const TENANT: &str = "0195f0c4-0000-7000-8000-00000000000a";
const FIRST: [&str; 8] = [
    "Anna", "Jürgen", "Zoë", "Mehmet", "Ingrid", "Luca", "Søren", "Amélie",
];
const LAST: [&str; 8] = [
    "Müller",
    "Schmidt",
    "Öztürk",
    "Dubois",
    "Nguyen",
    "García",
    "Kowalski",
    "Ødegaard",
];

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!(
        "{label:<48} {:>9.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    out
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = std::env::args()
        .nth(1)
        .map(Into::into)
        .unwrap_or_else(|| dir.path().join("bulk.db"));
    let replica = Replica::open(&path).unwrap();
    let scope = replica.tenant(TENANT);

    timed("pull 100,000 contacts (pages of 1,000)", || {
        for page in 0..100 {
            let items: Vec<_> = (0..1000)
                .map(|i| {
                    let n = page * 1000 + i;
                    json!({"id": format!("7d4c0a52-2222-4a2b-9c3d-{n:012}"), "firstName": FIRST[n % 8], "lastName": format!("{} {n}", LAST[(n / 8) % 8]),
                        "email": format!("p{n}@example.com"), "phone": format!("+49 30 {n}"), "notes": if n % 10 == 0 { "key holder" } else { "" },
                        "address": {"city": "Köln", "street": format!("Straße {n}")}, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-02T00:00:00Z"})
                })
                .collect();
            scope
                .upsert_many_from_server(Entity::Contact, &items)
                .unwrap();
        }
    });
    timed("pull the same 100,000 contacts again (unchanged)", || {
        for page in 0..100 {
            let items: Vec<_> = (0..1000)
                .map(|i| {
                    let n = page * 1000 + i;
                    json!({"id": format!("7d4c0a52-2222-4a2b-9c3d-{n:012}"), "firstName": FIRST[n % 8], "lastName": format!("{} {n}", LAST[(n / 8) % 8]),
                        "email": format!("p{n}@example.com"), "phone": format!("+49 30 {n}"), "notes": if n % 10 == 0 { "key holder" } else { "" },
                        "address": {"city": "Köln", "street": format!("Straße {n}")}, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-02T00:00:00Z"})
                })
                .collect();
            scope
                .upsert_many_from_server(Entity::Contact, &items)
                .unwrap();
        }
    });
    let calendars: Vec<String> = (0..10)
        .map(|c| {
            scope
                .upsert_from_server(Entity::Calendar, &json!({"id": format!("7d4c0a52-1111-4a2b-9c3d-{c:012}"), "kind": "tenant_shared",
                    "name": format!("Calendar {c}"), "timezone": "Europe/Berlin", "updatedAt": "2026-01-02T00:00:00Z"}))
                .unwrap()
        })
        .collect();
    let origin: DateTime<Utc> = "2026-01-01T08:00:00Z".parse().unwrap();
    timed("pull 50,000 entries (pages of 1,000)", || {
        for page in 0..50 {
            let items: Vec<_> = (0..1000)
                .map(|i| {
                    let n = page * 1000 + i;
                    let start = origin + Duration::minutes(53 * n as i64);
                    json!({"id": format!("7d4c0a52-3333-4a2b-9c3d-{n:012}"), "calendarId": format!("7d4c0a52-1111-4a2b-9c3d-{:012}", n % 10),
                        "kind": "event", "status": "confirmed", "visibility": "default", "title": format!("Meeting {n} Übergabe"),
                        "startsAt": start.to_rfc3339(), "endsAt": (start + Duration::minutes(45)).to_rfc3339(), "timezone": "Europe/Berlin",
                        "isAllDay": false, "locationName": "Gebäude Süd", "updatedAt": "2026-01-02T00:00:00Z"})
                })
                .collect();
            scope
                .upsert_many_from_server(Entity::Entry, &items)
                .unwrap();
        }
    });
    timed("1,000 offline contact edits (one transaction each)", || {
        for n in 0..1000 {
            scope
                .update_contact(
                    Source::User,
                    &format!("7d4c0a52-2222-4a2b-9c3d-{:012}", n * 97),
                    serde_json::from_value(json!({"notes": format!("edit {n}")})).unwrap(),
                )
                .unwrap();
        }
    });
    for sort in [ContactSort::Name, ContactSort::Email, ContactSort::Updated] {
        timed(
            &format!("contacts page 50 at offset 50,000 by {sort:?}"),
            || {
                scope
                    .contacts(&ContactQuery {
                        sort,
                        offset: 50_000,
                        limit: 50,
                    })
                    .unwrap()
            },
        );
    }
    timed("search contacts \"mull\" (50)", || {
        scope.search_contacts("mull", 50).unwrap()
    });
    timed("search contacts \"p4711@exa\"", || {
        scope.search_contacts("p4711@exa", 50).unwrap()
    });
    timed("search entries \"ubergabe sud\" (50)", || {
        scope.search_entries("ubergabe sud", 50).unwrap()
    });
    let ids: Vec<&str> = calendars.iter().map(String::as_str).collect();
    let week = origin + Duration::days(700);
    let items = timed("window: one week over 10 calendars", || {
        scope.window(&ids, week, week + Duration::days(7)).unwrap()
    });
    println!("  ({} items)", items.len());
    timed("window: the same week again (statements cached)", || {
        scope.window(&ids, week, week + Duration::days(7)).unwrap()
    });
    timed("window: empty minute over 1 calendar x100", || {
        for _ in 0..100 {
            scope
                .window(
                    &ids[..1],
                    origin - Duration::days(5),
                    origin - Duration::days(5) + Duration::minutes(1),
                )
                .unwrap();
        }
    });
    timed("window: one day over 1 calendar", || {
        scope
            .window(&ids[..1], week, week + Duration::days(1))
            .unwrap()
    });
    timed("free-busy: one month over 10 calendars", || {
        scope
            .free_busy(&ids, week, week + Duration::days(30))
            .unwrap()
    });
    let ready = timed("ready ops (1,000 pending)", || {
        scope.ready_ops(Utc::now()).unwrap()
    });
    println!("  ({} ready)", ready.len());
}
