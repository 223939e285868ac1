//! `outpost spaces ls|show|add|edit|rm` and `outpost resources ls|show|add|edit|rm`: the active
//! tenant's spaces and resources, offline. Edits go to the replica and its outbox at once;
//! `outpost sync` sends them.

use clap::{Args, Subcommand};
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
    }
    Ok(())
}

impl Output {
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
