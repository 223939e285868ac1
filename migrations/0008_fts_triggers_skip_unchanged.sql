-- Every write rewrites a row's typed columns, changed or not (a pull refreshing the base, a
-- status change). Re-index the full text only when the indexed text really changed.
DROP TRIGGER entries_fts_update;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, description, location_name ON entries
WHEN old.title IS NOT new.title OR old.description IS NOT new.description
  OR old.location_name IS NOT new.location_name
BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, description, location_name)
    VALUES ('delete', old.rid, old.title, old.description, old.location_name);
    INSERT INTO entries_fts (rowid, title, description, location_name)
    VALUES (new.rid, new.title, new.description, new.location_name);
END;

DROP TRIGGER contacts_fts_update;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF display_name, email, phone, address, notes ON contacts
WHEN old.display_name IS NOT new.display_name OR old.email IS NOT new.email OR old.phone IS NOT new.phone
  OR old.address IS NOT new.address OR old.notes IS NOT new.notes
BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, display_name, email, phone, address, notes)
    VALUES ('delete', old.rid, old.display_name, old.email, old.phone, old.address, old.notes);
    INSERT INTO contacts_fts (rowid, display_name, email, phone, address, notes)
    VALUES (new.rid, new.display_name, new.email, new.phone, new.address, new.notes);
END;
