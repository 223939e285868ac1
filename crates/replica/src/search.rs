//! Full-text search over contacts and entries (FTS5, `unicode61 remove_diacritics 2`, so
//! "Muller" finds "Müller"), with prefix matching on every word of the query.

use rusqlite::params;
use serde::Serialize;

use crate::contacts::{summary_from_row, ContactSummary};
use crate::error::Result;
use crate::scope::TenantScope;
use crate::util::{from_millis, time_text};

/// Turns what a user typed into an FTS5 query that cannot fail to parse: each word becomes a
/// quoted phrase of its letters and digits with a prefix star (so "anna@exa" is the phrase
/// "anna exa"*), and the phrases must all match. Quotes, parentheses, `-`, `:`, `*`, `^` and the
/// words AND/OR/NOT/NEAR lose any meaning. None when nothing searchable is left.
pub fn fts_query(input: &str) -> Option<String> {
    let phrases: Vec<String> = input
        .split_whitespace()
        .filter_map(|word| {
            let tokens: Vec<&str> = word
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .collect();
            (!tokens.is_empty()).then(|| format!("\"{}\"*", tokens.join(" ")))
        })
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryHit {
    pub entry_id: String,
    pub calendar_id: String,
    pub title: String,
    pub location_name: Option<String>,
    pub starts_at: String,
    pub ends_at: String,
}

impl TenantScope<'_> {
    /// Contacts whose names, email, phone, address or notes start with the words typed, in name
    /// order.
    pub fn search_contacts(&self, input: &str, limit: u32) -> Result<Vec<ContactSummary>> {
        let Some(query) = fts_query(input) else {
            return Ok(vec![]);
        };
        // The matches first (the prefix index finds them cheaply), then the page of them in
        // name order: as typed letters narrow the list, it stays in the order of the list.
        let mut stmt = self.conn.prepare_cached(
            "WITH hits AS MATERIALIZED (SELECT rowid AS rid FROM contacts_fts WHERE contacts_fts MATCH ?1)
             SELECT c.local_id, c.server_id, c.display_name, c.email, c.phone, c.changed_at,
                    EXISTS (SELECT 1 FROM outbox o WHERE o.tenant_id = c.tenant_id AND o.entity = 'contact' AND o.local_id = c.local_id AND o.state != 'done')
             FROM hits JOIN contacts c ON c.rid = hits.rid
             WHERE c.tenant_id = ?2 AND c.deleted_locally = 0
             ORDER BY c.sort_name, c.local_id LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![query, self.tenant, limit], summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Entries whose title, description or location match, best first.
    pub fn search_entries(&self, input: &str, limit: u32) -> Result<Vec<EntryHit>> {
        let Some(query) = fts_query(input) else {
            return Ok(vec![]);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.local_id, e.calendar_id, e.title, e.location_name, e.starts_at, e.ends_at
             FROM entries_fts f JOIN entries e ON e.rid = f.rowid
             JOIN calendars c ON c.local_id = e.calendar_id
             WHERE entries_fts MATCH ?1 AND e.tenant_id = ?2 AND e.deleted_locally = 0 AND c.deleted_locally = 0
             ORDER BY f.rank, e.starts_at LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![query, self.tenant, limit], |r| {
            Ok(EntryHit {
                entry_id: r.get(0)?,
                calendar_id: r.get(1)?,
                title: r.get(2)?,
                location_name: r.get(3)?,
                starts_at: time_text(from_millis(r.get(4)?)),
                ends_at: time_text(from_millis(r.get(5)?)),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_input_becomes_safe_prefix_phrases() {
        assert_eq!(fts_query("Mül").as_deref(), Some("\"Mül\"*"));
        assert_eq!(fts_query("anna@exa").as_deref(), Some("\"anna exa\"*"));
        assert_eq!(
            fts_query("\"unbalanced OR (x) -y").as_deref(),
            Some("\"unbalanced\"* \"OR\"* \"x\"* \"y\"*")
        );
        assert_eq!(fts_query("  \"* ^ : ( ) "), None);
        assert_eq!(
            fts_query("NEAR(a b)").as_deref(),
            Some("\"NEAR a\"* \"b\"*")
        );
    }
}
