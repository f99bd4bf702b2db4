-- Issue 16: tokens for other systems (the MIS), not people. Read-only, limited to Kobo assets and optionally
-- areas, revocable. Only the SHA-256 of a token is stored; the token is shown once when it is created.
CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  token_hash   TEXT NOT NULL UNIQUE,
  prefix       TEXT NOT NULL,
  assets       TEXT NOT NULL,              -- JSON array of Kobo asset uids
  areas        TEXT,                       -- JSON array of location codes, NULL = every area
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  revoked_at   TEXT,
  revoked_by   TEXT,
  last_used_at TEXT
) STRICT;
