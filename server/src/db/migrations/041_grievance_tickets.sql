-- Grievance tickets: a grievance submission becomes a ticket at once (status RECEIVED), inside the push transaction.
CREATE TABLE grievance_tickets (
  id            TEXT PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,      -- GRV-2026-000123
  submission_id TEXT NOT NULL UNIQUE,
  status        TEXT NOT NULL CHECK (status IN ('RECEIVED', 'OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
  case_type     TEXT NOT NULL,
  category      TEXT,
  subcategory   TEXT,
  sensitive     INTEGER NOT NULL,
  special       INTEGER NOT NULL,
  channel       TEXT,
  anonymous     INTEGER NOT NULL,
  area          TEXT NOT NULL,             -- colline
  commune       TEXT NOT NULL,
  province      TEXT NOT NULL,
  description   TEXT,
  incident_date TEXT,
  received_at   TEXT NOT NULL,
  due_at        TEXT NOT NULL,
  assigned_to   TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX grievance_tickets_area ON grievance_tickets (province, commune, area);
CREATE INDEX grievance_tickets_status ON grievance_tickets (status, due_at);

CREATE TABLE grievance_code_counters (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;
