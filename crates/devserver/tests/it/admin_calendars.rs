//! `/secure/admin/calendars` over real HTTP: the admin list (deleted calendars too, filters),
//! detail with statistics, the operations summary, and the policy with its provenance.

use crate::common;

use chrono::{Duration, SecondsFormat, Utc};
use common::*;
use serde_json::{json, Value};

const ROW_KEYS: &[&str] = &[
    "id",
    "name",
    "kind",
    "visibility",
    "timezone",
    "activeState",
    "linkedParent",
    "policySummary",
    "stats",
    "updatedAt",
];
const POLICY_KEYS: &[&str] = &[
    "sharePosture",
    "visibilityDefault",
    "bookingPolicy",
    "reminderDefaults",
    "adminNotes",
    "editableFields",
    "provenance",
];

async fn admin(rig: &Rig, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    rig.as_admin(method, &format!("/admin/calendars{path}"), body)
        .await
}

fn at(t: chrono::DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[tokio::test]
async fn the_list_shows_every_calendar_with_its_parent_policy_and_stats() {
    let rig = rig().await;
    let gone = rig.calendar("Old rota", "UTC").await;
    let gone_id = gone["id"].as_str().unwrap();
    assert_eq!(
        rig.call(Method::DELETE, &format!("/{gone_id}"), None)
            .await
            .0,
        204
    );

    let (s, b) = admin(&rig, Method::GET, "/?limit=200", None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(keys(&b), ["data", "limit", "offset", "total"]);
    let rows = b["data"].as_array().unwrap();
    assert_eq!(b["total"], rows.len());
    for r in rows {
        assert_eq!(keys(r), sorted(ROW_KEYS));
        assert_eq!(keys(&r["policySummary"]), sorted(POLICY_KEYS));
        assert_eq!(
            keys(&r["stats"]),
            [
                "enabledReminderCount",
                "explicitShareCount",
                "nextReminderTriggerAt"
            ]
        );
    }
    let by_name = |name: &str| rows.iter().find(|r| r["name"] == name).unwrap().clone();
    let team = by_name("Team calendar");
    assert_eq!(team["activeState"], "active");
    assert_eq!(
        team["linkedParent"],
        json!({ "linkType": "tenant", "entityId": acme(), "entityName": "Acme Field Services",
                "accessMode": "tenant_shared", "note": null })
    );
    let rota = by_name("Field rota");
    assert_eq!(rota["linkedParent"]["linkType"], "user");
    assert_eq!(rota["linkedParent"]["entityName"], "Sam Field");
    assert_eq!(rota["linkedParent"]["accessMode"], "linked_parent");
    let van = by_name("Service van");
    assert_eq!(van["linkedParent"]["linkType"], "resource");
    assert!(van["linkedParent"]["entityName"].is_string(), "{van}");
    assert_eq!(by_name("Old rota")["activeState"], "deleted");
    assert_eq!(
        team["policySummary"]["sharePosture"], team["visibility"],
        "the default follows the calendar"
    );
    assert_eq!(
        team["policySummary"]["provenance"]["sharePosture"],
        "calendar_default"
    );

    let (_, deleted) = admin(&rig, Method::GET, "?activeState=deleted", None).await;
    let names: Vec<&str> = deleted["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Old rota"]);
    let (_, spaces) = admin(&rig, Method::GET, "?kind=space_linked", None).await;
    assert_eq!(spaces["total"], 1);
    let (s, b) = admin(&rig, Method::GET, "?activeState=gone", None).await;
    assert_names_field(s, &b, "activeState");

    // Guests, and the regular calendar routes, do not show this.
    let (s, _) = rig
        .secure(&rig.guest, None, Method::GET, "/admin/calendars", None)
        .await;
    assert_eq!(s, 403);
    let (s, _) = rig.call(Method::GET, &format!("/{gone_id}"), None).await;
    assert_eq!(s, 404);
}

/// A calendar with a one-off entry tomorrow (with a reminder 15 minutes before) and a daily
/// series of five starting the day after.
async fn busy_calendar(rig: &Rig) -> (String, String, chrono::DateTime<Utc>) {
    let cal = rig.calendar("Dispatch", "UTC").await;
    let cal = cal["id"].as_str().unwrap().to_string();
    let tomorrow = (Utc::now() + Duration::days(1))
        .date_naive()
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_utc();
    let (s, e) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({ "calendarId": cal, "kind": "event", "title": "Site visit", "timezone": "UTC",
                         "startsAt": at(tomorrow), "endsAt": at(tomorrow + Duration::hours(1)) })),
        )
        .await;
    assert_eq!(s, 201, "{e}");
    let entry = e["data"]["id"].as_str().unwrap().to_string();
    let (s, r) = rig
        .call(
            Method::POST,
            "/reminders",
            Some(
                json!({ "calendarId": cal, "calendarEntryId": entry, "channel": "email",
                         "offsetMinutes": 15 }),
            ),
        )
        .await;
    assert_eq!(s, 201, "{r}");
    let start = tomorrow + Duration::days(1);
    let (s, root) = rig
        .call(
            Method::POST,
            "/entries",
            Some(
                json!({ "calendarId": cal, "kind": "event", "title": "Standup", "timezone": "UTC",
                         "startsAt": at(start), "endsAt": at(start + Duration::minutes(15)) }),
            ),
        )
        .await;
    assert_eq!(s, 201);
    let (s, m) = rig
        .call(
            Method::POST,
            "/recurrence-masters",
            Some(
                json!({ "calendarId": cal, "rootEntryId": root["data"]["id"], "frequency": "daily",
                         "startsAt": at(start), "timezone": "UTC", "occurrenceCountLimit": 5 }),
            ),
        )
        .await;
    assert_eq!(s, 201, "{m}");
    (cal, entry, tomorrow)
}

#[tokio::test]
async fn detail_and_operations_count_what_is_ahead_and_what_happened() {
    let rig = rig().await;
    let (cal, entry, tomorrow) = busy_calendar(&rig).await;
    let (s, b) = admin(&rig, Method::GET, &format!("/{cal}"), None).await;
    assert_eq!(s, 200, "{b}");
    let d = &b["data"];
    assert_eq!(
        keys(d),
        ["calendar", "linkedParent", "policy", "statistics"]
    );
    assert_eq!(d["calendar"]["id"], cal.as_str());
    assert_eq!(
        d["statistics"],
        json!({
            "explicitShareCount": 0, "totalReminderCount": 1, "enabledReminderCount": 1,
            "nextReminderTriggerAt": at(tomorrow - Duration::minutes(15)),
            "futureEntryCount": 1, "futureInstanceCount": 5,
        }),
        "the series' root counts as its first occurrence, not as an entry"
    );

    let (s, b) = admin(&rig, Method::GET, &format!("/{cal}/operations"), None).await;
    assert_eq!(s, 200, "{b}");
    let o = &b["data"];
    assert_eq!(
        keys(o),
        [
            "asOf",
            "calendarId",
            "counters",
            "dispatchFailures",
            "futureWindowDays",
            "recentMutations"
        ]
    );
    assert_eq!(o["futureWindowDays"], 90);
    assert_eq!(
        o["counters"],
        json!({ "futureEntryCount": 1, "futureInstanceCount": 5, "pendingReminderCount": 1,
                "recentMutationCount": 4 })
    );
    assert_eq!(o["dispatchFailures"]["available"], false);
    let mutations: Vec<String> = o["recentMutations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{} {} {}",
                m["entityType"].as_str().unwrap(),
                m["action"].as_str().unwrap(),
                m["summary"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        mutations,
        [
            "entry created Entry \"Standup\" created",
            "reminder created Reminder (email) created",
            "entry created Entry \"Site visit\" created",
            "calendar created Calendar \"Dispatch\" created",
        ],
        "newest first"
    );
    assert_eq!(
        keys(&o["recentMutations"][0]),
        ["action", "entityId", "entityType", "occurredAt", "summary"]
    );

    // Deleting the entry: one entry fewer ahead, its reminder gone, one more mutation.
    assert_eq!(
        rig.call(Method::DELETE, &format!("/entries/{entry}"), None)
            .await
            .0,
        204
    );
    let (_, b) = admin(&rig, Method::GET, &format!("/{cal}/operations"), None).await;
    assert_eq!(
        b["data"]["counters"],
        json!({ "futureEntryCount": 0, "futureInstanceCount": 5, "pendingReminderCount": 0,
                "recentMutationCount": 5 })
    );
    assert_eq!(b["data"]["recentMutations"][0]["action"], "deleted");
    assert_eq!(b["data"]["recentMutations"][0]["entityId"], entry.as_str());

    let unknown = uuid::Uuid::new_v4();
    for path in [format!("/{unknown}"), format!("/{unknown}/operations")] {
        let (s, b) = admin(&rig, Method::GET, &path, None).await;
        assert_eq!(s, 404, "{b}");
    }
}

#[tokio::test]
async fn the_policy_is_set_per_field_and_says_where_each_comes_from() {
    let rig = rig().await;
    let cal = rig.calendar("Front desk", "UTC").await;
    let id = cal["id"].as_str().unwrap();
    let (s, b) = admin(
        &rig,
        Method::PATCH,
        &format!("/{id}/policy"),
        Some(
            json!({ "sharePosture": "shared", "bookingPolicy": { "maxPerDay": 4 },
                     "adminNotes": "Staffed 8-18" }),
        ),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let p = &b["data"];
    assert_eq!(keys(p), sorted(POLICY_KEYS));
    assert_eq!(p["sharePosture"], "shared");
    assert_eq!(
        p["visibilityDefault"], "private",
        "the calendar's own visibility"
    );
    assert_eq!(p["bookingPolicy"], json!({ "maxPerDay": 4 }));
    assert_eq!(p["reminderDefaults"], json!({}));
    assert_eq!(p["adminNotes"], "Staffed 8-18");
    assert_eq!(
        p["provenance"],
        json!({ "sharePosture": "calendar_override", "visibilityDefault": "calendar_default",
                "bookingPolicy": "calendar_override", "reminderDefaults": "calendar_default",
                "adminNotes": "calendar_override" })
    );
    assert_eq!(p["editableFields"].as_array().unwrap().len(), 5);

    let (_, d) = admin(&rig, Method::GET, &format!("/{id}"), None).await;
    assert_eq!(&d["data"]["policy"], p);
    assert_eq!(
        d["data"]["calendar"]["updatedAt"], cal["updatedAt"],
        "the calendar itself did not change"
    );

    let (s, b) = admin(
        &rig,
        Method::PATCH,
        &format!("/{id}/policy"),
        Some(json!({ "adminNotes": null })),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"]["adminNotes"], Value::Null);
    assert_eq!(b["data"]["provenance"]["adminNotes"], "calendar_default");
    assert_eq!(b["data"]["sharePosture"], "shared", "other fields stay");

    for (body, field) in [
        (json!({}), "body"),
        (json!({ "sharePosture": "everyone" }), "sharePosture"),
        (json!({ "bookingPolicy": "open" }), "bookingPolicy"),
        (json!({ "adminNotes": "x".repeat(4001) }), "adminNotes"),
        (json!({ "visibility": "shared" }), "visibility"),
    ] {
        let (s, b) = admin(&rig, Method::PATCH, &format!("/{id}/policy"), Some(body)).await;
        assert_names_field(s, &b, field);
    }
    let (s, _) = rig
        .secure(
            &rig.guest,
            None,
            Method::PATCH,
            &format!("/admin/calendars/{id}/policy"),
            Some(json!({ "sharePosture": "private" })),
        )
        .await;
    assert_eq!(s, 403);
    assert_eq!(
        rig.call(Method::DELETE, &format!("/{id}"), None).await.0,
        204
    );
    let (s, _) = admin(
        &rig,
        Method::PATCH,
        &format!("/{id}/policy"),
        Some(json!({ "sharePosture": "private" })),
    )
    .await;
    assert_eq!(s, 404, "a deleted calendar's policy is closed");
}

#[tokio::test]
async fn reminder_health_sums_up_and_pages_the_reminders() {
    let rig = rig().await;
    let (cal, entry, tomorrow) = busy_calendar(&rig).await;
    let (s, b) = rig
        .call(
            Method::POST,
            "/reminders",
            Some(
                json!({ "calendarId": cal, "calendarEntryId": entry, "channel": "in_app",
                         "offsetMinutes": 60, "isEnabled": false }),
            ),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let (s, b) = admin(
        &rig,
        Method::GET,
        &format!("/{cal}/reminders?limit=1"),
        None,
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let d = &b["data"];
    assert_eq!(
        keys(d),
        [
            "calendarId",
            "limit",
            "offset",
            "reminders",
            "summary",
            "total"
        ]
    );
    assert_eq!(
        d["summary"],
        json!({
            "total": 2, "enabled": 1, "disabled": 1, "dueCount": 0,
            "nextTriggerAt": at(tomorrow - Duration::minutes(15)),
            "channels": { "in_app": 1, "email": 1, "sms": 0, "webhook": 0 },
        })
    );
    assert_eq!(d["total"], 2);
    assert_eq!(
        d["reminders"].as_array().unwrap().len(),
        1,
        "one page of one"
    );
    assert_eq!(d["reminders"][0]["channel"], "email", "in creation order");
    let (_, second) = admin(
        &rig,
        Method::GET,
        &format!("/{cal}/reminders?limit=1&offset=1"),
        None,
    )
    .await;
    assert_eq!(second["data"]["reminders"][0]["channel"], "in_app");
    assert_eq!(second["data"]["reminders"][0]["nextTriggerAt"], Value::Null);

    let (s, _) = rig
        .secure(
            &rig.guest,
            None,
            Method::GET,
            &format!("/admin/calendars/{cal}/reminders"),
            None,
        )
        .await;
    assert_eq!(s, 403);
    let (s, _) = admin(
        &rig,
        Method::GET,
        &format!("/{}/reminders", uuid::Uuid::new_v4()),
        None,
    )
    .await;
    assert_eq!(s, 404);
}
