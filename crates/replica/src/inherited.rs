//! The Manager's settings as an application gets them: Project → Tenant → Application, computed
//! here from the levels' own settings records as the replica holds them (with the edits not
//! sent yet), so the effective value of each setting, and the level it comes from, can be shown
//! offline. The rule is the Manager's (README, "The Manager devserver"): each `KeyValuePairs`
//! key comes from the most specific level that has it (ordered by key); each list
//! (`EnabledModules`, `EnabledThemes`, `EnabledLocales`) and default (`DefaultTheme`,
//! `DefaultLocale`) comes whole from the most specific level that sets it (not null), so a
//! level can drop a module; what no level sets is `None`.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use crate::entity::Entity;
use crate::error::Result;
use crate::record;
use crate::scope::TenantScope;
use crate::util::Fields;

/// A level of the Manager's tree, least specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The project's own settings.
    Project,
    /// The tenant's own settings.
    Tenant,
    /// The application's own settings.
    Application,
}

/// A value and the level it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inherited<T> {
    /// The value.
    pub value: T,
    /// The most specific level that sets it.
    pub from: Level,
}

/// A setting's key-value pair and the level it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InheritedPair {
    /// The key.
    pub key: String,
    /// Its value.
    pub value: String,
    /// The most specific level that has the key.
    pub from: Level,
}

/// An application's effective module configuration of one kind (backend or frontend): each
/// field the Manager's `moduleConfig` has, by its name, with where it comes from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EffectiveConfig {
    /// The lists and defaults (`EnabledModules`, `DefaultTheme`, ...), each whole from the most
    /// specific level that sets it; absent when no level does.
    pub fields: BTreeMap<String, Inherited<Value>>,
    /// The key-value pairs, ordered by key.
    pub key_value_pairs: Vec<InheritedPair>,
}

impl EffectiveConfig {
    /// The configuration in the Manager's `moduleConfig` shape (nulls where no level sets a
    /// field), without the levels: what the Manager's `settings` query answers.
    pub fn as_module_config(&self, names: &[&str]) -> Value {
        let mut out = serde_json::Map::new();
        for name in names {
            let value = self.fields.get(*name).map(|i| i.value.clone());
            out.insert((*name).to_string(), value.unwrap_or(Value::Null));
        }
        let pairs = self
            .key_value_pairs
            .iter()
            .map(|p| serde_json::json!({"Key": p.key, "Value": p.value}))
            .collect();
        out.insert("KeyValuePairs".into(), Value::Array(pairs));
        Value::Object(out)
    }
}

/// An application's effective backend and frontend settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EffectiveSettings {
    /// From the levels' `manager_backend_settings`.
    pub backend: EffectiveConfig,
    /// From the levels' `manager_frontend_settings`.
    pub frontend: EffectiveConfig,
}

/// Merges the levels' own configurations (least specific first; a level without a record is
/// `None`).
pub fn merge(levels: &[(Level, Option<&Fields>)]) -> EffectiveConfig {
    let mut out = EffectiveConfig::default();
    let mut pairs: BTreeMap<String, (String, Level)> = BTreeMap::new();
    for (level, fields) in levels {
        let Some(fields) = fields else { continue };
        for (name, value) in fields.iter() {
            match name.as_str() {
                "projectID" | "tenantID" | "applicationID" => {}
                "KeyValuePairs" => {
                    for pair in value.as_array().into_iter().flatten() {
                        if let (Some(k), Some(v)) = (
                            pair.get("Key").and_then(Value::as_str),
                            pair.get("Value").and_then(Value::as_str),
                        ) {
                            pairs.insert(k.to_string(), (v.to_string(), *level));
                        }
                    }
                }
                _ if value.is_null() => {}
                _ => {
                    out.fields.insert(
                        name.clone(),
                        Inherited {
                            value: value.clone(),
                            from: *level,
                        },
                    );
                }
            }
        }
    }
    out.key_value_pairs = pairs
        .into_iter()
        .map(|(key, (value, from))| InheritedPair { key, value, from })
        .collect();
    out
}

impl TenantScope<'_> {
    /// The effective settings of the Manager application `application` (its local or server
    /// id), from its project's, its tenant's and its own settings as held here.
    pub fn manager_effective_settings(&self, application: &str) -> Result<EffectiveSettings> {
        let app = record::load_live_by_any_id(
            self.conn,
            &self.tenant,
            Entity::ManagerApplication,
            application,
        )?;
        let parent = |table: &str, column: &str, id: &str| -> Result<Option<String>> {
            let sql =
                format!("SELECT {column} FROM {table} WHERE tenant_id = ?1 AND local_id = ?2");
            Ok(self
                .conn
                .query_row(&sql, params![self.tenant, id], |r| r.get(0))
                .optional()?
                .flatten())
        };
        let tenant = parent("manager_applications", "environment_id", &app.local_id)?;
        let project = match &tenant {
            Some(t) => parent("manager_tenants", "project_id", t)?,
            None => None,
        };
        let chain = [
            (Level::Project, "project_id", project),
            (Level::Tenant, "environment_id", tenant),
            (Level::Application, "application_id", Some(app.local_id)),
        ];
        let mut out = EffectiveSettings::default();
        for (entity, config) in [
            (Entity::ManagerBackendSettings, &mut out.backend),
            (Entity::ManagerFrontendSettings, &mut out.frontend),
        ] {
            let mut own = Vec::new();
            for (level, column, id) in &chain {
                let fields = match id {
                    Some(id) => self.own_settings(entity, column, id)?,
                    None => None,
                };
                own.push((*level, fields));
            }
            let levels: Vec<(Level, Option<&Fields>)> =
                own.iter().map(|(l, f)| (*l, f.as_ref())).collect();
            *config = merge(&levels);
        }
        Ok(out)
    }

    /// The fields of the live settings record of type `entity` whose level column is `id`.
    fn own_settings(&self, entity: Entity, column: &str, id: &str) -> Result<Option<Fields>> {
        let sql = format!(
            "SELECT fields FROM {} WHERE tenant_id = ?1 AND {column} = ?2 AND deleted_locally = 0 \
             ORDER BY local_id LIMIT 1",
            entity.descriptor().table
        );
        let text: Option<String> = self
            .conn
            .query_row(&sql, params![self.tenant, id], |r| r.get(0))
            .optional()?;
        Ok(match text {
            Some(text) => serde_json::from_str::<Value>(&text)?.as_object().cloned(),
            None => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Fields {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn the_most_specific_level_wins_lists_whole_and_pairs_by_key() {
        let project = fields(
            json!({"EnabledModules": ["a", "b"], "DefaultTheme": "light",
            "KeyValuePairs": [{"Key": "x", "Value": "1"}, {"Key": "y", "Value": "2"}]}),
        );
        let tenant = fields(json!({"EnabledModules": ["a"], "DefaultTheme": null,
            "KeyValuePairs": [{"Key": "y", "Value": "20"}]}));
        let app = fields(json!({"KeyValuePairs": [{"Key": "w", "Value": "0"}]}));
        let merged = merge(&[
            (Level::Project, Some(&project)),
            (Level::Tenant, Some(&tenant)),
            (Level::Application, Some(&app)),
        ]);
        assert_eq!(
            merged.fields["EnabledModules"],
            Inherited {
                value: json!(["a"]),
                from: Level::Tenant
            },
            "a list comes whole: the tenant drops b"
        );
        assert_eq!(
            merged.fields["DefaultTheme"].from,
            Level::Project,
            "null is unset"
        );
        let pairs: Vec<_> = merged
            .key_value_pairs
            .iter()
            .map(|p| (p.key.as_str(), p.value.as_str(), p.from))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("w", "0", Level::Application),
                ("x", "1", Level::Project),
                ("y", "20", Level::Tenant)
            ]
        );
        assert_eq!(
            merged.as_module_config(&["EnabledModules", "EnabledThemes"])["EnabledThemes"],
            Value::Null
        );
        assert_eq!(merge(&[(Level::Project, None)]), EffectiveConfig::default());
    }
}
