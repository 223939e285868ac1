//! Contact links to users, spaces and resources (the platform's `/{users|spaces|resources}/{id}/
//! contacts`), the primary flag, and a contact's references.

use rusqlite::params;
use serde::Serialize;
use serde_json::{json, Value};

use crate::edits;
use crate::entity::Entity;
use crate::error::{ReplicaError, Result};
use crate::outbox::Source;
use crate::record::{self, Record};
use crate::scope::TenantScope;
use crate::util::Fields;
use outpost_model::enums::LinkTarget;

const LINK_TYPES: &[&str] = LinkTarget::NAMES;

/// What a contact is linked to, with the name of the user, space or resource.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactReference {
    pub link_id: String,
    pub entity_type: String,
    pub entity_id: String,
    /// None when the user, space or resource is not in the replica (not pulled yet).
    pub entity_name: Option<String>,
    pub is_primary: bool,
    pub has_pending_ops: bool,
}

/// A contact linked to a user, space or resource, with the link.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkedContact {
    pub link_id: String,
    pub is_primary: bool,
    pub contact: crate::ContactSummary,
}

fn directory_table(entity_type: &str) -> Option<&'static str> {
    match entity_type {
        "user" => Some("users"),
        "space" => Some("spaces"),
        "resource" => Some("resources"),
        _ => None,
    }
}

impl TenantScope<'_> {
    /// Links a contact to a user, space or resource (server id, as in the platform's paths).
    /// Making it primary takes the primary flag from the entity's other links.
    pub fn link_contact(
        &self,
        source: Source,
        contact_id: &str,
        entity_type: &str,
        entity_id: &str,
        is_primary: bool,
    ) -> Result<Record> {
        let Some(table) = directory_table(entity_type) else {
            return Err(ReplicaError::invalid(
                "entityType",
                format!("must be one of {}", LINK_TYPES.join(", ")),
            ));
        };
        self.in_tx(|tx| {
            let contact = record::load_live_by_any_id(tx, &self.tenant, Entity::Contact, contact_id)
                .map_err(|_| ReplicaError::invalid("contactId", "no such contact in this tenant"))?;
            let known: bool = tx
                .prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE tenant_id = ?1 AND server_id = ?2 AND deleted_locally = 0)"))?
                .query_row(params![self.tenant, entity_id], |r| r.get(0))?;
            if !known {
                return Err(ReplicaError::invalid("entityId", format!("no such {entity_type} in this tenant")));
            }
            let duplicate: bool = tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM contact_links WHERE tenant_id = ?1 AND contact_id = ?2
                     AND entity_type = ?3 AND entity_id = ?4 AND deleted_locally = 0)",
                )?
                .query_row(params![self.tenant, contact.local_id, entity_type, entity_id], |r| r.get(0))?;
            if duplicate {
                return Err(ReplicaError::invalid("contactId", format!("the contact is already linked to this {entity_type}")));
            }
            if is_primary {
                self.clear_primary(tx, source, entity_type, entity_id)?;
            }
            let fields: Fields = json!({
                "contactId": record::reference_id(&contact),
                "entityType": entity_type,
                "entityId": entity_id,
                "isPrimary": is_primary,
            })
            .as_object()
            .cloned()
            .unwrap_or_default();
            let row = edits::create(tx, &self.tenant, Entity::ContactLink, source, fields)?;
            record::to_record(tx, &self.tenant, Entity::ContactLink, row)
        })
    }

    pub fn unlink_contact(&self, source: Source, link_id: &str) -> Result<()> {
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::ContactLink, link_id)?;
            edits::delete(tx, &self.tenant, Entity::ContactLink, source, row)
        })
    }

    /// Sets or clears a link's primary flag (setting it clears it on the entity's other links).
    pub fn set_primary_link(
        &self,
        source: Source,
        link_id: &str,
        is_primary: bool,
    ) -> Result<Record> {
        self.in_tx(|tx| {
            let row = record::load_live_by_any_id(tx, &self.tenant, Entity::ContactLink, link_id)?;
            if is_primary {
                let entity_type = row
                    .fields
                    .get("entityType")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let entity_id = row
                    .fields
                    .get("entityId")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                self.clear_primary(tx, source, &entity_type, &entity_id)?;
            }
            let row = record::load_live(tx, &self.tenant, Entity::ContactLink, &row.local_id)?;
            let patch: Fields = json!({ "isPrimary": is_primary })
                .as_object()
                .cloned()
                .unwrap_or_default();
            let row = edits::update(tx, &self.tenant, Entity::ContactLink, source, row, &patch)?;
            record::to_record(tx, &self.tenant, Entity::ContactLink, row)
        })
    }

    fn clear_primary(
        &self,
        tx: &rusqlite::Connection,
        source: Source,
        entity_type: &str,
        entity_id: &str,
    ) -> Result<()> {
        let primaries: Vec<String> = tx
            .prepare_cached(
                "SELECT local_id FROM contact_links WHERE tenant_id = ?1 AND entity_type = ?2 AND entity_id = ?3
                 AND is_primary = 1 AND deleted_locally = 0",
            )?
            .query_map(params![self.tenant, entity_type, entity_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let patch: Fields = json!({ "isPrimary": false })
            .as_object()
            .cloned()
            .unwrap_or_default();
        for local_id in primaries {
            let row = record::load_live(tx, &self.tenant, Entity::ContactLink, &local_id)?;
            edits::update(tx, &self.tenant, Entity::ContactLink, source, row, &patch)?;
        }
        Ok(())
    }

    /// The users, spaces and resources a contact is linked to (the platform's
    /// `/contacts/{id}/references`), primary first.
    pub fn contact_references(&self, contact_id: &str) -> Result<Vec<ContactReference>> {
        let contact =
            record::load_live_by_any_id(self.conn, &self.tenant, Entity::Contact, contact_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.local_id, l.entity_type, l.entity_id, l.is_primary,
                    CASE l.entity_type
                        WHEN 'user' THEN (SELECT COALESCE(u.display_name, u.email) FROM users u WHERE u.tenant_id = l.tenant_id AND u.server_id = l.entity_id)
                        WHEN 'space' THEN (SELECT s.name FROM spaces s WHERE s.tenant_id = l.tenant_id AND s.server_id = l.entity_id)
                        WHEN 'resource' THEN (SELECT r.name FROM resources r WHERE r.tenant_id = l.tenant_id AND r.server_id = l.entity_id)
                    END,
                    EXISTS (SELECT 1 FROM outbox o WHERE o.tenant_id = l.tenant_id AND o.entity = 'contact_link'
                            AND o.local_id = l.local_id AND o.state != 'done')
             FROM contact_links l WHERE l.tenant_id = ?1 AND l.contact_id = ?2 AND l.deleted_locally = 0
             ORDER BY l.is_primary DESC, l.entity_type, l.entity_id",
        )?;
        let rows = stmt.query_map(params![self.tenant, contact.local_id], |r| {
            Ok(ContactReference {
                link_id: r.get(0)?,
                entity_type: r.get(1)?,
                entity_id: r.get(2)?,
                is_primary: r.get(3)?,
                entity_name: r.get(4)?,
                has_pending_ops: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The contacts linked to one user, space or resource (primary first), with their links.
    pub fn linked_contacts(
        &self,
        entity_type: &str,
        entity_id: &str,
    ) -> Result<Vec<LinkedContact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.local_id, c.server_id, c.display_name, c.email, c.phone, c.changed_at,
                    EXISTS (SELECT 1 FROM outbox o WHERE o.tenant_id = c.tenant_id AND o.entity = 'contact' AND o.local_id = c.local_id AND o.state != 'done'), l.local_id, l.is_primary
             FROM contact_links l JOIN contacts c ON c.local_id = l.contact_id
             WHERE l.tenant_id = ?1 AND l.entity_type = ?2 AND l.entity_id = ?3 AND l.deleted_locally = 0 AND c.deleted_locally = 0
             ORDER BY l.is_primary DESC, c.sort_name",
        )?;
        let rows = stmt.query_map(params![self.tenant, entity_type, entity_id], |r| {
            Ok(LinkedContact {
                link_id: r.get(7)?,
                is_primary: r.get(8)?,
                contact: crate::contacts::summary_from_row(r)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
