//! Authentication as the seed documents it: personal access tokens and machine-user tokens as
//! bearer, machine users' basic auth; and what each may do.

use serde_json::json;

use crate::common;

const ME: &str = "{ me { id username } }";
const PROJECTS: &str = "{ projects { id slug } }";

fn basic(user: &str, password: &str) -> String {
    let pair = format!("{user}:{password}");
    format!("Basic {}", data_encoding::BASE64.encode(pair.as_bytes()))
}

/// SHA-256 of a password, in hex, as a client gives it for `hashedKey`.
fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn a_personal_access_token_signs_its_user_in_and_is_marked_used() {
    let server = common::examples().await;
    let me = server.ok(ME, json!({})).await;
    assert_eq!(me["me"]["username"], "admin");
    let tokens = server
        .ok("{ myPersonalAccessTokens { id lastUsedAt } }", json!({}))
        .await;
    assert!(tokens["myPersonalAccessTokens"][0]["lastUsedAt"].is_string());
    server.stop().await;
}

#[tokio::test]
async fn no_or_wrong_credentials_are_unauthenticated() {
    let server = common::examples().await;
    let answer = server.post(None, ME, json!({})).await;
    assert_eq!(answer["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    for auth in [
        "Bearer mpat_wrong",
        "Bearer something-else",
        "Token abc",
        &basic("existing-service", "nope"),
    ] {
        let e = server.fails_as(auth, ME, json!({})).await;
        assert_eq!(e.code, "UNAUTHENTICATED", "{auth}");
    }
    server.stop().await;
}

#[tokio::test]
async fn a_revoked_or_expired_token_stops_working() {
    let server = common::examples().await;
    let create = "mutation($e: String) { createPersonalAccessToken(name: \"short\", expiresAt: $e) { token personalAccessToken { id } } }";
    let live = server
        .ok(create, json!({ "e": "2099-01-01T00:00:00Z" }))
        .await;
    let token = live["createPersonalAccessToken"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = live["createPersonalAccessToken"]["personalAccessToken"]["id"].clone();
    assert_eq!(
        server.ok_as(&token, ME, json!({})).await["me"]["username"],
        "admin"
    );
    server
        .ok(
            "mutation($id: ID!) { revokePersonalAccessToken(id: $id) { revoked } }",
            json!({ "id": id }),
        )
        .await;
    let e = server
        .fails_as(&format!("Bearer {token}"), ME, json!({}))
        .await;
    assert_eq!(e.code, "UNAUTHENTICATED");

    let past = server
        .ok(create, json!({ "e": "2020-01-01T00:00:00Z" }))
        .await;
    let token = past["createPersonalAccessToken"]["token"].as_str().unwrap();
    let e = server
        .fails_as(&format!("Bearer {token}"), ME, json!({}))
        .await;
    assert_eq!(e.code, "UNAUTHENTICATED");
    server.stop().await;
}

#[tokio::test]
async fn machine_users_sign_in_with_their_token_or_basic_auth_and_only_read() {
    let server = common::examples().await;
    let create = r#"mutation($key: String!, $u: String!) {
        createMachineUserWithCredentials(tenantId: "tenant-uuid",
            input: { name: "Svc", username: $u, hashedKey: $key }) {
          generatedToken machineUser { id tokenPrefix } } }"#;
    let made = server
        .ok(
            create,
            json!({ "key": "__GENERATE_TOKEN__", "u": "svc-token" }),
        )
        .await;
    let token = made["createMachineUserWithCredentials"]["generatedToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let prefix = made["createMachineUserWithCredentials"]["machineUser"]["tokenPrefix"]
        .as_str()
        .unwrap();
    assert!(token.starts_with(prefix), "{token} / {prefix}");
    server
        .ok(
            create,
            json!({ "key": sha256_hex("s3cret"), "u": "svc-password" }),
        )
        .await;

    for auth in [
        format!("Bearer {token}"),
        basic("svc-token", &token),
        basic("svc-password", "s3cret"),
    ] {
        let answer = server.post(Some(&auth), PROJECTS, json!({})).await;
        assert!(answer.get("errors").is_none(), "{auth}: {answer}");
        // Its tenant's project only.
        assert_eq!(answer["data"]["projects"].as_array().unwrap().len(), 1);
        assert_eq!(answer["data"]["projects"][0]["id"], "project-uuid");
        let e = server
            .fails_as(
                &auth,
                r#"mutation { updateProject(id: "project-uuid", input: { name: "x" }) { id } }"#,
                json!({}),
            )
            .await;
        assert_eq!(e.code, "FORBIDDEN", "{auth}");
        let e = server.fails_as(&auth, ME, json!({})).await;
        assert_eq!(e.code, "FORBIDDEN", "{auth}: me is for people");
    }
    assert_eq!(
        server
            .fails_as(&basic("svc-password", "wrong"), PROJECTS, json!({}))
            .await
            .code,
        "UNAUTHENTICATED"
    );

    // A disabled machine user is signed out.
    let id = made["createMachineUserWithCredentials"]["machineUser"]["id"].clone();
    server
        .ok("mutation($id: ID!) { updateMachineUser(id: $id, input: { enabled: false }) { enabled } }", json!({ "id": id }))
        .await;
    assert_eq!(
        server
            .fails_as(&format!("Bearer {token}"), PROJECTS, json!({}))
            .await
            .code,
        "UNAUTHENTICATED"
    );
    server.stop().await;
}

#[tokio::test]
async fn bad_hashed_keys_and_taken_usernames_are_refused_by_field() {
    let server = common::examples().await;
    let create = r#"mutation($key: String!, $u: String!) {
        createMachineUserWithCredentials(tenantId: "tenant-uuid",
            input: { name: "Svc", username: $u, hashedKey: $key }) { machineUser { id } } }"#;
    let e = server
        .fails(create, json!({ "key": "plaintext", "u": "new-one" }))
        .await;
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("BAD_USER_INPUT", Some("input.hashedKey"))
    );
    assert!(e.message.starts_with("input.hashedKey"), "{}", e.message);
    let e = server
        .fails(
            create,
            json!({ "key": "__GENERATE_TOKEN__", "u": "existing-service" }),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("input.username"));
    let e = server
        .fails(
            create,
            json!({ "key": "__GENERATE_TOKEN__", "u": "Has Spaces" }),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("input.username"));
    server.stop().await;
}
