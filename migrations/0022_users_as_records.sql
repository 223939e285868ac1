-- The tenant's users become records an administrator makes and edits offline (issue #16): the
-- bookkeeping columns every record table has, then the typed columns of their descriptor
-- (crates/model). The directory's read-only copy of the server's users is not dropped but
-- carried over, each row as a pulled record in the model's shape (camelCase, nulls left out),
-- so the directory and the names of contact links to users stay as they were until the next
-- sync. Nothing was ever edited in the old table, so nothing waiting is lost.
ALTER TABLE users RENAME TO users_directory;
DROP INDEX users_by_name;

CREATE TABLE users (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    email             TEXT,
    display_name      TEXT,
    full_name         TEXT NOT NULL,
    status            TEXT,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX users_by_name ON users (tenant_id, display_name COLLATE NOCASE);
CREATE INDEX users_by_email ON users (tenant_id, email COLLATE NOCASE);

INSERT INTO users (local_id, tenant_id, server_id, fields, base, base_updated_at,
                   deleted_locally, local_updated_at, email, display_name, full_name, status)
SELECT lower(hex(randomblob(16))), tenant_id, server_id, fields, fields,
       raw ->> '$.updated_at', 0, synced_at,
       email, raw ->> '$.display_name',
       COALESCE(NULLIF(trim(COALESCE((raw ->> '$.first_name') || ' ', '')
                          || COALESCE((raw ->> '$.middle_name') || ' ', '')
                          || COALESCE(raw ->> '$.last_name', '')), ''),
                email, ''),
       status
FROM (
    SELECT tenant_id, server_id, email, status, raw, synced_at,
           -- A merge patch onto {} leaves out every key whose value is null.
           json_patch('{}', json_object(
               'email', raw ->> '$.email',
               'firstName', raw ->> '$.first_name',
               'middleName', raw ->> '$.middle_name',
               'lastName', raw ->> '$.last_name',
               'displayName', raw ->> '$.display_name',
               'locale', raw ->> '$.locale',
               'settings', CASE WHEN json_type(raw, '$.settings') = 'object'
                                THEN raw -> '$.settings' END,
               'typeDefinitionId', raw ->> '$.type_definition_id',
               'status', raw ->> '$.status')) AS fields
    FROM users_directory
);

-- Local ids in the UUID form every other record has.
UPDATE users SET local_id = substr(local_id, 1, 8) || '-' || substr(local_id, 9, 4) || '-'
    || substr(local_id, 13, 4) || '-' || substr(local_id, 17, 4) || '-' || substr(local_id, 21);

DROP TABLE users_directory;
