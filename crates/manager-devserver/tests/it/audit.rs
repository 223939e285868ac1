//! The audit log: each change writes one entry with who, from where, what changed; the log
//! filters, orders and pages like every list.

use serde_json::json;

use crate::common;

const LOG: &str = r#"query($f: [Filter!]) { auditLogs(projectID: "project-uuid", filters: $f,
    order: { field: "created_at", direction: DESC }) {
    entityType entityID action description metadata changes ipAddress userAgent createdAt user { username } } }"#;

#[tokio::test]
async fn each_change_writes_one_entry_with_its_changes() {
    let server = common::examples().await;
    server
        .http
        .post(server.url("/query"))
        .bearer_auth(&server.token)
        .header("User-Agent", "audit-test/1")
        .header("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
        .json(&json!({ "query": "mutation { updateTenant(id: \"tenant-uuid\", input: { name: \"Renamed\" }) { id } }" }))
        .send()
        .await
        .unwrap();
    let log = server.ok(LOG, json!({})).await["auditLogs"].clone();
    assert_eq!(log.as_array().unwrap().len(), 1, "{log}");
    let entry = &log[0];
    assert_eq!(entry["entityType"], "tenant");
    assert_eq!(entry["entityID"], "tenant-uuid");
    assert_eq!(entry["action"], "update");
    assert_eq!(entry["metadata"]["operation"], "updateTenant");
    assert_eq!(
        entry["changes"]["name"],
        json!({ "old": "tenant slug", "new": "Renamed" })
    );
    assert!(entry["changes"].get("slug").is_none(), "only what changed");
    assert_eq!(entry["user"]["username"], "admin");
    assert_eq!(entry["ipAddress"], "203.0.113.9");
    assert_eq!(entry["userAgent"], "audit-test/1");
    server.stop().await;
}

#[tokio::test]
async fn creates_and_deletes_are_logged_without_secrets() {
    let server = common::examples().await;
    let made = server
        .ok(r#"mutation { createMachineUserWithCredentials(tenantId: "tenant-uuid", input: { name: "S", username: "s", hashedKey: "__GENERATE_TOKEN__" }) { generatedToken machineUser { id } } }"#, json!({}))
        .await;
    let token = made["createMachineUserWithCredentials"]["generatedToken"]
        .as_str()
        .unwrap()
        .to_owned();
    server
        .ok(
            "mutation { deleteTrigger(id: \"trigger-uuid\") }",
            json!({}),
        )
        .await;
    let creates = server
        .ok(
            LOG,
            json!({ "f": [{ "field": "action", "value": "create" }] }),
        )
        .await["auditLogs"]
        .clone();
    assert_eq!(creates.as_array().unwrap().len(), 1);
    assert_eq!(creates[0]["changes"]["username"], json!({ "new": "s" }));
    let text = creates.to_string();
    assert!(
        !text.contains(&token) && !text.contains("keyHash"),
        "{text}"
    );
    let deletes = server
        .ok(
            LOG,
            json!({ "f": [{ "field": "action", "value": "delete" }] }),
        )
        .await["auditLogs"]
        .clone();
    assert_eq!(deletes[0]["entityType"], "trigger");
    assert_eq!(
        deletes[0]["changes"]["runKey"],
        json!({ "old": "existing" })
    );
    server.stop().await;
}

#[tokio::test]
async fn the_whole_log_is_for_manager_administrators() {
    let server = common::examples().await;
    server
        .ok(
            "mutation { createPersonalAccessToken(name: \"x\") { token } }",
            json!({}),
        )
        .await;
    let all = server.ok("{ auditLogs { entityType } }", json!({})).await;
    assert_eq!(
        all["auditLogs"],
        json!([{ "entityType": "personal_access_token" }])
    );
    let john = format!(
        "Bearer {}",
        outpost_manager_devserver::SEED_EXAMPLES_USER_TOKEN
    );
    assert_eq!(
        server
            .fails_as(&john, "{ auditLogs { id } }", json!({}))
            .await
            .code,
        "FORBIDDEN"
    );
    assert_eq!(
        server.fails_as(&john, LOG, json!({})).await.code,
        "FORBIDDEN"
    );
    server.stop().await;
}
