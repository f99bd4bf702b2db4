-- Rescue path: every import of a device export file (records carried on a USB stick), with its report.
-- Importing the same file again is harmless (the push logic is idempotent) and is recorded again.
CREATE TABLE device_imports (
  id           TEXT PRIMARY KEY,
  checksum     TEXT NOT NULL,
  user_id      TEXT NOT NULL REFERENCES users (id),
  device_id    TEXT NOT NULL,
  exported_at  TEXT NOT NULL,
  imported_by  TEXT NOT NULL,
  imported_at  TEXT NOT NULL,
  records      INTEGER NOT NULL,
  report       TEXT NOT NULL
) STRICT;
CREATE INDEX device_imports_user ON device_imports (user_id, imported_at);
