-- A tenant's settings become records, one per category, changed offline by its owners and
-- admins (issue #16); the record's server id is its category.
CREATE TABLE tenant_settings (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    category          TEXT NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
