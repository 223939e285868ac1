//! The calendar half of the torture test: entries created, edited, moved, re-statused and
//! deleted on replicas, series made of them with occurrences cancelled, and a remote editor
//! changing and deleting entries on the server. Created entries carry a marker in their title,
//! which nothing else changes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use outpost_app::commands::calendars::{FieldsArgs, IdArgs, OccurrenceArgs, PatchArgs, WindowArgs};
use outpost_app::commands::sync::ListOutboxArgs;
use outpost_app::App;
use outpost_platform::{Method, Session};
use outpost_replica::wire::request_shape;
use outpost_replica::{Entity, Fields};
use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Value};

/// The start of the title of every entry this test creates.
pub const MARKER: &str = "Torture-E";
const ZONE: &str = "Europe/Berlin";

/// The calendar everything happens in, and the stretch of time its entries fall in.
pub struct Arena {
    pub calendar: String,
    pub base: DateTime<Utc>,
}

fn text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Arena {
    /// Creates the calendar on the server (a colleague made it; the replicas pull it).
    pub async fn new(remote: &Session) -> Arena {
        let v: Value = remote
            .send_json(
                Method::POST,
                "/api/v1/secure/calendar/",
                &json!({ "kind": "tenant_shared", "name": "Torture", "timezone": ZONE }),
            )
            .await
            .unwrap();
        let base = (Utc::now() + Duration::days(7))
            .date_naive()
            .and_hms_opt(6, 0, 0)
            .unwrap()
            .and_utc();
        Arena {
            calendar: v["data"]["id"].as_str().unwrap().to_string(),
            base,
        }
    }

    /// The window every check looks at: all entries and occurrences fall inside it.
    pub fn window(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            self.base - Duration::days(2),
            self.base + Duration::days(120),
        )
    }

    pub async fn local_items(&self, app: &App) -> Vec<outpost_replica::WindowItem> {
        let (from, to) = self.window();
        app.calendar_window(WindowArgs {
            calendar_ids: vec![self.calendar.clone()],
            from: text(from),
            to: text(to),
        })
        .await
        .unwrap_or_default()
    }

    /// One random calendar edit on a replica.
    pub async fn local_op(
        &self,
        rng: &mut StdRng,
        app: &App,
        replica: usize,
        created: &mut BTreeSet<String>,
        deleted: &mut BTreeSet<String>,
        n: usize,
    ) {
        let items = self.local_items(app).await;
        let plain: Vec<&outpost_replica::WindowItem> =
            items.iter().filter(|i| i.series_id.is_none()).collect();
        let pick_plain = |rng: &mut StdRng| {
            (!plain.is_empty()).then(|| plain[rng.random_range(0..plain.len())].entry_id.clone())
        };
        match rng.random_range(0..10) {
            0..=2 => {
                let marker = format!("{MARKER}{replica}-{n}");
                let start = self.base
                    + Duration::days(rng.random_range(0..30))
                    + Duration::hours(rng.random_range(0..10));
                let fields = json!({
                    "calendarId": self.calendar, "kind": "event", "title": marker,
                    "startsAt": text(start),
                    "endsAt": text(start + Duration::minutes(rng.random_range(1..4) * 30)),
                    "timezone": ZONE,
                });
                app.create_entry(FieldsArgs::new(fields.as_object().unwrap().clone()))
                    .await
                    .unwrap();
                created.insert(marker);
            }
            3..=4 => {
                let Some(id) = pick_plain(rng) else { return };
                let fields = if rng.random_bool(0.5) {
                    json!({ "locationName": format!("Bay {n}") })
                } else {
                    json!({ "description": format!("edited {n} on replica {replica}") })
                };
                let _ = app
                    .update_entry(PatchArgs::new(id, fields.as_object().unwrap().clone()))
                    .await;
            }
            5 => {
                let Some(id) = pick_plain(rng) else { return };
                let Ok(entry) = app.get_entry(IdArgs { id: id.clone() }).await else {
                    return;
                };
                let at = |k: &str| {
                    DateTime::parse_from_rfc3339(entry.fields[k].as_str().unwrap())
                        .unwrap()
                        .with_timezone(&Utc)
                };
                let shift = Duration::hours(rng.random_range(1..6));
                let fields = json!({ "startsAt": text(at("startsAt") + shift), "endsAt": text(at("endsAt") + shift) });
                let _ = app
                    .update_entry(PatchArgs::new(id, fields.as_object().unwrap().clone()))
                    .await;
            }
            6 => {
                let Some(id) = pick_plain(rng) else { return };
                let status = if rng.random_bool(0.5) {
                    "confirmed"
                } else {
                    "tentative"
                };
                let _ = app
                    .set_entry_status(outpost_app::commands::calendars::EntryStatusArgs {
                        id,
                        status: status.into(),
                    })
                    .await;
            }
            7 => {
                let Some(id) = pick_plain(rng) else { return };
                let title = app
                    .get_entry(IdArgs { id: id.clone() })
                    .await
                    .ok()
                    .and_then(|e| e.fields["title"].as_str().map(str::to_string));
                if app.delete_entry(IdArgs { id }).await.is_ok() {
                    deleted.extend(title);
                }
            }
            8 => {
                // A weekly series of four, from an entry that is not recurring yet.
                let Some(id) = pick_plain(rng) else { return };
                let Ok(entry) = app.get_entry(IdArgs { id: id.clone() }).await else {
                    return;
                };
                let fields = json!({
                    "calendarId": entry.fields["calendarId"], "rootEntryId": id,
                    "frequency": "weekly", "startsAt": entry.fields["startsAt"],
                    "timezone": entry.fields["timezone"], "occurrenceCountLimit": 4,
                });
                let _ = app
                    .make_recurring(FieldsArgs::new(fields.as_object().unwrap().clone()))
                    .await;
            }
            _ => {
                let occurrences: Vec<&outpost_replica::WindowItem> = items
                    .iter()
                    .filter(|i| i.series_id.is_some() && i.instance_date.is_some())
                    .collect();
                if occurrences.is_empty() {
                    return;
                }
                let o = occurrences[rng.random_range(0..occurrences.len())];
                let _ = app
                    .cancel_occurrence(OccurrenceArgs {
                        series_id: o.series_id.clone().unwrap(),
                        instance_date: o.instance_date.clone().unwrap(),
                        fields: Fields::new(),
                    })
                    .await;
            }
        }
    }

    /// Every entry of the calendar on the server, by id.
    pub async fn server_entries(&self, remote: &Session) -> BTreeMap<String, Value> {
        let (from, to) = self.window();
        let mut out = BTreeMap::new();
        let mut offset = 0;
        loop {
            let query = [
                ("calendarId", self.calendar.clone()),
                ("from", text(from)),
                ("to", text(to)),
                ("limit", "200".into()),
                ("offset", offset.to_string()),
            ];
            let v: Value =
                super::faults::read(|| remote.get("/api/v1/secure/calendar/entries", &query)).await;
            let rows = v["data"].as_array().unwrap().clone();
            offset += rows.len();
            for r in rows {
                out.insert(r["id"].as_str().unwrap().to_string(), r);
            }
            if offset as u64 >= v["total"].as_u64().unwrap() {
                return out;
            }
        }
    }

    /// A colleague changes or deletes an entry on the server.
    pub async fn remote_op(
        &self,
        rng: &mut StdRng,
        remote: &Session,
        deleted: &mut BTreeSet<String>,
        n: usize,
    ) {
        let entries = self.server_entries(remote).await;
        let ids: Vec<&String> = entries.keys().collect();
        if ids.is_empty() {
            return;
        }
        let id = ids[rng.random_range(0..ids.len())].clone();
        let path = format!("/api/v1/secure/calendar/entries/{id}");
        if rng.random_range(0..5) == 0 {
            // Whatever the answer (a fault may have lost it after the delete), the entry may
            // be gone now, rightly.
            let _ = remote
                .request::<Value>(Method::DELETE, &path, &[], None)
                .await;
            if let Some(t) = entries[&id]["title"].as_str() {
                deleted.insert(t.to_string());
            }
        } else {
            let _: Result<Value, _> = remote
                .send_json(
                    Method::PATCH,
                    &path,
                    &json!({ "locationName": format!("Remote bay {n}") }),
                )
                .await;
        }
    }

    /// After the final sync: the replica's entries equal the server's, except those waiting
    /// for the user; every series expands here as the server expands it.
    pub async fn check_replica(
        &self,
        app: &App,
        replica: usize,
        replica_file: &std::path::Path,
        on_server: &BTreeMap<String, Value>,
        remote: &Session,
    ) {
        let items = self.local_items(app).await;
        let mut seen = BTreeSet::new();
        for item in &items {
            if !seen.insert(item.entry_id.clone()) || item.has_pending_ops {
                continue;
            }
            let local = app
                .get_entry(IdArgs {
                    id: item.entry_id.clone(),
                })
                .await
                .unwrap();
            if local.has_pending_ops {
                continue;
            }
            let id = local.server_id.clone().unwrap_or_else(|| {
                panic!(
                    "replica {replica}: entry {} has no server id and nothing to send",
                    local.local_id
                )
            });
            let Some(theirs) = on_server.get(&id) else {
                // Deleted on the server, kept here while an edit under it (to its series, an
                // occurrence or a reminder) waits in a conflict for the user.
                if held_by_open_op(app, replica_file, &local.local_id, &id).await {
                    continue;
                }
                let direct: Result<Value, _> = remote
                    .get(&format!("/api/v1/secure/calendar/entries/{id}"), &[])
                    .await;
                let conflicts = app.list_conflicts(Default::default()).await.unwrap();
                panic!(
                    "replica {replica}: entry {id} (local {}) is not on the server; here: {:?}; the server says: {direct:?}; conflicts: {:?}",
                    local.local_id,
                    local.fields,
                    conflicts.iter().map(|c| (c.entity, &c.local_id, c.kind)).collect::<Vec<_>>(),
                );
            };
            let theirs = request_shape(Entity::Entry, theirs);
            let mine = local.fields.as_object().unwrap();
            for (k, v) in mine.iter().filter(|(_, v)| !v.is_null()) {
                assert_eq!(
                    theirs.get(k),
                    Some(v),
                    "replica {replica}: entry {id}.{k} differs from the server"
                );
            }
        }
        // Series: the occurrences shown here are the server's.
        let mut by_series: BTreeMap<String, (bool, String, Vec<DateTime<Utc>>)> = BTreeMap::new();
        for item in items.iter().filter(|i| i.series_id.is_some()) {
            let slot = by_series
                .entry(item.series_id.clone().unwrap())
                .or_insert_with(|| (false, item.entry_id.clone(), Vec::new()));
            slot.0 |= item.has_pending_ops;
            slot.2.push(parse(&item.starts_at));
        }
        let (from, to) = self.window();
        for (pending, root, mut mine) in by_series.into_values() {
            if pending {
                continue;
            }
            let series = app
                .entry_series(IdArgs { id: root.clone() })
                .await
                .unwrap()
                .expect("an occurrence's root entry has its series");
            let Some(server_series) = series.server_id else {
                panic!("replica {replica}: a series with nothing to send has no server id");
            };
            let listed: Result<Value, _> = remote
                .get(
                    &format!(
                        "/api/v1/secure/calendar/recurrence-masters/{server_series}/instances"
                    ),
                    &[
                        ("from", text(from)),
                        ("to", text(to)),
                        ("limit", "200".into()),
                    ],
                )
                .await;
            let v = match listed {
                Ok(v) => v,
                Err(e) if e.status() == Some(404) => {
                    // Gone on the server, kept here while a conflict under it waits.
                    let root_server = app
                        .get_entry(IdArgs { id: root.clone() })
                        .await
                        .ok()
                        .and_then(|e| e.server_id)
                        .unwrap_or_default();
                    assert!(
                        held_by_open_op(app, replica_file, &root, &root_server).await,
                        "replica {replica}: series {server_series} is gone from the server but shown here with nothing waiting"
                    );
                    continue;
                }
                Err(e) => panic!("listing series {server_series}: {e}"),
            };
            let mut theirs: Vec<DateTime<Utc>> = v["data"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["instanceState"] != "cancelled")
                .map(|i| parse(i["startsAt"].as_str().unwrap()))
                .collect();
            theirs.sort();
            mine.sort();
            assert_eq!(
                mine, theirs,
                "replica {replica}: series {server_series} expands differently"
            );
        }
    }
}

/// Whether an op waiting for the user (after the final syncs every open op does) is about a
/// record under this entry: its series, one of the series' occurrences, or a reminder of the
/// entry or the series. The engine keeps such an entry when the server deletes it.
async fn held_by_open_op(
    app: &App,
    replica_file: &std::path::Path,
    local: &str,
    server: &str,
) -> bool {
    let open = app.list_outbox(ListOutboxArgs::default()).await.unwrap();
    let series = app
        .entry_series(IdArgs {
            id: local.to_string(),
        })
        .await
        .ok()
        .flatten();
    let mut anchors: Vec<String> = vec![local.to_string(), server.to_string()];
    if let Some(s) = &series {
        anchors.push(s.local_id.clone());
        anchors.extend(s.server_id.clone());
    }
    let replica = outpost_replica::Replica::open(replica_file).unwrap();
    let scope = replica.tenant(&outpost_devserver::demo::tenant_id("acme-field"));
    open.iter().any(|o| {
        // The record's fields; for one the user deleted here since (a reminder removed while
        // its create waits in a conflict), what its op sent.
        let record = scope.get(o.entity, &o.local_id).ok().map(|r| r.fields);
        let points_here = |key: &str| {
            [record.as_ref(), Some(&o.payload)]
                .into_iter()
                .flatten()
                .filter_map(|f| f.get(key).and_then(Value::as_str))
                .any(|v| anchors.iter().any(|a| a == v))
        };
        match o.entity {
            Entity::RecurrenceMaster => anchors.contains(&o.local_id),
            Entity::RecurrenceInstance => points_here("recurrenceMasterId"),
            Entity::Reminder => points_here("calendarEntryId") || points_here("recurrenceMasterId"),
            _ => false,
        }
    })
}

fn parse(t: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc)
}
