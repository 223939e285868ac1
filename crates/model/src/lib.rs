//! The record types Outpost replicates, declared once: their names, their fields (with the
//! rules the server applies to each), their enums, and a [`Descriptor`] per type that says which
//! remote holds it, what that remote can do with it, which records it references, how a change is
//! detected and merged, and how a create whose answer was lost is recognised.
//!
//! The replica validates edits against these fields, the sync engine reads the descriptors
//! instead of matching on the type, and the enums reach TypeScript through ts-rs, so the UI,
//! the CLI and the replica share one definition. The devserver does not use this crate: it
//! stands in for the real servers, and sharing types with the client would hide drift from the
//! seed.
#![deny(missing_docs)]

mod descriptor;
pub mod enums;
pub mod fields;
mod manager_descriptors;
mod record_type;
pub mod records;
pub mod rules;

pub use descriptor::{
    references_from, ChangeMarker, Column, ColumnValue, Descriptor, LostCreate, MergePolicy,
    Operation, Operations, Pull, Reference, RemoteKind, DESCRIPTORS, OP_ID_KEY,
};
pub use fields::{FieldSpec, Kind, Shape};
pub use record_type::RecordType;
