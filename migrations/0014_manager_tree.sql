-- The Manager's tree as records (issue #17): projects, their tenants (environments), the
-- tenants' applications, and each application's endpoints and triggers, edited offline like
-- the platform's records: the bookkeeping columns every record table has, then the typed
-- columns of their descriptors (crates/model/src/manager_descriptors.rs).
--
-- `tenant_id` is the replica's own scope, as in every record table. A Manager account's
-- replica holds one Manager, so all its rows carry the one scope `outpost_sync::MANAGER_SCOPE`
-- ('manager'); the Manager's own tenants are records here (`manager_tenants`), and an
-- application names its tenant in `environment_id`.
CREATE TABLE manager_projects (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    name              TEXT NOT NULL,
    slug              TEXT NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX manager_projects_by_slug ON manager_projects (tenant_id, slug);

CREATE TABLE manager_tenants (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    project_id        TEXT NOT NULL REFERENCES manager_projects (local_id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    slug              TEXT NOT NULL,
    type              TEXT NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX manager_tenants_by_project ON manager_tenants (tenant_id, project_id, slug);

CREATE TABLE manager_applications (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    environment_id    TEXT NOT NULL REFERENCES manager_tenants (local_id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    slug              TEXT NOT NULL,
    version           TEXT,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX manager_applications_by_tenant ON manager_applications (tenant_id, environment_id, slug);

CREATE TABLE manager_endpoints (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    application_id    TEXT NOT NULL REFERENCES manager_applications (local_id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    consume_url       TEXT NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX manager_endpoints_by_application ON manager_endpoints (tenant_id, application_id);

CREATE TABLE manager_triggers (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    application_id    TEXT NOT NULL REFERENCES manager_applications (local_id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    run_key           TEXT NOT NULL,
    cron_expression   TEXT NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX manager_triggers_by_application ON manager_triggers (tenant_id, application_id);
