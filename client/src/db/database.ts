import type { Draft, FormDoc, HouseholdDoc, Submission } from '@kusanya/schemas';
import { resolveSubmissionConflict, sameSubmission } from '@kusanya/shared/sync/conflict';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxConflictHandler, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  draftCollectionSchema,
  formCollectionSchema,
  householdCollectionSchema,
  submissionCollectionSchema,
  type Local,
} from './collections.js';
import { draftMigrations } from './migrations.js';

addRxPlugin(RxDBMigrationSchemaPlugin);

export type KusanyaCollections = {
  submissions: RxCollection<Local<Submission>>;
  drafts: RxCollection<Draft>;
  forms: RxCollection<Local<FormDoc>>;
  households: RxCollection<Local<HouseholdDoc>>;
};
export type KusanyaDatabase = RxDatabase<KusanyaCollections>;

/** Called when a conflict resolved in the server's favour: the device's version (`local`) was not applied. */
export type ConflictListener = (local: Submission, resolved: Submission) => void;

function submissionConflictHandler(onLostEdit: ConflictListener): RxConflictHandler<Local<Submission>> {
  return {
    isEqual: (a, b) => sameSubmission(a, b),
    resolve: async (input) => {
      const { doc, deviceEditKept } = resolveSubmissionConflict(input);
      if (!deviceEditKept) onLostEdit(input.newDocumentState, doc);
      return doc;
    },
  };
}

/** RxDB database names allow lower-case letters, digits, "-" and "_". */
export const databaseName = (userId: string) => `kusanya-${userId.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;

/**
 * Opens (or creates) one user's local database on IndexedDB through Dexie, migrating documents written by
 * earlier versions of the app (see migrations.ts).
 */
export async function openUserDatabase(
  userId: string,
  options: { storage?: RxStorage<unknown, unknown>; onConflict?: ConflictListener } = {},
): Promise<KusanyaDatabase> {
  const db = await createRxDatabase<KusanyaCollections>({
    name: databaseName(userId),
    storage: options.storage ?? getRxStorageDexie(),
    multiInstance: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    submissions: {
      schema: submissionCollectionSchema,
      conflictHandler: submissionConflictHandler(options.onConflict ?? (() => undefined)),
    },
    drafts: { schema: draftCollectionSchema, migrationStrategies: draftMigrations },
    forms: { schema: formCollectionSchema },
    households: { schema: householdCollectionSchema },
  });
  return db;
}
