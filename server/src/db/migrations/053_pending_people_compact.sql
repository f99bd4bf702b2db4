-- The people waiting for review are looked up and rewritten on every push: keyed by their primary key
-- directly (WITHOUT ROWID) there is one b-tree less to write, and the name index covers the lookup
-- (it carries submission_id and member_index).
CREATE TABLE pending_people_new (
  submission_id    TEXT NOT NULL,
  member_index     INTEGER NOT NULL,
  name_norm        TEXT NOT NULL,
  commune          TEXT NOT NULL,
  sex              TEXT,
  birth_year       INTEGER,
  national_id_norm TEXT,
  PRIMARY KEY (submission_id, member_index)
) STRICT, WITHOUT ROWID;
INSERT INTO pending_people_new (submission_id, member_index, name_norm, commune, sex, birth_year, national_id_norm)
  SELECT submission_id, member_index, name_norm, commune, sex, birth_year, national_id_norm FROM pending_people;
DROP TABLE pending_people;
ALTER TABLE pending_people_new RENAME TO pending_people;
CREATE INDEX pending_people_name ON pending_people (commune, name_norm, sex, birth_year);
CREATE INDEX pending_people_national_id ON pending_people (national_id_norm) WHERE national_id_norm IS NOT NULL;
