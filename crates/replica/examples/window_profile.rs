//! Times window queries on a database left by the `bulk` example (run it under `perf` to see
//! where the time goes): `cargo run -p outpost-replica --example bulk /tmp/bulk.db`, then
//! `cargo run -p outpost-replica --example window_profile /tmp/bulk.db`.

use chrono::{DateTime, Duration, Utc};
use outpost_replica::Replica;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("a database made by the bulk example");
    let replica = Replica::open(&path).unwrap();
    let scope = replica.tenant("0195f0c4-0000-7000-8000-00000000000a");
    let ids: Vec<String> = scope
        .calendars()
        .unwrap()
        .into_iter()
        .map(|c| c.local_id)
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let from: DateTime<Utc> = "2027-12-01T00:00:00Z".parse().unwrap();
    let start = std::time::Instant::now();
    let mut items = 0;
    for week in 0..100 {
        let at = from + Duration::weeks(week);
        items += scope
            .window(&ids, at, at + Duration::days(7))
            .unwrap()
            .len();
    }
    println!(
        "100 week windows over {} calendars: {:?} ({items} items)",
        ids.len(),
        start.elapsed()
    );
}
