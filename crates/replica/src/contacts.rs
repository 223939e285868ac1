//! Contacts: create, edit, delete, list with sort and paging.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::edits;
use crate::entity::Entity;
use crate::error::Result;
use crate::outbox::Source;
use crate::record::{self, Record};
use crate::scope::TenantScope;
use crate::util::Fields;
use crate::validation;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactSort {
    /// Last name, first name (contacts without names last, by email).
    #[default]
    Name,
    Email,
    /// Most recently changed first.
    Updated,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactQuery {
    pub sort: ContactSort,
    pub offset: u32,
    pub limit: u32,
}

impl Default for ContactQuery {
    fn default() -> Self {
        ContactQuery {
            sort: ContactSort::Name,
            offset: 0,
            limit: 50,
        }
    }
}

/// A contact in lists and search results.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactSummary {
    pub local_id: String,
    pub server_id: Option<String>,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub changed_at: String,
    /// Local changes wait in the outbox.
    pub has_pending_ops: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactPage {
    pub items: Vec<ContactSummary>,
    pub total: u32,
    pub offset: u32,
    pub limit: u32,
}

pub(crate) fn summary_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ContactSummary> {
    Ok(ContactSummary {
        local_id: r.get(0)?,
        server_id: r.get(1)?,
        display_name: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        changed_at: r.get(5)?,
        has_pending_ops: r.get(6)?,
    })
}

impl TenantScope<'_> {
    /// Creates a contact (fields of `POST /secure/contacts/`: camelCase names, snake_case
    /// address keys).
    pub fn create_contact(&self, source: Source, fields: Fields) -> Result<Record> {
        validation::contact_create(&fields)?;
        self.in_tx(|tx| {
            let row = edits::create(tx, &self.tenant, Entity::Contact, source, fields)?;
            record::to_record(tx, &self.tenant, Entity::Contact, row)
        })
    }

    /// Creates many contacts in one transaction (an import): all or none.
    pub fn create_contacts(&self, source: Source, contacts: Vec<Fields>) -> Result<Vec<String>> {
        for (i, fields) in contacts.iter().enumerate() {
            validation::contact_create(fields).map_err(|e| e.in_item(i))?;
        }
        self.in_tx(|tx| {
            contacts
                .into_iter()
                .map(|fields| {
                    Ok(edits::create(tx, &self.tenant, Entity::Contact, source, fields)?.local_id)
                })
                .collect()
        })
    }

    /// Edits a contact (fields of `PATCH /secure/contacts/{id}`; null clears a field).
    pub fn update_contact(&self, source: Source, id: &str, patch: Fields) -> Result<Record> {
        validation::contact_patch(&patch)?;
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::Contact, id)?;
            let row = edits::update(tx, &self.tenant, Entity::Contact, source, row, &patch)?;
            record::to_record(tx, &self.tenant, Entity::Contact, row)
        })
    }

    /// Deletes a contact with its links.
    pub fn delete_contact(&self, source: Source, id: &str) -> Result<()> {
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::Contact, id)?;
            edits::delete(tx, &self.tenant, Entity::Contact, source, row)
        })
    }

    /// For an import's duplicate check, every live contact's row number, display name, email
    /// and phone, handed to `each` one at a time (nothing is collected here), so the caller can
    /// keep small keys instead of the contacts. [`TenantScope::local_id_of_row`] turns a row
    /// number back into the contact's id.
    pub fn each_contact_key(
        &self,
        mut each: impl FnMut(i64, &str, Option<&str>, Option<&str>),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rid, display_name, email, phone FROM contacts WHERE tenant_id = ?1 AND deleted_locally = 0",
        )?;
        let mut rows = stmt.query([&self.tenant])?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(1)?;
            let email: Option<String> = r.get(2)?;
            let phone: Option<String> = r.get(3)?;
            each(r.get(0)?, &name, email.as_deref(), phone.as_deref());
        }
        Ok(())
    }

    /// For an import's duplicate check, every live entry of a calendar that an iCalendar import
    /// brought (`metadata.icalUid`), as its row number and UID, handed to `each` one at a time.
    pub fn each_ical_uid(&self, calendar_id: &str, mut each: impl FnMut(i64, &str)) -> Result<()> {
        let calendar =
            record::load_live_by_any_id(self.conn, &self.tenant, Entity::Calendar, calendar_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT rid, json_extract(fields, '$.metadata.icalUid') FROM entries
             WHERE tenant_id = ?1 AND calendar_id = ?2 AND deleted_locally = 0
             AND json_extract(fields, '$.metadata.icalUid') IS NOT NULL ORDER BY rid",
        )?;
        let mut rows = stmt.query(params![self.tenant, calendar.local_id])?;
        while let Some(r) = rows.next()? {
            let uid: String = r.get(1)?;
            each(r.get(0)?, &uid);
        }
        Ok(())
    }

    /// The local id of a live contact or entry (those tables only) by the row number [`TenantScope::each_contact_key`]
    /// or [`TenantScope::each_ical_uid`] gave; `None` when it is gone or not in this tenant.
    pub fn local_id_of_row(&self, entity: Entity, row: i64) -> Result<Option<String>> {
        let sql = format!(
            "SELECT local_id FROM {} WHERE rid = ?1 AND tenant_id = ?2 AND deleted_locally = 0",
            entity.descriptor().table
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![row, self.tenant], |r| r.get(0))
            .optional()?)
    }

    /// One page of contacts in the chosen order, and how many there are.
    pub fn contacts(&self, query: &ContactQuery) -> Result<ContactPage> {
        let order = match query.sort {
            ContactSort::Name => "c.sort_name, c.local_id",
            ContactSort::Email => "c.email COLLATE NOCASE, c.local_id",
            ContactSort::Updated => "c.changed_at DESC, c.local_id DESC",
        };
        let sql = format!(
            "SELECT c.local_id, c.server_id, c.display_name, c.email, c.phone, c.changed_at,
                    EXISTS (SELECT 1 FROM outbox o WHERE o.tenant_id = c.tenant_id AND o.entity = 'contact' AND o.local_id = c.local_id AND o.state != 'done')
             FROM contacts c WHERE c.tenant_id = ?1 AND c.deleted_locally = 0 ORDER BY {order} LIMIT ?2 OFFSET ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let items = stmt
            .query_map(
                params![self.tenant, query.limit, query.offset],
                summary_from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total: u32 = self
            .conn
            .prepare_cached(
                "SELECT COUNT(*) FROM contacts WHERE tenant_id = ?1 AND deleted_locally = 0",
            )?
            .query_row([&self.tenant], |r| r.get(0))?;
        Ok(ContactPage {
            items,
            total,
            offset: query.offset,
            limit: query.limit,
        })
    }
}
