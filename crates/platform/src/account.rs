//! The signed-in user's own account (seed: Auth, 2FA, Multi-Tenant): a new password, second
//! factors (status, enrol, confirm, send a code, disable, new backup codes) and leaving a tenant.
//! Online only: nothing here is queued. What the server answers once (a TOTP secret, backup
//! codes) is held as [`Secret`]s, so no `Debug` or log line shows it.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::secret::Secret;
use crate::session::Session;
use crate::wire::auth::SuccessEnvelope;
use crate::{Method, PlatformError};

/// One second factor of the user (`GET /secure/auth/2fa/status`).
#[derive(Debug, Clone, Deserialize)]
pub struct FactorStatus {
    /// `totp`, `sms`, `email` or `whatsapp`.
    pub method: String,
    /// When it was turned on.
    #[serde(default)]
    pub enabled_at: Option<String>,
    /// When it was last used.
    #[serde(default)]
    pub last_used_at: Option<String>,
    /// Where its codes go, masked.
    #[serde(default)]
    pub delivery_target_masked: Option<String>,
}

/// The user's second factors.
#[derive(Debug, Clone, Deserialize)]
pub struct TwoFactorStatus {
    /// The methods on.
    pub enabled_methods: Vec<FactorStatus>,
    /// Unused backup codes left.
    pub backup_codes_remaining: u32,
    /// Whether the tenant asks for a second factor.
    #[serde(default)]
    pub requires_2fa: bool,
}

/// What `enable/totp` answers once: the secret for the authenticator app, its `otpauth://`
/// address, and the backup codes that count once a code of the secret is confirmed.
#[derive(Debug, Clone, Deserialize)]
pub struct TotpEnrolment {
    /// The shared secret (base32).
    pub secret: Secret,
    /// The `otpauth://` address an authenticator app reads.
    pub qr_code_uri: Secret,
    /// One-time codes for when the app is lost.
    pub backup_codes: Vec<Secret>,
}

/// What `enable/{sms,email,whatsapp}` answers: where the code went.
#[derive(Debug, Clone, Deserialize)]
pub struct DeliveryEnrolment {
    /// Where the code was sent.
    pub delivery_target: String,
    /// Whether it was sent.
    pub verification_sent: bool,
    /// How long the code works.
    #[serde(default)]
    pub expires_in_seconds: Option<u64>,
}

#[derive(Deserialize)]
struct BackupCodes {
    backup_codes: Vec<Secret>,
}

impl Session {
    /// `POST /secure/auth/me/change-password`.
    pub async fn change_password(&self, current: &str, new: &str) -> Result<(), PlatformError> {
        let _: Value = self
            .send_json(
                Method::POST,
                "/api/v1/secure/auth/me/change-password",
                &json!({ "currentPassword": current, "newPassword": new }),
            )
            .await?;
        Ok(())
    }

    /// `GET /secure/auth/2fa/status`.
    pub async fn two_factor_status(&self) -> Result<TwoFactorStatus, PlatformError> {
        #[derive(Deserialize)]
        struct Answer {
            data: TwoFactorStatus,
        }
        let answer: Answer = self.get("/api/v1/secure/auth/2fa/status", &[]).await?;
        Ok(answer.data)
    }

    /// `POST /secure/auth/2fa/enable/totp`: a new secret, on once a code of it is confirmed
    /// ([`Session::verify_two_factor`]).
    pub async fn enrol_totp(&self) -> Result<TotpEnrolment, PlatformError> {
        let answer: SuccessEnvelope<TotpEnrolment> = self
            .send_json(
                Method::POST,
                "/api/v1/secure/auth/2fa/enable/totp",
                &json!({}),
            )
            .await?;
        Ok(answer.data)
    }

    /// `POST /secure/auth/2fa/enable/{method}` for `sms`, `email` or `whatsapp`: a code is sent
    /// to `target` (the account's email for `email` when None).
    pub async fn enrol_delivery(
        &self,
        method: &str,
        target: Option<&str>,
    ) -> Result<DeliveryEnrolment, PlatformError> {
        let body = match target {
            Some(t) => json!({ "delivery_target": t }),
            None => json!({}),
        };
        let path = format!("/api/v1/secure/auth/2fa/enable/{method}");
        let answer: SuccessEnvelope<DeliveryEnrolment> =
            self.send_json(Method::POST, &path, &body).await?;
        Ok(answer.data)
    }

    /// `POST /secure/auth/2fa/send-code`: a code by `sms`, `email` or `whatsapp` (also while
    /// a sign-in waits for its second factor).
    pub async fn send_two_factor_code(&self, method: &str) -> Result<(), PlatformError> {
        let _: Value = self
            .send_json(
                Method::POST,
                "/api/v1/secure/auth/2fa/send-code",
                &json!({ "method": method }),
            )
            .await?;
        Ok(())
    }

    /// `DELETE /secure/auth/2fa/disable` with a current code of the method or a backup code.
    pub async fn disable_two_factor(&self, method: &str, code: &str) -> Result<(), PlatformError> {
        let body = json!({ "method": method, "code": code });
        let _: Value = self
            .request(
                Method::DELETE,
                "/api/v1/secure/auth/2fa/disable",
                &[],
                Some(&body),
            )
            .await?;
        Ok(())
    }

    /// `POST /secure/auth/2fa/backup-codes`: new backup codes; the older ones stop working.
    pub async fn new_backup_codes(&self) -> Result<Vec<Secret>, PlatformError> {
        let answer: SuccessEnvelope<BackupCodes> = self
            .send_json(
                Method::POST,
                "/api/v1/secure/auth/2fa/backup-codes",
                &json!({}),
            )
            .await?;
        Ok(answer.data.backup_codes)
    }

    /// `POST /secure/auth/leave-tenant/{tenantId}`.
    pub async fn leave_tenant(&self, tenant_id: &str) -> Result<(), PlatformError> {
        let path = format!("/api/v1/secure/auth/leave-tenant/{tenant_id}");
        let _: Value = self.request(Method::POST, &path, &[], None).await?;
        Ok(())
    }
}
