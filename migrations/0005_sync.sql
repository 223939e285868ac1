-- What the sync engine needs besides the records: the outbox of local operations, the parked
-- conflicts, and the history of sync runs.

-- One row per operation waiting for (or done by) a push. `seq` orders the ops; the engine sends
-- the ops of one record in seq order. A pending op absorbs later edits of the same record
-- (coalescing), so the queue holds what a push will send, not every keystroke.
CREATE TABLE outbox (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id             TEXT NOT NULL UNIQUE,      -- UUID v7; sent as metadata.outpostOpId on creates
    tenant_id         TEXT NOT NULL,
    entity            TEXT NOT NULL,
    local_id          TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete', 'action')),
    action            TEXT,                      -- for kind = action: 'status', 'respond'
    payload           TEXT NOT NULL CHECK (json_valid(payload)),  -- create: all fields; update: changed fields; action: its body
    base              TEXT CHECK (base IS NULL OR json_valid(base)),  -- update: the base values of the changed fields
    base_updated_at   TEXT,
    state             TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'failed', 'conflict', 'done')),
    source            TEXT NOT NULL CHECK (source IN ('user', 'import')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT,
    next_attempt_at   TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_by_record ON outbox (tenant_id, entity, local_id, seq);
CREATE INDEX outbox_by_state ON outbox (tenant_id, state, seq);

CREATE TABLE conflicts (
    conflict_id        TEXT PRIMARY KEY NOT NULL,
    tenant_id          TEXT NOT NULL,
    entity             TEXT NOT NULL,
    local_id           TEXT NOT NULL,
    op_id              TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('edit_edit', 'edit_vs_remote_delete', 'delete_vs_remote_edit')),
    base               TEXT CHECK (base IS NULL OR json_valid(base)),
    local              TEXT CHECK (local IS NULL OR json_valid(local)),
    remote             TEXT CHECK (remote IS NULL OR json_valid(remote)),
    remote_updated_at  TEXT,
    fields             TEXT NOT NULL CHECK (json_valid(fields)),   -- JSON array of field names
    state              TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
    resolution         TEXT CHECK (resolution IS NULL OR json_valid(resolution)),
    merged             TEXT CHECK (merged IS NULL OR json_valid(merged)),
    created_at         TEXT NOT NULL,
    resolved_at        TEXT
) STRICT;
CREATE INDEX conflicts_by_state ON conflicts (tenant_id, state, created_at);
CREATE INDEX conflicts_by_record ON conflicts (tenant_id, entity, local_id);

CREATE TABLE sync_runs (
    run_id       TEXT PRIMARY KEY NOT NULL,
    tenant_id    TEXT NOT NULL,
    trigger      TEXT NOT NULL,                  -- 'manual', 'timer', 'reconnect', ...
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    outcome      TEXT NOT NULL CHECK (outcome IN ('running', 'ok', 'partial', 'failed')),
    pulled       INTEGER NOT NULL DEFAULT 0,
    pushed       INTEGER NOT NULL DEFAULT 0,
    skipped      INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    conflicts    INTEGER NOT NULL DEFAULT 0,
    error        TEXT,
    details      TEXT CHECK (details IS NULL OR json_valid(details))
) STRICT;
CREATE INDEX sync_runs_by_time ON sync_runs (tenant_id, started_at);
