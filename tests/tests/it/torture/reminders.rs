//! Reminders in the torture test: replicas add reminders to entries and series of the torture
//! calendar and remove them; the remote editor deletes some on the server. A reminder has no
//! text and cannot be edited, so each created one carries an `offsetMinutes` of its own, derived
//! from its step: that is how its copy on the server is told apart from the others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use outpost_app::commands::calendars::{CalendarIdArgs, FieldsArgs, IdArgs};
use outpost_app::App;
use outpost_platform::{Method, Session};
use outpost_replica::{Entity, OutboxOp, ReminderSummary};
use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Value};

use crate::torture::entries::Arena;

/// The start of the marker of every reminder this test creates (the marker lives only in the
/// test's bookkeeping; the server knows the reminder by its offset).
pub const MARKER: &str = "Torture-R";
/// The platform's bound on `offsetMinutes`, both ways.
const MAX_OFFSET: i64 = 10080;

/// The offset of the reminder created at step `n`; none past the platform's bound, where it
/// would no longer be unique.
fn offset_for(n: usize) -> Option<i64> {
    let offset = MAX_OFFSET - i64::try_from(n).ok()?;
    (offset >= -MAX_OFFSET).then_some(offset)
}

/// A reminder a replica created, and the title of the entry it hangs on (a series' root entry
/// for a series): deleting that entry deletes the reminder with it, rightly.
struct Made {
    marker: String,
    owner: String,
}

/// The reminders of the torture calendar, and the bookkeeping of the ones created.
pub struct Reminders {
    calendar: String,
    made: BTreeMap<i64, Made>,
}

impl Reminders {
    pub fn new(arena: &Arena) -> Reminders {
        Reminders {
            calendar: arena.calendar.clone(),
            made: BTreeMap::new(),
        }
    }

    /// How many reminders the replicas created.
    pub fn created(&self) -> usize {
        self.made.len()
    }

    fn marker_of(&self, offset: i64) -> Option<&str> {
        self.made.get(&offset).map(|m| m.marker.as_str())
    }

    async fn local_list(&self, app: &App) -> Vec<ReminderSummary> {
        app.list_reminders(CalendarIdArgs {
            calendar_id: self.calendar.clone(),
        })
        .await
        .unwrap_or_default()
    }

    /// One random reminder edit on a replica: mostly adds (removes need something to remove).
    #[allow(clippy::too_many_arguments)]
    pub async fn local_op(
        &mut self,
        rng: &mut StdRng,
        app: &App,
        arena: &Arena,
        replica: usize,
        created: &mut BTreeSet<String>,
        deleted: &mut BTreeSet<String>,
        n: usize,
    ) {
        if rng.random_bool(0.7) {
            self.add(rng, app, arena, replica, created, n).await;
        } else {
            self.remove(rng, app, deleted).await;
        }
    }

    /// A reminder on a random entry or series shown in the torture calendar.
    async fn add(
        &mut self,
        rng: &mut StdRng,
        app: &App,
        arena: &Arena,
        replica: usize,
        created: &mut BTreeSet<String>,
        n: usize,
    ) {
        let Some(offset) = offset_for(n) else { return };
        let items = arena.local_items(app).await;
        let Some(item) = crate::torture::pick(rng, &items) else {
            return;
        };
        // An occurrence stands for its series; a plain entry for itself.
        let (key, target) = match &item.series_id {
            Some(series) => ("recurrenceMasterId", series.clone()),
            None => ("calendarEntryId", item.entry_id.clone()),
        };
        let fields = json!({
            "calendarId": self.calendar, key: target,
            "channel": "in_app", "offsetMinutes": offset,
        });
        // The entry or series was just listed here, so the replica must take the reminder.
        app.add_reminder(FieldsArgs::new(fields.as_object().unwrap().clone()))
            .await
            .unwrap_or_else(|e| panic!("replica {replica}: adding a reminder to {target}: {e}"));
        let marker = format!("{MARKER}{replica}-{n}");
        created.insert(marker.clone());
        self.made.insert(
            offset,
            Made {
                marker,
                owner: item.title.clone(),
            },
        );
    }

    async fn remove(&self, rng: &mut StdRng, app: &App, deleted: &mut BTreeSet<String>) {
        let listed = self.local_list(app).await;
        let Some(r) = crate::torture::pick(rng, &listed) else {
            return;
        };
        if app
            .remove_reminder(IdArgs {
                id: r.local_id.clone(),
            })
            .await
            .is_ok()
        {
            deleted.extend(self.marker_of(r.offset_minutes).map(str::to_string));
        }
    }

    /// Every live reminder of the torture calendar on the server.
    pub async fn server_reminders(&self, remote: &Session) -> Vec<Value> {
        let path = format!("/api/v1/secure/calendar/{}/reminders", self.calendar);
        let v: Value = crate::torture::faults::read(|| remote.get(&path, &[])).await;
        v["data"].as_array().unwrap().clone()
    }

    /// A colleague deletes a reminder on the server.
    pub async fn remote_op(
        &self,
        rng: &mut StdRng,
        remote: &Session,
        deleted: &mut BTreeSet<String>,
    ) {
        let listed = self.server_reminders(remote).await;
        let Some(r) = crate::torture::pick(rng, &listed) else {
            return;
        };
        let path = format!(
            "/api/v1/secure/calendar/reminders/{}",
            r["id"].as_str().unwrap()
        );
        // Whatever the answer (a fault may have lost it after the delete), the reminder may
        // be gone now, rightly.
        let _ = remote
            .request::<Value>(Method::DELETE, &path, &[], None)
            .await;
        let offset = r["offsetMinutes"].as_i64().unwrap();
        deleted.extend(self.marker_of(offset).map(str::to_string));
    }

    /// Reminders whose entry (or series' root entry) someone deleted are rightly gone too: the
    /// server deletes them with it.
    pub fn gone_with_their_entries(&self, deleted: &mut BTreeSet<String>) {
        let gone: Vec<String> = self
            .made
            .values()
            .filter(|m| deleted.contains(&m.owner))
            .map(|m| m.marker.clone())
            .collect();
        deleted.extend(gone);
    }

    /// Counts the server's copies of each created reminder, by marker. A reminder nobody here
    /// created counts under a marker of its own, so it cannot hide among the others.
    pub fn count_copies(&self, on_server: &[Value], copies: &mut BTreeMap<String, usize>) {
        for r in on_server {
            let offset = r["offsetMinutes"].as_i64().unwrap();
            let marker = self
                .marker_of(offset)
                .map(str::to_string)
                .unwrap_or_else(|| format!("{MARKER}?-{offset}"));
            *copies.entry(marker).or_default() += 1;
        }
    }

    /// The marker of the reminder an open op creates, if it is one.
    pub fn marker_of_op(&self, op: &OutboxOp) -> Option<String> {
        if op.entity != Entity::Reminder {
            return None;
        }
        let offset = op.payload.get("offsetMinutes").and_then(Value::as_i64)?;
        self.marker_of(offset).map(str::to_string)
    }

    /// After the final sync: the replica's reminders of the torture calendar are the server's,
    /// except those an open op (a conflict, a refusal, or an edit queued behind one) holds.
    pub async fn check_replica(
        &self,
        app: &App,
        replica: usize,
        replica_file: &Path,
        on_server: &[Value],
        open: &[OutboxOp],
        remote: &Session,
    ) {
        let db = outpost_replica::Replica::open(replica_file).unwrap();
        let scope = db.tenant(&outpost_devserver::demo::tenant_id("acme-field"));
        let server_id_of = |entity: Entity, id: &Option<String>| {
            id.as_deref()
                .and_then(|id| scope.get(entity, id).ok())
                .and_then(|r| r.server_id)
        };
        let theirs: BTreeMap<&str, &Value> = on_server
            .iter()
            .map(|r| (r["id"].as_str().unwrap(), r))
            .collect();
        let mut here = BTreeSet::new();
        for mine in self.local_list(app).await {
            let record = scope.get(Entity::Reminder, &mine.local_id).unwrap();
            if record.has_pending_ops {
                continue;
            }
            let id = record.server_id.clone().unwrap_or_else(|| {
                panic!(
                    "replica {replica}: reminder {} has no server id and nothing to send",
                    mine.local_id
                )
            });
            assert!(
                here.insert(id.clone()),
                "replica {replica}: reminder {id} is here twice"
            );
            let entry = server_id_of(Entity::Entry, &mine.entry_id);
            let series = server_id_of(Entity::RecurrenceMaster, &mine.master_id);
            let Some(server) = theirs.get(id.as_str()) else {
                // Its entry or series is gone on the server, kept here while a conflict under
                // it waits for the user.
                let held = held(open, [Some(id.clone()), entry.clone(), series.clone()]);
                assert!(
                    held,
                    "replica {replica}: reminder {id} ({mine:?}) is not on the server"
                );
                continue;
            };
            if entry.is_none() && series.is_none() {
                // Its entry or series is not shown here; the server's reminder must say why.
                let why = target_not_shown(app, remote, server, open).await;
                assert!(
                    why.is_some(),
                    "replica {replica}: reminder {id} hangs on nothing shown here and nothing waits; here: {mine:?}, there: {server}"
                );
                continue;
            }
            let expected = json!({
                "offsetMinutes": mine.offset_minutes, "channel": mine.channel,
                "calendarEntryId": entry, "recurrenceMasterId": series,
            });
            for (k, v) in expected.as_object().unwrap() {
                assert_eq!(
                    &server[k.as_str()],
                    v,
                    "replica {replica}: reminder {id}.{k} differs from the server; here: {mine:?}"
                );
            }
        }
        for r in on_server {
            let id = r["id"].as_str().unwrap();
            let text = |k: &str| r[k].as_str().map(str::to_string);
            assert!(
                here.contains(id)
                    || held(
                        open,
                        [
                            Some(id.to_string()),
                            text("calendarEntryId"),
                            text("recurrenceMasterId")
                        ]
                    ),
                "replica {replica}: server reminder {r} missing here"
            );
        }
    }
}

/// Why the entry or series a reminder hangs on on the server is not shown in the replica, if
/// for a reason the engine gives: the entry (for a series, its root entry) is deleted here with
/// the delete waiting for the user; or the series is the second one two replicas made on one
/// entry while apart, and the replica shows one series per entry (the pull says so).
async fn target_not_shown(
    app: &App,
    remote: &Session,
    server: &Value,
    open: &[OutboxOp],
) -> Option<&'static str> {
    if let Some(entry) = server["calendarEntryId"].as_str() {
        return held(open, [Some(entry.to_string())]).then_some("its entry's delete waits");
    }
    let series = server["recurrenceMasterId"].as_str()?;
    let path = format!("/api/v1/secure/calendar/recurrence-masters/{series}");
    let master: Value = remote.get(&path, &[]).await.ok()?;
    let root = master["data"]["rootEntryId"].as_str()?.to_string();
    if held(open, [Some(series.to_string()), Some(root.clone())]) {
        return Some("its series' root entry's delete waits");
    }
    let shown = app.entry_series(IdArgs { id: root }).await.ok()??;
    (shown.server_id.as_deref() != Some(series)).then_some("another series of its root is shown")
}

/// Whether an open op is about one of these server records (the reminder itself, or its entry
/// or series): a delete or an edit waiting for the user keeps them apart from the server.
fn held<const N: usize>(open: &[OutboxOp], ids: [Option<String>; N]) -> bool {
    open.iter().any(|o| {
        o.server_id
            .as_ref()
            .is_some_and(|s| ids.iter().flatten().any(|id| id == s))
    })
}
