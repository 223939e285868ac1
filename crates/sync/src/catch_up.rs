//! The pull that costs what changed (#19): a remote with a change feed tells what changed since
//! the cursor the replica keeps per tenant and remote; only those records are read again (by
//! id, or their parent's listing for a type listed under a parent) and applied with the same
//! merge rules as a listing. A full listing still runs when there is no cursor yet, when the
//! feed cannot be used (the role may not read it, the cursor is older than what the remote
//! keeps, the remote answered an error), when asked, and on a slower cadence to verify the
//! feed: what that listing still finds is what the feed missed, counted in the run's history.

use std::collections::{BTreeSet, HashSet};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use futures_util::stream::{self, StreamExt};
use outpost_model::{Pull, RemoteKind, DESCRIPTORS};
use outpost_replica::{Fields, Replica};
use serde_json::Value;

use crate::error::SyncError;
use crate::pull::{self, LostCreates, PullTally};
use crate::remote::{Change, Feed, Remote, RemoteError};

/// How many changes one request of the feed asks for.
const FEED_BATCH: usize = 500;

/// Past this many changes, reading each record again costs more than listing everything: the
/// run lists in full instead.
pub(crate) const MOST_CHANGES: usize = 20_000;

/// Records read by id at once.
const READS_IN_FLIGHT: usize = 8;

/// How often a full listing verifies the feed, unless configured otherwise.
pub fn default_verify_every() -> Duration {
    Duration::days(1)
}

/// Why a run lists everything instead of following the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FullReason {
    /// The replica has not listed this tenant in full yet.
    First,
    /// The last full listing is older than the verification cadence.
    Verify,
    /// The user asked for a full sync.
    Asked,
    /// The last run could not read the feed (it failed, or the remote has none for this
    /// role), so there is no place in it to follow from.
    NoCursor,
    /// The cursor is older than what the remote keeps.
    Expired,
    /// The remote has no feed, or not for this role.
    Unavailable,
    /// The feed answered an error.
    FeedFailed,
    /// More changed than reading each record again is worth.
    TooManyChanges,
}

impl FullReason {
    /// The word the run's details carry.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FullReason::First => "first",
            FullReason::Verify => "verify",
            FullReason::Asked => "asked",
            FullReason::NoCursor => "noCursor",
            FullReason::Expired => "cursorExpired",
            FullReason::Unavailable => "feedUnavailable",
            FullReason::FeedFailed => "feedFailed",
            FullReason::TooManyChanges => "tooManyChanges",
        }
    }
}

/// Where the replica is in a remote's feed for one tenant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FeedMark {
    /// The feed's cursor after the last change applied; `None` before the first full listing
    /// that could read the feed.
    pub cursor: Option<String>,
    /// When a full listing last completed.
    pub listed_at: Option<DateTime<Utc>>,
}

fn keys(kind: RemoteKind, tenant: &str) -> (String, String) {
    let remote = match kind {
        RemoteKind::Platform => "platform",
        RemoteKind::Manager => "manager",
    };
    (
        format!("sync.feed.{remote}.{tenant}.cursor"),
        format!("sync.feed.{remote}.{tenant}.listed_at"),
    )
}

impl FeedMark {
    /// The mark kept for `tenant` of the `kind` remote.
    pub(crate) fn load(
        replica: &Mutex<Replica>,
        kind: RemoteKind,
        tenant: &str,
    ) -> Result<FeedMark, SyncError> {
        let (cursor, listed_at) = keys(kind, tenant);
        let r = crate::hold(replica);
        Ok(FeedMark {
            cursor: r.setting(&cursor)?,
            listed_at: r
                .setting(&listed_at)?
                .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&Utc)),
        })
    }

    /// Keeps the mark (no cursor: the feed cannot be followed, every run lists).
    pub(crate) fn save(
        &self,
        replica: &Mutex<Replica>,
        kind: RemoteKind,
        tenant: &str,
    ) -> Result<(), SyncError> {
        let (cursor, listed_at) = keys(kind, tenant);
        let r = crate::hold(replica);
        match &self.cursor {
            Some(c) => r.set_setting(&cursor, c)?,
            None => r.remove_setting(&cursor)?,
        }
        if let Some(at) = self.listed_at {
            r.set_setting(&listed_at, &at.to_rfc3339())?;
        }
        Ok(())
    }

    /// What this run pulls: the feed from the cursor, or everything, and why.
    pub(crate) fn plan(&self, now: DateTime<Utc>, verify_every: Duration, full: bool) -> Plan {
        let reason = match (&self.cursor, self.listed_at) {
            _ if full => FullReason::Asked,
            (_, None) => FullReason::First,
            (None, Some(_)) => FullReason::NoCursor,
            (Some(_), Some(at)) if now - at >= verify_every => FullReason::Verify,
            (Some(cursor), Some(_)) => return Plan::Feed(cursor.clone()),
        };
        Plan::Full(reason)
    }
}

/// What a run pulls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Plan {
    /// What the feed says changed after this cursor.
    Feed(String),
    /// Every listing.
    Full(FullReason),
}

/// What the feed holds after `cursor` (from the oldest change kept when `None`), to its end,
/// deduplicated to each record's last change; `Err` with the reason to list in full instead.
pub(crate) async fn read_feed<R: Remote>(
    remote: &R,
    cursor: Option<&str>,
) -> Result<Result<(Vec<Change>, String), FullReason>, RemoteError> {
    let mut cursor = cursor.map(str::to_string);
    let mut changes: Vec<Change> = Vec::new();
    loop {
        let (batch, next, more) = match remote.changes_since(cursor.as_deref(), FEED_BATCH).await {
            Ok(Feed::Changes {
                changes,
                next,
                more,
            }) => (changes, next, more),
            Ok(Feed::Expired) => return Ok(Err(FullReason::Expired)),
            Ok(Feed::Unavailable) => return Ok(Err(FullReason::Unavailable)),
            // The server answered, but not with the feed: list instead. No answer at all
            // (offline) stops the run as any request would.
            Err(e) if e.status().is_some() || matches!(e, RemoteError::Schema { .. }) => {
                tracing::warn!(error = %e, "change feed failed; listing in full");
                return Ok(Err(FullReason::FeedFailed));
            }
            Err(e) => return Err(e),
        };
        // A feed that says more wait but does not move on would be read for ever.
        let stuck = more && cursor.as_deref() == Some(next.as_str());
        changes.extend(batch);
        cursor = Some(next);
        if changes.len() > MOST_CHANGES {
            return Ok(Err(FullReason::TooManyChanges));
        }
        if stuck {
            tracing::warn!("change feed repeats its cursor; listing in full");
            return Ok(Err(FullReason::FeedFailed));
        }
        if !more {
            break;
        }
    }
    Ok(Ok((last_of_each(changes), cursor.unwrap_or_default())))
}

/// The feed's end, read on from `cursor` without keeping the changes (a full listing takes
/// them all); from the oldest change kept when the cursor is gone. `None` when the feed cannot
/// be followed: the next run lists in full again.
pub(crate) async fn feed_head<R: Remote>(
    remote: &R,
    cursor: Option<&str>,
) -> Result<Option<String>, RemoteError> {
    let mut cursor = cursor.map(str::to_string);
    let mut restarted = false;
    loop {
        match remote.changes_since(cursor.as_deref(), FEED_BATCH).await {
            Ok(Feed::Changes { next, more, .. }) => {
                if !more || cursor.as_deref() == Some(next.as_str()) {
                    return Ok(Some(next));
                }
                cursor = Some(next);
            }
            Ok(Feed::Expired) if !restarted => {
                restarted = true;
                cursor = None;
            }
            Ok(Feed::Expired | Feed::Unavailable) => return Ok(None),
            Err(e) if e.status().is_some() || matches!(e, RemoteError::Schema { .. }) => {
                tracing::warn!(error = %e, "change feed failed; the next run lists in full");
                return Ok(None);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Each record's last change, in the order the last changes came.
fn last_of_each(changes: Vec<Change>) -> Vec<Change> {
    let mut seen = HashSet::new();
    let mut out: Vec<Change> = changes
        .into_iter()
        .rev()
        .filter(|c| seen.insert((c.record_type, c.id.clone())))
        .collect();
    out.reverse();
    out
}

/// What applying the feed's changes did, and the families the remote pulls itself that must
/// be pulled again.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    pub tally: PullTally,
    /// A record of the calendar family changed: its pull runs.
    pub calendars: bool,
    /// A record of the directory (or a link under it) changed: its pull runs.
    pub directory: bool,
}

/// Applies `changes` (from [`read_feed`]) type by type, parents first: a changed record is read
/// again and upserted (a create from here whose answer was lost is recognised in it), a record
/// the remote no longer has or the feed says was deleted is deleted here as a listing would (a
/// record with local edits waiting is kept and its edits become conflicts), and a type listed
/// under parents has each changed parent's listing read again.
pub(crate) async fn apply<R: Remote>(
    remote: &R,
    replica: &Mutex<Replica>,
    me: &str,
    changes: &[Change],
) -> Result<Applied, SyncError> {
    let tenant = remote.tenant();
    let mut applied = Applied::default();
    for d in DESCRIPTORS.iter().filter(|d| d.remote == remote.kind()) {
        let t = d.record_type;
        let mine: Vec<&Change> = changes.iter().filter(|c| c.record_type == t).collect();
        if mine.is_empty() {
            continue;
        }
        match d.pull {
            Pull::CalendarFamily => applied.calendars = true,
            // Links changed are read again under their contact, one request each; a change of
            // a user, space or resource (no contact named) brings the directory's pull.
            Pull::UnderDirectory => {
                let parents: BTreeSet<String> =
                    mine.iter().filter_map(|c| c.parent.clone()).collect();
                applied.directory |= mine.iter().any(|c| c.parent.is_none());
                let tally =
                    pull::pull_under_parents(remote, replica, t, parents.into_iter().collect(), me)
                        .await?;
                applied.tally.add(tally);
            }
            Pull::UnderEach(_) => {
                let parents: BTreeSet<String> =
                    mine.iter().filter_map(|c| c.parent.clone()).collect();
                let tally =
                    pull::pull_under_parents(remote, replica, t, parents.into_iter().collect(), me)
                        .await?;
                applied.tally.add(tally);
            }
            // A type the remote cannot read one by one is listed again, alone.
            Pull::Listing if !d.operations.get => {
                let progress = crate::progress::ProgressCell::default();
                let tally = pull::pull_listing(remote, replica, t, me, &progress).await?;
                applied.tally.add(tally);
            }
            Pull::Listing => {
                let tally = apply_listed(remote, replica, tenant, t, me, &mine).await?;
                applied.tally.add(tally);
            }
        }
    }
    Ok(applied)
}

/// Applies the changes of one type pulled as a listing: reads each changed record by id.
async fn apply_listed<R: Remote>(
    remote: &R,
    replica: &Mutex<Replica>,
    tenant: &str,
    t: outpost_model::RecordType,
    me: &str,
    changes: &[&Change],
) -> Result<PullTally, SyncError> {
    let mut tally = PullTally::default();
    let mut lost = LostCreates::waiting(&crate::hold(replica).tenant(tenant), t, me)?;
    let mut gone: Vec<String> = changes
        .iter()
        .filter(|c| c.deleted)
        .map(|c| c.id.clone())
        .collect();
    let ids: Vec<String> = changes
        .iter()
        .filter(|c| !c.deleted)
        .map(|c| c.id.clone())
        .collect();
    // Owned ids and a record read with nothing stored: a future that borrows neither is Send
    // for any lifetime, as the app's spawned runs need.
    let mut reads = stream::iter(ids)
        .map(|id| async move { (remote.read(t, Some(&id), &Fields::new()).await, id) })
        .buffered(READS_IN_FLIGHT);
    let mut rows: Vec<Value> = Vec::new();
    while let Some((read, id)) = reads.next().await {
        match read {
            Ok(Some(row)) => rows.push(row),
            // Changed, then gone before it was read.
            Ok(None) => gone.push(id),
            Err(e) if e.status() == Some(403) => {
                tally.not_readable = 1;
                return Ok(tally);
            }
            Err(e) => return Err(e.into()),
        }
    }
    tally.pulled = rows.len() as u32;
    let mut listed = pull::Listed::again();
    pull::write_rows(
        replica,
        tenant,
        t,
        &mut rows,
        &mut listed,
        &mut lost,
        &mut tally,
    )?;
    let r = crate::hold(replica);
    pull::apply_deletes(&r.tenant(tenant), t, gone, &mut tally)?;
    Ok(tally)
}

#[cfg(test)]
mod tests {
    use super::*;
    use outpost_model::RecordType;

    fn change(id: &str, deleted: bool) -> Change {
        Change {
            record_type: RecordType::Contact,
            id: id.into(),
            parent: None,
            deleted,
        }
    }

    #[test]
    fn each_record_keeps_its_last_change_in_the_order_they_came() {
        let changes = vec![
            change("a", false),
            change("b", false),
            change("a", true),
            change("c", false),
        ];
        assert_eq!(
            last_of_each(changes),
            vec![change("b", false), change("a", true), change("c", false)]
        );
    }

    #[test]
    fn the_plan_follows_the_feed_between_verifications() {
        let now = Utc::now();
        let day = Duration::days(1);
        let fresh = FeedMark {
            cursor: Some("c1".into()),
            listed_at: Some(now - Duration::hours(2)),
        };
        assert_eq!(fresh.plan(now, day, false), Plan::Feed("c1".into()));
        assert_eq!(fresh.plan(now, day, true), Plan::Full(FullReason::Asked));
        let stale = FeedMark {
            listed_at: Some(now - Duration::hours(25)),
            ..fresh.clone()
        };
        assert_eq!(stale.plan(now, day, false), Plan::Full(FullReason::Verify));
        assert_eq!(
            FeedMark::default().plan(now, day, false),
            Plan::Full(FullReason::First)
        );
        let no_feed = FeedMark {
            cursor: None,
            ..fresh
        };
        assert_eq!(
            no_feed.plan(now, day, false),
            Plan::Full(FullReason::NoCursor)
        );
    }
}
