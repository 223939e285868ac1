//! Inherited settings: Project → Tenant → Application. For each key of `KeyValuePairs` the
//! most specific level that has the key wins; each list (`EnabledModules`, `EnabledThemes`,
//! `EnabledLocales`) and each default (`DefaultTheme`, `DefaultLocale`) comes whole from the
//! most specific level that sets it (a list is replaced, never merged: a level that narrows the
//! modules must be able to drop one). Merged pairs are ordered by key.

use std::collections::BTreeMap;

use crate::records::{BackendModuleConfig, FrontendModuleConfig, KeyValuePair};

/// The levels' configurations, least specific first; `None` where a level has no record.
pub fn backend(levels: &[Option<&BackendModuleConfig>]) -> BackendModuleConfig {
    let present: Vec<&BackendModuleConfig> = levels.iter().flatten().copied().collect();
    BackendModuleConfig {
        enabled_modules: last_set(present.iter().map(|c| &c.enabled_modules)),
        key_value_pairs: pairs(present.iter().map(|c| &c.key_value_pairs)),
    }
}

pub fn frontend(levels: &[Option<&FrontendModuleConfig>]) -> FrontendModuleConfig {
    let present: Vec<&FrontendModuleConfig> = levels.iter().flatten().copied().collect();
    FrontendModuleConfig {
        enabled_themes: last_set(present.iter().map(|c| &c.enabled_themes)),
        default_theme: last_set(present.iter().map(|c| &c.default_theme)),
        enabled_locales: last_set(present.iter().map(|c| &c.enabled_locales)),
        default_locale: last_set(present.iter().map(|c| &c.default_locale)),
        enabled_modules: last_set(present.iter().map(|c| &c.enabled_modules)),
        key_value_pairs: pairs(present.iter().map(|c| &c.key_value_pairs)),
    }
}

fn last_set<'a, T: Clone + 'a>(values: impl Iterator<Item = &'a Option<T>>) -> Option<T> {
    values.filter_map(Option::as_ref).last().cloned()
}

fn pairs<'a>(levels: impl Iterator<Item = &'a Vec<KeyValuePair>>) -> Vec<KeyValuePair> {
    let mut merged = BTreeMap::new();
    for level in levels {
        for pair in level {
            merged.insert(pair.key.clone(), pair.value.clone());
        }
    }
    merged
        .into_iter()
        .map(|(key, value)| KeyValuePair { key, value })
        .collect()
}
