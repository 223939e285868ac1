//! `outpost login|logout|accounts|tenants`.

use std::io::{BufRead, IsTerminal, Write};

use clap::{Args, Subcommand};
use outpost_app::commands::accounts::{
    ListTenantsArgs, SecondFactorMethod, SignInArgs, SignOutArgs, TenantArgs, UseAccountArgs,
    VerifySecondFactorArgs,
};
use outpost_app::{App, AppError, SignInStatus};

use crate::output::Output;

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// The user's email
    #[arg(long)]
    email: Option<String>,
    /// Read the password from standard input (first line) instead of asking
    #[arg(long)]
    password_stdin: bool,
    /// Keep the sign-in in the OS keyring for the next runs
    #[arg(long)]
    remember: bool,
    /// A code from the authenticator app, if the account has two-factor sign-in; `-` reads it
    /// from standard input (after the password, with --password-stdin), out of shell history
    #[arg(long)]
    totp: Option<String>,
    /// A one-time backup code instead of a TOTP code; `-` reads it from standard input
    #[arg(long, conflicts_with = "totp")]
    backup_code: Option<String>,
}

#[derive(Args, Debug)]
pub struct LogoutArgs {
    /// Also delete the local replica (unsynced edits are lost)
    #[arg(long, conflicts_with = "keep")]
    wipe: bool,
    /// Keep the local replica on disk (the default when not asked)
    #[arg(long)]
    keep: bool,
}

#[derive(Subcommand, Debug)]
pub enum AccountsCommand {
    /// The accounts known here; * marks the active one
    Ls,
    /// Make another account the active one
    Use { account_id: String },
}

#[derive(Subcommand, Debug)]
pub enum TenantsCommand {
    /// The signed-in user's tenants; * marks the active one
    Ls {
        /// Ask the server instead of the replica's list
        #[arg(long)]
        refresh: bool,
    },
    /// Switch the tenant Outpost shows and syncs
    Use { tenant_id: String },
    /// Set the tenant the server picks at sign-in
    Default { tenant_id: String },
    #[command(flatten)]
    Admin(crate::tenant_admin::TenantAdminCommand),
}

fn prompt(label: &str) -> Result<String, AppError> {
    eprint!("{label}");
    std::io::stderr().flush().ok();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| AppError::new("input", e.to_string()))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn read_password(from_stdin: bool) -> Result<String, AppError> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| AppError::new("input", e.to_string()))?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    rpassword::prompt_password("Password: ").map_err(|e| AppError::new("input", e.to_string()))
}

/// A second-factor code given on the command line, or `-`: the next line of standard input.
fn code_or_stdin(code: String) -> Result<String, AppError> {
    if code != "-" {
        return Ok(code);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| AppError::new("input", e.to_string()))?;
    let line = line.trim().to_string();
    if line.is_empty() {
        return Err(AppError::new(
            "second_factor_required",
            "--totp - (or --backup-code -) reads the code from standard input, which gave none",
        ));
    }
    Ok(line)
}

pub async fn login(
    app: &App,
    server: Option<String>,
    args: LoginArgs,
    out: Output,
) -> Result<(), AppError> {
    let server_url = server.ok_or_else(|| {
        AppError::new(
            "not_configured",
            "say which server with --server URL (or OUTPOST_SERVER)",
        )
    })?;
    let email = match args.email {
        Some(e) => e,
        None => prompt("Email: ")?,
    };
    let password = read_password(args.password_stdin)?;
    let mut outcome = app
        .sign_in(SignInArgs {
            server_url,
            email,
            password,
            remember_me: args.remember,
        })
        .await?;
    if outcome.status == SignInStatus::SecondFactorRequired {
        let (method, code) = match (args.totp, args.backup_code) {
            (Some(code), _) => (SecondFactorMethod::Totp, code_or_stdin(code)?),
            (None, Some(code)) => (SecondFactorMethod::Backup, code_or_stdin(code)?),
            (None, None) if std::io::stdin().is_terminal() => (
                SecondFactorMethod::Totp,
                prompt("Code from your authenticator app: ")?,
            ),
            (None, None) => {
                app.cancel_sign_in(Default::default()).await?;
                return Err(AppError::new(
                    "second_factor_required",
                    "this account has two-factor sign-in: pass --totp CODE or --backup-code CODE",
                ));
            }
        };
        outcome = app
            .verify_second_factor(VerifySecondFactorArgs { method, code })
            .await?;
    }
    out.session(&outcome.session);
    Ok(())
}

pub async fn logout(app: &App, args: LogoutArgs, out: Output) -> Result<(), AppError> {
    let check = app.sign_out_check(Default::default()).await?;
    if args.wipe && check.unsynced_edits > 0 && !out.json {
        eprintln!(
            "warning: {} local edit(s) are not on the server yet and will be lost with the replica",
            check.unsynced_edits
        );
    }
    let report = app
        .sign_out(SignOutArgs {
            wipe_replica: args.wipe,
        })
        .await?;
    out.sign_out(&report);
    Ok(())
}

pub async fn accounts(app: &App, cmd: AccountsCommand, out: Output) -> Result<(), AppError> {
    let state = match cmd {
        AccountsCommand::Ls => app.session_state(Default::default()).await?,
        AccountsCommand::Use { account_id } => {
            app.use_account(UseAccountArgs { account_id }).await?
        }
    };
    out.accounts(&state);
    Ok(())
}

pub async fn tenants(app: &App, cmd: TenantsCommand, out: Output) -> Result<(), AppError> {
    let tenants = match cmd {
        TenantsCommand::Ls { refresh } => app.list_tenants(ListTenantsArgs { refresh }).await?,
        TenantsCommand::Use { tenant_id } => {
            app.use_tenant(TenantArgs { tenant_id }).await?.tenants
        }
        TenantsCommand::Default { tenant_id } => {
            app.set_default_tenant(TenantArgs { tenant_id }).await?
        }
        TenantsCommand::Admin(cmd) => return crate::tenant_admin::run(app, cmd, out).await,
    };
    out.tenants(&tenants);
    Ok(())
}
