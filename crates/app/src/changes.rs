//! What one transaction of the replica wrote, as a `changed` event tells it: the data sets, and
//! per record type the local ids of the records written (bounded: past [`MAX_IDS`] a type is
//! sent without ids, meaning "many"), so a screen showing one record reads it again only when
//! that record changed.
//!
//! The ids come from temporary triggers (this connection's alone, never stored in the file) on
//! the record tables and on the outbox and conflicts, which name the record an op or conflict is
//! about: a record whose edit waits, is sent or clashes shows that too.

use std::collections::{BTreeMap, BTreeSet};

use outpost_model::RecordType;
use serde::Serialize;
use ts_rs::TS;

use crate::events::Dataset;

/// More ids of one type than this in one commit (a pull, an import) are sent as "many": the
/// screens would read nearly everything again anyway, and the event stays small.
pub const MAX_IDS: usize = 50;

/// The records of one type a commit wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordChange {
    pub entity: RecordType,
    /// Their local ids; `null` when more than [`MAX_IDS`] were written (any may have changed).
    pub ids: Option<Vec<String>>,
}

/// What a transaction wrote so far.
#[derive(Debug, Default)]
pub(crate) struct Written {
    datasets: BTreeSet<Dataset>,
    /// Per record type, its ids, or `None` once past [`MAX_IDS`].
    records: BTreeMap<RecordType, Option<BTreeSet<String>>>,
}

impl Written {
    pub(crate) fn dataset(&mut self, dataset: Dataset) {
        self.datasets.insert(dataset);
    }

    pub(crate) fn record(&mut self, entity: RecordType, local_id: &str) {
        let ids = self
            .records
            .entry(entity)
            .or_insert_with(|| Some(BTreeSet::new()));
        if let Some(set) = ids {
            set.insert(local_id.to_string());
            if set.len() > MAX_IDS {
                *ids = None;
            }
        }
    }

    /// What the commit wrote, and empty again for the next one.
    pub(crate) fn take(&mut self) -> (Vec<Dataset>, Vec<RecordChange>) {
        let Written { datasets, records } = std::mem::take(self);
        let changes = records
            .into_iter()
            .map(|(entity, ids)| RecordChange {
                entity,
                ids: ids.map(|set| set.into_iter().collect()),
            })
            .collect();
        (datasets.into_iter().collect(), changes)
    }
}

/// The SQL that makes the connection report the records each write touches through the
/// function `function(record type, local id)`: on each record table its rows, on the outbox and
/// the conflicts the record they are about.
pub(crate) fn record_triggers(function: &str) -> Vec<String> {
    let mut sql = Vec::new();
    let mut trigger = |table: &str, name: &str, entity: &str, id: &str| {
        for (action, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
            sql.push(format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS \"outpost_ids_{name}_{action}\" AFTER {action} ON main.\"{table}\" \
                 BEGIN SELECT {function}({}, {row}.{id}); END",
                entity.replace("{row}", row)
            ));
        }
    };
    for t in RecordType::ALL {
        let table = t.descriptor().table;
        trigger(table, table, &format!("'{}'", t.as_str()), "local_id");
    }
    // An op's or a conflict's record changes with it (its "waiting" mark, its state).
    trigger("outbox", "outbox", "{row}.entity", "local_id");
    trigger("conflicts", "conflicts", "{row}.entity", "local_id");
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_beyond_the_bound_become_many_and_a_take_starts_afresh() {
        let mut w = Written::default();
        w.dataset(Dataset::Contacts);
        for i in 0..=MAX_IDS {
            w.record(RecordType::Contact, &format!("c{i}"));
        }
        w.record(RecordType::Calendar, "k1");
        w.record(RecordType::Calendar, "k1");
        let (datasets, changes) = w.take();
        assert_eq!(datasets, vec![Dataset::Contacts]);
        assert_eq!(
            changes,
            vec![
                RecordChange {
                    entity: RecordType::Calendar,
                    ids: Some(vec!["k1".into()])
                },
                RecordChange {
                    entity: RecordType::Contact,
                    ids: None
                },
            ]
        );
        assert_eq!(w.take(), (vec![], vec![]));
    }
}
