//! The in-memory tables remember which rows changed, so the write-through flush writes only
//! those. Both wrappers hand out their contents read-only (`Deref`); every way to change a row
//! goes through a method here that records it, so no mutation can slip past the flush.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};

/// Where every table's generation comes from: unique across tables, so a value remembered
/// from one table never matches another that replaced it.
static GENERATIONS: AtomicU64 = AtomicU64::new(1);

/// The text form of a row's key: the `id` column of its SQLite table.
pub trait RowKey: Ord + Clone {
    fn to_id(&self) -> String;
    fn from_id(id: &str) -> Option<Self>;
}

impl RowKey for String {
    fn to_id(&self) -> String {
        self.clone()
    }

    fn from_id(id: &str) -> Option<Self> {
        Some(id.to_string())
    }
}

/// Pairs such as (entry id, user id): ids never hold a `/`.
impl RowKey for (String, String) {
    fn to_id(&self) -> String {
        format!("{}/{}", self.0, self.1)
    }

    fn from_id(id: &str) -> Option<Self> {
        let (a, b) = id.split_once('/')?;
        Some((a.to_string(), b.to_string()))
    }
}

/// A map of rows that records the key of every row inserted, changed or removed.
pub struct Table<K: Ord, V> {
    rows: BTreeMap<K, V>,
    dirty: BTreeSet<K>,
    /// Changes with every call that may change a row (0 only while the table is new and empty):
    /// what an index derived from the rows compares to know it is current.
    generation: u64,
}

impl<K: Ord, V> Default for Table<K, V> {
    fn default() -> Self {
        Self {
            rows: BTreeMap::new(),
            dirty: BTreeSet::new(),
            generation: 0,
        }
    }
}

impl<K: Ord, V> Deref for Table<K, V> {
    type Target = BTreeMap<K, V>;

    fn deref(&self) -> &Self::Target {
        &self.rows
    }
}

impl<K: Ord, V> Table<K, V> {
    /// A value that differs from every earlier one of this table once anything may have
    /// changed a row (every mutating method moves it, found or not).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    fn bump(&mut self) {
        self.generation = GENERATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

impl<K: Ord + Clone, V> Table<K, V> {
    pub fn insert(&mut self, key: K, row: V) -> Option<V> {
        self.bump();
        self.dirty.insert(key.clone());
        self.rows.insert(key, row)
    }

    /// The row to change; it counts as changed.
    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.bump();
        let (k, _) = self.rows.get_key_value(key)?;
        self.dirty.insert(k.clone());
        self.rows.get_mut(key)
    }

    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.bump();
        let (k, _) = self.rows.get_key_value(key)?;
        self.dirty.insert(k.clone());
        self.rows.remove(key)
    }

    /// Keeps the rows `keep` says yes to; the others count as removed.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        self.bump();
        let dirty = &mut self.dirty;
        self.rows.retain(|k, v| {
            let kept = keep(k, v);
            if !kept {
                dirty.insert(k.clone());
            }
            kept
        });
    }

    /// Like `BTreeMap::entry(..).or_insert_with(..)`: the row, made when missing; it counts as
    /// changed either way, since the caller gets it mutably.
    pub fn entry(&mut self, key: K) -> TableEntry<'_, K, V> {
        self.bump();
        TableEntry { table: self, key }
    }

    /// A row read from storage: nothing to write back.
    pub fn load(&mut self, key: K, row: V) {
        self.bump();
        self.rows.insert(key, row);
    }

    /// The keys changed since the last call.
    pub fn take_dirty(&mut self) -> BTreeSet<K> {
        std::mem::take(&mut self.dirty)
    }
}

pub struct TableEntry<'a, K: Ord, V> {
    table: &'a mut Table<K, V>,
    key: K,
}

impl<'a, K: Ord + Clone, V> TableEntry<'a, K, V> {
    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'a mut V {
        self.table.dirty.insert(self.key.clone());
        self.table.rows.entry(self.key).or_insert_with(make)
    }

    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }
}

/// A small collection written back whole when anything in it changed (users, tenants, ...).
#[derive(Default)]
pub struct Tracked<T> {
    inner: T,
    dirty: bool,
}

impl<T> Deref for Tracked<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T> Tracked<T> {
    /// Read from storage: nothing to write back.
    pub fn loaded(inner: T) -> Self {
        Self {
            inner,
            dirty: false,
        }
    }

    /// The collection to change; it counts as changed.
    pub fn edit(&mut self) -> &mut T {
        self.dirty = true;
        &mut self.inner
    }

    /// Whether it changed since the last call.
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }
}

impl<T> Tracked<Vec<T>> {
    pub fn push(&mut self, item: T) {
        self.edit().push(item);
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.edit().retain(keep);
    }
}

impl<K: std::hash::Hash + Eq, V> Tracked<std::collections::HashMap<K, V>> {
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.edit().insert(key, value)
    }

    pub fn remove(&mut self, key: &K) -> Option<V> {
        self.edit().remove(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_is_recorded_once() {
        let mut t: Table<String, i32> = Table::default();
        t.insert("a".into(), 1);
        t.insert("b".into(), 2);
        assert_eq!(t.take_dirty().len(), 2);
        assert!(t.get_mut("zz").is_none());
        *t.get_mut("a").unwrap() += 1;
        t.remove("b");
        *t.entry("c".into()).or_default() += 5;
        let dirty: Vec<String> = t.take_dirty().into_iter().collect();
        assert_eq!(dirty, ["a", "b", "c"]);
        t.retain(|k, _| k != "c");
        assert_eq!(t.take_dirty().into_iter().collect::<Vec<_>>(), ["c"]);
        assert!(t.take_dirty().is_empty());
    }

    #[test]
    fn every_change_moves_the_generation() {
        let mut t: Table<String, i32> = Table::default();
        let mut seen = vec![t.generation()];
        let mut moved = |t: &Table<String, i32>| {
            assert!(!seen.contains(&t.generation()));
            seen.push(t.generation());
        };
        t.insert("a".into(), 1);
        moved(&t);
        *t.get_mut("a").unwrap() += 1;
        moved(&t);
        t.remove("a");
        moved(&t);
        *t.entry("c".into()).or_default() += 5;
        moved(&t);
        t.retain(|_, _| true);
        moved(&t);
        t.load("d".into(), 4);
        moved(&t);
        let before = t.generation();
        let _ = t.take_dirty();
        assert_eq!(t.generation(), before);
        assert_ne!(Table::<String, i32>::default().generation(), before);
    }
}
