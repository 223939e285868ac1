//! The OS keyring, where tokens live: Secret Service on Linux desktops, and the kernel keyring
//! where no Secret Service runs (a headless box, CI). Never a plain file: with neither available,
//! signing in is refused with a message that says why.
//!
//! One keyring item per account, named after the account id; its value holds the access token,
//! the refresh token and the expiry. Nothing here ever logs or returns the values to the UI.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, UNIX_EPOCH};

use keyring::credential::CredentialBuilder;
use keyring::Entry;
use outpost_platform::{Secret, TokenStore, Tokens};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The keyring service name of every Outpost item.
const SERVICE: &str = "dev.outpost.desktop";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum VaultBackend {
    SecretService,
    KernelKeyring,
    /// Memory only, for the demo: its devserver and data vanish when the app closes, and so
    /// should its sign-in.
    DemoMemory,
}

enum Store {
    Keyring(Box<CredentialBuilder>),
    Memory(Mutex<HashMap<String, Secret>>),
}

pub struct Vault {
    backend: VaultBackend,
    store: Store,
    /// Prefix of item names, so tests never touch a real user's items.
    namespace: String,
}

#[derive(Serialize, Deserialize)]
struct StoredTokens {
    access: String,
    refresh: String,
    expires_at_unix: u64,
}

fn builder_for(backend: VaultBackend) -> Store {
    match backend {
        VaultBackend::SecretService => {
            Store::Keyring(keyring::secret_service::default_credential_builder())
        }
        VaultBackend::KernelKeyring => {
            Store::Keyring(keyring::keyutils::default_credential_builder())
        }
        VaultBackend::DemoMemory => Store::Memory(Mutex::new(HashMap::new())),
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
                store: builder_for(*backend),
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

    /// A vault on one backend, checked to work.
    pub fn open(backend: VaultBackend, namespace: &str) -> Result<Self, AppError> {
        let vault = Vault {
            backend,
            store: builder_for(backend),
            namespace: namespace.to_string(),
        };
        vault.probe().map_err(|reason| {
            AppError::new(
                "keyring_unavailable",
                format!("the {backend:?} keyring does not work here: {reason}"),
            )
        })?;
        Ok(vault)
    }

    /// The demo's vault: memory only (see [`VaultBackend::DemoMemory`]).
    pub fn demo() -> Self {
        Vault {
            backend: VaultBackend::DemoMemory,
            store: builder_for(VaultBackend::DemoMemory),
            namespace: "demo".into(),
        }
    }

    pub fn backend(&self) -> VaultBackend {
        self.backend
    }

    fn key(&self, name: &str) -> String {
        format!("{}:{name}", self.namespace)
    }

    fn entry(&self, builder: &CredentialBuilder, name: &str) -> Result<Entry, keyring::Error> {
        let credential = builder.build(None, SERVICE, &self.key(name))?;
        Ok(Entry::new_with_credential(credential))
    }

    fn set(&self, name: &str, value: &Secret) -> Result<(), keyring::Error> {
        match &self.store {
            Store::Keyring(b) => self.entry(b.as_ref(), name)?.set_password(value.expose()),
            Store::Memory(m) => {
                m.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(self.key(name), value.clone());
                Ok(())
            }
        }
    }

    fn get(&self, name: &str) -> Result<Secret, keyring::Error> {
        match &self.store {
            Store::Keyring(b) => self
                .entry(b.as_ref(), name)?
                .get_password()
                .map(Secret::new),
            Store::Memory(m) => m
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&self.key(name))
                .cloned()
                .ok_or(keyring::Error::NoEntry),
        }
    }

    fn delete(&self, name: &str) -> Result<(), keyring::Error> {
        match &self.store {
            Store::Keyring(b) => self.entry(b.as_ref(), name)?.delete_credential(),
            Store::Memory(m) => m
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&self.key(name))
                .map(|_| ())
                .ok_or(keyring::Error::NoEntry),
        }
    }

    /// A read of an item that does not exist: answers "no entry" when the backend works.
    fn probe(&self) -> Result<(), String> {
        match self.get("probe") {
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
        self.set(account_id, &value)
            .map_err(|e| vault_error("store the sign-in", e))
    }

    pub fn load_tokens(&self, account_id: &str) -> Result<Option<Tokens>, AppError> {
        let value = match self.get(account_id) {
            Ok(v) => v,
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
            // A damaged expiry no clock can hold means "refresh now", not a panic.
            expires_at: UNIX_EPOCH
                .checked_add(Duration::from_secs(stored.expires_at_unix))
                .unwrap_or(UNIX_EPOCH),
        }))
    }

    pub fn delete_tokens(&self, account_id: &str) -> Result<(), AppError> {
        match self.delete(account_id) {
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

    /// Another process of this account may have rotated the pair: the keyring has its pair.
    fn load(&self) -> Option<Tokens> {
        self.vault.load_tokens(&self.account_id).ok().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(vault: &Vault) {
        let account = format!("test-{}", uuid::Uuid::now_v7());
        assert!(vault.load_tokens(&account).unwrap().is_none());
        let tokens = Tokens::new(Secret::new("acc-123"), Secret::new("ref-456"), 900);
        vault.save_tokens(&account, &tokens).unwrap();
        let back = vault.load_tokens(&account).unwrap().unwrap();
        assert_eq!(back.access.expose(), "acc-123");
        assert_eq!(back.refresh.expose(), "ref-456");
        let drift = back
            .expires_at
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
            .abs_diff(
                tokens
                    .expires_at
                    .duration_since(UNIX_EPOCH)
                    .unwrap()
                    .as_secs(),
            );
        assert!(drift <= 1);
        // Rotation overwrites.
        vault
            .save_tokens(
                &account,
                &Tokens::new(Secret::new("acc-2"), Secret::new("ref-2"), 900),
            )
            .unwrap();
        assert_eq!(
            vault
                .load_tokens(&account)
                .unwrap()
                .unwrap()
                .refresh
                .expose(),
            "ref-2"
        );
        vault.delete_tokens(&account).unwrap();
        assert!(vault.load_tokens(&account).unwrap().is_none());
        vault.delete_tokens(&account).unwrap();
    }

    #[test]
    fn kernel_keyring_round_trip() {
        round_trip(&Vault::open(VaultBackend::KernelKeyring, "outpost-test").unwrap());
    }

    /// scripts/test.sh runs the Rust tests inside a D-Bus session with an unlocked
    /// gnome-keyring (scripts/with-keyring.sh), so the Secret Service is there.
    #[test]
    fn secret_service_round_trip() {
        round_trip(&Vault::open(VaultBackend::SecretService, "outpost-test").unwrap());
    }

    #[test]
    fn demo_memory_round_trip() {
        round_trip(&Vault::demo());
    }

    #[test]
    fn an_unknown_backend_name_is_refused_plainly() {
        // Set for this process only: nextest runs each test in its own process.
        std::env::set_var("OUTPOST_KEYRING", "plaintext-file");
        let err = Vault::detect().err().unwrap();
        assert_eq!(err.code, "keyring_unavailable");
        assert!(err.message.contains("plaintext-file"));
    }
}
