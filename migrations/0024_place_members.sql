-- The members of spaces and resources become records an administrator changes offline
-- (issue #16), listed under each space and resource like a group's members: the bookkeeping
-- columns every record table has, then the typed columns of their descriptors.
CREATE TABLE space_members (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    space_id          TEXT NOT NULL REFERENCES spaces (local_id) ON DELETE CASCADE,
    user_id           TEXT NOT NULL,   -- the server id of the user
    role              TEXT NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX space_members_by_space ON space_members (tenant_id, space_id);
CREATE INDEX space_members_by_user ON space_members (tenant_id, user_id);
-- One live membership per space and user; one removed here may be added again.
CREATE UNIQUE INDEX space_members_unique ON space_members (tenant_id, space_id, user_id)
    WHERE deleted_locally = 0;

CREATE TABLE resource_members (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    resource_id       TEXT NOT NULL REFERENCES resources (local_id) ON DELETE CASCADE,
    user_id           TEXT NOT NULL,
    role              TEXT,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX resource_members_by_resource ON resource_members (tenant_id, resource_id);
CREATE INDEX resource_members_by_user ON resource_members (tenant_id, user_id);
CREATE UNIQUE INDEX resource_members_unique ON resource_members (tenant_id, resource_id, user_id)
    WHERE deleted_locally = 0;
