//! Managing second factors: `enable/{method}`, `send-code`, `backup-codes` and `disable` under
//! `/api/v1/secure/auth/2fa` (status, verify and use-backup are in `routes.rs`), and the
//! devserver-only `GET /_dev/sent-codes`.
//!
//! Decisions where the seed is silent:
//! - Who may call them: `send-code` (like status, verify and use-backup) accepts a session still
//!   waiting for its second factor, since that is how a user of an SMS or email factor gets the
//!   code to finish signing in. `enable`, `disable` and `backup-codes` change the account's
//!   factors, so they need the second factor done (403 `TWO_FACTOR_REQUIRED` otherwise): a
//!   password alone must not let anyone enrol their own factor or remove the owner's.
//! - Delivery: the devserver has no SMS, WhatsApp or mail. A "sent" code is logged (tracing,
//!   info) and kept; `GET /_dev/sent-codes` (outside `/api`, on every devserver, never faulted
//!   or rate-limited) lists them, so
//!   tests and developers can read them. A code is 6 digits, lives [`CODE_TTL_SECS`] seconds,
//!   works once, and sending a new one for the same method retires the older ones.
//! - `send-code` takes `sms`, `email` or `whatsapp` only (the seed's enum): TOTP codes come from
//!   the user's authenticator app, so `totp` is refused like any value outside the enum (422).
//!   The method must be enabled or being set up (400 `TWO_FACTOR_NOT_ENABLED` otherwise).
//! - Enabling: `enable/totp` answers a new secret, its `otpauth://` URI and 10 backup codes; none
//!   of them counts until `verify {method: totp, code}` checks a code of that secret, which turns
//!   TOTP on and makes those 10 codes the user's backup codes (replacing older ones). A second
//!   `enable/totp` before that starts over with a new secret. `enable/{sms,email,whatsapp}`
//!   take `delivery_target` (an E.164-like phone number, required for sms and whatsapp; an email
//!   address for `email`, the account's own when left out),
//!   sends a code there, and the method is on once `verify` checks it. `qr_code_data_url` is
//!   left out (optional in the seed; the devserver draws no images). Enabling a method that is
//!   on already is 400 `TWO_FACTOR_ALREADY_ENABLED`; an unknown `{method}` is 422.
//! - Backup codes generated here are 8 characters from an alphabet without look-alikes
//!   (`I`, `O`, `0`, `1`): 8 fits both `use-backup` (8 to 12) and `disable` (6 to 8). The demo's
//!   12-character codes still work with `use-backup`, but are too long for `disable`. Generating
//!   codes needs some second factor on (400 `TWO_FACTOR_NOT_ENABLED` otherwise).
//! - Disabling a method takes, as the seed says, a current code of that method (TOTP from the
//!   app; for sms/email/whatsapp the newest code from `send-code`) or an unused backup code,
//!   which it spends. The seed's body has no password field, so a password is not accepted.
//!   A wrong code is 400 `INVALID_CODE`; a method that is not on is 400
//!   `TWO_FACTOR_NOT_ENABLED`. When the last method goes, the backup codes go with it.
//! - Throttles (429 with `Retry-After`, see [`super::throttle`]): wrong codes to verify,
//!   use-backup and disable are counted per user, and send-code waits between resends.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use rand::Rng;
use serde_json::{json, Value};

use super::guard::{Account, AnySession};
use super::routes::wrong_code;
use super::secret::SaltedHash;
use super::store::{now_unix, DeliveryFactor, SentCode, TotpSetup};
use super::throttle;
use crate::body::{invalid, Body};
use crate::error::ApiError;
use crate::state::AppState;
use crate::totp;

/// How long a sent code works.
pub const CODE_TTL_SECS: u64 = 300;
/// How many backup codes a new set has (the seed's "10 codes").
pub const BACKUP_CODE_COUNT: usize = 10;
const BACKUP_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const DELIVERY_METHODS: &[&str] = &["sms", "email", "whatsapp"];
const ALL_METHODS: &[&str] = &["totp", "sms", "email", "whatsapp"];

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/secure/auth/2fa/send-code", post(send_code))
        .route("/api/v1/secure/auth/2fa/backup-codes", post(backup_codes))
        .route("/api/v1/secure/auth/2fa/enable/{method}", post(enable))
        .route("/api/v1/secure/auth/2fa/disable", delete(disable))
}

/// `GET /_dev/sent-codes`, merged after the fault and rate-limit layers so that neither ever
/// touches it (like `/_faults`).
pub fn dev_router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/_dev/sent-codes", get(sent_codes))
        .route(
            "/_dev/sent-invitations",
            get(crate::directory::invitations::dev_sent),
        )
        .with_state(state)
}

fn not_enabled(method: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "TWO_FACTOR_NOT_ENABLED",
        format!("{method} is not enabled for this account"),
    )
}

/// A new set of backup codes.
pub fn new_backup_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..BACKUP_CODE_COUNT)
        .map(|_| {
            (0..8)
                .map(|_| BACKUP_ALPHABET[rng.random_range(0..BACKUP_ALPHABET.len())] as char)
                .collect()
        })
        .collect()
}

/// Backup codes as they are stored: hashed (they were shown once).
pub fn hashed(codes: &[String]) -> Vec<SaltedHash> {
    codes.iter().map(|c| SaltedHash::new(c)).collect()
}

/// A delivery target as the status and enable answers show it: an email keeps its first
/// character and its domain, a phone number its last four digits.
pub fn mask(method: &str, target: &str) -> String {
    if method == "email" {
        if let Some((local, domain)) = target.split_once('@') {
            let first: String = local.chars().take(1).collect();
            return format!("{first}***@{domain}");
        }
    }
    let chars: Vec<char> = target.chars().collect();
    let keep = chars.len().min(4);
    let hidden = chars.len() - keep;
    let tail: String = chars[hidden..].iter().collect();
    format!("{}{tail}", "*".repeat(hidden))
}

fn phone(field: &str, value: &str) -> Result<String, ApiError> {
    let digits = value.strip_prefix('+').unwrap_or(value);
    let ok = (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(value.to_string())
    } else {
        Err(invalid(
            field,
            "must be a phone number (7 to 15 digits, optionally after +)",
        ))
    }
}

/// "Sends" a new code: logs it and keeps it for `/_dev/sent-codes`. Returns its lifetime.
fn send(state: &AppState, user_id: &str, method: &str, target: &str) -> u64 {
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
    let sent_at = state.clock().stamp();
    tracing::info!(
        user_id,
        method,
        target,
        code,
        "devserver: second-factor code sent"
    );
    state.auth().sent_codes.push(SentCode {
        user_id: user_id.to_string(),
        method: method.to_string(),
        target: target.to_string(),
        code,
        sent_at,
        expires_at: now_unix() + CODE_TTL_SECS,
        used: false,
    });
    CODE_TTL_SECS
}

async fn enable(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    Path(method): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body, &["delivery_target"])?;
    let method = body.one_of("method", &method, ALL_METHODS)?.to_string();
    let target = body.str("delivery_target")?;
    let user_id = session.user_id;
    if method == "totp" {
        if target.is_some() {
            return Err(invalid("delivery_target", "is not used for totp"));
        }
        let mut auth = state.auth();
        let user = auth
            .user(&user_id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("User not found"))?;
        if user.totp_secret.is_some() {
            return Err(already_enabled(&method));
        }
        let codes = new_backup_codes();
        let setup = TotpSetup {
            secret: totp::new_secret(),
            backup_codes: hashed(&codes),
        };
        auth.totp_setups.insert(user_id, setup.clone());
        let uri = format!(
            "otpauth://totp/Outpost:{}?secret={}&issuer=Outpost&algorithm=SHA1&digits=6&period=30",
            user.email.replace('@', "%40"),
            setup.secret
        );
        return Ok(Json(json!({
            "success": true,
            "message": "Scan the code in your authenticator app, then verify a code to turn TOTP on",
            "data": {
                "method": "totp",
                "secret": setup.secret,
                "qr_code_uri": uri,
                "backup_codes": codes,
            },
        })));
    }
    // The seed makes `delivery_target` optional: codes by email go to the account's own
    // address unless another is given; a phone number is known only when given.
    let target = match (method.as_str(), target) {
        ("email", Some(t)) => body.email("delivery_target", t)?.to_string(),
        ("email", None) => state
            .auth()
            .user(&user_id)
            .map(|u| u.email.clone())
            .ok_or_else(|| ApiError::not_found("User not found"))?,
        (_, Some(t)) => phone("delivery_target", t)?,
        (_, None) => {
            return Err(invalid(
                "delivery_target",
                "is required for sms and whatsapp (the account has no phone number)",
            ))
        }
    };
    {
        let mut auth = state.auth();
        match auth.delivery_factor_mut(&user_id, &method) {
            Some(f) if f.enabled_at.is_some() => return Err(already_enabled(&method)),
            Some(f) => f.target = target.clone(),
            None => auth.delivery_factors.push(DeliveryFactor {
                user_id: user_id.clone(),
                method: method.clone(),
                target: target.clone(),
                enabled_at: None,
                last_used_at: None,
            }),
        }
    }
    let ttl = send(&state, &user_id, &method, &target);
    Ok(Json(json!({
        "success": true,
        "message": "A verification code was sent; verify it to turn the method on",
        "data": {
            "method": method,
            "delivery_target": mask(&method, &target),
            "verification_sent": true,
            "expires_in_seconds": ttl,
        },
    })))
}

fn already_enabled(method: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "TWO_FACTOR_ALREADY_ENABLED",
        format!("{method} is already enabled for this account"),
    )
}

async fn send_code(
    State(state): State<Arc<AppState>>,
    AnySession(session): AnySession,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::parse(&body, &["method"])?;
    let method = body.one_of("method", body.required_str("method")?, DELIVERY_METHODS)?;
    let target = {
        let mut auth = state.auth();
        let target = auth
            .delivery_factor_mut(&session.user_id, method)
            // A pending session may only have codes sent for methods already on (see verify).
            .filter(|f| f.enabled_at.is_some() || !session.second_factor_pending)
            .map(|f| f.target.clone())
            .ok_or_else(|| not_enabled(method))?;
        auth.code_throttle
            .may_send(&session.user_id, method, std::time::Instant::now())
            .map_err(throttle::resend_too_soon)?;
        target
    };
    let ttl = send(&state, &session.user_id, method, &target);
    Ok(Json(json!({
        "success": true,
        "message": format!("A code was sent by {method}"),
        "data": { "sent": true, "expires_in_seconds": ttl },
    })))
}

async fn backup_codes(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    Body::parse(&body, &[])?;
    let mut auth = state.auth();
    if !auth.second_factor_on(&session.user_id) {
        return Err(not_enabled("Two-factor authentication"));
    }
    let codes = new_backup_codes();
    let user = auth
        .user_mut(&session.user_id)
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    user.backup_codes = hashed(&codes);
    Ok(Json(json!({
        "success": true,
        "message": "New backup codes; the previous ones no longer work",
        "data": { "backup_codes": codes, "count": codes.len() },
    })))
}

async fn disable(
    State(state): State<Arc<AppState>>,
    Account(session): Account,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let body = Body::parse(&body, &["method", "code"])?;
    let method = body.one_of("method", body.required_str("method")?, ALL_METHODS)?;
    let code = body.sized("code", body.required_str("code")?, 6, 8)?;
    let now = now_unix();
    let at = std::time::Instant::now();
    let mut auth = state.auth();
    auth.code_throttle
        .may_attempt(&session.user_id, at)
        .map_err(throttle::locked_out)?;
    let user = auth
        .user(&session.user_id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    let method_code_ok = if method == "totp" {
        let secret = user
            .totp_secret
            .as_ref()
            .ok_or_else(|| not_enabled(method))?;
        totp::verify(secret, code, now)
    } else {
        let enabled = auth
            .delivery_factor_mut(&user.id, method)
            .is_some_and(|f| f.enabled_at.is_some());
        if !enabled {
            return Err(not_enabled(method));
        }
        auth.spend_sent_code(&user.id, method, code, now)
    };
    if !method_code_ok {
        let Some(index) = user.backup_codes.iter().position(|c| c.matches(code)) else {
            return Err(wrong_code(
                &mut auth,
                &user.id,
                at,
                "The code is neither a current code of this method nor an unused backup code",
            ));
        };
        if let Some(u) = auth.user_mut(&user.id) {
            u.backup_codes.remove(index);
        }
    }
    auth.code_throttle.succeeded(&user.id);
    if method == "totp" {
        if let Some(u) = auth.user_mut(&user.id) {
            u.totp_secret = None;
            u.two_factor_enabled_at = None;
        }
    } else {
        auth.delivery_factors
            .retain(|f| !(f.user_id == user.id && f.method == method));
    }
    if !auth.second_factor_on(&user.id) {
        if let Some(u) = auth.user_mut(&user.id) {
            u.backup_codes.clear();
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Devserver only: every code "sent" so far, oldest first, for tests and developers.
async fn sent_codes(State(state): State<Arc<AppState>>) -> Json<Value> {
    let auth = state.auth();
    let data: Vec<Value> = auth
        .sent_codes
        .iter()
        .map(|c| {
            json!({
                "userId": c.user_id,
                "email": auth.user(&c.user_id).map(|u| u.email.clone()),
                "method": c.method,
                "deliveryTarget": c.target,
                "code": c.code,
                "sentAt": c.sent_at,
                "used": c.used,
            })
        })
        .collect();
    Json(json!({ "data": data }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_masked() {
        assert_eq!(
            mask("email", "sam.field@outpost.example"),
            "s***@outpost.example"
        );
        assert_eq!(mask("sms", "+4915112345678"), "**********5678");
        assert_eq!(mask("whatsapp", "123"), "123");
    }

    #[test]
    fn backup_codes_fit_both_schemas_and_differ() {
        let codes = new_backup_codes();
        assert_eq!(codes.len(), BACKUP_CODE_COUNT);
        assert!(codes
            .iter()
            .all(|c| c.len() == 8 && c.bytes().all(|b| BACKUP_ALPHABET.contains(&b))));
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
    }
}
