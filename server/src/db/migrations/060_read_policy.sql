-- Issue 12: what the read policy (domain/read-policy.ts) filters submissions on, in the query itself.
-- confidential: a SENSITIVE grievance (GBV, corruption, accident, discrimination, mental illness), or one whose
--   category is unknown while it waits for correction. Readable only by the grievance officers of its area and its
--   author. Once set it stays set (an earlier version of the record said it).
-- author_only: a record pushed for a colline outside its author's areas (DESIGN.md §3 rule 6): kept for its author
--   only, as needs_correction, outside review and the registry, until the author corrects its colline.
ALTER TABLE submissions ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN author_only INTEGER NOT NULL DEFAULT 0;

UPDATE submissions SET confidential = 1
WHERE form_id = 'grievance' AND (
  id IN (SELECT submission_id FROM grievance_tickets WHERE sensitive = 1)
  OR id IN (
    SELECT submission_id FROM submission_versions
    WHERE json_extract(doc, '$.formId') = 'grievance'
      AND json_extract(doc, '$.data.category') IN
        ('VIOLENCE_GBV', 'CORRUPTION', 'ACCIDENT_NEGLIGENCE', 'DISCRIMINATION', 'MENTAL_ILLNESS')
  )
  OR (status = 'needs_correction' AND coalesce(json_extract(doc, '$.data.category'), '') NOT IN
        ('PAYMENT', 'PHONE', 'ACCOUNT', 'EXCLUSION_ERROR', 'INCLUSION_ERROR', 'INFORMATION', 'UNCATEGORISED'))
);

-- Indicator facts (dashboards, report exports) never come from a record kept for its author only.
DROP VIEW indicator_facts_source;
CREATE VIEW indicator_facts_source AS
SELECT s.id AS submission_id, s.status, s.deleted, s.enumerator_id,
       json_extract(s.doc, '$.data.activity_type') AS activity_type,
       json_extract(s.doc, '$.data.report_date') AS report_date,
       CASE WHEN json_extract(s.doc, '$.data.report_date') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-*'
            THEN substr(json_extract(s.doc, '$.data.report_date'), 1, 4) || '-Q' || ((CAST(substr(json_extract(s.doc, '$.data.report_date'), 6, 2) AS INTEGER) + 2) / 3)
       END AS quarter,
       s.area AS colline, z.code AS zone, c.code AS commune, c.parent_code AS province,
       json_extract(s.doc, '$.data.sessions') AS sessions,
       json_extract(s.doc, '$.data.households_attending') AS households_attending,
       json_extract(s.doc, '$.data.participants_men') AS participants_men,
       json_extract(s.doc, '$.data.participants_women') AS participants_women,
       json_extract(s.doc, '$.data.participants_batwa') AS participants_batwa,
       json_extract(s.doc, '$.data.participants_disability') AS participants_disability,
       json_extract(s.doc, '$.data.participants_refugees_returnees') AS participants_refugees_returnees,
       json_extract(s.doc, '$.data.households_planned') AS households_planned,
       json_extract(s.doc, '$.data.households_paid') AS households_paid,
       json_extract(s.doc, '$.data.amount_planned') AS amount_planned,
       json_extract(s.doc, '$.data.amount_paid') AS amount_paid
FROM submissions s
LEFT JOIN locations col ON col.code = s.area
LEFT JOIN locations z ON z.code = col.parent_code
LEFT JOIN locations c ON c.code = z.parent_code
WHERE s.form_id = 'indicator_report' AND s.author_only = 0;
DELETE FROM indicator_facts WHERE submission_id IN (SELECT id FROM submissions WHERE author_only = 1);

-- The dashboards' covering index carries the two flags, so counts filtered by the policy still read no large row.
DROP INDEX submissions_received;
CREATE INDEX submissions_received
  ON submissions (received_at, form_id, area, enumerator_id, status, deleted, confidential, author_only);

-- Bytes of submission versions each user's pushes stored, per UTC day: the per-user storage quota reads this
-- (a sum over a handful of rows), never the versions themselves.
CREATE TABLE storage_usage (
  user_id TEXT NOT NULL,
  day     TEXT NOT NULL,   -- YYYY-MM-DD (UTC)
  bytes   INTEGER NOT NULL,
  PRIMARY KEY (user_id, day)
) STRICT, WITHOUT ROWID;
INSERT INTO storage_usage (user_id, day, bytes)
  SELECT user_id, substr(received_at, 1, 10), sum(length(CAST(doc AS BLOB))) FROM submission_versions
  WHERE user_id IS NOT NULL AND source = 'device' GROUP BY 1, 2;
