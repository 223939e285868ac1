//! Pull of the record types a remote lists page by page (`Pull::Listing` in their descriptor),
//! written once for all of them: page through the listing (the first page gives the total; the
//! rest are fetched concurrently), upsert what came back (rows with pending ops keep their local
//! fields and get a new base), recognise creates from here whose answer was lost among what came,
//! and treat a known record missing from the listing as deleted remotely, but only when the
//! listing was complete and its count did not move while it was read.

use std::collections::HashSet;
use std::sync::Mutex;

use futures_util::stream::{self, StreamExt, TryStreamExt};
use outpost_model::RecordType;
use outpost_platform::PlatformError;
use outpost_replica::{
    ConflictKind, Entity, OpKind, OpState, OutboxOp, RemoteDelete, Replica, TenantScope,
};
use serde_json::Value;

use crate::error::SyncError;
use crate::listing::PageGuard;
use crate::progress::ProgressCell;
use crate::recognise::is_lost_create;
use crate::remote::{Page, Remote};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PullTally {
    pub pulled: u32,
    pub deleted: u32,
    pub conflicts: u32,
    /// The listing changed while it was read: nothing was deleted locally this time.
    pub inconsistent: bool,
    /// Series not shown because their entry already has another series here.
    pub series_left_out: u32,
    /// Record types the user's role may not read (the remote answered 403): left out of the
    /// run, not an error (a member syncs without the tenant's invitations).
    pub not_readable: u32,
    /// Records the pull wrote: new here, or different from the copy held. After the change
    /// feed was followed, what a full listing still writes (and deletes) is what it missed.
    pub written: u32,
}

impl PullTally {
    /// Adds another pull's counts to these.
    pub fn add(&mut self, other: PullTally) {
        self.pulled += other.pulled;
        self.deleted += other.deleted;
        self.conflicts += other.conflicts;
        self.inconsistent |= other.inconsistent;
        self.series_left_out += other.series_left_out;
        self.not_readable += other.not_readable;
        self.written += other.written;
    }
}

/// Pulls every record of type `t` from the remote's listing.
pub async fn pull_listing<R: Remote>(
    remote: &R,
    replica: &Mutex<Replica>,
    t: RecordType,
    me: &str,
    progress: &ProgressCell,
) -> Result<PullTally, SyncError> {
    let tenant = remote.tenant();
    let what = t.as_str();
    let size = remote.page_size(t);
    let mut tally = PullTally::default();
    let (mut lost, first_listing) = {
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        (
            LostCreates::waiting(&scope, t, me)?,
            !scope.holds_server_records(t)?,
        )
    };
    let Page { rows: first, total } = match remote.list_page(t, 0, size).await {
        Err(e) if e.status() == Some(403) => {
            tally.not_readable = 1;
            return Ok(tally);
        }
        page => page?,
    };
    progress.total(total as u32);
    progress.advance(first.len() as u32);
    // Pages are written as they arrive, a few at a time (WRITE_ROWS), so memory holds those and
    // the pages in flight, not the whole collection; only the ids are kept, to find what the
    // server no longer lists.
    let mut listed = Listed {
        ids: IdSet::default(),
        first: first_listing,
    };
    let mut waiting: Vec<Value> = Vec::new();
    let mut guard = PageGuard::default();
    guard.check(what, 0, &first)?;
    let mut pulled = take_page(t, first, &mut waiting)?;
    // The offsets are made as the pages are asked for (the total is the server's word, capped
    // where it is read), and a page that repeats the one before it ends the run.
    let mut pages = stream::iter((size..total).step_by(size.max(1)))
        .map(|offset| async move {
            let page = remote.list_page(t, offset, size).await?;
            progress.advance(page.rows.len() as u32);
            Ok::<_, PlatformError>((offset, page.rows))
        })
        .buffered(PAGES_IN_FLIGHT);
    loop {
        if waiting.len() >= WRITE_ROWS {
            write_rows(
                replica,
                tenant,
                t,
                &mut waiting,
                &mut listed,
                &mut lost,
                &mut tally,
            )?;
        }
        // A page that failed or was refused still leaves the pages before it written: they are
        // the server's own.
        let page = match pages.try_next().await {
            Ok(Some((_, rows))) if rows.is_empty() => break,
            Ok(Some((offset, rows))) => guard
                .check(what, offset, &rows)
                .map_err(SyncError::from)
                .and_then(|()| take_page(t, rows, &mut waiting)),
            Ok(None) => break,
            Err(e) => Err(e.into()),
        };
        match page {
            Ok(n) => pulled += n,
            Err(e) => {
                write_rows(
                    replica,
                    tenant,
                    t,
                    &mut waiting,
                    &mut listed,
                    &mut lost,
                    &mut tally,
                )?;
                return Err(e);
            }
        }
    }
    write_rows(
        replica,
        tenant,
        t,
        &mut waiting,
        &mut listed,
        &mut lost,
        &mut tally,
    )?;
    let total_after = remote.list_page(t, 0, 1).await?.total;
    let complete = total == total_after && listed.ids.len() == total;
    tally.inconsistent = !complete;
    tally.pulled = pulled as u32;
    if !complete {
        return Ok(tally);
    }
    let r = crate::hold(replica);
    let scope = r.tenant(tenant);
    let gone = scope.server_ids_where(t, |id| !listed.ids.contains(id))?;
    apply_deletes(&scope, t, gone, &mut tally)?;
    Ok(tally)
}

/// The ids a listing brought so far, and whether it is the first listing of its type here
/// (nothing of it held before: new records need no lookup).
pub(crate) struct Listed {
    pub ids: IdSet,
    pub first: bool,
}

impl Listed {
    /// The ids of a listing that is not the first, or of one parent's children.
    pub(crate) fn again() -> Listed {
        Listed {
            ids: IdSet::default(),
            first: false,
        }
    }
}

/// The ids a listing brought, kept as 64-bit hashes: a million ids take 16 MB instead of a
/// hundred. Two ids sharing a hash (about one chance in 10^7 for a million) would at worst keep
/// a record the server deleted until the next listing, never delete one it has.
#[derive(Default)]
pub(crate) struct IdSet(HashSet<u64>);

impl IdSet {
    fn hash(id: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        // Fixed keys: the same id hashes the same way for the whole listing.
        let mut h = std::hash::DefaultHasher::new();
        id.hash(&mut h);
        h.finish()
    }

    pub(crate) fn insert(&mut self, id: &str) {
        self.0.insert(Self::hash(id));
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.0.contains(&Self::hash(id))
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

/// Pulls every record of type `t` listed under each known record of type `parent` (a group's
/// members under each group).
pub async fn pull_under<R: Remote>(
    remote: &R,
    replica: &Mutex<Replica>,
    t: RecordType,
    parent: RecordType,
    me: &str,
) -> Result<PullTally, SyncError> {
    let parents = crate::hold(replica)
        .tenant(remote.tenant())
        .known_server_ids(parent)?;
    pull_under_parents(remote, replica, t, parents, me).await
}

/// Pulls the records of type `t` listed under each of `parents` (server ids). A known record
/// its parent's listing no longer has was removed there; a parent gone meanwhile takes its
/// children with its own remote delete.
pub(crate) async fn pull_under_parents<R: Remote>(
    remote: &R,
    replica: &Mutex<Replica>,
    t: RecordType,
    parents: Vec<String>,
    me: &str,
) -> Result<PullTally, SyncError> {
    let tenant = remote.tenant();
    let mut tally = PullTally::default();
    let mut lost = LostCreates::waiting(&crate::hold(replica).tenant(tenant), t, me)?;
    let mut listings = stream::iter(parents)
        .map(|id| async move { (remote.list_under(t, &id).await, id) })
        .buffered(PAGES_IN_FLIGHT);
    while let Some((rows, parent_id)) = listings.next().await {
        let rows = match rows {
            Ok(rows) => rows,
            // The role may not read these: left out, nothing deleted.
            Err(e) if e.status() == Some(403) => {
                tally.not_readable = 1;
                return Ok(tally);
            }
            Err(e) => return Err(e.into()),
        };
        let Some(mut rows) = rows else {
            // The parent went while the pull ran: its children go with its own remote delete.
            tally.inconsistent = true;
            continue;
        };
        tally.pulled += take_page(t, std::mem::take(&mut rows), &mut rows)? as u32;
        // Each parent's listing is complete on its own: what it no longer lists was removed
        // there, whatever other parents' listings answered.
        let mut listed = Listed::again();
        write_rows(
            replica,
            tenant,
            t,
            &mut rows,
            &mut listed,
            &mut lost,
            &mut tally,
        )?;
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        let known = scope.known_server_ids_under(t, &parent_id)?;
        let gone = known.into_iter().filter(|id| !listed.ids.contains(id));
        apply_deletes(&scope, t, gone, &mut tally)?;
    }
    Ok(tally)
}

/// How many pulled records are written in one transaction: each commit flushes the full-text
/// index's new terms as a segment of their own (merged later) and writes the touched index
/// pages to the WAL again, so a few pages together cost far less than one commit each.
const WRITE_ROWS: usize = 1000;

/// Pages asked for at once: more than a write's worth (WRITE_ROWS is five pages of 200), so
/// the server keeps answering while a write runs.
const PAGES_IN_FLIGHT: usize = 8;

/// Takes one page of a listing into `waiting`; a page with a record that has no id is refused
/// whole.
fn take_page(
    t: RecordType,
    rows: Vec<Value>,
    waiting: &mut Vec<Value>,
) -> Result<usize, SyncError> {
    if rows
        .iter()
        .any(|r| r.get("id").and_then(Value::as_str).is_none())
    {
        return Err(PlatformError::Schema {
            what: format!("{t} list"),
            reason: format!("a {t} has no id"),
        }
        .into());
    }
    let n = rows.len();
    waiting.extend(rows);
    Ok(n)
}

/// Creates of this type from here that may have reached the server (attempted, answer lost)
/// and wait for their retry: each record a pull brings is checked against them.
pub(crate) struct LostCreates {
    ops: Vec<OutboxOp>,
    me: String,
    /// Server ids that creates from here already took.
    claimed: HashSet<String>,
}

impl LostCreates {
    pub(crate) fn waiting(
        scope: &TenantScope<'_>,
        t: RecordType,
        me: &str,
    ) -> Result<LostCreates, SyncError> {
        let ops: Vec<OutboxOp> = scope
            .outbox(&[OpState::Pending, OpState::Failed])?
            .into_iter()
            .filter(|op| op.entity == t && op.kind == OpKind::Create)
            .filter(|op| op.attempts > 0)
            .collect();
        let claimed = match ops.is_empty() {
            true => HashSet::new(),
            false => scope.server_ids_created_here(t)?.into_iter().collect(),
        };
        Ok(LostCreates {
            ops,
            me: me.to_string(),
            claimed,
        })
    }

    /// Records as done each waiting create that one of `rows` (just written) is.
    fn recognise(&mut self, scope: &TenantScope<'_>, rows: &[Value]) -> Result<(), SyncError> {
        for row in rows {
            if self.ops.is_empty() {
                return Ok(());
            }
            let Some(i) = self
                .ops
                .iter()
                .position(|op| is_lost_create(row, op, &self.me, &self.claimed))
            else {
                continue;
            };
            let op = self.ops.remove(i);
            scope.mark_done(&op.op_id, Some(row))?;
            self.claimed
                .extend(row.get("id").and_then(Value::as_str).map(str::to_string));
        }
        Ok(())
    }
}

/// Upserts the waiting records in one transaction, recognises lost creates among them, and
/// adds their ids to `listed`.
pub(crate) fn write_rows(
    replica: &Mutex<Replica>,
    tenant: &str,
    t: RecordType,
    waiting: &mut Vec<Value>,
    listed: &mut Listed,
    lost: &mut LostCreates,
    tally: &mut PullTally,
) -> Result<(), SyncError> {
    if waiting.is_empty() {
        return Ok(());
    }
    {
        let r = crate::hold(replica);
        let scope = r.tenant(tenant);
        let ids = &listed.ids;
        let seen = |id: &str| ids.contains(id);
        let first: Option<&dyn Fn(&str) -> bool> = listed.first.then_some(&seen);
        tally.written += scope.upsert_listed(t, waiting, first)?.written as u32;
        lost.recognise(&scope, waiting)?;
    }
    for row in waiting.drain(..) {
        if let Some(id) = row.get("id").and_then(Value::as_str) {
            listed.ids.insert(id);
        }
    }
    Ok(())
}

/// Applies remote deletes: every `known` record not in a complete, consistent listing was deleted
/// on the server. One with local edits waiting (on it or on records under it) is kept, and each
/// of those edits becomes a conflict for the user to decide.
pub(crate) fn delete_missing(
    scope: &TenantScope<'_>,
    entity: Entity,
    known: Vec<String>,
    listed: &HashSet<String>,
    tally: &mut PullTally,
) -> Result<(), SyncError> {
    let gone = known.into_iter().filter(|id| !listed.contains(id));
    apply_deletes(scope, entity, gone, tally)
}

/// Applies the server's deletes of `gone` (server ids). One with local edits waiting (on it or
/// on records under it) is kept, and each of those edits becomes a conflict for the user to
/// decide.
pub(crate) fn apply_deletes(
    scope: &TenantScope<'_>,
    entity: Entity,
    gone: impl IntoIterator<Item = String>,
    tally: &mut PullTally,
) -> Result<(), SyncError> {
    for server_id in gone {
        match scope.apply_remote_delete(entity, &server_id)? {
            RemoteDelete::Removed { .. } => tally.deleted += 1,
            RemoteDelete::Unknown => {}
            RemoteDelete::Kept { pending, .. } => {
                // Edited here (the record, or records under it such as a series' occurrences),
                // deleted there: each edit becomes a conflict the user decides.
                for (entity, local_id) in pending {
                    // The record's head op; none when it already waits in a conflict.
                    let ops = scope.ops_for_record(entity, &local_id)?;
                    if ops.iter().any(|op| op.state == OpState::Conflict) {
                        continue;
                    }
                    let head = ops
                        .into_iter()
                        .next()
                        .filter(|op| matches!(op.state, OpState::Pending | OpState::Failed));
                    if let Some(op) = head {
                        scope.park_conflict(
                            &op.op_id,
                            ConflictKind::EditVsRemoteDelete,
                            None,
                            &[],
                        )?;
                        tally.conflicts += 1;
                    }
                }
            }
        }
    }
    Ok(())
}
