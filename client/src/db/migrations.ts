/**
 * Migration strategies of the local collections (RxDB migration-schema plugin). Every change to a collection
 * schema in `collections.ts` bumps its `version` and adds the strategy turning a document of the previous
 * version into one of the new; `migrations.test.ts` opens data written with the previous schemas
 * (kept in `schema-history/`) with the current ones.
 */
import type { Draft } from '@kusanya/schemas';
import type { MigrationStrategies } from 'rxdb';

/** A draft as version 0 stored it (no `submissionId`; only "new" and "correction" drafts existed). */
type DraftV0 = Omit<Draft, 'submissionId' | 'conflict'>;

export const draftMigrations: MigrationStrategies = {
  /** 0 → 1: a draft's record is the draft's own id (true of both kinds version 0 had). */
  1: (old: DraftV0): Draft => ({ ...old, submissionId: old.id }),
};
