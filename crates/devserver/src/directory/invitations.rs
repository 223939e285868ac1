//! Invitations to join a tenant: created, listed, resent and revoked by the tenant's owners
//! and admins (`/secure/invitations`), validated and accepted by the invited person
//! (`/public/invitations/*`). Sending is recorded, not delivered: every message "sent" by
//! email, sms or WhatsApp is listed at `GET /_dev/sent-invitations`, as codes are at
//! `/_dev/sent-codes`.
//!
//! Where the seed is silent: an email invitation needs `recipient_email`, an sms or WhatsApp
//! one `recipient_phone` (422 naming it); inviting someone who is already an active member, or
//! who has an open invitation, is 409. A revoked or accepted invitation cannot be revoked or
//! resent (422 INVALID_TRANSITION). An open invitation past `expires_at` reads as `expired`;
//! resending one sends it again, by default with a fresh expiry of its original length.
//! Lists and details show the code masked (`K7Q2-****`); the full code is in the answer to the
//! create only (`full_code`, `invitation_url`) and in the sent message.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::auth::guard::Caller;
use crate::body::schema::request_schema;
use crate::body::{invalid, Body};
use crate::error::ApiError;
use crate::paging::PageQuery;
use crate::state::AppState;

/// An invitation as stored: the seed's fields, the full code and the length of its validity.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invitation {
    pub row: Map<String, Value>,
    pub full_code: String,
    pub hours: f64,
}

/// Where the invited person accepts (shown in the create answer and the sent message).
const ACCEPT_URL: &str = "https://app.outpost.example/invitations/accept?code=";
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

fn new_code() -> String {
    let mut rng = rand::rng();
    let mut pick = |n: usize| -> String {
        (0..n)
            .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
            .collect()
    };
    format!("{}-{}", pick(4), pick(4))
}

fn masked(code: &str) -> String {
    format!("{}-****", code.split('-').next().unwrap_or_default())
}

fn not_found() -> ApiError {
    ApiError::not_found("Invitation not found")
}

fn transition(message: String) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "INVALID_TRANSITION",
        message,
    )
}

fn conflict(message: &str) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, "CONFLICT", message)
}

/// Whether an invitation can still be accepted, revoked or resent.
fn is_open(status: &str) -> bool {
    matches!(status, "pending" | "sent" | "opened")
}

impl Invitation {
    /// Its status at `now`: an open invitation past its expiry is expired.
    pub fn status(&self, now: &str) -> String {
        let status = self.row["status"].as_str().unwrap_or_default();
        let expires = self.row["expires_at"].as_str().unwrap_or_default();
        if is_open(status) && expires <= now {
            "expired".into()
        } else {
            status.into()
        }
    }

    /// The seed's invitation shape at `now`, with the code masked.
    pub fn public(&self, now: &str) -> Value {
        let mut row = self.row.clone();
        row.insert("status".into(), json!(self.status(now)));
        row.insert("code".into(), json!(masked(&self.full_code)));
        Value::Object(row)
    }
}

/// Clock stamps compare as text (fixed-width RFC 3339 in UTC); this one is `hours` after `from`.
fn hours_after(from: &str, hours: f64) -> String {
    let start = chrono::DateTime::parse_from_rfc3339(from)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|_| chrono::Utc::now());
    let end = start + chrono::Duration::seconds((hours * 3600.0) as i64);
    end.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Records the message as sent (the dev list) and stamps the invitation `sent`.
fn send(state: &AppState, invitation: &mut Invitation, now: &str) {
    let row = &mut invitation.row;
    row.insert("status".into(), json!("sent"));
    row.insert("sent_at".into(), json!(now));
    let channel = row["channel"].as_str().unwrap_or("email").to_string();
    let to = match channel.as_str() {
        "email" => row["recipient_email"].clone(),
        _ => row["recipient_phone"].clone(),
    };
    let message = json!({
        "invitationId": row["id"],
        "tenantId": row["tenantId"],
        "channel": channel,
        "to": to,
        "language": row["language"],
        "code": invitation.full_code,
        "url": format!("{ACCEPT_URL}{}", invitation.full_code),
        "personalMessage": row["personal_message"],
        "sentAt": now,
    });
    state.directory().sent_invitations.push(message);
}

/// The recipient a channel needs, named when it is missing.
fn check_recipient(row: &Map<String, Value>) -> Result<(), ApiError> {
    let needs = match row["channel"].as_str() {
        Some("email") => "recipient_email",
        _ => "recipient_phone",
    };
    if row.get(needs).is_none_or(Value::is_null) {
        let channel = row["channel"].as_str().unwrap_or_default();
        return Err(invalid(needs, format!("is required to send by {channel}")));
    }
    Ok(())
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    caller.require_admin()?;
    let body = Body::checked(&body, request_schema!("POST__secure__invitations"))?;
    let email = body.str("recipient_email")?.map(str::to_lowercase);
    let phone = body.str("recipient_phone")?.map(str::to_string);
    if let Some(p) = &phone {
        // The seed asks for E.164: a plus and 8 to 15 digits.
        let digits = p.strip_prefix('+').unwrap_or_default();
        if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                "recipient_phone",
                "must be in E.164 form (+ and 8-15 digits)",
            ));
        }
    }
    let now = state.clock().stamp();
    let hours = body
        .0
        .get("expires_in_hours")
        .and_then(Value::as_f64)
        .unwrap_or(24.0);
    let (tenant_name, inviter_name, member) = {
        let auth = state.auth();
        let member = email.as_deref().and_then(|e| {
            let user = auth.user_by_email(e)?;
            let m = auth.membership(&user.id, &caller.tenant_id)?;
            Some(m.status == "active")
        });
        (
            auth.tenant(&caller.tenant_id).map(|t| t.name.clone()),
            auth.user(&caller.session.user_id)
                .map(|u| u.display_name.clone()),
            member,
        )
    };
    if member == Some(true) {
        return Err(conflict("This person is already a member of the tenant"));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let mut row = Map::new();
    for (key, value) in [
        ("id", json!(id)),
        ("tenantId", json!(caller.tenant_id)),
        ("tenant_name", json!(tenant_name)),
        ("invited_by", json!(caller.session.user_id)),
        ("invited_by_name", json!(inviter_name)),
        ("recipient_email", json!(email)),
        ("recipient_phone", json!(phone)),
        ("role", json!(body.str("role")?.unwrap_or("member"))),
        ("status", json!("pending")),
        ("channel", json!(body.str("channel")?.unwrap_or("email"))),
        ("language", json!(body.str("language")?.unwrap_or("en"))),
        ("personal_message", json!(body.str("personal_message")?)),
        ("expires_at", json!(hours_after(&now, hours))),
        ("sent_at", Value::Null),
        ("opened_at", Value::Null),
        ("accepted_at", Value::Null),
        ("accepted_by", Value::Null),
        ("created_at", json!(now)),
        ("updated_at", json!(now)),
    ] {
        row.insert(key.into(), value);
    }
    check_recipient(&row)?;
    let mut invitation = Invitation {
        row,
        full_code: new_code(),
        hours,
    };
    {
        let directory = state.directory();
        let open_for_same = directory.tenant(&caller.tenant_id).is_some_and(|t| {
            t.invitations.iter().any(|i| {
                is_open(&i.status(&now))
                    && ((email.is_some() && i.row["recipient_email"] == json!(email))
                        || (phone.is_some() && i.row["recipient_phone"] == json!(phone)))
            })
        });
        if open_for_same {
            return Err(conflict(
                "An open invitation for this person exists already",
            ));
        }
    }
    send(&state, &mut invitation, &now);
    let mut answer = invitation.public(&now);
    answer["full_code"] = json!(invitation.full_code);
    answer["invitation_url"] = json!(format!("{ACCEPT_URL}{}", invitation.full_code));
    state
        .directory()
        .tenant_mut(&caller.tenant_id)
        .invitations
        .push(invitation);
    state.audit(&caller, "created", "invitation", &id);
    Ok((StatusCode::CREATED, Json(json!({ "data": answer }))))
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let page = q.page()?;
    let now = state.clock().stamp();
    let directory = state.directory();
    let all = directory
        .tenant(&caller.tenant_id)
        .map(|t| t.invitations.as_slice())
        .unwrap_or_default();
    let data: Vec<Value> = all
        .iter()
        .skip(page.offset)
        .take(page.limit)
        .map(|i| i.public(&now))
        .collect();
    Ok(Json(
        json!({ "data": data, "pagination": page.pagination(all.len()) }),
    ))
}

pub async fn get_one(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let now = state.clock().stamp();
    let directory = state.directory();
    let invitation = directory
        .tenant(&caller.tenant_id)
        .and_then(|t| t.invitation(&id))
        .ok_or_else(not_found)?;
    Ok(Json(json!({ "data": invitation.public(&now) })))
}

/// Revoking keeps the invitation (status `revoked`): its state stays visible.
pub async fn revoke(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    caller.require_admin()?;
    let now = state.clock().stamp();
    {
        let mut directory = state.directory();
        let status = directory
            .tenant(&caller.tenant_id)
            .and_then(|t| t.invitation(&id))
            .ok_or_else(not_found)?
            .status(&now);
        if !is_open(&status) {
            return Err(transition(format!(
                "An {status} invitation cannot be revoked"
            )));
        }
        let tenant = directory.tenant_mut(&caller.tenant_id);
        let invitation = tenant.invitation_mut(&id).ok_or_else(not_found)?;
        invitation.row.insert("status".into(), json!("revoked"));
        invitation.row.insert("updated_at".into(), json!(now));
    }
    state.audit(&caller, "revoked", "invitation", &id);
    Ok(StatusCode::NO_CONTENT)
}

pub async fn resend(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    caller.require_admin()?;
    let body = Body::checked(
        &body,
        request_schema!("POST__secure__invitations__{id}__resend"),
    )?;
    let now = state.clock().stamp();
    let mut invitation = {
        let directory = state.directory();
        directory
            .tenant(&caller.tenant_id)
            .and_then(|t| t.invitation(&id))
            .ok_or_else(not_found)?
            .clone()
    };
    let status = invitation.status(&now);
    if !(is_open(&status) || status == "expired") {
        return Err(transition(format!(
            "An {status} invitation cannot be resent"
        )));
    }
    if let Some(channel) = body.str("channel")? {
        invitation.row.insert("channel".into(), json!(channel));
    }
    if let Some(language) = body.str("language")? {
        invitation.row.insert("language".into(), json!(language));
    }
    check_recipient(&invitation.row)?;
    if body.bool("extend_expiry")?.unwrap_or(true) {
        let expires = hours_after(&now, invitation.hours);
        invitation.row.insert("expires_at".into(), json!(expires));
    } else if status == "expired" {
        return Err(transition(
            "An expired invitation is resent with a new expiry (extend_expiry)".into(),
        ));
    }
    invitation.row.insert("updated_at".into(), json!(now));
    send(&state, &mut invitation, &now);
    let answer = invitation.public(&now);
    {
        let mut directory = state.directory();
        let tenant = directory.tenant_mut(&caller.tenant_id);
        if let Some(stored) = tenant.invitation_mut(&id) {
            *stored = invitation;
        }
    }
    state.audit(&caller, "resent", "invitation", &id);
    Ok(Json(json!({ "data": answer })))
}

/// The invitation holding `code` in any tenant, with its tenant.
pub fn find_by_code(state: &AppState, code: &str) -> Option<(String, Invitation)> {
    let directory = state.directory();
    let found = directory.tenants().find_map(|(tenant, dir)| {
        let i = dir
            .invitations
            .iter()
            .find(|i| i.full_code == code.trim())?;
        Some((tenant.clone(), i.clone()))
    });
    found
}

pub async fn dev_sent(State(state): State<Arc<AppState>>) -> Json<Value> {
    let data = state.directory().sent_invitations.clone();
    Json(json!({ "data": data }))
}
