//! Window bounds for plain entries: overlap with [from, to), long entries that began long
//! before the window, deleted entries and calendars.

use crate::common::*;
use chrono::{DateTime, Utc};
use outpost_replica::Source;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

#[test]
fn entries_overlapping_the_window_and_only_those() {
    let r = open();
    let scope = r.replica.tenant(TENANT);
    let cal = calendar(&scope, "Ops", "Europe/Berlin");
    let other = calendar(&scope, "Other", "Europe/Berlin");
    entry(
        &scope,
        &cal.local_id,
        "ends at from",
        "2026-03-09T08:00:00Z",
        "2026-03-10T00:00:00Z",
    );
    entry(
        &scope,
        &cal.local_id,
        "starts at to",
        "2026-03-11T00:00:00Z",
        "2026-03-11T01:00:00Z",
    );
    entry(
        &scope,
        &cal.local_id,
        "inside",
        "2026-03-10T09:00:00Z",
        "2026-03-10T10:00:00Z",
    );
    entry(
        &scope,
        &cal.local_id,
        "overnight",
        "2026-03-09T22:00:00Z",
        "2026-03-10T02:00:00Z",
    );
    entry(
        &scope,
        &cal.local_id,
        "six days",
        "2026-03-04T12:00:00Z",
        "2026-03-10T12:00:00Z",
    );
    entry(
        &scope,
        &cal.local_id,
        "a month long",
        "2026-02-20T00:00:00Z",
        "2026-03-20T00:00:00Z",
    );
    entry(
        &scope,
        &cal.local_id,
        "long but over",
        "2026-01-01T00:00:00Z",
        "2026-03-09T00:00:00Z",
    );
    let gone = entry(
        &scope,
        &cal.local_id,
        "deleted",
        "2026-03-10T11:00:00Z",
        "2026-03-10T12:00:00Z",
    );
    scope.delete_entry(Source::User, &gone.local_id).unwrap();
    entry(
        &scope,
        &other.local_id,
        "other calendar",
        "2026-03-10T09:00:00Z",
        "2026-03-10T10:00:00Z",
    );

    let titles = |ids: &[&str]| {
        scope
            .window(ids, t("2026-03-10T00:00:00Z"), t("2026-03-11T00:00:00Z"))
            .unwrap()
            .into_iter()
            .map(|i| i.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        titles(&[&cal.local_id]),
        ["a month long", "six days", "overnight", "inside"]
    );
    assert_eq!(titles(&[&cal.local_id, &other.local_id]).len(), 5);
    let agenda = scope
        .window_all(t("2026-03-10T00:00:00Z"), t("2026-03-11T00:00:00Z"))
        .unwrap();
    assert_eq!(agenda.len(), 5);
    assert!(
        agenda.windows(2).all(|w| w[0].starts_at <= w[1].starts_at),
        "in time order across calendars"
    );
    assert!(scope
        .window(
            &[&cal.local_id],
            t("2026-03-11T00:00:00Z"),
            t("2026-03-10T00:00:00Z")
        )
        .unwrap()
        .is_empty());
    scope
        .delete_calendar(Source::User, &other.local_id)
        .unwrap();
    assert_eq!(
        scope
            .window(
                &[&other.local_id],
                t("2026-03-10T00:00:00Z"),
                t("2026-03-11T00:00:00Z")
            )
            .unwrap_err()
            .code(),
        "not_found"
    );
}
