//! Who exists and who is signed in: users, tenants, memberships, sessions, tokens. Access tokens
//! expire; refresh tokens rotate (using one retires it); logout revokes the whole session.
//! Passwords, backup codes and tokens are kept only as digests ([`super::secret`]).

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rand::RngCore;
use serde::{Deserialize, Serialize};

use super::secret::{token_digest, SaltedHash};
use crate::storage::{self, Sink, Table, Tracked};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tenant {
    pub id: String,
    pub name: String,
    pub slug: String,
    /// active, inactive, maintenance, retired or pending.
    pub status: String,
    /// The seed's `domain`: unique among tenants.
    pub domain: String,
    pub description: Option<String>,
    /// The subscription type: system, trial, paid or enterprise (the seed's `type`).
    pub plan: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub settings: serde_json::Value,
    pub default_language: String,
    pub additional_languages: Vec<String>,
    /// Accepted by PATCH and kept, though the seed's tenant shape has no field to show them in.
    pub storage_distribution_strategy: Option<String>,
    pub storage_fallback_chain: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl Tenant {
    /// A tenant with the defaults the seed's create body implies: no description or contact,
    /// empty settings, English, its slug as its domain.
    pub fn new(id: &str, name: &str, slug: &str, status: &str, plan: &str, at: &str) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            slug: slug.into(),
            status: status.into(),
            domain: slug.into(),
            description: None,
            plan: plan.into(),
            contact_email: None,
            contact_phone: None,
            settings: serde_json::json!({}),
            default_language: "en".into(),
            additional_languages: Vec::new(),
            storage_distribution_strategy: None,
            storage_fallback_chain: Vec::new(),
            created_at: at.into(),
            updated_at: at.into(),
        }
    }
}

/// One status or plan change of a tenant (the seed's lifecycle history item).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LifecycleEvent {
    pub tenant_id: String,
    pub from_status: String,
    pub to_status: String,
    pub from_type: String,
    pub to_type: String,
    /// activate, suspend, reactivate, archive, upgrade, or update (a PATCH of `status`).
    pub action: String,
    pub reason: Option<String>,
    pub performed_by: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Membership {
    pub user_id: String,
    pub tenant_id: String,
    /// owner, admin, manager, member or guest.
    pub role: String,
    /// active, suspended, pending or invited.
    pub status: String,
    pub joined_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub password: SaltedHash,
    pub default_tenant_id: String,
    /// Stays readable: the server computes the codes from it.
    pub totp_secret: Option<String>,
    /// Unused backup codes, each hashed: they are one-time passwords.
    pub backup_codes: Vec<SaltedHash>,
    pub two_factor_enabled_at: Option<String>,
    /// What the profile edits set beyond the name (`PATCH /secure/users/{id}`): first, middle
    /// and last name, locale, settings, type definition, when it last changed; keyed by the
    /// seed's user fields.
    #[serde(default)]
    pub profile: serde_json::Map<String, serde_json::Value>,
}

/// A second factor whose codes the server sends (sms, email, whatsapp). `enabled_at` is None
/// while its setup waits for the first sent code to be verified.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveryFactor {
    pub user_id: String,
    pub method: String,
    /// The phone number or email address the codes go to, as given.
    pub target: String,
    pub enabled_at: Option<String>,
    pub last_used_at: Option<String>,
}

/// A TOTP setup begun by `enable/totp` and not yet verified: its secret and the backup codes
/// that replace the user's once it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TotpSetup {
    pub secret: String,
    /// Hashed; the codes themselves were shown once, in the `enable/totp` answer.
    pub backup_codes: Vec<SaltedHash>,
}

/// A code the devserver "sent" (it has no SMS or mail: it logs it and keeps it here, where the
/// devserver-only `GET /_dev/sent-codes` shows it).
#[derive(Debug, Clone)]
pub struct SentCode {
    pub user_id: String,
    pub method: String,
    pub target: String,
    pub code: String,
    pub sent_at: String,
    pub expires_at: u64,
    pub used: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub user_id: String,
    pub active_tenant_id: String,
    /// Signed in with the password, second factor still to come (DESIGN.md).
    pub second_factor_pending: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct AccessToken {
    session_id: String,
    expires_at: SystemTime,
}

pub struct IssuedTokens {
    pub access: String,
    pub refresh: String,
    pub expires_in: u64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum TokenProblem {
    Unknown,
    Expired,
}

pub struct AuthStore {
    pub users: Tracked<Vec<User>>,
    pub tenants: Tracked<Vec<Tenant>>,
    pub memberships: Tracked<Vec<Membership>>,
    /// Every tenant status or plan change, oldest first.
    pub lifecycle: Tracked<Vec<LifecycleEvent>>,
    /// Code-delivery second factors, enabled or being set up.
    pub delivery_factors: Tracked<Vec<DeliveryFactor>>,
    /// TOTP setups waiting for their first code, by user id.
    pub totp_setups: Tracked<HashMap<String, TotpSetup>>,
    /// Every code sent, oldest first (dev only: not stored).
    pub sent_codes: Vec<SentCode>,
    /// Every password reset mail sent, oldest first (not stored: a restart forgets them, and
    /// the user asks again).
    pub password_resets: Vec<super::password_reset::ResetMail>,
    /// Failed codes and resends (not stored: a restart forgets them).
    pub code_throttle: super::throttle::CodeThrottle,
    sessions: Table<String, Session>,
    /// Access token digest ([`token_digest`]) -> its session and expiry.
    access: Table<String, AccessToken>,
    /// Refresh token digest -> session id.
    refresh: Table<String, String>,
    access_ttl: Duration,
}

fn token(prefix: &str) -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", data_encoding::BASE64URL_NOPAD.encode(&bytes))
}

pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl AuthStore {
    pub fn new(access_ttl: Duration) -> Self {
        Self {
            users: Default::default(),
            tenants: Default::default(),
            memberships: Default::default(),
            lifecycle: Default::default(),
            delivery_factors: Default::default(),
            totp_setups: Default::default(),
            sent_codes: Vec::new(),
            password_resets: Vec::new(),
            code_throttle: Default::default(),
            sessions: Table::default(),
            access: Table::default(),
            refresh: Table::default(),
            access_ttl,
        }
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn user_mut(&mut self, id: &str) -> Option<&mut User> {
        self.users.edit().iter_mut().find(|u| u.id == id)
    }

    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(email))
    }

    pub fn tenant(&self, id: &str) -> Option<&Tenant> {
        self.tenants.iter().find(|t| t.id == id)
    }

    pub fn tenant_mut(&mut self, id: &str) -> Option<&mut Tenant> {
        self.tenants.edit().iter_mut().find(|t| t.id == id)
    }

    pub fn membership(&self, user_id: &str, tenant_id: &str) -> Option<&Membership> {
        self.memberships
            .iter()
            .find(|m| m.user_id == user_id && m.tenant_id == tenant_id)
    }

    pub fn memberships_of<'a>(
        &'a self,
        user_id: &'a str,
    ) -> impl Iterator<Item = &'a Membership> + 'a {
        self.memberships
            .iter()
            .filter(move |m| m.user_id == user_id)
    }

    /// Whether the user has any second factor enabled (login then opens a pending session).
    pub fn second_factor_on(&self, user_id: &str) -> bool {
        self.user(user_id).is_some_and(|u| u.totp_secret.is_some())
            || self
                .delivery_factors
                .iter()
                .any(|f| f.user_id == user_id && f.enabled_at.is_some())
    }

    pub fn delivery_factor_mut(
        &mut self,
        user_id: &str,
        method: &str,
    ) -> Option<&mut DeliveryFactor> {
        self.delivery_factors
            .edit()
            .iter_mut()
            .find(|f| f.user_id == user_id && f.method == method)
    }

    /// Checks `code` against the newest unused, unexpired code sent to the user for `method`,
    /// and spends it when it matches. Older codes stopped counting when a newer one was sent.
    pub fn spend_sent_code(&mut self, user_id: &str, method: &str, code: &str, now: u64) -> bool {
        let Some(newest) = self
            .sent_codes
            .iter_mut()
            .rev()
            .find(|c| c.user_id == user_id && c.method == method)
        else {
            return false;
        };
        if newest.used || now >= newest.expires_at || newest.code != code {
            return false;
        }
        newest.used = true;
        true
    }

    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.get(id)
    }

    pub fn session_mut(&mut self, id: &str) -> Option<&mut Session> {
        self.sessions.get_mut(id)
    }

    /// A new session for `user_id` acting in `tenant_id`, with its first token pair.
    pub fn open_session(&mut self, user_id: &str, tenant_id: &str, pending: bool) -> IssuedTokens {
        let id = uuid::Uuid::now_v7().to_string();
        self.sessions.insert(
            id.clone(),
            Session {
                id: id.clone(),
                user_id: user_id.to_string(),
                active_tenant_id: tenant_id.to_string(),
                second_factor_pending: pending,
            },
        );
        self.issue(&id)
    }

    fn issue(&mut self, session_id: &str) -> IssuedTokens {
        let access = token("dev_at_");
        let refresh = token("dev_rt_");
        self.access.insert(
            token_digest(&access),
            AccessToken {
                session_id: session_id.to_string(),
                expires_at: SystemTime::now() + self.access_ttl,
            },
        );
        self.refresh
            .insert(token_digest(&refresh), session_id.to_string());
        IssuedTokens {
            access,
            refresh,
            expires_in: self.access_ttl.as_secs().max(1),
        }
    }

    /// The session an access token belongs to.
    pub fn session_of(&self, access: &str) -> Result<&Session, TokenProblem> {
        let t = self
            .access
            .get(&token_digest(access))
            .ok_or(TokenProblem::Unknown)?;
        if SystemTime::now() >= t.expires_at {
            return Err(TokenProblem::Expired);
        }
        self.sessions
            .get(&t.session_id)
            .ok_or(TokenProblem::Unknown)
    }

    /// Trades a refresh token for a new pair; the old refresh token stops working.
    pub fn rotate(&mut self, refresh: &str) -> Option<IssuedTokens> {
        let session_id = self.refresh.remove(&token_digest(refresh))?;
        if !self.sessions.contains_key(&session_id) {
            return None;
        }
        Some(self.issue(&session_id))
    }

    /// Ends every session of `user_id` (a password reset signs the user out everywhere).
    pub fn revoke_all_of(&mut self, user_id: &str) {
        let ids: Vec<String> = self
            .sessions
            .iter()
            .filter(|(_, s)| s.user_id == user_id)
            .map(|(id, _)| id.clone())
            .collect();
        for id in ids {
            self.revoke(&id);
        }
    }

    /// Ends a session: its access and refresh tokens stop working.
    pub fn revoke(&mut self, session_id: &str) {
        self.sessions.remove(session_id);
        self.access.retain(|_, t| t.session_id != session_id);
        self.refresh.retain(|_, s| s != session_id);
    }

    /// Puts what changed since the last call (everything with `all`).
    pub fn drain(&mut self, sink: &mut dyn Sink, all: bool) {
        let none = String::new;
        if self.tenants.take_dirty() || all {
            let rows = self.tenants.iter().map(|t| (t.id.clone(), t.id.clone(), t));
            storage::drain_list(sink, "tenants", None, rows);
        }
        if self.users.take_dirty() || all {
            let rows = self.users.iter().map(|u| (none(), u.id.clone(), u));
            storage::drain_list(sink, "users", None, rows);
        }
        if self.memberships.take_dirty() || all {
            let rows = self
                .memberships
                .iter()
                .map(|m| (m.tenant_id.clone(), m.user_id.clone(), m));
            storage::drain_list(sink, "memberships", None, rows);
        }
        if self.lifecycle.take_dirty() || all {
            let rows = self.lifecycle.iter().enumerate();
            let rows = rows.map(|(i, e)| (e.tenant_id.clone(), format!("{i:08}"), e));
            storage::drain_list(sink, "lifecycle_events", None, rows);
        }
        if self.delivery_factors.take_dirty() || all {
            let rows = self.delivery_factors.iter();
            let rows = rows.map(|f| (none(), format!("{}/{}", f.user_id, f.method), f));
            storage::drain_list(sink, "delivery_factors", None, rows);
        }
        if self.totp_setups.take_dirty() || all {
            let rows = self.totp_setups.iter().map(|(u, s)| (none(), u.clone(), s));
            storage::drain_list(sink, "totp_setups", None, rows);
        }
        storage::drain_table(sink, "sessions", "", &mut self.sessions, all);
        storage::drain_table(sink, "access_tokens", "", &mut self.access, all);
        storage::drain_table(sink, "refresh_tokens", "", &mut self.refresh, all);
    }

    /// Reads everything [`AuthStore::drain`] wrote.
    pub fn load(&mut self, db: &storage::Db) -> anyhow::Result<()> {
        fn list<T: serde::de::DeserializeOwned>(
            db: &storage::Db,
            table: &'static str,
        ) -> anyhow::Result<Tracked<Vec<T>>> {
            let rows: Vec<(String, String, T)> = db.rows(table)?;
            Ok(Tracked::loaded(rows.into_iter().map(|r| r.2).collect()))
        }
        self.tenants = list(db, "tenants")?;
        self.users = list(db, "users")?;
        self.memberships = list(db, "memberships")?;
        self.lifecycle = list(db, "lifecycle_events")?;
        self.delivery_factors = list(db, "delivery_factors")?;
        self.totp_setups = Tracked::loaded(
            db.rows("totp_setups")?
                .into_iter()
                .map(|(_, id, s)| (id, s))
                .collect(),
        );
        for (_, id, s) in db.rows("sessions")? {
            self.sessions.load(id, s);
        }
        for (_, id, t) in db.rows("access_tokens")? {
            self.access.load(id, t);
        }
        for (_, id, s) in db.rows("refresh_tokens")? {
            self.refresh.load(id, s);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> AuthStore {
        let mut s = AuthStore::new(Duration::from_secs(60));
        s.users.push(User {
            id: "u1".into(),
            email: "a@example.com".into(),
            display_name: "A".into(),
            password: SaltedHash::new("password1"),
            default_tenant_id: "t1".into(),
            totp_secret: None,
            backup_codes: vec![],
            two_factor_enabled_at: None,
            profile: Default::default(),
        });
        s
    }

    #[test]
    fn refresh_tokens_rotate_and_the_old_one_dies() {
        let mut s = store();
        let first = s.open_session("u1", "t1", false);
        let second = s.rotate(&first.refresh).expect("first use works");
        assert!(s.rotate(&first.refresh).is_none(), "reuse is refused");
        assert!(s.session_of(&second.access).is_ok());
        assert!(s.rotate(&second.refresh).is_some());
    }

    #[test]
    fn revoking_ends_every_token_of_the_session() {
        let mut s = store();
        let t = s.open_session("u1", "t1", false);
        let id = s.session_of(&t.access).unwrap().id.clone();
        s.revoke(&id);
        assert_eq!(s.session_of(&t.access).unwrap_err(), TokenProblem::Unknown);
        assert!(s.rotate(&t.refresh).is_none());
    }

    #[test]
    fn access_tokens_expire() {
        let mut s = AuthStore::new(Duration::from_millis(0));
        s.users = store().users;
        let t = s.open_session("u1", "t1", false);
        assert_eq!(s.session_of(&t.access).unwrap_err(), TokenProblem::Expired);
        // The refresh token still works: that is what it is for.
        assert!(s.rotate(&t.refresh).is_some());
    }
}
