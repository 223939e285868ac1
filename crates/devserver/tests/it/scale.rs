//! The scaled demo: contacts and entries in the numbers asked for, series with a moved and a
//! cancelled occurrence that the client can find through the audit log, and the same data for
//! the same seed.

use crate::common;

use chrono::{Datelike, Months, Utc};
use common::*;
use outpost_devserver::{demo, start, DemoOptions, DevServerConfig, Scale};
use serde_json::Value;

async fn scaled(scale: Scale) -> Rig {
    let server = start(DevServerConfig {
        demo: Some(DemoOptions {
            scale,
            ..DemoOptions::default()
        }),
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    Rig::signed_in(server).await
}

/// Entries of acme-field over the two years the bulk spreads them across.
async fn entry_total(rig: &Rig) -> u64 {
    let anchor = Utc::now().date_naive().with_day(1).unwrap();
    let from = anchor - Months::new(13);
    let mut total = 0;
    for half in 0..3 {
        let a = from + Months::new(12 * half);
        let b = a + Months::new(12);
        let (s, page) = rig
            .call(
                Method::GET,
                &format!("/entries?from={a}T00:00:00Z&to={b}T00:00:00Z&limit=1"),
                None,
            )
            .await;
        assert_eq!(s, 200, "{page}");
        total += page["total"].as_u64().unwrap();
    }
    total
}

async fn series_created(rig: &Rig) -> Vec<String> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let (_, page) = rig
            .as_admin(
                Method::GET,
                &format!("/audit-logs?limit=200&offset={offset}"),
                None,
            )
            .await;
        let rows = page["data"].as_array().unwrap();
        out.extend(
            rows.iter()
                .filter(|r| r["resource_type"] == "recurrence_master" && r["action"] == "created")
                .map(|r| r["resource_id"].as_str().unwrap().to_string()),
        );
        if page["pagination"]["hasMore"] != true {
            return out;
        }
        offset += 200;
    }
}

#[tokio::test]
async fn a_number_scales_contacts_to_it_and_entries_to_half() {
    let rig = scaled(Scale::Contacts(3000)).await;
    let (_, contacts) = rig.as_admin(Method::GET, "/contacts?limit=1", None).await;
    assert_eq!(contacts["pagination"]["total"], 3000);
    // Entries land within the windows asked; ones spanning a window edge count twice at most.
    let total = entry_total(&rig).await;
    assert!((1500..1520).contains(&total), "{total}");
    // The other demo tenant keeps its small demo.
    let (_, north) = rig
        .secure(
            &rig.admin,
            Some(&northwind()),
            Method::GET,
            "/contacts?limit=1",
            None,
        )
        .await;
    assert_eq!(north["pagination"]["total"], 25);

    // Fifteen bulk series besides the five of the small demo, each found in the audit log,
    // each with a moved and a cancelled occurrence.
    let series = series_created(&rig).await;
    let bulk: Vec<&String> = series
        .iter()
        .filter(|id| {
            ![
                "standup",
                "one-to-one",
                "maintenance",
                "monthly-report",
                "inspection",
            ]
            .iter()
            .any(|n| demo::series_id("acme-field", n) == **id)
        })
        .collect();
    assert_eq!(bulk.len(), 14, "{} series in all", series.len());
    let (s, master) = rig
        .call(
            Method::GET,
            &format!("/recurrence-masters/{}", bulk[0]),
            None,
        )
        .await;
    assert_eq!(s, 200, "{master}");
    let starts = master["data"]["startsAt"].as_str().unwrap();
    let from = chrono::DateTime::parse_from_rfc3339(starts)
        .unwrap()
        .with_timezone(&Utc);
    let to = from + chrono::Duration::days(60);
    let (s, instances) = rig
        .call(
            Method::GET,
            &format!(
                "/recurrence-masters/{}/instances?from={}&to={}",
                bulk[0],
                from.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                to.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ),
            None,
        )
        .await;
    assert_eq!(s, 200, "{instances}");
    let states: Vec<&str> = instances["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["instanceState"].as_str().unwrap())
        .collect();
    assert!(states.contains(&"overridden"), "{states:?}");
    assert!(states.contains(&"cancelled"), "{states:?}");
}

#[tokio::test]
async fn the_same_seed_gives_the_same_scaled_data() {
    let a = scaled(Scale::Contacts(500)).await;
    let b = scaled(Scale::Contacts(500)).await;
    let path = "/contacts?limit=200&offset=300";
    let (x, y): (Value, Value) = (
        a.as_admin(Method::GET, path, None).await.1,
        b.as_admin(Method::GET, path, None).await.1,
    );
    assert_eq!(x, y);
    assert_eq!(series_created(&a).await, series_created(&b).await);
}

#[tokio::test]
async fn large_has_a_hundred_thousand_contacts_and_fifty_thousand_entries() {
    let started = std::time::Instant::now();
    let rig = scaled(Scale::Large).await;
    eprintln!("large demo started in {:?}", started.elapsed());
    let (_, contacts) = rig.as_admin(Method::GET, "/contacts?limit=1", None).await;
    assert_eq!(contacts["pagination"]["total"], 100_000);
    assert!(entry_total(&rig).await >= 50_000);
    assert_eq!(series_created(&rig).await.len(), 5 + 499);
}
