-- Issue 16: Kobo's data API served by Kusanya, and the migration from Kobo.

-- Kobo mappings registered under their asset uid (forms/kobo/*.json): used to import and to serve.
CREATE TABLE kobo_assets (
  uid           TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  form_id       TEXT NOT NULL,
  mapping       TEXT NOT NULL,               -- the mapping file, JSON
  registered_at TEXT NOT NULL,
  registered_by TEXT NOT NULL
) STRICT;

-- Kobo's `_id`: a stable integer per record. Every submission gets one when it is first stored (trigger),
-- in the order received; an imported record takes its Kobo `_id` when that number is free.
CREATE TABLE kobo_numbers (
  number        INTEGER PRIMARY KEY,
  submission_id TEXT NOT NULL UNIQUE,
  form_id       TEXT NOT NULL
) STRICT;
CREATE INDEX kobo_numbers_form ON kobo_numbers (form_id, number);
INSERT INTO kobo_numbers (submission_id, form_id) SELECT id, form_id FROM submissions ORDER BY received_at, seq;
CREATE TRIGGER kobo_number_on_insert AFTER INSERT ON submissions
BEGIN
  INSERT OR IGNORE INTO kobo_numbers (submission_id, form_id) VALUES (NEW.id, NEW.form_id);
END;

-- Records brought in from Kobo: which asset, the Kobo version last imported (its own keys and the answers
-- no Kusanya field takes, kept and served back: nothing is lost), and the revision the import wrote.
CREATE TABLE kobo_records (
  submission_id TEXT PRIMARY KEY,
  asset_uid     TEXT NOT NULL,
  kobo_uuid     TEXT NOT NULL,
  kobo_meta     TEXT NOT NULL,               -- Kobo's own keys of that version (_uuid, _submission_time, meta/…)
  unmapped      TEXT NOT NULL,               -- answers of that version that no Kusanya field takes
  answers       TEXT NOT NULL,               -- every answer of that version as Kobo sent it
  imported_rev  INTEGER NOT NULL,
  import_id     TEXT NOT NULL
) STRICT;
CREATE INDEX kobo_records_asset ON kobo_records (asset_uid);

-- Every Kobo uuid a record has had (its root, each edit's instanceID): an edit finds its record here.
CREATE TABLE kobo_uuids (
  kobo_uuid     TEXT PRIMARY KEY,
  submission_id TEXT NOT NULL
) STRICT;

-- Every import run, with its report, also when it failed.
CREATE TABLE kobo_imports (
  id           TEXT PRIMARY KEY,
  asset_uid    TEXT NOT NULL,
  file         TEXT NOT NULL,
  file_sha256  TEXT,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  outcome      TEXT NOT NULL CHECK (outcome IN ('running', 'completed', 'failed')),
  done         INTEGER NOT NULL DEFAULT 0,   -- records committed so far (a failed run resumes after them)
  actor        TEXT NOT NULL,
  report       TEXT
) STRICT;

-- The answer that splits one Kusanya form into several Kobo assets (indicator reports by activity type).
CREATE INDEX submissions_form_activity ON submissions (form_id, json_extract(doc, '$.data.activity_type'));
