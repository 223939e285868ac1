//! Invitations to join the tenant: sent at the next sync like any edit, then resent or revoked.
//! The seed spells their fields in snake_case, in requests and answers alike.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::enums::{InvitationChannel, InvitationStatus, TenantRole};

/// An invitation as the replica keeps it: what was sent and where it stands.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct Invitation {
    /// The recipient's email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_email: Option<String>,
    /// The recipient's phone number (E.164).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_phone: Option<String>,
    /// The role the recipient gets on accepting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<TenantRole>,
    /// How it reaches the recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<InvitationChannel>,
    /// The language of its message (ISO 639-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// A message from whoever invites, at most 500 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_message: Option<String>,
    /// Hours until it expires, as asked (kept until the server answers `expires_at`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_hours: Option<u32>,
    /// Where it stands (answered by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InvitationStatus>,
    /// When it expires (answered by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
}

/// An invitation to send (`POST /secure/invitations/`): to an email address or a phone number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct NewInvitation {
    /// The recipient's email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_email: Option<String>,
    /// The recipient's phone number (E.164).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_phone: Option<String>,
    /// The role the recipient gets (member when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<TenantRole>,
    /// How it reaches the recipient (email when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<InvitationChannel>,
    /// The language of its message (en when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// A message from whoever invites, at most 500 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_message: Option<String>,
    /// Hours until it expires, 1 to 168 (24 when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_hours: Option<u32>,
}
