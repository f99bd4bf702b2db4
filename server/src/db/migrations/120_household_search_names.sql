-- Issue 17 (point 9): a household is found by the respondent's name that titles its record when the respondent is
-- not a member (members are found by their own documents), not only by its code. New and changed households are
-- indexed by repositories/search-index.ts (householdText); this re-indexes those already there: the respondent's
-- name as written (case and accents are the tokenizer's business) when no current member bears it. Its full-name
-- key (normalised in TypeScript) comes with the household's next change; until then the word and prefix tiers
-- find the respondent.
DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE kind = 'household');

INSERT INTO search_fts (rowid, name, ids, place, kind)
SELECT d.id,
       CASE WHEN r.name IS NULL OR EXISTS (
              SELECT 1 FROM memberships m JOIN individuals i ON i.id = m.individual_id
              WHERE m.household_id = h.id AND m.ended_at IS NULL
                AND lower(trim(coalesce(i.first_name, '') || ' ' || coalesce(i.last_name, ''))) = lower(r.name))
            THEN '' ELSE r.name END,
       h.code || ' ' || replace(h.code, '-', ''),
       h.commune || ' ' || h.area,
       'household'
FROM search_docs d
JOIN households h ON h.id = d.entity_id
JOIN (SELECT id, nullif(trim(coalesce(json_extract(values_json, '$.respondent_name'), '')), '') AS name FROM households) r
  ON r.id = h.id
WHERE d.kind = 'household';
