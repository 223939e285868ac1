//! `outpost contacts add|edit|rm|ls|search|show`: the active tenant's contacts, offline. Edits go
//! to the replica and its outbox at once; `outpost sync` sends them.

use clap::{Args, Subcommand, ValueEnum};
use outpost_app::commands::contacts::{
    ContactIdArgs, CreateContactArgs, SearchContactsArgs, UpdateContactArgs,
};
use outpost_app::{App, AppError};
use outpost_replica::{ContactQuery, ContactSort, Fields};
use serde_json::{json, Value};

use crate::fields::put;
use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum ContactsCommand {
    /// List contacts, a page at a time
    Ls(ListArgs),
    /// Find contacts by the start of any word of their name, email, phone, address or notes
    Search {
        /// The words to look for
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
        /// At most this many results
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Show one contact with all its fields
    Show {
        /// Local or server id
        id: String,
    },
    /// Create a contact (offline; the next sync sends it)
    Add(ContactFieldArgs),
    /// Change fields of a contact (offline; the next sync sends them)
    Edit {
        /// Local or server id
        id: String,
        #[command(flatten)]
        fields: ContactFieldArgs,
        /// Clear these fields (e.g. --clear phone --clear notes)
        #[arg(long, value_name = "FIELD")]
        clear: Vec<ContactField>,
    },
    /// Delete a contact (offline; the next sync deletes it on the server)
    Rm {
        /// Local or server id
        id: String,
    },
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = SortArg::Name)]
    sort: SortArg,
    /// Skip this many contacts
    #[arg(long, default_value_t = 0)]
    offset: u32,
    #[arg(long, default_value_t = 50)]
    limit: u32,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortArg {
    Name,
    Email,
    Updated,
}

/// Fields a user can clear with `--clear`, named as on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ContactField {
    FirstName,
    MiddleName,
    LastName,
    Email,
    Phone,
    Url,
    Notes,
    Address,
}

impl ContactField {
    fn api_name(self) -> &'static str {
        match self {
            ContactField::FirstName => "firstName",
            ContactField::MiddleName => "middleName",
            ContactField::LastName => "lastName",
            ContactField::Email => "email",
            ContactField::Phone => "phone",
            ContactField::Url => "url",
            ContactField::Notes => "notes",
            ContactField::Address => "address",
        }
    }
}

#[derive(Args, Debug, Default)]
pub struct ContactFieldArgs {
    #[arg(long)]
    first_name: Option<String>,
    #[arg(long)]
    middle_name: Option<String>,
    #[arg(long)]
    last_name: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    url: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    #[arg(long)]
    street: Option<String>,
    #[arg(long)]
    street_number: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    postal_code: Option<String>,
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    country: Option<String>,
}

impl ContactFieldArgs {
    /// The fields given, in the API's request shape. Address parts become one `address` object.
    fn to_fields(&self) -> Fields {
        let mut fields = Fields::new();
        put(&mut fields, "firstName", &self.first_name);
        put(&mut fields, "middleName", &self.middle_name);
        put(&mut fields, "lastName", &self.last_name);
        put(&mut fields, "email", &self.email);
        put(&mut fields, "phone", &self.phone);
        put(&mut fields, "url", &self.url);
        put(&mut fields, "notes", &self.notes);
        let address = [
            ("street", &self.street),
            ("street_number", &self.street_number),
            ("city", &self.city),
            ("postal_code", &self.postal_code),
            ("region", &self.region),
            ("country", &self.country),
        ];
        let parts: serde_json::Map<String, Value> = address
            .into_iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), json!(v))))
            .collect();
        if !parts.is_empty() {
            fields.insert("address".into(), Value::Object(parts));
        }
        fields
    }
}

pub async fn contacts(app: &App, cmd: ContactsCommand, out: Output) -> Result<(), AppError> {
    match cmd {
        ContactsCommand::Ls(args) => {
            let sort = match args.sort {
                SortArg::Name => ContactSort::Name,
                SortArg::Email => ContactSort::Email,
                SortArg::Updated => ContactSort::Updated,
            };
            let page = app
                .list_contacts(ContactQuery {
                    sort,
                    offset: args.offset,
                    limit: args.limit,
                })
                .await?;
            out.contact_page(&page);
        }
        ContactsCommand::Search { words, limit } => {
            let hits = app
                .search_contacts(SearchContactsArgs {
                    query: words.join(" "),
                    limit: Some(limit),
                })
                .await?;
            out.contact_list(&hits);
        }
        ContactsCommand::Show { id } => out.record(&app.get_contact(ContactIdArgs { id }).await?),
        ContactsCommand::Add(fields) => {
            let fields = fields.to_fields();
            if fields.is_empty() {
                return Err(AppError::new(
                    "invalid",
                    "give at least one field, e.g. --first-name Anna --email anna@example.com",
                ));
            }
            let record = app.create_contact(CreateContactArgs { fields }).await?;
            out.saved("Created", &record);
        }
        ContactsCommand::Edit { id, fields, clear } => {
            let mut fields = fields.to_fields();
            for f in clear {
                fields.insert(f.api_name().into(), Value::Null);
            }
            if fields.is_empty() {
                return Err(AppError::new(
                    "invalid",
                    "nothing to change: give a field (e.g. --phone ...) or --clear FIELD",
                ));
            }
            let record = app.update_contact(UpdateContactArgs { id, fields }).await?;
            out.saved("Changed", &record);
        }
        ContactsCommand::Rm { id } => {
            app.delete_contact(ContactIdArgs { id: id.clone() }).await?;
            out.done(&format!(
                "Deleted contact {id} here; the next sync deletes it on the server."
            ));
        }
    }
    Ok(())
}
