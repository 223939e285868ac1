//! Fields where null means something: absent keeps a field, `null` clears it, a value sets it
//! (`Option<Option<T>>`, with `#[serde(default, with = "present", skip_serializing_if =
//! "Option::is_none")]`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Reads a present key as `Some(value)`, `null` included (`Some(None)`); an absent key stays
/// `None` through `#[serde(default)]`.
pub fn deserialize<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Writes a present field as its value or `null` (an absent one is skipped before this).
pub fn serialize<S, T>(value: &Option<Option<T>>, s: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize,
{
    match value {
        Some(inner) => inner.serialize(s),
        None => s.serialize_none(),
    }
}
