//! Password reset by mail: `POST /public/auth/forgot-password` sends a reset token,
//! `GET /public/auth/validate-reset-token?token=` says whether one is good, and
//! `POST /public/auth/reset-password` sets a new password with it.
//!
//! Where the seed is silent:
//! - forgot-password answers the same for any address, so it tells no one which addresses
//!   have accounts; for an account it "mails" a 32-character token, listed with the address at
//!   the devserver-only `GET /_dev/sent-password-resets` (like the codes at `/_dev/sent-codes`).
//! - A token lives one hour, works once, and a newer one retires the older ones of the user.
//!   Tokens are not stored: a restart forgets them and the user asks again.
//! - validate-reset-token answers `{valid: false}` for a token that is unknown, used or
//!   expired; without `token` it is 422 naming it.
//! - reset-password with such a token is 400 `INVALID_RESET_TOKEN` naming `token`; a reset
//!   signs the user out of every session. Both are security events, not tenant data: no
//!   tenant audit row (like signing in).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rand::Rng;
use serde::Deserialize;
use serde_json::{json, Value};

use super::secret::SaltedHash;
use super::store::now_unix;
use crate::body::schema::request_schema;
use crate::body::{invalid, Body};
use crate::error::ApiError;
use crate::state::AppState;

/// How long a reset token works.
const TOKEN_TTL_SECS: u64 = 3600;
const TOKEN_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/// A reset mail "sent" to a user.
#[derive(Debug, Clone)]
pub struct ResetMail {
    pub user_id: String,
    pub email: String,
    pub token: String,
    pub sent_at: String,
    pub expires_at: u64,
    /// Used, or retired by a newer token.
    pub spent: bool,
}

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/public/auth/forgot-password", post(forgot))
        .route("/api/v1/public/auth/validate-reset-token", get(validate))
        .route("/api/v1/public/auth/reset-password", post(reset))
}

/// `GET /_dev/sent-password-resets`, beside `/_dev/sent-codes`.
pub fn dev_router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/_dev/sent-password-resets", get(sent))
        .with_state(state)
}

async fn forgot(State(state): State<Arc<AppState>>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body = Body::checked(
        &body,
        request_schema!("POST__public__auth__forgot-password"),
    )?;
    let email = body.0["email"].as_str().unwrap_or_default().to_string();
    let sent_at = state.clock().stamp();
    let mut auth = state.auth();
    if let Some(user) = auth.user_by_email(&email).cloned() {
        let mut rng = rand::rng();
        let token: String = (0..32)
            .map(|_| TOKEN_ALPHABET[rng.random_range(0..TOKEN_ALPHABET.len())] as char)
            .collect();
        tracing::info!(user_id = %user.id, "password reset mail sent (token at /_dev/sent-password-resets)");
        for older in auth
            .password_resets
            .iter_mut()
            .filter(|m| m.user_id == user.id)
        {
            older.spent = true;
        }
        auth.password_resets.push(ResetMail {
            user_id: user.id,
            email: user.email,
            token,
            sent_at,
            expires_at: now_unix() + TOKEN_TTL_SECS,
            spent: false,
        });
    }
    Ok(Json(json!({
        "message": "If an account exists for this address, a password reset link has been sent to it",
    })))
}

/// The good (unspent, unexpired) mail holding `token`.
fn good<'a>(mails: &'a mut [ResetMail], token: &str) -> Option<&'a mut ResetMail> {
    let now = now_unix();
    mails
        .iter_mut()
        .find(|m| m.token == token && !m.spent && m.expires_at > now)
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

async fn validate(
    State(state): State<Arc<AppState>>,
    Query(q): Query<TokenQuery>,
) -> Result<Json<Value>, ApiError> {
    let token = q
        .token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| invalid("token", "is required"))?;
    let mut auth = state.auth();
    Ok(Json(match good(&mut auth.password_resets, &token) {
        Some(mail) => json!({ "valid": true, "email": mail.email }),
        None => json!({ "valid": false }),
    }))
}

async fn reset(State(state): State<Arc<AppState>>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let body = Body::checked(&body, request_schema!("POST__public__auth__reset-password"))?;
    let token = body.0["token"].as_str().unwrap_or_default();
    let password = body.0["password"].as_str().unwrap_or_default();
    let mut auth = state.auth();
    let Some(mail) = good(&mut auth.password_resets, token) else {
        let mut e = ApiError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_RESET_TOKEN",
            "token: the reset token is unknown, used or expired; ask for a new one",
        );
        e.details = Some(json!({ "field": "token" }));
        return Err(e);
    };
    mail.spent = true;
    let user_id = mail.user_id.clone();
    let user = auth
        .user_mut(&user_id)
        .ok_or_else(|| ApiError::not_found("User not found"))?;
    user.password = SaltedHash::new(password);
    auth.revoke_all_of(&user_id);
    Ok(Json(
        json!({ "message": "The password has been reset; sign in with the new one" }),
    ))
}

/// Devserver only: every reset mail "sent" so far, oldest first.
async fn sent(State(state): State<Arc<AppState>>) -> Json<Value> {
    let auth = state.auth();
    let data: Vec<Value> = auth
        .password_resets
        .iter()
        .map(|m| {
            json!({
                "userId": m.user_id, "email": m.email, "token": m.token,
                "sentAt": m.sent_at, "used": m.spent,
            })
        })
        .collect();
    Json(json!({ "data": data }))
}
