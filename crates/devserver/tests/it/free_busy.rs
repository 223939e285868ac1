//! `/calendar/window` and `/calendar/free-busy` over real HTTP: one-off entries and expanded
//! series (overrides applied, cancellations left out) on the chosen calendars, in the seed's
//! shapes; the window rules and the choice of calendars.

use crate::common;

use common::*;
use serde_json::{json, Value};

const FROM: &str = "2026-03-01T00:00:00Z";
const TO: &str = "2026-03-22T00:00:00Z";

struct Setup {
    team: String,
    other: String,
    master: String,
}

async fn entry(rig: &Rig, calendar: &str, title: &str, start: &str, end: &str, extra: Value) {
    let mut body = json!({
        "calendarId": calendar, "kind": "event", "title": title, "timezone": "Europe/Berlin",
        "startsAt": start, "endsAt": end
    });
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let (s, b) = rig.call(Method::POST, "/entries", Some(body)).await;
    assert_eq!(s, 201, "{b}");
}

/// Team: a weekly Monday standup (the 9 March one cancelled, the 16 March one moved and
/// renamed), a site visit with a place, a cancelled meeting. Other: one entry.
async fn setup(rig: &Rig) -> Setup {
    let team = rig.calendar("Team", "Europe/Berlin").await;
    let other = rig.calendar("Other", "Europe/Berlin").await;
    let team = team["id"].as_str().unwrap().to_string();
    let other = other["id"].as_str().unwrap().to_string();
    let (s, root) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({
                "calendarId": team, "kind": "event", "title": "Standup", "timezone": "Europe/Berlin",
                "startsAt": "2026-03-02T08:00:00Z", "endsAt": "2026-03-02T08:15:00Z"
            })),
        )
        .await;
    assert_eq!(s, 201, "{root}");
    let (s, master) = rig
        .call(
            Method::POST,
            "/recurrence-masters",
            Some(json!({
                "calendarId": team, "rootEntryId": root["data"]["id"], "frequency": "weekly",
                "startsAt": "2026-03-02T08:00:00Z", "timezone": "Europe/Berlin",
                "untilAt": "2026-03-31T00:00:00Z"
            })),
        )
        .await;
    assert_eq!(s, 201, "{master}");
    let master = master["data"]["id"].as_str().unwrap().to_string();
    let (_, listed) = rig
        .call(
            Method::GET,
            &format!("/recurrence-masters/{master}/instances?from={FROM}&to={TO}"),
            None,
        )
        .await;
    let id_on = |date: &str| {
        listed["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["instanceDate"] == date)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (s, b) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{}", id_on("2026-03-09")),
            Some(json!({ "instanceState": "cancelled" })),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = rig
        .call(
            Method::PATCH,
            &format!("/recurrence-instances/{}", id_on("2026-03-16")),
            Some(
                json!({ "startsAt": "2026-03-16T09:00:00Z", "endsAt": "2026-03-16T10:00:00Z",
                         "titleOverride": "Long standup" }),
            ),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    entry(
        rig,
        &team,
        "Site visit",
        "2026-03-04T13:00:00Z",
        "2026-03-04T14:00:00Z",
        json!({ "locationName": "Depot" }),
    )
    .await;
    entry(
        rig,
        &team,
        "Dropped",
        "2026-03-05T10:00:00Z",
        "2026-03-05T11:00:00Z",
        json!({ "status": "cancelled" }),
    )
    .await;
    entry(
        rig,
        &other,
        "Elsewhere",
        "2026-03-03T10:00:00Z",
        "2026-03-03T11:00:00Z",
        json!({ "status": "tentative", "isAllDay": false }),
    )
    .await;
    Setup {
        team,
        other,
        master,
    }
}

fn summary(items: &Value, start: &str, end: &str) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{} {} {}",
                i[start].as_str().unwrap(),
                i[end].as_str().unwrap(),
                i.get("title")
                    .or(i.get("status"))
                    .and_then(Value::as_str)
                    .unwrap()
            )
        })
        .collect()
}

#[tokio::test]
async fn the_window_lists_entries_and_occurrences_of_the_chosen_calendars() {
    let rig = rig().await;
    let s = setup(&rig).await;
    let (status, b) = rig
        .call(
            Method::GET,
            &format!("/window?calendarId={}&from={FROM}&to={TO}", s.team),
            None,
        )
        .await;
    assert_eq!(status, 200, "{b}");
    assert_eq!(keys(&b), ["data"]);
    assert_eq!(
        summary(&b["data"], "start", "end"),
        [
            "2026-03-02T08:00:00.000Z 2026-03-02T08:15:00.000Z Standup",
            "2026-03-04T13:00:00.000Z 2026-03-04T14:00:00.000Z Site visit",
            "2026-03-05T10:00:00.000Z 2026-03-05T11:00:00.000Z Dropped",
            "2026-03-16T09:00:00.000Z 2026-03-16T10:00:00.000Z Long standup",
        ],
        "the root entry once, as the first occurrence; the 9th cancelled; the 16th moved"
    );
    let items = b["data"].as_array().unwrap();
    assert_eq!(keys(&items[1]), ["end", "id", "location", "start", "title"]);
    assert_eq!(items[1]["location"], "Depot");
    assert_eq!(keys(&items[2]), ["end", "id", "start", "title"]);

    // Occurrence ids are the instance ids the series listing hands out.
    let (_, listed) = rig
        .call(
            Method::GET,
            &format!(
                "/recurrence-masters/{}/instances?from={FROM}&to={TO}",
                s.master
            ),
            None,
        )
        .await;
    let instance_ids: Vec<&Value> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["id"])
        .collect();
    assert!(instance_ids.contains(&&items[0]["id"]));
    assert!(instance_ids.contains(&&items[3]["id"]));

    let (_, both) = rig
        .call(
            Method::GET,
            &format!(
                "/window?calendarIds={},{}&from={FROM}&to={TO}",
                s.team, s.other
            ),
            None,
        )
        .await;
    let titles: Vec<&str> = both["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Standup",
            "Elsewhere",
            "Site visit",
            "Dropped",
            "Long standup"
        ]
    );

    // No choice: every calendar of the tenant (the demo's too).
    let (_, all) = rig
        .call(Method::GET, &format!("/window?from={FROM}&to={TO}"), None)
        .await;
    let all = all["data"].as_array().unwrap();
    for item in both["data"].as_array().unwrap() {
        assert!(all.contains(item), "{item}");
    }
}

#[tokio::test]
async fn free_busy_gives_the_busy_slots_of_the_window() {
    let rig = rig().await;
    let s = setup(&rig).await;
    let (status, b) = rig
        .call(
            Method::GET,
            &format!(
                "/free-busy?calendarIds={},{}&from={FROM}&to={TO}",
                s.team, s.other
            ),
            None,
        )
        .await;
    assert_eq!(status, 200, "{b}");
    assert_eq!(keys(&b), ["data"]);
    assert_eq!(
        keys(&b["data"]),
        ["slots", "windowEndsAt", "windowStartsAt"]
    );
    assert_eq!(b["data"]["windowStartsAt"], "2026-03-01T00:00:00.000Z");
    assert_eq!(b["data"]["windowEndsAt"], "2026-03-22T00:00:00.000Z");
    assert_eq!(
        summary(&b["data"]["slots"], "startsAt", "endsAt"),
        [
            "2026-03-02T08:00:00.000Z 2026-03-02T08:15:00.000Z confirmed",
            "2026-03-03T10:00:00.000Z 2026-03-03T11:00:00.000Z tentative",
            "2026-03-04T13:00:00.000Z 2026-03-04T14:00:00.000Z confirmed",
            "2026-03-16T09:00:00.000Z 2026-03-16T10:00:00.000Z confirmed",
        ],
        "the cancelled entry and the cancelled occurrence make no one busy"
    );
    let slot = &b["data"]["slots"][1];
    assert_eq!(
        keys(slot),
        ["calendarId", "endsAt", "isAllDay", "startsAt", "status"]
    );
    assert_eq!(slot["calendarId"], s.other.as_str());
    assert_eq!(slot["isAllDay"], false);
    assert_eq!(b["data"]["slots"][0]["calendarId"], s.team.as_str());
}

#[tokio::test]
async fn window_rules_and_calendar_choice_are_checked() {
    let rig = rig().await;
    let s = setup(&rig).await;
    for path in ["/window", "/free-busy"] {
        let (status, b) = rig
            .call(Method::GET, &format!("{path}?to={TO}"), None)
            .await;
        assert_names_field(status, &b, "from");
        let (status, b) = rig
            .call(
                Method::GET,
                &format!("{path}?from={FROM}&to=2027-06-01T00:00:00Z"),
                None,
            )
            .await;
        assert_names_field(status, &b, "to");
        let (status, b) = rig
            .call(Method::GET, &format!("{path}?from={TO}&to={FROM}"), None)
            .await;
        assert_names_field(status, &b, "to");
        let (status, b) = rig
            .call(
                Method::GET,
                &format!("{path}?calendarIds={},nope&from={FROM}&to={TO}", s.team),
                None,
            )
            .await;
        assert_names_field(status, &b, "calendarIds");
        let unknown = uuid::Uuid::new_v4();
        let (status, b) = rig
            .call(
                Method::GET,
                &format!("{path}?calendarId={unknown}&from={FROM}&to={TO}"),
                None,
            )
            .await;
        assert_eq!(status, 404, "{b}");
        // Another tenant's calendar is not there either.
        let (status, _) = rig
            .call_as(
                &rig.admin,
                Some(&northwind()),
                Method::GET,
                &format!("{path}?calendarId={}&from={FROM}&to={TO}", s.team),
                None,
            )
            .await;
        assert_eq!(status, 404);
        let (status, _) = rig.anonymous(Method::GET, path).await;
        assert_eq!(status, 401);
    }
}
