//! `outpost groups ls|show|add|edit|rm|members|add-member|rm-member`: the active tenant's groups
//! and their members, offline. Edits go to the replica and its outbox at once (owners and
//! admins only); `outpost sync` sends them.

use clap::{Args, Subcommand};
use outpost_app::commands::groups::{
    CreateGroupArgs, GroupIdArgs, GroupMemberArgs, ListGroupsArgs, UpdateGroupArgs,
};
use outpost_app::{App, AppError};
use outpost_replica::{Fields, Record};
use serde_json::json;

use crate::fields::put;
use crate::output::Output;
use crate::output_records::{field_text, pending_mark};

#[derive(Subcommand, Debug)]
pub enum GroupsCommand {
    /// List the groups, by name
    Ls,
    /// Show one group with its fields and members
    Show {
        /// Local or server id
        id: String,
    },
    /// Create a group (offline; the next sync sends it)
    Add(GroupFieldArgs),
    /// Rename a group, or change its description or permissions (offline)
    Edit {
        /// Local or server id
        id: String,
        #[command(flatten)]
        fields: GroupFieldArgs,
    },
    /// Delete a group and its memberships (offline)
    Rm {
        /// Local or server id
        id: String,
    },
    /// The members of a group
    Members {
        /// The group's local or server id
        id: String,
    },
    /// Add a user to a group (offline)
    AddMember {
        /// The group's local or server id
        group: String,
        /// The user's id (`outpost directory users` lists them)
        user: String,
    },
    /// Remove a user from a group (offline)
    RmMember {
        /// The group's local or server id
        group: String,
        /// The user's id
        user: String,
    },
}

#[derive(Args, Debug)]
pub struct GroupFieldArgs {
    /// The group's name (1 to 255 characters)
    #[arg(long)]
    name: Option<String>,
    /// What the group is for
    #[arg(long)]
    description: Option<String>,
    /// A permission code its members get; repeat for several (replaces the whole list)
    #[arg(long = "permission", value_name = "CODE")]
    permissions: Vec<String>,
}

impl GroupFieldArgs {
    fn to_fields(&self) -> Fields {
        let mut fields = Fields::new();
        put(&mut fields, "name", &self.name);
        put(&mut fields, "description", &self.description);
        if !self.permissions.is_empty() {
            fields.insert("permissions".into(), json!(self.permissions));
        }
        fields
    }
}

pub async fn groups(app: &App, cmd: GroupsCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        GroupsCommand::Ls => out.groups(&app.list_groups(ListGroupsArgs {}).await?),
        GroupsCommand::Show { id } => {
            let group = app.get_group(GroupIdArgs { id: id.clone() }).await?;
            let members = app.list_group_members(GroupIdArgs { id }).await?;
            out.group(&group, &members);
        }
        GroupsCommand::Add(fields) => {
            let fields = fields.to_fields();
            out.saved(
                "Created",
                &app.create_group(CreateGroupArgs { fields }).await?,
            );
        }
        GroupsCommand::Edit { id, fields } => {
            let fields = fields.to_fields();
            if fields.is_empty() {
                return Err(AppError::new(
                    "invalid",
                    "nothing to change: give --name, --description or --permission",
                ));
            }
            out.saved(
                "Changed",
                &app.update_group(UpdateGroupArgs { id, fields }).await?,
            );
        }
        GroupsCommand::Rm { id } => {
            app.delete_group(GroupIdArgs { id }).await?;
            out.done("Deleted the group here; the next `outpost sync` deletes it on the server.");
        }
        GroupsCommand::Members { id } => {
            out.group_members(&app.list_group_members(GroupIdArgs { id }).await?)
        }
        GroupsCommand::AddMember { group, user } => {
            let args = GroupMemberArgs {
                group_id: group,
                user_id: user,
            };
            out.saved("Added", &app.add_group_member(args).await?);
        }
        GroupsCommand::RmMember { group, user } => {
            let args = GroupMemberArgs {
                group_id: group,
                user_id: user,
            };
            app.remove_group_member(args).await?;
            out.done("Removed the member here; the next `outpost sync` removes it on the server.");
        }
    }
    Ok(())
}

impl Output {
    pub fn groups(&self, groups: &[Record]) {
        if self.json {
            return self.print_json(json!(groups));
        }
        if groups.is_empty() {
            println!("No groups.");
        }
        for g in groups {
            let id = g.server_id.as_deref().unwrap_or(&g.local_id);
            println!(
                "{id}  {}  {}{}",
                field_text(g, "name"),
                field_text(g, "description"),
                pending_mark(g.has_pending_ops)
            );
        }
    }

    pub fn group(&self, group: &Record, members: &[Record]) {
        if self.json {
            return self.print_json(json!({ "group": group, "members": members }));
        }
        self.record(group);
        println!("  members: {}", members.len());
        for m in members {
            println!(
                "    {}{}",
                field_text(m, "userId"),
                pending_mark(m.has_pending_ops)
            );
        }
    }

    pub fn group_members(&self, members: &[Record]) {
        if self.json {
            return self.print_json(json!(members));
        }
        if members.is_empty() {
            println!("No members.");
        }
        for m in members {
            println!(
                "{}{}",
                field_text(m, "userId"),
                pending_mark(m.has_pending_ops)
            );
        }
    }
}
