//! An application's effective settings, computed offline from the levels' own settings
//! (Project → Tenant → Application), equal the Manager's own `settings` answer for every
//! application of the demo, and each value names the level it comes from.

use outpost_replica::{EffectiveConfig, Entity, Level};
use outpost_sync::MANAGER_SCOPE;
use serde_json::{json, Value};

use super::rig;

const BACKEND: &str = "moduleConfig { EnabledModules KeyValuePairs { Key Value } }";
const FRONTEND: &str = "moduleConfig { EnabledThemes DefaultTheme EnabledLocales DefaultLocale \
                        EnabledModules KeyValuePairs { Key Value } }";
const BACKEND_NAMES: &[&str] = &["EnabledModules"];
const FRONTEND_NAMES: &[&str] = &[
    "EnabledThemes",
    "DefaultTheme",
    "EnabledLocales",
    "DefaultLocale",
    "EnabledModules",
];

/// Whether the level's own module config (`null` when it has no record) sets `name` to
/// `value`: for `KeyValuePairs`, holds the pair.
fn sets(own: &Value, name: &str, value: Option<&Value>) -> bool {
    let config = &own["moduleConfig"];
    match (name, value) {
        ("KeyValuePairs", Some(pair)) => config["KeyValuePairs"]
            .as_array()
            .is_some_and(|pairs| pairs.contains(pair)),
        ("KeyValuePairs", None) => false,
        (_, Some(v)) => &config[name] == v,
        (_, None) => !config[name].is_null(),
    }
}

fn has_key(own: &Value, key: &str) -> bool {
    own["moduleConfig"]["KeyValuePairs"]
        .as_array()
        .is_some_and(|pairs| pairs.iter().any(|p| p["Key"] == key))
}

/// Each value comes from the level it names, and no more specific level sets it.
fn check_origins(config: &EffectiveConfig, own: [&Value; 3], what: &str) {
    let index = |l: Level| match l {
        Level::Project => 0,
        Level::Tenant => 1,
        Level::Application => 2,
    };
    for (name, inherited) in &config.fields {
        let at = index(inherited.from);
        assert!(sets(own[at], name, Some(&inherited.value)), "{what} {name}");
        assert!(
            own[at + 1..].iter().all(|o| !sets(o, name, None)),
            "{what} {name}"
        );
    }
    for pair in &config.key_value_pairs {
        let at = index(pair.from);
        let wanted = json!({"Key": pair.key, "Value": pair.value});
        assert!(
            sets(own[at], "KeyValuePairs", Some(&wanted)),
            "{what} {}",
            pair.key
        );
        assert!(
            own[at + 1..].iter().all(|o| !has_key(o, &pair.key)),
            "{what} {}",
            pair.key
        );
    }
}

#[tokio::test]
async fn effective_settings_computed_here_equal_the_managers_for_every_application() {
    let rig = rig().await;
    let report = rig.sync().await;
    assert_eq!(report.failed, 0, "{report:?}");
    let query = format!(
        "{{ projects(pagination: {{limit: 500, offset: 0}}) {{ id \
         backendSettings {{ {BACKEND} }} frontendSettings {{ {FRONTEND} }} \
         tenants {{ id backendSettings {{ {BACKEND} }} frontendSettings {{ {FRONTEND} }} \
         applications {{ id backendSettings {{ {BACKEND} }} frontendSettings {{ {FRONTEND} }} }} }} }} }}"
    );
    let tree = rig.gql(&query, json!({})).await;
    let settings = format!(
        "query($p: ID!, $t: ID, $a: ID) {{ settings(project: $p, tenant: $t, application: $a) {{ \
         backendSetting {{ {BACKEND} }} frontendSetting {{ {FRONTEND} }} }} }}"
    );
    let (mut apps, mut inherited_from_above) = (0, 0);
    for project in tree["projects"].as_array().unwrap() {
        for tenant in project["tenants"].as_array().unwrap() {
            for app in tenant["applications"].as_array().unwrap() {
                apps += 1;
                let id = app["id"].as_str().unwrap();
                let theirs = rig
                    .gql(
                        &settings,
                        json!({"p": project["id"], "t": tenant["id"], "a": id}),
                    )
                    .await["settings"]
                    .clone();
                let local = rig.by_server_id(Entity::ManagerApplication, id);
                let ours = {
                    let r = rig.replica.lock().unwrap();
                    r.tenant(MANAGER_SCOPE)
                        .manager_effective_settings(&local.local_id)
                        .unwrap()
                };
                assert_eq!(
                    ours.backend.as_module_config(BACKEND_NAMES),
                    theirs["backendSetting"]["moduleConfig"],
                    "backend of {id}"
                );
                assert_eq!(
                    ours.frontend.as_module_config(FRONTEND_NAMES),
                    theirs["frontendSetting"]["moduleConfig"],
                    "frontend of {id}"
                );
                let backend = [
                    &project["backendSettings"],
                    &tenant["backendSettings"],
                    &app["backendSettings"],
                ];
                let frontend = [
                    &project["frontendSettings"],
                    &tenant["frontendSettings"],
                    &app["frontendSettings"],
                ];
                check_origins(&ours.backend, backend, id);
                check_origins(&ours.frontend, frontend, id);
                inherited_from_above += ours
                    .backend
                    .key_value_pairs
                    .iter()
                    .filter(|p| p.from != Level::Application)
                    .count();
            }
        }
    }
    assert!(apps >= 8, "the demo's applications were all compared");
    assert!(
        inherited_from_above > 0,
        "some values come from above the application"
    );
}

#[tokio::test]
async fn an_edit_not_sent_yet_counts_in_the_effective_settings() {
    let rig = rig().await;
    rig.sync().await;
    let own = rig.local(Entity::ManagerBackendSettings);
    let project_level = own
        .iter()
        .find(|s| s.fields.get("projectID").is_some())
        .expect("a demo project has backend settings");
    rig.update(
        Entity::ManagerBackendSettings,
        &project_level.local_id,
        json!({"KeyValuePairs": [{"Key": "zz-offline", "Value": "yes"}]}),
    );
    let project = project_level.fields["projectID"].as_str().unwrap();
    let tenant = rig
        .local(Entity::ManagerTenant)
        .into_iter()
        .find(|t| t.fields["projectID"] == project)
        .unwrap();
    let app = rig
        .local(Entity::ManagerApplication)
        .into_iter()
        .find(|a| a.fields["tenantID"].as_str() == tenant.server_id.as_deref())
        .expect("the project's tenant has an application");
    let r = rig.replica.lock().unwrap();
    let effective = r
        .tenant(MANAGER_SCOPE)
        .manager_effective_settings(&app.local_id)
        .unwrap();
    let pair = effective
        .backend
        .key_value_pairs
        .iter()
        .find(|p| p.key == "zz-offline")
        .expect("the offline edit is in the effective settings");
    assert_eq!((pair.value.as_str(), pair.from), ("yes", Level::Project));
}
