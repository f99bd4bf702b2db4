-- Registry search (HQ and supervisors): one search document per household (its code) and per member
-- (names, national ID, phone), with the commune and colline codes of the household as tokens, so area
-- filters and scope are part of the full-text match (`kind : household AND place : cl03010101`; a province
-- is the OR of its communes, a zone the OR of its collines).
--
-- The index is written by the registry repository in the same transaction as every registry write
-- (repositories/search-index.ts), not by triggers: FTS5 flushes its pending buffer at every statement
-- savepoint, which a trigger opens for each row, and that made bulk writes several times slower.
CREATE TABLE search_docs (
  id           INTEGER PRIMARY KEY,        -- the full-text row id (stable: an INTEGER PRIMARY KEY)
  kind         TEXT NOT NULL CHECK (kind IN ('household', 'individual')),
  entity_id    TEXT NOT NULL UNIQUE,       -- households.id or individuals.id
  household_id TEXT                        -- the household (for a person: the one they joined last)
) STRICT;

-- Case- and accent-insensitive (remove_diacritics 2), prefix indexes for partial input. Contentless: the
-- text lives in the registry tables; rows are replaced by rowid.
--   name  "first last" as written, plus the normalised name (French transcription variants unified)
--   ids   normalised national ID, phone (8 digits) and full-name key (normalised words run together);
--         for a household, its code and the code's compact form
--   place commune and colline codes
--   kind  household | individual
CREATE VIRTUAL TABLE search_fts USING fts5(
  name, ids, place, kind,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4',
  detail = column
);

-- Whatever the registry already holds.
INSERT INTO search_docs (kind, entity_id, household_id) SELECT 'household', id, id FROM households ORDER BY seq;
INSERT INTO search_docs (kind, entity_id, household_id)
  SELECT 'individual', individual_id, household_id FROM memberships WHERE ended_at IS NULL ORDER BY id;

INSERT INTO search_fts (rowid, name, ids, place, kind)
SELECT d.id, '', h.code || ' ' || replace(h.code, '-', ''), h.commune || ' ' || h.area, 'household'
FROM search_docs d JOIN households h ON h.id = d.entity_id
WHERE d.kind = 'household';

INSERT INTO search_fts (rowid, name, ids, place, kind)
SELECT d.id,
       trim(coalesce(i.first_name, '') || ' ' || coalesce(i.last_name, '') || ' ' || i.name_norm),
       trim(coalesce(i.national_id_norm, '') || ' ' ||
         CASE WHEN length(p.digits) = 11 AND substr(p.digits, 1, 3) = '257' THEN substr(p.digits, 4) ELSE p.digits END
         || ' ' || replace(i.name_norm, ' ', '')),
       h.commune || ' ' || h.area, 'individual'
FROM search_docs d
JOIN individuals i ON i.id = d.entity_id
JOIN (SELECT id, replace(replace(replace(replace(replace(replace(coalesce(phone, ''), ' ', ''), '+', ''), '-', ''), '.', ''), '(', ''), ')', '') AS digits
        FROM individuals) p ON p.id = i.id
JOIN households h ON h.id = d.household_id
WHERE d.kind = 'individual';

-- The submissions that concern a household (visits), for the household page and the "visit waiting" status.
CREATE INDEX submissions_subject_household ON submissions (json_extract(doc, '$.meta.subject.householdId'));
