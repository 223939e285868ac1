//! The audit log's filters over real HTTP: by actor (`user_id`), `action`, record
//! (`resource_type`, `resource_id`) and time (`from`/`to`), together and with paging.

use crate::common;

use common::*;
use serde_json::{json, Value};

async fn log(rig: &Rig, query: &str) -> (u16, Value) {
    rig.as_admin(Method::GET, &format!("/audit-logs?limit=200&{query}"), None)
        .await
}

fn actions(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["action"].as_str().unwrap(),
                r["resource_type"].as_str().unwrap()
            )
        })
        .collect()
}

#[tokio::test]
async fn the_log_is_filtered_by_actor_action_record_and_time() {
    let rig = rig().await;
    let start = chrono::Utc::now() - chrono::Duration::seconds(1);
    let (_, made) = rig
        .as_admin(
            Method::POST,
            "/contacts",
            Some(json!({ "firstName": "Audited" })),
        )
        .await;
    let id = made["data"]["id"].as_str().unwrap();
    rig.as_admin(
        Method::PATCH,
        &format!("/contacts/{id}"),
        Some(json!({ "notes": "x" })),
    )
    .await;
    let (_, member) = rig.member_with_role("member").await;
    rig.secure(
        &member,
        Some(&acme()),
        Method::POST,
        "/contacts",
        Some(json!({ "firstName": "Theirs" })),
    )
    .await;

    let (s, of_record) = log(&rig, &format!("resource_id={id}")).await;
    assert_eq!(s, 200);
    assert_eq!(
        actions(&of_record),
        ["updated contact", "created contact"],
        "newest first"
    );
    let (_, updates) = log(&rig, &format!("resource_id={id}&action=updated")).await;
    assert_eq!(updates["pagination"]["total"], 1);
    let admin = outpost_devserver::demo::admin_id();
    let since = start
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        .replace('+', "%2B");
    let (_, mine) = log(
        &rig,
        &format!("user_id={admin}&resource_type=contact&from={since}"),
    )
    .await;
    assert_eq!(
        mine["pagination"]["total"], 2,
        "the member's create is someone else's"
    );
    let (_, all_since) = log(&rig, &format!("resource_type=contact&from={since}")).await;
    assert_eq!(all_since["pagination"]["total"], 3);
    let (_, before) = log(&rig, &format!("resource_id={id}&to={since}")).await;
    assert_eq!(before["pagination"]["total"], 0);
    let (_, paged) = rig
        .as_admin(
            Method::GET,
            &format!("/audit-logs?resource_id={id}&limit=1&offset=1"),
            None,
        )
        .await;
    assert_eq!(actions(&paged), ["created contact"]);
    assert_eq!(paged["pagination"]["total"], 2);
    let (s, b) = log(&rig, "from=yesterday").await;
    assert_names_field(s, &b, "from");
}
