//! `/secure/calendar/entries` over real HTTP: windows, shapes, validation, status, responses,
//! soft deletes, guests and tenant isolation.

use crate::common;

use common::*;
use serde_json::{json, Value};

const ENTRY_KEYS: &[&str] = &[
    "id",
    "tenantId",
    "calendarId",
    "kind",
    "status",
    "visibility",
    "title",
    "description",
    "startsAt",
    "endsAt",
    "localStartDate",
    "localEndDateExclusive",
    "timezone",
    "isAllDay",
    "ownerUserId",
    "metadata",
    "typeDefinitionId",
    "locationName",
    "locationPayload",
    "approvalState",
    "approvalRequestId",
    "createdAt",
    "updatedAt",
    "createdBy",
    "deletedAt",
    "deletedBy",
];

const PARTICIPANT_KEYS: &[&str] = &[
    "id",
    "tenantId",
    "calendarEntryId",
    "actorType",
    "actorUserId",
    "actorGroupId",
    "role",
    "responseStatus",
    "createdAt",
    "updatedAt",
    "createdBy",
    "deletedAt",
    "deletedBy",
];

async fn entry(rig: &Rig, calendar: &str, title: &str, start: &str, end: &str) -> Value {
    let (s, b) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({
                "calendarId": calendar, "kind": "event", "title": title,
                "startsAt": start, "endsAt": end, "timezone": "Europe/Berlin"
            })),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    b["data"].clone()
}

fn titles(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn create_get_patch_delete() {
    let rig = rig().await;
    let cal = rig.calendar("Team", "Europe/Berlin").await;
    let cal_id = cal["id"].as_str().unwrap();
    // The owner is a user of the tenant (the server refuses others): the demo admin.
    let owner = rig.as_admin(Method::GET, "/auth/me", None).await.1["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, created) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({
                "calendarId": cal_id, "kind": "booking", "title": "Boiler service",
                "startsAt": "2026-07-01T10:00:00+02:00", "endsAt": "2026-07-01T11:30:00+02:00",
                "timezone": "Europe/Berlin", "status": "tentative", "description": "Bring parts",
                "ownerUserId": owner, "metadata": { "outpostOpId": "op-9" },
                "locationName": "Hauptstraße 1", "locationPayload": { "lat": 52.5 }
            })),
        )
        .await;
    assert_eq!(s, 201, "{created}");
    let e = &created["data"];
    assert_eq!(keys(e), sorted(ENTRY_KEYS));
    assert_eq!(e["tenantId"], acme());
    assert_eq!(e["calendarId"], cal_id);
    assert_eq!(
        e["startsAt"], "2026-07-01T08:00:00.000Z",
        "times come back in UTC"
    );
    assert_eq!(e["endsAt"], "2026-07-01T09:30:00.000Z");
    assert_eq!(e["status"], "tentative");
    assert_eq!(e["visibility"], "default");
    assert_eq!(e["isAllDay"], false);
    assert_eq!(e["localStartDate"], Value::Null);
    assert_eq!(e["approvalState"], Value::Null);
    assert_eq!(e["metadata"], json!({ "outpostOpId": "op-9" }));
    assert_eq!(e["locationPayload"], json!({ "lat": 52.5 }));
    let id = e["id"].as_str().unwrap();

    let (s, got) = rig.call(Method::GET, &format!("/entries/{id}"), None).await;
    assert_eq!(s, 200);
    assert_eq!(&got["data"], e);

    let (s, patched) = rig
        .call(
            Method::PATCH,
            &format!("/entries/{id}"),
            Some(json!({ "title": "Boiler service (2h)", "endsAt": "2026-07-01T10:00:00Z" })),
        )
        .await;
    assert_eq!(s, 200, "{patched}");
    let p = &patched["data"];
    assert_eq!(p["title"], "Boiler service (2h)");
    assert_eq!(p["endsAt"], "2026-07-01T10:00:00.000Z");
    assert_eq!(p["description"], "Bring parts");
    assert!(p["updatedAt"].as_str().unwrap() > e["updatedAt"].as_str().unwrap());

    let (s, _) = rig
        .call(Method::DELETE, &format!("/entries/{id}"), None)
        .await;
    assert_eq!(s, 204);
    let (s, b) = rig.call(Method::GET, &format!("/entries/{id}"), None).await;
    assert_eq!(s, 404, "{b}");
    let (s, _) = rig
        .call(Method::DELETE, &format!("/entries/{id}"), None)
        .await;
    assert_eq!(s, 404);
    let (_, list) = rig
        .call(
            Method::GET,
            &format!(
                "/entries?calendarId={cal_id}&from=2026-07-01T00:00:00Z&to=2026-07-02T00:00:00Z"
            ),
            None,
        )
        .await;
    assert_eq!(list["total"], 0, "{list}");
    assert_eq!(
        rig.audit_of(id).await,
        [
            "created calendar_entry",
            "updated calendar_entry",
            "deleted calendar_entry"
        ]
    );
}

#[tokio::test]
async fn all_day_entries_carry_their_local_dates() {
    let rig = rig().await;
    let cal = rig.calendar("Leave", "Europe/Berlin").await;
    let (s, b) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({
                "calendarId": cal["id"], "kind": "hold", "title": "Holiday", "isAllDay": true,
                "startsAt": "2026-08-02T22:00:00Z", "endsAt": "2026-08-05T22:00:00Z",
                "timezone": "Europe/Berlin"
            })),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["data"]["localStartDate"], "2026-08-03");
    assert_eq!(b["data"]["localEndDateExclusive"], "2026-08-06");
    let id = b["data"]["id"].as_str().unwrap();
    let (_, timed) = rig
        .call(
            Method::PATCH,
            &format!("/entries/{id}"),
            Some(json!({ "isAllDay": false })),
        )
        .await;
    assert_eq!(timed["data"]["localStartDate"], Value::Null);
    assert_eq!(timed["data"]["localEndDateExclusive"], Value::Null);
}

#[tokio::test]
async fn the_window_returns_overlapping_entries_in_order() {
    let rig = rig().await;
    let cal = rig.calendar("Window", "UTC").await;
    let other = rig.calendar("Other", "UTC").await;
    let c = cal["id"].as_str().unwrap();
    entry(
        &rig,
        c,
        "ends at from",
        "2026-03-01T08:00:00Z",
        "2026-03-02T00:00:00Z",
    )
    .await;
    entry(
        &rig,
        c,
        "spans",
        "2026-02-20T00:00:00Z",
        "2026-04-01T00:00:00Z",
    )
    .await;
    entry(
        &rig,
        c,
        "inside late",
        "2026-03-05T09:00:00Z",
        "2026-03-05T10:00:00Z",
    )
    .await;
    entry(
        &rig,
        c,
        "inside early",
        "2026-03-02T09:00:00Z",
        "2026-03-02T10:00:00Z",
    )
    .await;
    entry(
        &rig,
        c,
        "straddles to",
        "2026-03-08T23:00:00Z",
        "2026-03-09T01:00:00Z",
    )
    .await;
    entry(
        &rig,
        c,
        "starts at to",
        "2026-03-09T00:00:00Z",
        "2026-03-09T01:00:00Z",
    )
    .await;
    entry(
        &rig,
        other["id"].as_str().unwrap(),
        "other calendar",
        "2026-03-03T09:00:00Z",
        "2026-03-03T10:00:00Z",
    )
    .await;
    let window = "from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z";
    let (s, list) = rig
        .call(
            Method::GET,
            &format!("/entries?calendarId={c}&{window}"),
            None,
        )
        .await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(keys(&list), ["data", "limit", "offset", "total"]);
    assert_eq!(
        titles(&list),
        ["spans", "inside early", "inside late", "straddles to"]
    );
    let (_, page) = rig
        .call(
            Method::GET,
            &format!("/entries?calendarId={c}&{window}&limit=2&offset=1"),
            None,
        )
        .await;
    assert_eq!(page["total"], 4);
    assert_eq!(page["limit"], 2);
    assert_eq!(titles(&page), ["inside early", "inside late"]);
    // Offsets are accepted too (2026-03-02T01:00+01:00 is the same instant as 00:00Z).
    let shifted = send(
        rig.http
            .get(format!(
                "{}/api/v1/secure/calendar/entries",
                rig.server.base_url()
            ))
            .query(&[
                ("calendarId", c),
                ("from", "2026-03-02T01:00:00+01:00"),
                ("to", "2026-03-09T00:00:00Z"),
            ])
            .bearer_auth(&rig.admin)
            .header("X-Tenant-ID", acme()),
    )
    .await
    .json();
    assert_eq!(shifted["total"], 4, "{shifted}");
    // Without a calendar filter, every calendar of the tenant.
    let (_, all) = rig
        .call(Method::GET, &format!("/entries?{window}"), None)
        .await;
    let all = titles(&all);
    assert!(all.contains(&"other calendar".to_string()) && all.contains(&"spans".to_string()));
}

#[tokio::test]
async fn windows_are_bounded_and_checked() {
    let rig = rig().await;
    let ok = rig
        .call(
            Method::GET,
            "/entries?from=2026-01-01T00:00:00Z&to=2027-01-02T00:00:00Z",
            None,
        )
        .await;
    assert_eq!(ok.0, 200, "366 days are allowed: {}", ok.1);
    for (query, field) in [
        ("from=2026-01-01T00:00:00Z&to=2027-01-02T00:00:01Z", "to"),
        ("to=2026-02-01T00:00:00Z", "from"),
        ("from=2026-01-01T00:00:00Z", "to"),
        ("from=2026-01-01&to=2026-02-01T00:00:00Z", "from"),
        ("from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z", "to"),
        ("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"),
        (
            "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&calendarId=x",
            "calendarId",
        ),
        (
            "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&limit=0",
            "limit",
        ),
    ] {
        let (s, b) = rig
            .call(Method::GET, &format!("/entries?{query}"), None)
            .await;
        assert_names_field(s, &b, field);
    }
}

#[tokio::test]
async fn validation_names_the_field() {
    let rig = rig().await;
    let cal = rig.calendar("Checks", "UTC").await;
    let ok = json!({
        "calendarId": cal["id"], "kind": "event", "title": "T",
        "startsAt": "2026-05-01T10:00:00Z", "endsAt": "2026-05-01T11:00:00Z", "timezone": "UTC"
    });
    let with = |key: &str, value: Value| {
        let mut b = ok.clone();
        b[key] = value;
        b
    };
    let without = |key: &str| {
        let mut b = ok.clone();
        b.as_object_mut().unwrap().remove(key);
        b
    };
    let nw_cal = rig
        .call_as(
            &rig.admin,
            Some(&northwind()),
            Method::POST,
            "/",
            Some(json!({ "kind": "tenant_shared", "name": "NW", "timezone": "UTC" })),
        )
        .await
        .1["data"]["id"]
        .clone();
    let mut cases = vec![];
    for key in [
        "calendarId",
        "kind",
        "title",
        "startsAt",
        "endsAt",
        "timezone",
    ] {
        cases.push((without(key), key));
    }
    cases.extend([
        (with("calendarId", json!("cal-1")), "calendarId"),
        (
            with("calendarId", json!(uuid::Uuid::new_v4())),
            "calendarId",
        ),
        (with("calendarId", nw_cal), "calendarId"),
        (with("kind", json!("meeting")), "kind"),
        (with("status", json!("done")), "status"),
        (with("visibility", json!("public")), "visibility"),
        (with("title", json!("")), "title"),
        (with("title", json!("t".repeat(256))), "title"),
        (with("startsAt", json!("tomorrow")), "startsAt"),
        (with("endsAt", json!("2026-05-01T10:00:00Z")), "endsAt"),
        (with("endsAt", json!("2026-05-01T09:00:00Z")), "endsAt"),
        (with("timezone", json!("Berlin")), "timezone"),
        (with("isAllDay", json!("yes")), "isAllDay"),
        (with("ownerUserId", json!("me")), "ownerUserId"),
        (with("metadata", json!("x")), "metadata"),
        (with("locationName", json!("l".repeat(256))), "locationName"),
        (with("locationPayload", json!(1)), "locationPayload"),
        (with("description", Value::Null), "description"),
        (with("approvalState", json!("approved")), "approvalState"),
        (with("id", json!(uuid::Uuid::new_v4())), "id"),
    ]);
    for (body, field) in cases {
        let (s, b) = rig.call(Method::POST, "/entries", Some(body)).await;
        assert_names_field(s, &b, field);
    }
    let e = entry(
        &rig,
        cal["id"].as_str().unwrap(),
        "E",
        "2026-05-01T10:00:00Z",
        "2026-05-01T11:00:00Z",
    )
    .await;
    let path = format!("/entries/{}", e["id"].as_str().unwrap());
    for (body, field) in [
        (json!({}), "body"),
        (json!({ "calendarId": uuid::Uuid::new_v4() }), "calendarId"),
        (json!({ "startsAt": "2026-05-01T12:00:00Z" }), "startsAt"),
        (json!({ "endsAt": "2026-05-01T10:00:00Z" }), "endsAt"),
        (json!({ "title": null }), "title"),
        (json!({ "localStartDate": "2026-05-01" }), "localStartDate"),
    ] {
        let (s, b) = rig.call(Method::PATCH, &path, Some(body)).await;
        assert_names_field(s, &b, field);
    }
    let (_, unchanged) = rig.call(Method::GET, &path, None).await;
    assert_eq!(unchanged["data"], e, "refused patches change nothing");
    for (method, p) in [
        (Method::POST, "/entries".to_string()),
        (Method::PATCH, path.clone()),
    ] {
        let (s, b) = rig.malformed(method, &p).await;
        assert_eq!(s, 400, "{b}");
        assert_eq!(b["error"], "BAD_REQUEST");
    }
    for action in ["status", "respond"] {
        let (s, b) = rig
            .malformed(Method::POST, &format!("{path}/{action}"))
            .await;
        assert_eq!(s, 400, "{b}");
    }
}

#[tokio::test]
async fn status_transitions_take_any_of_the_five() {
    let rig = rig().await;
    let cal = rig.calendar("Bookings", "UTC").await;
    let e = entry(
        &rig,
        cal["id"].as_str().unwrap(),
        "Room",
        "2026-05-01T10:00:00Z",
        "2026-05-01T11:00:00Z",
    )
    .await;
    let id = e["id"].as_str().unwrap();
    let mut last = e["updatedAt"].as_str().unwrap().to_string();
    for status in [
        "draft",
        "tentative",
        "confirmed",
        "completed",
        "cancelled",
        "confirmed",
    ] {
        let (s, b) = rig
            .call(
                Method::POST,
                &format!("/entries/{id}/status"),
                Some(json!({ "status": status })),
            )
            .await;
        assert_eq!(s, 200, "{b}");
        assert_eq!(keys(&b["data"]), sorted(ENTRY_KEYS));
        assert_eq!(b["data"]["status"], status);
        let stamp = b["data"]["updatedAt"].as_str().unwrap().to_string();
        assert!(stamp > last);
        last = stamp;
    }
    for (body, field) in [
        (json!({}), "status"),
        (json!({ "status": "approved" }), "status"),
        (json!({ "status": "draft", "note": "x" }), "note"),
    ] {
        let (s, b) = rig
            .call(Method::POST, &format!("/entries/{id}/status"), Some(body))
            .await;
        assert_names_field(s, &b, field);
    }
    let unknown = uuid::Uuid::new_v4();
    let (s, _) = rig
        .call(
            Method::POST,
            &format!("/entries/{unknown}/status"),
            Some(json!({ "status": "draft" })),
        )
        .await;
    assert_eq!(s, 404);
    let audit = rig.audit_of(id).await;
    assert_eq!(audit.len(), 7, "{audit:?}");
}

#[tokio::test]
async fn respond_records_the_callers_participation() {
    let rig = rig().await;
    let cal = rig.calendar("Invites", "UTC").await;
    let e = entry(
        &rig,
        cal["id"].as_str().unwrap(),
        "Review",
        "2026-05-01T10:00:00Z",
        "2026-05-01T11:00:00Z",
    )
    .await;
    let id = e["id"].as_str().unwrap();
    let (s, first) = rig
        .call(
            Method::POST,
            &format!("/entries/{id}/respond"),
            Some(json!({ "responseStatus": "tentative" })),
        )
        .await;
    assert_eq!(s, 200, "{first}");
    let p = &first["data"];
    assert_eq!(keys(p), sorted(PARTICIPANT_KEYS));
    assert_eq!(p["calendarEntryId"], id);
    assert_eq!(p["tenantId"], acme());
    assert_eq!(p["actorType"], "user");
    assert_eq!(p["actorGroupId"], Value::Null);
    assert_eq!(p["role"], "attendee");
    assert_eq!(p["responseStatus"], "tentative");
    let (_, second) = rig
        .call(
            Method::POST,
            &format!("/entries/{id}/respond"),
            Some(json!({ "responseStatus": "accepted" })),
        )
        .await;
    assert_eq!(
        second["data"]["id"], p["id"],
        "one participant per user and entry"
    );
    assert_eq!(second["data"]["responseStatus"], "accepted");
    assert_eq!(second["data"]["createdAt"], p["createdAt"]);
    assert!(second["data"]["updatedAt"].as_str().unwrap() > p["updatedAt"].as_str().unwrap());
    // The entry itself is unchanged by a response.
    let (_, after) = rig.call(Method::GET, &format!("/entries/{id}"), None).await;
    assert_eq!(after["data"]["updatedAt"], e["updatedAt"]);

    // The owner answers as owner.
    let me = p["actorUserId"].as_str().unwrap();
    let (_, owned) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({
                "calendarId": cal["id"], "kind": "event", "title": "Mine", "ownerUserId": me,
                "startsAt": "2026-05-02T10:00:00Z", "endsAt": "2026-05-02T11:00:00Z", "timezone": "UTC"
            })),
        )
        .await;
    let owned_id = owned["data"]["id"].as_str().unwrap();
    let (_, mine) = rig
        .call(
            Method::POST,
            &format!("/entries/{owned_id}/respond"),
            Some(json!({ "responseStatus": "accepted" })),
        )
        .await;
    assert_eq!(mine["data"]["role"], "owner");

    for body in [json!({}), json!({ "responseStatus": "maybe" })] {
        let (s, b) = rig
            .call(Method::POST, &format!("/entries/{id}/respond"), Some(body))
            .await;
        assert_names_field(s, &b, "responseStatus");
    }
    let (s, _) = rig
        .call(Method::DELETE, &format!("/entries/{id}"), None)
        .await;
    assert_eq!(s, 204);
    let (s, _) = rig
        .call(
            Method::POST,
            &format!("/entries/{id}/respond"),
            Some(json!({ "responseStatus": "declined" })),
        )
        .await;
    assert_eq!(s, 404, "a deleted entry takes no answers");
}

#[tokio::test]
async fn deleting_a_calendar_takes_its_entries_along() {
    let rig = rig().await;
    let cal = rig.calendar("Doomed", "UTC").await;
    let c = cal["id"].as_str().unwrap();
    let e = entry(
        &rig,
        c,
        "Gone",
        "2026-05-01T10:00:00Z",
        "2026-05-01T11:00:00Z",
    )
    .await;
    let (s, _) = rig.call(Method::DELETE, &format!("/{c}"), None).await;
    assert_eq!(s, 204);
    let (s, _) = rig
        .call(
            Method::GET,
            &format!("/entries/{}", e["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(s, 404);
    let (_, list) = rig
        .call(
            Method::GET,
            &format!("/entries?calendarId={c}&from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z"),
            None,
        )
        .await;
    assert_eq!(list["total"], 0);
    let (s, b) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({
                "calendarId": c, "kind": "event", "title": "Late",
                "startsAt": "2026-05-01T10:00:00Z", "endsAt": "2026-05-01T11:00:00Z", "timezone": "UTC"
            })),
        )
        .await;
    assert_names_field(s, &b, "calendarId");
}

#[tokio::test]
async fn without_a_token_every_route_is_401() {
    let rig = rig().await;
    let id = uuid::Uuid::new_v4();
    for (method, path) in [
        (
            Method::GET,
            "/entries?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z".to_string(),
        ),
        (Method::POST, "/entries".to_string()),
        (Method::GET, format!("/entries/{id}")),
        (Method::PATCH, format!("/entries/{id}")),
        (Method::DELETE, format!("/entries/{id}")),
        (Method::POST, format!("/entries/{id}/status")),
        (Method::POST, format!("/entries/{id}/respond")),
    ] {
        let (s, b) = rig.anonymous(method, &path).await;
        assert_eq!(s, 401, "{path}: {b}");
    }
}

#[tokio::test]
async fn guests_read_but_do_not_write() {
    let rig = rig().await;
    let cal = rig.calendar("Read only", "UTC").await;
    let e = entry(
        &rig,
        cal["id"].as_str().unwrap(),
        "Seen",
        "2026-05-01T10:00:00Z",
        "2026-05-01T11:00:00Z",
    )
    .await;
    let id = e["id"].as_str().unwrap();
    let g = |method, path: String, body| {
        let r = &rig;
        async move { r.call_as(&r.guest, None, method, &path, body).await }
    };
    let (s, b) = g(Method::GET, format!("/entries/{id}"), None).await;
    assert_eq!(s, 200, "{b}");
    let (s, _) = g(
        Method::GET,
        "/entries?from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z".into(),
        None,
    )
    .await;
    assert_eq!(s, 200);
    for (method, path, body) in [
        (
            Method::POST,
            "/entries".to_string(),
            json!({ "calendarId": cal["id"], "kind": "event", "title": "G", "startsAt": "2026-05-01T10:00:00Z", "endsAt": "2026-05-01T11:00:00Z", "timezone": "UTC" }),
        ),
        (
            Method::PATCH,
            format!("/entries/{id}"),
            json!({ "title": "G" }),
        ),
        (Method::DELETE, format!("/entries/{id}"), json!({})),
        (
            Method::POST,
            format!("/entries/{id}/status"),
            json!({ "status": "draft" }),
        ),
        (
            Method::POST,
            format!("/entries/{id}/respond"),
            json!({ "responseStatus": "accepted" }),
        ),
    ] {
        let (s, b) = g(method, path.clone(), Some(body)).await;
        assert_eq!(s, 403, "{path}: {b}");
        assert_eq!(b["error"], "FORBIDDEN");
    }
    let (_, after) = rig.call(Method::GET, &format!("/entries/{id}"), None).await;
    assert_eq!(after["data"], e);
}

#[tokio::test]
async fn tenants_never_see_each_others_entries() {
    let rig = rig().await;
    let cal = rig.calendar("Acme", "UTC").await;
    let e = entry(
        &rig,
        cal["id"].as_str().unwrap(),
        "Acme only",
        "2026-05-01T10:00:00Z",
        "2026-05-01T11:00:00Z",
    )
    .await;
    let id = e["id"].as_str().unwrap();
    let nw = northwind();
    let o = |method, path: String, body| {
        let (r, nw) = (&rig, &nw);
        async move { r.call_as(&r.admin, Some(nw), method, &path, body).await }
    };
    for (method, path, body) in [
        (Method::GET, format!("/entries/{id}"), None),
        (
            Method::PATCH,
            format!("/entries/{id}"),
            Some(json!({ "title": "x" })),
        ),
        (Method::DELETE, format!("/entries/{id}"), None),
        (
            Method::POST,
            format!("/entries/{id}/status"),
            Some(json!({ "status": "draft" })),
        ),
        (
            Method::POST,
            format!("/entries/{id}/respond"),
            Some(json!({ "responseStatus": "accepted" })),
        ),
    ] {
        let (s, b) = o(method, path.clone(), body).await;
        assert_eq!(s, 404, "{path}: {b}");
    }
    let (_, list) = o(
        Method::GET,
        format!(
            "/entries?calendarId={}&from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z",
            cal["id"].as_str().unwrap()
        ),
        None,
    )
    .await;
    assert_eq!(list["total"], 0);
    let (_, all) = o(
        Method::GET,
        "/entries?from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z".into(),
        None,
    )
    .await;
    assert!(all["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["tenantId"] == nw));
}

#[tokio::test]
async fn an_owner_must_be_a_user_of_the_tenant() {
    let rig = rig().await;
    let cal = rig.calendar("Owners", "Europe/Berlin").await;
    let cal = cal["id"].as_str().unwrap();
    let body = |owner: &str| {
        json!({
            "calendarId": cal, "kind": "event", "title": "Site walk",
            "startsAt": "2026-12-14T09:00:00Z", "endsAt": "2026-12-14T10:00:00Z",
            "timezone": "Europe/Berlin", "ownerUserId": owner,
        })
    };
    let stranger = "0190f7a0-0000-7000-8000-00000000dead";
    let (status, answer) = rig
        .call(Method::POST, "/entries", Some(body(stranger)))
        .await;
    assert_names_field(status, &answer, "ownerUserId");

    let me = rig.as_admin(Method::GET, "/auth/me", None).await.1["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, created) = rig.call(Method::POST, "/entries", Some(body(&me))).await;
    assert_eq!(status, 201, "{created}");
    let id = created["data"]["id"].as_str().unwrap();
    let (status, answer) = rig
        .call(
            Method::PATCH,
            &format!("/entries/{id}"),
            Some(json!({ "ownerUserId": stranger })),
        )
        .await;
    assert_names_field(status, &answer, "ownerUserId");
}
