//! `/api/v1/public/auth/*` and `/api/v1/secure/auth/*`.

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// `POST /public/auth/login` body. Built only inside the client, which sends it at once.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LoginRequest<'a> {
    pub email: &'a str,
    pub password: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remember_me: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<&'a str>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthUser {
    pub id: String,
    pub email: String,
    #[serde(default)]
    pub display_name: Option<String>,
    pub tenant_id: String,
    #[serde(default)]
    pub tenant_name: Option<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub permissions: Option<Vec<String>>,
    #[serde(default)]
    pub is_system_admin: bool,
    #[serde(default)]
    pub is_tenant_admin: bool,
}

/// `POST /public/auth/login` answer.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    pub user: AuthUser,
    pub access_token: Secret,
    pub refresh_token: Secret,
    pub expires_in: u64,
}

/// `POST /public/auth/refresh` answer.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshResponse {
    pub access_token: Secret,
    pub refresh_token: Secret,
    pub expires_in: u64,
}

/// `GET /secure/auth/me` answer.
#[derive(Debug, Clone, Deserialize)]
pub struct MeResponse {
    pub user: AuthUser,
}

/// One row of `GET /secure/auth/tenants`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct TenantMembership {
    pub user_id: String,
    #[serde(rename = "tenantId")]
    pub tenant_id: String,
    /// owner, admin, manager, member, guest or system_admin.
    pub role: String,
    /// active, suspended, pending or invited.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub is_default: Option<bool>,
    #[serde(default)]
    pub joined_at: Option<String>,
    #[serde(rename = "tenantName")]
    pub tenant_name: String,
    #[serde(rename = "tenantSlug")]
    pub tenant_slug: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantsResponse {
    pub data: Vec<TenantMembership>,
    #[serde(default)]
    pub active_tenant_id: Option<String>,
    #[serde(default)]
    pub default_tenant_id: Option<String>,
}

/// `POST /secure/auth/switch-tenant` answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwitchTenantResponse {
    pub success: bool,
    pub tenant_id: String,
    pub tenant_name: String,
    pub tenant_slug: String,
    pub role: String,
}

/// `POST /secure/auth/2fa/verify` answer's `data`.
#[derive(Debug, Clone, Deserialize)]
pub struct TwoFactorVerified {
    pub method: String,
    pub verified: bool,
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// `POST /secure/auth/2fa/use-backup` answer's `data`.
#[derive(Debug, Clone, Deserialize)]
pub struct BackupCodeUsed {
    #[serde(default)]
    pub used: bool,
    #[serde(default)]
    pub remaining: Option<u32>,
}

/// The `{success, message, data}` envelope of the 2FA endpoints.
#[derive(Debug, Clone, Deserialize)]
pub struct SuccessEnvelope<T> {
    pub success: bool,
    pub message: String,
    pub data: T,
}
