//! The demo calendars over real HTTP: every kind in each active tenant, entries before and after
//! today, series with an override and a cancellation, reminders; the same for the same seed.

use crate::common;

use chrono::{Datelike, Months, NaiveDate, Utc};
use common::*;
use outpost_devserver::{demo, start, DemoOptions, DevServerConfig};
use serde_json::{json, Value};

fn anchor() -> NaiveDate {
    Utc::now().date_naive().with_day(1).unwrap()
}

fn rfc(date: NaiveDate) -> String {
    format!("{date}T00:00:00Z")
}

async fn all_entries(rig: &Rig, tenant: &str, from: NaiveDate, to: NaiveDate) -> Value {
    let (s, b) = rig
        .call_as(
            &rig.admin,
            Some(tenant),
            Method::GET,
            &format!("/entries?from={}&to={}&limit=200", rfc(from), rfc(to)),
            None,
        )
        .await;
    assert_eq!(s, 200, "{b}");
    b
}

#[tokio::test]
async fn every_active_tenant_has_calendars_of_every_kind_with_past_and_future_entries() {
    let rig = rig().await;
    for tenant in [acme(), northwind()] {
        let (_, list) = rig
            .call_as(&rig.admin, Some(&tenant), Method::GET, "/?limit=200", None)
            .await;
        let calendars = list["data"].as_array().unwrap();
        let mut kinds: Vec<&str> = calendars
            .iter()
            .map(|c| c["kind"].as_str().unwrap())
            .collect();
        kinds.sort();
        assert_eq!(
            kinds,
            [
                "resource_linked",
                "space_linked",
                "tenant_shared",
                "user_linked"
            ]
        );
        for c in calendars {
            let linked = &c["linkedEntity"];
            let expected = match c["kind"].as_str().unwrap() {
                "user_linked" => "userId",
                "resource_linked" => "resourceId",
                "space_linked" => "spaceId",
                _ => "",
            };
            for key in ["userId", "resourceId", "spaceId"] {
                assert_eq!(linked[key].is_string(), key == expected, "{c}");
            }
        }
        let past = all_entries(&rig, &tenant, anchor() - Months::new(4), anchor()).await;
        let future = all_entries(&rig, &tenant, anchor(), anchor() + Months::new(4)).await;
        assert!(past["total"].as_u64().unwrap() >= 15, "{}", past["total"]);
        assert!(
            future["total"].as_u64().unwrap() >= 15,
            "{}",
            future["total"]
        );
        let statuses = |list: &Value| -> Vec<String> {
            list["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["status"].as_str().unwrap().to_string())
                .collect()
        };
        assert!(statuses(&past).iter().any(|s| s == "completed"));
        assert!(statuses(&future).iter().all(|s| s != "completed"));
        let data = future["data"].as_array().unwrap();
        assert!(data.iter().all(|e| e["tenantId"] == tenant.as_str()));
        let holiday = data
            .iter()
            .find(|e| e["isAllDay"] == true)
            .expect("an all-day entry");
        assert!(holiday["localStartDate"].is_string());
    }
}

#[tokio::test]
async fn demo_series_have_an_override_a_cancellation_and_reminders() {
    let rig = rig().await;
    let standup = demo::series_id("acme-field", "standup");
    let (s, master) = rig
        .call(Method::GET, &format!("/recurrence-masters/{standup}"), None)
        .await;
    assert_eq!(s, 200, "{master}");
    assert_eq!(master["data"]["byWeekday"], json!([1, 3, 5]));
    let from = anchor() + chrono::Days::new(7);
    let (s, list) = rig
        .call(
            Method::GET,
            &format!(
                "/recurrence-masters/{standup}/instances?from={}&to={}",
                rfc(from),
                rfc(from + chrono::Days::new(14))
            ),
            None,
        )
        .await;
    assert_eq!(s, 200, "{list}");
    let states: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["instanceState"].as_str().unwrap())
        .collect();
    assert!(
        states.contains(&"overridden") && states.contains(&"cancelled"),
        "{states:?}"
    );
    let moved = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["instanceState"] == "overridden")
        .unwrap();
    assert_eq!(moved["titleOverride"], "Standup (afternoon)");
    // Standups at 09:00 Berlin time, whatever the season.
    for i in list["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["instanceState"] == "generated")
    {
        let start = chrono::DateTime::parse_from_rfc3339(i["startsAt"].as_str().unwrap()).unwrap();
        let local = start.with_timezone(&chrono_tz::Europe::Berlin);
        assert_eq!(local.format("%H:%M").to_string(), "09:00", "{i}");
    }
    let (_, master) = rig
        .call(Method::GET, &format!("/recurrence-masters/{standup}"), None)
        .await;
    let team = master["data"]["calendarId"].as_str().unwrap();
    let (_, reminders) = rig
        .call(Method::GET, &format!("/{team}/reminders"), None)
        .await;
    assert_eq!(reminders["total"], 2, "{reminders}");
    let series_reminder = reminders["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["recurrenceMasterId"] == standup.as_str())
        .unwrap();
    assert!(
        series_reminder["nextTriggerAt"].is_string(),
        "{series_reminder}"
    );
    // The API lists no series: the audit log tells of the demo's like of any other creation.
    for name in [
        "standup",
        "one-to-one",
        "maintenance",
        "monthly-report",
        "inspection",
    ] {
        let id = demo::series_id("acme-field", name);
        assert_eq!(
            rig.audit_of(&id).await,
            ["created recurrence_master"],
            "{name}"
        );
    }
    for name in ["one-to-one", "maintenance", "monthly-report", "inspection"] {
        let (s, _) = rig
            .call(
                Method::GET,
                &format!(
                    "/recurrence-masters/{}",
                    demo::series_id("acme-field", name)
                ),
                None,
            )
            .await;
        assert_eq!(s, 200, "{name}");
        let (s, _) = rig
            .call(
                Method::GET,
                &format!("/recurrence-masters/{}", demo::series_id("northwind", name)),
                None,
            )
            .await;
        assert_eq!(s, 404, "{name} of northwind is not acme's");
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_calendars() {
    let a = rig().await;
    let b = rig().await;
    let (from, to) = (anchor() - Months::new(4), anchor() + Months::new(4));
    let ea = all_entries(&a, &acme(), from, to).await;
    let eb = all_entries(&b, &acme(), from, to).await;
    assert_eq!(ea, eb);
    let (_, ca) = a.call(Method::GET, "/?limit=200", None).await;
    let (_, cb) = b.call(Method::GET, "/?limit=200", None).await;
    assert_eq!(ca, cb);

    let other = start(DevServerConfig {
        demo: Some(DemoOptions {
            seed: 7,
            ..DemoOptions::default()
        }),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let res = send(
        reqwest::Client::new()
            .post(format!("{}/api/v1/public/auth/login", other.base_url()))
            .json(&json!({ "email": demo::ADMIN_EMAIL, "password": demo::ADMIN_PASSWORD })),
    )
    .await
    .json();
    let other_entries = send(
        reqwest::Client::new()
            .get(format!(
                "{}/api/v1/secure/calendar/entries",
                other.base_url()
            ))
            .query(&[
                ("from", rfc(anchor() - Months::new(4))),
                ("to", rfc(anchor() + Months::new(4))),
                ("limit", "200".into()),
            ])
            .bearer_auth(res["accessToken"].as_str().unwrap()),
    )
    .await
    .json();
    assert_ne!(
        other_entries["data"], ea["data"],
        "another seed, other entries"
    );
}
