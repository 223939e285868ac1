//! The active tenant itself: its record (details, edits) and its lifecycle moves, queued
//! offline like any edit and sent at the next sync, and what the platform tells about it that
//! is read, not edited (history, metrics, quotas), as last read; and its settings, rate
//! limits and domains, records edited offline like any other.
//! Changing the tenant is its owners' and admins' work: anyone else is refused here, in words
//! naming what was asked, before anything is queued. A move the server refuses (archiving an
//! active tenant) waits in the sync center with the server's words.

use outpost_model::enums::{SettingsCategory, TenantPlan, UpgradePlan};
use outpost_replica::{Entity, Fields, Record, Source, TenantRead};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::contacts::Done;
use crate::error::AppError;
use crate::state::App;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetTenantArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateTenantArgs {
    /// Only the fields that change; a map here so that the replica's checks name each field a
    /// value is wrong for.
    #[ts(as = "outpost_model::records::TenantPatch")]
    pub fields: Fields,
}

/// A lifecycle move of the seed (`POST /secure/tenants/{id}/lifecycle/{move}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TenantMove {
    /// Pending → active on trial, or inactive → active.
    Activate,
    /// Active → inactive.
    Suspend,
    /// Inactive → active.
    Reactivate,
    /// Inactive → retired.
    Archive,
    /// Trial → paid → enterprise.
    Upgrade,
}

impl TenantMove {
    /// The action's name, as the descriptor and the server spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            TenantMove::Activate => "activate",
            TenantMove::Suspend => "suspend",
            TenantMove::Reactivate => "reactivate",
            TenantMove::Archive => "archive",
            TenantMove::Upgrade => "upgrade",
        }
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveTenantArgs {
    pub action: TenantMove,
    /// Why, at most 500 characters (kept in the lifecycle history).
    #[serde(default)]
    #[ts(optional)]
    pub reason: Option<String>,
    /// The plan an upgrade goes to (required for `upgrade`, refused for the others).
    #[serde(default)]
    #[ts(optional)]
    pub target_type: Option<UpgradePlan>,
}

/// What is read of the tenant and kept with its age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TenantReadKind {
    /// Every lifecycle move, newest first.
    LifecycleHistory,
    /// Every settings change, newest first.
    SettingsHistory,
    /// The counts now.
    MetricsSnapshot,
    /// The counts of each of the last 30 days.
    MetricsDaily,
    /// The counts of each of the last 12 months.
    MetricsMonthly,
    /// Quotas at 80 % of their limit or more.
    QuotaWarnings,
}

impl TenantReadKind {
    /// The name the sync keeps it under.
    pub fn as_str(self) -> &'static str {
        match self {
            TenantReadKind::LifecycleHistory => "lifecycle_history",
            TenantReadKind::SettingsHistory => "settings_history",
            TenantReadKind::MetricsSnapshot => "metrics_snapshot",
            TenantReadKind::MetricsDaily => "metrics_daily",
            TenantReadKind::MetricsMonthly => "metrics_monthly",
            TenantReadKind::QuotaWarnings => "quota_warnings",
        }
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListRateLimitsArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListTenantSettingsArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListDomainsArgs {}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddDomainArgs {
    /// The fields of `POST /secure/tenants/{id}/domains`.
    #[ts(as = "outpost_model::records::TenantDomain")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateDomainArgs {
    /// The local or server id.
    pub id: String,
    /// Only the fields that change.
    #[ts(as = "outpost_model::records::TenantDomainPatch")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DomainIdArgs {
    /// The local or server id.
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangeTenantSettingsArgs {
    pub category: SettingsCategory,
    /// The keys that change, with their new values; the others are kept.
    #[ts(type = "Record<string, unknown>")]
    pub settings: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResetTenantSettingsArgs {
    pub category: SettingsCategory,
    /// The plan whose defaults it takes (the tenant's own when left out).
    #[serde(default)]
    #[ts(optional)]
    pub tenant_type: Option<TenantPlan>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateRateLimitArgs {
    /// The fields of `POST /secure/tenants/{id}/rate-limits`.
    #[ts(as = "outpost_model::records::RateLimit")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateRateLimitArgs {
    /// The local or server id.
    pub id: String,
    /// Only the fields that change.
    #[ts(as = "outpost_model::records::RateLimitPatch")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateLimitIdArgs {
    /// The local or server id.
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TenantReadArgs {
    pub kind: TenantReadKind,
}

/// A document read from the server, as the last sync that could read it kept it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TenantReadView {
    pub kind: TenantReadKind,
    /// The server's answer, in the seed's shape.
    #[ts(type = "unknown")]
    pub body: Value,
    /// When it was read (RFC 3339): what the UI says its age is.
    pub read_at: String,
}

impl App {
    /// The active tenant's record, once a sync brought it (works offline).
    pub async fn get_tenant(&self, _: GetTenantArgs) -> Result<Option<Record>, AppError> {
        self.in_tenant(|scope| {
            let mut all = scope.records(Entity::Tenant, None)?;
            let own = all
                .iter()
                .position(|r| r.server_id.as_deref() == Some(scope.tenant_id()));
            Ok(own.map(|i| all.swap_remove(i)))
        })
        .await
    }

    /// Changes the tenant's name, domain, languages, storage or free-form settings locally.
    pub async fn update_tenant(&self, args: UpdateTenantArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("change the tenant", |scope| {
            let id = scope.tenant_id().to_string();
            scope.update_record(Source::User, Entity::Tenant, &id, args.fields)
        })
        .await
    }

    /// Queues a lifecycle move of the tenant; the next sync sends it.
    pub async fn move_tenant(&self, args: MoveTenantArgs) -> Result<Record, AppError> {
        let mut body = Fields::new();
        if let Some(reason) = args.reason {
            body.insert("reason".into(), Value::String(reason));
        }
        if let Some(target) = args.target_type {
            body.insert("target_type".into(), Value::String(target.as_str().into()));
        }
        let what = format!("{} the tenant", args.action.as_str());
        self.in_tenant_admin(&what, |scope| {
            let id = scope.tenant_id().to_string();
            scope.record_action(
                Source::User,
                Entity::Tenant,
                &id,
                args.action.as_str(),
                body,
            )
        })
        .await
    }

    /// The tenant's settings, one record per category (works offline).
    pub async fn list_tenant_settings(
        &self,
        _: ListTenantSettingsArgs,
    ) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::TenantSettings, None))
            .await
    }

    /// Changes some keys of a category locally (owners and admins); the next sync sends the
    /// category (the server merges what it is sent).
    pub async fn change_tenant_settings(
        &self,
        args: ChangeTenantSettingsArgs,
    ) -> Result<Record, AppError> {
        self.in_tenant_admin("change the tenant's settings", |scope| {
            let category = args.category.as_str();
            let current = scope.get(Entity::TenantSettings, category)?;
            let mut settings = current.fields["settings"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            settings.extend(args.settings);
            let mut patch = Fields::new();
            patch.insert("settings".into(), Value::Object(settings));
            scope.update_record(Source::User, Entity::TenantSettings, category, patch)
        })
        .await
    }

    /// Resets a category to a plan's defaults at the next sync.
    pub async fn reset_tenant_settings(
        &self,
        args: ResetTenantSettingsArgs,
    ) -> Result<Record, AppError> {
        let mut body = Fields::new();
        if let Some(plan) = args.tenant_type {
            body.insert("tenant_type".into(), Value::String(plan.as_str().into()));
        }
        self.in_tenant_admin("reset the tenant's settings", |scope| {
            let category = args.category.as_str();
            scope.record_action(
                Source::User,
                Entity::TenantSettings,
                category,
                "reset",
                body,
            )
        })
        .await
    }

    /// The tenant's custom domains (works offline).
    pub async fn list_domains(&self, _: ListDomainsArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::TenantDomain, None))
            .await
    }

    /// Adds a custom domain locally (owners and admins); the next sync sends it.
    pub async fn add_domain(&self, args: AddDomainArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("add domains", |scope| {
            scope.create_record(Source::User, Entity::TenantDomain, args.fields)
        })
        .await
    }

    /// Changes a custom domain locally.
    pub async fn update_domain(&self, args: UpdateDomainArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("change domains", |scope| {
            scope.update_record(Source::User, Entity::TenantDomain, &args.id, args.fields)
        })
        .await
    }

    /// Verifies a custom domain at the next sync.
    pub async fn verify_domain(&self, args: DomainIdArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("verify domains", |scope| {
            scope.record_action(
                Source::User,
                Entity::TenantDomain,
                &args.id,
                "verify",
                Fields::new(),
            )
        })
        .await
    }

    /// Removes a custom domain locally.
    pub async fn delete_domain(&self, args: DomainIdArgs) -> Result<Done, AppError> {
        self.in_tenant_admin("remove domains", |scope| {
            scope.delete_record(Source::User, Entity::TenantDomain, &args.id)
        })
        .await?;
        Ok(Done { ok: true })
    }

    /// The tenant's rate limits (works offline).
    pub async fn list_rate_limits(&self, _: ListRateLimitsArgs) -> Result<Vec<Record>, AppError> {
        self.in_tenant(|scope| scope.records(Entity::RateLimit, None))
            .await
    }

    /// Makes a rate limit locally (owners and admins); the next sync sends it.
    pub async fn create_rate_limit(&self, args: CreateRateLimitArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("set rate limits", |scope| {
            scope.create_record(Source::User, Entity::RateLimit, args.fields)
        })
        .await
    }

    /// Changes a rate limit locally.
    pub async fn update_rate_limit(&self, args: UpdateRateLimitArgs) -> Result<Record, AppError> {
        self.in_tenant_admin("change rate limits", |scope| {
            scope.update_record(Source::User, Entity::RateLimit, &args.id, args.fields)
        })
        .await
    }

    /// Removes a rate limit locally.
    pub async fn delete_rate_limit(&self, args: RateLimitIdArgs) -> Result<Done, AppError> {
        self.in_tenant_admin("remove rate limits", |scope| {
            scope.delete_record(Source::User, Entity::RateLimit, &args.id)
        })
        .await?;
        Ok(Done { ok: true })
    }

    /// What the last sync read of the tenant's `kind`; None when it was never read (not synced
    /// yet, or the role may not read it).
    pub async fn tenant_read(
        &self,
        args: TenantReadArgs,
    ) -> Result<Option<TenantReadView>, AppError> {
        let found: Option<TenantRead> = self
            .in_tenant(|scope| scope.read_of(args.kind.as_str()))
            .await?;
        Ok(found.map(|r| TenantReadView {
            kind: args.kind,
            body: r.body,
            read_at: r.read_at,
        }))
    }
}
