-- Groups and their members become records an administrator edits offline, like contacts: the
-- bookkeeping columns every record table has, then the typed columns of their descriptors
-- (crates/model). The tables they replace held a read-only copy of the server's groups, which
-- the next sync brings back; nothing was ever edited in them, so nothing waiting is lost.
DROP TABLE group_members;
DROP TABLE groups;

CREATE TABLE groups (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    name              TEXT NOT NULL,
    description       TEXT,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX groups_by_name ON groups (tenant_id, name COLLATE NOCASE);

CREATE TABLE group_members (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    group_id          TEXT NOT NULL REFERENCES groups (local_id) ON DELETE CASCADE,
    user_id           TEXT NOT NULL,   -- the server id of the user
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX group_members_by_group ON group_members (tenant_id, group_id);
CREATE INDEX group_members_by_user ON group_members (tenant_id, user_id);
-- One live membership per group and user; one removed here may be added again.
CREATE UNIQUE INDEX group_members_unique ON group_members (tenant_id, group_id, user_id)
    WHERE deleted_locally = 0;
