-- Issue 16: files of a Kobo record (from Kobo's media ZIP) that no Kusanya question takes, e.g. a photo question
-- of the Kobo form the Kusanya form does not ask. They are stored like every medium (DATA_DIR/media/blobs) and the
-- record references them from here (JSON: [{field, ref: {name, type, size, sha256}}]), so nothing is left behind.
ALTER TABLE kobo_records ADD COLUMN media TEXT NOT NULL DEFAULT '[]';
