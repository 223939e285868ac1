//! A remote API, as the sync engine sees it: requests per record type, answered with records,
//! and what changed since a cursor when the remote keeps a change feed (issue #19 builds the
//! feed-driven pull on it; `platform_remote/feed.rs` reads the platform's).
//! Paths, wire shapes and how a record is found on the remote live behind this trait, in its
//! implementation ([`crate::platform_remote::PlatformRemote`] for the platform's REST API); the
//! engine's push (read before write, merges, conflicts, lost creates) is written once against it
//! and reads each record type's descriptor for what varies.
//!
//! Every method acts in the remote's one tenant (or scope), fixed when it is made: a run cannot
//! drift into another. `stored` is the replica's copy of the record's fields: some records are
//! addressed by them (an occurrence by its series and date until it has an id; a link under its
//! user, space or resource).

use std::collections::HashSet;

use outpost_model::{RecordType, RemoteKind};
use outpost_platform::PlatformError;
use outpost_replica::{Fields, OutboxOp};
use serde_json::Value;

/// What a remote answers when it fails: the platform client's error, whose variants (network,
/// HTTP status with the server's words, schema, sign-in needed) a GraphQL remote maps onto too.
pub type RemoteError = PlatformError;

/// One page of a record type's listing.
#[derive(Debug, Default)]
pub struct Page {
    /// The records, in the model's shape.
    pub rows: Vec<Value>,
    /// How many records the whole listing holds, as the remote said when it answered this page.
    pub total: usize,
}

/// A record a change feed says changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its record type.
    pub record_type: RecordType,
    /// Its id on the remote, as the remote's records carry it.
    pub id: String,
    /// The id of the record it is listed under, for a type pulled under each of its parents
    /// (a group member's group; a calendar's entry names its calendar), when the feed says.
    pub parent: Option<String>,
    /// Whether the change removed it.
    pub deleted: bool,
}

/// What a remote's change feed answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feed {
    /// The changes since the cursor, oldest first (only of record types the client keeps), the
    /// cursor to ask from next, and whether more wait.
    Changes {
        /// What changed.
        changes: Vec<Change>,
        /// Where the next call starts.
        next: String,
        /// More changes wait past this batch.
        more: bool,
    },
    /// The cursor is older than what the remote keeps: list everything, then start afresh.
    Expired,
    /// No feed for this user (the remote has none, or the role may not read it): list.
    Unavailable,
}

/// The requests the engine makes of a remote.
#[allow(async_fn_in_trait)] // used generically, never as a trait object
pub trait Remote: Sync {
    /// The tenant every request acts in.
    fn tenant(&self) -> &str;

    /// Which remote API this is: the record types whose descriptors name it are its own.
    fn kind(&self) -> RemoteKind;

    /// The most records one page of `t`'s listing holds.
    fn page_size(&self, t: RecordType) -> usize;

    /// The records of type `t` from `offset`, at most `limit` of them, for a type the remote
    /// lists page by page (its descriptor's `Pull::Listing`), and the listing's total.
    async fn list_page(
        &self,
        t: RecordType,
        offset: usize,
        limit: usize,
    ) -> Result<Page, RemoteError>;

    /// The record's change marker as the remote answers it (its last-change time), if it has
    /// one: equal to an op's base, nobody else changed the record since.
    fn changed_at<'v>(&self, t: RecordType, record: &'v Value) -> Option<&'v str>;

    /// Every record of type `t` under the parent record `parent` (its server id), for a type
    /// its descriptor pulls `UnderEach` parent; `None` when the parent is gone.
    async fn list_under(
        &self,
        t: RecordType,
        parent: &str,
    ) -> Result<Option<Vec<Value>>, RemoteError>;

    /// What changed since `cursor` (from the oldest change kept when `None`), at most `limit`
    /// changes; a remote without a feed answers [`Feed::Unavailable`].
    async fn changes_since(&self, cursor: Option<&str>, limit: usize) -> Result<Feed, RemoteError>;

    /// The record as the remote has it now; `None` when it is not there (deleted, or never was).
    async fn read(
        &self,
        t: RecordType,
        id: Option<&str>,
        stored: &Fields,
    ) -> Result<Option<Value>, RemoteError>;

    /// Makes a record; answers it as made, or `None` when a record it is made under is gone
    /// (a link's user, space or resource).
    async fn create(
        &self,
        t: RecordType,
        body: &Fields,
        stored: &Fields,
    ) -> Result<Option<Value>, RemoteError>;

    /// Changes the fields in `patch`; answers the record as changed, or `None` when it is gone.
    async fn update(
        &self,
        t: RecordType,
        id: &str,
        patch: &Fields,
        stored: &Fields,
    ) -> Result<Option<Value>, RemoteError>;

    /// Removes a record; one already gone counts as removed.
    async fn delete(&self, t: RecordType, id: &str, stored: &Fields) -> Result<(), RemoteError>;

    /// Runs the action `name` on a record; answers what the remote gives back, or `None` when
    /// the record is gone.
    async fn action(
        &self,
        t: RecordType,
        id: &str,
        name: &str,
        body: &Fields,
    ) -> Result<Option<Value>, RemoteError>;

    /// The record a create whose answer was lost made, if the remote holds it: recognised as
    /// the record type's descriptor says (`LostCreate`), never one in `claimed` (made by
    /// another create from here). `me` is the signed-in user's id on this remote.
    async fn find_lost_create(
        &self,
        op: &OutboxOp,
        me: &str,
        claimed: &HashSet<String>,
    ) -> Result<Option<Value>, RemoteError>;
}
