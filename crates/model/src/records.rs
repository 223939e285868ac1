//! The record types as typed structs, in the shape the replica stores and the server takes (its
//! request schemas), with their patch twins, exported to TypeScript. Each struct's fields are the
//! record type's stored fields in its [`crate::Descriptor`] (a test holds them together); what
//! the seed leaves open (`metadata`, `policy`, `locationPayload`) stays an open object.

mod approval;
mod calendar;
mod contact;
mod group;
mod invitation;
mod patch;
mod place;
mod user;

pub use approval::Approval;
pub use calendar::{
    Calendar, CalendarPatch, Entry, EntryPatch, Occurrence, OccurrencePatch, Reminder, Series,
    SeriesPatch,
};
pub use contact::{Address, Contact, ContactLink, ContactLinkPatch, ContactPatch};
pub use group::{Group, GroupMember, GroupPatch, ResourceMember, SpaceMember, SpaceMemberPatch};
pub use invitation::{Invitation, NewInvitation};
pub use place::{MoveRequest, Resource, ResourcePatch, Space, SpacePatch};
pub use user::{NewUser, User, UserPatch};

/// An open JSON object: what the seed leaves free-form.
pub type Object = serde_json::Map<String, serde_json::Value>;

#[cfg(test)]
mod tests;
