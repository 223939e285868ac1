//! Settings at three levels and their inheritance: key-value pairs merge per key with the
//! most specific level winning; lists and defaults come whole from the most specific level
//! that sets them; `null` unsets a value at a level so that it is inherited again.

use serde_json::{json, Value};

use crate::common::{self, Server};

const EFFECTIVE: &str = r#"query($p: ID!, $t: ID, $a: ID) { settings(project: $p, tenant: $t, application: $a) {
    id
    backendSetting { id moduleConfig { EnabledModules KeyValuePairs { Key Value } } }
    frontendSetting { id moduleConfig { EnabledThemes DefaultTheme EnabledLocales DefaultLocale EnabledModules KeyValuePairs { Key Value } } } } }"#;

async fn effective(server: &Server, t: Option<&str>, a: Option<&str>) -> Value {
    let vars = json!({ "p": "project-uuid", "t": t, "a": a });
    server.ok(EFFECTIVE, vars).await["settings"].clone()
}

fn pairs(v: &Value) -> Vec<(String, String)> {
    v["moduleConfig"]["KeyValuePairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["Key"].as_str().unwrap().into(),
                p["Value"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn kv(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

async fn create_backend(server: &Server, level: &str, id: &str, config: &str) -> String {
    let q = format!("mutation {{ createBackendSettings(input: {{ {level}: \"{id}\", moduleConfig: {config} }}) {{ id }} }}");
    server.ok(&q, json!({})).await["createBackendSettings"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn pairs_merge_per_key_and_lists_come_from_the_most_specific_level() {
    let server = common::examples().await;
    // The examples' application already has backend settings: modules [auth], api_timeout 10.
    create_backend(&server, "projectID", "project-uuid", r#"{ EnabledModules: ["auth", "billing"], KeyValuePairs: [{ Key: "api_timeout", Value: "30" }, { Key: "max_retries", Value: "3" }] }"#).await;
    create_backend(&server, "tenantID", "tenant-uuid", r#"{ KeyValuePairs: [{ Key: "max_retries", Value: "5" }, { Key: "region", Value: "eu" }] }"#).await;

    let project = effective(&server, None, None).await;
    assert_eq!(project["id"], "project-uuid");
    assert_eq!(
        project["backendSetting"]["moduleConfig"]["EnabledModules"],
        json!(["auth", "billing"])
    );
    assert_eq!(
        pairs(&project["backendSetting"]),
        kv(&[("api_timeout", "30"), ("max_retries", "3")])
    );

    let tenant = effective(&server, Some("tenant-uuid"), None).await;
    // The tenant sets no module list: the project's stands.
    assert_eq!(
        tenant["backendSetting"]["moduleConfig"]["EnabledModules"],
        json!(["auth", "billing"])
    );
    assert_eq!(
        pairs(&tenant["backendSetting"]),
        kv(&[
            ("api_timeout", "30"),
            ("max_retries", "5"),
            ("region", "eu")
        ])
    );

    let app = effective(&server, Some("tenant-uuid"), Some("app-uuid")).await;
    assert_eq!(app["id"], "app-uuid");
    assert_eq!(app["backendSetting"]["id"], "backend-settings-uuid");
    // The application's list replaces the project's whole, it does not add to it.
    assert_eq!(
        app["backendSetting"]["moduleConfig"]["EnabledModules"],
        json!(["auth"])
    );
    assert_eq!(
        pairs(&app["backendSetting"]),
        kv(&[
            ("api_timeout", "10"),
            ("max_retries", "5"),
            ("region", "eu")
        ])
    );
    // The tenant may be left out: the application names it.
    assert_eq!(effective(&server, None, Some("app-uuid")).await, app);

    // Unsetting the application's list inherits the project's again.
    server
        .ok(r#"mutation { updateBackendModuleConfig(id: "backend-settings-uuid", input: { EnabledModules: null }) { id } }"#, json!({}))
        .await;
    let app = effective(&server, None, Some("app-uuid")).await;
    assert_eq!(
        app["backendSetting"]["moduleConfig"]["EnabledModules"],
        json!(["auth", "billing"])
    );
    server.stop().await;
}

#[tokio::test]
async fn a_level_without_settings_answers_the_inherited_ones_and_no_id() {
    let server = common::examples().await;
    // No level has backend settings on the new tenant's chain.
    let t = effective(&server, Some("new-tenant-uuid"), None).await;
    assert!(t["backendSetting"]["id"].is_null());
    assert!(t["backendSetting"]["moduleConfig"]["EnabledModules"].is_null());
    assert_eq!(
        t["backendSetting"]["moduleConfig"]["KeyValuePairs"],
        json!([])
    );
    // Frontend: the project's (settings-uuid) comes through; the tenant has no record itself.
    assert!(t["frontendSetting"]["id"].is_null());
    assert_eq!(
        t["frontendSetting"]["moduleConfig"]["EnabledLocales"],
        json!(["en"])
    );
    assert_eq!(
        t["frontendSetting"]["moduleConfig"]["DefaultTheme"],
        "light"
    );
    let prod = effective(&server, Some("prod-tenant-uuid"), None).await;
    assert_eq!(prod["frontendSetting"]["id"], "frontend-settings-uuid");
    assert_eq!(
        prod["frontendSetting"]["moduleConfig"]["EnabledLocales"],
        json!(["en", "hu"])
    );
    server.stop().await;
}

#[tokio::test]
async fn settings_records_are_created_updated_deleted_and_checked() {
    let server = common::examples().await;
    let made = server
        .ok(
            r#"mutation { createFrontendSettings(input: { tenantID: "tenant-uuid", moduleConfig: {
                EnabledThemes: ["dark"], DefaultTheme: "dark", KeyValuePairs: [{ Key: "a", Value: "1" }] } }) {
                id projectID tenantID applicationID moduleConfig { DefaultTheme EnabledLocales } } }"#,
            json!({}),
        )
        .await;
    let f = &made["createFrontendSettings"];
    assert_eq!(
        (f["tenantID"].as_str(), f["projectID"].as_str()),
        (Some("tenant-uuid"), None)
    );
    assert!(
        f["moduleConfig"]["EnabledLocales"].is_null(),
        "not set at this level"
    );
    let id = f["id"].clone();
    // A second record on the same level is refused.
    let e = server
        .fails(
            r#"mutation { createFrontendSettings(input: { tenantID: "tenant-uuid" }) { id } }"#,
            json!({}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("input"));
    let e = server
        .fails(r#"mutation { createBackendSettings(input: { projectID: "project-uuid", tenantID: "tenant-uuid" }) { id } }"#, json!({}))
        .await;
    assert_eq!(e.field.as_deref(), Some("input"), "exactly one level");
    let e = server
        .fails(
            r#"mutation { createBackendSettings(input: { tenantID: "no-such" }) { id } }"#,
            json!({}),
        )
        .await;
    assert_eq!(e.field.as_deref(), Some("input.tenantID"));
    // A default that is not among the level's own list; a key twice.
    let e = server
        .fails("mutation($id: ID!) { updateFrontendModuleConfig(id: $id, input: { DefaultTheme: \"light\" }) { id } }", json!({ "id": id }))
        .await;
    assert_eq!(e.field.as_deref(), Some("input.DefaultTheme"));
    let e = server
        .fails("mutation($id: ID!) { updateFrontendSettings(id: $id, input: { moduleConfig: { KeyValuePairs: [{ Key: \"k\", Value: \"1\" }, { Key: \"k\", Value: \"2\" }] } }) { id } }", json!({ "id": id }))
        .await;
    assert_eq!(
        e.field.as_deref(),
        Some("input.moduleConfig.KeyValuePairs[1].Key")
    );
    // Fields left out keep their values.
    let updated = server
        .ok("mutation($id: ID!) { updateFrontendSettings(id: $id, input: { moduleConfig: { EnabledLocales: [\"de\"], DefaultLocale: \"de\" } }) { moduleConfig { DefaultTheme EnabledLocales KeyValuePairs { Key } } } }", json!({ "id": id }))
        .await;
    assert_eq!(
        updated["updateFrontendSettings"]["moduleConfig"],
        json!({ "DefaultTheme": "dark", "EnabledLocales": ["de"], "KeyValuePairs": [{ "Key": "a" }] })
    );
    server
        .ok(
            "mutation($id: ID!) { deleteFrontendSettings(id: $id) }",
            json!({ "id": id }),
        )
        .await;
    let t = effective(&server, Some("tenant-uuid"), None).await;
    assert_eq!(
        t["frontendSetting"]["moduleConfig"]["DefaultTheme"], "light",
        "the project's again"
    );
    server
        .ok(
            r#"mutation { deleteBackendSettings(id: "backend-settings-uuid") }"#,
            json!({}),
        )
        .await;
    let e = server
        .fails(
            r#"mutation { deleteBackendSettings(id: "backend-settings-uuid") }"#,
            json!({}),
        )
        .await;
    assert_eq!(e.code, "NOT_FOUND");
    server.stop().await;
}

#[tokio::test]
async fn the_settings_chain_must_be_one_line_of_the_tree() {
    let server = common::examples().await;
    let e = server
        .fails(
            EFFECTIVE,
            json!({ "p": "project-uuid", "t": "prod-tenant-uuid", "a": "app-uuid" }),
        )
        .await;
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("BAD_USER_INPUT", Some("application"))
    );
    let e = server.fails(EFFECTIVE, json!({ "p": "nope" })).await;
    assert_eq!(e.code, "NOT_FOUND");
    server.stop().await;
}

#[tokio::test]
async fn every_demo_application_has_effective_settings_from_three_levels() {
    let server = common::demo().await;
    let tree = server.ok(common::TREE, json!({})).await;
    let mut from_app = 0;
    for p in tree["projects"].as_array().unwrap() {
        for t in p["tenants"].as_array().unwrap() {
            for a in t["applications"].as_array().unwrap() {
                let s = server
                    .ok(
                        EFFECTIVE,
                        json!({ "p": p["id"], "t": t["id"], "a": a["id"] }),
                    )
                    .await;
                let pairs = pairs(&s["settings"]["backendSetting"]);
                // Every demo project sets log_format; tenants override max_retries or add log_level.
                assert!(pairs.iter().any(|(k, _)| k == "log_format"), "{pairs:?}");
                assert!(pairs
                    .iter()
                    .any(|(k, _)| k == "max_retries" || k == "log_level"));
                from_app += usize::from(!s["settings"]["backendSetting"]["id"].is_null());
            }
        }
    }
    assert!(
        from_app > 0,
        "some demo applications have settings of their own"
    );
    server.stop().await;
}
