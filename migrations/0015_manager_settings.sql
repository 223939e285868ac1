-- Each Manager level's own backend and frontend settings as records (issue #17): the
-- bookkeeping columns every record table has, then the level the record belongs to (exactly
-- one of a project, a tenant or an application; the others NULL).
CREATE TABLE manager_backend_settings (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    project_id        TEXT REFERENCES manager_projects (local_id) ON DELETE CASCADE,
    environment_id    TEXT REFERENCES manager_tenants (local_id) ON DELETE CASCADE,
    application_id    TEXT REFERENCES manager_applications (local_id) ON DELETE CASCADE,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX manager_backend_settings_by_level
    ON manager_backend_settings (tenant_id, application_id, environment_id, project_id);

CREATE TABLE manager_frontend_settings (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    project_id        TEXT REFERENCES manager_projects (local_id) ON DELETE CASCADE,
    environment_id    TEXT REFERENCES manager_tenants (local_id) ON DELETE CASCADE,
    application_id    TEXT REFERENCES manager_applications (local_id) ON DELETE CASCADE,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX manager_frontend_settings_by_level
    ON manager_frontend_settings (tenant_id, application_id, environment_id, project_id);
