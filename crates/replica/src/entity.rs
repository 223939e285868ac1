//! The editable record types, as the model declares them, and how they reference each other.

pub use outpost_model::RecordType as Entity;
use outpost_model::Reference;

/// The references from records of other types to `parent`.
pub(crate) fn references_from(parent: Entity) -> impl Iterator<Item = &'static Reference> {
    outpost_model::references_from(parent)
}

/// The references `child` holds to its parents.
pub(crate) fn references_of(child: Entity) -> impl Iterator<Item = &'static Reference> {
    child.descriptor().parents.iter()
}
