-- The tenant's audit log (issue #16), pulled incrementally (only rows newer than the newest
-- kept, with an overlap the primary key makes harmless) and searched offline by actor, record,
-- action and date range. Rows are the server's and never edited here; `at_ms` is `created_at`
-- in milliseconds for the date ranges. Each search filter has an index that starts with it and
-- ends with the time, so a filtered page newest first reads only what it shows.
CREATE TABLE audit_log (
    tenant_id      TEXT NOT NULL,
    id             TEXT NOT NULL,
    actor          TEXT,
    action         TEXT NOT NULL,
    resource_type  TEXT,
    resource_id    TEXT,
    created_at     TEXT NOT NULL,
    at_ms          INTEGER NOT NULL,
    raw            TEXT NOT NULL CHECK (json_valid(raw)),
    PRIMARY KEY (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX audit_log_by_time ON audit_log (tenant_id, at_ms);
CREATE INDEX audit_log_by_actor ON audit_log (tenant_id, actor, at_ms);
CREATE INDEX audit_log_by_record ON audit_log (tenant_id, resource_id, at_ms);
CREATE INDEX audit_log_by_action ON audit_log (tenant_id, action, at_ms);
