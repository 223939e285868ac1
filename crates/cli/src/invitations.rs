//! `outpost invitations ls|add|resend|revoke`: invitations to the active tenant, sent at the
//! next `outpost sync` (owners and admins).

use clap::{Args, Subcommand, ValueEnum};
use outpost_app::commands::invitations::{InvitationIdArgs, InviteArgs, ListInvitationsArgs};
use outpost_app::{App, AppError};
use outpost_replica::{Fields, Record};
use serde_json::{json, Value};

use crate::fields::put;
use crate::output::Output;
use crate::output_records::field_text;

#[derive(Subcommand, Debug)]
pub enum InvitationsCommand {
    /// List the invitations and where each stands
    Ls,
    /// Invite someone by email or phone (offline; the next sync sends it)
    Add(InviteFieldArgs),
    /// Send an invitation again (at the next sync)
    Resend {
        /// Local or server id
        id: String,
    },
    /// Revoke an invitation (at the next sync)
    Revoke {
        /// Local or server id
        id: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Owner,
    Admin,
    Member,
    Guest,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ChannelArg {
    Email,
    Sms,
    Whatsapp,
}

#[derive(Args, Debug)]
pub struct InviteFieldArgs {
    /// The recipient's email address
    #[arg(long)]
    email: Option<String>,
    /// The recipient's phone number (E.164, e.g. +4915112345678)
    #[arg(long)]
    phone: Option<String>,
    /// The role they get (member when left out)
    #[arg(long, value_enum)]
    role: Option<RoleArg>,
    /// How the invitation reaches them (email when left out)
    #[arg(long, value_enum)]
    channel: Option<ChannelArg>,
    /// The language of its message (ISO 639-1, en when left out)
    #[arg(long)]
    language: Option<String>,
    /// A personal message, at most 500 characters
    #[arg(long)]
    message: Option<String>,
    /// Hours until it expires, 1 to 168 (24 when left out)
    #[arg(long)]
    expires_in_hours: Option<u32>,
}

impl InviteFieldArgs {
    fn to_fields(&self) -> Fields {
        let mut fields = Fields::new();
        put(&mut fields, "recipient_email", &self.email);
        put(&mut fields, "recipient_phone", &self.phone);
        let role = self.role.map(|r| format!("{r:?}").to_lowercase());
        put(&mut fields, "role", &role);
        let channel = self.channel.map(|c| format!("{c:?}").to_lowercase());
        put(&mut fields, "channel", &channel);
        put(&mut fields, "language", &self.language);
        put(&mut fields, "personal_message", &self.message);
        if let Some(hours) = self.expires_in_hours {
            fields.insert("expires_in_hours".into(), json!(hours));
        }
        fields
    }
}

pub async fn invitations(app: &App, cmd: InvitationsCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        InvitationsCommand::Ls => {
            out.invitations(&app.list_invitations(ListInvitationsArgs {}).await?)
        }
        InvitationsCommand::Add(fields) => {
            let fields = fields.to_fields();
            out.saved("Invited", &app.invite(InviteArgs { fields }).await?);
        }
        InvitationsCommand::Resend { id } => {
            out.saved(
                "Queued again",
                &app.resend_invitation(InvitationIdArgs { id }).await?,
            );
        }
        InvitationsCommand::Revoke { id } => {
            app.revoke_invitation(InvitationIdArgs { id }).await?;
            out.done("Revoked here; the next `outpost sync` revokes it on the server.");
        }
    }
    Ok(())
}

impl Output {
    pub fn invitations(&self, items: &[Record]) {
        if self.json {
            return self.print_json(json!(items));
        }
        if items.is_empty() {
            println!("No invitations.");
        }
        for i in items {
            let id = i.server_id.as_deref().unwrap_or(&i.local_id);
            let to = i
                .fields
                .get("recipient_email")
                .or_else(|| i.fields.get("recipient_phone"))
                .and_then(Value::as_str)
                .unwrap_or("—");
            let state = if i.has_pending_ops {
                "waiting to sync"
            } else {
                field_text(i, "status")
            };
            println!("{id}  {to}  {}  {state}", field_text(i, "role"));
        }
    }
}
