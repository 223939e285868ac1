//! Which stored rows are the records a client syncs, and how each is named in the catch-up
//! feed: the record name (`contact`, `group_member`, ...), its id, the parent ids a client needs
//! to find it (an entry's calendar, a member's group), and whether it is live. One function per
//! storage table turns a stored row into its records; most rows are one record, a few hold a
//! list (a group's members, a tenant's settings and rate limits).

use serde_json::Value;

/// One record as a stored row shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub record: &'static str,
    pub id: String,
    /// `(data key, id)` of the records it lives under.
    pub parents: Vec<(&'static str, String)>,
    /// False once it is deleted (soft deletes keep the row, marked).
    pub live: bool,
    /// A row that only caches what another record derives (a series occurrence a listing
    /// handed out, unchanged): its appearing is no change.
    pub quiet: bool,
    /// Kinds that exist as soon as their parent does (settings): a first write updates them.
    pub singleton: bool,
    /// A hash of the record's stored form: another value means it changed.
    pub hash: u64,
}

/// What the items of a row may depend on beyond the row: whether a place is a space or a
/// resource (place members are stored by place id alone).
pub trait Context {
    fn place_kind(&self, place_id: &str) -> Option<&'static str>;
}

/// The records that only owners and admins may read (their listings are admin-only); other
/// roles' feeds leave them out.
pub const ADMIN_ONLY: &[&str] = &["invitation", "approval", "tenant_settings", "rate_limit"];

/// Every record name the feed uses, for the README and the tests.
pub const RECORDS: &[&str] = &[
    "tenant",
    "tenant_settings",
    "rate_limit",
    "tenant_domain",
    "log_retention",
    "user",
    "invitation",
    "group",
    "group_member",
    "space",
    "space_member",
    "resource",
    "resource_member",
    "visit_metrics",
    "move_request",
    "approval",
    "approval_settings",
    "tag",
    "tag_link",
    "category",
    "category_link",
    "contact",
    "contact_link",
    "calendar",
    "calendar_policy",
    "entry",
    "entry_participant",
    "series",
    "series_instance",
    "reminder",
];

/// Whether rows of `table` hold records (sessions, tokens, the audit log and tombstones do not).
pub fn tracked(table: &str) -> bool {
    matches!(
        table,
        "contacts"
            | "contact_links"
            | "calendars"
            | "calendar_entries"
            | "recurrence_masters"
            | "recurrence_instances"
            | "calendar_reminders"
            | "entry_participants"
            | "admin_policies"
            | "groups"
            | "group_members"
            | "spaces"
            | "resources"
            | "place_members"
            | "invitations"
            | "move_requests"
            | "approvals"
            | "approval_settings"
            | "tags"
            | "categories"
            | "tag_links"
            | "category_links"
            | "tenant_admin"
            | "tenants"
            | "memberships"
            | "users"
    )
}

/// A 64-bit FNV-1a hash of `text`, eight bytes a step: rows are hashed at every start, all of
/// them, so this must be cheap even unoptimised; it tells changed rows apart, nothing more.
pub fn hash_of(text: &str) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ text.len() as u64;
    let mut chunks = text.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        hash = (hash ^ word).wrapping_mul(PRIME);
    }
    for byte in chunks.remainder() {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(PRIME);
    }
    hash
}

fn text(v: &Value) -> Option<String> {
    v.as_str().filter(|s| !s.is_empty()).map(str::to_string)
}

/// The top-level fields a one-record row is read for, and nothing else: rows are read whole
/// only when they hold a list, so reading a hundred thousand rows at start stays cheap.
#[derive(serde::Deserialize, Default)]
struct Top {
    #[serde(default)]
    id: Option<String>,
    /// Calendar rows mark deletes with `deletedAt`, contacts and links with `deleted_at`.
    #[serde(default, rename = "deletedAt")]
    deleted_at_camel: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    deleted_at: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default, rename = "calendarId")]
    calendar_id: Option<String>,
    #[serde(default, rename = "calendarEntryId")]
    calendar_entry_id: Option<String>,
    #[serde(default, rename = "recurrenceMasterId")]
    recurrence_master_id: Option<String>,
    #[serde(default)]
    master_id: Option<String>,
    #[serde(default)]
    contact_id: Option<String>,
    #[serde(default)]
    space_id: Option<String>,
    #[serde(default)]
    resource_id: Option<String>,
    #[serde(default)]
    tag_id: Option<String>,
    #[serde(default)]
    category_id: Option<String>,
}

impl Top {
    fn read(body: &str) -> Top {
        serde_json::from_str(body).unwrap_or_default()
    }

    /// The parent field `name` (as the row spells it), when set.
    fn field(&self, name: &str) -> Option<&String> {
        match name {
            "calendarId" => self.calendar_id.as_ref(),
            "calendarEntryId" => self.calendar_entry_id.as_ref(),
            "recurrenceMasterId" => self.recurrence_master_id.as_ref(),
            "master_id" => self.master_id.as_ref(),
            "contact_id" => self.contact_id.as_ref(),
            "space_id" => self.space_id.as_ref(),
            "resource_id" => self.resource_id.as_ref(),
            "tag_id" => self.tag_id.as_ref(),
            "category_id" => self.category_id.as_ref(),
            _ => None,
        }
        .filter(|v| !v.is_empty())
    }
}

/// A row that is one record.
fn one(
    record: &'static str,
    id: &str,
    row: &Top,
    parents: &[(&'static str, &'static str)],
    hash: u64,
) -> Item {
    Item {
        record,
        id: id.to_string(),
        parents: parents
            .iter()
            .filter_map(|(field, key)| row.field(field).map(|v| (*key, v.clone())))
            .collect(),
        live: row.deleted_at_camel.is_none() && row.deleted_at.is_none(),
        quiet: false,
        singleton: false,
        hash,
    }
}

/// The records of the row `id` of `table` (stored as `body`); empty for untracked tables.
/// `users` rows give nothing here: a user is a record of each tenant it belongs to, told by
/// the observer ([`super::observe`]) and the tenant's membership.
pub fn items(table: &str, id: &str, body: &str, ctx: &dyn Context) -> Vec<Item> {
    if !tracked(table) || table == "users" {
        return Vec::new();
    }
    let hash = hash_of(body);
    // Rows holding lists are read whole; the rest only for their top-level fields.
    if let Some(found) = listing(table, id, body, ctx) {
        return found;
    }
    let row = Top::read(body);
    let item =
        |record, parents: &[(&'static str, &'static str)]| one(record, id, &row, parents, hash);
    match table {
        "contacts" => vec![item("contact", &[])],
        "contact_links" => vec![item("contact_link", &[("contact_id", "contactId")])],
        "calendars" => vec![item("calendar", &[])],
        "calendar_entries" => vec![item("entry", &[("calendarId", "calendarId")])],
        "recurrence_masters" => vec![item("series", &[("calendarId", "calendarId")])],
        "recurrence_instances" => {
            let mut it = item("series_instance", &[("master_id", "seriesId")]);
            it.quiet = row.state.as_deref() == Some("generated");
            vec![it]
        }
        "calendar_reminders" => vec![item(
            "reminder",
            &[
                ("calendarId", "calendarId"),
                ("calendarEntryId", "entryId"),
                ("recurrenceMasterId", "seriesId"),
            ],
        )],
        "entry_participants" => {
            let mut it = item("entry_participant", &[("calendarEntryId", "entryId")]);
            it.id = row.id.clone().unwrap_or_else(|| id.to_string());
            vec![it]
        }
        "admin_policies" => {
            let mut it = item("calendar_policy", &[]);
            it.parents.push(("calendarId", id.to_string()));
            it.singleton = true;
            vec![it]
        }
        "groups" => vec![item("group", &[])],
        "spaces" => vec![item("space", &[])],
        "resources" => vec![item("resource", &[("space_id", "spaceId")])],
        "tags" => vec![item("tag", &[])],
        "categories" => vec![item("category", &[])],
        "tag_links" => vec![item("tag_link", &[("tag_id", "tagId")])],
        "category_links" => vec![item("category_link", &[("category_id", "categoryId")])],
        "move_requests" => vec![item("move_request", &[("resource_id", "resourceId")])],
        "approvals" => vec![item("approval", &[])],
        // Invitations are stored as `{row, full_code, hours}`: never deleted, no parent.
        "invitations" => vec![item("invitation", &[])],
        "approval_settings" => {
            let mut it = item("approval_settings", &[]);
            it.singleton = true;
            vec![it]
        }
        "tenants" => vec![item("tenant", &[])],
        "memberships" => vec![item("user", &[])],
        _ => Vec::new(),
    }
}

/// The records of a row read whole, one holding a list; None for one-record rows.
fn listing(table: &str, id: &str, body: &str, ctx: &dyn Context) -> Option<Vec<Item>> {
    let whole = || serde_json::from_str::<Value>(body).unwrap_or(Value::Null);
    Some(match table {
        "group_members" => listed(&whole(), "group_member", "user_id", Some(("groupId", id))),
        "place_members" => match ctx.place_kind(id) {
            Some("space") => listed(&whole(), "space_member", "id", Some(("spaceId", id))),
            _ => listed(&whole(), "resource_member", "id", Some(("resourceId", id))),
        },
        "tenant_admin" => tenant_admin(&whole()),
        _ => return None,
    })
}

/// A list of records under one parent, each identified by its `key` field.
fn listed(
    rows: &Value,
    record: &'static str,
    key: &str,
    parent: Option<(&'static str, &str)>,
) -> Vec<Item> {
    let rows = rows.as_array().map(Vec::as_slice).unwrap_or_default();
    rows.iter()
        .filter_map(|r| {
            Some(Item {
                record,
                id: text(&r[key])?,
                parents: parent.iter().map(|(k, v)| (*k, v.to_string())).collect(),
                live: true,
                quiet: false,
                singleton: false,
                hash: hash_of(&r.to_string()),
            })
        })
        .collect()
}

/// A tenant's changed settings categories (named by category, the id their routes use), its
/// rate limit configurations, custom domains, log retention policy (named by the tenant) and
/// the visit bookkeeping of its places (named by the place).
fn tenant_admin(row: &Value) -> Vec<Item> {
    let mut out = Vec::new();
    if let Some(settings) = row["settings"].as_object() {
        for (category, s) in settings {
            out.push(Item {
                record: "tenant_settings",
                id: category.clone(),
                parents: Vec::new(),
                live: true,
                quiet: false,
                singleton: true,
                hash: hash_of(&s.to_string()),
            });
        }
    }
    out.extend(listed(&row["rate_limits"], "rate_limit", "id", None));
    out.extend(listed(&row["domains"], "tenant_domain", "id", None));
    if let Some(visits) = row["visits"].as_object() {
        for (place, book) in visits {
            out.push(Item {
                record: "visit_metrics",
                id: place.clone(),
                parents: Vec::new(),
                live: true,
                quiet: false,
                singleton: true,
                hash: hash_of(&book.to_string()),
            });
        }
    }
    if let Some(policy) = row["log_retention"].as_object() {
        out.push(Item {
            record: "log_retention",
            id: text(&policy["tenantId"]).unwrap_or_default(),
            parents: Vec::new(),
            live: true,
            quiet: false,
            singleton: true,
            hash: hash_of(&row["log_retention"].to_string()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoPlaces;
    impl Context for NoPlaces {
        fn place_kind(&self, _: &str) -> Option<&'static str> {
            None
        }
    }

    #[test]
    fn a_soft_deleted_entry_is_not_live_and_names_its_calendar() {
        let body = r#"{"id":"e1","calendarId":"c1","deletedAt":"2026-01-01T00:00:00.000Z"}"#;
        let it = &items("calendar_entries", "e1", body, &NoPlaces)[0];
        assert_eq!(it.record, "entry");
        assert!(!it.live);
        assert_eq!(it.parents, vec![("calendarId", "c1".to_string())]);
    }

    #[test]
    fn a_group_member_list_is_one_record_per_member() {
        let body = r#"[{"user_id":"u1","added_at":"x"},{"user_id":"u2","added_at":"y"}]"#;
        let found = items("group_members", "g1", body, &NoPlaces);
        let ids: Vec<&str> = found.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["u1", "u2"]);
        assert!(found.iter().all(|i| i.record == "group_member"));
        assert_eq!(found[0].parents, vec![("groupId", "g1".to_string())]);
    }

    #[test]
    fn only_the_rows_own_delete_mark_counts() {
        let body = r#"{"json":{"deleted_at":null,"calendarId":"x"},"deleted_at":"2026-01-01"}"#;
        let it = &items("contacts", "c1", body, &NoPlaces)[0];
        assert!(!it.live);
        let body = r#"{"json":{"deleted_at":"2026-01-01"},"deleted_at":null}"#;
        assert!(items("contacts", "c1", body, &NoPlaces)[0].live);
    }

    #[test]
    fn the_hash_tells_rows_apart() {
        let rows = ["", "a", "{}", r#"{"a":1}"#, r#"{"a":2}"#, r#"{"a":1} "#];
        let hashes: std::collections::HashSet<u64> = rows.iter().map(|r| hash_of(r)).collect();
        assert_eq!(hashes.len(), rows.len());
        assert_eq!(hash_of(r#"{"a":1}"#), hash_of(r#"{"a":1}"#));
    }

    #[test]
    fn sessions_and_the_audit_log_are_no_records() {
        assert!(items("sessions", "s", "{}", &NoPlaces).is_empty());
        assert!(items("audit_rows", "a", "{}", &NoPlaces).is_empty());
        assert!(!tracked("directory_removed"));
    }
}
