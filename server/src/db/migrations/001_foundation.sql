-- Locations: country > province > commune > zone > colline. The hierarchy is data (imported from CSV).
CREATE TABLE locations (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('country', 'province', 'commune', 'zone', 'colline')),
  parent_code TEXT REFERENCES locations (code),
  scheme      TEXT NOT NULL,
  valid_from  TEXT,
  valid_to    TEXT,
  is_sample   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX locations_parent ON locations (parent_code);

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('enumerator', 'supervisor', 'grievance_officer', 'hq', 'admin')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE user_areas (
  user_id   TEXT NOT NULL REFERENCES users (id),
  area_code TEXT NOT NULL REFERENCES locations (code),
  PRIMARY KEY (user_id, area_code)
) STRICT;

-- Bearer tokens are stored as SHA-256 hashes only.
CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  user_id      TEXT NOT NULL REFERENCES users (id),
  device_id    TEXT,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT,
  last_seen_at TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

-- Published form versions (immutable once published); seq orders them for device pulls.
CREATE TABLE forms (
  form_id      TEXT NOT NULL,
  version      TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('published', 'retired')),
  definition   TEXT NOT NULL,
  published_at TEXT NOT NULL,
  seq          INTEGER NOT NULL UNIQUE,
  PRIMARY KEY (form_id, version)
) STRICT;

-- Current state of each submission (the master state of the sync protocol).
CREATE TABLE submissions (
  id            TEXT PRIMARY KEY,
  seq           INTEGER NOT NULL UNIQUE,
  form_id       TEXT NOT NULL,
  form_version  TEXT NOT NULL,
  enumerator_id TEXT NOT NULL,
  area          TEXT NOT NULL,
  status        TEXT NOT NULL,
  rev           INTEGER NOT NULL,
  deleted       INTEGER NOT NULL DEFAULT 0,
  received_at   TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  doc           TEXT NOT NULL
) STRICT;
CREATE INDEX submissions_enumerator_seq ON submissions (enumerator_id, seq);
CREATE INDEX submissions_area_seq ON submissions (area, seq);

-- Every version ever received from a device or written by the server, kept forever.
-- accepted = 0 for a device write refused as a conflict (kept so that no edit is ever lost).
CREATE TABLE submission_versions (
  id            INTEGER PRIMARY KEY,
  submission_id TEXT NOT NULL,
  rev           INTEGER NOT NULL,
  source        TEXT NOT NULL CHECK (source IN ('device', 'server')),
  accepted      INTEGER NOT NULL,
  content_hash  TEXT NOT NULL,
  user_id       TEXT,
  device_id     TEXT,
  received_at   TEXT NOT NULL,
  doc           TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX submission_versions_content ON submission_versions (submission_id, content_hash);

-- Bumped whenever locations change, so every process can refresh its scope cache.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('locations_version', '0');
