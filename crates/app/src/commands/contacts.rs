//! Contacts in the active tenant: list, search, read, and offline edits. Every edit is validated
//! with the server's rules and written with its outbox op in one transaction, so it works with no
//! network and the next sync sends it.

use outpost_replica::{
    ContactPage, ContactQuery, ContactReference, ContactSummary, Directory, DirectoryItem, Fields,
    LinkedContact, Record, Source,
};
use serde::Deserialize;
use ts_rs::TS;

use crate::error::AppError;
use crate::state::App;

/// Search results are short lists for a search box; a larger ask is capped here.
const MAX_SEARCH_RESULTS: u32 = 200;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchContactsArgs {
    /// Words as typed; each is matched as a prefix, accents ignored.
    pub query: String,
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactIdArgs {
    /// The local id, or the server id once the contact has one.
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateContactArgs {
    /// The fields of `POST /secure/contacts/` (camelCase; address keys snake_case). Typed as the
    /// model's contact for the UI; here they stay a map so that the replica's checks name each
    /// field a value is wrong for (a type mismatch included), as for an import.
    #[ts(as = "outpost_model::records::Contact")]
    pub fields: Fields,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateContactArgs {
    pub id: String,
    /// Only the fields that change; `null` clears a field (the model's contact patch).
    #[ts(as = "outpost_model::records::ContactPatch")]
    pub fields: Fields,
}

/// The answer of commands that only say they were done.
#[derive(Debug, Clone, serde::Serialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Done {
    pub ok: bool,
}

impl App {
    /// One page of the active tenant's contacts, sorted.
    pub async fn list_contacts(&self, query: ContactQuery) -> Result<ContactPage, AppError> {
        self.in_tenant(|scope| scope.contacts(&query)).await
    }

    pub async fn search_contacts(
        &self,
        args: SearchContactsArgs,
    ) -> Result<Vec<ContactSummary>, AppError> {
        let limit = args.limit.unwrap_or(50).clamp(1, MAX_SEARCH_RESULTS);
        self.in_tenant(|scope| scope.search_contacts(&args.query, limit))
            .await
    }

    pub async fn get_contact(&self, args: ContactIdArgs) -> Result<Record, AppError> {
        self.in_tenant(|scope| scope.get(outpost_replica::Entity::Contact, &args.id))
            .await
    }

    pub async fn create_contact(&self, args: CreateContactArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| scope.create_contact(Source::User, args.fields))
            .await
    }

    pub async fn update_contact(&self, args: UpdateContactArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| scope.update_contact(Source::User, &args.id, args.fields))
            .await
    }

    pub async fn delete_contact(&self, args: ContactIdArgs) -> Result<Done, AppError> {
        self.in_tenant_write(|scope| scope.delete_contact(Source::User, &args.id))
            .await?;
        Ok(Done { ok: true })
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkContactArgs {
    pub contact_id: String,
    /// user, space or resource (text here, so the replica's check names the field of another).
    #[ts(as = "outpost_model::enums::LinkTarget")]
    pub entity_type: String,
    /// The user's, space's or resource's server id.
    pub entity_id: String,
    #[serde(default)]
    pub is_primary: bool,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkIdArgs {
    pub link_id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetPrimaryArgs {
    pub link_id: String,
    pub is_primary: bool,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkedContactsArgs {
    /// user, space or resource (text here, as [`LinkContactArgs`] says why).
    #[ts(as = "outpost_model::enums::LinkTarget")]
    pub entity_type: String,
    pub entity_id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DirectoryArgs {
    pub kind: Directory,
}

impl App {
    /// Links a contact to a user, space or resource; a primary link takes the flag from the
    /// entity's other links.
    pub async fn link_contact(&self, args: LinkContactArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| {
            scope.link_contact(
                Source::User,
                &args.contact_id,
                &args.entity_type,
                &args.entity_id,
                args.is_primary,
            )
        })
        .await
    }

    pub async fn unlink_contact(&self, args: LinkIdArgs) -> Result<Done, AppError> {
        self.in_tenant_write(|scope| scope.unlink_contact(Source::User, &args.link_id))
            .await?;
        Ok(Done { ok: true })
    }

    pub async fn set_primary_link(&self, args: SetPrimaryArgs) -> Result<Record, AppError> {
        self.in_tenant_write(|scope| {
            scope.set_primary_link(Source::User, &args.link_id, args.is_primary)
        })
        .await
    }

    /// What a contact is linked to.
    pub async fn contact_references(
        &self,
        args: ContactIdArgs,
    ) -> Result<Vec<ContactReference>, AppError> {
        self.in_tenant(|scope| scope.contact_references(&args.id))
            .await
    }

    /// The contacts linked to one user, space or resource, primary first.
    pub async fn linked_contacts(
        &self,
        args: LinkedContactsArgs,
    ) -> Result<Vec<LinkedContact>, AppError> {
        self.in_tenant(|scope| scope.linked_contacts(&args.entity_type, &args.entity_id))
            .await
    }

    /// Users, groups, spaces or resources of the tenant (read-only, as last pulled).
    pub async fn list_directory(
        &self,
        args: DirectoryArgs,
    ) -> Result<Vec<DirectoryItem>, AppError> {
        self.in_tenant(|scope| scope.directory(args.kind)).await
    }
}
