//! Each level's own settings: pulled from wherever the Manager keeps them (on the project, the
//! tenant or the application), flat, each field merging on its own; made offline for a level
//! that has none, they reach that level.

use outpost_replica::Entity;
use serde_json::{json, Value};

use super::{rig, ManagerRig};

const SETTINGS: &str = "{ projects(pagination: {limit: 500, offset: 0}) { id \
    backendSettings { id } frontendSettings { id } \
    tenants { id backendSettings { id } frontendSettings { id } \
    applications { id backendSettings { id moduleConfig { EnabledModules KeyValuePairs { Key Value } } } \
    frontendSettings { id moduleConfig { DefaultLocale EnabledLocales } } } } } }";

impl ManagerRig {
    /// Every level (projects, tenants, applications) as the Manager answers it.
    async fn levels(&self) -> Vec<Value> {
        let data = self.gql(SETTINGS, json!({})).await;
        let mut levels = Vec::new();
        for p in data["projects"].as_array().unwrap() {
            levels.push(p.clone());
            for t in p["tenants"].as_array().unwrap() {
                levels.push(t.clone());
                levels.extend(t["applications"].as_array().unwrap().iter().cloned());
            }
        }
        levels
    }
}

#[tokio::test]
async fn each_levels_settings_arrive_and_an_offline_change_merges_with_a_colleagues() {
    let rig = rig().await;
    let report = rig.sync().await;
    assert_eq!(report.failed, 0, "{report:?}");
    let levels = rig.levels().await;
    let count = |key: &str| levels.iter().filter(|l| !l[key].is_null()).count();
    assert!(count("backendSettings") > 0 && count("frontendSettings") > 0);
    assert_eq!(
        rig.local(Entity::ManagerBackendSettings).len(),
        count("backendSettings")
    );
    assert_eq!(
        rig.local(Entity::ManagerFrontendSettings).len(),
        count("frontendSettings")
    );

    // An application's backend settings: the colleague sets the pairs, we the modules.
    let app = levels
        .iter()
        .find(|l| l["backendSettings"]["moduleConfig"].is_object())
        .expect("a demo application has its own backend settings");
    let id = app["backendSettings"]["id"].as_str().unwrap();
    let here = rig.by_server_id(Entity::ManagerBackendSettings, id);
    assert_eq!(here.fields["applicationID"], app["id"]);
    rig.gql(
        "mutation($id: ID!, $input: BackendModuleConfigInput!) { updateBackendModuleConfig(id: $id, input: $input) { id } }",
        json!({"id": id, "input": {"KeyValuePairs": [{"Key": "region", "Value": "eu-north"}]}}),
    )
    .await;
    rig.update(
        Entity::ManagerBackendSettings,
        &here.local_id,
        json!({"EnabledModules": ["orders", "stock"]}),
    );
    let report = rig.sync().await;
    assert_eq!(
        (report.pushed, report.failed, report.conflicts),
        (1, 0, 0),
        "{:?} {:?}",
        rig.waiting(),
        {
            let r = rig.replica.lock().unwrap();
            r.tenant(outpost_sync::MANAGER_SCOPE).conflicts().unwrap()
        }
    );
    let there = rig
        .levels()
        .await
        .into_iter()
        .find(|l| l["id"] == app["id"])
        .unwrap();
    let config = &there["backendSettings"]["moduleConfig"];
    assert_eq!(config["EnabledModules"], json!(["orders", "stock"]));
    assert_eq!(
        config["KeyValuePairs"],
        json!([{"Key": "region", "Value": "eu-north"}])
    );
    let here = rig.get(Entity::ManagerBackendSettings, &here.local_id);
    assert_eq!(here.fields["KeyValuePairs"], config["KeyValuePairs"]);

    // Unset at this level again: null goes, and the level inherits.
    rig.update(
        Entity::ManagerBackendSettings,
        &here.local_id,
        json!({"EnabledModules": null}),
    );
    rig.sync().await;
    let there = rig
        .levels()
        .await
        .into_iter()
        .find(|l| l["id"] == app["id"])
        .unwrap();
    assert_eq!(
        there["backendSettings"]["moduleConfig"]["EnabledModules"],
        Value::Null
    );
}

#[tokio::test]
async fn settings_made_offline_for_a_level_without_reach_that_level() {
    let rig = rig().await;
    rig.sync().await;
    let levels = rig.levels().await;
    let bare = levels
        .iter()
        .find(|l| {
            l.get("applications").is_none()
                && l.get("tenants").is_none()
                && l["frontendSettings"].is_null()
        })
        .expect("a demo application has no frontend settings of its own");
    let app = rig.by_server_id(Entity::ManagerApplication, bare["id"].as_str().unwrap());
    let made = rig.create(
        Entity::ManagerFrontendSettings,
        json!({"applicationID": app.server_id, "EnabledLocales": ["de", "en"], "DefaultLocale": "de",
               "KeyValuePairs": []}),
    );
    let report = rig.sync().await;
    assert_eq!(
        (report.pushed, report.failed),
        (1, 0),
        "{:?}",
        rig.waiting()
    );
    let there = rig
        .levels()
        .await
        .into_iter()
        .find(|l| l["id"] == bare["id"])
        .unwrap();
    let config = &there["frontendSettings"]["moduleConfig"];
    assert_eq!(config["DefaultLocale"], "de");
    assert_eq!(config["EnabledLocales"], json!(["de", "en"]));
    let here = rig.get(Entity::ManagerFrontendSettings, &made.local_id);
    assert_eq!(
        here.server_id.as_deref(),
        there["frontendSettings"]["id"].as_str()
    );
    // A key list that breaks the Manager's rule is refused here, naming the pair.
    let r = rig.replica.lock().unwrap();
    let err = r
        .tenant(outpost_sync::MANAGER_SCOPE)
        .update_record(
            outpost_replica::Source::User,
            Entity::ManagerFrontendSettings,
            &made.local_id,
            super::obj(
                json!({"KeyValuePairs": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]}),
            ),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("KeyValuePairs[1].Key"), "{err}");
}
