-- Tenants the signed-in user belongs to, as last seen on the server.
CREATE TABLE tenants (
    id          TEXT PRIMARY KEY NOT NULL,  -- the server's tenant id (uuid)
    name        TEXT NOT NULL,
    slug        TEXT,
    status      TEXT,
    role        TEXT,
    is_default  INTEGER NOT NULL DEFAULT 0,
    raw         TEXT NOT NULL,              -- the server's JSON, for fields not yet mapped
    synced_at   TEXT NOT NULL
) STRICT;
