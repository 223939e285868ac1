//! `outpost approvals ls|approve|reject`: requests waiting for an administrator, decided
//! offline and sent at the next `outpost sync` (owners and admins).

use clap::Subcommand;
use outpost_app::commands::approvals::{ApproveArgs, ListApprovalsArgs, RejectArgs};
use outpost_app::{App, AppError};
use outpost_replica::Record;
use serde_json::json;

use crate::output::Output;
use crate::output_records::field_text;

#[derive(Subcommand, Debug)]
pub enum ApprovalsCommand {
    /// List the approval requests and where each stands
    Ls,
    /// Approve a request (offline; the next sync sends it)
    Approve {
        /// Local or server id
        id: String,
        /// A comment for whoever asked (at most 500 characters)
        #[arg(long)]
        comment: Option<String>,
    },
    /// Reject a request, with the reason (offline; the next sync sends it)
    Reject {
        /// Local or server id
        id: String,
        /// Why (1 to 500 characters)
        #[arg(long)]
        reason: String,
    },
}

pub async fn approvals(app: &App, cmd: ApprovalsCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        ApprovalsCommand::Ls => out.approvals(&app.list_approvals(ListApprovalsArgs {}).await?),
        ApprovalsCommand::Approve { id, comment } => out.saved(
            "Approved",
            &app.approve_request(ApproveArgs { id, comment }).await?,
        ),
        ApprovalsCommand::Reject { id, reason } => out.saved(
            "Rejected",
            &app.reject_request(RejectArgs {
                id,
                rejection_reason: reason,
            })
            .await?,
        ),
    }
    Ok(())
}

impl Output {
    pub fn approvals(&self, items: &[Record]) {
        if self.json {
            return self.print_json(json!(items));
        }
        if items.is_empty() {
            println!("No approval requests.");
        }
        for a in items {
            let id = a.server_id.as_deref().unwrap_or(&a.local_id);
            let state = if a.has_pending_ops {
                "decided here, waiting to sync"
            } else {
                field_text(a, "status")
            };
            println!(
                "{id}  {} {}  {state}",
                field_text(a, "entity_type"),
                field_text(a, "entity_name")
            );
        }
    }
}
