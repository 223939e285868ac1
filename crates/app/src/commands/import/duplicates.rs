//! Duplicate detection in little memory: every key (name + email, name + phone, UID) kept as an
//! 8-byte hash, with the row of the record here or the line of the file's earlier item.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use outpost_replica::{Entity, TenantScope};

use crate::error::AppError;

/// A duplicate key as kept in memory: 8 bytes. Two different keys of one import sharing a hash
/// (about one chance in 10^7 for a million keys) would count one as a duplicate of the other.
pub(super) fn key_hash(key: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// The duplicate keys of the records here when the import began (hash -> row) and of the
/// file's items created so far (hash -> line).
#[derive(Default)]
pub(super) struct DuplicateIndex {
    pub(super) here: HashMap<u64, i64>,
    pub(super) file: HashMap<u64, u32>,
}

pub(super) enum Found {
    Here(String),
    Line(u32),
}

impl Found {
    pub(super) fn id(self) -> String {
        match self {
            Found::Here(id) => id,
            Found::Line(line) => format!("line {line}"),
        }
    }
}

impl DuplicateIndex {
    /// The first key found, a record here before an earlier item of the file for each key.
    pub(super) fn find(
        &self,
        scope: &TenantScope<'_>,
        entity: Entity,
        keys: &[u64],
    ) -> Result<Option<Found>, AppError> {
        for k in keys {
            if let Some(&row) = self.here.get(k) {
                if let Some(id) = scope.local_id_of_row(entity, row)? {
                    return Ok(Some(Found::Here(id)));
                }
            }
            if let Some(&line) = self.file.get(k) {
                return Ok(Some(Found::Line(line)));
            }
        }
        Ok(None)
    }

    pub(super) fn created(&mut self, keys: &[u64], line: u32) {
        for k in keys {
            self.file.entry(*k).or_insert(line);
        }
    }
}
