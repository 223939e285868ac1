//! The signed-in user's own account: a new password, second factors (status, enrol and confirm
//! TOTP, a code by sms/email/WhatsApp, disable, new backup codes) and leaving a tenant. These
//! change the account on the server and cannot wait in the outbox (a password queued offline
//! would be a secret on disk), so they are online only: without the server they answer
//! `offline` ("… needs the network"), the same state the sync status shows the UI as
//! `offline`. Passwords, codes and the TOTP secret are never stored; the secret and backup
//! codes cross to the UI once, in the answer that must show them.

use outpost_platform::PlatformError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::contacts::Done;
use crate::error::AppError;
use crate::state::App;
use crate::TenantView;

/// A second-factor method of the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FactorMethod {
    /// Codes from an authenticator app.
    Totp,
    /// Codes by text message.
    Sms,
    /// Codes by email.
    Email,
    /// Codes by WhatsApp.
    Whatsapp,
}

impl FactorMethod {
    fn as_str(self) -> &'static str {
        match self {
            FactorMethod::Totp => "totp",
            FactorMethod::Sms => "sms",
            FactorMethod::Email => "email",
            FactorMethod::Whatsapp => "whatsapp",
        }
    }
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangePasswordArgs {
    pub current_password: String,
    /// At least 8 characters.
    pub new_password: String,
}

impl std::fmt::Debug for ChangePasswordArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChangePasswordArgs { .. }")
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoArgs {}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FactorCodeArgs {
    pub method: FactorMethod,
    /// A current code of the method (or, to disable, an unused backup code).
    pub code: String,
}

impl std::fmt::Debug for FactorCodeArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FactorCodeArgs {{ method: {:?}, .. }}", self.method)
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SendCodeArgs {
    /// `sms`, `email` or `whatsapp` (TOTP codes come from the app).
    pub method: FactorMethod,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeaveTenantArgs {
    pub tenant_id: String,
}

/// One second factor that is on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FactorView {
    pub method: String,
    pub enabled_at: Option<String>,
    pub last_used_at: Option<String>,
    /// Where its codes go, masked.
    pub delivery_target_masked: Option<String>,
}

/// The user's second factors.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TwoFactorView {
    pub enabled_methods: Vec<FactorView>,
    pub backup_codes_remaining: u32,
    /// Whether the tenant asks for a second factor.
    pub required: bool,
}

/// A TOTP enrolment, shown once: on after `confirm_two_factor` checks a code of the secret.
#[derive(Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TotpEnrolmentView {
    /// The shared secret (base32), for typing into an authenticator app.
    pub secret: String,
    /// The `otpauth://` address, for a QR code.
    pub otpauth_uri: String,
    /// One-time codes for when the app is lost; they count once TOTP is confirmed.
    pub backup_codes: Vec<String>,
}

impl std::fmt::Debug for TotpEnrolmentView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpEnrolmentView { .. }")
    }
}

/// New backup codes, shown once.
#[derive(Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupCodesView {
    pub codes: Vec<String>,
}

impl std::fmt::Debug for BackupCodesView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BackupCodesView { .. }")
    }
}

/// The server's refusal or failure; without the server, `offline` in words naming `what`.
fn online(what: &str, e: PlatformError) -> AppError {
    let mut err = AppError::from(e);
    if matches!(err.code.as_str(), "offline" | "timeout") {
        err.code = "offline".into();
        err.message = format!("{what} needs the network, and the server cannot be reached now");
    }
    err
}

impl App {
    /// Changes the signed-in user's password (other sessions stay signed in).
    pub async fn change_password(&self, args: ChangePasswordArgs) -> Result<Done, AppError> {
        let active = self.require_active().await?;
        active
            .session
            .change_password(&args.current_password, &args.new_password)
            .await
            .map_err(|e| online("changing your password", e))?;
        Ok(Done { ok: true })
    }

    /// The user's second factors.
    pub async fn two_factor_status(&self, _: NoArgs) -> Result<TwoFactorView, AppError> {
        let active = self.require_active().await?;
        let s = active
            .session
            .two_factor_status()
            .await
            .map_err(|e| online("reading your sign-in factors", e))?;
        Ok(TwoFactorView {
            enabled_methods: s
                .enabled_methods
                .into_iter()
                .map(|m| FactorView {
                    method: m.method,
                    enabled_at: m.enabled_at,
                    last_used_at: m.last_used_at,
                    delivery_target_masked: m.delivery_target_masked,
                })
                .collect(),
            backup_codes_remaining: s.backup_codes_remaining,
            required: s.requires_2fa,
        })
    }

    /// Starts a TOTP enrolment: a new secret, on once `confirm_two_factor` checks a code.
    pub async fn enrol_totp(&self, _: NoArgs) -> Result<TotpEnrolmentView, AppError> {
        let active = self.require_active().await?;
        let e = active
            .session
            .enrol_totp()
            .await
            .map_err(|e| online("setting up an authenticator app", e))?;
        Ok(TotpEnrolmentView {
            secret: e.secret.expose().to_string(),
            otpauth_uri: e.qr_code_uri.expose().to_string(),
            backup_codes: e
                .backup_codes
                .iter()
                .map(|c| c.expose().to_string())
                .collect(),
        })
    }

    /// Turns a method being set up on with a code of it.
    pub async fn confirm_two_factor(&self, args: FactorCodeArgs) -> Result<Done, AppError> {
        let active = self.require_active().await?;
        let answer = active
            .session
            .verify_two_factor(args.method.as_str(), &args.code)
            .await
            .map_err(|e| online("confirming a sign-in factor", e))?;
        if !answer.verified {
            return Err(
                AppError::new("rejected", "code: the server did not accept it")
                    .with_details(serde_json::json!({ "field": "code" })),
            );
        }
        Ok(Done { ok: true })
    }

    /// Sends a code by sms, email or WhatsApp (to sign in, confirm or disable that method).
    pub async fn send_two_factor_code(&self, args: SendCodeArgs) -> Result<Done, AppError> {
        if args.method == FactorMethod::Totp {
            return Err(AppError::new(
                "invalid",
                "method: TOTP codes come from your authenticator app, not from the server",
            )
            .with_details(serde_json::json!({ "field": "method" })));
        }
        let active = self.require_active().await?;
        active
            .session
            .send_two_factor_code(args.method.as_str())
            .await
            .map_err(|e| online("sending a code", e))?;
        Ok(Done { ok: true })
    }

    /// Turns a method off with a current code of it or an unused backup code.
    pub async fn disable_two_factor(&self, args: FactorCodeArgs) -> Result<Done, AppError> {
        let active = self.require_active().await?;
        active
            .session
            .disable_two_factor(args.method.as_str(), &args.code)
            .await
            .map_err(|e| online("turning a sign-in factor off", e))?;
        Ok(Done { ok: true })
    }

    /// New backup codes; the older ones stop working.
    pub async fn new_backup_codes(&self, _: NoArgs) -> Result<BackupCodesView, AppError> {
        let active = self.require_active().await?;
        let codes = active
            .session
            .new_backup_codes()
            .await
            .map_err(|e| online("making new backup codes", e))?;
        Ok(BackupCodesView {
            codes: codes.iter().map(|c| c.expose().to_string()).collect(),
        })
    }

    /// Leaves a tenant; answers the tenants the user is still in.
    pub async fn leave_tenant(&self, args: LeaveTenantArgs) -> Result<Vec<TenantView>, AppError> {
        let active = self.require_active().await?;
        active
            .session
            .leave_tenant(&args.tenant_id)
            .await
            .map_err(|e| online("leaving a tenant", e))?;
        self.list_tenants(super::accounts::ListTenantsArgs { refresh: true })
            .await
    }
}
