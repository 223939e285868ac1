-- Requests to move a resource to another space become records asked for and decided offline
-- (issue #16): the bookkeeping columns every record table has, then the typed columns of their
-- descriptor.
CREATE TABLE move_requests (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    resource_id       TEXT NOT NULL,   -- the server id of the resource
    status            TEXT NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX move_requests_by_status ON move_requests (tenant_id, status);
