//! `outpost sync [--tenant T]|status|outbox|conflicts|history`: send local edits, see what waits,
//! failed or conflicts, and decide what happens to it.

use std::collections::BTreeMap;

use clap::{ArgGroup, Args, Subcommand};
use outpost_app::commands::accounts::{ListTenantsArgs, TenantArgs, TenantView};
use outpost_app::commands::sync::{
    CancelSyncArgs, ListConflictsArgs, ListOutboxArgs, OpIdArgs, ResolveConflictArgs,
    SyncHistoryArgs, SyncNowArgs, SyncStatusArgs,
};
use outpost_app::file_lock::describe;
use outpost_app::{App, AppError};
use outpost_replica::{Choice, OpState, Resolution};

use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum OutboxCommand {
    /// The local edits not yet on the server, in the order they will be sent
    Ls {
        /// Only failed ops
        #[arg(long)]
        failed: bool,
    },
    /// Send a failed edit again at the next sync
    Retry { op_id: String },
    /// Give up a local edit: the record returns to the server's version
    Discard { op_id: String },
}

#[derive(Subcommand, Debug)]
pub enum ConflictsCommand {
    /// Edits that clash with changes made on the server
    Ls,
    /// One conflict: base, mine and theirs, field by field
    Show { conflict_id: String },
    /// Decide a conflict; the result goes out with the next sync
    Resolve(ResolveArgs),
}

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("how").required(true).args(["keep_mine", "take_theirs", "field"])))]
pub struct ResolveArgs {
    conflict_id: String,
    /// Keep the local version
    #[arg(long)]
    keep_mine: bool,
    /// Take the server's version
    #[arg(long)]
    take_theirs: bool,
    /// Choose per field: FIELD=mine or FIELD=theirs, once for each conflicting field
    #[arg(long, value_name = "FIELD=mine|theirs")]
    field: Vec<String>,
}

impl ResolveArgs {
    fn resolution(&self) -> Result<Resolution, AppError> {
        if self.keep_mine {
            return Ok(Resolution::KeepMine);
        }
        if self.take_theirs {
            return Ok(Resolution::TakeTheirs);
        }
        let mut choices = BTreeMap::new();
        for item in &self.field {
            let (name, choice) = item.split_once('=').ok_or_else(|| {
                AppError::new(
                    "invalid",
                    format!("--field {item:?}: write FIELD=mine or FIELD=theirs"),
                )
            })?;
            let choice = match choice {
                "mine" => Choice::Mine,
                "theirs" => Choice::Theirs,
                other => {
                    return Err(AppError::new(
                        "invalid",
                        format!("--field {name}={other}: the choice is mine or theirs"),
                    ))
                }
            };
            choices.insert(name.to_string(), choice);
        }
        Ok(Resolution::PerField(choices))
    }
}

#[derive(Args, Debug)]
pub struct SyncCmd {
    /// Sync this tenant (id, slug or name) instead of the active one; the active one stays
    #[arg(long, value_name = "T")]
    tenant: Option<String>,
    /// When another process is syncing this account, wait for it instead of stopping
    #[arg(long)]
    wait: bool,
    /// List everything on the server instead of asking what changed since the last sync
    #[arg(long)]
    full: bool,
}

pub async fn sync(app: &App, cmd: SyncCmd, out: Output) -> Result<(), AppError> {
    let Some(wanted) = cmd.tenant.clone() else {
        return sync_until_interrupted(app, &cmd, out).await;
    };
    let tenants = app.list_tenants(ListTenantsArgs { refresh: false }).await?;
    let target = find_tenant(&tenants, &wanted)?;
    let previous = tenants.iter().find(|t| t.active).map(|t| t.id.clone());
    if previous.as_deref() == Some(target.id.as_str()) {
        return sync_until_interrupted(app, &cmd, out).await;
    }
    app.use_tenant(TenantArgs {
        tenant_id: target.id.clone(),
    })
    .await?;
    let result = sync_until_interrupted(app, &cmd, out).await;
    // Back to the tenant the user had open, whatever the sync did.
    if let Some(tenant_id) = previous {
        app.use_tenant(TenantArgs { tenant_id }).await?;
    }
    result
}

/// The user's tenant named by id, slug or name (case does not matter for slug and name).
fn find_tenant<'a>(tenants: &'a [TenantView], wanted: &str) -> Result<&'a TenantView, AppError> {
    let lower = wanted.to_lowercase();
    tenants
        .iter()
        .find(|t| t.id == wanted)
        .or_else(|| {
            tenants.iter().find(|t| {
                t.slug.as_deref().map(str::to_lowercase).as_deref() == Some(lower.as_str())
                    || t.name.to_lowercase() == lower
            })
        })
        .ok_or_else(|| {
            let known: Vec<String> = tenants
                .iter()
                .map(|t| t.slug.clone().unwrap_or_else(|| t.name.clone()))
                .collect();
            AppError::new(
                "not_found",
                format!(
                    "no tenant {wanted:?} among yours ({}); `outpost tenants ls` lists them",
                    known.join(", ")
                ),
            )
        })
}

/// A sync of the active tenant. Ctrl-C stops it where it is: what was not sent waits for the
/// next sync, and an edit cut off on the wire is checked on the server before it goes again.
/// When another process is syncing the account, `wait` waits for it; else it stops and says so.
async fn sync_until_interrupted(app: &App, cmd: &SyncCmd, out: Output) -> Result<(), AppError> {
    let run = async {
        if cmd.wait {
            app.sync_now_waiting(cmd.full, |holder| {
                eprintln!(
                    "Waiting for the sync running in {} to finish…",
                    describe(holder)
                )
            })
            .await
        } else {
            app.sync_now(SyncNowArgs {
                full: Some(cmd.full),
            })
            .await
            .map_err(offer_to_wait)
        }
    };
    tokio::pin!(run);
    let outcome = tokio::select! {
        outcome = &mut run => outcome,
        _ = tokio::signal::ctrl_c() => {
            eprintln!("Stopping the sync…");
            app.cancel_sync(CancelSyncArgs {}).await?;
            run.await
        }
    };
    out.sync_outcome(&outcome?);
    Ok(())
}

/// A refusal because another process syncs: says how to wait for it instead.
fn offer_to_wait(mut e: AppError) -> AppError {
    if e.code == "sync_running" {
        e.message
            .push_str("; `outpost sync --wait` waits for it and then syncs");
    }
    e
}

pub async fn status(app: &App, out: Output) -> Result<(), AppError> {
    out.sync_status(&app.sync_status(SyncStatusArgs {}).await?);
    Ok(())
}

pub async fn history(app: &App, limit: u32, out: Output) -> Result<(), AppError> {
    out.sync_history(
        &app.sync_history(SyncHistoryArgs { limit: Some(limit) })
            .await?,
    );
    Ok(())
}

pub async fn outbox(app: &App, cmd: OutboxCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        OutboxCommand::Ls { failed } => {
            let states = failed.then(|| vec![OpState::Failed]);
            out.outbox(&app.list_outbox(ListOutboxArgs { states }).await?);
        }
        OutboxCommand::Retry { op_id } => {
            app.retry_op(OpIdArgs {
                op_id: op_id.clone(),
            })
            .await?;
            out.done(&format!("Op {op_id} goes again with the next sync."));
        }
        OutboxCommand::Discard { op_id } => {
            app.discard_op(OpIdArgs {
                op_id: op_id.clone(),
            })
            .await?;
            out.done(&format!(
                "Op {op_id} discarded; the record shows the server's version again."
            ));
        }
    }
    Ok(())
}

pub async fn conflicts(app: &App, cmd: ConflictsCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        ConflictsCommand::Ls => out.conflicts(&app.list_conflicts(ListConflictsArgs {}).await?),
        ConflictsCommand::Show { conflict_id } => {
            let all = app.list_conflicts(ListConflictsArgs {}).await?;
            let conflict = all
                .into_iter()
                .find(|c| c.conflict_id == conflict_id)
                .ok_or_else(|| {
                    AppError::new(
                        "not_found",
                        format!("no open conflict {conflict_id}: see `outpost conflicts ls`"),
                    )
                })?;
            out.conflict(&conflict);
        }
        ConflictsCommand::Resolve(args) => {
            let resolution = args.resolution()?;
            app.resolve_conflict(ResolveConflictArgs {
                conflict_id: args.conflict_id.clone(),
                resolution,
            })
            .await?;
            out.done(&format!(
                "Conflict {} resolved; the next sync sends the result.",
                args.conflict_id
            ));
        }
    }
    Ok(())
}
