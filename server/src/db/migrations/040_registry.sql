-- The household registry (DESIGN.md §2, §4). Every approved change bumps `version` and is written to
-- registry_history (append-only).
CREATE TABLE households (
  id             TEXT PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,
  area           TEXT NOT NULL,            -- colline
  commune        TEXT NOT NULL,
  province       TEXT NOT NULL,
  version        INTEGER NOT NULL,
  seq            INTEGER NOT NULL UNIQUE,  -- change sequence in commit order: devices pull households after a checkpoint
  head_name_norm TEXT NOT NULL DEFAULT '', -- for duplicate candidates (same colline + head name + size ±1)
  size           INTEGER NOT NULL DEFAULT 0,
  values_json    TEXT NOT NULL,            -- current household-level answers
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  created_by_submission TEXT NOT NULL
) STRICT;
CREATE INDEX households_duplicates ON households (area, head_name_norm, size);
CREATE INDEX households_commune ON households (commune);
CREATE INDEX households_area_seq ON households (area, seq);

CREATE TABLE individuals (
  id               TEXT PRIMARY KEY,
  first_name       TEXT,
  last_name        TEXT,
  sex              TEXT,
  birth_date       TEXT,
  birth_year       INTEGER,
  national_id      TEXT,
  national_id_norm TEXT,
  phone            TEXT,
  name_norm        TEXT NOT NULL,
  commune          TEXT NOT NULL,
  values_json      TEXT NOT NULL,          -- current answers of the roster questions
  version          INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX individuals_national_id ON individuals (national_id_norm) WHERE national_id_norm IS NOT NULL;
CREATE INDEX individuals_name ON individuals (commune, name_norm, sex, birth_year);

-- A member leaving is an end of membership, never a deletion.
CREATE TABLE memberships (
  id            INTEGER PRIMARY KEY,
  household_id  TEXT NOT NULL REFERENCES households (id),
  individual_id TEXT NOT NULL REFERENCES individuals (id),
  role          TEXT NOT NULL,
  relationship  TEXT,
  recipient     TEXT,
  respondent    INTEGER NOT NULL DEFAULT 0,
  position      INTEGER NOT NULL DEFAULT 0,
  started_at    TEXT NOT NULL,
  started_by    TEXT NOT NULL,             -- submission id
  ended_at      TEXT,
  ended_by      TEXT
) STRICT;
-- No individual in two active households.
CREATE UNIQUE INDEX memberships_one_active ON memberships (individual_id) WHERE ended_at IS NULL;
CREATE INDEX memberships_household ON memberships (household_id, ended_at);

CREATE TABLE registry_history (
  id            INTEGER PRIMARY KEY,
  household_id  TEXT NOT NULL,
  household_version INTEGER NOT NULL,      -- the household version this change produced
  entity        TEXT NOT NULL CHECK (entity IN ('household', 'individual', 'membership')),
  entity_id     TEXT NOT NULL,
  field         TEXT NOT NULL,
  old_value     TEXT,                      -- JSON
  new_value     TEXT,                      -- JSON
  submission_id TEXT NOT NULL,
  approved_by   TEXT NOT NULL,
  at            TEXT NOT NULL
) STRICT;
CREATE INDEX registry_history_household ON registry_history (household_id, id);
CREATE INDEX registry_history_entity ON registry_history (entity_id, id);
CREATE TRIGGER registry_history_no_update BEFORE UPDATE ON registry_history
  BEGIN SELECT RAISE(ABORT, 'registry_history is append-only'); END;
CREATE TRIGGER registry_history_no_delete BEFORE DELETE ON registry_history
  BEGIN SELECT RAISE(ABORT, 'registry_history is append-only'); END;

CREATE TABLE household_code_counters (
  year     INTEGER NOT NULL,
  province TEXT NOT NULL,
  last     INTEGER NOT NULL,
  PRIMARY KEY (year, province)
) STRICT;

-- "Same person" decisions: the newer id is an alias of the kept (oldest) individual.
CREATE TABLE individual_aliases (
  alias_id      TEXT PRIMARY KEY,
  individual_id TEXT NOT NULL REFERENCES individuals (id),
  submission_id TEXT NOT NULL,
  decided_by    TEXT NOT NULL,
  at            TEXT NOT NULL
) STRICT;

-- Every review decision, in order (the submission carries the latest in `review`).
CREATE TABLE reviews (
  id               INTEGER PRIMARY KEY,
  submission_id    TEXT NOT NULL,
  submission_rev   INTEGER NOT NULL,
  decision         TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'return')),
  reason           TEXT,
  comment          TEXT,
  reviewer_id      TEXT NOT NULL,
  registry_version INTEGER,
  at               TEXT NOT NULL
) STRICT;
CREATE INDEX reviews_submission ON reviews (submission_id, id);
CREATE INDEX reviews_reviewer ON reviews (reviewer_id, at);

-- People and households of submissions waiting for review, so duplicates are caught before approval.
CREATE TABLE pending_people (
  submission_id    TEXT NOT NULL,
  member_index     INTEGER NOT NULL,
  name_norm        TEXT NOT NULL,
  commune          TEXT NOT NULL,
  sex              TEXT,
  birth_year       INTEGER,
  national_id_norm TEXT,
  PRIMARY KEY (submission_id, member_index)
) STRICT;
CREATE INDEX pending_people_name ON pending_people (commune, name_norm, sex, birth_year);
CREATE INDEX pending_people_national_id ON pending_people (national_id_norm) WHERE national_id_norm IS NOT NULL;

CREATE TABLE pending_households (
  submission_id  TEXT PRIMARY KEY,
  area           TEXT NOT NULL,
  head_name_norm TEXT NOT NULL,
  size           INTEGER NOT NULL
) STRICT;
CREATE INDEX pending_households_duplicates ON pending_households (area, head_name_norm, size);

-- Duplicate candidates found at push time (never merged automatically).
-- member_index NULL: the household itself. candidate_kind: a registry individual or household, or a
-- member/household of another submission still waiting ('pending_person' "<submission>#<index>", 'pending_household').
CREATE TABLE duplicate_candidates (
  id             INTEGER PRIMARY KEY,
  submission_id  TEXT NOT NULL,
  member_index   INTEGER,
  rule           TEXT NOT NULL CHECK (rule IN ('national_id', 'name', 'household')),
  candidate_kind TEXT NOT NULL CHECK (candidate_kind IN ('individual', 'household', 'pending_person', 'pending_household')),
  candidate_id   TEXT NOT NULL,
  decision       TEXT CHECK (decision IN ('same', 'different')),
  decided_by     TEXT,
  decided_at     TEXT
) STRICT;
CREATE UNIQUE INDEX duplicate_candidates_unique ON duplicate_candidates (submission_id, coalesce(member_index, -1), candidate_id);
CREATE INDEX duplicate_candidates_open ON duplicate_candidates (submission_id) WHERE decision IS NULL;

-- "Different" is remembered: the same identity is not asked about the same candidate again.
CREATE TABLE duplicate_dismissals (
  identity     TEXT NOT NULL,
  candidate_id TEXT NOT NULL,
  decided_by   TEXT NOT NULL,
  at           TEXT NOT NULL,
  PRIMARY KEY (identity, candidate_id)
) STRICT;

-- The review queue: records by status, oldest first (keyset pagination on received_at, id).
CREATE INDEX submissions_status_received ON submissions (status, received_at, id);
