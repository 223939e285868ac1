//! `Filter`, `Order` and `Pagination` on every list: filters narrow (text by part in any case,
//! ids and enums whole, booleans as true/false, times by prefix), the order sorts with ties by
//! id, pages cut; unknown fields and bad pages are refused by field.

use serde_json::{json, Value};

use crate::common;

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["name"]
                .as_str()
                .or(p["slug"].as_str())
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn filters_match_as_the_readme_says() {
    let server = common::demo().await;
    let q = "query($f: [Filter!]) { projects(filters: $f) { name slug } }";
    let by = |field: &str, value: &str| json!({ "f": [{ "field": field, "value": value }] });
    assert_eq!(
        names(&server.ok(q, by("name", "SERV")).await["projects"]),
        ["Field Service"]
    );
    assert_eq!(
        names(&server.ok(q, by("slug", "webshop")).await["projects"]),
        ["Webshop"]
    );
    assert!(
        server.ok(q, by("slug", "web")).await["projects"]
            .as_array()
            .unwrap()
            .is_empty(),
        "slugs match whole"
    );
    assert_eq!(
        server.ok(q, by("createdAt", "2026")).await["projects"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    // Two filters: both must match.
    let both = json!({ "f": [{ "field": "name", "value": "s" }, { "field": "description", "value": "portal" }] });
    assert_eq!(
        names(&server.ok(q, both).await["projects"]),
        ["Customer Portal"]
    );

    let (_, _, app) = common::first_app(&server.ok(common::TREE, json!({})).await);
    let enabled = server
        .ok("query($a: ID!) { all: endpoints(application: $a) { enabled } on: endpoints(application: $a, filters: [{ field: \"enabled\", value: \"true\" }]) { enabled } }", json!({ "a": app }))
        .await;
    let on = enabled["all"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["enabled"] == true)
        .count();
    assert_eq!(enabled["on"].as_array().unwrap().len(), on);
    let e = server
        .fails("query($a: ID!) { endpoints(application: $a, filters: [{ field: \"enabled\", value: \"yes\" }]) { id } }", json!({ "a": app }))
        .await;
    assert_eq!(e.field.as_deref(), Some("filters[0].value"));
    let e = server.fails(q, by("colour", "red")).await;
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("BAD_USER_INPUT", Some("filters[0].field"))
    );
    assert!(
        e.message.contains("slug"),
        "the message lists the fields: {}",
        e.message
    );
    server.stop().await;
}

#[tokio::test]
async fn order_and_pagination_page_through_without_overlap() {
    let server = common::demo().await;
    let q = "query($o: Order, $p: Pagination) { users(order: $o, pagination: $p) { username } }";
    let all = server
        .ok(
            q,
            json!({ "o": { "field": "username", "direction": "ASC" } }),
        )
        .await["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted);
    let mut paged = Vec::new();
    for offset in (0..all.len()).step_by(5) {
        let page = server
            .ok(q, json!({ "o": { "field": "username", "direction": "DESC" }, "p": { "limit": 5, "offset": offset } }))
            .await;
        paged.extend(
            page["users"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["username"].as_str().unwrap().to_owned()),
        );
    }
    sorted.reverse();
    assert_eq!(paged, sorted);

    for (p, field) in [
        (json!({ "limit": 0, "offset": 0 }), "pagination.limit"),
        (json!({ "limit": 501, "offset": 0 }), "pagination.limit"),
        (json!({ "limit": 5, "offset": -1 }), "pagination.offset"),
    ] {
        let e = server.fails(q, json!({ "p": p })).await;
        assert_eq!(e.field.as_deref(), Some(field));
    }
    let e = server
        .fails(
            q,
            json!({ "o": { "field": "shoe_size", "direction": "ASC" } }),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("order.field"));
    server.stop().await;
}

#[tokio::test]
async fn lists_default_to_fifty_oldest_first() {
    let server = common::start(
        outpost_manager_devserver::Options {
            data: None,
            contents: outpost_manager_devserver::Contents::Demo(
                outpost_manager_devserver::DemoOptions {
                    seed: 42,
                    scale: 15,
                },
            ),
        },
        None,
    )
    .await;
    let page = server.ok("{ projects { createdAt } }", json!({})).await;
    let times: Vec<&str> = page["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["createdAt"].as_str().unwrap())
        .collect();
    assert_eq!(times.len(), 50, "60 projects, a default page of 50");
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    server.stop().await;
}
