//! The OS keyring, where tokens live: Secret Service on Linux desktops, and the kernel keyring
//! where no Secret Service runs (a headless box, CI). Never a plain file: with neither available,
//! signing in is refused with a message that says why.
//!
//! One keyring item per account, named after the account id; its value holds the access token,
//! the refresh token and the expiry. Nothing here ever logs or returns the values to the UI.

use std::time::{Duration, UNIX_EPOCH};

use keyring::credential::CredentialBuilder;
use keyring::Entry;
use outpost_platform::{Secret, TokenStore, Tokens};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The keyring service name of every Outpost item.
const SERVICE: &str = "dev.outpost.desktop";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VaultBackend {
    SecretService,
    KernelKeyring,
}

pub struct Vault {
    backend: VaultBackend,
    builder: Box<CredentialBuilder>,
    /// Prefix of item names, so tests never touch a real user's items.
    namespace: String,
}

#[derive(Serialize, Deserialize)]
struct StoredTokens {
    access: String,
    refresh: String,
    expires_at_unix: u64,
}

fn builder_for(backend: VaultBackend) -> Box<CredentialBuilder> {
    match backend {
        VaultBackend::SecretService => keyring::secret_service::default_credential_builder(),
        VaultBackend::KernelKeyring => keyring::keyutils::default_credential_builder(),
    }
}

fn vault_error(what: &str, e: keyring::Error) -> AppError {
    // keyring errors name the backend's failure, never the secret.
    AppError::new("keyring", format!("the keyring could not {what}: {e}"))
}

impl Vault {
    /// Picks the backend: `$OUTPOST_KEYRING` (`secret-service` or `kernel`) if set, else the
    /// Secret Service when it answers, else the kernel keyring when it works.
    pub fn detect() -> Result<Self, AppError> {
        Self::detect_in("outpost")
    }

    /// As [`Vault::detect`], with item names under `namespace` (tests use their own).
    pub fn detect_in(namespace: &str) -> Result<Self, AppError> {
        let wanted = std::env::var("OUTPOST_KEYRING").unwrap_or_default();
        let candidates: &[VaultBackend] = match wanted.as_str() {
            "secret-service" => &[VaultBackend::SecretService],
            "kernel" => &[VaultBackend::KernelKeyring],
            "" | "auto" => &[VaultBackend::SecretService, VaultBackend::KernelKeyring],
            other => {
                return Err(AppError::new(
                    "keyring_unavailable",
                    format!("OUTPOST_KEYRING={other:?} is not a keyring Outpost knows (use secret-service or kernel)"),
                ))
            }
        };
        let mut reasons = Vec::new();
        for backend in candidates {
            let vault = Vault {
                backend: *backend,
                builder: builder_for(*backend),
                namespace: namespace.to_string(),
            };
            match vault.probe() {
                Ok(()) => return Ok(vault),
                Err(reason) => reasons.push(format!("{backend:?}: {reason}")),
            }
        }
        Err(AppError::new(
            "keyring_unavailable",
            format!(
                "no OS keyring is available to keep the sign-in safely ({}). Outpost never \
                 stores tokens in files; start a Secret Service (e.g. gnome-keyring) or run \
                 in a session with a kernel keyring.",
                reasons.join("; ")
            ),
        ))
    }

    pub fn backend(&self) -> VaultBackend {
        self.backend
    }

    fn entry(&self, name: &str) -> Result<Entry, keyring::Error> {
        let user = format!("{}:{name}", self.namespace);
        let credential = self.builder.build(None, SERVICE, &user)?;
        Ok(Entry::new_with_credential(credential))
    }

    /// A read of an item that does not exist: answers "no entry" when the backend works.
    fn probe(&self) -> Result<(), String> {
        let entry = self.entry("probe").map_err(|e| e.to_string())?;
        match entry.get_password() {
            Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }

    pub fn save_tokens(&self, account_id: &str, tokens: &Tokens) -> Result<(), AppError> {
        let stored = StoredTokens {
            access: tokens.access.expose().to_string(),
            refresh: tokens.refresh.expose().to_string(),
            expires_at_unix: tokens
                .expires_at
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        };
        let value = Secret::new(serde_json::to_string(&stored).expect("tokens encode"));
        drop(stored);
        self.entry(account_id)
            .and_then(|e| e.set_password(value.expose()))
            .map_err(|e| vault_error("store the sign-in", e))
    }

    pub fn load_tokens(&self, account_id: &str) -> Result<Option<Tokens>, AppError> {
        let entry = self
            .entry(account_id)
            .map_err(|e| vault_error("open the sign-in", e))?;
        let value = match entry.get_password() {
            Ok(v) => Secret::new(v),
            Err(keyring::Error::NoEntry) => return Ok(None),
            Err(e) => return Err(vault_error("read the sign-in", e)),
        };
        let stored: StoredTokens = serde_json::from_str(value.expose()).map_err(|_| {
            AppError::new(
                "keyring",
                "the stored sign-in is damaged; please sign in again",
            )
        })?;
        Ok(Some(Tokens {
            access: Secret::new(stored.access),
            refresh: Secret::new(stored.refresh),
            expires_at: UNIX_EPOCH + Duration::from_secs(stored.expires_at_unix),
        }))
    }

    pub fn delete_tokens(&self, account_id: &str) -> Result<(), AppError> {
        let entry = self
            .entry(account_id)
            .map_err(|e| vault_error("open the sign-in", e))?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(vault_error("delete the sign-in", e)),
        }
    }
}

/// Hands rotated tokens of one account to the vault (see `outpost_platform::Session`).
pub struct VaultTokenStore {
    pub vault: std::sync::Arc<Vault>,
    pub account_id: String,
}

impl TokenStore for VaultTokenStore {
    fn save(&self, tokens: &Tokens) -> Result<(), String> {
        self.vault
            .save_tokens(&self.account_id, tokens)
            .map_err(|e| e.message)
    }
}
