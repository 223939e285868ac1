//! A model of the platform for sync tests: records in request shape, an updatedAt per record,
//! answers in the platform's response shapes.

use std::collections::BTreeMap;

use outpost_replica::{Entity, OpKind, OutboxOp};
use serde_json::{json, Map, Value};

pub const CALENDAR: &str = "7d4c0a52-1111-4a2b-9c3d-000000000001";

/// The server: records by (entity, server id), in request shape, with a version clock.
#[derive(Default)]
pub struct ModelServer {
    pub records: BTreeMap<(Entity, String), Map<String, Value>>,
    /// Each record's updatedAt, as last answered.
    pub stamps: BTreeMap<(Entity, String), String>,
    clock: u32,
    next_id: u32,
}

impl ModelServer {
    fn stamp(&mut self) -> String {
        self.clock += 1;
        format!(
            "2026-02-01T00:00:{:02}.{:03}Z",
            self.clock / 1000 % 60,
            self.clock % 1000
        )
    }

    /// A new updatedAt for a record that changed.
    pub fn touch(&mut self, entity: Entity, id: &str) -> String {
        let stamp = self.stamp();
        self.stamps.insert((entity, id.to_string()), stamp.clone());
        stamp
    }

    /// The record as the platform answers after changing it.
    pub fn response(&mut self, entity: Entity, id: &str) -> Value {
        self.touch(entity, id);
        self.view(entity, id)
    }

    /// The record as a remote hands it to the replica: in the model's shape.
    pub fn view(&self, entity: Entity, id: &str) -> Value {
        let fields = self.records[&(entity, id.to_string())].clone();
        let stamp = self.stamps[&(entity, id.to_string())].clone();
        let mut out = Map::new();
        out.insert("id".into(), json!(id));
        out.extend(fields);
        out.insert("updatedAt".into(), json!(stamp));
        Value::Object(out)
    }

    /// Creates a record with a fresh server id; returns the answer body.
    pub fn create(&mut self, entity: Entity, fields: Map<String, Value>) -> Value {
        self.next_id += 1;
        let id = format!("7d4c0a52-9999-4a2b-9c3d-{:012}", self.next_id);
        self.records.insert((entity, id.clone()), fields);
        self.response(entity, &id)
    }

    /// Applies one op as the platform would, trusting that nobody else changed the record;
    /// returns the answer body.
    pub fn apply(&mut self, op: &OutboxOp) -> Option<Value> {
        let payload = op.payload.as_object().unwrap().clone();
        let server_id = op.server_id.clone();
        match op.kind {
            OpKind::Create => {
                for (k, v) in &payload {
                    // References name server ids by the time a create is ready.
                    if k == "calendarId" {
                        assert_eq!(
                            v,
                            &json!(CALENDAR),
                            "a create was sent before its calendar was mapped"
                        );
                    }
                }
                Some(self.create(op.entity, payload))
            }
            OpKind::Update | OpKind::Action => {
                let id = server_id.expect("an update of a record the server has");
                // Nobody else edits this server, so an op must be based on exactly what it
                // has: otherwise the engine would see a change that is not there.
                let key = (op.entity, id.clone());
                assert_eq!(op.base_updated_at.as_ref(), self.stamps.get(&key), "{op:?}");
                if let Some(Value::Object(base)) = &op.base {
                    for (k, v) in base {
                        assert_eq!(
                            self.records[&key].get(k).unwrap_or(&Value::Null),
                            v,
                            "base of {k} in {op:?}"
                        );
                    }
                }
                let record = self
                    .records
                    .get_mut(&(op.entity, id.clone()))
                    .expect("record exists");
                for (k, v) in payload {
                    record.insert(k, v);
                }
                Some(self.response(op.entity, &id))
            }
            OpKind::Delete => {
                let id = server_id.expect("a delete of a record the server has");
                assert_eq!(
                    op.base_updated_at.as_ref(),
                    self.stamps.get(&(op.entity, id.clone())),
                    "{op:?}"
                );
                self.records.remove(&(op.entity, id));
                None
            }
        }
    }
}

/// A record with nothing waiting in the outbox shows exactly the server state it is based on
/// (pulls rely on this to skip unchanged records).
pub fn check_clean_rows_match_base(conn: &rusqlite::Connection, seed: u64, when: &str) {
    for (table, entity) in [("contacts", "contact"), ("entries", "entry")] {
        let sql = format!(
            "SELECT local_id, fields, base FROM {table} t WHERE t.deleted_locally = 0 AND t.base IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.local_id = t.local_id AND o.entity = '{entity}' AND o.state != 'done')"
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .unwrap();
        for row in rows {
            let (id, fields, base) = row.unwrap();
            let fields: Value = serde_json::from_str(&fields).unwrap();
            let base: Value = serde_json::from_str(&base).unwrap();
            assert_eq!(fields, base, "seed {seed}, after {when}: {entity} {id} differs from its base with nothing to send");
        }
    }
}
