-- Search as you type asks for prefixes of two or three letters, which match a large share of
-- a big address book. A prefix index makes finding those rows cheap; the results are then
-- ordered by name, not by a relevance score that would have to be computed for every match.
DROP TRIGGER contacts_fts_insert;
DROP TRIGGER contacts_fts_delete;
DROP TRIGGER contacts_fts_update;
DROP TABLE contacts_fts;

CREATE VIRTUAL TABLE contacts_fts USING fts5(
    display_name, email, phone, address, notes,
    content = 'contacts', content_rowid = 'rid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild');

CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, display_name, email, phone, address, notes)
    VALUES (new.rid, new.display_name, new.email, new.phone, new.address, new.notes);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, display_name, email, phone, address, notes)
    VALUES ('delete', old.rid, old.display_name, old.email, old.phone, old.address, old.notes);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF display_name, email, phone, address, notes ON contacts
WHEN old.display_name IS NOT new.display_name OR old.email IS NOT new.email OR old.phone IS NOT new.phone
  OR old.address IS NOT new.address OR old.notes IS NOT new.notes
BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, display_name, email, phone, address, notes)
    VALUES ('delete', old.rid, old.display_name, old.email, old.phone, old.address, old.notes);
    INSERT INTO contacts_fts (rowid, display_name, email, phone, address, notes)
    VALUES (new.rid, new.display_name, new.email, new.phone, new.address, new.notes);
END;
