-- M&E: the indicator catalogue and its targets (admin), and a projection of indicator reports kept by
-- triggers on submissions (same transaction as the push or the validation), so dashboards never parse JSON.
CREATE TABLE indicators (
  code          TEXT PRIMARY KEY,
  activity_type TEXT,                  -- NULL: reports of every activity type
  measure       TEXT NOT NULL CHECK (measure IN ('sessions', 'households_attending', 'participants', 'participants_women',
                  'participants_batwa', 'participants_disability', 'participants_refugees_returnees',
                  'households_planned', 'households_paid', 'amount_planned', 'amount_paid', 'payment_rate', 'reports')),
  name_fr       TEXT NOT NULL,
  name_rn       TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  unit          TEXT NOT NULL CHECK (unit IN ('count', 'BIF', 'percent')),
  position      INTEGER NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT
) STRICT;

-- A target for one quarter ("2026-Q1") and one area (the country or a province, commune…).
CREATE TABLE indicator_targets (
  indicator_code TEXT NOT NULL REFERENCES indicators (code),
  quarter        TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
  area           TEXT NOT NULL REFERENCES locations (code),
  target         REAL NOT NULL CHECK (target >= 0),
  updated_at     TEXT NOT NULL,
  updated_by     TEXT NOT NULL,
  PRIMARY KEY (indicator_code, quarter, area)
) STRICT;

INSERT INTO indicators (code, activity_type, measure, name_fr, name_rn, name_en, unit, position, updated_at) VALUES
  ('SENS_SESSIONS', 'SENSITISATION_TRAINING', 'sessions', 'Séances de sensibilisation et formation', 'Inama zo kumenyesha n''inyigisho', 'Sensitisation and training sessions', 'count', 10, '2026-01-01T00:00:00.000Z'),
  ('SENS_PARTICIPANTS', 'SENSITISATION_TRAINING', 'participants', 'Participants aux sensibilisations et formations', 'Abitavye inama zo kumenyesha', 'Participants in sensitisation and training', 'count', 20, '2026-01-01T00:00:00.000Z'),
  ('BCC_SESSIONS', 'BEHAVIOUR_CHANGE', 'sessions', 'Séances de changement de comportement', 'Inama zo guhindura imico', 'Behaviour-change sessions', 'count', 30, '2026-01-01T00:00:00.000Z'),
  ('BCC_PARTICIPANTS', 'BEHAVIOUR_CHANGE', 'participants', 'Participants aux séances de changement de comportement', 'Abitavye inama zo guhindura imico', 'Participants in behaviour-change sessions', 'count', 40, '2026-01-01T00:00:00.000Z'),
  ('MP_HOUSEHOLDS', 'MICRO_PROJECT', 'households_attending', 'Ménages engagés dans un micro-projet', 'Ingo ziri mu mishinga mito', 'Households in a micro-project', 'count', 50, '2026-01-01T00:00:00.000Z'),
  ('CT_HOUSEHOLDS_PAID', 'CASH_TRANSFER', 'households_paid', 'Ménages payés', 'Ingo zarishwe', 'Households paid', 'count', 60, '2026-01-01T00:00:00.000Z'),
  ('CT_AMOUNT_PAID', 'CASH_TRANSFER', 'amount_paid', 'Montant payé (BIF)', 'Amafaranga yarishwe (BIF)', 'Amount paid (BIF)', 'BIF', 70, '2026-01-01T00:00:00.000Z'),
  ('CT_PAYMENT_RATE', 'CASH_TRANSFER', 'payment_rate', 'Taux de paiement', 'Igipimo c''amafaranga yarishwe', 'Payment rate', 'percent', 80, '2026-01-01T00:00:00.000Z');

-- One row per indicator report submission (any status; dashboards read validated = approved ones).
CREATE TABLE indicator_facts (
  submission_id      TEXT PRIMARY KEY,
  status             TEXT NOT NULL,
  deleted            INTEGER NOT NULL,
  enumerator_id      TEXT NOT NULL,
  activity_type      TEXT,
  report_date        TEXT,
  quarter            TEXT,                 -- "2026-Q1" from the report date
  colline            TEXT NOT NULL,
  zone               TEXT,
  commune            TEXT,
  province           TEXT,
  sessions           REAL,
  households_attending REAL,
  participants_men   REAL,
  participants_women REAL,
  participants_batwa REAL,
  participants_disability REAL,
  participants_refugees_returnees REAL,
  households_planned REAL,
  households_paid    REAL,
  amount_planned     REAL,
  amount_paid        REAL
) STRICT;
CREATE INDEX indicator_facts_quarter ON indicator_facts (quarter, province, commune);

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
WHERE s.form_id = 'indicator_report';

CREATE TRIGGER indicator_facts_ai AFTER INSERT ON submissions WHEN new.form_id = 'indicator_report' BEGIN
  INSERT OR REPLACE INTO indicator_facts SELECT * FROM indicator_facts_source WHERE submission_id = new.id;
END;
CREATE TRIGGER indicator_facts_au AFTER UPDATE ON submissions WHEN new.form_id = 'indicator_report' OR old.form_id = 'indicator_report' BEGIN
  DELETE FROM indicator_facts WHERE submission_id = old.id;
  INSERT INTO indicator_facts SELECT * FROM indicator_facts_source WHERE submission_id = new.id;
END;

INSERT INTO indicator_facts SELECT * FROM indicator_facts_source;

-- Operational dashboards: submissions per day, enumerator and status (a covering index: a quarter of national
-- activity is read without touching the large rows); review decisions with where and when their record was
-- first received (a projection written with each decision), for rates and delays.
CREATE INDEX submissions_received ON submissions (received_at, form_id, area, enumerator_id, status, deleted);

CREATE TABLE review_facts (
  review_id   INTEGER PRIMARY KEY,          -- reviews.id
  at          TEXT NOT NULL,
  decision    TEXT NOT NULL,
  area        TEXT NOT NULL,                -- the record's colline
  received_at TEXT NOT NULL                 -- when the record was first received
) STRICT;
CREATE INDEX review_facts_at ON review_facts (at, decision, area, received_at);

CREATE TRIGGER review_facts_ai AFTER INSERT ON reviews BEGIN
  INSERT INTO review_facts (review_id, at, decision, area, received_at)
  SELECT new.id, new.at, new.decision, s.area, s.received_at FROM submissions s WHERE s.id = new.submission_id;
END;

INSERT INTO review_facts (review_id, at, decision, area, received_at)
SELECT r.id, r.at, r.decision, s.area, s.received_at FROM reviews r JOIN submissions s ON s.id = r.submission_id;
