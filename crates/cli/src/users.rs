//! `outpost users ls|show|add|edit|rm|reset-password`: the active tenant's users. Making and
//! editing work offline (owners and admins); `outpost sync` sends them. `reset-password` asks the
//! server at once and prints the temporary password once: it is kept nowhere.

use clap::{Args, Subcommand};
use outpost_app::commands::users::{
    CreateUserArgs, ListUsersArgs, TemporaryPassword, UpdateUserArgs, UserIdArgs,
};
use outpost_app::{App, AppError};
use outpost_replica::{Fields, Record};
use serde_json::{json, Value};

use crate::fields::{put, set_pairs};
use crate::output::Output;
use crate::output_records::{field_text, pending_mark};

#[derive(Subcommand, Debug)]
pub enum UsersCommand {
    /// List the users, by name
    Ls,
    /// Show one user with their fields
    Show {
        /// Local or server id
        id: String,
    },
    /// Make a user (offline; the next sync sends it, then `reset-password` gives them a
    /// password to sign in with)
    Add {
        /// The sign-in address
        email: String,
        #[command(flatten)]
        fields: UserFieldArgs,
    },
    /// Change a user's profile (offline)
    Edit {
        /// Local or server id
        id: String,
        #[command(flatten)]
        fields: UserFieldArgs,
        /// Clear a name field: first, middle, last or display (repeatable)
        #[arg(long = "clear", value_name = "NAME")]
        clear: Vec<NameField>,
        /// Another profile field as NAME=VALUE (JSON or text), e.g. --set settings={"a":1}
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
    },
    /// Drop a user made here and not sent yet (the platform removes no user it knows)
    Rm {
        /// Local id (or server id, which is refused)
        id: String,
    },
    /// Ask the server for a temporary password and print it once (online only)
    ResetPassword {
        /// Local or server id
        id: String,
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum NameField {
    First,
    Middle,
    Last,
    Display,
}

impl NameField {
    fn key(self) -> &'static str {
        match self {
            NameField::First => "firstName",
            NameField::Middle => "middleName",
            NameField::Last => "lastName",
            NameField::Display => "displayName",
        }
    }
}

#[derive(Args, Debug)]
pub struct UserFieldArgs {
    /// The name shown for the user
    #[arg(long)]
    display_name: Option<String>,
    /// First name (an edit only: the platform's create takes none)
    #[arg(long)]
    first_name: Option<String>,
    /// Last name (an edit only)
    #[arg(long)]
    last_name: Option<String>,
    /// The user's language: en, de, fr, es or it
    #[arg(long)]
    locale: Option<String>,
}

impl UserFieldArgs {
    fn to_fields(&self) -> Fields {
        let mut fields = Fields::new();
        put(&mut fields, "displayName", &self.display_name);
        put(&mut fields, "firstName", &self.first_name);
        put(&mut fields, "lastName", &self.last_name);
        put(&mut fields, "locale", &self.locale);
        fields
    }
}

pub async fn users(app: &App, cmd: UsersCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        UsersCommand::Ls => out.users(&app.list_users(ListUsersArgs {}).await?),
        UsersCommand::Show { id } => out.record(&app.get_user(UserIdArgs { id }).await?),
        UsersCommand::Add { email, fields } => {
            let mut fields = fields.to_fields();
            fields.insert("email".into(), json!(email));
            out.saved(
                "Created",
                &app.create_user(CreateUserArgs { fields }).await?,
            );
        }
        UsersCommand::Edit {
            id,
            fields,
            clear,
            set,
        } => {
            let mut fields = fields.to_fields();
            for name in clear {
                fields.insert(name.key().into(), Value::Null);
            }
            set_pairs(&mut fields, &set)?;
            if fields.is_empty() {
                return Err(AppError::new(
                    "invalid",
                    "nothing to change: give --display-name, --first-name, --last-name, \
                     --locale, --clear or --set",
                ));
            }
            out.saved(
                "Changed",
                &app.update_user(UpdateUserArgs { id, fields }).await?,
            );
        }
        UsersCommand::Rm { id } => {
            app.delete_user(UserIdArgs { id }).await?;
            out.done("Dropped the user made here; nothing is sent.");
        }
        UsersCommand::ResetPassword { id } => {
            out.temporary_password(&app.reset_user_password(UserIdArgs { id }).await?)
        }
    }
    Ok(())
}

impl Output {
    pub fn users(&self, users: &[Record]) {
        if self.json {
            return self.print_json(json!(users));
        }
        if users.is_empty() {
            println!("No users.");
        }
        for u in users {
            let id = u.server_id.as_deref().unwrap_or(&u.local_id);
            let name = u
                .fields
                .get("displayName")
                .and_then(Value::as_str)
                .unwrap_or_else(|| field_text(u, "email"));
            println!(
                "{id}  {name}  {}  {}{}",
                field_text(u, "email"),
                field_text(u, "status"),
                pending_mark(u.has_pending_ops)
            );
        }
    }

    /// The temporary password, printed once (it is kept nowhere).
    pub fn temporary_password(&self, answer: &TemporaryPassword) {
        if self.json {
            return self.print_json(json!(answer));
        }
        println!(
            "Temporary password for {}: {}\nHand it to the user; it is not shown again.",
            answer.user_id, answer.password
        );
    }
}
