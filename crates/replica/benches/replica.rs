//! In-process benchmarks of the replica (`cargo bench -p outpost-replica`): what the UI waits
//! for on every keystroke and every edit, on a replica of 20,000 contacts
//! (`OUTPOST_BENCH_CONTACTS=1000000` for a bigger one). The end-to-end
//! numbers (sync, push, imports, views over a large tenant) come from `outpost-bench`.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use outpost_replica::{ContactQuery, Entity, Fields, Replica, Source};
use serde_json::{json, Value};

const TENANT: &str = "0195f0c4-0000-7000-8000-00000000000a";
/// How many contacts the replica holds: 20,000, or `OUTPOST_BENCH_CONTACTS`.
fn contacts() -> usize {
    std::env::var("OUTPOST_BENCH_CONTACTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000)
}
const FIRST: [&str; 8] = [
    "Anna", "Jürgen", "Chloé", "Mateo", "Priya", "Olu", "Maria", "Martin",
];
const LAST: [&str; 8] = [
    "Schmidt", "Müller", "García", "Nakamura", "Okafor", "Andersen", "Marx", "Rossi",
];

fn server_contact(i: usize) -> Value {
    let (first, last) = (FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()]);
    json!({
        "id": format!("00000000-0000-4000-8000-{i:012}"), "tenantId": TENANT,
        "firstName": first, "middleName": null, "lastName": format!("{last}{}", i % 97),
        "email": format!("{}.{}{i}@example.com", first.to_lowercase(), last.to_lowercase()),
        "phone": format!("+49 30 {i:07}"), "url": null, "address": null, "notes": null,
        "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"
    })
}

/// A replica file holding [`contacts`] contacts as a first sync leaves them.
fn replica(dir: &tempfile::TempDir) -> Replica {
    let replica = Replica::open(dir.path().join("bench.db")).expect("a replica");
    let rows: Vec<Value> = (0..contacts()).map(server_contact).collect();
    let scope = replica.tenant(TENANT);
    for chunk in rows.chunks(1000) {
        scope
            .upsert_many_from_server(Entity::Contact, chunk)
            .expect("contacts written");
    }
    drop(scope);
    replica
}

fn fields(v: Value) -> Fields {
    v.as_object().cloned().unwrap_or_default()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let replica = replica(&dir);
    let scope = replica.tenant(TENANT);
    let ids: Vec<String> = scope
        .contacts(&ContactQuery {
            limit: 1000,
            ..ContactQuery::default()
        })
        .expect("a page")
        .items
        .into_iter()
        .map(|c| c.local_id)
        .collect();

    let mut n = 0usize;
    c.bench_function("local edit of a contact with its outbox row", |b| {
        b.iter(|| {
            n += 1;
            let id = &ids[n % ids.len()];
            scope
                .update_contact(
                    Source::User,
                    id,
                    fields(json!({ "notes": format!("note {n}") })),
                )
                .expect("an edit")
        })
    });
    c.bench_function("new contact with its outbox row", |b| {
        b.iter_batched(
            || fields(json!({ "firstName": "Bench", "lastName": format!("Mark {n}") })),
            |f| scope.create_contact(Source::User, f).expect("a create"),
            BatchSize::SmallInput,
        )
    });
    for prefix in ["ma", "mül", "schmidt1", "anna.ok"] {
        c.bench_function(&format!("contact search {prefix:?} (50 results)"), |b| {
            b.iter(|| {
                scope
                    .search_contacts(black_box(prefix), 50)
                    .expect("a search")
            })
        });
    }
    c.bench_function("contact list page (50, by name, deep offset)", |b| {
        b.iter(|| {
            scope
                .contacts(&ContactQuery {
                    offset: black_box(contacts() as u32 * 3 / 4),
                    limit: 50,
                    ..ContactQuery::default()
                })
                .expect("a page")
        })
    });
}

criterion_group! {
    name = replica_benches;
    config = Criterion::default().sample_size(50);
    targets = benches
}
criterion_main!(replica_benches);
