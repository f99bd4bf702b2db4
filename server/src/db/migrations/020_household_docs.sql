-- The device projection of the registry (DESIGN.md §3 `households` collection): one HouseholdDoc per
-- household, with its current members, as enumerators pull it for revisits. The registry tables themselves
-- come later; whoever changes a household (approval, reconciliation) rewrites its document here through
-- householdDocsRepository.upsert, which gives it the next seq in commit order.
CREATE TABLE household_docs (
  id         TEXT PRIMARY KEY,
  area       TEXT NOT NULL,
  seq        INTEGER NOT NULL UNIQUE,
  version    INTEGER NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  doc        TEXT NOT NULL
) STRICT;
-- Pulls are "collines of this user, after seq": one index range per colline.
CREATE INDEX household_docs_area_seq ON household_docs (area, seq);
