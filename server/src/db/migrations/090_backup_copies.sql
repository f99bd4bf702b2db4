-- Off-machine backup copies (BACKUP_COPY_DIR, BACKUP_COPY_COMMAND): one row per attempt to copy a backup to one
-- target, so the administration screen and the health check can tell when the last good copy left the machine.
CREATE TABLE backup_copies (
  id          INTEGER PRIMARY KEY,
  backup      TEXT NOT NULL,                        -- the backup's file name, e.g. kusanya-20261206-101500.sqlite
  target      TEXT NOT NULL,                        -- 'folder' or 'command'
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
  bytes       INTEGER,
  message     TEXT NOT NULL
) STRICT;
CREATE INDEX backup_copies_latest ON backup_copies (target, outcome, finished_at);
