-- Issue 16: a location carries the codes other systems give it, imported with the hierarchy.
-- KoboToolbox's colline code is 7 digits PPCCZCC (leading zeros may be dropped); openIMIS's is 6 digits
-- (the zone digit dropped). kobo_key is the Kobo code left-padded to 7 digits, so "301101" and "0301101" meet.
ALTER TABLE locations ADD COLUMN kobo_code TEXT;
ALTER TABLE locations ADD COLUMN kobo_key TEXT;
ALTER TABLE locations ADD COLUMN openimis_code TEXT;
CREATE UNIQUE INDEX locations_kobo_key ON locations (kobo_key) WHERE kobo_key IS NOT NULL;
CREATE UNIQUE INDEX locations_openimis_code ON locations (openimis_code) WHERE openimis_code IS NOT NULL;
