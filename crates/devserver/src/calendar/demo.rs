//! Demo calendars for every active demo tenant: one calendar of each kind, one-off entries over
//! the months around `anchor` (past ones done, future ones planned), recurring series with an
//! overridden and a cancelled occurrence, and reminders. The same seed and anchor give the same
//! data, ids included; the server passes the first day of the current month as the anchor, so
//! the demo always has a recent past and a near future.

use chrono::{DateTime, Datelike, Days, Duration, Months, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::calendar::entries::all_day_dates;
use crate::calendar::expand::resolve_local;
use crate::calendar::input::format_time;
use crate::calendar::series::rule_of;
use crate::calendar::store::{CalendarStore, InstanceRow, Row, TenantCalendars};
use crate::demo::{demo_id, tenant_id, DemoOptions, ADMIN_EMAIL, TOTP_USER_EMAIL};

/// When the demo rows say they were made.
pub(super) const CREATED: &str = "2026-02-01T08:00:00.000Z";

/// The first day of `now`'s month (UTC): the anchor the server seeds around.
pub fn month_start(now: DateTime<Utc>) -> NaiveDate {
    now.date_naive().with_day(1).unwrap_or(NaiveDate::MIN)
}

pub(super) struct Demo<'a> {
    pub(super) tenant: &'a mut TenantCalendars,
    pub(super) tenant_id: String,
    pub(super) slug: &'static str,
    pub(super) author: String,
}

fn stamp_fields(row: &mut Row, author: &str) {
    row.insert("createdAt".into(), json!(CREATED));
    row.insert("updatedAt".into(), json!(CREATED));
    row.insert("createdBy".into(), json!(author));
    row.insert("deletedAt".into(), Value::Null);
    row.insert("deletedBy".into(), Value::Null);
}

pub(super) struct EntrySpec<'a> {
    pub(super) name: String,
    pub(super) kind: &'a str,
    pub(super) status: &'a str,
    pub(super) title: &'a str,
    pub(super) start: DateTime<Utc>,
    pub(super) end: DateTime<Utc>,
    pub(super) all_day: bool,
    pub(super) location: Option<&'a str>,
}

impl Demo<'_> {
    pub(super) fn id(&self, kind: &str, name: &str) -> String {
        demo_id(kind, &format!("{}/{name}", self.slug))
    }

    pub(super) fn calendar(
        &mut self,
        name: &str,
        kind: &str,
        timezone: &str,
        visibility: &str,
        linked: (Option<String>, Option<String>, Option<String>),
    ) -> String {
        let id = self.id("calendar", name);
        let mut row = Row::new();
        row.insert("id".into(), json!(id));
        row.insert("tenantId".into(), json!(self.tenant_id));
        row.insert("kind".into(), json!(kind));
        row.insert("name".into(), json!(name));
        row.insert("description".into(), Value::Null);
        row.insert("timezone".into(), json!(timezone));
        row.insert("visibility".into(), json!(visibility));
        row.insert("policy".into(), json!({}));
        row.insert("metadata".into(), json!({ "demo": true }));
        row.insert("typeDefinitionId".into(), Value::Null);
        row.insert(
            "linkedEntity".into(),
            json!({ "userId": linked.0, "resourceId": linked.1, "spaceId": linked.2 }),
        );
        stamp_fields(&mut row, &self.author);
        self.tenant.calendars.insert(id.clone(), row);
        id
    }

    pub(super) fn entry(&mut self, calendar: &str, spec: EntrySpec<'_>) -> String {
        let id = self.id("entry", &spec.name);
        let timezone = self.tenant.calendars[calendar]["timezone"].clone();
        let tz: Tz = timezone
            .as_str()
            .unwrap_or("UTC")
            .parse()
            .unwrap_or(Tz::UTC);
        let (first, last) = all_day_dates(spec.all_day, spec.start, spec.end, tz);
        let mut row = Row::new();
        row.insert("id".into(), json!(id));
        row.insert("tenantId".into(), json!(self.tenant_id));
        row.insert("calendarId".into(), json!(calendar));
        row.insert("kind".into(), json!(spec.kind));
        row.insert("status".into(), json!(spec.status));
        row.insert("visibility".into(), json!("default"));
        row.insert("title".into(), json!(spec.title));
        row.insert("description".into(), Value::Null);
        row.insert("startsAt".into(), json!(format_time(spec.start)));
        row.insert("endsAt".into(), json!(format_time(spec.end)));
        row.insert("localStartDate".into(), first);
        row.insert("localEndDateExclusive".into(), last);
        row.insert("timezone".into(), timezone);
        row.insert("isAllDay".into(), json!(spec.all_day));
        row.insert("ownerUserId".into(), json!(self.author));
        row.insert("metadata".into(), json!({}));
        row.insert("typeDefinitionId".into(), Value::Null);
        row.insert("locationName".into(), json!(spec.location));
        row.insert("locationPayload".into(), json!({}));
        row.insert("approvalState".into(), Value::Null);
        row.insert("approvalRequestId".into(), Value::Null);
        stamp_fields(&mut row, &self.author);
        self.tenant.entries.insert(id.clone(), row);
        id
    }

    /// A series rooted in a new entry; returns the master's id.
    pub(super) fn series(&mut self, calendar: &str, spec: EntrySpec<'_>, rule: Value) -> String {
        let name = spec.name.clone();
        let start = spec.start;
        let root = self.entry(calendar, spec);
        let id = self.id("series", &name);
        let mut row = Row::new();
        row.insert("id".into(), json!(id));
        row.insert("tenantId".into(), json!(self.tenant_id));
        row.insert("calendarId".into(), json!(calendar));
        row.insert("rootEntryId".into(), json!(root));
        for key in [
            "frequency",
            "intervalCount",
            "byWeekday",
            "byMonthDay",
            "untilAt",
            "occurrenceCountLimit",
        ] {
            row.insert(key.into(), rule.get(key).cloned().unwrap_or(Value::Null));
        }
        if row["intervalCount"].is_null() {
            row.insert("intervalCount".into(), json!(1));
        }
        row.insert("startsAt".into(), json!(format_time(start)));
        row.insert(
            "timezone".into(),
            self.tenant.calendars[calendar]["timezone"].clone(),
        );
        row.insert("generatedWindowDays".into(), json!(90));
        row.insert("metadata".into(), json!({}));
        stamp_fields(&mut row, &self.author);
        self.tenant.masters.insert(id.clone(), row);
        id
    }

    /// Changes the `nth` occurrence (from 0) of a series starting at or after `from`.
    pub(super) fn change(
        &mut self,
        master: &str,
        from: DateTime<Utc>,
        nth: usize,
        state: &str,
        overrides: Row,
    ) {
        let row = &self.tenant.masters[master];
        let calendar = &self.tenant.calendars[row["calendarId"].as_str().unwrap_or_default()];
        let tz: Tz = calendar["timezone"]
            .as_str()
            .unwrap_or("UTC")
            .parse()
            .unwrap_or(Tz::UTC);
        let Some(rule) = rule_of(row, tz) else {
            return;
        };
        let Some(o) = rule
            .starting_between(from, from + Duration::days(366))
            .get(nth)
            .copied()
        else {
            return;
        };
        let id = self.id("instance", &format!("{master}/{}", o.date));
        self.tenant.instances.insert(
            id.clone(),
            InstanceRow {
                id: id.clone(),
                master_id: master.to_string(),
                date: o.date,
                state: state.into(),
                overrides,
                created_at: CREATED.into(),
                updated_at: CREATED.into(),
                created_by: Some(self.author.clone()),
            },
        );
        self.tenant
            .instance_ids
            .insert((master.to_string(), o.date), id);
    }

    pub(super) fn reminder(
        &mut self,
        name: &str,
        calendar: &str,
        target: (Option<&str>, Option<&str>),
        channel: &str,
        offset: i64,
    ) {
        let id = self.id("reminder", name);
        let mut row = Row::new();
        row.insert("id".into(), json!(id));
        row.insert("tenantId".into(), json!(self.tenant_id));
        row.insert("calendarId".into(), json!(calendar));
        row.insert("calendarEntryId".into(), json!(target.0));
        row.insert("recurrenceMasterId".into(), json!(target.1));
        row.insert("channel".into(), json!(channel));
        row.insert("offsetMinutes".into(), json!(offset));
        row.insert("isEnabled".into(), json!(true));
        row.insert("nextTriggerAt".into(), Value::Null);
        row.insert("lastTriggeredAt".into(), Value::Null);
        stamp_fields(&mut row, &self.author);
        self.tenant.reminders.insert(id, row);
    }
}

/// A local time on `date` in `tz`.
pub(super) fn at(tz: Tz, date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN);
    resolve_local(&tz, date.and_time(time))
}

/// Seeds the calendar tables of the active demo tenants.
pub fn seed(store: &mut CalendarStore, options: DemoOptions, anchor: NaiveDate) {
    let mut rng = StdRng::seed_from_u64(options.seed ^ 0xCA1E_2DA5);
    let admin = demo_id("user", ADMIN_EMAIL);
    let tech = demo_id("user", TOTP_USER_EMAIL);
    for (slug, zone, user) in [
        ("acme-field", "Europe/Berlin", tech.clone()),
        ("northwind", "America/New_York", admin.clone()),
    ] {
        let tz: Tz = zone.parse().unwrap_or(Tz::UTC);
        let mut d = Demo {
            tenant: store.tenant(&tenant_id(slug)),
            tenant_id: tenant_id(slug),
            slug,
            author: admin.clone(),
        };
        let team = d.calendar(
            "Team calendar",
            "tenant_shared",
            zone,
            "public_within_tenant",
            (None, None, None),
        );
        let person = d.calendar(
            "Field rota",
            "user_linked",
            zone,
            "shared",
            (Some(user), None, None),
        );
        let van = d.calendar(
            "Service van",
            "resource_linked",
            zone,
            "shared",
            (None, Some(d.id("resource", "van")), None),
        );
        let room = d.calendar(
            "Meeting room",
            "space_linked",
            "UTC",
            "private",
            (None, None, Some(d.id("space", "room"))),
        );

        // One-off entries from four months back to four months ahead.
        let kinds: [(&str, &str, &[&str]); 4] = [
            (
                team.as_str(),
                "event",
                &[
                    "Quarterly review",
                    "Safety briefing",
                    "Customer visit",
                    "Training day",
                ],
            ),
            (
                person.as_str(),
                "booking",
                &[
                    "Boiler service",
                    "Site survey",
                    "Meter check",
                    "Repair call",
                ],
            ),
            (
                van.as_str(),
                "reservation",
                &["Van to depot", "Van inspection", "Tool pickup"],
            ),
            (
                room.as_str(),
                "hold",
                &["Interview", "Planning session", "Vendor demo"],
            ),
        ];
        let first = anchor - Months::new(4);
        for n in 0..48 {
            let (calendar, kind, titles) = kinds[n % kinds.len()];
            let day = first + Days::new(rng.random_range(0..243));
            let start = at(
                tz,
                day,
                rng.random_range(8..17),
                [0, 15, 30, 45][rng.random_range(0..4)],
            );
            let end = start + Duration::minutes(30 * rng.random_range(1..6));
            let status = if day < anchor {
                *["completed", "completed", "confirmed", "cancelled"]
                    .choose(&mut rng)
                    .unwrap_or(&"completed")
            } else {
                *["confirmed", "confirmed", "tentative", "draft"]
                    .choose(&mut rng)
                    .unwrap_or(&"confirmed")
            };
            let title = titles.choose(&mut rng).copied().unwrap_or("Visit");
            d.entry(
                calendar,
                EntrySpec {
                    name: format!("one-off/{n}"),
                    kind,
                    status,
                    title,
                    start,
                    end,
                    all_day: false,
                    location: (n % 3 == 0).then_some("Hauptstraße 1"),
                },
            );
        }
        // An all-day company holiday next month.
        let holiday = anchor + Months::new(1) + Days::new(9);
        let holiday_id = d.entry(
            &team,
            EntrySpec {
                name: "holiday".into(),
                kind: "event",
                status: "confirmed",
                title: "Company holiday",
                start: at(tz, holiday, 0, 0),
                end: at(tz, holiday + Days::new(1), 0, 0),
                all_day: true,
                location: None,
            },
        );

        // Series: a standup three times a week, a fortnightly one-to-one that ends after 12,
        // van maintenance on the 1st and the 15th, a monthly report on the 31st (short months
        // skipped), and a yearly inspection.
        let since = anchor - Months::new(3);
        let monday = since + Days::new(u64::from((8 - since.weekday().number_from_monday()) % 7));
        let standup = d.series(
            &team,
            EntrySpec {
                name: "standup".into(),
                kind: "event",
                status: "confirmed",
                title: "Standup",
                start: at(tz, monday, 9, 0),
                end: at(tz, monday, 9, 15),
                all_day: false,
                location: None,
            },
            json!({ "frequency": "weekly", "byWeekday": [1, 3, 5] }),
        );
        let one_to_one = d.series(
            &person,
            EntrySpec {
                name: "one-to-one".into(),
                kind: "event",
                status: "confirmed",
                title: "One-to-one",
                start: at(tz, monday + Days::new(1), 14, 0),
                end: at(tz, monday + Days::new(1), 14, 30),
                all_day: false,
                location: None,
            },
            json!({ "frequency": "weekly", "intervalCount": 2, "occurrenceCountLimit": 12 }),
        );
        let maintenance = d.series(
            &van,
            EntrySpec {
                name: "maintenance".into(),
                kind: "reservation",
                status: "confirmed",
                title: "Van maintenance",
                start: at(tz, since, 7, 30),
                end: at(tz, since, 9, 0),
                all_day: false,
                location: Some("Depot"),
            },
            json!({ "frequency": "monthly", "byMonthDay": [1, 15] }),
        );
        let report_day = (0..12)
            .find_map(|m| (since + Months::new(m)).with_day(31))
            .unwrap_or(since);
        d.series(
            &room,
            EntrySpec {
                name: "monthly-report".into(),
                kind: "hold",
                status: "tentative",
                title: "Month-end report",
                start: at(Tz::UTC, report_day, 16, 0),
                end: at(Tz::UTC, report_day, 17, 0),
                all_day: false,
                location: None,
            },
            json!({ "frequency": "monthly", "byMonthDay": [31] }),
        );
        d.series(
            &van,
            EntrySpec {
                name: "inspection".into(),
                kind: "reservation",
                status: "confirmed",
                title: "Annual inspection",
                start: at(tz, since + Days::new(20), 10, 0),
                end: at(tz, since + Days::new(20), 12, 0),
                all_day: false,
                location: Some("TÜV station"),
            },
            json!({ "frequency": "yearly" }),
        );

        // Next week's second standup moves to the afternoon; the fourth is cancelled.
        let week = at(tz, anchor + Days::new(7), 0, 0);
        let moved_start = |rule_start: DateTime<Utc>| rule_start + Duration::hours(5);
        let mut moved = Row::new();
        moved.insert("titleOverride".into(), json!("Standup (afternoon)"));
        let standup_rule = rule_of(&d.tenant.masters[&standup], tz);
        if let Some(o) = standup_rule.and_then(|r| {
            r.starting_between(week, week + Duration::days(14))
                .get(1)
                .copied()
        }) {
            moved.insert(
                "startsAt".into(),
                json!(format_time(moved_start(o.starts_at))),
            );
            moved.insert(
                "endsAt".into(),
                json!(format_time(
                    moved_start(o.starts_at) + Duration::minutes(15)
                )),
            );
        }
        d.change(&standup, week, 1, "overridden", moved);
        d.change(&standup, week, 3, "cancelled", Row::new());
        d.change(
            &maintenance,
            at(tz, anchor, 0, 0),
            1,
            "cancelled",
            Row::new(),
        );

        d.reminder("standup", &team, (None, Some(&standup)), "in_app", 10);
        d.reminder(
            "one-to-one",
            &person,
            (None, Some(&one_to_one)),
            "email",
            60,
        );
        d.reminder(
            "maintenance",
            &van,
            (None, Some(&maintenance)),
            "sms",
            24 * 60,
        );
        d.reminder(
            "holiday",
            &team,
            (Some(&holiday_id), None),
            "email",
            7 * 24 * 60,
        );
    }
}
