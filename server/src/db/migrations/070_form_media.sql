-- Form media (issue 14): the files attached to form versions (CSV lists for select_one_from_file,
-- pulldata() and search(), XML/GeoJSON instances, label images and audio), content-addressed: a form
-- version's definition lists its files by name, type, size and SHA-256; the bytes are kept once here,
-- in the database, so backups, restores and the exit export carry them like everything else.
CREATE TABLE form_media (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  content    BLOB NOT NULL,
  size       INTEGER NOT NULL CHECK (size >= 0),
  created_at TEXT NOT NULL
) STRICT;
