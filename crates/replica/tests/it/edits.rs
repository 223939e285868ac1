//! Every user operation writes its row and its outbox op together; bad input changes nothing.

use crate::common::*;
use outpost_replica::{Entity, OpKind, Source};
use serde_json::json;

#[test]
fn calendar_create_edit_delete_queue_their_ops() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let cal = calendar(&scope, "Team", "Europe/Berlin");
    assert!(cal.server_id.is_none());
    assert!(cal.has_pending_ops);
    let ops = scope
        .ops_for_record(Entity::Calendar, &cal.local_id)
        .unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].kind, OpKind::Create);
    assert_eq!(ops[0].label.as_deref(), Some("Team"));
    assert_eq!(ops[0].payload["name"], json!("Team"));
    assert_eq!(ops[0].source, Source::User);

    let edited = scope
        .update_calendar(
            Source::User,
            &cal.local_id,
            fields(json!({"name": "Team A", "visibility": "private"})),
        )
        .unwrap();
    assert_eq!(edited.fields["name"], json!("Team A"));
    let ops = scope
        .ops_for_record(Entity::Calendar, &cal.local_id)
        .unwrap();
    assert_eq!(ops.len(), 1, "edits fold into the pending create");
    assert_eq!(ops[0].payload["visibility"], json!("private"));
    assert_eq!(scope.calendars().unwrap()[0].name, "Team A");

    scope.delete_calendar(Source::User, &cal.local_id).unwrap();
    assert!(scope.calendars().unwrap().is_empty());
    assert_eq!(outbox_count(&t.replica), 0, "create + delete vanish");
    assert_eq!(
        scope
            .get(Entity::Calendar, &cal.local_id)
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn entries_create_move_status_respond_delete() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let cal = calendar(&scope, "Ops", "Europe/Berlin");
    let e = entry(
        &scope,
        &cal.local_id,
        "Standup",
        "2026-03-02T08:00:00Z",
        "2026-03-02T08:15:00Z",
    );
    assert_eq!(e.fields["calendarId"], json!(cal.local_id));

    let moved = scope
        .update_entry(
            Source::User,
            &e.local_id,
            fields(json!({"startsAt": "2026-03-02T09:00:00Z", "endsAt": "2026-03-02T09:30:00Z"})),
        )
        .unwrap();
    assert_eq!(moved.fields["startsAt"], json!("2026-03-02T09:00:00Z"));
    let status = scope
        .set_entry_status(Source::User, &e.local_id, "cancelled")
        .unwrap();
    assert_eq!(status.fields["status"], json!("cancelled"));
    let ops = scope.ops_for_record(Entity::Entry, &e.local_id).unwrap();
    assert_eq!(
        ops.len(),
        1,
        "moves and status changes fold into the pending create"
    );
    assert_eq!(ops[0].payload["startsAt"], json!("2026-03-02T09:00:00Z"));
    assert_eq!(ops[0].payload["status"], json!("cancelled"));

    let me = "0195f0c4-0000-7000-8000-0000000000ff";
    let p = scope
        .respond_to_entry(Source::User, &e.local_id, me, "accepted")
        .unwrap();
    assert_eq!(p.response_status, "accepted");
    let p = scope
        .respond_to_entry(Source::User, &e.local_id, me, "declined")
        .unwrap();
    assert_eq!(p.response_status, "declined");
    assert_eq!(scope.participants(&e.local_id).unwrap().len(), 1);
    let ops = scope.ops_for_record(Entity::Entry, &e.local_id).unwrap();
    assert_eq!(ops.len(), 2);
    assert_eq!(ops[1].kind, OpKind::Action);
    assert_eq!(ops[1].action.as_deref(), Some("respond"));
    assert_eq!(ops[1].payload, json!({"responseStatus": "declined"}));
    assert_eq!(ops[1].label.as_deref(), Some("Standup"));

    scope.delete_entry(Source::User, &e.local_id).unwrap();
    assert!(scope
        .ops_for_record(Entity::Entry, &e.local_id)
        .unwrap()
        .is_empty());
    assert_eq!(
        scope.get(Entity::Entry, &e.local_id).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn bad_input_names_the_field_and_changes_nothing() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let cal = calendar(&scope, "Ops", "Europe/Berlin");
    let e = entry(
        &scope,
        &cal.local_id,
        "Standup",
        "2026-03-02T08:00:00Z",
        "2026-03-02T08:15:00Z",
    );
    let c = contact(&scope, "Anna", "Müller", "anna@example.com");
    let before = fingerprint(&t.replica);

    let entry_create = |extra: serde_json::Value| {
        let mut f = fields(
            json!({"calendarId": cal.local_id, "kind": "event", "title": "X",
            "startsAt": "2026-03-02T08:00:00Z", "endsAt": "2026-03-02T09:00:00Z", "timezone": "UTC"}),
        );
        for (k, v) in extra.as_object().unwrap() {
            if v.is_null() {
                f.remove(k);
            } else {
                f.insert(k.clone(), v.clone());
            }
        }
        scope.create_entry(Source::User, f).unwrap_err()
    };
    let cases = [
        (entry_create(json!({"endsAt": "2026-03-02T07:00:00Z"})), "endsAt"),
        (entry_create(json!({"timezone": "Europe/Atlantis"})), "timezone"),
        (entry_create(json!({"title": "x".repeat(256)})), "title"),
        (entry_create(json!({"title": null})), "title"),
        (entry_create(json!({"kind": "party"})), "kind"),
        (entry_create(json!({"calendarId": "0195f0c4-0000-7000-8000-000000000999"})), "calendarId"),
        (entry_create(json!({"locationName": "l".repeat(256)})), "locationName"),
        (
            scope.update_entry(Source::User, &e.local_id, fields(json!({"endsAt": "2026-03-02T07:59:00Z"}))).unwrap_err(),
            "endsAt",
        ),
        (
            scope.update_entry(Source::User, &e.local_id, fields(json!({"calendarId": cal.local_id}))).unwrap_err(),
            "calendarId",
        ),
        (scope.set_entry_status(Source::User, &e.local_id, "done").unwrap_err(), "status"),
        (
            scope.update_calendar(Source::User, &cal.local_id, fields(json!({"kind": "user_linked"}))).unwrap_err(),
            "kind",
        ),
        (
            scope.update_contact(Source::User, &c.local_id, fields(json!({"email": "not-an-email"}))).unwrap_err(),
            "email",
        ),
        (
            scope.update_contact(Source::User, &c.local_id, fields(json!({"phone": "1".repeat(51)}))).unwrap_err(),
            "phone",
        ),
        (
            scope.create_contact(Source::User, fields(json!({"url": "example.com"}))).unwrap_err(),
            "url",
        ),
        (
            scope
                .add_reminder(Source::User, fields(json!({"calendarId": cal.local_id, "channel": "pigeon", "offsetMinutes": 10})))
                .unwrap_err(),
            "channel",
        ),
    ];
    for (err, field) in cases {
        assert_eq!(err.code(), "invalid", "{err}");
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(
        scope
            .update_entry(
                Source::User,
                "0195f0c4-0000-7000-8000-000000000999",
                fields(json!({"title": "x"}))
            )
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        scope
            .update_contact(Source::User, &c.local_id, fields(json!({})))
            .unwrap_err()
            .code(),
        "invalid"
    );
    assert_eq!(
        fingerprint(&t.replica),
        before,
        "a refused edit must not change anything"
    );
}

#[test]
fn contacts_create_edit_clear_delete() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let c = scope
        .create_contact(
            Source::Import,
            fields(json!({"firstName": "Jörg", "lastName": "Öztürk", "phone": "+49 30 1234",
                "address": {"street": "Hauptstraße", "city": "Köln", "country_code": "DE"}, "notes": "Key holder"})),
        )
        .unwrap();
    let ops = scope.ops_for_record(Entity::Contact, &c.local_id).unwrap();
    assert_eq!(ops[0].source, Source::Import);
    let edited = scope
        .update_contact(
            Source::User,
            &c.local_id,
            fields(json!({"notes": null, "email": "jo@example.com"})),
        )
        .unwrap();
    assert_eq!(edited.fields["notes"], json!(null));
    assert_eq!(edited.fields["email"], json!("jo@example.com"));
    assert_eq!(
        scope
            .ops_for_record(Entity::Contact, &c.local_id)
            .unwrap()
            .len(),
        1
    );
    let page = scope.contacts(&Default::default()).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].display_name, "Jörg Öztürk");
    scope.delete_contact(Source::User, &c.local_id).unwrap();
    assert_eq!(scope.contacts(&Default::default()).unwrap().total, 0);
    assert_eq!(outbox_count(&t.replica), 0);
}

#[test]
fn an_import_batch_is_all_or_nothing() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let before = fingerprint(&t.replica);
    let err = scope
        .create_contacts(
            Source::Import,
            vec![
                fields(json!({"firstName": "A"})),
                fields(json!({"email": "broken"})),
            ],
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("[1].email"));
    assert_eq!(fingerprint(&t.replica), before);
    let ids = scope
        .create_contacts(
            Source::Import,
            vec![
                fields(json!({"firstName": "A"})),
                fields(json!({"firstName": "B"})),
            ],
        )
        .unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(outbox_count(&t.replica), 2);
}

#[test]
fn sync_is_not_a_source_for_edits() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let err = scope
        .create_calendar(
            Source::Sync,
            fields(json!({"kind": "tenant_shared", "name": "X", "timezone": "UTC"})),
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_state");
    assert_eq!(outbox_count(&t.replica), 0);
}

#[test]
fn reminders_add_and_remove() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let cal = calendar(&scope, "Ops", "Europe/Berlin");
    let other = calendar(&scope, "Other", "Europe/Berlin");
    let e = entry(
        &scope,
        &cal.local_id,
        "Standup",
        "2026-03-02T08:00:00Z",
        "2026-03-02T08:15:00Z",
    );
    let r = scope
        .add_reminder(Source::User, fields(json!({"calendarId": cal.local_id, "calendarEntryId": e.local_id, "channel": "email", "offsetMinutes": -15})))
        .unwrap();
    assert_eq!(scope.reminders(&cal.local_id).unwrap().len(), 1);
    let err = scope
        .add_reminder(Source::User, fields(json!({"calendarId": other.local_id, "calendarEntryId": e.local_id, "channel": "email", "offsetMinutes": 5})))
        .unwrap_err();
    assert_eq!(err.field(), Some("calendarEntryId"));
    scope.remove_reminder(Source::User, &r.local_id).unwrap();
    assert!(scope.reminders(&cal.local_id).unwrap().is_empty());
    // Deleting the calendar takes its never-synced entries (and their ops) with it.
    scope.delete_calendar(Source::User, &cal.local_id).unwrap();
    assert_eq!(
        scope.get(Entity::Entry, &e.local_id).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(
        outbox_count(&t.replica),
        1,
        "only the other calendar's create is left"
    );
}

#[test]
fn creates_of_calendars_and_entries_carry_their_op_id_in_metadata() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let cal = calendar(&scope, "Ops", "Europe/Berlin");
    let op = scope
        .ops_for_record(Entity::Calendar, &cal.local_id)
        .unwrap()
        .remove(0);
    assert_eq!(
        op.payload["metadata"][outpost_replica::OP_ID_KEY],
        json!(op.op_id)
    );
    assert_eq!(
        cal.fields["metadata"][outpost_replica::OP_ID_KEY],
        json!(op.op_id)
    );
    let e = scope
        .create_entry(
            Source::User,
            fields(json!({"calendarId": cal.local_id, "kind": "event", "title": "T", "metadata": {"room": 4},
                "startsAt": "2026-03-02T08:00:00Z", "endsAt": "2026-03-02T09:00:00Z", "timezone": "UTC"})),
        )
        .unwrap();
    let op = scope
        .ops_for_record(Entity::Entry, &e.local_id)
        .unwrap()
        .remove(0);
    assert_eq!(
        op.payload["metadata"],
        json!({"room": 4, "outpostOpId": op.op_id})
    );
    // Replacing the metadata keeps the tag.
    scope
        .update_entry(
            Source::User,
            &e.local_id,
            fields(json!({"metadata": {"room": 5}})),
        )
        .unwrap();
    let op = scope
        .ops_for_record(Entity::Entry, &e.local_id)
        .unwrap()
        .remove(0);
    assert_eq!(
        op.payload["metadata"],
        json!({"room": 5, "outpostOpId": op.op_id})
    );
    // Contacts have no metadata: their creates stay as the user wrote them.
    let c = contact(&scope, "A", "B", "a@example.com");
    assert!(c.fields.get("metadata").is_none());
}

#[test]
fn errors_carry_codes_and_details_for_the_ui() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let err = scope
        .create_contact(Source::User, fields(json!({"email": "nope"})))
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(err.details(), Some(json!({"field": "email"})));
    assert!(err.to_string().starts_with("email: "), "{err}");
    let err = scope
        .get(Entity::Contact, "0195f0c4-0000-7000-8000-000000000999")
        .unwrap_err();
    assert_eq!(
        err.details(),
        Some(json!({"entity": "contact", "id": "0195f0c4-0000-7000-8000-000000000999"}))
    );
    let query: outpost_replica::ContactQuery =
        serde_json::from_value(json!({"sort": "email"})).unwrap();
    assert_eq!(
        (query.sort, query.offset, query.limit),
        (outpost_replica::ContactSort::Email, 0, 50)
    );
}

#[test]
fn an_entry_import_is_all_or_nothing() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let cal = calendar(&scope, "Ops", "Europe/Berlin");
    let item = |title: &str, end: &str| {
        fields(
            json!({"calendarId": cal.local_id, "kind": "booking", "title": title,
            "startsAt": "2026-03-02T08:00:00Z", "endsAt": end, "timezone": "Europe/Berlin"}),
        )
    };
    let before = fingerprint(&t.replica);
    let err = scope
        .create_entries(
            Source::Import,
            vec![
                item("a", "2026-03-02T09:00:00Z"),
                item("b", "2026-03-02T07:00:00Z"),
            ],
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("[1].endsAt"));
    let mut unknown = item("c", "2026-03-02T09:00:00Z");
    unknown.insert(
        "calendarId".into(),
        json!("0195f0c4-0000-7000-8000-000000000999"),
    );
    let err = scope
        .create_entries(
            Source::Import,
            vec![item("a", "2026-03-02T09:00:00Z"), unknown],
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("[1].calendarId"));
    assert_eq!(fingerprint(&t.replica), before);
    let ids = scope
        .create_entries(
            Source::Import,
            vec![
                item("a", "2026-03-02T09:00:00Z"),
                item("b", "2026-03-02T10:00:00Z"),
            ],
        )
        .unwrap();
    assert_eq!(ids.len(), 2);
    let items = scope
        .window(
            &[&cal.local_id],
            "2026-03-02T00:00:00Z".parse().unwrap(),
            "2026-03-03T00:00:00Z".parse().unwrap(),
        )
        .unwrap();
    assert_eq!(
        items.iter().map(|i| i.kind.as_str()).collect::<Vec<_>>(),
        ["booking", "booking"]
    );
    assert!(scope
        .outbox(&[])
        .unwrap()
        .iter()
        .filter(|o| o.entity == Entity::Entry)
        .all(|o| o.source == Source::Import));
}
