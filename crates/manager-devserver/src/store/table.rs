//! One kind of record in memory: rows by id, and the ids changed since the last flush.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::db::Change;

pub struct Table<T> {
    rows: BTreeMap<String, T>,
    dirty: BTreeSet<String>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Self {
            rows: BTreeMap::new(),
            dirty: BTreeSet::new(),
        }
    }
}

impl<T: Serialize + DeserializeOwned> Table<T> {
    pub fn get(&self, id: &str) -> Option<&T> {
        self.rows.get(id)
    }

    /// The row to change in place; it is written at the next flush.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        let row = self.rows.get_mut(id)?;
        self.dirty.insert(id.to_owned());
        Some(row)
    }

    pub fn insert(&mut self, id: impl Into<String>, row: T) {
        let id = id.into();
        self.dirty.insert(id.clone());
        self.rows.insert(id, row);
    }

    pub fn remove(&mut self, id: &str) -> Option<T> {
        let row = self.rows.remove(id)?;
        self.dirty.insert(id.to_owned());
        Some(row)
    }

    /// Removes every row the predicate picks; returns their ids.
    pub fn remove_where(&mut self, pick: impl Fn(&T) -> bool) -> Vec<String> {
        let ids: Vec<String> = self
            .rows
            .iter()
            .filter(|(_, row)| pick(row))
            .map(|(id, _)| id.clone())
            .collect();
        for id in &ids {
            self.remove(id);
        }
        ids
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.rows.values()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub(super) fn drain(&mut self, kind: &'static str, out: &mut Vec<Change>) {
        for id in std::mem::take(&mut self.dirty) {
            let json = self
                .rows
                .get(&id)
                .map(|row| serde_json::to_string(row).expect("records serialize"));
            out.push(Change { kind, id, json });
        }
    }

    /// Marks a row to be written again (its last write failed).
    pub(super) fn mark(&mut self, id: String) {
        self.dirty.insert(id);
    }

    pub(super) fn restore(&mut self, id: String, json: &str) -> anyhow::Result<()> {
        let row = serde_json::from_str(json)
            .map_err(|e| anyhow::anyhow!("stored row {id} cannot be read: {e}"))?;
        self.rows.insert(id, row);
        Ok(())
    }
}
