//! Signing in and out, accounts side by side, tenants.

use std::sync::Arc;

use outpost_platform::wire::{TenantMembership, TenantsResponse};
use outpost_platform::{PlatformClient, PlatformError, Secret, ServerUrl, Session, Tokens};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::Account;
use crate::error::AppError;
use crate::session::{account_id, activate};
use crate::state::{App, PendingSignIn};
use crate::vault::VaultBackend;

/// A tenant the signed-in user belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct TenantView {
    pub id: String,
    pub name: String,
    pub slug: Option<String>,
    /// owner, admin, manager, member, guest or system_admin.
    pub role: Option<String>,
    /// The membership's status: active, suspended, pending or invited.
    pub status: Option<String>,
    pub is_default: bool,
    /// The tenant Outpost shows and syncs now.
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingSecondFactor {
    pub email: String,
    pub server_url: String,
}

/// Who is signed in where, for the account and tenant switcher.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionState {
    pub accounts: Vec<Account>,
    pub active_account: Option<Account>,
    /// The active account has a session (its tokens are in the keyring or in memory).
    // False while its replica is open without one: records work offline, sync asks to sign in.
    pub signed_in: bool,
    pub tenants: Vec<TenantView>,
    pub active_tenant: Option<TenantView>,
    pub pending_second_factor: Option<PendingSecondFactor>,
    /// Which keyring holds the tokens, once one is in use.
    pub keyring: Option<VaultBackend>,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionStateArgs {}

/// `sign_in` arguments. Not `Debug`: the password must never reach a log line.
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignInArgs {
    pub server_url: String,
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub remember_me: bool,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignInStatus {
    SignedIn,
    SecondFactorRequired,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignInOutcome {
    pub status: SignInStatus,
    pub session: SessionState,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecondFactorMethod {
    /// A code from an authenticator app.
    Totp,
    /// One of the one-time backup codes.
    Backup,
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerifySecondFactorArgs {
    pub method: SecondFactorMethod,
    pub code: String,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CancelSignInArgs {}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SignOutCheckArgs {}

/// What signing out would leave behind.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignOutCheck {
    /// Local edits not yet on the server (pending, failed or in conflict), all tenants.
    pub unsynced_edits: u32,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignOutArgs {
    /// Delete the local replica too. Unsynced edits are then lost.
    pub wipe_replica: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignOutReport {
    /// The server revoked the session (false when it could not be reached).
    pub revoked_on_server: bool,
    pub replica_wiped: bool,
    pub unsynced_edits: u32,
    pub session: SessionState,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UseAccountArgs {
    pub account_id: String,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListTenantsArgs {
    /// Ask the server for the current list (else the list kept in the replica).
    #[serde(default)]
    pub refresh: bool,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TenantArgs {
    pub tenant_id: String,
}

fn sign_in_error(e: PlatformError) -> AppError {
    match e.status() {
        Some(401) => AppError::new("wrong_credentials", "the email or the password is wrong"),
        _ => e.into(),
    }
}

fn membership_values(tenants: &TenantsResponse) -> Vec<serde_json::Value> {
    tenants
        .data
        .iter()
        .map(|m| serde_json::to_value(m).expect("membership encodes"))
        .collect()
}

fn is_usable(m: &TenantMembership) -> bool {
    m.status.as_deref().is_none_or(|s| s == "active")
}

/// The tenant to show after sign-in: the one used last, else the server's active one, else
/// the default, else the first usable one.
fn choose_tenant(previous: Option<&str>, tenants: &TenantsResponse) -> Option<String> {
    let usable = |id: &str| {
        tenants
            .data
            .iter()
            .any(|m| m.tenant_id == id && is_usable(m))
    };
    [
        previous,
        tenants.active_tenant_id.as_deref(),
        tenants.default_tenant_id.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find(|id| usable(id))
    .map(str::to_string)
    .or_else(|| {
        tenants
            .data
            .iter()
            .find(|m| is_usable(m))
            .map(|m| m.tenant_id.clone())
    })
}

impl App {
    pub async fn session_state(&self, _: SessionStateArgs) -> Result<SessionState, AppError> {
        let (accounts, _) = self.registry.list()?;
        let active_account = self.registry.active()?;
        let active = self.active_account().await?;
        let mut tenants = Vec::new();
        let mut active_tenant = None;
        if let Some(active) = &active {
            let current = active.session.tenant();
            let replica = crate::locks::held(&active.replica);
            for t in replica.tenants()? {
                let view = TenantView {
                    active: current.as_deref() == Some(t.tenant_id.as_str()),
                    id: t.tenant_id,
                    name: t.name,
                    slug: t.slug,
                    role: t.role,
                    status: t.status,
                    is_default: t.is_default,
                };
                if view.active {
                    active_tenant = Some(view.clone());
                }
                tenants.push(view);
            }
        }
        let pending_second_factor =
            self.pending
                .lock()
                .await
                .as_ref()
                .map(|p| PendingSecondFactor {
                    email: p.email.clone(),
                    server_url: p.session.client().base_url().to_string(),
                });
        let keyring = if active.is_some() {
            self.vault().ok().map(|v| v.backend())
        } else {
            None
        };
        // An account opened without a sign-in (after a restart with nothing remembered) shows
        // its records but is not signed in.
        let signed_in = match &active {
            Some(active) => active.session.tokens().await.is_signed_in(),
            None => false,
        };
        Ok(SessionState {
            accounts,
            active_account,
            signed_in,
            tenants,
            active_tenant,
            pending_second_factor,
            keyring,
        })
    }

    pub async fn sign_in(&self, args: SignInArgs) -> Result<SignInOutcome, AppError> {
        let url = ServerUrl::parse(&args.server_url)?;
        let client = PlatformClient::new(url)?;
        let password = Secret::new(args.password);
        if args.email.trim().is_empty() {
            return Err(AppError::new("validation", "the email is empty")
                .with_details(serde_json::json!({ "field": "email" })));
        }
        let login = client
            .login(args.email.trim(), &password, args.remember_me)
            .await
            .map_err(sign_in_error)?;
        drop(password);
        // Until the second factor is known to be done, the tokens stay in memory only.
        let session = Arc::new(Session::new(
            client,
            Tokens::new(login.access_token, login.refresh_token, login.expires_in),
            Arc::new(outpost_platform::MemoryTokens),
        ));
        session.set_tenant(Some(login.user.tenant_id.clone()));
        let pending = PendingSignIn {
            email: args.email.trim().to_string(),
            remember_me: args.remember_me,
            user: login.user,
            session,
        };
        match pending.session.tenants().await {
            Ok(tenants) => self.finish_sign_in(pending, tenants).await,
            Err(e) if e.code() == "two_factor_required" => {
                *self.pending.lock().await = Some(pending);
                Ok(SignInOutcome {
                    status: SignInStatus::SecondFactorRequired,
                    session: self.session_state(SessionStateArgs {}).await?,
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn verify_second_factor(
        &self,
        args: VerifySecondFactorArgs,
    ) -> Result<SignInOutcome, AppError> {
        let mut slot = self.pending.lock().await;
        let pending = slot.as_ref().ok_or_else(|| {
            AppError::new(
                "no_pending_sign_in",
                "there is no sign-in waiting for a code",
            )
        })?;
        let code = args.code.trim().replace(' ', "");
        let result = match args.method {
            SecondFactorMethod::Totp => pending
                .session
                .verify_two_factor("totp", &code)
                .await
                .map(|v| v.verified),
            SecondFactorMethod::Backup => {
                pending.session.use_backup_code(&code).await.map(|v| v.used)
            }
        };
        match result {
            Ok(true) => {}
            Ok(false) => {
                return Err(AppError::new("wrong_code", "the code was not accepted"));
            }
            Err(e) if matches!(e.status(), Some(400 | 401 | 403 | 422)) => {
                let why = match &e {
                    PlatformError::Api { body, .. } => body.message.clone(),
                    other => other.to_string(),
                };
                return Err(AppError::new(
                    "wrong_code",
                    format!("the code was not accepted: {why}"),
                ));
            }
            Err(e) => return Err(e.into()),
        }
        let pending = slot.take().expect("checked above");
        drop(slot);
        let tenants = pending.session.tenants().await?;
        self.finish_sign_in(pending, tenants).await
    }

    pub async fn cancel_sign_in(&self, _: CancelSignInArgs) -> Result<SessionState, AppError> {
        if let Some(pending) = self.pending.lock().await.take() {
            // Best effort: the server forgets the half-finished session.
            let _ = pending.session.logout().await;
        }
        self.session_state(SessionStateArgs {}).await
    }

    async fn finish_sign_in(
        &self,
        pending: PendingSignIn,
        tenants: TenantsResponse,
    ) -> Result<SignInOutcome, AppError> {
        let server_url = pending.session.client().base_url().to_string();
        let id = account_id(&server_url, &pending.user.id);
        let previous = self.registry.get(&id)?;
        let tenant = choose_tenant(
            previous
                .as_ref()
                .and_then(|a| a.active_tenant_id.as_deref()),
            &tenants,
        )
        .ok_or_else(|| {
            AppError::new(
                "no_active_tenant",
                "this user has no active tenant on the server (suspended, pending or invited only)",
            )
        })?;
        let account = Account {
            id,
            server_url,
            email: pending.user.email.clone(),
            user_id: pending.user.id.clone(),
            display_name: pending.user.display_name.clone(),
            active_tenant_id: Some(tenant),
            created_at: previous
                .map(|a| a.created_at)
                .unwrap_or_else(|| chrono::Utc::now().to_rfc3339()),
        };
        let active = activate(self, account, &pending.session, pending.remember_me).await?;
        // The demo's server lives on a new port each launch: not worth a profile.
        if !self.config().demo {
            if let Err(e) = self.servers.remember(pending.session.client().base_url()) {
                tracing::warn!("the server could not be added to the server profiles: {e}");
            }
        }
        crate::locks::held(&active.replica).replace_tenants(&membership_values(&tenants))?;
        Ok(SignInOutcome {
            status: SignInStatus::SignedIn,
            session: self.session_state(SessionStateArgs {}).await?,
        })
    }

    pub async fn sign_out_check(&self, _: SignOutCheckArgs) -> Result<SignOutCheck, AppError> {
        let active = self.require_active().await?;
        let unsynced = unsynced_edits(&crate::locks::held(&active.replica))?;
        Ok(SignOutCheck {
            unsynced_edits: unsynced,
        })
    }

    pub async fn sign_out(&self, args: SignOutArgs) -> Result<SignOutReport, AppError> {
        let active = self.require_active().await?;
        let unsynced = unsynced_edits(&crate::locks::held(&active.replica))?;
        let revoked_on_server = active.session.logout().await.is_ok();
        // Without a keyring there is nothing stored to delete.
        if let Some(vault) = crate::session::keyring(self)? {
            vault.delete_tokens(&active.account.id)?;
        }
        *self.active.write().await = None;
        self.connectivity.reset();
        let account_id = active.account.id.clone();
        // Last handle: the replica file closes before its folder goes.
        drop(active);
        self.registry.remove(&account_id, args.wipe_replica)?;
        Ok(SignOutReport {
            revoked_on_server,
            replica_wiped: args.wipe_replica,
            unsynced_edits: unsynced,
            session: self.session_state(SessionStateArgs {}).await?,
        })
    }

    pub async fn use_account(&self, args: UseAccountArgs) -> Result<SessionState, AppError> {
        self.registry.set_active(Some(&args.account_id))?;
        *self.active.write().await = None;
        self.connectivity.reset();
        self.session_state(SessionStateArgs {}).await
    }

    pub async fn list_tenants(&self, args: ListTenantsArgs) -> Result<Vec<TenantView>, AppError> {
        let active = self.require_active().await?;
        if args.refresh {
            let tenants = active.session.tenants().await?;
            crate::locks::held(&active.replica).replace_tenants(&membership_values(&tenants))?;
        }
        Ok(self.session_state(SessionStateArgs {}).await?.tenants)
    }

    /// Switches the tenant everything shows and syncs. Works offline: the replica has the data,
    /// and every request names its tenant anyway (`X-Tenant-ID`).
    pub async fn use_tenant(&self, args: TenantArgs) -> Result<SessionState, AppError> {
        let active = self.require_active().await?;
        let known = crate::locks::held(&active.replica)
            .tenants()?
            .into_iter()
            .find(|t| t.tenant_id == args.tenant_id)
            .ok_or_else(|| {
                AppError::new(
                    "not_found",
                    format!("you are not a member of tenant {:?}", args.tenant_id),
                )
            })?;
        if known.status.as_deref().is_some_and(|s| s != "active") {
            return Err(AppError::new(
                "tenant_unavailable",
                format!(
                    "your membership in {} is {}; it cannot be opened",
                    known.name,
                    known.status.as_deref().unwrap_or("unknown")
                ),
            ));
        }
        // A run going on acts in the tenant it started in (each of its requests carries it),
        // but the window would show its progress under the new tenant. The switch stops it (its
        // unsent edits wait; one cut off in flight is checked for a lost create on the next run),
        // waits for it to end, and no run starts until the switch is done.
        if let Some(run) = self
            .sync_cancel
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
        {
            run.cancel();
        }
        {
            let _no_run = self.sync_lock.lock().await;
            match active.session.switch_tenant(&args.tenant_id).await {
                Ok(_) => {}
                Err(e) if e.is_transient() => {}
                Err(e) => return Err(e.into()),
            }
            active.session.set_tenant(Some(args.tenant_id.clone()));
            self.registry
                .set_tenant(&active.account.id, Some(&args.tenant_id))?;
        }
        self.session_state(SessionStateArgs {}).await
    }

    pub async fn set_default_tenant(&self, args: TenantArgs) -> Result<Vec<TenantView>, AppError> {
        let active = self.require_active().await?;
        active.session.set_default_tenant(&args.tenant_id).await?;
        self.list_tenants(ListTenantsArgs { refresh: true }).await
    }
}

/// Unfinished local edits across every tenant of the replica.
fn unsynced_edits(replica: &outpost_replica::Replica) -> Result<u32, AppError> {
    let mut total = 0;
    for tenant in replica.tenants()? {
        let s = replica.tenant(&tenant.tenant_id).outbox_summary()?;
        total += s.pending + s.in_flight + s.failed + s.conflict;
    }
    Ok(total)
}
