//! The window listing of entries answers from an index by start time: it must answer exactly
//! what a scan of every entry would, whatever was created, moved or deleted since it was built.

use crate::common;

use std::time::Instant;

use chrono::{DateTime, Duration, Months, Utc};
use common::*;
use outpost_devserver::{start, DemoOptions, DevServerConfig, Scale};
use serde_json::{json, Value};

/// Pages of `limit` rows through `/entries?{filter}`, concatenated; checks every page's total.
async fn all_pages(rig: &Rig, filter: &str, limit: usize) -> Vec<Value> {
    let mut out = Vec::new();
    let mut total = None;
    loop {
        let path = format!("/entries?{filter}&limit={limit}&offset={}", out.len());
        let (s, page) = rig.call(Method::GET, &path, None).await;
        assert_eq!(s, 200, "{page}");
        let t = page["total"].as_u64().unwrap() as usize;
        assert_eq!(*total.get_or_insert(t), t, "the total moved between pages");
        let rows = page["data"].as_array().unwrap();
        assert!(rows.len() <= limit);
        out.extend(rows.iter().cloned());
        if rows.is_empty() || out.len() >= t {
            break;
        }
    }
    assert_eq!(out.len(), total.unwrap_or(0));
    out
}

fn time(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// What the test made, as it should be now: id -> (calendar, start, end).
#[derive(Default)]
struct Made {
    rows: Vec<(String, String, DateTime<Utc>, DateTime<Utc>)>,
}

impl Made {
    /// The ids a window listing must answer, in (start, id) order.
    fn expect(
        &self,
        calendar: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<String> {
        let mut found: Vec<&(String, String, DateTime<Utc>, DateTime<Utc>)> = self
            .rows
            .iter()
            .filter(|(_, c, _, _)| calendar.is_none_or(|x| x == c))
            .filter(|(_, _, s, e)| *s < to && *e > from)
            .collect();
        found.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
        found.into_iter().map(|r| r.0.clone()).collect()
    }

    fn set(&mut self, id: &str, start: DateTime<Utc>, end: DateTime<Utc>) {
        let row = self.rows.iter_mut().find(|r| r.0 == id).unwrap();
        row.2 = start;
        row.3 = end;
    }
}

/// A far-off stretch of time where only this test's entries live.
fn base() -> DateTime<Utc> {
    time("2031-03-01T00:00:00Z")
}

async fn create(rig: &Rig, made: &mut Made, calendar: &str, start: DateTime<Utc>, minutes: i64) {
    let end = start + Duration::minutes(minutes);
    let (s, b) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({
                "calendarId": calendar, "kind": "event", "title": "indexed",
                "startsAt": stamp(start), "endsAt": stamp(end), "timezone": "UTC",
            })),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let id = b["data"]["id"].as_str().unwrap().to_string();
    made.rows.push((id, calendar.to_string(), start, end));
}

async fn check(
    rig: &Rig,
    made: &Made,
    calendars: &[String],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) {
    let window = format!("from={}&to={}", stamp(from), stamp(to));
    let window = window.replace('+', "%2B");
    let mut choices: Vec<Option<&str>> = vec![None];
    choices.extend(calendars.iter().map(|c| Some(c.as_str())));
    for calendar in choices {
        let filter = match calendar {
            Some(c) => format!("calendarId={c}&{window}"),
            None => window.clone(),
        };
        let want = made.expect(calendar, from, to);
        for limit in [1, 3, 200] {
            let got: Vec<String> = all_pages(rig, &filter, limit)
                .await
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(got, want, "{filter} limit={limit}");
        }
    }
}

/// Windows around the test's stretch: the whole of it, and cuts through it.
fn windows() -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let b = base();
    vec![
        (b - Duration::days(30), b + Duration::days(300)),
        (b + Duration::hours(5), b + Duration::hours(9)),
        (b + Duration::days(3), b + Duration::days(4)),
        (b + Duration::days(20), b + Duration::days(21)),
        (b + Duration::minutes(30), b + Duration::minutes(31)),
    ]
}

async fn check_all(rig: &Rig, made: &Made, calendars: &[String]) {
    for (from, to) in windows() {
        check(rig, made, calendars, from, to).await;
    }
}

#[tokio::test]
async fn listings_follow_creates_moves_and_deletes() {
    let rig = rig().await;
    let a = rig.calendar("Index A", "UTC").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let b = rig.calendar("Index B", "UTC").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let calendars = vec![a.clone(), b.clone()];
    let mut made = Made::default();
    // Several entries at the same start (order by id), some touching window edges.
    for i in 0..12 {
        let cal = if i % 3 == 0 { &b } else { &a };
        let start = base() + Duration::hours(i / 2);
        create(&rig, &mut made, cal, start, 30 + 15 * (i % 4)).await;
    }
    for i in 0..6 {
        create(&rig, &mut made, &b, base() + Duration::days(i * 4), 60).await;
    }
    check_all(&rig, &made, &calendars).await;

    // Listed once, then created into the window: the index must not answer from before.
    create(&rig, &mut made, &a, base() + Duration::hours(6), 45).await;
    create(&rig, &mut made, &b, base() + Duration::hours(6), 45).await;
    check_all(&rig, &made, &calendars).await;

    // One entry made far longer than any other: it starts long before windows it overlaps.
    let long = made.rows[1].0.clone();
    let (start, end) = (base() - Duration::days(10), base() + Duration::days(25));
    let (s, body) = rig
        .call(
            Method::PATCH,
            &format!("/entries/{long}"),
            Some(json!({ "startsAt": stamp(start), "endsAt": stamp(end) })),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    made.set(&long, start, end);
    check_all(&rig, &made, &calendars).await;

    // Moved out of every window, then another one moved into a narrow one.
    let out = made.rows[4].0.clone();
    let (start, end) = (base() + Duration::days(900), base() + Duration::days(901));
    let (s, body) = rig
        .call(
            Method::PATCH,
            &format!("/entries/{out}"),
            Some(json!({ "startsAt": stamp(start), "endsAt": stamp(end) })),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    made.set(&out, start, end);
    let into = made.rows[14].0.clone();
    let (start, end) = (
        base() + Duration::minutes(20),
        base() + Duration::minutes(40),
    );
    let (s, body) = rig
        .call(
            Method::PATCH,
            &format!("/entries/{into}"),
            Some(json!({ "startsAt": stamp(start), "endsAt": stamp(end) })),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    made.set(&into, start, end);
    check_all(&rig, &made, &calendars).await;

    // The long one shortened again: the bound may shrink, the answers must not change shape.
    let (start, end) = (
        base() + Duration::days(20),
        base() + Duration::days(20) + Duration::hours(2),
    );
    let (s, body) = rig
        .call(
            Method::PATCH,
            &format!("/entries/{long}"),
            Some(json!({ "startsAt": stamp(start), "endsAt": stamp(end) })),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    made.set(&long, start, end);
    check_all(&rig, &made, &calendars).await;

    // Deleted entries leave the listings.
    for i in [0, 7, 15] {
        let id = made.rows[i].0.clone();
        let (s, body) = rig
            .call(Method::DELETE, &format!("/entries/{id}"), None)
            .await;
        assert!(s == 200 || s == 204, "{s} {body}");
    }
    for i in [15, 7, 0] {
        made.rows.remove(i);
    }
    check_all(&rig, &made, &calendars).await;

    // A deleted calendar takes its entries out of the listing without calendarId.
    let (s, body) = rig.call(Method::DELETE, &format!("/{b}"), None).await;
    assert!(s == 200 || s == 204, "{s} {body}");
    made.rows.retain(|r| r.1 != b);
    check(
        &rig,
        &made,
        std::slice::from_ref(&a),
        base() - Duration::days(30),
        base() + Duration::days(300),
    )
    .await;
}

/// Pages of a whole window concatenate to the window, in (start, id) order, on the demo data.
#[tokio::test]
async fn demo_pages_concatenate_in_order() {
    let rig = rig().await;
    let from = Utc::now() - Duration::days(180);
    let to = from + Duration::days(365);
    let filter = format!("from={}&to={}", stamp(from), stamp(to));
    let rows = all_pages(&rig, &filter, 7).await;
    assert!(!rows.is_empty());
    let keys: Vec<(DateTime<Utc>, String)> = rows
        .iter()
        .map(|r| {
            (
                time(r["startsAt"].as_str().unwrap()),
                r["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "not in (start, id) order"
    );
    for r in &rows {
        assert!(time(r["startsAt"].as_str().unwrap()) < to);
        assert!(time(r["endsAt"].as_str().unwrap()) > from);
    }
    assert_eq!(rows, all_pages(&rig, &filter, 200).await);
}

/// Times paging through a year of the large demo tenant, 200 rows a page, calendar by
/// calendar and then without `calendarId`. Prints, asserts nothing about time:
/// `cargo test --release -p outpost-devserver --test it entry_window_index:: -- --ignored --nocapture`
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn time_year_window_large() {
    let server = start(DevServerConfig {
        demo: Some(DemoOptions {
            scale: Scale::Large,
            ..DemoOptions::default()
        }),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let rig = Rig::signed_in(server).await;
    let (_, cals) = rig.call(Method::GET, "/?limit=200", None).await;
    let calendars: Vec<String> = cals["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let from = Utc::now().date_naive() - Months::new(6);
    let to = from + Duration::days(365);
    let window = format!("from={from}T00:00:00Z&to={to}T00:00:00Z");
    let base = rig.server.base_url();
    // Straight through reqwest: the rig's schema check would be timed along with the server.
    let page = |filter: String, offset: usize| {
        let url =
            format!("{base}/api/v1/secure/calendar/entries?{filter}&limit=200&offset={offset}");
        let req = rig
            .http
            .get(url)
            .bearer_auth(&rig.admin)
            .header("X-Tenant-ID", acme());
        async move {
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), 200);
            res.json::<Value>().await.unwrap()
        }
    };
    // What a request costs apart from the listing: as many one-row pages of a one-day window.
    let began = Instant::now();
    let day = format!(
        "calendarId={}&from={from}T00:00:00Z&to={from}T00:00:01Z",
        calendars[0]
    );
    for _ in 0..127 {
        page(day.replace("&limit=200", ""), 0).await;
    }
    println!("127 requests of a one-second window: {:?}", began.elapsed());
    for round in 0..2 {
        let (mut pages, mut rows) = (0, 0);
        let began = Instant::now();
        for c in &calendars {
            let filter = format!("calendarId={c}&{window}");
            let mut offset = 0;
            loop {
                let p = page(filter.clone(), offset).await;
                pages += 1;
                let n = p["data"].as_array().unwrap().len();
                offset += n;
                if n == 0 || offset >= p["total"].as_u64().unwrap() as usize {
                    rows += offset;
                    break;
                }
            }
        }
        let per_calendar = began.elapsed();
        let began = Instant::now();
        let (mut all_pages, mut offset) = (0, 0);
        loop {
            let p = page(window.clone(), offset).await;
            all_pages += 1;
            let n = p["data"].as_array().unwrap().len();
            offset += n;
            if n == 0 || offset >= p["total"].as_u64().unwrap() as usize {
                break;
            }
        }
        println!(
            "round {round}: {} calendars, {pages} pages, {rows} rows by calendar in {per_calendar:?}; \
             {all_pages} pages, {offset} rows without calendarId in {:?}",
            calendars.len(),
            began.elapsed()
        );
    }
}
