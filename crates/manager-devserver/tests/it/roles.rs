//! Roles on projects, tenants and applications, and what they let a user do: viewers read,
//! editors write, admins manage roles; a role holds for everything below its target.

use outpost_manager_devserver::SEED_EXAMPLES_USER_TOKEN as JOHN;
use serde_json::{json, Value};

use crate::common;

const READ: &str = "{ tenant(projectId: \"project-uuid\", slug: \"tenant-slug\") { id } }";
const WRITE_TENANT: &str =
    "mutation { updateTenant(id: \"tenant-uuid\", input: { name: \"Renamed\" }) { name } }";
const WRITE_APP: &str =
    "mutation { updateApplication(id: \"app-uuid\", input: { description: \"d\" }) { id } }";
const MANAGE: &str = "mutation { addUserToTenant(tenantID: \"new-tenant-uuid\", userID: \"admin-uuid\", role: viewer) { id } }";

fn link_id(v: &Value, field: &str) -> String {
    v[field]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_role_decides_what_a_user_may_do() {
    let server = common::examples().await;
    let john = format!("Bearer {JOHN}");
    assert_eq!(
        server.fails_as(&john, READ, json!({})).await.code,
        "FORBIDDEN",
        "no role yet"
    );
    assert!(
        server.ok_as(JOHN, "{ projects { id } }", json!({})).await["projects"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let added = server
        .ok("mutation { addUserToProject(projectID: \"project-uuid\", userID: \"user-uuid\", role: viewer) { id role user { username } } }", json!({}))
        .await;
    assert_eq!(added["addUserToProject"]["user"]["username"], "john.doe");
    let link = link_id(&added, "addUserToProject");
    server.ok_as(JOHN, READ, json!({})).await;
    assert_eq!(
        server.fails_as(&john, WRITE_TENANT, json!({})).await.code,
        "FORBIDDEN"
    );

    server
        .ok(
            "mutation($id: ID!) { updateUserProjectRole(id: $id, role: editor) { role } }",
            json!({ "id": link }),
        )
        .await;
    server.ok_as(JOHN, WRITE_TENANT, json!({})).await;
    assert_eq!(
        server.fails_as(&john, MANAGE, json!({})).await.code,
        "FORBIDDEN",
        "editors do not manage roles"
    );

    server
        .ok(
            "mutation($id: ID!) { removeUserFromProject(id: $id) }",
            json!({ "id": link }),
        )
        .await;
    assert_eq!(
        server.fails_as(&john, READ, json!({})).await.code,
        "FORBIDDEN"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_role_on_an_application_holds_there_only() {
    let server = common::examples().await;
    let john = format!("Bearer {JOHN}");
    server
        .ok("mutation { addUserToApplication(applicationID: \"app-uuid\", userID: \"user-uuid\", role: editor) { id } }", json!({}))
        .await;
    server.ok_as(JOHN, WRITE_APP, json!({})).await;
    // Reading the project is allowed (a role somewhere in it), writing its tenant is not.
    server.ok_as(JOHN, READ, json!({})).await;
    assert_eq!(
        server.fails_as(&john, WRITE_TENANT, json!({})).await.code,
        "FORBIDDEN"
    );

    let tenant = server
        .ok("mutation { addUserToTenant(tenantID: \"tenant-uuid\", userID: \"user-uuid\", role: admin) { id } }", json!({}))
        .await;
    server.ok_as(JOHN, WRITE_TENANT, json!({})).await;
    let listed = server
        .ok("{ user2tenants(tenant: \"tenant-uuid\", filters: [{ field: \"role\", value: \"admin\" }]) { id user { username } tenant { id } } }", json!({}))
        .await;
    assert_eq!(
        listed["user2tenants"].as_array().unwrap().len(),
        2,
        "john and the examples' admin"
    );
    let id = link_id(&tenant, "addUserToTenant");
    let one = server
        .ok("query($id: ID!) { user2tenant(tenant: \"tenant-uuid\", id: $id) { role user { username } } }", json!({ "id": id }))
        .await;
    assert_eq!(
        one["user2tenant"],
        json!({ "role": "admin", "user": { "username": "john.doe" } })
    );
    server
        .ok(
            "mutation($id: ID!) { updateUserTenantRole(id: $id, role: viewer) { role } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        server.fails_as(&john, WRITE_TENANT, json!({})).await.code,
        "FORBIDDEN"
    );
    server
        .ok(
            "mutation($id: ID!) { removeUserFromTenant(id: $id) }",
            json!({ "id": id }),
        )
        .await;
    server.stop().await;
}

#[tokio::test]
async fn a_user_has_one_role_per_target_and_low_level_mutations_do_the_same() {
    let server = common::examples().await;
    let made = server
        .ok("mutation { createUser2Application(input: { userID: \"user-uuid\", applicationID: \"app-uuid\", role: viewer }) { id role application { id } } }", json!({}))
        .await;
    assert_eq!(
        made["createUser2Application"]["application"]["id"],
        "app-uuid"
    );
    let e = server
        .fails("mutation { addUserToApplication(applicationID: \"app-uuid\", userID: \"user-uuid\", role: admin) { id } }", json!({}))
        .await;
    assert_eq!(e.field.as_deref(), Some("userID"));
    let e = server
        .fails("mutation { createUser2Project(input: { userID: \"nobody\", projectID: \"project-uuid\", role: admin }) { id } }", json!({}))
        .await;
    assert_eq!(e.field.as_deref(), Some("input.userID"));
    let e = server
        .fails("mutation { createUser2Tenant(input: { userID: \"user-uuid\", tenantID: \"nowhere\", role: admin }) { id } }", json!({}))
        .await;
    assert_eq!(e.field.as_deref(), Some("input.tenantID"));
    let id = link_id(&made, "createUser2Application");
    let updated = server
        .ok("mutation($id: ID!) { updateUser2Application(id: $id, input: { role: admin }) { role } }", json!({ "id": id }))
        .await;
    assert_eq!(updated["updateUser2Application"]["role"], "admin");
    server
        .ok(
            "mutation($id: ID!) { deleteUser2Application(id: $id) }",
            json!({ "id": id }),
        )
        .await;
    let e = server
        .fails(
            "query($id: ID!) { user2application(application: \"app-uuid\", id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(e.code, "NOT_FOUND");
    let e = server
        .fails("mutation { addUserToProject(projectID: \"project-uuid\", userID: \"user-uuid\", role: owner) { id } }", json!({}))
        .await;
    assert_eq!(e.code, "BAD_USER_INPUT", "roles are admin, editor, viewer");
    server.stop().await;
}

#[tokio::test]
async fn a_new_projects_creator_is_its_admin() {
    let server = common::examples().await;
    let made = server
        .ok_as(
            JOHN,
            "mutation { createProject(input: { name: \"Johns\", slug: \"johns\" }) { id } }",
            json!({}),
        )
        .await;
    let p = made["createProject"]["id"].clone();
    let links = server
        .ok_as(JOHN, "query($p: ID!) { user2projects(project: $p) { role user { username } project { id } } }", json!({ "p": p }))
        .await;
    assert_eq!(
        links["user2projects"],
        json!([{ "role": "admin", "user": { "username": "john.doe" }, "project": { "id": p } }])
    );
    server
        .ok_as(
            JOHN,
            "mutation($p: ID!) { deleteProject(id: $p) }",
            json!({ "p": p }),
        )
        .await;
    server.stop().await;
}
