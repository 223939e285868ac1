-- What the platform tells about a tenant that is read, not edited (issue #16): its lifecycle
-- history, its settings' history, metrics and quota warnings, its domains. One document per
-- kind and tenant, replaced by each sync that could read it, with the time it was read, so
-- the app shows them offline and says how old they are.
CREATE TABLE tenant_reads (
    tenant_id  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body)),
    read_at    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, kind)
) STRICT, WITHOUT ROWID;
