//! Recurrence masters and instances over real HTTP: expansion in the calendar's zone across DST,
//! month ends, leap years, until and count, weekday sets; overrides and cancellations.

use crate::common;

use common::*;
use serde_json::{json, Value};

const MASTER_KEYS: &[&str] = &[
    "id",
    "tenantId",
    "calendarId",
    "rootEntryId",
    "frequency",
    "intervalCount",
    "byWeekday",
    "byMonthDay",
    "startsAt",
    "untilAt",
    "occurrenceCountLimit",
    "timezone",
    "generatedWindowDays",
    "metadata",
    "createdAt",
    "updatedAt",
    "createdBy",
    "deletedAt",
    "deletedBy",
];

const INSTANCE_KEYS: &[&str] = &[
    "id",
    "tenantId",
    "calendarId",
    "recurrenceMasterId",
    "sourceEntryId",
    "instanceDate",
    "startsAt",
    "endsAt",
    "localStartDate",
    "localEndDateExclusive",
    "timezone",
    "isAllDay",
    "instanceState",
    "status",
    "titleOverride",
    "descriptionOverride",
    "metadataOverride",
    "createdAt",
    "updatedAt",
    "createdBy",
    "deletedAt",
    "deletedBy",
];

/// A calendar in `tz`, a one-hour root entry at `start`, and a master with `rule` fields.
async fn series(rig: &Rig, tz: &str, start: &str, rule: Value) -> (Value, Value) {
    let cal = rig.calendar("Series", tz).await;
    let starts = chrono::DateTime::parse_from_rfc3339(start).unwrap();
    let (s, root) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({
                "calendarId": cal["id"], "kind": "event", "title": "Standup", "timezone": tz,
                "startsAt": start, "endsAt": (starts + chrono::Duration::hours(1)).to_rfc3339()
            })),
        )
        .await;
    assert_eq!(s, 201, "{root}");
    let mut body = json!({
        "calendarId": cal["id"], "rootEntryId": root["data"]["id"], "startsAt": start, "timezone": tz
    });
    body.as_object_mut()
        .unwrap()
        .extend(rule.as_object().unwrap().clone());
    let (s, master) = rig
        .call(Method::POST, "/recurrence-masters", Some(body))
        .await;
    assert_eq!(s, 201, "{master}");
    (root["data"].clone(), master["data"].clone())
}

async fn instances(rig: &Rig, master: &Value, from: &str, to: &str) -> Vec<Value> {
    let (s, b) = rig
        .call(
            Method::GET,
            &format!(
                "/recurrence-masters/{}/instances?from={from}&to={to}&limit=200",
                master["id"].as_str().unwrap()
            ),
            None,
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(keys(&b), ["data", "limit", "offset", "total"]);
    b["data"].as_array().unwrap().clone()
}

fn field(list: &[Value], key: &str) -> Vec<String> {
    list.iter()
        .map(|i| i[key].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn create_and_get_a_master() {
    let rig = rig().await;
    let (root, master) = series(
        &rig,
        "Europe/Berlin",
        "2026-03-02T08:00:00Z",
        json!({ "frequency": "weekly", "byWeekday": [1, 3], "untilAt": "2026-06-30T00:00:00Z",
                "metadata": { "outpostOpId": "op-s" } }),
    )
    .await;
    assert_eq!(keys(&master), sorted(MASTER_KEYS));
    assert_eq!(master["rootEntryId"], root["id"]);
    assert_eq!(master["intervalCount"], 1);
    assert_eq!(master["byWeekday"], json!([1, 3]));
    assert_eq!(master["byMonthDay"], Value::Null);
    assert_eq!(master["occurrenceCountLimit"], Value::Null);
    assert_eq!(master["generatedWindowDays"], 90);
    assert_eq!(master["startsAt"], "2026-03-02T08:00:00.000Z");
    assert_eq!(master["untilAt"], "2026-06-30T00:00:00.000Z");
    assert_eq!(master["metadata"], json!({ "outpostOpId": "op-s" }));
    let id = master["id"].as_str().unwrap();
    let (s, got) = rig
        .call(Method::GET, &format!("/recurrence-masters/{id}"), None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(got["data"], master);
    let (s, _) = rig
        .call_as(
            &rig.admin,
            Some(&northwind()),
            Method::GET,
            &format!("/recurrence-masters/{id}"),
            None,
        )
        .await;
    assert_eq!(s, 404, "other tenants do not see it");
    let (s, _) = rig
        .call(
            Method::GET,
            &format!("/recurrence-masters/{}", uuid::Uuid::new_v4()),
            None,
        )
        .await;
    assert_eq!(s, 404);
    assert_eq!(rig.audit_of(id).await, ["created recurrence_master"]);
}

#[tokio::test]
async fn master_validation_names_the_field() {
    let rig = rig().await;
    let (root, master) = series(
        &rig,
        "UTC",
        "2026-03-02T08:00:00Z",
        json!({ "frequency": "daily" }),
    )
    .await;
    let other_cal = rig.calendar("Elsewhere", "UTC").await;
    let ok = json!({
        "calendarId": master["calendarId"], "rootEntryId": root["id"], "frequency": "daily",
        "startsAt": "2026-03-02T08:00:00Z", "timezone": "UTC"
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
    let mut cases = vec![];
    for key in [
        "calendarId",
        "rootEntryId",
        "frequency",
        "startsAt",
        "timezone",
    ] {
        cases.push((without(key), key));
    }
    cases.extend([
        (
            with("calendarId", json!(uuid::Uuid::new_v4())),
            "calendarId",
        ),
        (with("calendarId", other_cal["id"].clone()), "rootEntryId"),
        (
            with("rootEntryId", json!(uuid::Uuid::new_v4())),
            "rootEntryId",
        ),
        (with("frequency", json!("hourly")), "frequency"),
        (with("intervalCount", json!(0)), "intervalCount"),
        (with("intervalCount", json!(1.5)), "intervalCount"),
        (with("byWeekday", json!([7])), "byWeekday"),
        (with("byWeekday", json!(1)), "byWeekday"),
        (with("byMonthDay", json!([0])), "byMonthDay"),
        (with("byMonthDay", json!([32])), "byMonthDay"),
        (with("untilAt", json!("2026-03-01T00:00:00Z")), "untilAt"),
        (
            with("occurrenceCountLimit", json!(0)),
            "occurrenceCountLimit",
        ),
        (
            with("generatedWindowDays", json!(367)),
            "generatedWindowDays",
        ),
        (with("timezone", json!("Atlantis/Capital")), "timezone"),
        (with("metadata", json!([])), "metadata"),
        (
            with("recurrenceRule", json!("FREQ=DAILY")),
            "recurrenceRule",
        ),
    ]);
    // Yearly from February on the 30th and 31st can never repeat.
    let mut never = with("frequency", json!("yearly"));
    never["byMonthDay"] = json!([30, 31]);
    never["startsAt"] = json!("2026-02-02T08:00:00Z");
    cases.push((never, "byMonthDay"));
    for (body, field) in cases {
        let (s, b) = rig
            .call(Method::POST, "/recurrence-masters", Some(body))
            .await;
        assert_names_field(s, &b, field);
    }
    let (s, b) = rig.malformed(Method::POST, "/recurrence-masters").await;
    assert_eq!(s, 400, "{b}");
    let (s, _) = rig
        .call_as(
            &rig.guest,
            None,
            Method::POST,
            "/recurrence-masters",
            Some(ok.clone()),
        )
        .await;
    assert_eq!(s, 403);
    let (s, _) = rig
        .call_as(
            &rig.admin,
            Some(&northwind()),
            Method::POST,
            "/recurrence-masters",
            Some(ok),
        )
        .await;
    assert_eq!(s, 422, "another tenant's calendar is no calendar");
    for (method, path) in [
        (Method::POST, "/recurrence-masters".to_string()),
        (Method::GET, format!("/recurrence-masters/{}", master["id"].as_str().unwrap())),
        (Method::GET, format!("/recurrence-masters/{}/instances?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z", master["id"].as_str().unwrap())),
        (Method::PATCH, format!("/recurrence-instances/{}", uuid::Uuid::new_v4())),
    ] {
        let (s, _) = rig.anonymous(method, &path).await;
        assert_eq!(s, 401, "{path}");
    }
}

#[tokio::test]
async fn weekly_series_keep_their_local_time_across_dst_in_the_calendars_zone() {
    let rig = rig().await;
    // 09:00 in Berlin every Monday; the master's own zone field says UTC, but series expand in
    // the calendar's zone.
    let cal = rig.calendar("Berlin", "Europe/Berlin").await;
    let (_, root) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({
                "calendarId": cal["id"], "kind": "event", "title": "Standup", "timezone": "Europe/Berlin",
                "startsAt": "2026-03-16T08:00:00Z", "endsAt": "2026-03-16T08:15:00Z"
            })),
        )
        .await;
    let (s, master) = rig
        .call(
            Method::POST,
            "/recurrence-masters",
            Some(json!({
                "calendarId": cal["id"], "rootEntryId": root["data"]["id"], "frequency": "weekly",
                "startsAt": "2026-03-16T08:00:00Z", "timezone": "UTC"
            })),
        )
        .await;
    assert_eq!(s, 201, "{master}");
    let list = instances(
        &rig,
        &master["data"],
        "2026-03-16T00:00:00Z",
        "2026-04-07T00:00:00Z",
    )
    .await;
    assert_eq!(
        field(&list, "startsAt"),
        [
            "2026-03-16T08:00:00.000Z",
            "2026-03-23T08:00:00.000Z",
            "2026-03-30T07:00:00.000Z",
            "2026-04-06T07:00:00.000Z"
        ]
    );
    assert_eq!(
        list[2]["endsAt"], "2026-03-30T07:15:00.000Z",
        "the root entry's length"
    );
    let i = &list[0];
    assert_eq!(keys(i), sorted(INSTANCE_KEYS));
    assert_eq!(i["instanceState"], "generated");
    assert_eq!(i["instanceDate"], "2026-03-16");
    assert_eq!(i["timezone"], "Europe/Berlin");
    assert_eq!(i["sourceEntryId"], root["data"]["id"]);
    assert_eq!(i["recurrenceMasterId"], master["data"]["id"]);
    assert_eq!(i["status"], "confirmed");
    assert_eq!(i["titleOverride"], Value::Null);
    assert_eq!(i["metadataOverride"], json!({}));
    assert_eq!(i["tenantId"], acme());
    // Ids stay the same from one listing to the next.
    let again = instances(
        &rig,
        &master["data"],
        "2026-03-20T00:00:00Z",
        "2026-04-01T00:00:00Z",
    )
    .await;
    assert_eq!(field(&again, "id"), field(&list[1..3], "id"));
    // Back to 08:00Z after 25 October.
    let autumn = instances(
        &rig,
        &master["data"],
        "2026-10-19T00:00:00Z",
        "2026-11-03T00:00:00Z",
    )
    .await;
    assert_eq!(
        field(&autumn, "startsAt"),
        [
            "2026-10-19T07:00:00.000Z",
            "2026-10-26T08:00:00.000Z",
            "2026-11-02T08:00:00.000Z"
        ]
    );
}

#[tokio::test]
async fn month_ends_leap_years_until_count_and_weekday_sets() {
    let rig = rig().await;
    let (_, monthly) = series(
        &rig,
        "UTC",
        "2026-01-31T10:00:00Z",
        json!({ "frequency": "monthly", "byMonthDay": [31] }),
    )
    .await;
    let list = instances(
        &rig,
        &monthly,
        "2026-01-01T00:00:00Z",
        "2026-09-01T00:00:00Z",
    )
    .await;
    assert_eq!(
        field(&list, "instanceDate"),
        [
            "2026-01-31",
            "2026-03-31",
            "2026-05-31",
            "2026-07-31",
            "2026-08-31"
        ]
    );

    let (_, leap) = series(
        &rig,
        "UTC",
        "2024-02-29T12:00:00Z",
        json!({ "frequency": "yearly" }),
    )
    .await;
    let list = instances(&rig, &leap, "2027-03-01T00:00:00Z", "2028-03-01T00:00:00Z").await;
    assert_eq!(field(&list, "instanceDate"), ["2028-02-29"]);
    let list = instances(&rig, &leap, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z").await;
    assert!(list.is_empty(), "no 29 February in 2025");

    let (_, until) = series(
        &rig,
        "UTC",
        "2026-05-01T09:00:00Z",
        json!({ "frequency": "daily", "untilAt": "2026-05-04T09:00:00Z" }),
    )
    .await;
    let list = instances(&rig, &until, "2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z").await;
    assert_eq!(
        field(&list, "instanceDate"),
        ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04"]
    );

    let (_, count) = series(
        &rig,
        "UTC",
        "2026-05-01T09:00:00Z",
        json!({ "frequency": "daily", "intervalCount": 2, "occurrenceCountLimit": 3 }),
    )
    .await;
    let list = instances(&rig, &count, "2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z").await;
    assert_eq!(
        field(&list, "instanceDate"),
        ["2026-05-01", "2026-05-03", "2026-05-05"]
    );
    let list = instances(&rig, &count, "2026-05-04T00:00:00Z", "2026-06-01T00:00:00Z").await;
    assert_eq!(
        field(&list, "instanceDate"),
        ["2026-05-05"],
        "the count runs from the start, not the window"
    );

    // Sunday (0), Wednesday (3), Friday (5) every second week, from Wednesday 6 May.
    let (_, weekdays) = series(
        &rig,
        "UTC",
        "2026-05-06T15:00:00Z",
        json!({ "frequency": "weekly", "intervalCount": 2, "byWeekday": [5, 0, 3] }),
    )
    .await;
    let list = instances(
        &rig,
        &weekdays,
        "2026-05-01T00:00:00Z",
        "2026-05-25T00:00:00Z",
    )
    .await;
    assert_eq!(
        field(&list, "instanceDate"),
        [
            "2026-05-06",
            "2026-05-08",
            "2026-05-10",
            "2026-05-20",
            "2026-05-22",
            "2026-05-24"
        ]
    );
    // An occurrence overlapping the window's start is listed (windows are overlaps).
    let list = instances(
        &rig,
        &weekdays,
        "2026-05-08T15:30:00Z",
        "2026-05-09T00:00:00Z",
    )
    .await;
    assert_eq!(field(&list, "instanceDate"), ["2026-05-08"]);
    // Paging over the window.
    let (_, page) = rig
        .call(
            Method::GET,
            &format!("/recurrence-masters/{}/instances?from=2026-05-01T00:00:00Z&to=2026-05-25T00:00:00Z&limit=2&offset=2", weekdays["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(page["total"], 6);
    assert_eq!(page["offset"], 2);
    assert_eq!(
        field(page["data"].as_array().unwrap(), "instanceDate"),
        ["2026-05-10", "2026-05-20"]
    );
    // Windows are bounded.
    let (s, b) = rig
        .call(
            Method::GET,
            &format!("/recurrence-masters/{}/instances?from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z", weekdays["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_names_field(s, &b, "to");
    let (s, b) = rig
        .call(
            Method::GET,
            &format!(
                "/recurrence-masters/{}/instances",
                weekdays["id"].as_str().unwrap()
            ),
            None,
        )
        .await;
    assert_names_field(s, &b, "from");
}

#[tokio::test]
async fn overrides_and_cancellations() {
    let rig = rig().await;
    let (root, master) = series(
        &rig,
        "Europe/Berlin",
        "2026-06-01T07:00:00Z",
        json!({ "frequency": "daily" }),
    )
    .await;
    let list = instances(
        &rig,
        &master,
        "2026-06-01T00:00:00Z",
        "2026-06-05T00:00:00Z",
    )
    .await;
    assert_eq!(list.len(), 4);
    let (second, third) = (
        list[1]["id"].as_str().unwrap(),
        list[2]["id"].as_str().unwrap(),
    );

    // Move the second occurrence to the afternoon of 10 June with a new title.
    let (s, moved) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{second}"),
            Some(json!({ "startsAt": "2026-06-10T13:00:00Z", "endsAt": "2026-06-10T15:00:00Z",
                         "titleOverride": "Moved standup", "metadataOverride": { "why": "travel" } })),
        )
        .await;
    assert_eq!(s, 200, "{moved}");
    let m = &moved["data"];
    assert_eq!(keys(m), sorted(INSTANCE_KEYS));
    assert_eq!(m["instanceState"], "overridden");
    assert_eq!(
        m["instanceDate"], "2026-06-02",
        "the occurrence keeps its date"
    );
    assert_eq!(m["startsAt"], "2026-06-10T13:00:00.000Z");
    assert_eq!(m["titleOverride"], "Moved standup");
    assert!(m["updatedAt"].as_str().unwrap() > list[1]["updatedAt"].as_str().unwrap());

    // Cancel the third.
    let (s, cancelled) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{third}"),
            Some(json!({ "instanceState": "cancelled" })),
        )
        .await;
    assert_eq!(s, 200, "{cancelled}");
    assert_eq!(cancelled["data"]["instanceState"], "cancelled");

    let list = instances(
        &rig,
        &master,
        "2026-06-01T00:00:00Z",
        "2026-06-05T00:00:00Z",
    )
    .await;
    assert_eq!(
        field(&list, "instanceDate"),
        ["2026-06-01", "2026-06-03", "2026-06-04"]
    );
    assert_eq!(
        field(&list, "instanceState"),
        ["generated", "cancelled", "generated"]
    );
    let later = instances(
        &rig,
        &master,
        "2026-06-10T00:00:00Z",
        "2026-06-11T00:00:00Z",
    )
    .await;
    assert_eq!(
        field(&later, "instanceDate"),
        ["2026-06-10", "2026-06-02"],
        "the moved one lands where it was moved to, after the 10th's own 09:00"
    );
    assert_eq!(later[1]["id"], second);

    // Only startsAt: it keeps the root entry's length.
    let (_, shifted) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{}", list[2]["id"].as_str().unwrap()),
            Some(json!({ "startsAt": "2026-06-04T09:00:00Z" })),
        )
        .await;
    assert_eq!(shifted["data"]["endsAt"], "2026-06-04T10:00:00.000Z");

    // A change to the root entry shows in generated occurrences, not in overridden content.
    let (_, _) = rig
        .call(
            Method::POST,
            &format!("/entries/{}/status", root["id"].as_str().unwrap()),
            Some(json!({ "status": "tentative" })),
        )
        .await;
    let list = instances(
        &rig,
        &master,
        "2026-06-01T00:00:00Z",
        "2026-06-02T00:00:00Z",
    )
    .await;
    assert_eq!(list[0]["status"], "tentative");

    // Back to generated: the overrides are gone and it is in its slot again.
    let (s, reverted) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{second}"),
            Some(json!({ "instanceState": "generated" })),
        )
        .await;
    assert_eq!(s, 200, "{reverted}");
    assert_eq!(reverted["data"]["startsAt"], "2026-06-02T07:00:00.000Z");
    assert_eq!(reverted["data"]["titleOverride"], Value::Null);

    for (body, field) in [
        (json!({}), "body"),
        (json!({ "instanceState": "deleted" }), "instanceState"),
        (
            json!({ "instanceState": "generated", "titleOverride": "x" }),
            "instanceState",
        ),
        (json!({ "titleOverride": "" }), "titleOverride"),
        (json!({ "status": "gone" }), "status"),
        (json!({ "endsAt": "2026-06-03T06:00:00Z" }), "endsAt"),
        (json!({ "timezone": "Moon/Base" }), "timezone"),
        (json!({ "instanceDate": "2026-06-04" }), "instanceDate"),
    ] {
        let (s, b) = rig
            .call(
                Method::PATCH,
                &format!("/recurrence-instances/{third}"),
                Some(body),
            )
            .await;
        assert_names_field(s, &b, field);
    }
    // A stored end stays: a start moved past it is refused, naming the start.
    let (s, b) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{third}"),
            Some(json!({ "endsAt": "2026-06-03T08:00:00Z" })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        b["data"]["instanceState"], "cancelled",
        "a cancelled occurrence stays cancelled"
    );
    let (s, b) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{third}"),
            Some(json!({ "startsAt": "2026-06-03T09:00:00Z" })),
        )
        .await;
    assert_names_field(s, &b, "startsAt");
    let (s, b) = rig
        .malformed(Method::PATCH, &format!("/recurrence-instances/{third}"))
        .await;
    assert_eq!(s, 400, "{b}");
    let (s, _) = rig
        .call_as(
            &rig.guest,
            None,
            Method::PATCH,
            &format!("/recurrence-instances/{third}"),
            Some(json!({ "instanceState": "generated" })),
        )
        .await;
    assert_eq!(s, 403);
    let (s, _) = rig
        .call_as(
            &rig.admin,
            Some(&northwind()),
            Method::PATCH,
            &format!("/recurrence-instances/{third}"),
            Some(json!({ "instanceState": "generated" })),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{}", uuid::Uuid::new_v4()),
            Some(json!({ "instanceState": "generated" })),
        )
        .await;
    assert_eq!(s, 404);
    assert_eq!(
        rig.audit_of(third).await,
        ["updated recurrence_instance", "updated recurrence_instance"]
    );

    // Deleting the root entry ends the series.
    let (s, _) = rig
        .call(
            Method::DELETE,
            &format!("/entries/{}", root["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(s, 204);
    let (s, _) = rig
        .call(
            Method::GET,
            &format!("/recurrence-masters/{}", master["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = rig
        .call(Method::GET, &format!("/recurrence-masters/{}/instances?from=2026-06-01T00:00:00Z&to=2026-06-05T00:00:00Z", master["id"].as_str().unwrap()), None)
        .await;
    assert_eq!(s, 404);
    let (s, _) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{third}"),
            Some(json!({ "instanceState": "generated" })),
        )
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn guests_list_instances_and_other_tenants_do_not() {
    let rig = rig().await;
    let (_, master) = series(
        &rig,
        "UTC",
        "2026-06-01T07:00:00Z",
        json!({ "frequency": "daily" }),
    )
    .await;
    let path = format!(
        "/recurrence-masters/{}/instances?from=2026-06-01T00:00:00Z&to=2026-06-03T00:00:00Z",
        master["id"].as_str().unwrap()
    );
    let (s, b) = rig
        .call_as(&rig.guest, None, Method::GET, &path, None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["total"], 2);
    let (s, _) = rig
        .call_as(&rig.admin, Some(&northwind()), Method::GET, &path, None)
        .await;
    assert_eq!(s, 404);
}
