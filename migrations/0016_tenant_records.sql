-- The tenant itself becomes a record (issue #16: details, edits, lifecycle actions queued
-- offline): one row per tenant scope, the tenant whose scope it is. The `tenants` table of
-- 0002 stays the signed-in user's memberships (which tenants, which role); this one is what
-- the tenant is. The bookkeeping columns every record table has, then the typed columns of
-- its descriptor.
CREATE TABLE tenant_records (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    name              TEXT NOT NULL,
    slug              TEXT,
    status            TEXT NOT NULL,
    plan              TEXT,
    UNIQUE (tenant_id, server_id)
) STRICT;
