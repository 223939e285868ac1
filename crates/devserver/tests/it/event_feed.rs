//! The catch-up feed, `GET /services/realtime/events/missed` (issue #19): each change is an
//! event naming its record, tenant, parent and author; patterns pick event types; a page at a
//! time with `nextCursor` loses and repeats nothing; a cursor older than the kept events is
//! `CURSOR_EXPIRED`; another tenant's events never show; guests are refused.

use crate::common;

use common::*;
use outpost_devserver::{demo, start, DemoOptions, DevServerConfig};
use serde_json::{json, Value};

const FEED: &str = "/api/v1/services/realtime/events/missed";

/// The feed as `token` in `tenant` with `query` (`a=b&c=d`, already encoded).
async fn feed(rig: &Rig, token: &str, tenant: &str, query: &str) -> (u16, Value) {
    let url = format!("{}{FEED}?{query}", rig.server.base_url());
    send(
        rig.http
            .get(url)
            .bearer_auth(token)
            .header("X-Tenant-ID", tenant),
    )
    .await
    .parts()
}

/// Where the feed of `tenant` stands now, for `token`.
async fn now(rig: &Rig, token: &str, tenant: &str) -> String {
    let (s, b) = feed(rig, token, tenant, "limit=500").await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["hasMore"], false, "{b}");
    b["nextCursor"].as_str().unwrap().to_string()
}

/// Every event after `cursor` (all pages), and the cursor after them.
async fn after(rig: &Rig, token: &str, tenant: &str, cursor: &str) -> (Vec<Value>, String) {
    let (mut events, mut cursor) = (Vec::new(), cursor.to_string());
    loop {
        let (s, b) = feed(rig, token, tenant, &format!("cursor={cursor}&limit=500")).await;
        assert_eq!(s, 200, "{b}");
        events.extend(b["data"].as_array().unwrap().iter().cloned());
        cursor = b["nextCursor"].as_str().unwrap().to_string();
        if b["hasMore"] == false {
            return (events, cursor);
        }
    }
}

fn types(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["event_type"].as_str().unwrap().to_string())
        .collect()
}

fn id_of(answer: &Value) -> String {
    answer["data"]["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_change_is_an_event_naming_its_record_tenant_and_author() {
    let rig = rig().await;
    let start = now(&rig, &rig.admin, &acme()).await;
    let (s, made) = rig
        .as_admin(
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": "Fed" })),
        )
        .await;
    assert_eq!(s, 201, "{made}");
    let id = id_of(&made);
    let path = format!("/contacts/{id}");
    let (s, _) = rig
        .as_admin(Method::PATCH, &path, Some(json!({ "notes": "x" })))
        .await;
    assert_eq!(s, 200);
    let (s, _) = rig.as_admin(Method::DELETE, &path, None).await;
    assert_eq!(s, 204);
    let (events, _) = after(&rig, &rig.admin, &acme(), &start).await;
    assert_eq!(
        types(&events),
        ["contact:created", "contact:updated", "contact:deleted"]
    );
    for e in &events {
        assert_eq!(e["data"]["id"], id.as_str(), "{e}");
        assert_eq!(e["data"]["tenantId"], acme().as_str(), "{e}");
        assert_eq!(e["created_by"], demo::admin_id().as_str(), "{e}");
    }
    let stamps: Vec<&str> = events
        .iter()
        .map(|e| e["created_at"].as_str().unwrap())
        .collect();
    assert!(stamps.windows(2).all(|w| w[0] < w[1]), "{stamps:?}");
}

#[tokio::test]
async fn a_record_under_another_names_its_parent() {
    let rig = rig().await;
    let start = now(&rig, &rig.admin, &acme()).await;
    let calendar = rig.calendar("Parents", "UTC").await;
    let calendar_id = calendar["id"].as_str().unwrap();
    let (s, entry) = rig
        .call(
            Method::POST,
            "/entries",
            Some(json!({
                "calendarId": calendar_id, "kind": "event", "title": "Under a calendar",
                "startsAt": "2030-03-04T09:00:00Z", "endsAt": "2030-03-04T10:00:00Z",
                "timezone": "UTC"
            })),
        )
        .await;
    assert_eq!(s, 201, "{entry}");
    let (s, group) = rig
        .as_admin(
            Method::POST,
            "/groups/create",
            Some(json!({ "name": "Fed group" })),
        )
        .await;
    assert_eq!(s, 201, "{group}");
    let group_id = id_of(&group);
    let admin = demo::admin_id();
    let members = format!("/groups/{group_id}/members");
    let (s, b) = rig
        .as_admin(Method::POST, &members, Some(json!({ "userId": admin })))
        .await;
    assert_eq!(s, 204, "{b}");
    let (s, _) = rig
        .as_admin(Method::DELETE, &format!("{members}/{admin}"), None)
        .await;
    assert_eq!(s, 204);
    let (events, _) = after(&rig, &rig.admin, &acme(), &start).await;
    assert_eq!(
        types(&events),
        [
            "calendar:created",
            "entry:created",
            "group:created",
            "group_member:created",
            "group_member:deleted"
        ]
    );
    assert_eq!(events[1]["data"]["id"], entry["data"]["id"]);
    assert_eq!(events[1]["data"]["calendarId"], calendar_id);
    for member in &events[3..] {
        assert_eq!(member["data"]["id"], admin.as_str(), "{member}");
        assert_eq!(member["data"]["groupId"], group_id.as_str(), "{member}");
    }
}

/// Makes `n` contacts in acme-field, then changes and deletes the first: `n + 2` events.
async fn changes(rig: &Rig, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let (s, b) = rig
            .as_admin(
                Method::POST,
                "/contacts",
                Some(json!({ "firstName": format!("Paged {i}") })),
            )
            .await;
        assert_eq!(s, 201, "{b}");
        ids.push(id_of(&b));
    }
    let first = format!("/contacts/{}", ids[0]);
    let (s, _) = rig
        .as_admin(Method::PATCH, &first, Some(json!({ "notes": "changed" })))
        .await;
    assert_eq!(s, 200);
    let (s, _) = rig.as_admin(Method::DELETE, &first, None).await;
    assert_eq!(s, 204);
    ids
}

#[tokio::test]
async fn patterns_pick_event_types_with_the_seeds_wildcards() {
    let rig = rig().await;
    let start = now(&rig, &rig.admin, &acme()).await;
    changes(&rig, 3).await;
    rig.calendar("Patterned", "UTC").await;
    let picked = |pattern: &'static str| {
        let rig = &rig;
        let start = start.clone();
        async move {
            let q = format!("cursor={start}&pattern={pattern}&limit=500");
            let (s, b) = feed(rig, &rig.admin, &acme(), &q).await;
            assert_eq!(s, 200, "{b}");
            types(b["data"].as_array().unwrap())
        }
    };
    let contact = ["contact:created"; 3]
        .into_iter()
        .chain(["contact:updated", "contact:deleted"])
        .collect::<Vec<_>>();
    assert_eq!(picked("contact:*").await, contact);
    assert_eq!(picked("*:deleted").await, ["contact:deleted"]);
    assert_eq!(picked("*:created").await.len(), 4);
    assert_eq!(picked("calendar:created").await, ["calendar:created"]);
    assert_eq!(picked("*").await.len(), 6);
    assert_eq!(
        picked("calendar:*,*:deleted").await,
        ["contact:deleted", "calendar:created"]
    );
    assert!(picked("entry:*").await.is_empty());
    for bad in ["contact", "Contact:*", "con*:created", "a:b:c", ""] {
        let (s, b) = feed(&rig, &rig.admin, &acme(), &format!("pattern={bad}")).await;
        assert_eq!(s, 400, "{bad}: {b}");
        assert_eq!(b["details"]["field"], "pattern", "{b}");
    }
}

#[tokio::test]
async fn paging_with_the_next_cursor_loses_nothing_and_repeats_nothing() {
    let rig = rig().await;
    let start = now(&rig, &rig.admin, &acme()).await;
    changes(&rig, 20).await;
    let (whole, end) = after(&rig, &rig.admin, &acme(), &start).await;
    assert_eq!(whole.len(), 22);
    for limit in [1, 7, 11, 22] {
        let (mut paged, mut cursor, mut calls) = (Vec::new(), start.clone(), 0);
        loop {
            let q = format!("cursor={cursor}&limit={limit}");
            let (s, b) = feed(&rig, &rig.admin, &acme(), &q).await;
            assert_eq!(s, 200, "{b}");
            let page = b["data"].as_array().unwrap();
            assert!(page.len() <= limit);
            paged.extend(page.iter().cloned());
            cursor = b["nextCursor"].as_str().unwrap().to_string();
            calls += 1;
            if b["hasMore"] == false {
                break;
            }
            assert_eq!(
                page.len(),
                limit,
                "a page short of the limit has nothing more"
            );
        }
        assert_eq!(paged, whole, "limit {limit}");
        assert_eq!(calls, 22_usize.div_ceil(limit), "limit {limit}");
        assert_eq!(cursor, end, "limit {limit}");
    }
    // Nothing new: the end cursor answers nothing and stays; a new change comes next.
    let (none, same) = after(&rig, &rig.admin, &acme(), &end).await;
    assert!(none.is_empty());
    assert_eq!(same, end);
    let ids = changes(&rig, 1).await;
    let (next, _) = after(&rig, &rig.admin, &acme(), &end).await;
    assert_eq!(
        types(&next),
        ["contact:created", "contact:updated", "contact:deleted"]
    );
    assert!(next.iter().all(|e| e["data"]["id"] == ids[0].as_str()));
    // A pattern pages the same way: the cursor skips what it does not match.
    let q = format!("cursor={start}&pattern=*:deleted&limit=1");
    let (s, b) = feed(&rig, &rig.admin, &acme(), &q).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(types(b["data"].as_array().unwrap()), ["contact:deleted"]);
    assert_eq!(b["hasMore"], true);
    let q = format!(
        "cursor={}&pattern=*:deleted&limit=1",
        b["nextCursor"].as_str().unwrap()
    );
    let (_, b) = feed(&rig, &rig.admin, &acme(), &q).await;
    assert_eq!(types(b["data"].as_array().unwrap()), ["contact:deleted"]);
    assert_eq!(b["hasMore"], false);
}

#[tokio::test]
async fn since_starts_after_an_instant() {
    let rig = rig().await;
    let start = now(&rig, &rig.admin, &acme()).await;
    changes(&rig, 2).await;
    let (events, _) = after(&rig, &rig.admin, &acme(), &start).await;
    let second = events[1]["created_at"].as_str().unwrap();
    let q = format!("since={}&limit=500", second.replace('+', "%2B"));
    let (s, b) = feed(&rig, &rig.admin, &acme(), &q).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"].as_array().unwrap()[..], events[2..]);
    let (s, b) = feed(&rig, &rig.admin, &acme(), "since=yesterday").await;
    assert_eq!(s, 400, "{b}");
    assert_eq!(b["details"]["field"], "since");
    let (s, b) = feed(
        &rig,
        &rig.admin,
        &acme(),
        &format!("since={second}&cursor={start}"),
    )
    .await;
    assert_eq!(s, 400, "{b}");
    assert_eq!(b["details"]["field"], "since");
}

#[tokio::test]
async fn a_cursor_older_than_the_kept_events_is_expired() {
    let server = start(DevServerConfig {
        demo: Some(DemoOptions::default()),
        events_kept_per_tenant: 5,
        ..DevServerConfig::default()
    })
    .await
    .unwrap();
    let rig = Rig::signed_in(server).await;
    let first = now(&rig, &rig.admin, &acme()).await;
    changes(&rig, 2).await; // 4 events: all kept
    let (kept, middle) = after(&rig, &rig.admin, &acme(), &first).await;
    assert_eq!(kept.len(), 4);
    changes(&rig, 2).await; // 8 in all: the oldest 3 are gone
    let (s, b) = feed(&rig, &rig.admin, &acme(), &format!("cursor={first}")).await;
    assert_eq!(s, 404, "{b}");
    assert_eq!(b["error"], "CURSOR_EXPIRED", "{b}");
    let since = kept[0]["created_at"].as_str().unwrap();
    let (s, b) = feed(&rig, &rig.admin, &acme(), &format!("since={since}")).await;
    assert_eq!(s, 404, "{b}");
    assert_eq!(b["error"], "CURSOR_EXPIRED", "{b}");
    // A cursor whose next event is still kept reads on; without one, the kept five.
    let (rest, _) = after(&rig, &rig.admin, &acme(), &middle).await;
    assert_eq!(rest.len(), 4);
    let (s, b) = feed(&rig, &rig.admin, &acme(), "").await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"].as_array().unwrap().len(), 5);
    // A cursor of another server's history (an earlier in-memory run) is expired too.
    let other = common::rig().await;
    let (s, b) = feed(&other, &other.admin, &acme(), &format!("cursor={middle}")).await;
    assert_eq!(s, 404, "{b}");
    assert_eq!(b["error"], "CURSOR_EXPIRED", "{b}");
}

#[tokio::test]
async fn bad_cursors_and_limits_are_refused_naming_the_field() {
    let rig = rig().await;
    changes(&rig, 1).await;
    let theirs = now(&rig, &rig.admin, &northwind()).await;
    let ours = now(&rig, &rig.admin, &acme()).await;
    for (query, field) in [
        ("cursor=not-a-cursor".to_string(), "cursor"),
        (format!("cursor={theirs}"), "cursor"),
        (format!("cursor={}", &ours[..ours.len() - 2]), "cursor"),
        ("limit=0".to_string(), "limit"),
        ("limit=501".to_string(), "limit"),
        ("limit=ten".to_string(), "limit"),
    ] {
        let (s, b) = feed(&rig, &rig.admin, &acme(), &query).await;
        assert_eq!(s, 400, "{query}: {b}");
        assert_eq!(b["error"], "VALIDATION_ERROR", "{b}");
        assert_eq!(b["details"]["field"], field, "{query}: {b}");
    }
    let url = format!("{}{FEED}", rig.server.base_url());
    let (s, b) = send(rig.http.get(url)).await.parts();
    assert_eq!(s, 401, "{b}");
}

#[tokio::test]
async fn another_tenants_events_never_show() {
    let rig = rig().await;
    let acme_start = now(&rig, &rig.admin, &acme()).await;
    let nw_start = now(&rig, &rig.admin, &northwind()).await;
    let (s, b) = rig
        .secure(
            &rig.admin,
            Some(&northwind()),
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": "Northern" })),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let (ours, _) = after(&rig, &rig.admin, &acme(), &acme_start).await;
    assert!(ours.is_empty(), "{ours:?}");
    let (theirs, _) = after(&rig, &rig.admin, &northwind(), &nw_start).await;
    assert_eq!(types(&theirs), ["contact:created"]);
    assert_eq!(theirs[0]["data"]["tenantId"], northwind().as_str());
    // Without a cursor too: every event answered is the tenant's own.
    let (_, all) = feed(&rig, &rig.admin, &acme(), "limit=500").await;
    let all = all["data"].as_array().unwrap();
    assert!(all.iter().all(|e| e["data"]["tenantId"] == acme().as_str()));
}

#[tokio::test]
async fn guests_are_refused_and_members_miss_the_admins_records() {
    let rig = rig().await;
    let (s, b) = feed(&rig, &rig.guest, &acme(), "").await;
    assert_eq!(s, 403, "{b}");
    let (_, member) = rig.member_with_role("member").await;
    let start = now(&rig, &rig.admin, &acme()).await;
    let (s, b) = rig
        .as_admin(
            Method::POST,
            "/invitations",
            Some(json!({ "recipient_email": "fed@outpost.example" })),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    changes(&rig, 1).await;
    let (admins, _) = after(&rig, &rig.admin, &acme(), &start).await;
    assert_eq!(types(&admins)[0], "invitation:created");
    let (members, _) = after(&rig, &member, &acme(), &start).await;
    assert_eq!(
        types(&members),
        ["contact:created", "contact:updated", "contact:deleted"]
    );
}

#[tokio::test]
async fn a_restart_on_the_same_data_keeps_the_events_and_cursors() {
    let dir = std::env::temp_dir().join(format!("outpost-feed-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("feed.db");
    let config = || DevServerConfig {
        demo: Some(DemoOptions::default()),
        data: Some(file.clone()),
        ..DevServerConfig::default()
    };
    let rig = Rig::signed_in(start(config()).await.unwrap()).await;
    let first = now(&rig, &rig.admin, &acme()).await;
    changes(&rig, 2).await;
    let (before, end) = after(&rig, &rig.admin, &acme(), &first).await;
    rig.server.shutdown().await.unwrap();
    let rig = Rig::signed_in(start(config()).await.unwrap()).await;
    let (again, same_end) = after(&rig, &rig.admin, &acme(), &first).await;
    assert_eq!(again, before);
    assert_eq!(same_end, end);
    // The restart made no events of its own, and new changes follow on.
    changes(&rig, 1).await;
    let (next, _) = after(&rig, &rig.admin, &acme(), &end).await;
    assert_eq!(next.len(), 3);
    rig.server.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_smaller_bound_at_restart_keeps_only_the_newest_events() {
    let dir = std::env::temp_dir().join(format!("outpost-feed-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("feed.db");
    let config = |kept| DevServerConfig {
        demo: Some(DemoOptions::default()),
        data: Some(file.clone()),
        events_kept_per_tenant: kept,
        ..DevServerConfig::default()
    };
    let rig = Rig::signed_in(start(config(100)).await.unwrap()).await;
    let first = now(&rig, &rig.admin, &acme()).await;
    changes(&rig, 3).await; // 5 events
    let (all, _) = after(&rig, &rig.admin, &acme(), &first).await;
    rig.server.shutdown().await.unwrap();
    let rig = Rig::signed_in(start(config(2)).await.unwrap()).await;
    let (s, b) = feed(&rig, &rig.admin, &acme(), "").await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["data"].as_array().unwrap()[..], all[3..]);
    let (s, b) = feed(&rig, &rig.admin, &acme(), &format!("cursor={first}")).await;
    assert_eq!(s, 404, "{b}");
    assert_eq!(b["error"], "CURSOR_EXPIRED");
    rig.server.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
