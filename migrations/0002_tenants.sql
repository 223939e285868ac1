-- The read side: what the server says about tenants and the directory of each tenant (users,
-- groups, spaces, resources). Outpost never edits these locally, so they are keyed by the
-- server's ids and carry the server's JSON as `raw`; typed columns hold what is queried.

-- Tenants the signed-in user belongs to. Not scoped by tenant: this is the list to choose from.
CREATE TABLE tenants (
    tenant_id   TEXT PRIMARY KEY NOT NULL,  -- the server's tenant id (uuid)
    name        TEXT NOT NULL,
    slug        TEXT,
    status      TEXT,
    role        TEXT,
    is_default  INTEGER NOT NULL DEFAULT 0,
    raw         TEXT NOT NULL CHECK (json_valid(raw)),
    synced_at   TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    tenant_id     TEXT NOT NULL,
    server_id     TEXT NOT NULL,
    email         TEXT,
    display_name  TEXT,
    status        TEXT,
    raw           TEXT NOT NULL CHECK (json_valid(raw)),
    synced_at     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, server_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX users_by_name ON users (tenant_id, display_name);

CREATE TABLE groups (
    tenant_id     TEXT NOT NULL,
    server_id     TEXT NOT NULL,
    name          TEXT NOT NULL,
    raw           TEXT NOT NULL CHECK (json_valid(raw)),
    synced_at     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, server_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX groups_by_name ON groups (tenant_id, name);

CREATE TABLE group_members (
    tenant_id  TEXT NOT NULL,
    group_id   TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, group_id, user_id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, server_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX group_members_by_user ON group_members (tenant_id, user_id);

CREATE TABLE spaces (
    tenant_id     TEXT NOT NULL,
    server_id     TEXT NOT NULL,
    name          TEXT NOT NULL,
    status        TEXT,
    raw           TEXT NOT NULL CHECK (json_valid(raw)),
    synced_at     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, server_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX spaces_by_name ON spaces (tenant_id, name);

CREATE TABLE resources (
    tenant_id     TEXT NOT NULL,
    server_id     TEXT NOT NULL,
    name          TEXT NOT NULL,
    status        TEXT,
    space_id      TEXT,
    raw           TEXT NOT NULL CHECK (json_valid(raw)),
    synced_at     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, server_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX resources_by_name ON resources (tenant_id, name);
CREATE INDEX resources_by_space ON resources (tenant_id, space_id);
