//! The calendar side of the sync cycle against a real devserver and a real replica file:
//! calendars, entries, series with changed and cancelled occurrences, reminders and entry actions
//! made offline reach the server in order and once; series made elsewhere are found and expanded
//! locally the way the server expands them; edits merge or park conflicts; lost creates are found.

use crate::common::{obj, rig, Rig};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use outpost_platform::Method;
use outpost_replica::{Entity, Source};
use serde_json::{json, Value};

const ZONE: &str = "Europe/Berlin";

/// A Monday three weeks ahead, at 09:00 in Berlin: well inside the default sync window.
fn first_monday() -> NaiveDate {
    let mut day = (Utc::now() + Duration::days(21)).date_naive();
    while day.weekday() != Weekday::Mon {
        day += Duration::days(1);
    }
    day
}

fn at_nine(day: NaiveDate) -> String {
    let local = day.and_hms_opt(9, 0, 0).unwrap();
    let tz: chrono_tz::Tz = ZONE.parse().unwrap();
    local
        .and_local_timezone(tz)
        .single()
        .unwrap()
        .with_timezone(&Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn plus_minutes(t: &str, minutes: i64) -> String {
    (DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc) + Duration::minutes(minutes))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Rig {
    async fn api_get(&self, path: &str, query: &[(&str, String)]) -> Value {
        let v: Value = self.remote.get(path, query).await.unwrap();
        v
    }

    async fn api_post(&self, path: &str, body: Value) -> Value {
        let v: Value = self
            .remote
            .send_json(Method::POST, path, &body)
            .await
            .unwrap();
        v["data"].clone()
    }

    /// The server's occurrences of a series over `[from, to)`: (start, title, state).
    async fn server_occurrences(
        &self,
        series: &str,
        from: &str,
        to: &str,
    ) -> Vec<(DateTime<Utc>, String)> {
        let v = self
            .api_get(
                &format!("/api/v1/secure/calendar/recurrence-masters/{series}/instances"),
                &[
                    ("from", from.into()),
                    ("to", to.into()),
                    ("limit", "200".into()),
                ],
            )
            .await;
        let mut out: Vec<(DateTime<Utc>, String)> = v["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["instanceState"] != "cancelled")
            .map(|i| {
                (
                    DateTime::parse_from_rfc3339(i["startsAt"].as_str().unwrap())
                        .unwrap()
                        .with_timezone(&Utc),
                    i["instanceState"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        out.sort();
        out
    }

    /// The replica's occurrences of a series over `[from, to)`: (start, overridden?).
    fn local_occurrences(
        &self,
        calendar: &str,
        from: &str,
        to: &str,
    ) -> Vec<(DateTime<Utc>, String)> {
        let r = self.replica.lock().unwrap();
        let parse = |t: &str| DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc);
        let mut out: Vec<(DateTime<Utc>, String)> = r
            .tenant(&self.tenant)
            .window(&[calendar], parse(from), parse(to))
            .unwrap()
            .into_iter()
            .filter(|i| i.series_id.is_some())
            .map(|i| {
                (
                    parse(&i.starts_at),
                    if i.overridden {
                        "overridden"
                    } else {
                        "generated"
                    }
                    .to_string(),
                )
            })
            .collect();
        out.sort();
        out
    }
}

#[tokio::test]
async fn calendar_work_done_offline_reaches_the_server_once_and_in_order() {
    let rig = rig().await;
    rig.sync().await;
    let monday = first_monday();
    let start = at_nine(monday);
    let (cal, entry, series) = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let cal = scope
            .create_calendar(
                Source::User,
                obj(json!({ "kind": "tenant_shared", "name": "Field crew", "timezone": ZONE })),
            )
            .unwrap()
            .local_id;
        let entry = scope
            .create_entry(
                Source::User,
                obj(json!({
                    "calendarId": cal, "kind": "event", "title": "Van check",
                    "startsAt": start, "endsAt": plus_minutes(&start, 30), "timezone": ZONE,
                })),
            )
            .unwrap()
            .local_id;
        let series = scope
            .make_recurring(
                Source::User,
                obj(json!({
                    "calendarId": cal, "rootEntryId": entry, "frequency": "weekly",
                    "byWeekday": [1, 4], "startsAt": start, "timezone": ZONE,
                    "occurrenceCountLimit": 6,
                })),
            )
            .unwrap()
            .local_id;
        // Thursday moves to the afternoon; the second Monday is cancelled.
        let thursday = monday + Duration::days(3);
        let late = plus_minutes(&at_nine(thursday), 300);
        scope
            .override_occurrence(
                Source::User,
                &series,
                thursday,
                obj(json!({ "startsAt": late, "endsAt": plus_minutes(&late, 30), "titleOverride": "Late van check" })),
            )
            .unwrap();
        scope
            .cancel_occurrence(Source::User, &series, monday + Duration::days(7))
            .unwrap();
        scope
            .add_reminder(
                Source::User,
                obj(json!({ "calendarId": cal, "recurrenceMasterId": series, "channel": "in_app", "offsetMinutes": 15 })),
            )
            .unwrap();
        (cal, entry, series)
    };

    let report = rig.sync().await;
    assert_eq!(
        (
            report.pushed,
            report.failed,
            report.conflicts,
            report.skipped
        ),
        (6, 0, 0, 0),
        "{report:?}"
    );
    let (cal_id, entry_id, series_id) = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        assert!(scope.outbox(&[]).unwrap().is_empty());
        let id = |e: Entity, l: &str| scope.get(e, l).unwrap().server_id.unwrap();
        (
            id(Entity::Calendar, &cal),
            id(Entity::Entry, &entry),
            id(Entity::RecurrenceMaster, &series),
        )
    };
    let calendar = rig
        .api_get(&format!("/api/v1/secure/calendar/{cal_id}"), &[])
        .await;
    assert_eq!(calendar["data"]["name"], "Field crew");
    assert!(calendar["data"]["metadata"]["outpostOpId"].is_string());
    let on_server = rig
        .api_get(&format!("/api/v1/secure/calendar/entries/{entry_id}"), &[])
        .await;
    assert_eq!(on_server["data"]["title"], "Van check");

    // The server expands the series as the replica does, with the same changes.
    let from = at_nine(monday - Duration::days(1));
    let to = at_nine(monday + Duration::days(60));
    let theirs = rig.server_occurrences(&series_id, &from, &to).await;
    let mine = rig.local_occurrences(&cal, &from, &to);
    assert_eq!(theirs.len(), 5, "six, one cancelled: {theirs:?}");
    assert_eq!(theirs, mine);
    let reminders = rig
        .api_get(&format!("/api/v1/secure/calendar/{cal_id}/reminders"), &[])
        .await;
    assert_eq!(reminders["data"].as_array().unwrap().len(), 1);
    assert_eq!(
        reminders["data"][0]["recurrenceMasterId"],
        series_id.as_str()
    );

    // Nothing is sent twice, and the pull leaves the local view as it was.
    let again = rig.sync().await;
    assert_eq!(again.pushed, 0, "{again:?}");
    assert_eq!(rig.local_occurrences(&cal, &from, &to), mine);
}

#[tokio::test]
async fn a_series_made_elsewhere_is_found_and_expanded_like_the_server_does() {
    let rig = rig().await;
    let cal = rig
        .api_post(
            "/api/v1/secure/calendar/",
            json!({ "kind": "tenant_shared", "name": "Depot rota", "timezone": ZONE }),
        )
        .await;
    let cal_id = cal["id"].as_str().unwrap().to_string();
    let monday = first_monday();
    let start = at_nine(monday);
    let entry = rig
        .api_post(
            "/api/v1/secure/calendar/entries",
            json!({
                "calendarId": cal_id, "kind": "event", "title": "Depot open",
                "startsAt": start, "endsAt": plus_minutes(&start, 60), "timezone": ZONE,
            }),
        )
        .await;
    let series = rig
        .api_post(
            "/api/v1/secure/calendar/recurrence-masters",
            json!({
                "calendarId": cal_id, "rootEntryId": entry["id"], "frequency": "daily",
                "intervalCount": 2, "startsAt": start, "timezone": ZONE,
                "untilAt": at_nine(monday + Duration::days(20)),
            }),
        )
        .await;
    let series_id = series["id"].as_str().unwrap().to_string();

    rig.sync().await;
    let local_cal = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let local_series = scope.get(Entity::RecurrenceMaster, &series_id).unwrap();
        assert_eq!(local_series.fields["frequency"], "daily");
        scope.get(Entity::Calendar, &cal_id).unwrap().local_id
    };
    let from = at_nine(monday - Duration::days(1));
    let to = at_nine(monday + Duration::days(40));
    let theirs = rig.server_occurrences(&series_id, &from, &to).await;
    assert_eq!(
        theirs.len(),
        11,
        "every other day through the 20th: {theirs:?}"
    );
    assert_eq!(rig.local_occurrences(&local_cal, &from, &to), theirs);

    // Synced, nothing is marked as waiting; one occurrence changed here is, and only it.
    let pending_dates = |rig: &crate::common::Rig| -> Vec<String> {
        let r = rig.replica.lock().unwrap();
        let parse = |t: &str| DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc);
        r.tenant(&rig.tenant)
            .window(&[local_cal.as_str()], parse(&from), parse(&to))
            .unwrap()
            .into_iter()
            .filter(|i| i.has_pending_ops)
            .filter_map(|i| i.instance_date)
            .collect()
    };
    assert!(pending_dates(&rig).is_empty());
    let third = monday + Duration::days(4);
    {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        let local_series = scope.get(Entity::RecurrenceMaster, &series_id).unwrap();
        scope
            .override_occurrence(
                Source::User,
                &local_series.local_id,
                third,
                obj(json!({ "titleOverride": "Depot open late" })),
            )
            .unwrap();
    }
    assert_eq!(pending_dates(&rig), [third.to_string()]);
}

#[tokio::test]
async fn entry_edits_merge_with_remote_ones_and_clashes_wait_for_the_user() {
    let rig = rig().await;
    let cal = rig
        .api_post(
            "/api/v1/secure/calendar/",
            json!({ "kind": "tenant_shared", "name": "Yard", "timezone": ZONE }),
        )
        .await;
    let start = at_nine(first_monday());
    let entry = rig
        .api_post(
            "/api/v1/secure/calendar/entries",
            json!({
                "calendarId": cal["id"], "kind": "event", "title": "Forklift service",
                "startsAt": start, "endsAt": plus_minutes(&start, 90), "timezone": ZONE,
            }),
        )
        .await;
    let id = entry["id"].as_str().unwrap().to_string();
    rig.sync().await;
    let path = format!("/api/v1/secure/calendar/entries/{id}");

    // Different fields: both kept.
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .update_entry(
                Source::User,
                &id,
                obj(json!({ "title": "Forklift service (annual)" })),
            )
            .unwrap();
    }
    let _: Value = rig
        .remote
        .send_json(Method::PATCH, &path, &json!({ "locationName": "Bay 4" }))
        .await
        .unwrap();
    let report = rig.sync().await;
    assert_eq!((report.pushed, report.conflicts), (1, 0), "{report:?}");
    let now = rig.api_get(&path, &[]).await;
    assert_eq!(now["data"]["title"], "Forklift service (annual)");
    assert_eq!(now["data"]["locationName"], "Bay 4");

    // The same field: a conflict, nothing overwritten until the user decides.
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .update_entry(Source::User, &id, obj(json!({ "locationName": "Bay 5" })))
            .unwrap();
    }
    let _: Value = rig
        .remote
        .send_json(Method::PATCH, &path, &json!({ "locationName": "Bay 6" }))
        .await
        .unwrap();
    let report = rig.sync().await;
    assert_eq!(report.conflicts, 1, "{report:?}");
    assert_eq!(
        rig.api_get(&path, &[]).await["data"]["locationName"],
        "Bay 6"
    );
    let conflict = {
        let r = rig.replica.lock().unwrap();
        let conflicts = r.tenant(&rig.tenant).conflicts().unwrap();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].fields, vec!["locationName".to_string()]);
        conflicts[0].conflict_id.clone()
    };
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .resolve_conflict(&conflict, &outpost_replica::Resolution::KeepMine)
            .unwrap();
    }
    rig.sync().await;
    assert_eq!(
        rig.api_get(&path, &[]).await["data"]["locationName"],
        "Bay 5"
    );

    // A status change goes through its own endpoint; a remote delete removes the entry here.
    {
        let r = rig.replica.lock().unwrap();
        r.tenant(&rig.tenant)
            .set_entry_status(Source::User, &id, "confirmed")
            .unwrap();
    }
    let report = rig.sync().await;
    assert_eq!((report.pushed, report.failed), (1, 0), "{report:?}");
    assert_eq!(rig.api_get(&path, &[]).await["data"]["status"], "confirmed");
    rig.remote
        .request::<Value>(Method::DELETE, &path, &[], None)
        .await
        .unwrap();
    rig.sync().await;
    let r = rig.replica.lock().unwrap();
    assert!(r.tenant(&rig.tenant).get(Entity::Entry, &id).is_err());
}

#[tokio::test]
async fn an_entry_create_whose_answer_was_lost_is_found_by_its_op_id() {
    let rig = rig().await;
    let cal = rig
        .api_post(
            "/api/v1/secure/calendar/",
            json!({ "kind": "tenant_shared", "name": "Night shift", "timezone": ZONE }),
        )
        .await;
    let cal_id = cal["id"].as_str().unwrap().to_string();
    rig.sync().await;
    let start = at_nine(first_monday());
    let op = {
        let r = rig.replica.lock().unwrap();
        let scope = r.tenant(&rig.tenant);
        scope
            .create_entry(
                Source::User,
                obj(json!({
                    "calendarId": cal_id, "kind": "event", "title": "Handover",
                    "startsAt": start, "endsAt": plus_minutes(&start, 15), "timezone": ZONE,
                })),
            )
            .unwrap();
        let op = scope.outbox(&[]).unwrap().remove(0);
        // The engine sent it and died before the answer was stored.
        scope.mark_in_flight(&op.op_id).unwrap();
        op
    };
    rig.api_post("/api/v1/secure/calendar/entries", op.payload.clone())
        .await;
    let report = rig.sync().await;
    assert_eq!(report.pushed, 1, "{report:?}");
    let listed = rig
        .api_get(
            "/api/v1/secure/calendar/entries",
            &[
                ("calendarId", cal_id.clone()),
                ("from", plus_minutes(&start, -60)),
                ("to", plus_minutes(&start, 60)),
            ],
        )
        .await;
    let handovers = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["title"] == "Handover")
        .count();
    assert_eq!(handovers, 1, "no duplicate");
}

/// One rule made on the server in a calendar of `zone`, starting at `start` (local time).
struct Case {
    zone: &'static str,
    start: &'static str,
    rule: Value,
}

#[tokio::test]
async fn local_expansion_equals_the_servers_on_the_hard_cases() {
    let rig = rig().await;
    let cases = [
        // Across both DST changes in Berlin: the wall-clock time holds.
        Case {
            zone: "Europe/Berlin",
            start: "2026-10-19T09:00:00",
            rule: json!({ "frequency": "weekly", "byWeekday": [1, 3, 5], "occurrenceCountLimit": 80 }),
        },
        // The 31st: short months are skipped; a count limit counts only real occurrences.
        Case {
            zone: "Europe/Berlin",
            start: "2027-01-31T18:30:00",
            rule: json!({ "frequency": "monthly", "byMonthDay": [31], "occurrenceCountLimit": 6 }),
        },
        // Twice a month in New York across its DST change.
        Case {
            zone: "America/New_York",
            start: "2027-01-01T08:00:00",
            rule: json!({ "frequency": "monthly", "byMonthDay": [1, 15], "occurrenceCountLimit": 20 }),
        },
        // Every third day until a date (until is inclusive).
        Case {
            zone: "Asia/Tokyo",
            start: "2026-12-01T07:00:00",
            rule: json!({ "frequency": "daily", "intervalCount": 3, "untilAt": "2027-03-01T22:00:00Z" }),
        },
        // Weekends of every other week.
        Case {
            zone: "Australia/Sydney",
            start: "2026-12-05T10:00:00",
            rule: json!({ "frequency": "weekly", "intervalCount": 2, "byWeekday": [0, 6], "occurrenceCountLimit": 9 }),
        },
        // A leap day, yearly: only leap years have one.
        Case {
            zone: "UTC",
            start: "2028-02-29T12:00:00",
            rule: json!({ "frequency": "yearly", "occurrenceCountLimit": 2 }),
        },
    ];
    let mut made = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let tz: chrono_tz::Tz = case.zone.parse().unwrap();
        let local = chrono::NaiveDateTime::parse_from_str(case.start, "%Y-%m-%dT%H:%M:%S").unwrap();
        let start = local
            .and_local_timezone(tz)
            .single()
            .unwrap()
            .with_timezone(&Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let cal = rig
            .api_post(
                "/api/v1/secure/calendar/",
                json!({ "kind": "tenant_shared", "name": format!("Case {i}"), "timezone": case.zone }),
            )
            .await;
        let entry = rig
            .api_post(
                "/api/v1/secure/calendar/entries",
                json!({
                    "calendarId": cal["id"], "kind": "event", "title": format!("Case {i}"),
                    "startsAt": start, "endsAt": plus_minutes(&start, 45), "timezone": case.zone,
                }),
            )
            .await;
        let mut rule = case.rule.as_object().unwrap().clone();
        rule.insert("calendarId".into(), cal["id"].clone());
        rule.insert("rootEntryId".into(), entry["id"].clone());
        rule.insert("startsAt".into(), json!(start));
        rule.insert("timezone".into(), json!(case.zone));
        let series = rig
            .api_post(
                "/api/v1/secure/calendar/recurrence-masters",
                Value::Object(rule),
            )
            .await;
        made.push((
            cal["id"].as_str().unwrap().to_string(),
            series["id"].as_str().unwrap().to_string(),
            DateTime::parse_from_rfc3339(&start)
                .unwrap()
                .with_timezone(&Utc),
        ));
    }
    rig.sync().await;
    for (i, (cal, series, start)) in made.iter().enumerate() {
        let local_cal = {
            let r = rig.replica.lock().unwrap();
            r.tenant(&rig.tenant)
                .get(Entity::Calendar, cal)
                .unwrap()
                .local_id
        };
        let mut theirs = Vec::new();
        let mut mine = Vec::new();
        // The server answers windows of at most 366 days: two years in 360-day steps.
        for step in 0..3 {
            let from = *start - Duration::days(1) + Duration::days(360 * step);
            let to = from + Duration::days(360);
            let (f, t) = (
                from.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                to.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            );
            theirs.extend(rig.server_occurrences(series, &f, &t).await);
            mine.extend(rig.local_occurrences(&local_cal, &f, &t));
        }
        let starts = |v: &[(DateTime<Utc>, String)]| v.iter().map(|(t, _)| *t).collect::<Vec<_>>();
        assert!(
            !theirs.is_empty(),
            "case {i}: the server made no occurrence"
        );
        assert_eq!(
            starts(&mine),
            starts(&theirs),
            "case {i} expands differently"
        );
    }
}
