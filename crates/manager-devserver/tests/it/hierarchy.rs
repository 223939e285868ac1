//! Projects → tenants → applications → endpoints and triggers: create, update, delete, slugs
//! unique per parent, deletes that carry what belongs to them, promote and copy.

use serde_json::{json, Value};

use crate::common::{self, Server};

async fn create_project(server: &Server, slug: &str) -> String {
    let made = server
        .ok(
            "mutation($s: String!) { createProject(input: { name: \"P\", slug: $s }) { id slug } }",
            json!({ "s": slug }),
        )
        .await;
    made["createProject"]["id"].as_str().unwrap().to_owned()
}

async fn create_tenant(server: &Server, project: &str, slug: &str) -> Value {
    server
        .post(
            Some(&format!("Bearer {}", server.token)),
            "mutation($p: ID!, $s: String!) { createTenant(projectId: $p, input: { name: \"T\", slug: $s, type: test }) { id slug type } }",
            json!({ "p": project, "s": slug }),
        )
        .await
}

async fn create_app(server: &Server, tenant: &str, slug: &str) -> Value {
    server
        .post(
            Some(&format!("Bearer {}", server.token)),
            "mutation($t: ID!, $s: String!) { createApplication(tenantId: $t, input: { name: \"A\", slug: $s }) { id slug } }",
            json!({ "t": tenant, "s": slug }),
        )
        .await
}

fn id(answer: &Value, field: &str) -> String {
    answer["data"][field]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{answer}"))
        .to_owned()
}

fn field_of(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn slugs_are_unique_per_parent() {
    let server = common::examples().await;
    let a = create_project(&server, "alpha").await;
    let b = create_project(&server, "beta").await;
    let e = server
        .fails(
            "mutation { createProject(input: { name: \"X\", slug: \"alpha\" }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("BAD_USER_INPUT", Some("input.slug"))
    );

    // The same tenant slug in two projects; not twice in one.
    let ta = id(&create_tenant(&server, &a, "prod").await, "createTenant");
    let tb = id(&create_tenant(&server, &b, "prod").await, "createTenant");
    assert_eq!(
        field_of(&create_tenant(&server, &a, "prod").await),
        "input.slug"
    );
    // The same application slug in two tenants; not twice in one.
    create_app(&server, &ta, "web").await;
    id(&create_app(&server, &tb, "web").await, "createApplication");
    assert_eq!(
        field_of(&create_app(&server, &ta, "web").await),
        "input.slug"
    );
    // Renaming onto a taken slug is refused too.
    let e = server
        .fails(
            "mutation($id: ID!) { updateProject(id: $id, input: { slug: \"alpha\" }) { id } }",
            json!({ "id": b }),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("input.slug"));
    for bad in ["Has Caps", "-dash", "", "a_b"] {
        assert_eq!(
            field_of(&create_tenant(&server, &a, bad).await),
            "input.slug",
            "{bad:?}"
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn projects_tenants_and_applications_are_created_read_updated_and_deleted() {
    let server = common::examples().await;
    let p = create_project(&server, "shop").await;
    let t = id(&create_tenant(&server, &p, "dev").await, "createTenant");
    let a = id(&create_app(&server, &t, "web").await, "createApplication");
    let read = server
        .ok(
            r#"query($p: ID!, $t: ID!) {
                project(slug: "shop") { id tenants { id type applications { id slug } } }
                tenant(projectId: $p, slug: "dev") { id }
                application(projectId: $p, tenantId: $t, slug: "web") { id tenant { id } }
                applications(tenantSlug: "dev", projectId: $p) { id } }"#,
            json!({ "p": p, "t": t }),
        )
        .await;
    assert_eq!(read["project"]["tenants"][0]["type"], "test");
    assert_eq!(
        read["project"]["tenants"][0]["applications"][0]["id"],
        a.as_str()
    );
    assert_eq!(read["application"]["tenant"]["id"], t.as_str());
    assert_eq!(read["applications"].as_array().unwrap().len(), 1);

    let updated = server
        .ok(
            r#"mutation($p: ID!, $t: ID!, $a: ID!) {
                updateProject(id: $p, input: { name: "Shop", description: "Sells" }) { name description }
                updateTenant(id: $t, input: { type: run, name: "Live" }) { name type }
                updateApplication(id: $a, input: { description: "Front", version: "2.0.0" }) { description version } }"#,
            json!({ "p": p, "t": t, "a": a }),
        )
        .await;
    assert_eq!(
        updated["updateProject"],
        json!({ "name": "Shop", "description": "Sells" })
    );
    assert_eq!(
        updated["updateTenant"],
        json!({ "name": "Live", "type": "run" })
    );
    assert_eq!(
        updated["updateApplication"],
        json!({ "description": "Front", "version": "2.0.0" })
    );
    let cleared = server
        .ok("mutation($p: ID!) { updateProject(id: $p, input: { description: null }) { description } }", json!({ "p": p }))
        .await;
    assert!(cleared["updateProject"]["description"].is_null());

    server
        .ok(
            "mutation($a: ID!) { deleteApplication(id: $a) }",
            json!({ "a": a }),
        )
        .await;
    let e = server
        .fails("query($p: ID!, $t: ID!) { application(projectId: $p, tenantId: $t, slug: \"web\") { id } }", json!({ "p": p, "t": t }))
        .await;
    assert_eq!(e.code, "NOT_FOUND");
    server
        .ok(
            "mutation($t: ID!) { deleteTenant(id: $t) }",
            json!({ "t": t }),
        )
        .await;
    server
        .ok(
            "mutation($p: ID!) { deleteProject(id: $p) }",
            json!({ "p": p }),
        )
        .await;
    let e = server
        .fails("{ project(slug: \"shop\") { id } }", json!({}))
        .await;
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("NOT_FOUND", "Project not found")
    );
    server.stop().await;
}

#[tokio::test]
async fn deleting_a_project_deletes_everything_in_it() {
    let server = common::examples().await;
    server
        .ok(
            "mutation { deleteProject(id: \"project-uuid\") }",
            json!({}),
        )
        .await;
    let gone = [
        "{ tenant(projectId: \"project-uuid\", slug: \"tenant-slug\") { id } }",
        "{ endpoints(application: \"app-uuid\") { id } }",
        "{ triggers(application: \"app-uuid\") { id } }",
        "{ machineUsers(tenant: \"tenant-uuid\") { id } }",
        "{ languagePacks(project: \"project-uuid\") { id } }",
        "{ user2applications(application: \"app-uuid\") { id } }",
        "{ machineUser2endpoints(endpoint: \"endpoint-uuid\") { id } }",
    ];
    for q in gone {
        assert_eq!(server.fails(q, json!({})).await.code, "NOT_FOUND", "{q}");
    }
    // The audit log keeps the project's history, its delete last.
    let log = server
        .ok("{ auditLogs(projectID: \"project-uuid\", order: { field: \"created_at\", direction: DESC }) { action entityType } }", json!({}))
        .await;
    assert_eq!(
        log["auditLogs"][0],
        json!({ "action": "delete", "entityType": "project" })
    );
    server.stop().await;
}

#[tokio::test]
async fn endpoints_are_created_updated_deleted_and_checked() {
    let server = common::examples().await;
    let create = r#"mutation($url: String!, $c: String!) { createEndpoint(applicationId: "app-uuid",
        input: { name: "Hook", consumeURL: $c, url: $url }) { id enabled authType logLevel inputMessageType } }"#;
    let made = server
        .ok(
            create,
            json!({ "url": "https://b.example.com/x", "c": "/api/x" }),
        )
        .await;
    assert_eq!(made["createEndpoint"]["enabled"], true);
    assert_eq!(made["createEndpoint"]["authType"], "None");
    assert_eq!(made["createEndpoint"]["logLevel"], "BASIC");
    assert!(made["createEndpoint"]["inputMessageType"].is_null());
    let e = server
        .fails(create, json!({ "url": "not a url", "c": "/api/y" }))
        .await;
    assert_eq!(e.field.as_deref(), Some("input.url"));
    let e = server
        .fails(
            create,
            json!({ "url": "ftp://b.example.com", "c": "/api/y" }),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("input.url"));
    let e = server
        .fails(
            create,
            json!({ "url": "https://b.example.com", "c": "api/y" }),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("input.consumeURL"));
    let e = server
        .fails(
            create,
            json!({ "url": "https://b.example.com", "c": "/api/x" }),
        )
        .await;
    assert_eq!(
        e.field.as_deref(),
        Some("input.consumeURL"),
        "consumed twice"
    );
    let e = server
        .fails(r#"mutation { createEndpoint(applicationId: "app-uuid", input: { name: "H", consumeURL: "/z", url: "https://x.example.com", authType: Digest }) { id } }"#, json!({}))
        .await;
    assert_eq!(
        e.code, "BAD_USER_INPUT",
        "an enum value the seed does not list"
    );

    let id = made["createEndpoint"]["id"].clone();
    let updated = server
        .ok(
            "mutation($id: ID!) { updateEndpoint(id: $id, input: { enabled: false, authType: Basic, outputMessageType: SOAP, logLevel: FULL }) { enabled authType outputMessageType logLevel url } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        updated["updateEndpoint"],
        json!({ "enabled": false, "authType": "Basic", "outputMessageType": "SOAP", "logLevel": "FULL", "url": "https://b.example.com/x" })
    );
    // A refused update changes nothing.
    let e = server.fails("mutation($id: ID!) { updateEndpoint(id: $id, input: { enabled: true, url: \"nope\" }) { id } }", json!({ "id": id })).await;
    assert_eq!(e.field.as_deref(), Some("input.url"));
    let list = server.ok("{ endpoints(application: \"app-uuid\", filters: [{ field: \"consumeURL\", value: \"/api/x\" }]) { enabled } }", json!({})).await;
    assert_eq!(list["endpoints"], json!([{ "enabled": false }]));
    server
        .ok(
            "mutation($id: ID!) { deleteEndpoint(id: $id) }",
            json!({ "id": id }),
        )
        .await;
    let e = server
        .fails(
            "mutation($id: ID!) { deleteEndpoint(id: $id) }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(e.code, "NOT_FOUND");
    server.stop().await;
}

#[tokio::test]
async fn triggers_are_created_updated_deleted_and_their_cron_checked() {
    let server = common::examples().await;
    let create = r#"mutation($cron: String!, $key: String!) { createTrigger(applicationId: "app-uuid",
        input: { name: "Job", cronExpression: $cron, runKey: $key }) { id enabled cronExpression } }"#;
    let made = server
        .ok(
            create,
            json!({ "cron": "*/15 9-17 * * MON-FRI", "key": "job" }),
        )
        .await;
    assert_eq!(made["createTrigger"]["enabled"], true);
    for bad in [
        "0 0 * *",
        "61 0 * * *",
        "0 0 * 13 *",
        "0 0 * * FUNDAY",
        "0 5-2 * * *",
        "*/0 * * * *",
    ] {
        let e = server
            .fails(create, json!({ "cron": bad, "key": "other" }))
            .await;
        assert_eq!(e.field.as_deref(), Some("input.cronExpression"), "{bad}");
    }
    let e = server
        .fails(create, json!({ "cron": "0 0 * * *", "key": "job" }))
        .await;
    assert_eq!(
        e.field.as_deref(),
        Some("input.runKey"),
        "a run key twice in one application"
    );
    let id = made["createTrigger"]["id"].clone();
    let updated = server
        .ok("mutation($id: ID!) { updateTrigger(id: $id, input: { enabled: false, cronExpression: \"0 2 * * *\" }) { enabled cronExpression } }", json!({ "id": id }))
        .await;
    assert_eq!(
        updated["updateTrigger"],
        json!({ "enabled": false, "cronExpression": "0 2 * * *" })
    );
    let e = server.fails("mutation($id: ID!) { updateTrigger(id: $id, input: { cronExpression: \"every day\" }) { id } }", json!({ "id": id })).await;
    assert_eq!(e.field.as_deref(), Some("input.cronExpression"));
    server
        .ok(
            "mutation($id: ID!) { deleteTrigger(id: $id) }",
            json!({ "id": id }),
        )
        .await;
    let left = server
        .ok("{ triggers(application: \"app-uuid\") { id } }", json!({}))
        .await;
    assert_eq!(
        left["triggers"].as_array().unwrap().len(),
        1,
        "only the examples' own trigger"
    );
    server.stop().await;
}

#[tokio::test]
async fn promote_and_copy_carry_endpoints_triggers_and_settings() {
    let server = common::examples().await;
    let copy = server
        .ok(
            r#"mutation { copyApplication(input: { sourceApplicationId: "app-uuid", targetTenantId: "new-tenant-uuid",
                slug: "copied", name: "Copied", version: "1.0.0" }) {
                id slug version endpoints { consumeURL } triggers { runKey } backendSettings { moduleConfig { EnabledModules } } } }"#,
            json!({}),
        )
        .await;
    let c = &copy["copyApplication"];
    assert_eq!(c["endpoints"], json!([{ "consumeURL": "/api/existing" }]));
    assert_eq!(c["triggers"], json!([{ "runKey": "existing" }]));
    assert_eq!(
        c["backendSettings"]["moduleConfig"]["EnabledModules"],
        json!(["auth"])
    );
    let again = r#"mutation { copyApplication(input: { sourceApplicationId: "app-uuid", targetTenantId: "new-tenant-uuid",
        slug: "copied", name: "Copied", version: "1.0.0" }) { id } }"#;
    assert_eq!(
        server.fails(again, json!({})).await.field.as_deref(),
        Some("input.slug")
    );

    // Promote creates the app in prod, then a second promote brings the same one up to date.
    let promote = r#"mutation($v: String!) { promoteApplication(input: { applicationId: "app-uuid",
        targetTenantId: "prod-tenant-uuid", slug: "app-slug", name: "Application Name", version: $v }) {
        id version endpoints { id } } }"#;
    let first = server.ok(promote, json!({ "v": "1.0.0" })).await;
    server
        .ok(r#"mutation { createEndpoint(applicationId: "app-uuid", input: { name: "New", consumeURL: "/new", url: "https://n.example.com" }) { id } }"#, json!({}))
        .await;
    let second = server.ok(promote, json!({ "v": "1.1.0" })).await;
    assert_eq!(
        first["promoteApplication"]["id"],
        second["promoteApplication"]["id"]
    );
    assert_eq!(second["promoteApplication"]["version"], "1.1.0");
    assert_eq!(
        second["promoteApplication"]["endpoints"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let other = create_project(&server, "elsewhere").await;
    let t = id(
        &create_tenant(&server, &other, "prod").await,
        "createTenant",
    );
    let e = server
        .fails(
            r#"mutation($t: ID!) { promoteApplication(input: { applicationId: "app-uuid", targetTenantId: $t,
                slug: "app-slug", name: "A", version: "1.0.0" }) { id } }"#,
            json!({ "t": t }),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("input.targetTenantId"));
    server.stop().await;
}
