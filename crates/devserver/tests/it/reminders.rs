//! Reminders over real HTTP: create for an entry or a series, next triggers that follow the
//! entry and the occurrences, ack, delete, the calendar's list; validation, roles, isolation.

use crate::common;

use common::*;
use serde_json::{json, Value};

const REMINDER_KEYS: &[&str] = &[
    "id",
    "tenantId",
    "calendarId",
    "calendarEntryId",
    "recurrenceMasterId",
    "channel",
    "offsetMinutes",
    "isEnabled",
    "nextTriggerAt",
    "lastTriggeredAt",
    "createdAt",
    "updatedAt",
    "createdBy",
    "deletedAt",
    "deletedBy",
];

struct Setup {
    calendar: String,
    entry: String,
    master: String,
}

/// A calendar with a one-off entry on 1 Jan 2030 at 10:00Z and a daily series from 1 Jan 2030
/// at 08:00Z (its root entry is its first occurrence).
async fn setup(rig: &Rig) -> Setup {
    let cal = rig.calendar("Reminders", "UTC").await;
    let c = cal["id"].as_str().unwrap().to_string();
    let mut ids = Vec::new();
    for (title, start, end) in [
        ("One-off", "2030-01-01T10:00:00Z", "2030-01-01T11:00:00Z"),
        ("Daily", "2030-01-01T08:00:00Z", "2030-01-01T08:30:00Z"),
    ] {
        let (s, b) = rig
            .call(
                Method::POST,
                "/entries",
                Some(json!({ "calendarId": c, "kind": "event", "title": title, "startsAt": start, "endsAt": end, "timezone": "UTC" })),
            )
            .await;
        assert_eq!(s, 201, "{b}");
        ids.push(b["data"]["id"].as_str().unwrap().to_string());
    }
    let (s, m) = rig
        .call(
            Method::POST,
            "/recurrence-masters",
            Some(json!({ "calendarId": c, "rootEntryId": ids[1], "frequency": "daily", "startsAt": "2030-01-01T08:00:00Z", "timezone": "UTC" })),
        )
        .await;
    assert_eq!(s, 201, "{m}");
    Setup {
        calendar: c,
        entry: ids[0].clone(),
        master: m["data"]["id"].as_str().unwrap().to_string(),
    }
}

async fn remind(rig: &Rig, body: Value) -> Value {
    let (s, b) = rig.call(Method::POST, "/reminders", Some(body)).await;
    assert_eq!(s, 201, "{b}");
    b["data"].clone()
}

#[tokio::test]
async fn an_entry_reminder_triggers_once() {
    let rig = rig().await;
    let s = setup(&rig).await;
    let r = remind(&rig, json!({ "calendarId": s.calendar, "calendarEntryId": s.entry, "channel": "email", "offsetMinutes": 30 })).await;
    assert_eq!(keys(&r), sorted(REMINDER_KEYS));
    assert_eq!(r["tenantId"], acme());
    assert_eq!(r["recurrenceMasterId"], Value::Null);
    assert_eq!(r["isEnabled"], true);
    assert_eq!(r["nextTriggerAt"], "2030-01-01T09:30:00.000Z");
    assert_eq!(r["lastTriggeredAt"], Value::Null);
    let id = r["id"].as_str().unwrap();

    // Moving the entry moves the trigger.
    let (st, _) = rig
        .call(
            Method::PATCH,
            &format!("/entries/{}", s.entry),
            Some(json!({ "startsAt": "2030-01-01T09:00:00Z" })),
        )
        .await;
    assert_eq!(st, 200);
    let (_, list) = rig
        .call(Method::GET, &format!("/{}/reminders", s.calendar), None)
        .await;
    assert_eq!(keys(&list), ["data", "total"]);
    assert_eq!(list["total"], 1);
    assert_eq!(list["data"][0]["nextTriggerAt"], "2030-01-01T08:30:00.000Z");

    let (st, acked) = rig
        .call(
            Method::POST,
            &format!("/reminders/{id}/ack"),
            Some(json!({ "triggeredAt": "2030-01-01T08:30:00Z" })),
        )
        .await;
    assert_eq!(st, 200, "{acked}");
    assert_eq!(keys(&acked["data"]), sorted(REMINDER_KEYS));
    assert_eq!(acked["data"]["lastTriggeredAt"], "2030-01-01T08:30:00.000Z");
    assert_eq!(
        acked["data"]["nextTriggerAt"],
        Value::Null,
        "a one-off entry triggers once"
    );
    assert!(acked["data"]["updatedAt"].as_str().unwrap() > r["updatedAt"].as_str().unwrap());

    // Negative offsets trigger after the start; disabled reminders never; past entries have
    // nothing left to trigger.
    let after = remind(&rig, json!({ "calendarId": s.calendar, "calendarEntryId": s.entry, "channel": "sms", "offsetMinutes": -10 })).await;
    assert_eq!(after["nextTriggerAt"], "2030-01-01T09:10:00.000Z");
    let off = remind(&rig, json!({ "calendarId": s.calendar, "calendarEntryId": s.entry, "channel": "in_app", "offsetMinutes": 5, "isEnabled": false })).await;
    assert_eq!(off["isEnabled"], false);
    assert_eq!(off["nextTriggerAt"], Value::Null);
    let (_, past) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({ "calendarId": s.calendar, "kind": "event", "title": "Past", "startsAt": "2020-01-01T10:00:00Z", "endsAt": "2020-01-01T11:00:00Z", "timezone": "UTC" })),
        )
        .await;
    let old = remind(&rig, json!({ "calendarId": s.calendar, "calendarEntryId": past["data"]["id"], "channel": "webhook", "offsetMinutes": 0 })).await;
    assert_eq!(old["nextTriggerAt"], Value::Null);
    // An ack without a time is stamped now.
    let (_, now_ack) = rig
        .call(
            Method::POST,
            &format!("/reminders/{}/ack", after["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert!(now_ack["data"]["lastTriggeredAt"].as_str().unwrap() < "2030");
    assert_eq!(
        rig.audit_of(id).await,
        ["created calendar_reminder", "updated calendar_reminder"]
    );
}

#[tokio::test]
async fn a_series_reminder_advances_over_occurrences_cancellations_and_overrides() {
    let rig = rig().await;
    let s = setup(&rig).await;
    let r = remind(&rig, json!({ "calendarId": s.calendar, "recurrenceMasterId": s.master, "channel": "in_app", "offsetMinutes": 15 })).await;
    assert_eq!(r["calendarEntryId"], Value::Null);
    assert_eq!(r["nextTriggerAt"], "2030-01-01T07:45:00.000Z");
    let id = r["id"].as_str().unwrap();
    let ack = |at: &'static str| {
        let rig = &rig;
        async move {
            let (st, b) = rig
                .call(
                    Method::POST,
                    &format!("/reminders/{id}/ack"),
                    Some(json!({ "triggeredAt": at })),
                )
                .await;
            assert_eq!(st, 200, "{b}");
            b["data"]["nextTriggerAt"].clone()
        }
    };
    assert_eq!(
        ack("2030-01-01T07:45:00Z").await,
        "2030-01-02T07:45:00.000Z"
    );

    // Cancel 2 January and move 3 January to noon.
    let (_, inst) = rig
        .call(Method::GET, &format!("/recurrence-masters/{}/instances?from=2030-01-02T00:00:00Z&to=2030-01-04T00:00:00Z", s.master), None)
        .await;
    let ids: Vec<&str> = inst["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    let (st, _) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{}", ids[0]),
            Some(json!({ "instanceState": "cancelled" })),
        )
        .await;
    assert_eq!(st, 200);
    let (st, _) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{}", ids[1]),
            Some(json!({ "startsAt": "2030-01-03T12:00:00Z", "endsAt": "2030-01-03T12:30:00Z" })),
        )
        .await;
    assert_eq!(st, 200);
    let (_, list) = rig
        .call(Method::GET, &format!("/{}/reminders", s.calendar), None)
        .await;
    assert_eq!(list["data"][0]["nextTriggerAt"], "2030-01-03T11:45:00.000Z");
    assert_eq!(
        ack("2030-01-03T11:45:00Z").await,
        "2030-01-04T07:45:00.000Z"
    );
}

#[tokio::test]
async fn delete_and_the_calendar_list() {
    let rig = rig().await;
    let s = setup(&rig).await;
    let other = rig.calendar("Other", "UTC").await;
    let a = remind(&rig, json!({ "calendarId": s.calendar, "calendarEntryId": s.entry, "channel": "email", "offsetMinutes": 60 })).await;
    let b = remind(&rig, json!({ "calendarId": s.calendar, "recurrenceMasterId": s.master, "channel": "email", "offsetMinutes": 60 })).await;
    let (_, list) = rig
        .call(Method::GET, &format!("/{}/reminders", s.calendar), None)
        .await;
    assert_eq!(list["total"], 2);
    let (_, none) = rig
        .call(
            Method::GET,
            &format!("/{}/reminders", other["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(none, json!({ "data": [], "total": 0 }));

    let (st, _) = rig
        .call(
            Method::DELETE,
            &format!("/reminders/{}", a["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(st, 204);
    let (st, _) = rig
        .call(
            Method::DELETE,
            &format!("/reminders/{}", a["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(st, 404, "deleted is gone");
    let (st, _) = rig
        .call(
            Method::POST,
            &format!("/reminders/{}/ack", a["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(st, 404);
    let (_, list) = rig
        .call(Method::GET, &format!("/{}/reminders", s.calendar), None)
        .await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["data"][0]["id"], b["id"]);
    assert_eq!(
        rig.audit_of(a["id"].as_str().unwrap()).await,
        ["created calendar_reminder", "deleted calendar_reminder"]
    );

    // Deleting the series' root entry takes the series' reminders; deleting the calendar, the list.
    let (_, master) = rig
        .call(
            Method::GET,
            &format!("/recurrence-masters/{}", s.master),
            None,
        )
        .await;
    let root = master["data"]["rootEntryId"].as_str().unwrap();
    let (st, _) = rig
        .call(Method::DELETE, &format!("/entries/{root}"), None)
        .await;
    assert_eq!(st, 204);
    let (_, list) = rig
        .call(Method::GET, &format!("/{}/reminders", s.calendar), None)
        .await;
    assert_eq!(list["total"], 0);
    let (st, _) = rig
        .call(Method::DELETE, &format!("/{}", s.calendar), None)
        .await;
    assert_eq!(st, 204);
    let (st, _) = rig
        .call(Method::GET, &format!("/{}/reminders", s.calendar), None)
        .await;
    assert_eq!(st, 404);
    let (st, _) = rig
        .call(
            Method::GET,
            &format!("/{}/reminders", uuid::Uuid::new_v4()),
            None,
        )
        .await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn validation_names_the_field() {
    let rig = rig().await;
    let s = setup(&rig).await;
    let other = rig.calendar("Other", "UTC").await;
    let ok = json!({ "calendarId": s.calendar, "calendarEntryId": s.entry, "channel": "email", "offsetMinutes": 10 });
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
    for (body, field) in [
        (without("calendarId"), "calendarId"),
        (without("channel"), "channel"),
        (without("offsetMinutes"), "offsetMinutes"),
        (without("calendarEntryId"), "calendarEntryId"),
        (
            with("recurrenceMasterId", json!(s.master)),
            "recurrenceMasterId",
        ),
        (with("calendarId", json!("c")), "calendarId"),
        (
            with("calendarId", json!(uuid::Uuid::new_v4())),
            "calendarId",
        ),
        (with("calendarId", other["id"].clone()), "calendarEntryId"),
        (
            with("calendarEntryId", json!(uuid::Uuid::new_v4())),
            "calendarEntryId",
        ),
        (with("channel", json!("pager")), "channel"),
        (with("offsetMinutes", json!(10081)), "offsetMinutes"),
        (with("offsetMinutes", json!(-10081)), "offsetMinutes"),
        (with("offsetMinutes", json!("10")), "offsetMinutes"),
        (with("isEnabled", json!("yes")), "isEnabled"),
        (
            with("nextTriggerAt", json!("2030-01-01T00:00:00Z")),
            "nextTriggerAt",
        ),
    ] {
        let (st, b) = rig.call(Method::POST, "/reminders", Some(body)).await;
        assert_names_field(st, &b, field);
    }
    let mut series_elsewhere = without("calendarEntryId");
    series_elsewhere["recurrenceMasterId"] = json!(uuid::Uuid::new_v4());
    let (st, b) = rig
        .call(Method::POST, "/reminders", Some(series_elsewhere))
        .await;
    assert_names_field(st, &b, "recurrenceMasterId");
    let (st, b) = rig.malformed(Method::POST, "/reminders").await;
    assert_eq!(st, 400, "{b}");
    let r = remind(&rig, ok).await;
    let ack = format!("/reminders/{}/ack", r["id"].as_str().unwrap());
    for (body, field) in [
        (json!({ "triggeredAt": "now" }), "triggeredAt"),
        (
            json!({ "triggeredAt": "2030-01-01T00:00:00Z", "by": "me" }),
            "by",
        ),
    ] {
        let (st, b) = rig.call(Method::POST, &ack, Some(body)).await;
        assert_names_field(st, &b, field);
    }
    let (st, b) = rig.malformed(Method::POST, &ack).await;
    assert_eq!(st, 400, "{b}");
}

#[tokio::test]
async fn tokens_roles_and_tenants() {
    let rig = rig().await;
    let s = setup(&rig).await;
    let r = remind(&rig, json!({ "calendarId": s.calendar, "calendarEntryId": s.entry, "channel": "email", "offsetMinutes": 10 })).await;
    let id = r["id"].as_str().unwrap();
    for (method, path) in [
        (Method::POST, "/reminders".to_string()),
        (Method::DELETE, format!("/reminders/{id}")),
        (Method::POST, format!("/reminders/{id}/ack")),
        (Method::GET, format!("/{}/reminders", s.calendar)),
    ] {
        let (st, _) = rig.anonymous(method, &path).await;
        assert_eq!(st, 401, "{path}");
    }
    let (st, list) = rig
        .call_as(
            &rig.guest,
            None,
            Method::GET,
            &format!("/{}/reminders", s.calendar),
            None,
        )
        .await;
    assert_eq!(st, 200);
    assert_eq!(list["total"], 1);
    for (method, path, body) in [
        (
            Method::POST,
            "/reminders".to_string(),
            Some(
                json!({ "calendarId": s.calendar, "calendarEntryId": s.entry, "channel": "email", "offsetMinutes": 1 }),
            ),
        ),
        (Method::DELETE, format!("/reminders/{id}"), None),
        (Method::POST, format!("/reminders/{id}/ack"), None),
    ] {
        let (st, b) = rig.call_as(&rig.guest, None, method, &path, body).await;
        assert_eq!(st, 403, "{path}: {b}");
    }
    let nw = northwind();
    for (method, path) in [
        (Method::DELETE, format!("/reminders/{id}")),
        (Method::POST, format!("/reminders/{id}/ack")),
        (Method::GET, format!("/{}/reminders", s.calendar)),
    ] {
        let (st, _) = rig
            .call_as(&rig.admin, Some(&nw), method, &path, None)
            .await;
        assert_eq!(st, 404, "{path}");
    }
    let (st, b) = rig
        .call_as(&rig.admin, Some(&nw), Method::POST, "/reminders", Some(json!({ "calendarId": s.calendar, "calendarEntryId": s.entry, "channel": "email", "offsetMinutes": 1 })))
        .await;
    assert_names_field(st, &b, "calendarId");
    let (_, still) = rig
        .call(Method::GET, &format!("/{}/reminders", s.calendar), None)
        .await;
    assert_eq!(
        still["data"][0]["lastTriggeredAt"],
        Value::Null,
        "nobody else acked it"
    );
}
