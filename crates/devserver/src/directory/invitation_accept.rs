//! The invited person's side: `POST /public/invitations/validate` says whether a code can be
//! used, `POST /public/invitations/accept` makes (or signs in) the account, makes it an active
//! member with the invitation's role and answers a session's tokens.
//!
//! Where the seed is silent: the account is the invitation's `recipient_email` (an `email`
//! sent with an email invitation must be that address; a phone invitation needs one); a new
//! account needs a `password`, an existing account's password must be right (401); a code that
//! is unknown, revoked, accepted or expired is refused (404, or 422 INVALID_TRANSITION).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use super::invitations::find_by_code;
use crate::auth::secret::SaltedHash;
use crate::auth::store::{Membership, User};
use crate::body::schema::request_schema;
use crate::body::{invalid, Body};
use crate::error::ApiError;
use crate::state::AppState;

pub async fn validate(
    State(state): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = Body::checked(
        &body,
        request_schema!("POST__public__invitations__validate"),
    )?;
    let code = body.required_str("code")?;
    let now = state.clock().stamp();
    let Some((_, invitation)) = find_by_code(&state, code) else {
        return Ok(Json(
            json!({ "valid": false, "invitation": null, "error": "Unknown invitation code" }),
        ));
    };
    let status = invitation.status(&now);
    if !matches!(status.as_str(), "pending" | "sent" | "opened") {
        let error = format!("This invitation is {status}");
        return Ok(Json(
            json!({ "valid": false, "invitation": null, "error": error }),
        ));
    }
    let row = &invitation.row;
    Ok(Json(json!({
        "valid": true,
        "invitation": {
            "tenantId": row["tenantId"],
            "tenant_name": row["tenant_name"],
            "role": row["role"],
            "recipient_email": row["recipient_email"],
            "recipient_phone": row["recipient_phone"],
            "invited_by_name": row["invited_by_name"],
            "expires_at": row["expires_at"],
        },
        "error": null,
    })))
}

pub async fn accept(
    State(state): State<Arc<AppState>>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body = Body::checked(&body, request_schema!("POST__public__invitations__accept"))?;
    let code = body.required_str("code")?;
    let now = state.clock().stamp();
    let (tenant_id, invitation) =
        find_by_code(&state, code).ok_or_else(|| ApiError::not_found("Unknown invitation code"))?;
    let status = invitation.status(&now);
    if !matches!(status.as_str(), "pending" | "sent" | "opened") {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "INVALID_TRANSITION",
            format!("This invitation is {status}"),
        ));
    }
    let invited = invitation.row["recipient_email"]
        .as_str()
        .map(str::to_string);
    let sent = body.str("email")?.map(str::to_lowercase);
    let email = match (invited, sent) {
        (Some(i), Some(s)) if i != s => {
            return Err(invalid(
                "email",
                "must be the address the invitation went to",
            ))
        }
        (Some(i), _) => i,
        (None, Some(s)) => s,
        (None, None) => return Err(invalid("email", "is required for a phone invitation")),
    };
    let role = invitation.row["role"]
        .as_str()
        .unwrap_or("member")
        .to_string();
    let mut auth = state.auth();
    let user_id = match auth.user_by_email(&email).map(|u| u.id.clone()) {
        Some(id) => {
            // An existing account proves itself with its password.
            let right = body
                .str("password")?
                .is_some_and(|p| auth.user(&id).is_some_and(|u| u.password.matches(p)));
            if !right {
                return Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "INVALID_CREDENTIALS",
                    "This address has an account: its password is needed",
                ));
            }
            id
        }
        None => {
            let password = body
                .str("password")?
                .ok_or_else(|| invalid("password", "is required for a new account"))?;
            let id = uuid::Uuid::now_v7().to_string();
            let name = body.str("display_name")?.map(str::to_string);
            let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or("").to_string());
            auth.users.push(User {
                id: id.clone(),
                email: email.clone(),
                display_name: name,
                password: SaltedHash::new(password),
                default_tenant_id: tenant_id.clone(),
                totp_secret: None,
                backup_codes: Vec::new(),
                two_factor_enabled_at: None,
                profile: Default::default(),
            });
            id
        }
    };
    match auth
        .memberships
        .edit()
        .iter_mut()
        .find(|m| m.user_id == user_id && m.tenant_id == tenant_id)
    {
        Some(m) => {
            m.role = role.clone();
            m.status = "active".into();
        }
        None => auth.memberships.push(Membership {
            user_id: user_id.clone(),
            tenant_id: tenant_id.clone(),
            role: role.clone(),
            status: "active".into(),
            joined_at: now.clone(),
        }),
    }
    let pending = auth.second_factor_on(&user_id);
    let tokens = auth.open_session(&user_id, &tenant_id, pending);
    let (display_name, tenant_name) = (
        auth.user(&user_id).map(|u| u.display_name.clone()),
        auth.tenant(&tenant_id).map(|t| t.name.clone()),
    );
    drop(auth);
    let invitation_id = invitation.row["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    {
        let mut directory = state.directory();
        if let Some(stored) = directory
            .tenant_mut(&tenant_id)
            .invitation_mut(&invitation_id)
        {
            stored.row.insert("status".into(), json!("accepted"));
            stored.row.insert("accepted_at".into(), json!(now));
            stored.row.insert("accepted_by".into(), json!(user_id));
            stored.row.insert("updated_at".into(), json!(now));
        }
    }
    state.audit_at(
        &tenant_id,
        &user_id,
        "accepted",
        "invitation",
        &invitation_id,
        &now,
    );
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "success": true,
            "message": "Invitation accepted",
            "user": {
                "id": user_id,
                "email": email,
                "display_name": display_name,
                "tenantId": tenant_id,
                "tenant_name": tenant_name,
                "role": role,
            },
            "access_token": tokens.access,
            "refresh_token": tokens.refresh,
            "requires_post_auth_flow": pending,
        })),
    ))
}
