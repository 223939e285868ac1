//! The demo at scale: many more entries in the first demo tenant's four calendars, one-offs
//! over two years around the anchor and, one in a hundred, weekly series each with a moved and
//! a cancelled occurrence. Written straight into the store (no HTTP), the same for the same
//! seed and anchor.

use chrono::{Days, Duration, Months, NaiveDate};
use chrono_tz::Tz;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use super::demo::{at, Demo, EntrySpec, CREATED};
use super::input::format_time;
use super::store::{CalendarStore, Row};
use crate::demo::{demo_id, tenant_id, DemoOptions, ADMIN_EMAIL};

/// One entry in this many is the root of a series.
const SERIES_EVERY: usize = 100;

/// The tenant that grows, and its calendars (names as the small demo makes them) with the
/// entry kind and titles of each.
const SLUG: &str = "acme-field";
const CALENDARS: [(&str, &str, &[&str]); 4] = [
    (
        "Team calendar",
        "event",
        &["Team lunch", "Briefing", "Customer call", "Workshop"],
    ),
    (
        "Field rota",
        "booking",
        &[
            "Boiler service",
            "Site survey",
            "Meter check",
            "Repair call",
        ],
    ),
    (
        "Service van",
        "reservation",
        &["Van to depot", "Tool pickup", "Delivery run"],
    ),
    (
        "Meeting room",
        "hold",
        &["Interview", "Planning session", "Vendor demo"],
    ),
];

/// Adds entries to the first demo tenant until it has `total` (the small demo's count
/// included). Returns the new series' ids with their creation stamp, for the audit log: the
/// client finds series only there, and one row per series (not per entry) keeps it small.
pub fn grow(
    store: &mut CalendarStore,
    options: DemoOptions,
    anchor: NaiveDate,
    total: usize,
) -> Vec<(String, String)> {
    let mut rng = StdRng::seed_from_u64(options.seed ^ 0xB01C_0DE5);
    let tenant = store.tenant(&tenant_id(SLUG));
    let have = tenant.entries.len();
    let mut d = Demo {
        tenant,
        tenant_id: tenant_id(SLUG),
        slug: SLUG,
        author: demo_id("user", ADMIN_EMAIL),
    };
    let calendars: Vec<(String, Tz, &str, &[&str])> = CALENDARS
        .iter()
        .filter_map(|(name, kind, titles)| {
            let id = d.id("calendar", name);
            let tz = d.tenant.calendars.get(&id)?["timezone"]
                .as_str()?
                .parse()
                .ok()?;
            Some((id, tz, *kind, *titles))
        })
        .collect();
    if calendars.is_empty() {
        return Vec::new();
    }
    let first = anchor - Months::new(12);
    let mut series = Vec::new();
    for n in 0..total.saturating_sub(have) {
        let (calendar, tz, kind, titles) = &calendars[rng.random_range(0..calendars.len())];
        let day = first + Days::new(rng.random_range(0..730));
        let start = at(
            *tz,
            day,
            rng.random_range(7..19),
            [0, 15, 30, 45][rng.random_range(0..4)],
        );
        let spec = EntrySpec {
            name: format!("bulk/{n}"),
            kind,
            status: if day < anchor {
                "completed"
            } else {
                "confirmed"
            },
            title: titles[rng.random_range(0..titles.len())],
            start,
            end: start + Duration::minutes(30 * rng.random_range(1..5)),
            all_day: false,
            location: (n % 4 == 0).then_some("Hauptstraße 1"),
        };
        if n % SERIES_EVERY != SERIES_EVERY - 1 {
            d.entry(calendar, spec);
            continue;
        }
        let weekday = start
            .with_timezone(tz)
            .date_naive()
            .format("%w")
            .to_string();
        let weekday: u32 = weekday.parse().unwrap_or(1);
        let rule = if n % 3 == 0 {
            json!({ "frequency": "weekly", "byWeekday": [weekday], "occurrenceCountLimit": 40 })
        } else {
            json!({ "frequency": "weekly", "byWeekday": [weekday] })
        };
        let master = d.series(calendar, spec, rule);
        let mut moved = Row::new();
        moved.insert("titleOverride".into(), json!("Moved"));
        moved.insert(
            "startsAt".into(),
            json!(format_time(start + Duration::days(7) + Duration::hours(2))),
        );
        moved.insert(
            "endsAt".into(),
            json!(format_time(start + Duration::days(7) + Duration::hours(3))),
        );
        d.change(&master, start, 1, "overridden", moved);
        d.change(&master, start, 2, "cancelled", Row::new());
        series.push((master, CREATED.to_string()));
    }
    series
}
