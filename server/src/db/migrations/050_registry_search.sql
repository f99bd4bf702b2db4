-- Registry search (HQ and supervisors): one search document per household (its code) and per individual
-- (names, national ID, phone), with the location codes of the household as tokens so area filters and scope
-- are part of the full-text match. Kept current by triggers, in the same transaction as every registry write
-- (approval, synthetic data, any future writer): no code path can forget it. `kind` is indexed too, so
-- browsing the households of an area is a match (`kind : household AND place : cl03010101`).
CREATE TABLE search_docs (
  id           INTEGER PRIMARY KEY,        -- stable rowid of the full-text index
  kind         TEXT NOT NULL CHECK (kind IN ('household', 'individual')),
  entity_id    TEXT NOT NULL UNIQUE,       -- households.id or individuals.id
  household_id TEXT,                       -- the household (for an individual: the latest one joined)
  name         TEXT NOT NULL DEFAULT '',   -- "first last" as written, plus the normalised name (transcription variants)
  ids          TEXT NOT NULL DEFAULT '',   -- normalised national ID and phone; household code and its compact form
  place        TEXT NOT NULL DEFAULT ''    -- province, commune, zone and colline codes
) STRICT;
CREATE INDEX search_docs_household ON search_docs (household_id);

-- Case- and accent-insensitive (remove_diacritics 2), prefix indexes for partial input.
CREATE VIRTUAL TABLE search_fts USING fts5(
  name, ids, place, kind,
  content = 'search_docs', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4',
  detail = column
);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_fts (rowid, name, ids, place, kind) VALUES (new.id, new.name, new.ids, new.place, new.kind);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_fts (search_fts, rowid, name, ids, place, kind) VALUES ('delete', old.id, old.name, old.ids, old.place, old.kind);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_fts (search_fts, rowid, name, ids, place, kind) VALUES ('delete', old.id, old.name, old.ids, old.place, old.kind);
  INSERT INTO search_fts (rowid, name, ids, place, kind) VALUES (new.id, new.name, new.ids, new.place, new.kind);
END;

-- In `ids`, a phone number is reduced to its 8 national digits (spaces, +, -, ., parentheses and the 257
-- prefix removed); the same expression appears in the triggers and the backfill below.

CREATE TRIGGER households_search_ai AFTER INSERT ON households BEGIN
  INSERT INTO search_docs (kind, entity_id, household_id, name, ids, place)
  VALUES ('household', new.id, new.id, '', new.code || ' ' || replace(new.code, '-', ''),
          new.province || ' ' || new.commune || ' ' || coalesce((SELECT parent_code FROM locations WHERE code = new.area), '') || ' ' || new.area);
END;

CREATE TRIGGER individuals_search_ai AFTER INSERT ON individuals BEGIN
  INSERT INTO search_docs (kind, entity_id, household_id, name, ids, place)
  SELECT 'individual', new.id, NULL,
         trim(coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '') || ' ' || new.name_norm),
         trim(coalesce(new.national_id_norm, '') || ' ' || CASE WHEN length(p) = 11 AND substr(p, 1, 3) = '257' THEN substr(p, 4) ELSE p END),
         ''
  FROM (SELECT replace(replace(replace(replace(replace(replace(coalesce(new.phone, ''), ' ', ''), '+', ''), '-', ''), '.', ''), '(', ''), ')', '') AS p);
END;

CREATE TRIGGER individuals_search_au AFTER UPDATE OF first_name, last_name, name_norm, national_id_norm, phone ON individuals BEGIN
  UPDATE search_docs SET
    name = trim(coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '') || ' ' || new.name_norm),
    ids = (SELECT trim(coalesce(new.national_id_norm, '') || ' ' || CASE WHEN length(p) = 11 AND substr(p, 1, 3) = '257' THEN substr(p, 4) ELSE p END)
           FROM (SELECT replace(replace(replace(replace(replace(replace(coalesce(new.phone, ''), ' ', ''), '+', ''), '-', ''), '.', ''), '(', ''), ')', '') AS p))
  WHERE entity_id = new.id;
END;

-- Joining a household gives the person that household's place (the household's own document holds it).
CREATE TRIGGER memberships_search_ai AFTER INSERT ON memberships WHEN new.ended_at IS NULL BEGIN
  UPDATE search_docs SET
    household_id = new.household_id,
    place = coalesce((SELECT place FROM search_docs WHERE entity_id = new.household_id), '')
  WHERE entity_id = new.individual_id;
END;

-- Whatever the registry already holds.
INSERT INTO search_docs (kind, entity_id, household_id, name, ids, place)
SELECT 'household', h.id, h.id, '', h.code || ' ' || replace(h.code, '-', ''),
       h.province || ' ' || h.commune || ' ' || coalesce((SELECT parent_code FROM locations WHERE code = h.area), '') || ' ' || h.area
FROM households h;

INSERT INTO search_docs (kind, entity_id, household_id, name, ids, place)
SELECT 'individual', i.id, m.household_id,
       trim(coalesce(i.first_name, '') || ' ' || coalesce(i.last_name, '') || ' ' || i.name_norm),
       trim(coalesce(i.national_id_norm, '') || ' ' ||
         CASE WHEN length(p.p) = 11 AND substr(p.p, 1, 3) = '257' THEN substr(p.p, 4) ELSE p.p END),
       coalesce((SELECT place FROM search_docs WHERE entity_id = m.household_id), '')
FROM individuals i
JOIN (SELECT id, replace(replace(replace(replace(replace(replace(coalesce(phone, ''), ' ', ''), '+', ''), '-', ''), '.', ''), '(', ''), ')', '') AS p FROM individuals) p ON p.id = i.id
LEFT JOIN memberships m ON m.individual_id = i.id AND m.ended_at IS NULL;

-- The submissions that concern a household (visits), for the household page and the "visit waiting" status.
CREATE INDEX submissions_subject_household ON submissions (json_extract(doc, '$.meta.subject.householdId'));
