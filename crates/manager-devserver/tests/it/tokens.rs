//! Personal access tokens: shown once, listed by prefix, paged as a cursor connection,
//! revoked and deleted by their owner only.

use serde_json::json;

use crate::common;

const CREATE: &str = "mutation($n: String!) { createPersonalAccessToken(name: $n) { token personalAccessToken { id tokenPrefix revoked expiresAt } } }";
const CONNECTION: &str = "query($f: Int, $a: String) { personalAccessTokens(first: $f, after: $a) {
    edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }";

#[tokio::test]
async fn a_token_is_shown_once_and_listed_by_its_prefix() {
    let server = common::examples().await;
    let made = server.ok(CREATE, json!({ "n": "ci" })).await;
    let token = made["createPersonalAccessToken"]["token"].as_str().unwrap();
    let pat = &made["createPersonalAccessToken"]["personalAccessToken"];
    assert!(token.starts_with(pat["tokenPrefix"].as_str().unwrap()));
    assert!(token.len() > pat["tokenPrefix"].as_str().unwrap().len() + 20);
    assert!(pat["expiresAt"].is_null());
    let listed = server.ok("{ myPersonalAccessTokens(filters: [{ field: \"name\", value: \"ci\" }]) { id tokenPrefix } }", json!({})).await;
    assert_eq!(listed["myPersonalAccessTokens"][0]["id"], pat["id"]);
    let text = listed.to_string();
    assert!(!text.contains(token), "the token never comes back");
    let e = server
        .fails("mutation { createPersonalAccessToken(name: \"x\", expiresAt: \"tomorrow\") { token } }", json!({}))
        .await;
    assert_eq!(e.field.as_deref(), Some("expiresAt"));
    server.stop().await;
}

#[tokio::test]
async fn the_connection_pages_newest_first_by_cursor() {
    let server = common::examples().await;
    for n in 0..5 {
        server.ok(CREATE, json!({ "n": format!("t{n}") })).await;
    }
    let first = server.ok(CONNECTION, json!({ "f": 4 })).await["personalAccessTokens"].clone();
    assert_eq!(first["totalCount"], 6, "five and the examples' own");
    assert_eq!(first["edges"][0]["node"]["name"], "t4");
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_eq!(first["pageInfo"]["hasPreviousPage"], false);
    let after = first["pageInfo"]["endCursor"].clone();
    let second =
        server.ok(CONNECTION, json!({ "f": 4, "a": after })).await["personalAccessTokens"].clone();
    let names: Vec<&str> = second["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["t0", "Examples"]);
    assert_eq!(second["pageInfo"]["hasNextPage"], false);
    assert_eq!(second["pageInfo"]["hasPreviousPage"], true);
    let e = server.fails(CONNECTION, json!({ "f": 101 })).await;
    assert_eq!(e.field.as_deref(), Some("first"));

    // Backwards: the last two before the second page's start are the first page's end.
    let before = second["pageInfo"]["startCursor"].clone();
    let back = server
        .ok("query($b: String) { personalAccessTokens(last: 2, before: $b) { edges { node { name } } pageInfo { hasPreviousPage hasNextPage } } }", json!({ "b": before }))
        .await["personalAccessTokens"]
        .clone();
    let names: Vec<&str> = back["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["t2", "t1"]);
    assert_eq!(back["pageInfo"]["hasPreviousPage"], true);
    server.stop().await;
}

#[tokio::test]
async fn only_the_owner_revokes_or_deletes_a_token() {
    let server = common::examples().await;
    let john = format!(
        "Bearer {}",
        outpost_manager_devserver::SEED_EXAMPLES_USER_TOKEN
    );
    // pat-uuid is the administrator's: john does not see it, cannot revoke or delete it.
    for op in [
        "mutation { revokePersonalAccessToken(id: \"pat-uuid\") { id } }",
        "mutation { deletePersonalAccessToken(id: \"pat-uuid\") }",
    ] {
        assert_eq!(
            server.fails_as(&john, op, json!({})).await.code,
            "NOT_FOUND",
            "{op}"
        );
    }
    let mine = server
        .post(Some(&john), "{ myPersonalAccessTokens { id } }", json!({}))
        .await;
    assert_eq!(
        mine["data"]["myPersonalAccessTokens"],
        json!([{ "id": "pat-john" }])
    );
    let revoked = server
        .ok(
            "mutation { revokePersonalAccessToken(id: \"pat-uuid\") { id name revoked } }",
            json!({}),
        )
        .await;
    assert_eq!(revoked["revokePersonalAccessToken"]["revoked"], true);
    // Revoking the token this request came in with: the next request is refused.
    assert_eq!(
        server.fails("{ me { id } }", json!({})).await.code,
        "UNAUTHENTICATED"
    );
    server.stop().await;
}
