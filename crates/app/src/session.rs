//! Building the active account's session: from a fresh sign-in, or restored from the keyring at
//! start-up. The tokens go to the keyring (remember me) or stay in memory for this run only.

use std::sync::{Arc, Mutex};

use outpost_platform::{MemoryTokens, PlatformClient, ServerUrl, Session, TokenStore};
use outpost_replica::Replica;

use crate::accounts::Account;
use crate::error::AppError;
use crate::state::{Active, App};
use crate::vault::VaultTokenStore;

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
    let replica = Replica::open(app.registry.replica_path(account_id))?;
    Ok(Arc::new(Mutex::new(replica)))
}

/// Restores the active account's session from the keyring; `None` when it has no stored
/// sign-in (not remembered, or signed out elsewhere): the user signs in again.
pub(crate) async fn restore(app: &App, account: Account) -> Result<Option<Arc<Active>>, AppError> {
    let vault = app.vault()?;
    let Some(tokens) = vault.load_tokens(&account.id)? else {
        return Ok(None);
    };
    let client = PlatformClient::new(ServerUrl::parse(&account.server_url)?)?;
    let store = Arc::new(VaultTokenStore {
        vault,
        account_id: account.id.clone(),
    });
    let session = Arc::new(Session::new(client, tokens, store));
    session.set_tenant(account.active_tenant_id.clone());
    let replica = open_replica(app, &account.id)?;
    Ok(Some(Arc::new(Active {
        account,
        session,
        replica,
    })))
}

/// Makes a verified sign-in the active account: keyring (when remembered), registry, replica.
pub(crate) async fn activate(
    app: &App,
    account: Account,
    session: &Session,
    remember_me: bool,
) -> Result<Arc<Active>, AppError> {
    let tokens = session.tokens().await;
    let store: Arc<dyn TokenStore> = if remember_me {
        let vault = app.vault()?;
        vault.save_tokens(&account.id, &tokens)?;
        Arc::new(VaultTokenStore {
            vault,
            account_id: account.id.clone(),
        })
    } else {
        // Not remembered: no stale item may stay behind from an earlier remembered sign-in.
        if let Ok(vault) = app.vault() {
            vault.delete_tokens(&account.id)?;
        }
        Arc::new(MemoryTokens)
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
