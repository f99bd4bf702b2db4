import type { DeviceMedia, Draft, FormDoc, HouseholdDoc, Submission } from '@kusanya/schemas';
import { resolveSubmissionConflict, sameSubmission } from '@kusanya/shared/sync/conflict';
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxConflictHandler,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  draftCollectionSchema,
  formCollectionSchema,
  householdCollectionSchema,
  mediaCollectionSchema,
  submissionCollectionSchema,
  type Local,
} from './collections.js';
import { encryptedDatabaseName, encryptingStorage, ENCRYPTED_FIELDS, withEncryptedFields } from './encryption.js';
import { draftMigrations } from './migrations.js';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBAttachmentsPlugin);

export type KusanyaCollections = {
  submissions: RxCollection<Local<Submission>>;
  drafts: RxCollection<Draft>;
  forms: RxCollection<Local<FormDoc>>;
  households: RxCollection<Local<HouseholdDoc>>;
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

/** RxDB database names allow lower-case letters, digits, "-" and "_". */
export const databaseName = (userId: string) => `kusanya-${userId.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;

export interface OpenOptions {
  storage?: RxStorage<unknown, unknown>;
  onConflict?: ConflictListener;
  /**
   * The user's database key (auth/keyring.ts): opens the encrypted database, whose personal fields are
   * stored encrypted. Without it, the unencrypted database of earlier versions (kept only to be adopted).
   */
  encryptionKey?: string;
}

/** The collections of a user's database, with personal fields encrypted or not. */
function collections(onConflict: ConflictListener, encrypted: boolean) {
  const protect = <T>(schema: RxJsonSchema<T>, fields: readonly string[]) =>
    encrypted ? withEncryptedFields(schema, fields) : schema;
  return {
    submissions: {
      schema: protect(submissionCollectionSchema, ENCRYPTED_FIELDS.submissions),
      conflictHandler: submissionConflictHandler(onConflict),
    },
    drafts: { schema: protect(draftCollectionSchema, ENCRYPTED_FIELDS.drafts), migrationStrategies: draftMigrations },
    forms: { schema: formCollectionSchema },
    households: { schema: protect(householdCollectionSchema, ENCRYPTED_FIELDS.households) },
    // Media bytes are attachments, encrypted with the record's key (RxDB encrypts attachments the schema marks).
    media: {
      schema: encrypted ? { ...mediaCollectionSchema, attachments: { encrypted: true } } : mediaCollectionSchema,
    },
  };
}

/**
 * Opens (or creates) one user's local database on IndexedDB through Dexie, migrating documents written by
 * earlier versions of the app (see migrations.ts).
 */
export async function openUserDatabase(userId: string, options: OpenOptions = {}): Promise<KusanyaDatabase> {
  const encrypted = options.encryptionKey !== undefined;
  const base = options.storage ?? getRxStorageDexie();
  const db = await createRxDatabase<KusanyaCollections>({
    name: encrypted ? encryptedDatabaseName(databaseName(userId)) : databaseName(userId),
    storage: encrypted ? encryptingStorage(base) : base,
    ...(encrypted ? { password: options.encryptionKey } : {}),
    multiInstance: true,
    closeDuplicates: true,
  });
  try {
    await db.addCollections(collections(options.onConflict ?? (() => undefined), encrypted));
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
