-- A tenant's custom domains become records its owners and admins add, verify and remove
-- offline (issue #16): the bookkeeping columns every record table has, then the typed columns
-- of their descriptor.
CREATE TABLE tenant_domains (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    domain            TEXT NOT NULL,
    status            TEXT NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
