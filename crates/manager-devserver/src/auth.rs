//! Who is calling: a personal access token or a machine-user token as bearer, or a machine
//! user's username and password (or token) as basic auth. Secrets are compared by their hash.

use axum::http::{header, HeaderMap};

use crate::error::{ApiError, ApiResult};
use crate::ids::now;
use crate::records::KeyKind;
use crate::secret::{self, PAT_PREFIX};
use crate::store::Data;

#[derive(Debug, Clone)]
pub enum Caller {
    User {
        id: String,
        /// A Manager administrator.
        admin: bool,
    },
    Machine {
        id: String,
        tenant_id: String,
    },
}

impl Caller {
    /// The user, for operations only people may call (tokens of their own, `me`, new projects).
    pub fn user(&self) -> ApiResult<&str> {
        match self {
            Caller::User { id, .. } => Ok(id),
            Caller::Machine { .. } => Err(ApiError::forbidden(
                "Machine users cannot call this operation; sign in with a personal access token",
            )),
        }
    }

    pub fn user_id(&self) -> Option<&str> {
        match self {
            Caller::User { id, .. } => Some(id),
            Caller::Machine { .. } => None,
        }
    }
}

/// The credentials of a request: `None` when it carries none (its operations then answer
/// `UNAUTHENTICATED`), an error when it carries some that are not valid. A personal access
/// token that authenticates gets its `lastUsedAt`.
pub fn authenticate(headers: &HeaderMap, data: &mut Data) -> ApiResult<Option<Caller>> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| ApiError::unauthenticated("The Authorization header is not text"))?;
    let (scheme, credentials) = value.split_once(' ').unwrap_or((value, ""));
    let credentials = credentials.trim();
    if scheme.eq_ignore_ascii_case("bearer") {
        bearer(credentials, data).map(Some)
    } else if scheme.eq_ignore_ascii_case("basic") {
        let decoded = data_encoding::BASE64
            .decode(credentials.as_bytes())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or_else(|| ApiError::unauthenticated("Basic credentials are not base64 text"))?;
        let (username, password) = decoded
            .split_once(':')
            .ok_or_else(|| ApiError::unauthenticated("Basic credentials lack the ':'"))?;
        machine_by_password(username, password, data).map(Some)
    } else {
        Err(ApiError::unauthenticated(format!(
            "Unsupported authorization scheme {scheme:?}; use Bearer or Basic"
        )))
    }
}

fn bearer(token: &str, data: &mut Data) -> ApiResult<Caller> {
    let hash = secret::hash(token);
    if token.starts_with(PAT_PREFIX) {
        return user_by_token(&hash, data);
    }
    let machine = data
        .machine_users
        .values()
        .find(|m| m.key_kind == KeyKind::Token && m.key_hash == hash)
        .ok_or_else(|| ApiError::unauthenticated("Invalid or expired token"))?;
    if !machine.enabled {
        return Err(ApiError::unauthenticated("This machine user is disabled"));
    }
    Ok(Caller::Machine {
        id: machine.id.to_string(),
        tenant_id: machine.tenant_id.to_string(),
    })
}

fn user_by_token(hash: &str, data: &mut Data) -> ApiResult<Caller> {
    let invalid = || ApiError::unauthenticated("Invalid or expired token");
    let token = data
        .tokens
        .values()
        .find(|t| t.token_hash == hash)
        .ok_or_else(invalid)?;
    let now = now();
    let expired = token
        .expires_at
        .as_deref()
        .is_some_and(|at| at <= now.as_str());
    if token.revoked || expired {
        return Err(invalid());
    }
    let user = data
        .users
        .get(&token.user_id)
        .filter(|u| !u.disabled)
        .ok_or_else(|| ApiError::unauthenticated("This user is disabled"))?;
    let caller = Caller::User {
        id: user.id.to_string(),
        admin: user.admin,
    };
    let id = token.id.to_string();
    if let Some(token) = data.tokens.get_mut(&id) {
        token.last_used_at = Some(now);
    }
    Ok(caller)
}

/// A machine user by username and password: the password is the token, or the secret whose
/// SHA-256 was given as `hashedKey`. Usernames are unique on the server, so the name alone
/// says which machine user is meant.
pub fn machine_by_password(username: &str, password: &str, data: &Data) -> ApiResult<Caller> {
    let hash = secret::hash(password);
    let machine = data
        .machine_users
        .values()
        .find(|m| m.username == username && m.key_hash == hash && m.enabled)
        .ok_or_else(|| ApiError::unauthenticated("Invalid credentials"))?;
    Ok(Caller::Machine {
        id: machine.id.to_string(),
        tenant_id: machine.tenant_id.to_string(),
    })
}
