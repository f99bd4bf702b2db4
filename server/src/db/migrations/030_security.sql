-- Security and data ownership (issue 7): devices seen by the server, login lockouts, device key escrow, audit log.

-- Every (device, user) pair that called a sync route: what an administrator needs to find a lost tablet or an
-- out-of-date app. device_id comes from the session (the login's deviceId); sessions without one are keyed
-- "session:<session id>".
CREATE TABLE devices (
  device_id     TEXT NOT NULL,
  user_id       TEXT NOT NULL REFERENCES users (id),
  first_seen_at TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  last_sync_at  TEXT,
  last_status   INTEGER,
  app_version   TEXT,
  queue         INTEGER,
  ip            TEXT,
  revoked_at    TEXT,
  PRIMARY KEY (device_id, user_id)
) STRICT;
CREATE INDEX devices_last_seen ON devices (last_seen_at);
CREATE INDEX sessions_device ON sessions (device_id);

-- Consecutive failed logins per username (any username, known or not, so a lockout reveals nothing).
CREATE TABLE login_lockouts (
  username_key    TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL,
  locked_until    TEXT
) STRICT;

-- A random key per (user, device) that the device uses to re-wrap its local database key when the user's
-- password changed (admin reset). Released only to an authenticated session of that user on that device.
CREATE TABLE device_keys (
  user_id    TEXT NOT NULL REFERENCES users (id),
  device_id  TEXT NOT NULL,
  key        TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, device_id)
) STRICT;

ALTER TABLE users ADD COLUMN password_changed_at TEXT;

-- Append-only audit log: every mutation (any non-GET /api request, whatever its outcome), every export, and
-- every CLI administration command.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  actor_id   TEXT,
  actor      TEXT,
  role       TEXT,
  action     TEXT NOT NULL,
  method     TEXT,
  route      TEXT,
  target     TEXT,
  status     INTEGER,
  outcome    TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  device_id  TEXT,
  ip         TEXT,
  request_id TEXT,
  details    TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
