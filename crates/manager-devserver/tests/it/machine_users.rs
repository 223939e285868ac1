//! Machine users and their access to endpoints, and language packs: the remaining mutation
//! families of the seed.

use serde_json::json;

use crate::common;

#[tokio::test]
async fn machine_users_are_updated_deleted_and_related_to_endpoints() {
    let server = common::examples().await;
    let listed = server
        .ok("{ machineUsers(tenant: \"tenant-uuid\", order: { field: \"username\", direction: ASC }) { username tenant { id } } }", json!({}))
        .await;
    assert_eq!(listed["machineUsers"][0]["username"], "existing-service");
    let updated = server
        .ok("mutation { updateMachineUser(id: \"machine-user-uuid\", input: { name: \"Renamed\", description: \"d\", enabled: false }) { name description enabled } }", json!({}))
        .await;
    assert_eq!(
        updated["updateMachineUser"],
        json!({ "name": "Renamed", "description": "d", "enabled": false })
    );

    let rel = server
        .ok("mutation { createMachineUser2Endpoint(input: { machineUserID: \"machine-user-uuid\", endpointID: \"endpoint-uuid\" }) { id enabled machineUser { username } endpoint { name } } }", json!({}))
        .await;
    assert_eq!(rel["createMachineUser2Endpoint"]["enabled"], true);
    let e = server
        .fails("mutation { createMachineUser2Endpoint(input: { machineUserID: \"machine-user-uuid\", endpointID: \"endpoint-uuid\" }) { id } }", json!({}))
        .await;
    assert_eq!(
        e.field.as_deref(),
        Some("input.endpointID"),
        "one relation per pair"
    );
    let e = server
        .fails("mutation { createMachineUser2Endpoint(input: { machineUserID: \"ghost\", endpointID: \"endpoint-uuid\" }) { id } }", json!({}))
        .await;
    assert_eq!(e.field.as_deref(), Some("input.machineUserID"));
    let id = rel["createMachineUser2Endpoint"]["id"].clone();
    let off = server
        .ok("mutation($id: ID!) { updateMachineUser2Endpoint(id: $id, input: { enabled: false }) { enabled } }", json!({ "id": id }))
        .await;
    assert_eq!(off["updateMachineUser2Endpoint"]["enabled"], false);
    let all = server
        .ok("{ machineUser2endpoints(endpoint: \"endpoint-uuid\", filters: [{ field: \"enabled\", value: \"false\" }]) { id } }", json!({}))
        .await;
    assert_eq!(all["machineUser2endpoints"], json!([{ "id": id }]));
    server
        .ok(
            "mutation($id: ID!) { deleteMachineUser2Endpoint(id: $id) }",
            json!({ "id": id }),
        )
        .await;

    // Deleting a machine user takes its relations along.
    server
        .ok(
            "mutation { deleteMachineUser(id: \"machine-user-2\") }",
            json!({}),
        )
        .await;
    let e = server
        .fails(
            "{ machineUser2endpoint(endpoint: \"endpoint-uuid\", id: \"relation-uuid\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(e.code, "NOT_FOUND");
    server.stop().await;
}

#[tokio::test]
async fn a_machine_user_reaches_only_endpoints_of_its_tenant() {
    let server = common::examples().await;
    let app = server
        .ok("mutation { createApplication(tenantId: \"prod-tenant-uuid\", input: { name: \"P\", slug: \"p\" }) { id } }", json!({}))
        .await;
    let endpoint = server
        .ok("mutation($a: ID!) { createEndpoint(applicationId: $a, input: { name: \"E\", consumeURL: \"/e\", url: \"https://e.example.com\" }) { id } }", json!({ "a": app["createApplication"]["id"] }))
        .await;
    let e = server
        .fails("mutation($e: ID!) { createMachineUser2Endpoint(input: { machineUserID: \"machine-user-uuid\", endpointID: $e }) { id } }", json!({ "e": endpoint["createEndpoint"]["id"] }))
        .await;
    assert_eq!(e.field.as_deref(), Some("input.endpointID"));
    server.stop().await;
}

#[tokio::test]
async fn language_packs_are_created_filled_and_deleted() {
    let server = common::examples().await;
    let made = server
        .ok("mutation { createLanguagePack(projectId: \"project-uuid\", input: { name: \"fr-FR\" }) { id name content { Key } } }", json!({}))
        .await;
    assert_eq!(made["createLanguagePack"]["content"], json!([]));
    let e = server
        .fails("mutation { createLanguagePack(projectId: \"project-uuid\", input: { name: \"fr-FR\" }) { id } }", json!({}))
        .await;
    assert_eq!(
        e.field.as_deref(),
        Some("input.name"),
        "a name once per project"
    );
    let id = made["createLanguagePack"]["id"].clone();
    let filled = server
        .ok("mutation($id: ID!) { updateLanguagePackContent(id: $id, input: { content: [{ Key: \"welcome\", Value: \"Bienvenue\" }] }) { content { Key Value } } }", json!({ "id": id }))
        .await;
    assert_eq!(
        filled["updateLanguagePackContent"]["content"],
        json!([{ "Key": "welcome", "Value": "Bienvenue" }])
    );
    let e = server
        .fails("mutation($id: ID!) { updateLanguagePackContent(id: $id, input: { content: [{ Key: \"a\", Value: \"1\" }, { Key: \"a\", Value: \"2\" }] }) { id } }", json!({ "id": id }))
        .await;
    assert_eq!(e.field.as_deref(), Some("input.content[1].Key"));
    let packs = server
        .ok("{ languagePacks(project: \"project-uuid\", order: { field: \"name\", direction: DESC }) { name } }", json!({}))
        .await;
    assert_eq!(
        packs["languagePacks"],
        json!([{ "name": "fr-FR" }, { "name": "de-DE" }])
    );
    server
        .ok(
            "mutation($id: ID!) { deleteLanguagePack(id: $id) }",
            json!({ "id": id }),
        )
        .await;
    let e = server
        .fails(
            "mutation($id: ID!) { deleteLanguagePack(id: $id) }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(e.code, "NOT_FOUND");
    server.stop().await;
}
