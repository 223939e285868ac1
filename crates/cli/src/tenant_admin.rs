//! `outpost tenants show|edit|activate|suspend|reactivate|archive|upgrade|history|settings|
//! metrics|settings|rate-limits|domains`: the active tenant itself. Edits and lifecycle moves go to the
//! replica and its outbox at once (owners and admins only); `outpost sync` sends them. What is
//! read of the tenant (history, settings, metrics, ...) is shown as the last sync read it, with
//! when.

use clap::{Args, Subcommand};
use outpost_app::commands::tenant_admin::{
    AddDomainArgs, ChangeTenantSettingsArgs, CreateRateLimitArgs, DomainIdArgs, GetTenantArgs,
    ListDomainsArgs, ListRateLimitsArgs, ListTenantSettingsArgs, MoveTenantArgs, RateLimitIdArgs,
    ResetTenantSettingsArgs, TenantMove, TenantReadArgs, TenantReadKind, TenantReadView,
    UpdateDomainArgs, UpdateRateLimitArgs, UpdateTenantArgs,
};
use outpost_app::{App, AppError};
use outpost_model::enums::{SettingsCategory, TenantPlan, UpgradePlan};
use outpost_replica::Fields;
use serde_json::json;

use crate::fields::{put, set_pairs};
use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum TenantAdminCommand {
    /// The active tenant's details, as the last sync read them
    Show,
    /// Change the active tenant's details (offline; owners and admins)
    Edit(TenantFieldArgs),
    /// Activate the tenant: pending → active, or inactive → active (offline)
    Activate(ReasonArg),
    /// Suspend the tenant: active → inactive (offline)
    Suspend(ReasonArg),
    /// Reactivate a suspended tenant: inactive → active (offline)
    Reactivate(ReasonArg),
    /// Archive a suspended tenant: inactive → retired (offline)
    Archive(ReasonArg),
    /// Upgrade the tenant's plan: trial → paid → enterprise (offline)
    Upgrade {
        /// The plan it goes to: paid or enterprise
        #[arg(long = "to")]
        to: String,
        #[command(flatten)]
        reason: ReasonArg,
    },
    /// The tenant's lifecycle moves, newest first
    History,
    /// The tenant's settings by category, changed offline (owners and admins)
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// The tenant's counts now and its quota warnings
    Metrics {
        /// The counts of each of the last 30 days instead
        #[arg(long, conflicts_with = "monthly")]
        daily: bool,
        /// The counts of each of the last 12 months instead
        #[arg(long)]
        monthly: bool,
    },
    /// The tenant's rate limits (edits offline; owners and admins)
    #[command(subcommand)]
    RateLimits(RateLimitsCommand),
    /// The tenant's custom domains (edits offline; owners and admins)
    #[command(subcommand)]
    Domains(DomainsCommand),
}

#[derive(Subcommand, Debug)]
pub enum SettingsCommand {
    /// Every category with its values
    Ls,
    /// Every settings change, newest first, as the last sync read them
    History,
    /// Change keys of a category: KEY=VALUE (VALUE read as JSON when it is)
    Set {
        /// general, limits, integrations, notifications or security
        category: String,
        /// The keys that change
        #[arg(required = true, value_name = "KEY=VALUE")]
        pairs: Vec<String>,
    },
    /// Reset a category to the defaults of a plan (the tenant's own when left out)
    Reset {
        category: String,
        /// trial, paid, enterprise or system
        #[arg(long)]
        plan: Option<String>,
    },
}

fn category(text: &str) -> Result<SettingsCategory, AppError> {
    SettingsCategory::parse(text).ok_or_else(|| {
        AppError::new(
            "invalid",
            format!(
                "category: {text:?} is not one of {}",
                SettingsCategory::NAMES.join(", ")
            ),
        )
    })
}

async fn settings(app: &App, cmd: SettingsCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        SettingsCommand::Ls => {
            let all = app.list_tenant_settings(ListTenantSettingsArgs {}).await?;
            if out.json {
                out.print_json(json!(all));
                return Ok(());
            }
            if all.is_empty() {
                println!("Not synced yet: `outpost sync` reads the settings (owners and admins).");
            }
            for r in &all {
                println!(
                    "{}{}",
                    r.fields["category"].as_str().unwrap_or(""),
                    crate::output_records::pending_mark(r.has_pending_ops)
                );
                if let Some(values) = r.fields["settings"].as_object() {
                    for (k, v) in values {
                        println!("  {k}: {v}");
                    }
                }
            }
        }
        SettingsCommand::History => read(app, TenantReadKind::SettingsHistory, out).await?,
        SettingsCommand::Set { category: c, pairs } => {
            let mut settings = Fields::new();
            set_pairs(&mut settings, &pairs)?;
            let changed = app
                .change_tenant_settings(ChangeTenantSettingsArgs {
                    category: category(&c)?,
                    settings,
                })
                .await?;
            out.saved("Changed", &changed);
        }
        SettingsCommand::Reset { category: c, plan } => {
            let tenant_type = match plan {
                Some(p) => Some(TenantPlan::parse(&p).ok_or_else(|| {
                    AppError::new(
                        "invalid",
                        format!(
                            "tenant_type: {p:?} is not one of {}",
                            TenantPlan::NAMES.join(", ")
                        ),
                    )
                })?),
                None => None,
            };
            let reset = app
                .reset_tenant_settings(ResetTenantSettingsArgs {
                    category: category(&c)?,
                    tenant_type,
                })
                .await?;
            out.saved("Queued reset of", &reset);
        }
    }
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum DomainsCommand {
    /// List the custom domains and where each stands
    Ls,
    /// Add a custom domain (offline; the next sync sends it)
    Add {
        /// The host name (no protocol, no path)
        domain: String,
        /// cname, txt or http (cname when left out)
        #[arg(long)]
        method: Option<String>,
    },
    /// Change a domain's name or verification method (offline)
    Edit {
        /// Local or server id
        id: String,
        #[arg(long)]
        domain: Option<String>,
        #[arg(long)]
        method: Option<String>,
    },
    /// Verify a domain at the next sync
    Verify {
        /// Local or server id
        id: String,
    },
    /// Remove a domain (offline)
    Rm {
        /// Local or server id
        id: String,
    },
}

async fn domains(app: &App, cmd: DomainsCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        DomainsCommand::Ls => {
            let all = app.list_domains(ListDomainsArgs {}).await?;
            if out.json {
                out.print_json(json!(all));
                return Ok(());
            }
            if all.is_empty() {
                println!("No custom domains.");
            }
            for d in &all {
                println!(
                    "{}  {}  {}{}",
                    d.server_id.as_deref().unwrap_or(&d.local_id),
                    d.fields["domain"].as_str().unwrap_or(""),
                    d.fields["status"].as_str().unwrap_or("not sent yet"),
                    crate::output_records::pending_mark(d.has_pending_ops)
                );
            }
        }
        DomainsCommand::Add { domain, method } => {
            let mut fields = Fields::new();
            fields.insert("domain".into(), json!(domain));
            fields.insert("domain_type".into(), json!("api"));
            put(&mut fields, "verification_method", &method);
            out.saved("Added", &app.add_domain(AddDomainArgs { fields }).await?);
        }
        DomainsCommand::Edit { id, domain, method } => {
            let mut fields = Fields::new();
            put(&mut fields, "domain", &domain);
            put(&mut fields, "verification_method", &method);
            out.saved(
                "Changed",
                &app.update_domain(UpdateDomainArgs { id, fields }).await?,
            );
        }
        DomainsCommand::Verify { id } => out.saved(
            "Queued verification of",
            &app.verify_domain(DomainIdArgs { id }).await?,
        ),
        DomainsCommand::Rm { id } => {
            app.delete_domain(DomainIdArgs { id }).await?;
            out.done("Removed; the next `outpost sync` removes it on the server.");
        }
    }
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum RateLimitsCommand {
    /// List the rate limits
    Ls,
    /// Add a rate limit (offline; the next sync sends it)
    Add(RateLimitFieldArgs),
    /// Change a rate limit (offline)
    Edit {
        /// Local or server id
        id: String,
        #[command(flatten)]
        fields: RateLimitFieldArgs,
    },
    /// Remove a rate limit (offline)
    Rm {
        /// Local or server id
        id: String,
    },
}

#[derive(Args, Debug)]
pub struct RateLimitFieldArgs {
    /// The endpoints it applies to (a path pattern)
    #[arg(long)]
    pattern: Option<String>,
    /// At most this many requests…
    #[arg(long = "max")]
    max_requests: Option<u64>,
    /// …in this many seconds
    #[arg(long = "window")]
    window_seconds: Option<u64>,
    /// per_ip, per_user, per_device, per_app_account or per_tenant
    #[arg(long)]
    scope: Option<String>,
    /// Whether it applies (true or false)
    #[arg(long)]
    enabled: Option<bool>,
}

impl RateLimitFieldArgs {
    fn fields(&self) -> Fields {
        let mut fields = Fields::new();
        put(&mut fields, "endpoint_pattern", &self.pattern);
        if let Some(n) = self.max_requests {
            fields.insert("max_requests".into(), json!(n));
        }
        if let Some(n) = self.window_seconds {
            fields.insert("window_seconds".into(), json!(n));
        }
        put(&mut fields, "scope_type", &self.scope);
        if let Some(on) = self.enabled {
            fields.insert("enabled".into(), json!(on));
        }
        fields
    }
}

async fn rate_limits(app: &App, cmd: RateLimitsCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        RateLimitsCommand::Ls => {
            let all = app.list_rate_limits(ListRateLimitsArgs {}).await?;
            if out.json {
                out.print_json(json!(all));
                return Ok(());
            }
            if all.is_empty() {
                println!("No rate limits.");
            }
            for r in &all {
                let f = &r.fields;
                println!(
                    "{}  {} at most {} per {} s {}{}",
                    r.server_id.as_deref().unwrap_or(&r.local_id),
                    f["endpoint_pattern"].as_str().unwrap_or(""),
                    f["max_requests"],
                    f["window_seconds"],
                    f["scope_type"].as_str().unwrap_or(""),
                    crate::output_records::pending_mark(r.has_pending_ops)
                );
            }
        }
        RateLimitsCommand::Add(fields) => {
            let fields = fields.fields();
            out.saved(
                "Added",
                &app.create_rate_limit(CreateRateLimitArgs { fields })
                    .await?,
            )
        }
        RateLimitsCommand::Edit { id, fields } => {
            let fields = fields.fields();
            out.saved(
                "Changed",
                &app.update_rate_limit(UpdateRateLimitArgs { id, fields })
                    .await?,
            )
        }
        RateLimitsCommand::Rm { id } => {
            app.delete_rate_limit(RateLimitIdArgs { id }).await?;
            out.done("Removed; the next `outpost sync` removes it on the server.");
        }
    }
    Ok(())
}

#[derive(Args, Debug)]
pub struct ReasonArg {
    /// Why (at most 500 characters; kept in the lifecycle history)
    #[arg(long)]
    reason: Option<String>,
}

#[derive(Args, Debug)]
pub struct TenantFieldArgs {
    /// Its name (2 to 255 characters)
    #[arg(long)]
    name: Option<String>,
    /// Its domain (lowercase letters, digits and hyphens)
    #[arg(long)]
    domain: Option<String>,
    /// A further language (ISO 639-1); repeat for several; replaces the list
    #[arg(long = "language")]
    languages: Vec<String>,
    /// Any other field of the seed's PATCH, as NAME=VALUE (VALUE read as JSON when it is)
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
}

impl TenantFieldArgs {
    fn fields(&self) -> Result<Fields, AppError> {
        let mut fields = Fields::new();
        put(&mut fields, "name", &self.name);
        put(&mut fields, "domain", &self.domain);
        if !self.languages.is_empty() {
            fields.insert("additional_languages".into(), json!(self.languages));
        }
        set_pairs(&mut fields, &self.set)?;
        Ok(fields)
    }
}

fn plan(text: &str) -> Result<UpgradePlan, AppError> {
    UpgradePlan::parse(text).ok_or_else(|| {
        AppError::new(
            "invalid",
            format!(
                "--to {text:?}: target_type must be one of {}",
                UpgradePlan::NAMES.join(", ")
            ),
        )
    })
}

async fn lifecycle(
    app: &App,
    action: TenantMove,
    reason: ReasonArg,
    target_type: Option<UpgradePlan>,
    out: Output,
) -> Result<(), AppError> {
    let moved = app
        .move_tenant(MoveTenantArgs {
            action,
            reason: reason.reason,
            target_type,
        })
        .await?;
    let verb = format!("Queued {} of", action.as_str());
    out.saved(&verb, &moved);
    Ok(())
}

async fn read(app: &App, kind: TenantReadKind, out: Output) -> Result<(), AppError> {
    let found = app.tenant_read(TenantReadArgs { kind }).await?;
    out.tenant_read(kind, found.as_ref());
    Ok(())
}

pub async fn run(app: &App, cmd: TenantAdminCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        TenantAdminCommand::Show => match app.get_tenant(GetTenantArgs {}).await? {
            Some(t) => out.record(&t),
            None if out.json => out.print_json(json!(null)),
            None => println!("Not synced yet: `outpost sync` reads the tenant."),
        },
        TenantAdminCommand::Edit(fields) => {
            let fields = fields.fields()?;
            out.saved(
                "Changed",
                &app.update_tenant(UpdateTenantArgs { fields }).await?,
            )
        }
        TenantAdminCommand::Activate(r) => {
            lifecycle(app, TenantMove::Activate, r, None, out).await?
        }
        TenantAdminCommand::Suspend(r) => lifecycle(app, TenantMove::Suspend, r, None, out).await?,
        TenantAdminCommand::Reactivate(r) => {
            lifecycle(app, TenantMove::Reactivate, r, None, out).await?
        }
        TenantAdminCommand::Archive(r) => lifecycle(app, TenantMove::Archive, r, None, out).await?,
        TenantAdminCommand::Upgrade { to, reason } => {
            lifecycle(app, TenantMove::Upgrade, reason, Some(plan(&to)?), out).await?
        }
        TenantAdminCommand::History => read(app, TenantReadKind::LifecycleHistory, out).await?,
        TenantAdminCommand::Settings(cmd) => settings(app, cmd, out).await?,
        TenantAdminCommand::Metrics { daily, monthly } => match (daily, monthly) {
            (true, _) => read(app, TenantReadKind::MetricsDaily, out).await?,
            (_, true) => read(app, TenantReadKind::MetricsMonthly, out).await?,
            _ if out.json => {
                let snapshot = app
                    .tenant_read(TenantReadArgs {
                        kind: TenantReadKind::MetricsSnapshot,
                    })
                    .await?;
                let quotas = app
                    .tenant_read(TenantReadArgs {
                        kind: TenantReadKind::QuotaWarnings,
                    })
                    .await?;
                out.print_json(json!({ "snapshot": snapshot, "quotaWarnings": quotas }));
            }
            _ => {
                read(app, TenantReadKind::MetricsSnapshot, out).await?;
                read(app, TenantReadKind::QuotaWarnings, out).await?;
            }
        },
        TenantAdminCommand::RateLimits(cmd) => rate_limits(app, cmd, out).await?,
        TenantAdminCommand::Domains(cmd) => domains(app, cmd, out).await?,
    }
    Ok(())
}

impl Output {
    /// A document read of the tenant, with when it was read; lifecycle history as lines.
    pub fn tenant_read(&self, kind: TenantReadKind, read: Option<&TenantReadView>) {
        if self.json {
            return self.print_json(json!(read));
        }
        let Some(read) = read else {
            println!(
                "Never read: `outpost sync` reads it (owners and admins read the administration)."
            );
            return;
        };
        println!("As read at {}:", read.read_at);
        match (kind, read.body.as_array()) {
            (TenantReadKind::LifecycleHistory, Some(moves)) => {
                if moves.is_empty() {
                    println!("  no lifecycle moves");
                }
                for m in moves {
                    let text = |k: &str| m[k].as_str().unwrap_or("").to_string();
                    let reason = m["reason"]
                        .as_str()
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default();
                    println!(
                        "  {}  {}: {} → {}{reason}",
                        text("created_at"),
                        text("action"),
                        text("from_status"),
                        text("to_status")
                    );
                }
            }
            _ => println!(
                "{}",
                serde_json::to_string_pretty(&read.body).expect("JSON encodes")
            ),
        }
    }
}
