//! Building the active account's session: from a fresh sign-in, or restored from the keyring at
//! start-up (without one, the replica opens anyway and works offline). The tokens go to the
//! keyring (remember me) or stay in memory for this run only.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use outpost_platform::{MemoryTokens, PlatformClient, ServerUrl, Session, TokenStore, Tokens};
use outpost_replica::Replica;

use crate::accounts::Account;
use crate::error::AppError;
use crate::state::{Active, App};
use crate::vault::{Vault, VaultTokenStore};

/// The local id of a user's account on a server: the same every time they sign in there, so a
/// kept replica (and its outbox) is found again after signing out and back in.
pub(crate) fn account_id(server_url: &str, user_id: &str) -> String {
    let name = format!("{server_url}\n{user_id}");
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
}

pub(crate) fn open_replica(app: &App, account_id: &str) -> Result<Arc<Mutex<Replica>>, AppError> {
    let dir = app.registry.account_dir(account_id);
    std::fs::create_dir_all(&dir)
        .map_err(|e| AppError::new("storage", format!("{}: {e}", dir.display())))?;
    // The account's folder is the owner's alone, like the replica file in it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| AppError::new("storage", format!("{}: {e}", dir.display())))?;
    }
    let mut replica = Replica::open(app.registry.replica_path(account_id))?;
    // Every committed write is reported to the screens from here on (events.rs).
    app.events.watch(&mut replica)?;
    Ok(Arc::new(Mutex::new(replica)))
}

/// The keyring, or `None` where this machine has none (a container, a sandbox): then nothing is
/// remembered between runs, which is said once per process, and everything else works.
pub(crate) fn keyring(app: &App) -> Result<Option<Arc<Vault>>, AppError> {
    static SAID: AtomicBool = AtomicBool::new(false);
    match app.vault() {
        Ok(vault) => Ok(Some(vault)),
        Err(e) if e.code == "keyring_unavailable" => {
            if !SAID.swap(true, Ordering::Relaxed) {
                tracing::warn!("sign-ins will not be remembered: {}", e.message);
            }
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Opens the active account: its replica always, local-first, and its session from the
/// keyring. With no stored sign-in (not remembered, signed out elsewhere, no keyring) the
/// records can still be read and edited offline, the edits wait in the outbox, and only what
/// needs the server (a sync) asks to sign in.
pub(crate) async fn restore(app: &App, account: Account) -> Result<Option<Arc<Active>>, AppError> {
    let vault = keyring(app)?;
    let tokens = match &vault {
        Some(vault) => vault.load_tokens(&account.id)?,
        None => None,
    };
    let client = PlatformClient::new(ServerUrl::parse(&account.server_url)?)?;
    // Kept through the keyring even without a sign-in: one made by another process later is
    // picked up from there (see `Session`).
    let store: Arc<dyn TokenStore> = match vault {
        Some(vault) => Arc::new(VaultTokenStore {
            vault,
            account_id: account.id.clone(),
        }),
        None => Arc::new(MemoryTokens),
    };
    let session = Arc::new(Session::new(
        client,
        tokens.unwrap_or_else(Tokens::none),
        store,
    ));
    session.set_tenant(account.active_tenant_id.clone());
    let replica = open_replica(app, &account.id)?;
    Ok(Some(Arc::new(Active {
        account,
        session,
        replica,
    })))
}

/// Says "sign in" before a sync starts when this computer holds no sign-in for the account,
/// rather than letting its first op fail on it.
pub(crate) async fn require_sign_in(active: &Active) -> Result<(), AppError> {
    if active.session.tokens().await.is_signed_in() {
        return Ok(());
    }
    Err(AppError::new(
        "sign_in_required",
        format!(
            "sign in to sync: this computer holds no sign-in for {} (outpost login); \
             the records here can still be read and edited, and edits wait to be sent",
            active.account.email
        ),
    ))
}

/// Makes a verified sign-in the active account: keyring (when remembered), registry, replica.
pub(crate) async fn activate(
    app: &App,
    account: Account,
    session: &Session,
    remember_me: bool,
) -> Result<Arc<Active>, AppError> {
    let tokens = session.tokens().await;
    let store: Arc<dyn TokenStore> = match (remember_me, keyring(app)?) {
        (true, Some(vault)) => {
            vault.save_tokens(&account.id, &tokens)?;
            Arc::new(VaultTokenStore {
                vault,
                account_id: account.id.clone(),
            })
        }
        (false, Some(vault)) => {
            // Not remembered: no stale item may stay behind from an earlier remembered sign-in.
            vault.delete_tokens(&account.id)?;
            Arc::new(MemoryTokens)
        }
        // No keyring: this run keeps the sign-in in memory (said once by `keyring`).
        (_, None) => Arc::new(MemoryTokens),
    };
    let session = Arc::new(Session::new(session.client().clone(), tokens, store));
    session.set_tenant(account.active_tenant_id.clone());
    let replica = open_replica(app, &account.id)?;
    app.registry.upsert_active(account.clone())?;
    let active = Arc::new(Active {
        account,
        session,
        replica,
    });
    *app.active.write().await = Some(active.clone());
    // Another account may live on another server: what was known of the last one's reach is void.
    app.connectivity.reset();
    Ok(active)
}
