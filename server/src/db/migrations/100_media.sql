-- Media of records (photos, signatures, recordings, files), issue 15. The bytes live under DATA_DIR/media/blobs,
-- named by their SHA-256 (content-addressed: a file sent twice or used by two records is stored once); these
-- tables say which blobs have arrived and which records reference which blobs.

-- One row per blob that arrived whole and matched its hash (written after the file is durably in place).
CREATE TABLE media_blobs (
  sha256      TEXT PRIMARY KEY,
  size        INTEGER NOT NULL,
  served_as   TEXT NOT NULL,          -- the type its bytes show (image/jpeg…), application/octet-stream otherwise
  received_at TEXT NOT NULL,
  received_by TEXT                    -- the user whose upload brought it (null: an import or a restore)
) STRICT, WITHOUT ROWID;

-- The media each record's current version references (replaced on every accepted write of the record).
CREATE TABLE submission_media (
  submission_id TEXT NOT NULL,
  name          TEXT NOT NULL,        -- the file name the device gave; unique in the record
  field         TEXT NOT NULL,        -- where the answers reference it: photo, members[1].id_card
  type          TEXT NOT NULL,        -- the type the device declared
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  position      INTEGER NOT NULL,     -- order in the answers (how review lists them)
  PRIMARY KEY (submission_id, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX submission_media_blob ON submission_media (sha256);
