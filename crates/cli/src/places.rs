//! `outpost spaces|resources ls|show|add|edit|rm|members|add-member|rm-member` and `outpost
//! resources moves|move|approve-move|reject-move|cancel-move`: the active tenant's spaces and
//! resources, their members and the requests to move resources, offline. Edits go to the replica and its outbox at once;
//! `outpost sync` sends them.

use clap::{Args, Subcommand};
use outpost_app::commands::moves::{
    ListMoveRequestsArgs, MoveRequestIdArgs, RejectMoveArgs, RequestMoveArgs,
};
use outpost_app::commands::place_members::{ResourceMemberArgs, SpaceMemberArgs};
use outpost_app::commands::places::{
    CreateResourceArgs, CreateSpaceArgs, ListPlacesArgs, PlaceIdArgs, UpdateResourceArgs,
    UpdateSpaceArgs,
};
use outpost_app::{App, AppError};
use outpost_replica::{Fields, Record};
use serde_json::{json, Value};

use crate::fields::{put, set_pairs};
use crate::output::Output;
use crate::output_records::{field_text, pending_mark};

#[derive(Subcommand, Debug)]
pub enum PlacesCommand {
    /// List them, by name
    Ls,
    /// Show one with its fields
    Show {
        /// Local or server id
        id: String,
    },
    /// Make one (offline; the next sync sends it)
    Add(PlaceFieldArgs),
    /// Change one (offline)
    Edit {
        /// Local or server id
        id: String,
        #[command(flatten)]
        fields: PlaceFieldArgs,
    },
    /// Delete one (offline; owners and admins)
    Rm {
        /// Local or server id
        id: String,
    },
    /// Its members
    Members {
        /// Local or server id
        id: String,
    },
    /// Add a user as a member (offline); for a space, again to give another role
    AddMember {
        /// The space's or resource's local or server id
        place: String,
        /// The user's server id (`outpost users ls` lists them)
        user: String,
        /// (spaces) manager or reader (reader when left out); resources take readers only
        #[arg(long)]
        role: Option<String>,
    },
    /// Remove a member (offline)
    RmMember {
        /// The space's or resource's local or server id
        place: String,
        /// The user's server id
        user: String,
    },
    /// (resources) The requests to move resources and where each stands
    Moves,
    /// (resources) Ask for a resource to move to another space (offline)
    Move {
        /// The resource's local or server id
        resource: String,
        /// The server id of the space it should move to
        space: String,
        /// Why
        #[arg(long)]
        reason: Option<String>,
    },
    /// (resources) Approve a move request (offline; the resource moves when it is sent)
    ApproveMove {
        /// The request's local or server id
        id: String,
    },
    /// (resources) Reject a move request with the reason (offline)
    RejectMove {
        /// The request's local or server id
        id: String,
        /// Why (1 to 2,000 characters)
        #[arg(long)]
        reason: String,
    },
    /// (resources) Withdraw a move request (offline)
    CancelMove {
        /// The request's local or server id
        id: String,
    },
}

#[derive(Args, Debug)]
pub struct PlaceFieldArgs {
    /// Its name
    #[arg(long)]
    name: Option<String>,
    /// What it is
    #[arg(long)]
    description: Option<String>,
    /// active, inactive, maintenance, retired or pending
    #[arg(long)]
    status: Option<String>,
    /// (resources) the server id of the space it stands in; `none` takes it out of its space
    #[arg(long)]
    space: Option<String>,
    /// Another field as NAME=VALUE (JSON or text), e.g. --set language=de
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
}

impl PlaceFieldArgs {
    fn to_fields(&self, resource: bool) -> Result<Fields, AppError> {
        let mut fields = Fields::new();
        put(&mut fields, "name", &self.name);
        put(&mut fields, "description", &self.description);
        put(&mut fields, "status", &self.status);
        match (&self.space, resource) {
            (Some(_), false) => {
                return Err(AppError::new(
                    "invalid",
                    "--space: a space stands in no other space",
                ))
            }
            (Some(space), true) if space == "none" => {
                fields.insert("spaceId".into(), Value::Null);
            }
            (Some(space), true) => {
                fields.insert("spaceId".into(), json!(space));
            }
            (None, _) => {}
        }
        set_pairs(&mut fields, &self.set)?;
        Ok(fields)
    }
}

fn nothing_to_change() -> AppError {
    AppError::new(
        "invalid",
        "nothing to change: give --name, --description, --status, --space or --set",
    )
}

pub async fn spaces(app: &App, cmd: PlacesCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        PlacesCommand::Ls => out.places(&app.list_spaces(ListPlacesArgs {}).await?, "spaces"),
        PlacesCommand::Show { id } => out.record(&app.get_space(PlaceIdArgs { id }).await?),
        PlacesCommand::Add(fields) => {
            let fields = fields.to_fields(false)?;
            out.saved(
                "Created",
                &app.create_space(CreateSpaceArgs { fields }).await?,
            );
        }
        PlacesCommand::Edit { id, fields } => {
            let fields = fields.to_fields(false)?;
            if fields.is_empty() {
                return Err(nothing_to_change());
            }
            out.saved(
                "Changed",
                &app.update_space(UpdateSpaceArgs { id, fields }).await?,
            );
        }
        PlacesCommand::Rm { id } => {
            app.delete_space(PlaceIdArgs { id }).await?;
            out.done("Deleted the space here; the next `outpost sync` deletes it on the server.");
        }
        PlacesCommand::Members { id } => {
            out.place_members(&app.list_space_members(PlaceIdArgs { id }).await?)
        }
        PlacesCommand::AddMember { place, user, role } => {
            let role = match role {
                Some(r) => Some(serde_json::from_value(json!(r)).map_err(|_| {
                    AppError::new("invalid", format!("--role {r:?}: manager or reader"))
                })?),
                None => None,
            };
            let args = SpaceMemberArgs {
                space_id: place,
                user_id: user,
                role,
            };
            out.saved("Added", &app.add_space_member(args).await?);
        }
        PlacesCommand::RmMember { place, user } => {
            let args = SpaceMemberArgs {
                space_id: place,
                user_id: user,
                role: None,
            };
            app.remove_space_member(args).await?;
            out.done("Removed the member here; the next `outpost sync` removes it on the server.");
        }
        PlacesCommand::Moves
        | PlacesCommand::Move { .. }
        | PlacesCommand::ApproveMove { .. }
        | PlacesCommand::RejectMove { .. }
        | PlacesCommand::CancelMove { .. } => {
            return Err(AppError::new(
                "invalid",
                "move requests are a resource's: use `outpost resources move|moves|...`",
            ))
        }
    }
    Ok(())
}

pub async fn resources(app: &App, cmd: PlacesCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        PlacesCommand::Ls => out.places(&app.list_resources(ListPlacesArgs {}).await?, "resources"),
        PlacesCommand::Show { id } => out.record(&app.get_resource(PlaceIdArgs { id }).await?),
        PlacesCommand::Add(fields) => {
            let fields = fields.to_fields(true)?;
            out.saved(
                "Created",
                &app.create_resource(CreateResourceArgs { fields }).await?,
            );
        }
        PlacesCommand::Edit { id, fields } => {
            let fields = fields.to_fields(true)?;
            if fields.is_empty() {
                return Err(nothing_to_change());
            }
            out.saved(
                "Changed",
                &app.update_resource(UpdateResourceArgs { id, fields })
                    .await?,
            );
        }
        PlacesCommand::Rm { id } => {
            app.delete_resource(PlaceIdArgs { id }).await?;
            out.done(
                "Deleted the resource here; the next `outpost sync` deletes it on the server.",
            );
        }
        PlacesCommand::Members { id } => {
            out.place_members(&app.list_resource_members(PlaceIdArgs { id }).await?)
        }
        PlacesCommand::AddMember { place, user, role } => {
            if role.is_some() {
                return Err(AppError::new(
                    "invalid",
                    "--role: the platform adds a resource's members as readers",
                ));
            }
            let args = ResourceMemberArgs {
                resource_id: place,
                user_id: user,
            };
            out.saved("Added", &app.add_resource_member(args).await?);
        }
        PlacesCommand::RmMember { place, user } => {
            let args = ResourceMemberArgs {
                resource_id: place,
                user_id: user,
            };
            app.remove_resource_member(args).await?;
            out.done("Removed the member here; the next `outpost sync` removes it on the server.");
        }
        PlacesCommand::Moves => {
            out.move_requests(&app.list_move_requests(ListMoveRequestsArgs {}).await?)
        }
        PlacesCommand::Move {
            resource,
            space,
            reason,
        } => {
            let args = RequestMoveArgs {
                resource_id: resource,
                target_space_id: space,
                reason,
            };
            out.saved("Asked", &app.request_move(args).await?);
        }
        PlacesCommand::ApproveMove { id } => out.saved(
            "Approved",
            &app.approve_move(MoveRequestIdArgs { id }).await?,
        ),
        PlacesCommand::RejectMove { id, reason } => {
            let args = RejectMoveArgs {
                id,
                rejection_reason: reason,
            };
            out.saved("Rejected", &app.reject_move(args).await?)
        }
        PlacesCommand::CancelMove { id } => {
            app.cancel_move(MoveRequestIdArgs { id }).await?;
            out.done(
                "Withdrew the request here; the next `outpost sync` withdraws it on the server.",
            );
        }
    }
    Ok(())
}

impl Output {
    pub fn move_requests(&self, requests: &[Record]) {
        if self.json {
            return self.print_json(json!(requests));
        }
        if requests.is_empty() {
            println!("No move requests.");
        }
        for m in requests {
            let id = m.server_id.as_deref().unwrap_or(&m.local_id);
            println!(
                "{id}  {} → {}  {}{}",
                field_text(m, "resourceId"),
                field_text(m, "targetSpaceId"),
                field_text(m, "status"),
                pending_mark(m.has_pending_ops)
            );
        }
    }

    pub fn place_members(&self, members: &[Record]) {
        if self.json {
            return self.print_json(json!(members));
        }
        if members.is_empty() {
            println!("No members.");
        }
        for m in members {
            println!(
                "{}  {}{}",
                field_text(m, "userId"),
                field_text(m, "role"),
                pending_mark(m.has_pending_ops)
            );
        }
    }

    pub fn places(&self, places: &[Record], what: &str) {
        if self.json {
            return self.print_json(json!(places));
        }
        if places.is_empty() {
            println!("No {what}.");
        }
        for p in places {
            let id = p.server_id.as_deref().unwrap_or(&p.local_id);
            println!(
                "{id}  {}  {}{}",
                field_text(p, "name"),
                field_text(p, "status"),
                pending_mark(p.has_pending_ops)
            );
        }
    }
}
