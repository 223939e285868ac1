-- Spaces and resources become records an administrator makes, edits and deletes offline
-- (issue #16): the bookkeeping columns every record table has, then the typed columns of their
-- descriptors (crates/model). The directory's read-only copies are carried over, each row as a
-- pulled record in the model's shape (a space's type definition in snake_case, a resource's
-- fields in camelCase, nulls left out), so the directory and the names of contact links stay
-- as they were until the next sync. Nothing was ever edited in the old tables.
ALTER TABLE spaces RENAME TO spaces_directory;
ALTER TABLE resources RENAME TO resources_directory;
DROP INDEX spaces_by_name;
DROP INDEX resources_by_name;
DROP INDEX resources_by_space;

CREATE TABLE spaces (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    name              TEXT NOT NULL,
    status            TEXT,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX spaces_by_name ON spaces (tenant_id, name COLLATE NOCASE);

CREATE TABLE resources (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    name              TEXT NOT NULL,
    status            TEXT,
    space_id          TEXT,   -- the server id of its space
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX resources_by_name ON resources (tenant_id, name COLLATE NOCASE);
CREATE INDEX resources_by_space ON resources (tenant_id, space_id);

INSERT INTO spaces (local_id, tenant_id, server_id, fields, base, base_updated_at,
                    deleted_locally, local_updated_at, name, status)
SELECT lower(hex(randomblob(16))), tenant_id, server_id, fields, fields,
       raw ->> '$.updated_at', 0, synced_at, name, status
FROM (
    SELECT tenant_id, server_id, name, status, raw, synced_at,
           -- A merge patch onto {} leaves out every key whose value is null.
           json_patch('{}', json_object(
               'name', name,
               'description', raw ->> '$.description',
               'language', raw ->> '$.language',
               'status', raw ->> '$.status',
               'settings', CASE WHEN json_type(raw, '$.settings') = 'object'
                                THEN raw -> '$.settings' END,
               'type_definition_id', COALESCE(raw ->> '$.typeDefinitionId',
                                              raw ->> '$.type_definition_id'))) AS fields
    FROM spaces_directory
);

INSERT INTO resources (local_id, tenant_id, server_id, fields, base, base_updated_at,
                       deleted_locally, local_updated_at, name, status, space_id)
SELECT lower(hex(randomblob(16))), tenant_id, server_id, fields, fields,
       raw ->> '$.updated_at', 0, synced_at, name, status, space_id
FROM (
    SELECT tenant_id, server_id, name, status, space_id, raw, synced_at,
           json_patch('{}', json_object(
               'name', name,
               'description', raw ->> '$.description',
               'language', raw ->> '$.language',
               'status', raw ->> '$.status',
               'settings', CASE WHEN json_type(raw, '$.settings') = 'object'
                                THEN raw -> '$.settings' END,
               'typeDefinitionId', COALESCE(raw ->> '$.typeDefinitionId',
                                            raw ->> '$.type_definition_id'),
               'spaceId', space_id)) AS fields
    FROM resources_directory
);

-- Local ids in the UUID form every other record has.
UPDATE spaces SET local_id = substr(local_id, 1, 8) || '-' || substr(local_id, 9, 4) || '-'
    || substr(local_id, 13, 4) || '-' || substr(local_id, 17, 4) || '-' || substr(local_id, 21);
UPDATE resources SET local_id = substr(local_id, 1, 8) || '-' || substr(local_id, 9, 4) || '-'
    || substr(local_id, 13, 4) || '-' || substr(local_id, 17, 4) || '-' || substr(local_id, 21);

DROP TABLE spaces_directory;
DROP TABLE resources_directory;
