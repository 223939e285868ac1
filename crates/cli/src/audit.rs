//! `outpost audit ls`: the active tenant's audit log as the syncs pulled it, searched offline
//! by actor, record, action and dates, newest first.

use clap::Subcommand;
use outpost_app::commands::audit::AuditSearchArgs;
use outpost_app::{App, AppError};
use outpost_replica::AuditEntry;
use serde_json::json;

use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// List audit rows, newest first
    Ls {
        /// Rows by this user (their id)
        #[arg(long)]
        actor: Option<String>,
        /// Rows about this record (its server id): its history
        #[arg(long)]
        record: Option<String>,
        /// Rows about records of this type (contact, group, tenant, ...)
        #[arg(long = "type")]
        record_type: Option<String>,
        /// Rows of this action (created, updated, deleted, ...)
        #[arg(long)]
        action: Option<String>,
        /// From this day (2026-03-01) or RFC 3339 time on
        #[arg(long)]
        since: Option<String>,
        /// Before this day or RFC 3339 time
        #[arg(long)]
        until: Option<String>,
        /// At most this many rows (200 when left out)
        #[arg(long)]
        limit: Option<u32>,
    },
}

pub async fn audit(app: &App, cmd: AuditCommand, out: Output) -> Result<(), AppError> {
    let AuditCommand::Ls {
        actor,
        record,
        record_type,
        action,
        since,
        until,
        limit,
    } = cmd;
    let rows = app
        .search_audit_log(AuditSearchArgs {
            actor,
            record_type,
            record_id: record,
            action,
            since,
            until,
            limit,
        })
        .await?;
    out.audit_rows(&rows);
    Ok(())
}

impl Output {
    pub fn audit_rows(&self, rows: &[AuditEntry]) {
        if self.json {
            return self.print_json(json!(rows));
        }
        if rows.is_empty() {
            println!("No audit rows (`outpost sync` pulls the log).");
        }
        for r in rows {
            println!(
                "{}  {} {} {} {}",
                r.created_at,
                r.actor.as_deref().unwrap_or("-"),
                r.action,
                r.resource_type.as_deref().unwrap_or("-"),
                r.resource_id.as_deref().unwrap_or("-"),
            );
        }
    }
}
