//! Full-text search over contacts and entries (FTS5, `unicode61 remove_diacritics 2`, so
//! "Muller" finds "Müller"), with prefix matching on every word of the query.

use std::collections::HashSet;

use rusqlite::params;
use serde::Serialize;

use crate::contacts::{summary_from_row, ContactSummary};
use crate::error::Result;
use crate::scope::TenantScope;
use crate::search_match::TextQuery;
use crate::util::{from_millis, time_text};

/// Above this many matches a search walks the name index instead of sorting the matches.
const BROAD_MATCH: usize = 2_000;

/// Rows of the name index a broad search may walk per match before it sorts the matches
/// instead: stepping an index row costs about a tenth of fetching and sorting a match.
const WALK_PER_HIT: usize = 10;

/// A query of at most this many letters per phrase is tried by walking names first...
const SHORT_QUERY: usize = 3;

/// ...for at most this many rows (a few milliseconds), before the full-text index is asked.
const SHORT_WALK_ROWS: usize = 3_000;

/// The columns `summary_from_row` reads, for a contact `c`.
const SUMMARY_COLUMNS: &str = "c.local_id, c.server_id, c.display_name, c.email, c.phone, c.changed_at,
    EXISTS (SELECT 1 FROM outbox o WHERE o.tenant_id = c.tenant_id AND o.entity = 'contact' AND o.local_id = c.local_id AND o.state != 'done')";

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
    ///
    /// Two plans, chosen by how many contacts match. Few matches (a name being typed out): take
    /// them from the full-text index and sort them by name. Many (the first two or three
    /// letters match a large share of a big address book): sorting them all would cost more
    /// than walking the name index from the top and keeping the rows that match, which stops
    /// after a page.
    pub fn search_contacts(&self, input: &str, limit: u32) -> Result<Vec<ContactSummary>> {
        let (Some(query), Some(text)) = (fts_query(input), TextQuery::new(input)) else {
            return Ok(vec![]);
        };
        // Two or three letters: likely a large share of the book, which the full-text index
        // would read whole. A short walk of the name index finds a page of them first.
        if text.is_short(SHORT_QUERY) {
            if let Some(found) = self.walk_names_for(&text, limit, SHORT_WALK_ROWS)? {
                return Ok(found);
            }
        }
        let hits = self.contact_hits(&query)?;
        if hits.len() <= BROAD_MATCH {
            return self.hits_by_name(&query, limit);
        }
        match self.walk_names_in(&hits, limit)? {
            Some(found) => Ok(found),
            // The matches sit far down the name order: sorting them is now the cheaper way.
            None => self.hits_by_name(&query, limit),
        }
    }

    /// The row numbers of every contact (of any tenant) the query matches.
    fn contact_hits(&self, query: &str) -> Result<HashSet<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?1")?;
        let rows = stmt.query_map([query], |r| r.get::<_, i64>(0))?;
        Ok(rows.collect::<rusqlite::Result<HashSet<_>>>()?)
    }

    /// The first `limit` of `hits` in name order, walking at most `WALK_PER_HIT` rows of the
    /// name index per match (about what sorting them would cost); `None` when that was not
    /// enough.
    fn walk_names_in(
        &self,
        hits: &HashSet<i64>,
        limit: u32,
    ) -> Result<Option<Vec<ContactSummary>>> {
        // Only the row number is read while walking; the summary only for rows that match.
        let mut walk = self.conn.prepare_cached(
            "SELECT c.rid FROM contacts c WHERE c.tenant_id = ?1 AND c.deleted_locally = 0
             ORDER BY c.sort_name, c.local_id",
        )?;
        let mut summary = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM contacts c WHERE c.rid = ?1"
        ))?;
        let mut found = Vec::new();
        let mut budget = hits.len().saturating_mul(WALK_PER_HIT);
        let mut rows = walk.query([&self.tenant])?;
        while let Some(r) = rows.next()? {
            if budget == 0 {
                return Ok(None);
            }
            budget -= 1;
            let rid: i64 = r.get(0)?;
            if !hits.contains(&rid) {
                continue;
            }
            found.push(summary.query_row([rid], summary_from_row)?);
            if found.len() >= limit as usize {
                break;
            }
        }
        Ok(Some(found))
    }

    /// The first `limit` matches in name order, sorted by SQLite in one statement: the matches'
    /// sort keys only, then the page's summaries.
    fn hits_by_name(&self, query: &str, limit: u32) -> Result<Vec<ContactSummary>> {
        let mut sorted = self.conn.prepare_cached(
            "SELECT c.rid FROM contacts_fts f JOIN contacts c ON c.rid = f.rowid
             WHERE contacts_fts MATCH ?1 AND c.tenant_id = ?2 AND c.deleted_locally = 0
             ORDER BY c.sort_name, c.local_id LIMIT ?3",
        )?;
        let rids = sorted
            .query_map(params![query, self.tenant, limit], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let mut summary = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM contacts c WHERE c.rid = ?1"
        ))?;
        rids.into_iter()
            .map(|rid| Ok(summary.query_row([rid], summary_from_row)?))
            .collect()
    }

    /// The first `limit` matches of a short query in name order: the name index is walked from
    /// the top and each row's text matched here, for at most `most` rows; `None` when that was
    /// not enough (the matches are few, or far down).
    fn walk_names_for(
        &self,
        text: &TextQuery,
        limit: u32,
        most: usize,
    ) -> Result<Option<Vec<ContactSummary>>> {
        let mut walk = self.conn.prepare_cached(
            "SELECT c.rid, c.display_name, c.email, c.phone, c.address, c.notes
             FROM contacts c WHERE c.tenant_id = ?1 AND c.deleted_locally = 0
             ORDER BY c.sort_name, c.local_id",
        )?;
        let mut summary = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM contacts c WHERE c.rid = ?1"
        ))?;
        let mut found = Vec::new();
        let mut rows = walk.query([&self.tenant])?;
        for _ in 0..most {
            let Some(r) = rows.next()? else {
                return Ok(Some(found));
            };
            // Text columns read in place, without copying them out.
            let text_at = |i: usize| -> rusqlite::Result<Option<&str>> {
                let value = r.get_ref(i)?;
                value.as_str_or_null().map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(i, value.data_type(), e.into())
                })
            };
            let texts = [
                text_at(1)?,
                text_at(2)?,
                text_at(3)?,
                text_at(4)?,
                text_at(5)?,
            ];
            if !text.matches(&texts) {
                continue;
            }
            let rid: i64 = r.get(0)?;
            found.push(summary.query_row([rid], summary_from_row)?);
            if found.len() >= limit as usize {
                return Ok(Some(found));
            }
        }
        Ok(None)
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
