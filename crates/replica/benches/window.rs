//! The calendar views (`cargo bench -p outpost-replica --bench window`): a month and a week over
//! every calendar of a tenant shaped like the devserver's `--scale large` demo, as a first sync
//! leaves it: 50,000 one-off entries over two years in four calendars, and one entry in a
//! hundred the root of a weekly series (a third of them limited to 40 occurrences), each series
//! with one moved and one cancelled occurrence.

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use outpost_replica::{Entity, Replica};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

const TENANT: &str = "0195f0c4-0000-7000-8000-00000000000a";
const ENTRIES: usize = 50_000;
const SERIES_EVERY: usize = 100;
const CALENDARS: [(&str, &str); 4] = [
    ("Team calendar", "Europe/Berlin"),
    ("Field rota", "Europe/Berlin"),
    ("Service van", "Europe/London"),
    ("Meeting room", "America/New_York"),
];
const UPDATED: &str = "2026-01-02T00:00:00Z";

fn id(kind: u32, n: usize) -> String {
    format!("7d4c0a52-{kind:04}-4a2b-9c3d-{n:012}")
}

fn text(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The first day of the two years the entries span.
fn first_day() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

struct Rows {
    calendars: Vec<Value>,
    entries: Vec<Value>,
    masters: Vec<Value>,
    instances: Vec<Value>,
}

fn rows() -> Rows {
    let mut rng = StdRng::seed_from_u64(7);
    let calendars: Vec<Value> = CALENDARS
        .iter()
        .enumerate()
        .map(|(n, (name, tz))| {
            json!({"id": id(1, n), "name": name, "kind": "tenant_shared", "timezone": tz, "updatedAt": UPDATED})
        })
        .collect();
    let (mut entries, mut masters, mut instances) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..ENTRIES {
        let c = rng.random_range(0..CALENDARS.len());
        let start = first_day()
            + Duration::days(rng.random_range(0..730))
            + Duration::hours(rng.random_range(7..19))
            + Duration::minutes(15 * rng.random_range(0..4));
        let end = start + Duration::minutes(30 * rng.random_range(1..5));
        let entry_id = id(2, n);
        entries.push(json!({
            "id": entry_id, "calendarId": id(1, c), "kind": "event", "status": "confirmed",
            "visibility": "default", "title": format!("Entry {n}"), "description": null,
            "locationName": (n % 4 == 0).then_some("Hauptstraße 1"),
            "startsAt": text(start), "endsAt": text(end), "timezone": CALENDARS[c].1,
            "isAllDay": false, "updatedAt": UPDATED
        }));
        if n % SERIES_EVERY != SERIES_EVERY - 1 {
            continue;
        }
        let master_id = id(3, n);
        masters.push(json!({
            "id": master_id, "calendarId": id(1, c), "rootEntryId": entry_id, "frequency": "weekly",
            "intervalCount": 1, "byWeekday": null, "byMonthDay": null, "startsAt": text(start),
            "untilAt": null, "occurrenceCountLimit": (n % 3 == 0).then_some(40),
            "timezone": CALENDARS[c].1, "generatedWindowDays": 90, "metadata": {}, "updatedAt": UPDATED
        }));
        for (k, state) in [(1, "overridden"), (2, "cancelled")] {
            let at = start + Duration::weeks(k);
            let moved = at + Duration::hours(2);
            instances.push(json!({
                "id": id(4, n * 2 + k as usize), "recurrenceMasterId": master_id, "calendarId": id(1, c),
                "sourceEntryId": entry_id, "instanceDate": at.date_naive().to_string(),
                "startsAt": text(moved), "endsAt": text(moved + Duration::hours(1)),
                "timezone": CALENDARS[c].1, "isAllDay": false, "instanceState": state,
                "status": "confirmed", "titleOverride": (state == "overridden").then_some("Moved"),
                "descriptionOverride": null, "metadataOverride": {}, "updatedAt": UPDATED
            }));
        }
    }
    Rows {
        calendars,
        entries,
        masters,
        instances,
    }
}

fn replica(dir: &tempfile::TempDir) -> Replica {
    let replica = Replica::open(dir.path().join("bench.db")).expect("a replica");
    let scope = replica.tenant(TENANT);
    let rows = rows();
    for (entity, list) in [
        (Entity::Calendar, &rows.calendars),
        (Entity::Entry, &rows.entries),
        (Entity::RecurrenceMaster, &rows.masters),
        (Entity::RecurrenceInstance, &rows.instances),
    ] {
        for chunk in list.chunks(1000) {
            scope
                .upsert_many_from_server(entity, chunk)
                .expect("rows written");
        }
    }
    drop(scope);
    replica
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let replica = replica(&dir);
    let scope = replica.tenant(TENANT);
    for (label, days) in [("month", 31), ("week", 7)] {
        let mut n = 0i64;
        c.bench_function(&format!("{label} view over every calendar"), |b| {
            b.iter(|| {
                // A different window each time, over the year the series are busiest.
                n = (n + 37) % 300;
                let from = first_day() + Duration::days(200 + n);
                scope
                    .window_all(black_box(from), from + Duration::days(days))
                    .expect("a window")
            })
        });
    }
}

criterion_group! {
    name = window_benches;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(window_benches);
