//! `TenantScope::batch`: many writes in one transaction (an import's chunk), each write still
//! all or nothing, and the whole batch undone when it fails.

use crate::common::*;
use outpost_replica::{ContactQuery, ReplicaError, Source};
use serde_json::json;

fn names(scope: &outpost_replica::TenantScope<'_>) -> Vec<String> {
    scope
        .contacts(&ContactQuery::default())
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.display_name)
        .collect()
}

#[test]
fn a_batch_lands_whole_with_its_refused_writes_left_out() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let refused = scope
        .batch(|| {
            contact(&scope, "Anna", "Alpha", "anna@example.com");
            let refused = scope
                .create_contact(Source::Import, fields(json!({"email": "not an address"})))
                .expect_err("an invalid contact is refused");
            let missing = scope
                .update_contact(
                    Source::Import,
                    "no-such-contact",
                    fields(json!({"notes": "x"})),
                )
                .expect_err("an unknown contact cannot be changed");
            assert!(matches!(missing, ReplicaError::NotFound { .. }));
            contact(&scope, "Bea", "Beta", "bea@example.com");
            Ok(refused)
        })
        .unwrap();
    assert_eq!(refused.field(), Some("email"));
    assert_eq!(names(&scope), ["Anna Alpha", "Bea Beta"]);
    assert_eq!(
        outbox_count(&t.replica),
        2,
        "each create has its outbox row"
    );
}

#[test]
fn a_failed_batch_undoes_every_write_in_it() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    contact(&scope, "Kept", "Before", "kept@example.com");
    let before = fingerprint(&t.replica);
    let result: Result<(), ReplicaError> = scope.batch(|| {
        contact(&scope, "Gone", "Again", "gone@example.com");
        Err(ReplicaError::InvalidState("the disk is full".into()))
    });
    assert!(result.is_err());
    assert_eq!(
        fingerprint(&t.replica),
        before,
        "nothing of the batch stayed"
    );
    assert_eq!(names(&scope), ["Kept Before"]);
}
