//! `outpost account password|2fa status|2fa enrol|2fa confirm|2fa send-code|2fa disable|
//! 2fa backup-codes|leave`: the signed-in user's own account, online only. Passwords are read
//! from the terminal without echo, or as lines of standard input (current, then new) when it is
//! not a terminal; they never go on the command line, where other users could read them.

use std::io::{BufRead, IsTerminal};

use clap::{Subcommand, ValueEnum};
use outpost_app::commands::own_account::{
    ChangePasswordArgs, FactorCodeArgs, FactorMethod, LeaveTenantArgs, NoArgs, SendCodeArgs,
};
use outpost_app::{App, AppError};
use serde_json::json;

use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum AccountCommand {
    /// Change your password (asked for, or two lines of standard input: current, new)
    Password,
    /// Your second sign-in factors
    #[command(name = "2fa", subcommand)]
    TwoFactor(TwoFactorCommand),
    /// Leave a tenant
    Leave {
        /// The tenant's id (`outpost tenants ls` lists them)
        tenant_id: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum TwoFactorCommand {
    /// Which factors are on, and how many backup codes are left
    Status,
    /// Set up an authenticator app: prints its secret and backup codes once
    Enrol,
    /// Turn a factor being set up on, with a code of it
    Confirm {
        code: String,
        #[arg(long, value_enum, default_value = "totp")]
        method: Method,
    },
    /// Have a code sent by sms, email or WhatsApp
    SendCode {
        #[arg(value_enum)]
        method: Method,
    },
    /// Turn a factor off, with a code of it or an unused backup code
    Disable {
        code: String,
        #[arg(long, value_enum, default_value = "totp")]
        method: Method,
    },
    /// New backup codes (printed once; the older ones stop working)
    BackupCodes,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum Method {
    Totp,
    Sms,
    Email,
    Whatsapp,
}

impl From<Method> for FactorMethod {
    fn from(m: Method) -> Self {
        match m {
            Method::Totp => FactorMethod::Totp,
            Method::Sms => FactorMethod::Sms,
            Method::Email => FactorMethod::Email,
            Method::Whatsapp => FactorMethod::Whatsapp,
        }
    }
}

fn input_error(e: std::io::Error) -> AppError {
    AppError::new("input", e.to_string())
}

/// The current and the new password.
fn passwords() -> Result<(String, String), AppError> {
    if std::io::stdin().is_terminal() {
        let current = rpassword::prompt_password("Current password: ").map_err(input_error)?;
        let new = rpassword::prompt_password("New password: ").map_err(input_error)?;
        return Ok((current, new));
    }
    let mut lines = std::io::stdin().lock().lines();
    let mut next = |what: &str| -> Result<String, AppError> {
        lines
            .next()
            .transpose()
            .map_err(input_error)?
            .ok_or_else(|| AppError::new("input", format!("{what} is missing on standard input")))
    };
    Ok((next("the current password")?, next("the new password")?))
}

pub async fn account(app: &App, cmd: AccountCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        AccountCommand::Password => {
            let (current_password, new_password) = passwords()?;
            app.change_password(ChangePasswordArgs {
                current_password,
                new_password,
            })
            .await?;
            out.done("Password changed.");
        }
        AccountCommand::Leave { tenant_id } => {
            let left = app.leave_tenant(LeaveTenantArgs { tenant_id }).await?;
            out.tenants(&left);
        }
        AccountCommand::TwoFactor(cmd) => two_factor(app, cmd, out).await?,
    }
    Ok(())
}

async fn two_factor(app: &App, cmd: TwoFactorCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        TwoFactorCommand::Status => {
            let s = app.two_factor_status(NoArgs {}).await?;
            if out.json {
                out.print_json(json!(s));
                return Ok(());
            }
            if s.enabled_methods.is_empty() {
                println!("No second factor is on.");
            }
            for m in &s.enabled_methods {
                println!(
                    "{} on since {}",
                    m.method,
                    m.enabled_at.as_deref().unwrap_or("?")
                );
            }
            println!("{} backup codes left.", s.backup_codes_remaining);
        }
        TwoFactorCommand::Enrol => {
            let e = app.enrol_totp(NoArgs {}).await?;
            if out.json {
                out.print_json(json!(e));
                return Ok(());
            }
            println!("Add this to your authenticator app: {}", e.otpauth_uri);
            println!("(or type the secret: {})", e.secret);
            println!(
                "Backup codes (shown once; they count after `outpost account 2fa confirm CODE`):"
            );
            for c in &e.backup_codes {
                println!("  {c}");
            }
        }
        TwoFactorCommand::Confirm { code, method } => {
            app.confirm_two_factor(FactorCodeArgs {
                method: method.into(),
                code,
            })
            .await?;
            out.done("The factor is on.");
        }
        TwoFactorCommand::SendCode { method } => {
            app.send_two_factor_code(SendCodeArgs {
                method: method.into(),
            })
            .await?;
            out.done("A code is on its way.");
        }
        TwoFactorCommand::Disable { code, method } => {
            app.disable_two_factor(FactorCodeArgs {
                method: method.into(),
                code,
            })
            .await?;
            out.done("The factor is off.");
        }
        TwoFactorCommand::BackupCodes => {
            let codes = app.new_backup_codes(NoArgs {}).await?;
            if out.json {
                out.print_json(json!(codes));
                return Ok(());
            }
            println!("New backup codes (shown once; the older ones no longer work):");
            for c in &codes.codes {
                println!("  {c}");
            }
        }
    }
    Ok(())
}
