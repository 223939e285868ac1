//! `outpost-bench --million [--scale N]`: a tenant of a million contacts and half a million
//! entries (`--scale 1000000`, the devserver's own process). The client runs in a child process
//! of its own, so the peak resident memory it reports (VmHWM) is the client's alone: its first
//! sync, a resync with nothing changed, contact search and month views over that replica, and a
//! page of the contact list far down (at 90% of it).

use std::process::Command;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use chrono::{Duration as Days, TimeZone, Utc};
use outpost_app::commands::calendars::WindowArgs;
use outpost_app::commands::contacts::SearchContactsArgs;
use outpost_replica::ContactQuery;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::measure::{time_async, Row, Samples};
use crate::scenarios::{app_error, fresh_app, requests};
use crate::server;

/// What the child measured, printed as one JSON line.
#[derive(Debug, Serialize, Deserialize)]
struct Measured {
    records: u32,
    first_requests: u64,
    first_secs: f64,
    resync_requests: u64,
    resync_ms: f64,
    contacts: u32,
    search_ms: (f64, f64),
    month_ms: (f64, f64),
    month_items: usize,
    deep_offset: u32,
    deep_page_ms: (f64, f64),
    peak_mib: f64,
}

fn p50_p99(took: &[Duration]) -> (f64, f64) {
    let s = Samples::of_durations(took);
    (s.median(), s.percentile(99.0))
}

/// The child: signs in to `url`, measures, prints [`Measured`].
pub async fn child(url: &str) -> Result<()> {
    let mut rng = StdRng::seed_from_u64(11);
    let (app, _dir) = fresh_app(url).await?;
    let (first, took) = time_async(app.sync_now(Default::default())).await;
    let first = first.map_err(app_error)?.run.report;
    let (resync, resync_took) = time_async(app.sync_now(Default::default())).await;
    let resync = resync.map_err(app_error)?.run.report;

    // Names to search for: pages of the list at random places, not the whole list in memory.
    let total = app
        .list_contacts(ContactQuery::default())
        .await
        .map_err(app_error)?
        .total;
    let mut names = Vec::new();
    for _ in 0..20 {
        let page = app
            .list_contacts(ContactQuery {
                offset: rng.random_range(0..total.max(1)),
                ..ContactQuery::default()
            })
            .await
            .map_err(app_error)?;
        names.extend(
            page.items
                .into_iter()
                .map(|c| c.display_name)
                .filter(|n| n.chars().count() >= 3),
        );
    }
    anyhow::ensure!(!names.is_empty(), "no contact names to search for");
    let mut search = Vec::new();
    for _ in 0..1000 {
        let name = &names[rng.random_range(0..names.len())];
        let prefix: String = name.chars().take(rng.random_range(2..4)).collect();
        let (r, t) = time_async(app.search_contacts(SearchContactsArgs {
            query: prefix,
            limit: Some(50),
        }))
        .await;
        r.map_err(app_error)?;
        search.push(t);
    }
    let mut month = Vec::new();
    let mut items = 0;
    for _ in 0..100 {
        let start = Utc::now() - Days::days(60) + Days::days(rng.random_range(0..300));
        let from =
            Utc.from_utc_datetime(&start.date_naive().and_hms_opt(0, 0, 0).expect("midnight"));
        let (r, t) = time_async(app.calendar_window(WindowArgs {
            calendar_ids: vec![],
            from: from.to_rfc3339(),
            to: (from + Days::days(31)).to_rfc3339(),
        }))
        .await;
        items += r.map_err(app_error)?.len();
        month.push(t);
    }
    let deep_offset = total / 10 * 9;
    let mut deep = Vec::new();
    for _ in 0..20 {
        let (r, t) = time_async(app.list_contacts(ContactQuery {
            offset: deep_offset,
            ..ContactQuery::default()
        }))
        .await;
        anyhow::ensure!(
            !r.map_err(app_error)?.items.is_empty(),
            "the deep page is empty"
        );
        deep.push(t);
    }
    let measured = Measured {
        records: first.pulled,
        first_requests: requests(&first),
        first_secs: took.as_secs_f64(),
        resync_requests: requests(&resync),
        resync_ms: resync_took.as_secs_f64() * 1000.0,
        contacts: total,
        search_ms: p50_p99(&search),
        month_ms: p50_p99(&month),
        month_items: items / 100,
        deep_offset,
        deep_page_ms: p50_p99(&deep),
        peak_mib: crate::import_size::peak_mib().unwrap_or(f64::NAN),
    };
    println!("{}", serde_json::to_string(&measured)?);
    Ok(())
}

/// Starts the devserver at `scale`, runs the child against it, and makes the table's rows.
pub fn run(scale: &str) -> Result<Vec<Row>> {
    eprintln!("starting the devserver (--scale {scale}); seeding takes a while…");
    let server = server::start(scale)?;
    eprintln!("the client syncs and measures in its own process…");
    let out = Command::new(std::env::current_exe()?)
        .args(["--million-child", "--server-url", &server.url])
        .output()
        .context("running the measuring child")?;
    if !out.status.success() {
        return Err(anyhow!(
            "the measuring child failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let line = String::from_utf8_lossy(&out.stdout);
    let m: Measured = serde_json::from_str(line.trim()).context("the child's measures")?;
    let rate = f64::from(m.records) / m.first_secs;
    let ms = |(p50, p99): (f64, f64)| format!("p50 {p50:.2} ms, p99 {p99:.2} ms");
    Ok(vec![
        Row {
            what: format!(
                "{scale}: initial sync ({} records, {} requests)",
                m.records, m.first_requests
            ),
            measured: format!("{:.0} s ({rate:.0} records/s)", m.first_secs),
            spread: "one run".into(),
            target: "≥ 50,000 records/s".into(),
            met: Some(rate >= 50_000.0),
        },
        Row {
            what: format!(
                "{scale}: resync, nothing changed ({} requests)",
                m.resync_requests
            ),
            measured: format!("{:.0} ms", m.resync_ms),
            spread: "one run".into(),
            target: "≤ 5 requests, < 100 ms".into(),
            met: Some(m.resync_requests <= 5 && m.resync_ms < 100.0),
        },
        Row {
            what: format!(
                "{scale}: contact search by prefix over {} contacts (1,000 queries, 50 results)",
                m.contacts
            ),
            measured: ms(m.search_ms),
            spread: "—".into(),
            target: "p99 < 5 ms".into(),
            met: Some(m.search_ms.1 < 5.0),
        },
        Row {
            what: format!(
                "{scale}: month view over every calendar (100 views, {} items each on average)",
                m.month_items
            ),
            measured: ms(m.month_ms),
            spread: "—".into(),
            target: "p99 < 20 ms".into(),
            met: Some(m.month_ms.1 < 20.0),
        },
        Row {
            what: format!(
                "{scale}: a page of 50 contacts at offset {} (by name, 20 reads)",
                m.deep_offset
            ),
            measured: ms(m.deep_page_ms),
            spread: "—".into(),
            target: "—".into(),
            met: None,
        },
        Row {
            what: format!("{scale}: the client's peak resident memory (all of the above)"),
            measured: format!("{:.0} MiB", m.peak_mib),
            spread: "one run".into(),
            target: "< 250 MB".into(),
            met: Some(m.peak_mib * 1.048_576 < 250.0),
        },
    ])
}
