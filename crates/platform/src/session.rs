//! A signed-in session: every `/secure` call carries the access token and the tenant. The token is
//! refreshed shortly before it expires and once on a 401; the refresh token rotates, and each new
//! pair is handed to the [`TokenStore`] (the OS keyring) before it is used, so a crash never
//! leaves the keyring with a refresh token the server has already retired. A refresh that fails
//! means "sign in again"; nothing local is touched.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::sync::Mutex;

use crate::client::{decode, Call, PlatformClient};
use crate::error::PlatformError;
use crate::secret::Secret;
use crate::wire::{
    BackupCodeUsed, MeResponse, SuccessEnvelope, SwitchTenantResponse, TenantsResponse,
    TwoFactorVerified,
};

/// Refresh this long before the access token expires, so a request never races the expiry.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);
/// How long, and how often, a refused refresh looks for a pair a sibling process stored.
const SIBLING_WAIT: Duration = Duration::from_millis(200);
const SIBLING_WAITS: u32 = 5;
/// The longest an access token is believed to live, whatever `expiresIn` says.
const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(365 * 24 * 3600);

/// An access and refresh token pair and when the access token expires.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access: Secret,
    pub refresh: Secret,
    pub expires_at: SystemTime,
}

impl Tokens {
    /// `expires_in_secs` comes from the server: a number no clock can hold means "a year",
    /// never a panic (the token is refreshed on its first 401 anyway).
    pub fn new(access: Secret, refresh: Secret, expires_in_secs: u64) -> Self {
        let now = SystemTime::now();
        let lifetime = Duration::from_secs(expires_in_secs).min(MAX_TOKEN_LIFETIME);
        Self {
            access,
            refresh,
            expires_at: now.checked_add(lifetime).unwrap_or(now),
        }
    }

    /// No sign-in at all: a replica opened after a restart with nothing in the keyring works
    /// offline through a session holding these. Its first call looks in the store (another
    /// process may have signed in since), else answers "sign in", without asking the server.
    pub fn none() -> Self {
        Self {
            access: Secret::new(""),
            refresh: Secret::new(""),
            expires_at: SystemTime::UNIX_EPOCH,
        }
    }

    /// False for [`Tokens::none`].
    pub fn is_signed_in(&self) -> bool {
        !self.refresh.expose().is_empty()
    }

    fn due_for_refresh(&self) -> bool {
        SystemTime::now()
            .checked_add(REFRESH_MARGIN)
            .is_none_or(|soon| soon >= self.expires_at)
    }
}

/// Where rotated tokens are kept (the OS keyring in the app; memory in tests).
pub trait TokenStore: Send + Sync {
    fn save(&self, tokens: &Tokens) -> Result<(), String>;

    /// The pair stored now. Another process signed in to the same account (the desktop app
    /// beside `outpost sync`) may have rotated it since this session read it. `None` when the
    /// store keeps nothing between processes.
    fn load(&self) -> Option<Tokens> {
        None
    }
}

/// Tokens kept nowhere but in the session itself: they live and die with the process (a
/// sign-in not remembered, a test, a benchmark).
pub struct MemoryTokens;

impl TokenStore for MemoryTokens {
    fn save(&self, _: &Tokens) -> Result<(), String> {
        Ok(())
    }
}

struct Current {
    tokens: Tokens,
    /// Bumped on every refresh, so concurrent 401s refresh once, not once each.
    generation: u64,
}

pub struct Session {
    client: PlatformClient,
    current: Mutex<Current>,
    tenant: RwLock<Option<String>>,
    store: Arc<dyn TokenStore>,
}

impl Session {
    pub fn new(client: PlatformClient, tokens: Tokens, store: Arc<dyn TokenStore>) -> Self {
        Self {
            client,
            current: Mutex::new(Current {
                tokens,
                generation: 0,
            }),
            tenant: RwLock::new(None),
            store,
        }
    }

    pub fn client(&self) -> &PlatformClient {
        &self.client
    }

    /// The tenant every call acts in (sent as `X-Tenant-ID`).
    pub fn set_tenant(&self, tenant_id: Option<String>) {
        // A panic elsewhere while the lock was held leaves a plain value behind: use it
        // rather than turn every later call into a panic too.
        *self.tenant.write().unwrap_or_else(PoisonError::into_inner) = tenant_id;
    }

    pub fn tenant(&self) -> Option<String> {
        self.tenant
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The current access token, refreshed first when it is about to expire.
    async fn access(&self) -> Result<(Secret, u64), PlatformError> {
        let mut current = self.current.lock().await;
        if current.tokens.due_for_refresh() {
            self.refresh_locked(&mut current).await?;
        }
        Ok((current.tokens.access.clone(), current.generation))
    }

    /// Refreshes unless another caller already did since `seen_generation` failed.
    async fn refresh_after(&self, seen_generation: u64) -> Result<(), PlatformError> {
        let mut current = self.current.lock().await;
        if current.generation == seen_generation {
            self.refresh_locked(&mut current).await?;
        }
        Ok(())
    }

    async fn refresh_locked(&self, current: &mut Current) -> Result<(), PlatformError> {
        // A sibling process that rotated the pair left the new one in the store; the refresh
        // token held here is dead then, and refreshing with it would fail.
        if self.adopt_stored(current) && !current.tokens.due_for_refresh() {
            return Ok(());
        }
        if !current.tokens.is_signed_in() {
            return Err(PlatformError::SignInRequired {
                reason: "this computer holds no sign-in for this account".into(),
            });
        }
        let answer = match self.client.refresh(&current.tokens.refresh).await {
            Ok(answer) => answer,
            Err(e)
                if e.status()
                    .is_some_and(|s| (400..500).contains(&s) && s != 429) =>
            {
                // Both refreshed at once and the sibling won: its pair reaches the store a
                // moment after the server gave it out.
                for _ in 0..SIBLING_WAITS {
                    tokio::time::sleep(SIBLING_WAIT).await;
                    if self.adopt_stored(current) {
                        return Ok(());
                    }
                }
                return Err(PlatformError::SignInRequired {
                    reason: "the session has expired or was revoked".into(),
                });
            }
            Err(e) => return Err(e),
        };
        let tokens = Tokens::new(answer.access_token, answer.refresh_token, answer.expires_in);
        self.store
            .save(&tokens)
            .map_err(|reason| PlatformError::SignInRequired {
                reason: format!("the new session could not be stored: {reason}"),
            })?;
        current.tokens = tokens;
        current.generation += 1;
        Ok(())
    }

    /// Takes the stored pair when it is not the one held here: true when it did.
    fn adopt_stored(&self, current: &mut Current) -> bool {
        match self.store.load() {
            Some(stored) if stored.refresh != current.tokens.refresh => {
                current.tokens = stored;
                current.generation += 1;
                true
            }
            _ => false,
        }
    }

    /// The refresh token now in use (for sign-out and tests).
    pub async fn tokens(&self) -> Tokens {
        self.current.lock().await.tokens.clone()
    }

    /// Sends one `/secure` request in the session's current tenant, refreshing the token once on
    /// a 401.
    pub async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&serde_json::Value>,
    ) -> Result<T, PlatformError> {
        let tenant = self.tenant();
        self.request_in(tenant.as_deref(), method, path, query, body)
            .await
    }

    /// The session seen from `tenant`: every call through it carries that tenant, whatever the
    /// session's current tenant becomes meanwhile. A sync run works through one, so switching
    /// tenant in the window during a run cannot send one tenant's edits into another.
    pub fn in_tenant<'a>(&'a self, tenant: &'a str) -> TenantSession<'a> {
        TenantSession {
            session: self,
            tenant,
        }
    }

    /// Sends one `/secure` request in `tenant`, refreshing the token once on a 401.
    async fn request_in<T: DeserializeOwned>(
        &self,
        tenant: Option<&str>,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&serde_json::Value>,
    ) -> Result<T, PlatformError> {
        let mut refreshed = false;
        loop {
            let (access, generation) = self.access().await?;
            let answer = self
                .client
                .send(&Call {
                    method: method.clone(),
                    path,
                    query,
                    body,
                    bearer: Some(&access),
                    tenant,
                })
                .await?;
            if answer.status.as_u16() == 401 && !refreshed {
                refreshed = true;
                self.refresh_after(generation).await?;
                continue;
            }
            if answer.status.as_u16() == 401 {
                return Err(PlatformError::SignInRequired {
                    reason: "the server refused the renewed session".into(),
                });
            }
            return decode(answer, path);
        }
    }

    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, PlatformError> {
        self.request(Method::GET, path, query, None).await
    }

    pub async fn send_json<T: DeserializeOwned, B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T, PlatformError> {
        let body = serde_json::to_value(body).map_err(|e| PlatformError::Schema {
            what: path.to_string(),
            reason: e.to_string(),
        })?;
        self.request(method, path, &[], Some(&body)).await
    }

    /// `GET /secure/auth/me`.
    pub async fn me(&self) -> Result<MeResponse, PlatformError> {
        self.get("/api/v1/secure/auth/me", &[]).await
    }

    /// `GET /secure/auth/tenants`.
    pub async fn tenants(&self) -> Result<TenantsResponse, PlatformError> {
        self.get("/api/v1/secure/auth/tenants", &[]).await
    }

    /// `POST /secure/auth/switch-tenant`; later calls act in that tenant.
    pub async fn switch_tenant(
        &self,
        tenant_id: &str,
    ) -> Result<SwitchTenantResponse, PlatformError> {
        let answer: SwitchTenantResponse = self
            .send_json(
                Method::POST,
                "/api/v1/secure/auth/switch-tenant",
                &serde_json::json!({ "tenantId": tenant_id }),
            )
            .await?;
        self.set_tenant(Some(answer.tenant_id.clone()));
        Ok(answer)
    }

    /// `PATCH /secure/auth/default-tenant`.
    pub async fn set_default_tenant(&self, tenant_id: &str) -> Result<(), PlatformError> {
        let _: serde_json::Value = self
            .send_json(
                Method::PATCH,
                "/api/v1/secure/auth/default-tenant",
                &serde_json::json!({ "tenantId": tenant_id }),
            )
            .await?;
        Ok(())
    }

    /// `POST /secure/auth/2fa/verify` with a TOTP (or SMS/email) code.
    pub async fn verify_two_factor(
        &self,
        method: &str,
        code: &str,
    ) -> Result<TwoFactorVerified, PlatformError> {
        let answer: SuccessEnvelope<TwoFactorVerified> = self
            .send_json(
                Method::POST,
                "/api/v1/secure/auth/2fa/verify",
                &serde_json::json!({ "method": method, "code": code }),
            )
            .await?;
        Ok(answer.data)
    }

    /// `POST /secure/auth/2fa/use-backup`.
    pub async fn use_backup_code(&self, code: &str) -> Result<BackupCodeUsed, PlatformError> {
        let answer: SuccessEnvelope<BackupCodeUsed> = self
            .send_json(
                Method::POST,
                "/api/v1/secure/auth/2fa/use-backup",
                &serde_json::json!({ "code": code }),
            )
            .await?;
        Ok(answer.data)
    }

    /// `POST /secure/auth/logout`: the server forgets the session.
    pub async fn logout(&self) -> Result<(), PlatformError> {
        let _: serde_json::Value = self
            .request(Method::POST, "/api/v1/secure/auth/logout", &[], None)
            .await?;
        Ok(())
    }
}

/// A session bound to one tenant (see [`Session::in_tenant`]).
#[derive(Clone, Copy)]
pub struct TenantSession<'a> {
    session: &'a Session,
    tenant: &'a str,
}

impl<'a> TenantSession<'a> {
    /// The tenant every call carries.
    pub fn tenant(&self) -> &'a str {
        self.tenant
    }

    /// The session behind it.
    pub fn session(&self) -> &'a Session {
        self.session
    }

    /// Sends one `/secure` request in this tenant.
    pub async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&serde_json::Value>,
    ) -> Result<T, PlatformError> {
        self.session
            .request_in(Some(self.tenant), method, path, query, body)
            .await
    }

    /// A GET in this tenant.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, PlatformError> {
        self.request(Method::GET, path, query, None).await
    }

    /// A request with a JSON body in this tenant.
    pub async fn send_json<T: DeserializeOwned, B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T, PlatformError> {
        let body = serde_json::to_value(body).map_err(|e| PlatformError::Schema {
            what: path.to_string(),
            reason: e.to_string(),
        })?;
        self.request(method, path, &[], Some(&body)).await
    }

    /// `GET /secure/auth/me`, in this tenant.
    pub async fn me(&self) -> Result<MeResponse, PlatformError> {
        self.get("/api/v1/secure/auth/me", &[]).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server_url::ServerUrl;

    #[test]
    fn an_expiry_no_clock_can_hold_is_no_panic() {
        let tokens = Tokens::new(Secret::new("a"), Secret::new("r"), u64::MAX);
        assert!(tokens.expires_at > SystemTime::now());
        assert!(!tokens.due_for_refresh());
    }

    #[test]
    fn a_poisoned_tenant_lock_is_no_panic_for_later_calls() {
        let client = PlatformClient::new(ServerUrl::parse("http://127.0.0.1:9").unwrap()).unwrap();
        let session = Session::new(
            client,
            Tokens::new(Secret::new("a"), Secret::new("r"), 60),
            Arc::new(MemoryTokens),
        );
        session.set_tenant(Some("t1".into()));
        let poisoned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _held = session.tenant.write().unwrap();
            panic!("a panic while the lock is held");
        }));
        assert!(poisoned.is_err());
        assert!(session.tenant.is_poisoned());
        assert_eq!(session.tenant().as_deref(), Some("t1"));
        session.set_tenant(Some("t2".into()));
        assert_eq!(session.tenant().as_deref(), Some("t2"));
    }
}
