//! `outpost links ...` (contacts linked to users, spaces and resources), `outpost reminders ...`
//! and `outpost directory ...` (the tenant's users, groups, spaces and resources, read-only).

use clap::{ArgGroup, Args, Subcommand, ValueEnum};
use outpost_app::commands::calendars::{CalendarIdArgs, FieldsArgs, IdArgs};
use outpost_app::commands::contacts::{
    ContactIdArgs, DirectoryArgs, LinkContactArgs, LinkIdArgs, LinkedContactsArgs, SetPrimaryArgs,
};
use outpost_app::{App, AppError};
use outpost_replica::{Directory, Fields};
use serde_json::json;

use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum LinksCommand {
    /// What a contact is linked to
    Ls { contact: String },
    /// The contacts linked to a user, space or resource, primary first
    Of(Target),
    /// Link a contact to a user, space or resource
    Add {
        contact: String,
        #[command(flatten)]
        target: Target,
        /// Make it the primary contact of that user, space or resource
        #[arg(long)]
        primary: bool,
    },
    /// Remove a link
    Rm { link: String },
    /// Make a link primary (or not, with --off)
    Primary {
        link: String,
        #[arg(long)]
        off: bool,
    },
}

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("target").required(true).args(["user", "space", "resource"])))]
pub struct Target {
    /// A user's server id
    #[arg(long)]
    user: Option<String>,
    /// A space's server id
    #[arg(long)]
    space: Option<String>,
    /// A resource's server id
    #[arg(long)]
    resource: Option<String>,
}

impl Target {
    fn split(self) -> (String, String) {
        match (self.user, self.space, self.resource) {
            (Some(id), _, _) => ("user".into(), id),
            (_, Some(id), _) => ("space".into(), id),
            (_, _, Some(id)) => ("resource".into(), id),
            // clap's required group guarantees one of them.
            (None, None, None) => unreachable!("clap requires --user, --space or --resource"),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum RemindersCommand {
    /// The reminders of a calendar
    Ls {
        #[arg(long)]
        calendar: String,
    },
    /// Remind before an entry or every occurrence of a series
    #[command(group(ArgGroup::new("of").required(true).args(["entry", "series"])))]
    Add {
        #[arg(long)]
        calendar: String,
        #[arg(long)]
        entry: Option<String>,
        #[arg(long)]
        series: Option<String>,
        /// in_app, email, sms or webhook
        #[arg(long, default_value = "in_app")]
        channel: String,
        /// How long before the start
        #[arg(long)]
        minutes: i64,
    },
    /// Remove a reminder
    Rm { id: String },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DirectoryKind {
    Users,
    Groups,
    Spaces,
    Resources,
}

pub async fn links(app: &App, cmd: LinksCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        LinksCommand::Ls { contact } => out.references(
            &app.contact_references(ContactIdArgs { id: contact })
                .await?,
        ),
        LinksCommand::Of(target) => {
            let (entity_type, entity_id) = target.split();
            out.linked(
                &app.linked_contacts(LinkedContactsArgs {
                    entity_type,
                    entity_id,
                })
                .await?,
            );
        }
        LinksCommand::Add {
            contact,
            target,
            primary,
        } => {
            let (entity_type, entity_id) = target.split();
            let record = app
                .link_contact(LinkContactArgs {
                    contact_id: contact,
                    entity_type,
                    entity_id,
                    is_primary: primary,
                })
                .await?;
            out.saved("Linked; link", &record);
        }
        LinksCommand::Rm { link } => {
            app.unlink_contact(LinkIdArgs {
                link_id: link.clone(),
            })
            .await?;
            out.done(&format!("Removed link {link}; the next sync sends it."));
        }
        LinksCommand::Primary { link, off } => {
            let record = app
                .set_primary_link(SetPrimaryArgs {
                    link_id: link,
                    is_primary: !off,
                })
                .await?;
            out.saved("Changed", &record);
        }
    }
    Ok(())
}

pub async fn reminders(app: &App, cmd: RemindersCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        RemindersCommand::Ls { calendar } => out.reminders(
            &app.list_reminders(CalendarIdArgs {
                calendar_id: calendar,
            })
            .await?,
        ),
        RemindersCommand::Add {
            calendar,
            entry,
            series,
            channel,
            minutes,
        } => {
            let mut fields = Fields::new();
            fields.insert("calendarId".into(), json!(calendar));
            if let Some(entry) = entry {
                fields.insert("calendarEntryId".into(), json!(entry));
            }
            if let Some(series) = series {
                fields.insert("recurrenceMasterId".into(), json!(series));
            }
            fields.insert("channel".into(), json!(channel));
            fields.insert("offsetMinutes".into(), json!(minutes));
            out.saved("Added", &app.add_reminder(FieldsArgs::new(fields)).await?);
        }
        RemindersCommand::Rm { id } => {
            app.remove_reminder(IdArgs { id: id.clone() }).await?;
            out.done(&format!("Removed reminder {id}; the next sync sends it."));
        }
    }
    Ok(())
}

pub async fn directory(app: &App, kind: DirectoryKind, out: Output) -> Result<(), AppError> {
    let kind = match kind {
        DirectoryKind::Users => Directory::Users,
        DirectoryKind::Groups => Directory::Groups,
        DirectoryKind::Spaces => Directory::Spaces,
        DirectoryKind::Resources => Directory::Resources,
    };
    out.directory(&app.list_directory(DirectoryArgs { kind }).await?);
    Ok(())
}
