-- Local settings of this replica (sync interval, entry window, theme). Never secrets.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
