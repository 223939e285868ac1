//! A level's own settings records, which the Manager keeps on their project, tenant or
//! application and lists nowhere else: the listing is gathered from the tree (a page of
//! projects at a time, with their tenants' and applications'), and each record is handed over
//! flat, its `moduleConfig` fields beside its level, so that each field merges on its own.

use outpost_model::RecordType;
use outpost_platform::PlatformError;
use outpost_replica::Fields;
use serde_json::{json, Map, Value};

use super::client::ManagerClient;
use super::documents::{BACKEND_SETTINGS_TREE, FRONTEND_SETTINGS_TREE};
use super::{rows, LARGEST_PAGE};

/// Whether `t` is a level's settings.
pub fn is_settings(t: RecordType) -> bool {
    matches!(
        t,
        RecordType::ManagerBackendSettings | RecordType::ManagerFrontendSettings
    )
}

/// The field of a level's record that holds its settings of type `t`.
fn field_of(t: RecordType) -> &'static str {
    match t {
        RecordType::ManagerFrontendSettings => "frontendSettings",
        _ => "backendSettings",
    }
}

/// Every settings record of type `t` the user can read, flat.
pub async fn all(client: &ManagerClient, t: RecordType) -> Result<Vec<Value>, PlatformError> {
    let document = match t {
        RecordType::ManagerFrontendSettings => FRONTEND_SETTINGS_TREE,
        _ => BACKEND_SETTINGS_TREE,
    };
    let key = field_of(t);
    let mut found = Vec::new();
    let mut offset = 0;
    loop {
        let page = json!({ "page": { "limit": LARGEST_PAGE, "offset": offset } });
        let projects = rows(key, client.request(key, document, page).await?)?;
        let n = projects.len();
        for project in &projects {
            take(&mut found, project, key)?;
            for tenant in list(project, "tenants")? {
                take(&mut found, tenant, key)?;
                for application in list(tenant, "applications")? {
                    take(&mut found, application, key)?;
                }
            }
        }
        if n < LARGEST_PAGE {
            return Ok(found);
        }
        offset += n;
    }
}

fn list<'v>(v: &'v Value, key: &str) -> Result<&'v Vec<Value>, PlatformError> {
    v.get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| PlatformError::Schema {
            what: key.to_string(),
            reason: format!("a level has no list of {key}"),
        })
}

/// A level's own settings record, flat, when it has one.
fn take(found: &mut Vec<Value>, level: &Value, key: &str) -> Result<(), PlatformError> {
    match level.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(record) => {
            found.push(flat(key, record.clone())?);
            Ok(())
        }
    }
}

/// A settings record as the model keeps it: its `moduleConfig` fields beside its level (the
/// level ids it does not have left out).
pub fn flat(what: &str, record: Value) -> Result<Value, PlatformError> {
    let Value::Object(mut record) = record else {
        return Err(PlatformError::Schema {
            what: what.to_string(),
            reason: "a settings record is not an object".into(),
        });
    };
    if record.get("id").and_then(Value::as_str).is_none() {
        return Err(PlatformError::Schema {
            what: what.to_string(),
            reason: "a settings record has no id".into(),
        });
    }
    let config = match record.remove("moduleConfig") {
        Some(Value::Object(config)) => config,
        _ => {
            return Err(PlatformError::Schema {
                what: what.to_string(),
                reason: "a settings record has no moduleConfig".into(),
            })
        }
    };
    record.retain(|_, v| !v.is_null());
    record.extend(config);
    Ok(Value::Object(record))
}

/// The input of a create: the level's id, and the rest nested as its `moduleConfig`.
pub fn create_input(body: &Fields) -> Value {
    let mut input = Map::new();
    let mut config = Map::new();
    for (k, v) in body {
        match k.as_str() {
            "projectID" | "tenantID" | "applicationID" => input.insert(k.clone(), v.clone()),
            _ => config.insert(k.clone(), v.clone()),
        };
    }
    input.insert("moduleConfig".into(), Value::Object(config));
    Value::Object(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_goes_flat_and_a_create_nested() {
        let record = json!({"id": "s1", "projectID": null, "tenantID": "t1", "applicationID": null,
                            "updatedAt": "2026-12-01T00:00:00.000Z",
                            "moduleConfig": {"EnabledModules": null, "KeyValuePairs": []}});
        assert_eq!(
            flat("backendSettings", record).unwrap(),
            json!({"id": "s1", "tenantID": "t1", "updatedAt": "2026-12-01T00:00:00.000Z",
                   "EnabledModules": null, "KeyValuePairs": []})
        );
        assert!(flat("backendSettings", json!({"id": "s1"})).is_err());
        let body = json!({"applicationID": "a1", "EnabledModules": ["x"]});
        assert_eq!(
            create_input(body.as_object().unwrap()),
            json!({"applicationID": "a1", "moduleConfig": {"EnabledModules": ["x"]}})
        );
    }
}
