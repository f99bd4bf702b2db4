import type { DeviceMedia, Draft, FormDoc, Submission } from '@kusanya/schemas';
import { resolveSubmissionConflict, sameSubmission } from '@kusanya/shared/sync/conflict';
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxConflictHandler,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  draftCollectionSchema,
  formCollectionSchema,
  householdPageCollectionSchema,
  mediaCollectionSchema,
  submissionCollectionSchema,
  type HouseholdPage,
  type Local,
} from './collections.js';
import { ENCRYPTED_FIELDS, withEncryptedFields } from './encryption.js';
import { draftMigrations } from './migrations.js';
import { databaseName } from './names.js';
import { sealedStorage } from './sealed-storage.js';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBAttachmentsPlugin);

export type KusanyaCollections = {
  submissions: RxCollection<Local<Submission>>;
  drafts: RxCollection<Draft>;
  forms: RxCollection<Local<FormDoc>>;
  householdPages: RxCollection<HouseholdPage>;
  media: RxCollection<DeviceMedia>;
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

export interface OpenOptions {
  /** The user's database key (auth/keyring.ts), 64 hex characters: personal fields are stored sealed with it. */
  key: string;
  storage?: RxStorage<unknown, unknown>;
  onConflict?: ConflictListener;
}

/** The collections of a user's database, personal fields encrypted. */
export function userCollections(onConflict: ConflictListener) {
  return {
    submissions: {
      schema: withEncryptedFields(submissionCollectionSchema, ENCRYPTED_FIELDS.submissions),
      conflictHandler: submissionConflictHandler(onConflict),
    },
    drafts: {
      schema: withEncryptedFields(draftCollectionSchema, ENCRYPTED_FIELDS.drafts),
      migrationStrategies: draftMigrations,
    },
    forms: { schema: formCollectionSchema },
    // Sealed by the household store itself (households/household-pages.ts), page by page.
    householdPages: { schema: householdPageCollectionSchema },
    // Photos and files (issue 15): their bytes are attachments sealed by media/device-media.ts with the same key.
    media: { schema: mediaCollectionSchema },
  };
}

/**
 * Opens (or creates) one user's local database on IndexedDB through Dexie, its personal fields sealed with the
 * user's key (a different key is refused with RxDB's error DB1, and nothing is deleted), migrating documents
 * written by earlier schema versions (see migrations.ts). Databases of earlier releases are brought over by
 * legacy/migrate-legacy.ts.
 */
export async function openUserDatabase(userId: string, options: OpenOptions): Promise<KusanyaDatabase> {
  const db = await createRxDatabase<KusanyaCollections>({
    name: databaseName(userId),
    storage: sealedStorage(options.storage ?? getRxStorageDexie()),
    password: options.key,
    // Local documents: the checkpoints of the pulls the app does itself (sync/paged-pull.ts).
    localDocuments: true,
    multiInstance: true,
    closeDuplicates: true,
  });
  try {
    await db.addCollections(userCollections(options.onConflict ?? (() => undefined)));
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
