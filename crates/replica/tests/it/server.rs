//! The sync engine's server-side writes: participants, the directory, server instances meeting
//! local overrides, window listings, pruning.

use crate::common::*;
use chrono::{Duration, NaiveDate, Utc};
use outpost_replica::{Directory, Entity, Source};
use serde_json::json;

const CAL: &str = "7d4c0a52-1111-4a2b-9c3d-000000000001";
const ENTRY: &str = "7d4c0a52-3333-4a2b-9c3d-000000000001";
const MASTER: &str = "7d4c0a52-4444-4a2b-9c3d-000000000001";
const ME: &str = "7d4c0a52-5555-4a2b-9c3d-000000000001";

fn pull_series(scope: &outpost_replica::TenantScope<'_>) -> (String, String) {
    scope
        .upsert_from_server(
            Entity::Calendar,
            &server_calendar(CAL, "Team", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    let entry = scope
        .upsert_from_server(
            Entity::Entry,
            &json!({"id": ENTRY, "calendarId": CAL, "kind": "event", "status": "confirmed", "visibility": "default",
                "title": "Weekly", "startsAt": "2026-03-02T08:00:00Z", "endsAt": "2026-03-02T09:00:00Z",
                "timezone": "Europe/Berlin", "isAllDay": false, "updatedAt": "2026-01-02T00:00:00Z"}),
        )
        .unwrap();
    let master = scope
        .upsert_from_server(
            Entity::RecurrenceMaster,
            &json!({"id": MASTER, "calendarId": CAL, "rootEntryId": ENTRY, "frequency": "weekly", "intervalCount": 1,
                "byWeekday": null, "byMonthDay": null, "startsAt": "2026-03-02T08:00:00Z", "untilAt": null,
                "occurrenceCountLimit": null, "timezone": "Europe/Berlin", "generatedWindowDays": 90, "metadata": {},
                "updatedAt": "2026-01-02T00:00:00Z"}),
        )
        .unwrap();
    (entry, master)
}

#[test]
fn participants_from_the_server_keep_a_waiting_response() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let (entry, _) = pull_series(&scope);
    let participant = |status: &str| {
        json!({"id": "7d4c0a52-6666-4a2b-9c3d-000000000001", "calendarEntryId": ENTRY, "actorType": "user",
            "actorUserId": ME, "actorGroupId": null, "role": "attendee", "responseStatus": status})
    };
    scope
        .upsert_participants_from_server(&[participant("pending")])
        .unwrap();
    assert_eq!(
        scope.participants(&entry).unwrap()[0].response_status,
        "pending"
    );
    scope
        .respond_to_entry(Source::User, &entry, ME, "accepted")
        .unwrap();
    scope
        .upsert_participants_from_server(&[participant("pending")])
        .unwrap();
    let ps = scope.participants(&entry).unwrap();
    assert_eq!(ps.len(), 1);
    assert_eq!(
        ps[0].response_status, "accepted",
        "the local response waits to be sent"
    );
    // The push answers with the participant; once done, the server's word counts again.
    let op = scope
        .ops_for_record(Entity::Entry, &entry)
        .unwrap()
        .remove(0);
    scope.mark_in_flight(&op.op_id).unwrap();
    scope
        .mark_done(&op.op_id, Some(&participant("accepted")))
        .unwrap();
    assert_eq!(
        scope.participants(&entry).unwrap()[0].response_status,
        "accepted"
    );
    assert_eq!(
        scope.get(Entity::Entry, &entry).unwrap().fields["title"],
        json!("Weekly"),
        "the entry is untouched"
    );
    scope
        .upsert_participants_from_server(&[participant("tentative")])
        .unwrap();
    assert_eq!(
        scope.participants(&entry).unwrap()[0].response_status,
        "tentative"
    );
    scope
        .respond_to_entry(Source::User, &entry, ME, "declined")
        .unwrap();
    // Discarding the response goes back to what the server said.
    let op = scope
        .ops_for_record(Entity::Entry, &entry)
        .unwrap()
        .remove(0);
    scope.discard_op(&op.op_id).unwrap();
    assert_eq!(
        scope.participants(&entry).unwrap()[0].response_status,
        "tentative"
    );
}

#[test]
fn a_server_instance_adopts_the_local_override_of_its_date() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let (_, master) = pull_series(&scope);
    let date = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    let local = scope
        .cancel_occurrence(Source::User, &master, date)
        .unwrap();
    assert!(local.server_id.is_none());
    let ready = scope.ready_ops(Utc::now()).unwrap();
    assert_eq!(
        ready.len(),
        1,
        "the series is on the server: the override can go"
    );
    assert_eq!(ready[0].payload, json!({"instanceState": "cancelled"}));
    // The engine lists the series' instances and finds the one of that date.
    let instance = json!({"id": "7d4c0a52-7777-4a2b-9c3d-000000000001", "recurrenceMasterId": MASTER, "calendarId": CAL,
        "sourceEntryId": ENTRY, "instanceDate": "2026-03-09", "startsAt": "2026-03-09T08:00:00Z", "endsAt": "2026-03-09T09:00:00Z",
        "timezone": "Europe/Berlin", "isAllDay": false, "instanceState": "generated", "status": "confirmed",
        "titleOverride": null, "descriptionOverride": null, "metadataOverride": {}, "updatedAt": "2026-01-03T00:00:00Z"});
    let adopted = scope
        .upsert_from_server(Entity::RecurrenceInstance, &instance)
        .unwrap();
    assert_eq!(adopted, local.local_id);
    let rec = scope.get(Entity::RecurrenceInstance, &adopted).unwrap();
    assert_eq!(
        rec.server_id.as_deref(),
        Some("7d4c0a52-7777-4a2b-9c3d-000000000001")
    );
    assert_eq!(
        rec.fields["instanceState"],
        json!("cancelled"),
        "the local change stays until pushed"
    );
    let window = |scope: &outpost_replica::TenantScope<'_>| {
        scope
            .window(
                &[CAL],
                "2026-03-01T00:00:00Z".parse().unwrap(),
                "2026-03-17T00:00:00Z".parse().unwrap(),
            )
            .unwrap()
            .into_iter()
            .map(|i| i.instance_date.unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(window(&scope), ["2026-03-02", "2026-03-16"]);
    let mut answer = instance.clone();
    answer["instanceState"] = json!("cancelled");
    answer["updatedAt"] = json!("2026-01-04T00:00:00Z");
    scope.mark_in_flight(&ready[0].op_id).unwrap();
    scope.mark_done(&ready[0].op_id, Some(&answer)).unwrap();
    let rec = scope.get(Entity::RecurrenceInstance, &adopted).unwrap();
    assert_eq!(rec.fields["instanceDate"], json!("2026-03-09"));
    assert!(!rec.has_pending_ops);
    assert_eq!(window(&scope), ["2026-03-02", "2026-03-16"]);
}

#[test]
fn window_listings_and_directory_upkeep() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    pull_series(&scope);
    let ids = scope
        .known_entry_server_ids(
            CAL,
            "2026-03-02T00:00:00Z".parse().unwrap(),
            "2026-03-03T00:00:00Z".parse().unwrap(),
        )
        .unwrap();
    assert_eq!(ids, [ENTRY]);
    assert!(scope
        .known_entry_server_ids(
            CAL,
            "2026-04-02T00:00:00Z".parse().unwrap(),
            "2026-04-03T00:00:00Z".parse().unwrap()
        )
        .unwrap()
        .is_empty());

    scope
        .upsert_many_from_server(Entity::User, &[json!({"id": "u-1", "email": "a@example.com", "firstName": "Ada", "lastName": "L", "updatedAt": "2026-01-01T00:00:00Z"}), json!({"id": "u-2", "email": "b@example.com", "updatedAt": "2026-01-01T00:00:00Z"})])
        .unwrap();
    // Groups are records: pulled like contacts, listed in the directory beside the rest.
    const GROUP: &str = "0c0c0c0c-0000-4000-8000-000000000001";
    scope
        .upsert_many_from_server(
            Entity::Group,
            &[json!({"id": GROUP, "name": "Field team", "permissions": [],
                     "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"})],
        )
        .unwrap();
    let members: Vec<_> = ["u-2", "u-1"]
        .iter()
        .map(|u| json!({"id": format!("{GROUP}/{u}"), "groupId": GROUP, "userId": u}))
        .collect();
    scope
        .upsert_many_from_server(Entity::GroupMember, &members)
        .unwrap();
    assert_eq!(scope.group_members(GROUP).unwrap(), ["u-1", "u-2"]);
    let groups = scope.directory(Directory::Groups).unwrap();
    assert_eq!(groups[0].name, "Field team");
    assert_eq!(groups[0].server_id, GROUP);
    let users = scope.directory(Directory::Users).unwrap();
    assert_eq!(
        users.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
        ["Ada L", "b@example.com"]
    );
    assert!(matches!(
        scope.apply_remote_delete(Entity::User, "u-2").unwrap(),
        outpost_replica::RemoteDelete::Removed { .. }
    ));
    assert_eq!(scope.directory(Directory::Users).unwrap().len(), 1);
    assert!(matches!(
        scope.apply_remote_delete(Entity::Group, GROUP).unwrap(),
        outpost_replica::RemoteDelete::Removed { .. }
    ));
    assert!(
        scope.group_members(GROUP).unwrap().is_empty(),
        "members go with their group"
    );
    assert!(scope.directory(Directory::Groups).unwrap().is_empty());
}

#[test]
fn done_ops_are_kept_for_history_until_pruned() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    contact(&scope, "Anna", "Muster", "anna@example.com");
    let op = scope.ready_ops(Utc::now()).unwrap().remove(0);
    scope.mark_in_flight(&op.op_id).unwrap();
    scope
        .mark_done(
            &op.op_id,
            Some(&server_contact(
                "7d4c0a52-2222-4a2b-9c3d-000000000001",
                "Anna",
                "Muster",
                "2026-01-02T00:00:00Z",
            )),
        )
        .unwrap();
    assert!(scope.outbox(&[]).unwrap().is_empty());
    assert_eq!(
        scope.mark_done(&op.op_id, None).unwrap_err().code(),
        "invalid_state"
    );
    assert_eq!(
        scope
            .prune_done_ops(Utc::now() - Duration::days(1))
            .unwrap(),
        0
    );
    assert_eq!(
        scope
            .prune_done_ops(Utc::now() + Duration::seconds(1))
            .unwrap(),
        1
    );
}

#[test]
fn lists_show_what_waits_to_be_sent() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let (_, master) = pull_series(&scope);
    let window = |scope: &outpost_replica::TenantScope<'_>| {
        scope
            .window(
                &[CAL],
                "2026-03-01T00:00:00Z".parse().unwrap(),
                "2026-03-24T00:00:00Z".parse().unwrap(),
            )
            .unwrap()
            .into_iter()
            .map(|i| (i.instance_date.unwrap(), i.has_pending_ops))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        window(&scope),
        [
            ("2026-03-02".to_string(), false),
            ("2026-03-09".into(), false),
            ("2026-03-16".into(), false),
            ("2026-03-23".into(), false)
        ]
    );
    scope
        .override_occurrence(
            Source::User,
            &master,
            NaiveDate::from_ymd_opt(2026, 3, 16).unwrap(),
            fields(json!({"titleOverride": "Retro"})),
        )
        .unwrap();
    assert_eq!(
        window(&scope),
        [
            ("2026-03-02".to_string(), false),
            ("2026-03-09".into(), false),
            ("2026-03-16".into(), true),
            ("2026-03-23".into(), false)
        ]
    );
    scope
        .update_entry(Source::User, ENTRY, fields(json!({"title": "Weekly sync"})))
        .unwrap();
    assert!(
        window(&scope).iter().all(|(_, pending)| *pending),
        "a change to the series' entry touches every occurrence"
    );

    scope
        .upsert_from_server(
            Entity::Contact,
            &server_contact(
                "7d4c0a52-2222-4a2b-9c3d-000000000001",
                "Anna",
                "A",
                "2026-01-02T00:00:00Z",
            ),
        )
        .unwrap();
    let local = contact(&scope, "Ben", "B", "b@example.com");
    let page = scope.contacts(&Default::default()).unwrap();
    assert_eq!(
        page.items
            .iter()
            .map(|c| (c.display_name.as_str(), c.has_pending_ops))
            .collect::<Vec<_>>(),
        [("Anna A", false), ("Ben B", true)]
    );
    assert!(scope.search_contacts("ben", 5).unwrap()[0].has_pending_ops);
    assert!(local.has_pending_ops);
}

#[test]
fn a_reminder_pulled_before_its_entry_is_linked_when_the_entry_arrives() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    scope
        .upsert_from_server(
            Entity::Calendar,
            &server_calendar(CAL, "Team", "2026-01-02T00:00:00Z"),
        )
        .unwrap();
    let later_entry = "7d4c0a52-3333-4a2b-9c3d-000000000099";
    scope
        .upsert_from_server(
            Entity::Reminder,
            &json!({"id": "7d4c0a52-8888-4a2b-9c3d-000000000001", "calendarId": CAL, "calendarEntryId": later_entry,
                "recurrenceMasterId": null, "channel": "email", "offsetMinutes": -30, "isEnabled": true, "updatedAt": "2026-01-02T00:00:00Z"}),
        )
        .unwrap();
    assert_eq!(scope.reminders(CAL).unwrap()[0].entry_id, None);
    let entry = scope
        .upsert_from_server(
            Entity::Entry,
            &json!({"id": later_entry, "calendarId": CAL, "kind": "event", "title": "Far away", "startsAt": "2027-06-01T08:00:00Z",
                "endsAt": "2027-06-01T09:00:00Z", "timezone": "UTC", "updatedAt": "2026-01-02T00:00:00Z"}),
        )
        .unwrap();
    assert_eq!(
        scope.reminders(CAL).unwrap()[0].entry_id.as_deref(),
        Some(entry.as_str())
    );
    // A calendar, though, must be known: an entry of an unknown calendar is refused.
    let err = scope
        .upsert_from_server(
            Entity::Entry,
            &json!({"id": "7d4c0a52-3333-4a2b-9c3d-000000000098", "calendarId": "7d4c0a52-1111-4a2b-9c3d-000000000404", "kind": "event",
                "title": "x", "startsAt": "2027-06-01T08:00:00Z", "endsAt": "2027-06-01T09:00:00Z", "timezone": "UTC"}),
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn contacts_written_together_land_as_one_by_one_and_an_unchanged_page_writes_nothing() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let id = |n: u32| format!("7d4c0a52-6666-4a2b-9c3d-{n:012}");
    let mut page: Vec<_> = (0..1200)
        .map(|n| server_contact(&id(n), &format!("Name{n}"), "Paged", "2026-01-02T00:00:00Z"))
        .collect();
    // More than one insert statement's worth (1,000 rows). The same contact twice (it moved
    // while listed): the later one wins, one row.
    page.push(server_contact(
        &id(7),
        "Renamed",
        "Paged",
        "2026-01-03T00:00:00Z",
    ));
    let local_ids = scope
        .upsert_many_from_server(Entity::Contact, &page)
        .unwrap();
    assert_eq!(local_ids.len(), page.len());
    assert_eq!(local_ids[7], local_ids[1200]);
    assert_eq!(scope.known_server_ids(Entity::Contact).unwrap().len(), 1200);
    let seven = scope.get(Entity::Contact, &local_ids[7]).unwrap();
    assert_eq!(seven.fields["firstName"], json!("Renamed"));
    assert_eq!(
        seven.base_updated_at.as_deref(),
        Some("2026-01-03T00:00:00Z")
    );
    // The full-text index has every row of the page.
    let found = scope.search_contacts("name1199", 10).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].local_id, local_ids[1199]);
    assert_eq!(scope.search_contacts("renamed", 10).unwrap().len(), 1);
    // Listed again as it is now: the same local ids, and not a byte of the replica moves.
    let before = fingerprint(&t.replica);
    let now: Vec<_> = (0..page.len()).filter(|&i| i != 7).collect();
    let listed: Vec<_> = now.iter().map(|&i| page[i].clone()).collect();
    let again = scope
        .upsert_many_from_server(Entity::Contact, &listed)
        .unwrap();
    let expected: Vec<_> = now.iter().map(|&i| local_ids[i].clone()).collect();
    assert_eq!(again, expected);
    assert_eq!(fingerprint(&t.replica), before);
}

/// An entry made here whose create was lost was made to repeat here, while its pulled copy was
/// made to repeat on the server by someone else. When the engine finds the lost create, the
/// copy goes into the entry made here; the replica shows one series per entry, so the series
/// made here stays and the copy's is left out, unless edits wait on it: then the adoption is
/// refused with the entry named and nothing changes.
#[test]
fn a_lost_entry_create_adopts_its_copy_with_one_series() {
    for edits_on_theirs in [false, true] {
        let t = open();
        let scope = t.replica.tenant(TENANT);
        // The server's copy with someone's series on it, pulled.
        let (copy, theirs) = pull_series(&scope);
        // The entry made here (same record: its create's answer was lost), made to repeat here.
        let mine = entry(
            &scope,
            CAL,
            "Weekly",
            "2026-03-02T08:00:00Z",
            "2026-03-02T09:00:00Z",
        );
        let my_series = scope
            .make_recurring(
                Source::User,
                fields(
                    json!({"calendarId": CAL, "rootEntryId": mine.local_id, "frequency": "daily",
                    "startsAt": "2026-03-02T08:00:00Z", "timezone": "Europe/Berlin"}),
                ),
            )
            .unwrap();
        if edits_on_theirs {
            scope
                .cancel_occurrence(
                    Source::User,
                    &theirs,
                    NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
                )
                .unwrap();
        }
        let before = fingerprint(&t.replica);
        let adopted = scope.map_server_id(Entity::Entry, &mine.local_id, ENTRY);
        if edits_on_theirs {
            let err = adopted.unwrap_err();
            assert!(err.to_string().contains(&mine.local_id), "{err}");
            assert_eq!(fingerprint(&t.replica), before, "nothing changed");
            continue;
        }
        adopted.unwrap();
        assert_eq!(
            scope.get(Entity::Entry, &copy).unwrap_err().code(),
            "not_found"
        );
        assert_eq!(
            scope.get(Entity::Entry, ENTRY).unwrap().local_id,
            mine.local_id
        );
        let shown = scope.series_of_entry(&mine.local_id).unwrap().unwrap();
        assert_eq!(shown.local_id, my_series.local_id);
        assert!(scope
            .known_server_ids(Entity::RecurrenceMaster)
            .unwrap()
            .is_empty());
        assert_eq!(
            scope
                .ops_for_record(Entity::RecurrenceMaster, &my_series.local_id)
                .unwrap()
                .len(),
            1,
            "the series made here still waits to be sent"
        );
    }
}
