//! Expanding series locally: DST in Europe/Berlin and America/New_York, month ends, 29 February,
//! until vs count, weekday sets, overrides and cancellations, rules that never fire.

use chrono::{DateTime, NaiveDate, Utc};

use crate::common::*;
use outpost_replica::recurrence::Rule;
use outpost_replica::{Entity, Source};
use serde_json::{json, Value};

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn rule(v: Value) -> Rule {
    Rule::from_fields(&fields(v)).unwrap()
}

fn starts(rule: &Rule, from: &str, to: &str) -> Vec<String> {
    rule.occurrences_between(t(from), t(to))
        .into_iter()
        .map(|o| o.starts_at.format("%Y-%m-%dT%H:%MZ").to_string())
        .collect()
}

fn dates(rule: &Rule, from: &str, to: &str) -> Vec<String> {
    rule.occurrences_between(t(from), t(to))
        .into_iter()
        .map(|o| o.instance_date.to_string())
        .collect()
}

#[test]
fn berlin_wall_clock_time_survives_both_dst_changes() {
    let r = rule(
        json!({"frequency": "weekly", "startsAt": "2026-03-16T08:00:00Z", "timezone": "Europe/Berlin"}),
    );
    assert_eq!(
        starts(&r, "2026-03-01T00:00:00Z", "2026-04-07T00:00:00Z"),
        [
            "2026-03-16T08:00Z",
            "2026-03-23T08:00Z",
            "2026-03-30T07:00Z",
            "2026-04-06T07:00Z"
        ]
    );
    assert_eq!(
        starts(&r, "2026-10-19T00:00:00Z", "2026-11-03T00:00:00Z"),
        [
            "2026-10-19T07:00Z",
            "2026-10-26T08:00Z",
            "2026-11-02T08:00Z"
        ]
    );
}

#[test]
fn new_york_daily_across_spring_forward_and_fall_back() {
    // 09:00 EST = 14:00Z; after 8 March 2026 09:00 EDT = 13:00Z; after 1 November back to 14:00Z.
    let r = rule(
        json!({"frequency": "daily", "startsAt": "2026-03-06T14:00:00Z", "timezone": "America/New_York"}),
    );
    assert_eq!(
        starts(&r, "2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z"),
        [
            "2026-03-06T14:00Z",
            "2026-03-07T14:00Z",
            "2026-03-08T13:00Z",
            "2026-03-09T13:00Z"
        ]
    );
    assert_eq!(
        starts(&r, "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z"),
        [
            "2026-10-31T13:00Z",
            "2026-11-01T14:00Z",
            "2026-11-02T14:00Z"
        ]
    );
}

#[test]
fn times_in_the_gap_move_forward_and_times_in_the_overlap_take_the_first() {
    // 02:30 Berlin does not exist on 29 March 2026: read with the offset before (+01:00).
    let r = rule(
        json!({"frequency": "daily", "startsAt": "2026-03-27T01:30:00Z", "timezone": "Europe/Berlin"}),
    );
    assert_eq!(
        starts(&r, "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z"),
        [
            "2026-03-28T01:30Z",
            "2026-03-29T01:30Z",
            "2026-03-30T00:30Z"
        ]
    );
    // 02:30 Berlin exists twice on 25 October 2026: the first (CEST, 00:30Z).
    let r = rule(
        json!({"frequency": "daily", "startsAt": "2026-10-23T00:30:00Z", "timezone": "Europe/Berlin"}),
    );
    assert_eq!(
        starts(&r, "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z"),
        [
            "2026-10-24T00:30Z",
            "2026-10-25T00:30Z",
            "2026-10-26T01:30Z"
        ]
    );
}

#[test]
fn month_ends_are_skipped_not_moved() {
    let r = rule(
        json!({"frequency": "monthly", "startsAt": "2026-01-31T09:00:00Z", "timezone": "UTC"}),
    );
    assert_eq!(
        dates(&r, "2026-01-01T00:00:00Z", "2026-09-01T00:00:00Z"),
        [
            "2026-01-31",
            "2026-03-31",
            "2026-05-31",
            "2026-07-31",
            "2026-08-31"
        ]
    );
    let r = rule(
        json!({"frequency": "monthly", "byMonthDay": [15, 30], "startsAt": "2026-01-15T09:00:00Z", "timezone": "UTC"}),
    );
    assert_eq!(
        dates(&r, "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z"),
        [
            "2026-01-15",
            "2026-01-30",
            "2026-02-15",
            "2026-03-15",
            "2026-03-30"
        ]
    );
}

#[test]
fn a_series_from_29_february_occurs_in_leap_years_only() {
    let r = rule(
        json!({"frequency": "yearly", "startsAt": "2028-02-29T10:00:00Z", "timezone": "Europe/Berlin"}),
    );
    assert_eq!(
        dates(&r, "2028-01-01T00:00:00Z", "2037-01-01T00:00:00Z"),
        ["2028-02-29", "2032-02-29", "2036-02-29"]
    );
}

#[test]
fn until_is_inclusive_and_count_includes_the_start() {
    let by_count = rule(
        json!({"frequency": "daily", "occurrenceCountLimit": 3, "startsAt": "2026-05-01T09:00:00Z", "timezone": "UTC"}),
    );
    assert_eq!(
        dates(&by_count, "2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z"),
        ["2026-05-01", "2026-05-02", "2026-05-03"]
    );
    // Counting starts at the start even when the window starts later.
    assert_eq!(
        dates(&by_count, "2026-05-02T12:00:00Z", "2026-06-01T00:00:00Z"),
        ["2026-05-03"]
    );
    let by_until = rule(
        json!({"frequency": "daily", "untilAt": "2026-05-03T09:00:00Z", "startsAt": "2026-05-01T09:00:00Z", "timezone": "UTC"}),
    );
    assert_eq!(
        dates(&by_until, "2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z"),
        ["2026-05-01", "2026-05-02", "2026-05-03"]
    );
    let before = rule(
        json!({"frequency": "daily", "untilAt": "2026-05-03T08:59:59Z", "startsAt": "2026-05-01T09:00:00Z", "timezone": "UTC"}),
    );
    assert_eq!(
        dates(&before, "2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z"),
        ["2026-05-01", "2026-05-02"]
    );
}

#[test]
fn weekday_sets_count_from_sunday_zero() {
    // Every other week on Monday, Wednesday, Friday (1, 3, 5), from Monday 2 March 2026.
    let r = rule(
        json!({"frequency": "weekly", "intervalCount": 2, "byWeekday": [5, 1, 3],
        "startsAt": "2026-03-02T09:00:00Z", "timezone": "UTC"}),
    );
    assert_eq!(
        dates(&r, "2026-03-01T00:00:00Z", "2026-03-21T00:00:00Z"),
        [
            "2026-03-02",
            "2026-03-04",
            "2026-03-06",
            "2026-03-16",
            "2026-03-18",
            "2026-03-20"
        ]
    );
    // Weekends only (0 = Sunday, 6 = Saturday), daily rule filtered by weekday.
    let r = rule(
        json!({"frequency": "daily", "byWeekday": [0, 6], "startsAt": "2026-03-07T09:00:00Z", "timezone": "UTC"}),
    );
    assert_eq!(
        dates(&r, "2026-03-07T00:00:00Z", "2026-03-16T00:00:00Z"),
        ["2026-03-07", "2026-03-08", "2026-03-14", "2026-03-15"]
    );
    // Monthly on every Monday.
    let r = rule(
        json!({"frequency": "monthly", "byWeekday": [1], "startsAt": "2026-06-01T09:00:00Z", "timezone": "UTC"}),
    );
    assert_eq!(
        dates(&r, "2026-06-01T00:00:00Z", "2026-07-07T00:00:00Z"),
        [
            "2026-06-01",
            "2026-06-08",
            "2026-06-15",
            "2026-06-22",
            "2026-06-29",
            "2026-07-06"
        ]
    );
    // Friday the 13th.
    let r = rule(
        json!({"frequency": "monthly", "byWeekday": [5], "byMonthDay": [13], "startsAt": "2026-02-13T09:00:00Z", "timezone": "UTC"}),
    );
    assert_eq!(
        dates(&r, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ["2026-02-13", "2026-03-13", "2026-11-13"]
    );
}

#[test]
fn far_windows_of_old_series_are_right() {
    let r = rule(
        json!({"frequency": "daily", "intervalCount": 3, "startsAt": "2016-01-01T09:00:00Z", "timezone": "Europe/Berlin"}),
    );
    // 2016-01-01 + 3k days: 2026-01-01 is day 3653 (not a multiple of 3); 3654 = 2026-01-02.
    assert_eq!(
        dates(&r, "2026-01-01T00:00:00Z", "2026-01-09T00:00:00Z"),
        ["2026-01-02", "2026-01-05", "2026-01-08"]
    );
    assert!(r.has_occurrence_on(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()));
    assert!(!r.has_occurrence_on(NaiveDate::from_ymd_opt(2026, 1, 6).unwrap()));
}

#[test]
fn impossible_rules_are_refused_by_field() {
    let base =
        json!({"frequency": "monthly", "startsAt": "2026-02-10T09:00:00Z", "timezone": "UTC"});
    let cases = [
        (json!({"intervalCount": 0}), "intervalCount"),
        (json!({"untilAt": "2026-02-01T00:00:00Z"}), "untilAt"),
        (json!({"occurrenceCountLimit": 0}), "occurrenceCountLimit"),
        (json!({"byWeekday": [7]}), "byWeekday"),
        (json!({"byMonthDay": [0]}), "byMonthDay"),
        // Every 12 months from February: never a 30th.
        (
            json!({"intervalCount": 12, "byMonthDay": [30]}),
            "byMonthDay",
        ),
        (
            json!({"frequency": "yearly", "byMonthDay": [31]}),
            "byMonthDay",
        ),
        (json!({"timezone": "Nowhere/City"}), "timezone"),
    ];
    for (change, field) in cases {
        let mut f = base.clone();
        for (k, v) in change.as_object().unwrap() {
            f[k] = v.clone();
        }
        let err = Rule::from_fields(&fields(f.clone())).unwrap_err();
        assert_eq!(err.field(), Some(field), "{f}: {err}");
    }
    // The same day in February of every year is fine; so is the 31st monthly (it hits in March).
    Rule::from_fields(&fields(json!({"frequency": "yearly", "byMonthDay": [28], "startsAt": "2026-02-10T09:00:00Z", "timezone": "UTC"}))).unwrap();
    Rule::from_fields(&fields(json!({"frequency": "monthly", "byMonthDay": [31], "startsAt": "2026-02-10T09:00:00Z", "timezone": "UTC"}))).unwrap();
}

#[test]
fn offline_series_with_overrides_and_cancellations_in_the_window() {
    let t_ = open();
    let scope = t_.replica.tenant(TENANT);
    let cal = calendar(&scope, "Ops", "Europe/Berlin");
    let root = entry(
        &scope,
        &cal.local_id,
        "Standup",
        "2026-03-23T08:00:00Z",
        "2026-03-23T08:15:00Z",
    );
    let master = scope
        .make_recurring(
            Source::User,
            fields(json!({"calendarId": cal.local_id, "rootEntryId": root.local_id, "frequency": "daily",
                "byWeekday": [1, 2, 3, 4, 5], "startsAt": "2026-03-23T08:00:00Z", "timezone": "Europe/Berlin"})),
        )
        .unwrap();
    let tue = NaiveDate::from_ymd_opt(2026, 3, 24).unwrap();
    let wed = NaiveDate::from_ymd_opt(2026, 3, 25).unwrap();
    let fri_next = NaiveDate::from_ymd_opt(2026, 4, 3).unwrap();
    scope
        .cancel_occurrence(Source::User, &master.local_id, tue)
        .unwrap();
    scope
        .override_occurrence(Source::User, &master.local_id, wed, fields(json!({"titleOverride": "Planning", "startsAt": "2026-03-25T12:00:00Z", "endsAt": "2026-03-25T13:00:00Z"})))
        .unwrap();
    // An occurrence of next week moved into this week.
    scope
        .override_occurrence(
            Source::User,
            &master.local_id,
            fri_next,
            fields(json!({"startsAt": "2026-03-27T15:00:00Z", "endsAt": "2026-03-27T15:30:00Z"})),
        )
        .unwrap();
    let items = scope
        .window(
            &[&cal.local_id],
            t("2026-03-23T00:00:00Z"),
            t("2026-03-30T00:00:00Z"),
        )
        .unwrap();
    let summary: Vec<(String, String, String)> = items
        .iter()
        .map(|i| {
            (
                i.instance_date.clone().unwrap(),
                i.starts_at.clone(),
                i.title.clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "2026-03-23".to_string(),
                "2026-03-23T08:00:00.000Z".to_string(),
                "Standup".to_string()
            ),
            (
                "2026-03-25".into(),
                "2026-03-25T12:00:00.000Z".into(),
                "Planning".into()
            ),
            (
                "2026-03-26".into(),
                "2026-03-26T08:00:00.000Z".into(),
                "Standup".into()
            ),
            (
                "2026-03-27".into(),
                "2026-03-27T08:00:00.000Z".into(),
                "Standup".into()
            ),
            (
                "2026-04-03".into(),
                "2026-03-27T15:00:00.000Z".into(),
                "Standup".into()
            ),
        ]
    );
    assert!(items
        .iter()
        .all(|i| i.entry_id == root.local_id
            && i.series_id.as_deref() == Some(master.local_id.as_str())));
    assert!(items[1].overridden);
    // After DST (29 March) the 09:00 Berlin standup is at 07:00Z; the moved one is not there.
    let next = scope
        .window(
            &[&cal.local_id],
            t("2026-03-30T00:00:00Z"),
            t("2026-04-04T00:00:00Z"),
        )
        .unwrap();
    let starts: Vec<&str> = next.iter().map(|i| i.starts_at.as_str()).collect();
    assert_eq!(
        starts,
        [
            "2026-03-30T07:00:00.000Z",
            "2026-03-31T07:00:00.000Z",
            "2026-04-01T07:00:00.000Z",
            "2026-04-02T07:00:00.000Z"
        ]
    );

    // Free-busy leaves out the cancelled day and counts the moved occurrence.
    let fb = scope
        .free_busy(
            &[&cal.local_id],
            t("2026-03-23T00:00:00Z"),
            t("2026-03-30T00:00:00Z"),
        )
        .unwrap();
    assert_eq!(fb.slots.len(), 5);
    assert_eq!(fb.window_starts_at, "2026-03-23T00:00:00.000Z");

    // The series and its changed occurrences are listed.
    assert_eq!(scope.series(&cal.local_id).unwrap().len(), 1);
    assert_eq!(
        scope
            .series_of_entry(&root.local_id)
            .unwrap()
            .unwrap()
            .local_id,
        master.local_id
    );
    let changes: Vec<String> = scope
        .occurrence_changes(&master.local_id)
        .unwrap()
        .into_iter()
        .map(|r| {
            format!(
                "{} {}",
                r.fields["instanceDate"].as_str().unwrap(),
                r.fields["instanceState"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            "2026-03-24 cancelled",
            "2026-03-25 overridden",
            "2026-04-03 overridden"
        ]
    );
    // The outbox holds the series create and one op per changed occurrence.
    let ops = scope.outbox(&[]).unwrap();
    assert!(
        ops.iter()
            .any(|o| o.label.as_deref() == Some("Standup (2026-03-24)")),
        "{ops:?}"
    );
    assert_eq!(
        ops.iter()
            .filter(|o| o.entity == Entity::RecurrenceInstance)
            .count(),
        3
    );
    // Cancelling again changes nothing; overriding a day the series does not have is refused.
    let before = fingerprint(&t_.replica);
    scope
        .cancel_occurrence(Source::User, &master.local_id, tue)
        .unwrap();
    let sunday = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
    let err = scope
        .cancel_occurrence(Source::User, &master.local_id, sunday)
        .unwrap_err();
    assert_eq!(err.field(), Some("instanceDate"));
    let err = scope
        .override_occurrence(
            Source::User,
            &master.local_id,
            wed,
            fields(json!({"endsAt": "2026-03-25T11:00:00Z"})),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("endsAt"));
    assert_eq!(fingerprint(&t_.replica), before);
}

#[test]
fn series_rules_change_only_before_sync_and_bad_rules_change_nothing() {
    let t_ = open();
    let scope = t_.replica.tenant(TENANT);
    let cal = calendar(&scope, "Ops", "Europe/Berlin");
    let root = entry(
        &scope,
        &cal.local_id,
        "Review",
        "2026-01-31T09:00:00Z",
        "2026-01-31T10:00:00Z",
    );
    let before = fingerprint(&t_.replica);
    for (rule, field) in [
        (json!({"intervalCount": 0}), "intervalCount"),
        (json!({"untilAt": "2026-01-01T00:00:00Z"}), "untilAt"),
        (
            json!({"frequency": "yearly", "byMonthDay": [30, 31], "startsAt": "2026-02-10T09:00:00Z"}),
            "byMonthDay",
        ),
        (json!({"byWeekday": [9]}), "byWeekday"),
    ] {
        let mut f = json!({"calendarId": cal.local_id, "rootEntryId": root.local_id, "frequency": "monthly",
            "startsAt": "2026-01-31T09:00:00Z", "timezone": "Europe/Berlin"});
        for (k, v) in rule.as_object().unwrap() {
            f[k] = v.clone();
        }
        let err = scope.make_recurring(Source::User, fields(f)).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(fingerprint(&t_.replica), before);
    let master = scope
        .make_recurring(Source::User, fields(json!({"calendarId": cal.local_id, "rootEntryId": root.local_id, "frequency": "monthly",
            "startsAt": "2026-01-31T09:00:00Z", "timezone": "Europe/Berlin"})))
        .unwrap();
    let err = scope
        .make_recurring(Source::User, fields(json!({"calendarId": cal.local_id, "rootEntryId": root.local_id, "frequency": "daily",
            "startsAt": "2026-01-31T09:00:00Z", "timezone": "Europe/Berlin"})))
        .unwrap_err();
    assert_eq!(err.field(), Some("rootEntryId"));
    scope
        .update_series_rule(
            Source::User,
            &master.local_id,
            fields(json!({"occurrenceCountLimit": 2})),
        )
        .unwrap();
    let ops = scope
        .ops_for_record(Entity::RecurrenceMaster, &master.local_id)
        .unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].payload["occurrenceCountLimit"], json!(2));
    let items = scope
        .window(
            &[&cal.local_id],
            t("2026-01-01T00:00:00Z"),
            t("2026-12-31T00:00:00Z"),
        )
        .unwrap();
    assert_eq!(
        items
            .iter()
            .map(|i| i.instance_date.clone().unwrap())
            .collect::<Vec<_>>(),
        ["2026-01-31", "2026-03-31"]
    );
    // Once the create is sent the platform cannot change the rule.
    scope.mark_in_flight(&ops[0].op_id).unwrap();
    let err = scope
        .update_series_rule(
            Source::User,
            &master.local_id,
            fields(json!({"occurrenceCountLimit": 3})),
        )
        .unwrap_err();
    assert_eq!(err.code(), "unsupported");
    // Nor after a failed attempt, back in the queue: the server may have the series already.
    scope.mark_failed(&ops[0].op_id, "timeout", None).unwrap();
    scope.retry_op(&ops[0].op_id).unwrap();
    let before = fingerprint(&t_.replica);
    let err = scope
        .update_series_rule(
            Source::User,
            &master.local_id,
            fields(json!({"occurrenceCountLimit": 3})),
        )
        .unwrap_err();
    assert_eq!(err.code(), "unsupported");
    assert_eq!(fingerprint(&t_.replica), before);
}

#[test]
fn series_expand_in_their_calendars_time_zone() {
    let t_ = open();
    let scope = t_.replica.tenant(TENANT);
    let cal = calendar(&scope, "NY office", "America/New_York");
    let root = entry(
        &scope,
        &cal.local_id,
        "Opening",
        "2026-03-06T14:00:00Z",
        "2026-03-06T14:30:00Z",
    );
    // The master names UTC; the calendar's zone decides (09:00 in New York stays 09:00).
    scope
        .make_recurring(
            Source::User,
            fields(json!({"calendarId": cal.local_id, "rootEntryId": root.local_id, "frequency": "daily",
                "startsAt": "2026-03-06T14:00:00Z", "timezone": "UTC", "occurrenceCountLimit": 4})),
        )
        .unwrap();
    let items = scope
        .window(
            &[&cal.local_id],
            t("2026-03-01T00:00:00Z"),
            t("2026-04-01T00:00:00Z"),
        )
        .unwrap();
    let starts: Vec<&str> = items.iter().map(|i| i.starts_at.as_str()).collect();
    assert_eq!(
        starts,
        [
            "2026-03-06T14:00:00.000Z",
            "2026-03-07T14:00:00.000Z",
            "2026-03-08T13:00:00.000Z",
            "2026-03-09T13:00:00.000Z"
        ]
    );
    assert!(items
        .iter()
        .all(|i| i.timezone == "America/New_York" && i.ends_at > i.starts_at));
}
