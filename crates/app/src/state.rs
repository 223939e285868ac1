//! The application state shared by every front end: the accounts, the signed-in session of the
//! active account, and its replica.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use outpost_platform::{PlatformClient, ServerUrl, Session};
use outpost_replica::{Replica, ReplicaError, TenantInfo, TenantScope};

use crate::accounts::{Account, AccountRegistry};
use crate::error::AppError;
use crate::vault::Vault;

/// Where Outpost keeps its files, and which server it talks to.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The app-data folder: account list and replicas. Never secrets.
    pub data_dir: PathBuf,
    /// A server given on the command line; otherwise the active account's server is used.
    pub server_url: Option<String>,
    /// True when running against the bundled devserver with demo data.
    pub demo: bool,
}

/// The signed-in account: its session on the server and its local replica.
pub(crate) struct Active {
    pub account: Account,
    pub session: Arc<Session>,
    pub replica: Arc<Mutex<Replica>>,
}

/// A sign-in waiting for its second factor. The tokens stay in memory until it is verified.
pub(crate) struct PendingSignIn {
    pub email: String,
    pub remember_me: bool,
    pub user: outpost_platform::wire::AuthUser,
    pub session: Arc<Session>,
}

pub struct App {
    config: AppConfig,
    pub(crate) registry: AccountRegistry,
    pub(crate) servers: crate::servers::ServerProfiles,
    vault: OnceLock<Result<Arc<Vault>, AppError>>,
    pub(crate) active: tokio::sync::RwLock<Option<Arc<Active>>>,
    pub(crate) pending: tokio::sync::Mutex<Option<PendingSignIn>>,
    /// One sync run at a time: a second request waits for the first rather than racing it.
    pub(crate) sync_lock: tokio::sync::Mutex<()>,
    /// Stops the sync run going on, if any (`cancel_sync`).
    pub(crate) sync_cancel: std::sync::Mutex<Option<tokio_util::sync::CancellationToken>>,
    /// How far the sync run going on has come.
    pub(crate) sync_progress: outpost_sync::ProgressCell,
    /// What the background sync's last health probe found.
    pub(crate) connectivity: crate::autosync::Connectivity,
    /// What changed, pushed to whoever listens ([`App::subscribe`]).
    pub(crate) events: crate::events::EventBus,
}

impl App {
    pub fn new(config: AppConfig) -> Result<Self, AppError> {
        if let Some(url) = &config.server_url {
            ServerUrl::parse(url)?;
        }
        Ok(Self {
            registry: AccountRegistry::new(&config.data_dir),
            servers: crate::servers::ServerProfiles::new(&config.data_dir),
            config,
            vault: OnceLock::new(),
            active: tokio::sync::RwLock::new(None),
            pending: tokio::sync::Mutex::new(None),
            sync_lock: tokio::sync::Mutex::new(()),
            sync_cancel: std::sync::Mutex::new(None),
            sync_progress: Default::default(),
            connectivity: Default::default(),
            events: Default::default(),
        })
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    /// The keyring, found on first use (the demo keeps its throw-away sign-in in memory).
    pub(crate) fn vault(&self) -> Result<Arc<Vault>, AppError> {
        self.vault
            .get_or_init(|| {
                if self.config.demo {
                    Ok(Arc::new(Vault::demo()))
                } else {
                    Vault::detect().map(Arc::new)
                }
            })
            .clone()
    }

    /// A client of the server given on the command line, else of the active account's.
    pub(crate) async fn client(&self) -> Result<PlatformClient, AppError> {
        if let Some(url) = &self.config.server_url {
            return Ok(PlatformClient::new(ServerUrl::parse(url)?)?);
        }
        match self.active_account().await? {
            Some(active) => Ok(active.session.client().clone()),
            None => Err(AppError::not_configured("a server")),
        }
    }

    /// The active account, restored from the registry and the keyring on first use.
    pub(crate) async fn active_account(&self) -> Result<Option<Arc<Active>>, AppError> {
        if let Some(active) = self.active.read().await.as_ref() {
            return Ok(Some(active.clone()));
        }
        let Some(account) = self.registry.active()? else {
            return Ok(None);
        };
        let restored = crate::session::restore(self, account).await?;
        let mut slot = self.active.write().await;
        if slot.is_none() {
            *slot = restored;
        }
        Ok(slot.clone())
    }

    /// The active account, or an error saying to sign in.
    pub(crate) async fn require_active(&self) -> Result<Arc<Active>, AppError> {
        self.active_account()
            .await?
            .ok_or_else(|| AppError::new("sign_in_required", "sign in to a server first"))
    }

    /// The tenant the active account shows and syncs.
    pub(crate) fn tenant_of(active: &Active) -> Result<String, AppError> {
        active.session.tenant().ok_or_else(|| {
            AppError::new(
                "no_active_tenant",
                "choose a tenant first (outpost tenants use ID, or the tenant switcher)",
            )
        })
    }

    /// Runs `f` on the active tenant's part of the replica: the only way commands reach records,
    /// so no command can read or write another tenant's rows. Works offline.
    pub(crate) async fn in_tenant<T>(
        &self,
        f: impl FnOnce(&TenantScope<'_>) -> Result<T, ReplicaError>,
    ) -> Result<T, AppError> {
        let active = self.require_active().await?;
        let tenant = Self::tenant_of(&active)?;
        let replica = active
            .replica
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(f(&replica.tenant(&tenant))?)
    }

    /// [`App::in_tenant`] for edits: refused up front, in words, when the user's role in the
    /// tenant cannot change anything (a guest's edit could never sync: the server answers 403).
    pub(crate) async fn in_tenant_write<T>(
        &self,
        f: impl FnOnce(&TenantScope<'_>) -> Result<T, ReplicaError>,
    ) -> Result<T, AppError> {
        self.in_tenant_as(Self::check_can_write, f).await
    }

    /// [`App::in_tenant`] for the tenant's administration (groups, invitations, approvals):
    /// refused up front, in words naming what was asked, unless the user is an owner or admin of
    /// the tenant (the platform answers anyone else 403, so the edit could never sync).
    pub(crate) async fn in_tenant_admin<T>(
        &self,
        what: &str,
        f: impl FnOnce(&TenantScope<'_>) -> Result<T, ReplicaError>,
    ) -> Result<T, AppError> {
        self.in_tenant_as(|m| Self::check_can_administer(m, what), f)
            .await
    }

    /// [`App::in_tenant`] once `allowed` accepts the user's membership of the active tenant.
    async fn in_tenant_as<T>(
        &self,
        allowed: impl FnOnce(Option<&TenantInfo>) -> Result<(), AppError>,
        f: impl FnOnce(&TenantScope<'_>) -> Result<T, ReplicaError>,
    ) -> Result<T, AppError> {
        let active = self.require_active().await?;
        let tenant = Self::tenant_of(&active)?;
        let replica = active
            .replica
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let membership = replica
            .tenants()?
            .into_iter()
            .find(|t| t.tenant_id == tenant);
        allowed(membership.as_ref())?;
        Ok(f(&replica.tenant(&tenant))?)
    }

    /// Guests read only: the platform refuses their writes.
    fn check_can_write(membership: Option<&TenantInfo>) -> Result<(), AppError> {
        match membership {
            Some(t) if t.role.as_deref() == Some("guest") => Err(AppError::new(
                "read_only",
                format!(
                    "You are a guest in {}: guests can look but not change anything here (ask an administrator for a member role)",
                    t.name
                ),
            )),
            _ => Ok(()),
        }
    }

    /// Only owners and admins administer the tenant.
    fn check_can_administer(membership: Option<&TenantInfo>, what: &str) -> Result<(), AppError> {
        match membership {
            Some(t) if matches!(t.role.as_deref(), Some("member" | "guest")) => Err(AppError::new(
                "read_only",
                format!(
                    "You are a {} in {}: only owners and admins can {what} (ask an administrator)",
                    t.role.as_deref().unwrap_or_default(),
                    t.name
                ),
            )),
            _ => Ok(()),
        }
    }

    /// [`App::in_tenant`] for long work (imports, exports): runs `f` on a blocking thread, so
    /// the async threads keep serving the UI meanwhile.
    pub(crate) async fn in_tenant_blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&TenantScope<'_>) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let active = self.require_active().await?;
        let tenant = Self::tenant_of(&active)?;
        let replica = active.replica.clone();
        tokio::task::spawn_blocking(move || {
            let r = replica
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            f(&r.tenant(&tenant))
        })
        .await
        .map_err(|e| AppError::new("internal", format!("the work stopped unexpectedly: {e}")))
    }
}
