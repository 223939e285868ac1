-- Contact list pages skip rows with OFFSET. With `deleted_locally` in the index, skipped rows
-- are decided from the index alone, without reading each contact's row.
DROP INDEX contacts_by_name;
DROP INDEX contacts_by_email;
DROP INDEX contacts_by_changed;
CREATE INDEX contacts_by_name ON contacts (tenant_id, deleted_locally, sort_name, local_id);
CREATE INDEX contacts_by_email ON contacts (tenant_id, deleted_locally, email COLLATE NOCASE, local_id);
CREATE INDEX contacts_by_changed ON contacts (tenant_id, deleted_locally, changed_at, local_id);
