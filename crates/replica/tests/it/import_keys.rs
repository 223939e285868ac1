//! The small look-ups an import's duplicate check uses: every live contact's name, email and
//! phone and every imported entry's UID, each with its row number, and a row number back to the
//! record's id.

use crate::common::*;
use outpost_replica::{Entity, Source};
use serde_json::json;

#[test]
fn contact_keys_and_ical_uids_come_with_rows_that_lead_back_to_the_record() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let ana = contact(&scope, "Ana", "Lima", "ana@example.com");
    let gone = contact(&scope, "Old", "Card", "old@example.com");
    scope.delete_contact(Source::User, &gone.local_id).unwrap();

    let mut keys = Vec::new();
    scope
        .each_contact_key(|row, name, email, phone| {
            keys.push((
                row,
                name.to_string(),
                email.map(str::to_string),
                phone.map(str::to_string),
            ))
        })
        .unwrap();
    assert_eq!(keys.len(), 1, "deleted contacts are left out: {keys:?}");
    assert_eq!(keys[0].1, "Ana Lima");
    assert_eq!(keys[0].2.as_deref(), Some("ana@example.com"));
    assert_eq!(
        scope.local_id_of_row(Entity::Contact, keys[0].0).unwrap(),
        Some(ana.local_id.clone())
    );
    assert_eq!(
        scope
            .local_id_of_row(Entity::Contact, keys[0].0 + 1000)
            .unwrap(),
        None
    );

    let cal = calendar(&scope, "Team", "Europe/Berlin");
    let imported = scope
        .create_entry(
            Source::Import,
            fields(json!({
                "calendarId": cal.local_id, "kind": "event", "title": "Review",
                "startsAt": "2026-01-05T09:00:00Z", "endsAt": "2026-01-05T10:00:00Z", "timezone": "Europe/Berlin",
                "metadata": {"icalUid": "review@example.com"}
            })),
        )
        .unwrap();
    entry(
        &scope,
        &cal.local_id,
        "Not imported",
        "2026-01-06T09:00:00Z",
        "2026-01-06T10:00:00Z",
    );
    let mut uids = Vec::new();
    scope
        .each_ical_uid(&cal.local_id, |row, uid| uids.push((row, uid.to_string())))
        .unwrap();
    assert_eq!(uids.len(), 1, "{uids:?}");
    assert_eq!(uids[0].1, "review@example.com");
    assert_eq!(
        scope.local_id_of_row(Entity::Entry, uids[0].0).unwrap(),
        Some(imported.local_id)
    );
}
