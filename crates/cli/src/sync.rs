//! `outpost sync|status|outbox|conflicts|history`: send local edits, see what waits, failed or
//! conflicts, and decide what happens to it.

use std::collections::BTreeMap;

use clap::{ArgGroup, Args, Subcommand};
use outpost_app::commands::sync::{
    ListConflictsArgs, ListOutboxArgs, OpIdArgs, ResolveConflictArgs, SyncHistoryArgs, SyncNowArgs,
    SyncStatusArgs,
};
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

pub async fn sync(app: &App, out: Output) -> Result<(), AppError> {
    out.sync_outcome(&app.sync_now(SyncNowArgs {}).await?);
    Ok(())
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
