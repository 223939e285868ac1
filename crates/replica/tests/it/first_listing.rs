//! A first listing (no record of its type held yet) inserts without looking for copies; a
//! record the listing hands over twice, on one page or on two, is still one row, the later
//! copy winning, and the written count says what changed.

use std::collections::HashSet;

use crate::common::*;
use outpost_replica::Entity;
use serde_json::{json, Value};

fn contact(id: &str, first: &str) -> Value {
    json!({
        "id": id,
        "firstName": first,
        "lastName": "Listed",
        "createdAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-01T00:00:00Z",
    })
}

#[test]
fn a_first_listing_keeps_one_row_per_record_whatever_it_repeats() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    assert!(!scope.holds_server_records(Entity::Contact).unwrap());
    let mut seen = HashSet::new();
    let page = [
        contact("c1", "Ada"),
        contact("c2", "Bo"),
        contact("c1", "Ada2"),
    ];
    let seen_before = seen.clone();
    let seen_now = |id: &str| seen_before.contains(id);
    let done = scope
        .upsert_listed(Entity::Contact, &page, Some(&seen_now))
        .unwrap();
    assert_eq!(done.local_ids[0], done.local_ids[2], "one row for c1");
    assert_eq!(done.written, 3, "two new rows and one changed");
    seen.extend(["c1".to_string(), "c2".to_string()]);
    assert!(scope.holds_server_records(Entity::Contact).unwrap());

    // The next page repeats c2 (the listing moved while read): the same row, changed.
    let next = [contact("c2", "Bo2"), contact("c3", "Cy")];
    let seen_then = |id: &str| seen.contains(id);
    let again = scope
        .upsert_listed(Entity::Contact, &next, Some(&seen_then))
        .unwrap();
    assert_eq!(again.local_ids[0], done.local_ids[1]);
    assert_eq!(again.written, 2);

    let records = scope.records(Entity::Contact, None).unwrap();
    let mut names: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            (
                r.server_id.clone().unwrap(),
                r.fields["firstName"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [("c1", "Ada2"), ("c2", "Bo2"), ("c3", "Cy")].map(|(a, b)| (a.to_string(), b.to_string()))
    );

    // A listing after that is not a first: unchanged records are not written again.
    let unchanged = scope
        .upsert_many_counted(Entity::Contact, &[contact("c3", "Cy")])
        .unwrap();
    assert_eq!(unchanged.written, 0);

    // What a complete listing no longer has, found row by row.
    let gone = scope
        .server_ids_where(Entity::Contact, |id| id != "c2")
        .unwrap();
    assert_eq!(gone.len(), 2);
    assert!(!gone.contains(&"c2".to_string()));
}
