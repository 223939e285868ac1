//! What the tenant administration keeps per tenant beyond the tenant row: the settings a
//! category was changed to, the history of those changes, and the rate limit configurations.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::storage::{self, Sink};

/// One tenant's administration data.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct TenantAdmin {
    /// category -> its settings and when they were first and last changed (a category never
    /// changed holds its defaults and is not here).
    pub settings: BTreeMap<String, StoredSettings>,
    /// Every change of settings, oldest first.
    pub settings_history: Vec<Value>,
    /// Rate limit configurations, in the order they were made.
    pub rate_limits: Vec<Map<String, Value>>,
    /// Custom domains, in the order they were made (absent from data stored before them).
    #[serde(default)]
    pub domains: Vec<Map<String, Value>>,
    /// The log retention policy once changed from the default (see `log_retention.rs`).
    #[serde(default)]
    pub log_retention: Option<Map<String, Value>>,
    /// Place id -> who visited and who reset its visit count last, and why
    /// (`directory/visits.rs`; the counts are on the place's row).
    #[serde(default)]
    pub visits: BTreeMap<String, Map<String, Value>>,
    /// "category id/locale" -> when its translation was first and last written
    /// (`directory/category_i18n.rs`; the text is in the category's `translations_i18n`).
    #[serde(default)]
    pub category_translations: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredSettings {
    pub id: String,
    pub settings: Value,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Default)]
pub struct TenantAdminStore {
    by_tenant: BTreeMap<String, TenantAdmin>,
    dirty: BTreeSet<String>,
}

impl TenantAdminStore {
    pub fn tenant(&self, id: &str) -> Option<&TenantAdmin> {
        self.by_tenant.get(id)
    }

    /// Whether a domain row other than `except` (in any tenant) has the name `domain`.
    pub fn domain_taken(&self, domain: &str, except: Option<&str>) -> bool {
        self.by_tenant
            .values()
            .flat_map(|a| &a.domains)
            .any(|d| d["domain"] == domain && except.is_none_or(|id| d["id"] != id))
    }

    pub fn tenant_mut(&mut self, id: &str) -> &mut TenantAdmin {
        self.dirty.insert(id.to_string());
        self.by_tenant.entry(id.to_string()).or_default()
    }

    /// Puts the tenants that changed since the last call (every tenant with `all`).
    pub fn drain(&mut self, sink: &mut dyn Sink, all: bool) {
        let dirty = std::mem::take(&mut self.dirty);
        for (tenant, admin) in &self.by_tenant {
            if all || dirty.contains(tenant) {
                sink.put("tenant_admin", tenant, tenant, 0, storage::body(admin));
            }
        }
    }

    pub fn load(&mut self, db: &storage::Db) -> anyhow::Result<()> {
        for (tenant, _, admin) in db.rows::<TenantAdmin>("tenant_admin")? {
            self.by_tenant.insert(tenant, admin);
        }
        Ok(())
    }
}
