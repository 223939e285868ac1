//! The catch-up feed of `GET /services/realtime/events/missed`: every change a request makes to
//! a record of a tenant becomes an event of that tenant (`contact:updated`, `group_member:created`,
//! ...), numbered in order, kept up to a bound per tenant and stored with the rest of the data.
//!
//! The changes are found where every store's changes already pass: the rows a flush writes
//! ([`observe`]). The demo's seeded data is the starting state, not history: the feed starts
//! empty, as a client's first sync is a full listing anyway.

mod cursor;
pub mod feed;
mod observe;
mod pattern;
pub mod records;

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

pub use cursor::Cursor;
pub use observe::{Known, Observer};
pub use pattern::Pattern;

use crate::clock::Clock;
use crate::storage::{self, Sink};
use observe::Change;

/// How many events each tenant keeps when the embedder does not say.
pub const DEFAULT_KEPT: usize = 10_000;

/// One event, as stored; the feed answers all but `position`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    /// Its place among its tenant's events: 1, 2, 3, ...
    pub position: u64,
    pub id: String,
    pub event_type: String,
    pub data: Value,
    pub created_at: String,
    pub created_by: Option<String>,
}

impl Event {
    /// The event in the seed's shape.
    pub fn shown(&self) -> Value {
        json!({
            "id": self.id,
            "event_type": self.event_type,
            "data": self.data,
            "created_at": self.created_at,
            "created_by": self.created_by,
        })
    }
}

/// One tenant's kept events, oldest first.
#[derive(Default)]
pub struct TenantEvents {
    pub events: VecDeque<Event>,
    /// The position of the newest event ever made (0 before the first).
    pub head: u64,
}

impl TenantEvents {
    /// Whether events older than the kept ones were dropped.
    pub fn dropped_any(&self) -> bool {
        self.events.front().is_some_and(|e| e.position > 1)
    }
}

/// The recorder: what it last saw of every row, and the events.
pub struct Events {
    known: Known,
    /// Names this history: made with the data, kept with it (see [`Cursor`]).
    pub history: String,
    kept: usize,
    tenants: HashMap<String, TenantEvents>,
}

fn row_id(position: u64) -> String {
    format!("{position:020}")
}

impl Events {
    /// A new history keeping `kept` events per tenant (at least 1).
    pub fn new(kept: usize) -> Self {
        Self {
            known: Known::default(),
            history: uuid::Uuid::now_v7().to_string(),
            kept: kept.max(1),
            tenants: HashMap::new(),
        }
    }

    /// The history stored in `db`, keeping `kept` events per tenant from now on.
    pub fn load(db: &storage::Db, kept: usize) -> anyhow::Result<Self> {
        let mut events = Self::new(kept);
        let meta = db.rows::<Value>("meta")?;
        if let Some(h) = meta.iter().find(|r| r.1 == "events_history") {
            events.history = h.2.as_str().unwrap_or_default().to_string();
        }
        for (tenant, _, event) in db.rows::<Event>("events")? {
            let t = events.tenants.entry(tenant).or_default();
            t.head = t.head.max(event.position);
            t.events.push_back(event);
        }
        // A run with a smaller bound than the one that stored them keeps only the newest.
        let kept = events.kept;
        for t in events.tenants.values_mut() {
            let surplus = t.events.len().saturating_sub(kept);
            t.events.drain(..surplus);
        }
        Ok(events)
    }

    pub fn tenant(&self, tenant: &str) -> Option<&TenantEvents> {
        self.tenants.get(tenant)
    }

    /// A sink that watches what passes through it on the way to `inner`.
    pub fn observer<'a>(&'a mut self, inner: &'a mut dyn Sink) -> Observer<'a> {
        Observer::new(inner, &mut self.known)
    }

    /// Makes events of `changes` by `actor`, writes them to `sink` and drops the oldest past
    /// the bound.
    pub fn record(
        &mut self,
        changes: Vec<Change>,
        actor: Option<&str>,
        clock: &Clock,
        sink: &mut dyn Sink,
    ) {
        for change in changes {
            let t = self.tenants.entry(change.tenant.clone()).or_default();
            t.head += 1;
            let mut data = Map::new();
            data.insert("id".into(), json!(change.id));
            data.insert("tenantId".into(), json!(change.tenant));
            for (key, id) in &change.parents {
                data.insert((*key).into(), json!(id));
            }
            let event = Event {
                position: t.head,
                id: uuid::Uuid::now_v7().to_string(),
                event_type: format!("{}:{}", change.record, change.action.name()),
                data: Value::Object(data),
                created_at: clock.stamp(),
                created_by: actor.map(str::to_string),
            };
            let body = storage::body(&event);
            sink.put(
                "events",
                &change.tenant,
                &row_id(t.head),
                t.head as i64,
                body,
            );
            t.events.push_back(event);
            while t.events.len() > self.kept {
                if let Some(old) = t.events.pop_front() {
                    sink.delete("events", &change.tenant, &row_id(old.position));
                }
            }
        }
    }

    /// Writes the whole history (a new database).
    pub fn write_all(&self, sink: &mut dyn Sink) {
        sink.put(
            "meta",
            "",
            "events_history",
            0,
            storage::body(&self.history),
        );
        for (tenant, t) in &self.tenants {
            for e in &t.events {
                sink.put(
                    "events",
                    tenant,
                    &row_id(e.position),
                    e.position as i64,
                    storage::body(e),
                );
            }
        }
    }
}
