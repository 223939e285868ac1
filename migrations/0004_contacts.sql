-- Contacts and their links to users, spaces and resources. Same bookkeeping columns as the
-- calendar tables (see 0003). `fields` keeps the request shape (camelCase names, snake_case
-- address keys, as the seed's POST/PATCH bodies have them).

CREATE TABLE contacts (
    rid               INTEGER PRIMARY KEY,
    local_id          TEXT NOT NULL UNIQUE,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    display_name      TEXT NOT NULL,    -- "first middle last", what lists show
    sort_name         TEXT NOT NULL,    -- lower-cased "last first middle", then email
    email             TEXT,
    phone             TEXT,
    address           TEXT,             -- the address flattened to one line, for search
    notes             TEXT,
    changed_at        TEXT NOT NULL,    -- the later of the server's updatedAt and the local edit
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX contacts_by_name ON contacts (tenant_id, sort_name, local_id);
CREATE INDEX contacts_by_email ON contacts (tenant_id, email COLLATE NOCASE, local_id);
CREATE INDEX contacts_by_changed ON contacts (tenant_id, changed_at, local_id);

CREATE TABLE contact_links (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    contact_id        TEXT NOT NULL REFERENCES contacts (local_id) ON DELETE CASCADE,
    entity_type       TEXT NOT NULL CHECK (entity_type IN ('user', 'space', 'resource')),
    entity_id         TEXT NOT NULL,    -- the server id of the user, space or resource
    is_primary        INTEGER NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX contact_links_by_contact ON contact_links (tenant_id, contact_id);
CREATE INDEX contact_links_by_entity ON contact_links (tenant_id, entity_type, entity_id);
-- One live link per contact and entity; a link deleted locally may be linked again.
CREATE UNIQUE INDEX contact_links_unique ON contact_links (tenant_id, contact_id, entity_type, entity_id)
    WHERE deleted_locally = 0;

CREATE VIRTUAL TABLE contacts_fts USING fts5(
    display_name, email, phone, address, notes,
    content = 'contacts', content_rowid = 'rid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, display_name, email, phone, address, notes)
    VALUES (new.rid, new.display_name, new.email, new.phone, new.address, new.notes);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, display_name, email, phone, address, notes)
    VALUES ('delete', old.rid, old.display_name, old.email, old.phone, old.address, old.notes);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF display_name, email, phone, address, notes ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, display_name, email, phone, address, notes)
    VALUES ('delete', old.rid, old.display_name, old.email, old.phone, old.address, old.notes);
    INSERT INTO contacts_fts (rowid, display_name, email, phone, address, notes)
    VALUES (new.rid, new.display_name, new.email, new.phone, new.address, new.notes);
END;
