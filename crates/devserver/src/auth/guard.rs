//! Who is calling: the bearer token's session, the second-factor rule, and the tenant the call
//! acts in (`X-Tenant-ID`, else the session's active tenant), all checked before a handler runs.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};

use crate::auth::store::{Session, TokenProblem};
use crate::error::ApiError;
use crate::state::AppState;

/// Any signed-in session, including one still waiting for its second factor
/// (`/secure/auth/me` and `/secure/auth/2fa/*` accept those, except `enable`, `disable` and
/// `backup-codes`, which change the account's factors and take an [`Account`]).
pub struct AnySession(pub Session);

/// A fully signed-in caller acting in one tenant.
pub struct Caller {
    pub session: Session,
    pub tenant_id: String,
    pub role: String,
}

impl Caller {
    /// Guests read everything and change nothing: every write route calls this first.
    pub fn require_writer(&self) -> Result<(), ApiError> {
        if self.role == "guest" {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "FORBIDDEN",
                "Guests can read but not change data",
            ));
        }
        Ok(())
    }

    /// Whether the caller runs the tenant: its owners and admins.
    pub fn is_admin(&self) -> bool {
        matches!(self.role.as_str(), "owner" | "admin")
    }

    /// The tenant's administration (users, invitations, groups, places, settings, approvals)
    /// is its owners' and admins' work; the seed says "admin only" for some of these routes
    /// and nothing for the rest, and the devserver holds them all to the same rule.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if !self.is_admin() {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "FORBIDDEN",
                "Only the tenant's owners and admins can do this",
            ));
        }
        Ok(())
    }
}

fn unauthorized(code: &'static str, message: &str) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, code, message)
}

impl FromRequestParts<Arc<AppState>> for AnySession {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| unauthorized("UNAUTHORIZED", "Authentication required"))?;
        let auth = state.auth();
        match auth.session_of(token.trim()) {
            Ok(session) => Ok(AnySession(session.clone())),
            Err(TokenProblem::Expired) => Err(unauthorized(
                "TOKEN_EXPIRED",
                "The access token has expired",
            )),
            Err(TokenProblem::Unknown) => Err(unauthorized(
                "UNAUTHORIZED",
                "The access token is not valid",
            )),
        }
    }
}

/// A fully signed-in user, for the routes about tenants themselves (`/secure/tenants`, which
/// act on the tenant in their path, which may be suspended) and about the user's own tenants
/// (`/secure/auth/tenants`, `switch-tenant`, `default-tenant`, the way out of a suspended
/// tenant), so the acting tenant need not be active. `X-Tenant-ID`, when sent, must still name a tenant the user belongs to (DESIGN.md).
pub struct Account(pub Session);

fn second_factor_done(session: &Session) -> Result<(), ApiError> {
    if session.second_factor_pending {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "TWO_FACTOR_REQUIRED",
            "Two-factor verification is required before this request",
        ));
    }
    Ok(())
}

impl FromRequestParts<Arc<AppState>> for Account {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, ApiError> {
        let AnySession(session) = AnySession::from_request_parts(parts, state).await?;
        second_factor_done(&session)?;
        if let Some(v) = parts.headers.get("x-tenant-id") {
            let tenant_id = v.to_str().map(str::trim).unwrap_or_default();
            if state
                .auth()
                .membership(&session.user_id, tenant_id)
                .is_none()
            {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    "FORBIDDEN",
                    "You are not a member of this tenant",
                ));
            }
        }
        Ok(Account(session))
    }
}

impl FromRequestParts<Arc<AppState>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, ApiError> {
        let AnySession(session) = AnySession::from_request_parts(parts, state).await?;
        second_factor_done(&session)?;
        let tenant_id = match parts.headers.get("x-tenant-id") {
            Some(v) => v
                .to_str()
                .map_err(|_| {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "BAD_REQUEST",
                        "X-Tenant-ID is not readable",
                    )
                })?
                .trim()
                .to_string(),
            None => session.active_tenant_id.clone(),
        };
        let auth = state.auth();
        let forbidden = |m: &str| ApiError::new(StatusCode::FORBIDDEN, "FORBIDDEN", m);
        let membership = auth
            .membership(&session.user_id, &tenant_id)
            .ok_or_else(|| forbidden("You are not a member of this tenant"))?;
        if membership.status != "active" {
            return Err(forbidden(&format!(
                "Your membership in this tenant is {}",
                membership.status
            )));
        }
        let tenant = auth
            .tenant(&tenant_id)
            .ok_or_else(|| forbidden("Unknown tenant"))?;
        if tenant.status != "active" {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "TENANT_INACTIVE",
                format!("The tenant {} is {}", tenant.name, tenant.status),
            ));
        }
        let role = membership.role.clone();
        drop(auth);
        Ok(Caller {
            session,
            tenant_id,
            role,
        })
    }
}
