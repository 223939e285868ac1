-- Calendars and everything in them. Every editable table has the same bookkeeping columns:
--   local_id         UUID v7 chosen here; the identity the app uses, stable across sync
--   server_id        the server's id once the create went through (unique per tenant)
--   fields           the record in the seed's request shape (camelCase), references as ids:
--                    the server id when known, else the local id (rewritten when mapped)
--   base             the last server state seen, same shape (NULL until the server has it)
--   base_updated_at  the server's updatedAt of `base`
--   deleted_locally  1 while a local delete waits to be pushed (hidden from every read)
--   local_updated_at when the row last changed here
-- and typed columns, derived from `fields` by the code on every write, for what is queried.
-- Times in typed columns are UTC milliseconds since the epoch.
-- Calendar entries and contacts use `rid INTEGER PRIMARY KEY` as their row key because their
-- full-text indexes need a rowid that VACUUM cannot renumber; `local_id` is still the identity.

CREATE TABLE calendars (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    timezone          TEXT NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX calendars_by_name ON calendars (tenant_id, name);

CREATE TABLE entries (
    rid               INTEGER PRIMARY KEY,
    local_id          TEXT NOT NULL UNIQUE,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    calendar_id       TEXT NOT NULL REFERENCES calendars (local_id) ON DELETE CASCADE,
    title             TEXT NOT NULL,
    description       TEXT,
    location_name     TEXT,
    status            TEXT NOT NULL,
    starts_at         INTEGER NOT NULL,
    ends_at           INTEGER NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX entries_by_start ON entries (tenant_id, calendar_id, starts_at);
CREATE INDEX entries_by_end ON entries (tenant_id, calendar_id, ends_at);

-- Participants of an entry as the server reports them (the seed has no endpoint to add or
-- remove them); `respond` changes the current user's response locally and queues an action.
CREATE TABLE participants (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    entry_id          TEXT NOT NULL REFERENCES entries (local_id) ON DELETE CASCADE,
    actor_type        TEXT NOT NULL,
    actor_user_id     TEXT,
    actor_group_id    TEXT,
    role              TEXT NOT NULL,
    response_status   TEXT NOT NULL,
    raw               TEXT NOT NULL CHECK (json_valid(raw)),
    local_updated_at  TEXT NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX participants_by_entry ON participants (tenant_id, entry_id);

CREATE TABLE recurrence_masters (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    calendar_id       TEXT NOT NULL REFERENCES calendars (local_id) ON DELETE CASCADE,
    root_entry_id     TEXT NOT NULL UNIQUE REFERENCES entries (local_id) ON DELETE CASCADE,
    frequency         TEXT NOT NULL,
    starts_at         INTEGER NOT NULL,
    until_at          INTEGER,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX masters_by_calendar ON recurrence_masters (tenant_id, calendar_id, starts_at);

-- Overridden or cancelled occurrences (and the server's generated instances). An instance has
-- no create endpoint: a local override of an occurrence the server has not reported yet has no
-- server id, and the sync engine finds it by (master, instance_date).
CREATE TABLE recurrence_instances (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    master_id         TEXT NOT NULL REFERENCES recurrence_masters (local_id) ON DELETE CASCADE,
    calendar_id       TEXT NOT NULL REFERENCES calendars (local_id) ON DELETE CASCADE,
    instance_date     TEXT NOT NULL,            -- YYYY-MM-DD in the series' time zone
    instance_state    TEXT NOT NULL,
    starts_at         INTEGER,                  -- the override's times, when it moves the occurrence
    ends_at           INTEGER,
    UNIQUE (tenant_id, server_id),
    UNIQUE (master_id, instance_date)
) STRICT;
CREATE INDEX instances_by_calendar ON recurrence_instances (tenant_id, calendar_id, starts_at);

CREATE TABLE reminders (
    local_id          TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL,
    server_id         TEXT,
    fields            TEXT NOT NULL CHECK (json_valid(fields)),
    base              TEXT CHECK (base IS NULL OR json_valid(base)),
    base_updated_at   TEXT,
    deleted_locally   INTEGER NOT NULL DEFAULT 0,
    local_updated_at  TEXT NOT NULL,
    calendar_id       TEXT NOT NULL REFERENCES calendars (local_id) ON DELETE CASCADE,
    entry_id          TEXT REFERENCES entries (local_id) ON DELETE CASCADE,
    master_id         TEXT REFERENCES recurrence_masters (local_id) ON DELETE CASCADE,
    channel           TEXT NOT NULL,
    offset_minutes    INTEGER NOT NULL,
    UNIQUE (tenant_id, server_id)
) STRICT;
CREATE INDEX reminders_by_calendar ON reminders (tenant_id, calendar_id);
CREATE INDEX reminders_by_entry ON reminders (tenant_id, entry_id);
CREATE INDEX reminders_by_master ON reminders (tenant_id, master_id);

-- Full-text index over entry titles, descriptions and locations, kept by triggers.
CREATE VIRTUAL TABLE entries_fts USING fts5(
    title, description, location_name,
    content = 'entries', content_rowid = 'rid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, description, location_name)
    VALUES (new.rid, new.title, new.description, new.location_name);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, description, location_name)
    VALUES ('delete', old.rid, old.title, old.description, old.location_name);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, description, location_name ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, description, location_name)
    VALUES ('delete', old.rid, old.title, old.description, old.location_name);
    INSERT INTO entries_fts (rowid, title, description, location_name)
    VALUES (new.rid, new.title, new.description, new.location_name);
END;
