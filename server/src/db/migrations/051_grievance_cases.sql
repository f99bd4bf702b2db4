-- Grievance case management (DESIGN.md §2): what links a ticket to the registry, its comments (one may be the
-- resolution), its timeline of status changes and assignments, and its attachments.
ALTER TABLE grievance_tickets ADD COLUMN household_code TEXT;    -- as the reporter gave it (upper-case)
ALTER TABLE grievance_tickets ADD COLUMN reporter_id_norm TEXT;  -- the reporter's national ID, normalised
ALTER TABLE grievance_tickets ADD COLUMN resolved_at TEXT;
ALTER TABLE grievance_tickets ADD COLUMN closed_at TEXT;

UPDATE grievance_tickets SET
  household_code = (SELECT nullif(upper(trim(json_extract(s.doc, '$.data.household_code'))), '') FROM submissions s WHERE s.id = grievance_tickets.submission_id),
  reporter_id_norm = (SELECT nullif(upper(replace(replace(replace(replace(trim(json_extract(s.doc, '$.data.reporter_id')), '/', ''), '.', ''), '-', ''), ' ', '')), '')
                      FROM submissions s WHERE s.id = grievance_tickets.submission_id);

CREATE INDEX grievance_tickets_received ON grievance_tickets (received_at, id);
CREATE INDEX grievance_tickets_due ON grievance_tickets (due_at, id);
CREATE INDEX grievance_tickets_assigned ON grievance_tickets (assigned_to) WHERE assigned_to IS NOT NULL;
CREATE INDEX grievance_tickets_household ON grievance_tickets (household_code) WHERE household_code IS NOT NULL;
CREATE INDEX grievance_tickets_reporter ON grievance_tickets (reporter_id_norm) WHERE reporter_id_norm IS NOT NULL;

CREATE TABLE grievance_comments (
  id          TEXT PRIMARY KEY,            -- UUIDv7
  ticket_id   TEXT NOT NULL REFERENCES grievance_tickets (id),
  author_id   TEXT NOT NULL,
  body        TEXT NOT NULL,
  resolution  INTEGER NOT NULL DEFAULT 0,  -- 1: the resolution of the case
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX grievance_comments_ticket ON grievance_comments (ticket_id, created_at);

-- Append-only timeline: every status change and assignment, who and when.
CREATE TABLE grievance_events (
  id          INTEGER PRIMARY KEY,
  ticket_id   TEXT NOT NULL REFERENCES grievance_tickets (id),
  actor_id    TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('status', 'assign')),
  from_value  TEXT,
  to_value    TEXT,
  at          TEXT NOT NULL
) STRICT;
CREATE INDEX grievance_events_ticket ON grievance_events (ticket_id, id);
CREATE TRIGGER grievance_events_no_update BEFORE UPDATE ON grievance_events
  BEGIN SELECT RAISE(ABORT, 'grievance_events is append-only'); END;
CREATE TRIGGER grievance_events_no_delete BEFORE DELETE ON grievance_events
  BEGIN SELECT RAISE(ABORT, 'grievance_events is append-only'); END;

CREATE TABLE grievance_attachments (
  id           TEXT PRIMARY KEY,           -- UUIDv7
  ticket_id    TEXT NOT NULL REFERENCES grievance_tickets (id),
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  data         BLOB NOT NULL,
  uploaded_by  TEXT NOT NULL,
  uploaded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX grievance_attachments_ticket ON grievance_attachments (ticket_id, uploaded_at);
