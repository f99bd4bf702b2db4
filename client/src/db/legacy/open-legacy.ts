/**
 * Opens a database written by an earlier release, as that release wrote it, only to copy its documents into the
 * current database (migrate-legacy.ts): the unencrypted database of the first release, or the one whose personal
 * fields RxDB's crypto-js plugin encrypted. crypto-js is loaded only when such a database is on the tablet.
 */
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { withEncryptedFields } from '../encryption.js';
import { draftMigrations } from '../migrations.js';
import { draftsV1, ENCRYPTED_FIELDS_V1, formsV1, householdsV1, submissionsV1 } from '../schema-history/v1.js';

addRxPlugin(RxDBMigrationSchemaPlugin);

export type LegacyDoc = Record<string, unknown> & { id: string };

export type LegacyCollections = {
  submissions: RxCollection<LegacyDoc>;
  drafts: RxCollection<LegacyDoc>;
  forms: RxCollection<LegacyDoc>;
  households: RxCollection<LegacyDoc>;
};
export type LegacyDatabase = RxDatabase<LegacyCollections>;

/** Opens `name` on `storage`; with `key`, as the crypto-js release encrypted it. */
export async function openLegacyDatabase(
  name: string,
  storage: RxStorage<unknown, unknown>,
  key?: string,
): Promise<LegacyDatabase> {
  const protect = (schema: RxJsonSchema<LegacyDoc>, fields: readonly string[]) =>
    key ? withEncryptedFields(schema, fields) : schema;
  const wrapped = key
    ? (await import('rxdb/plugins/encryption-crypto-js')).wrappedKeyEncryptionCryptoJsStorage({ storage })
    : storage;
  const db = await createRxDatabase<LegacyCollections>({
    name,
    storage: wrapped,
    ...(key ? { password: key } : {}),
    multiInstance: false,
    closeDuplicates: true,
  });
  try {
    await db.addCollections({
      submissions: { schema: protect(submissionsV1 as RxJsonSchema<LegacyDoc>, ENCRYPTED_FIELDS_V1.submissions) },
      drafts: {
        schema: protect(draftsV1 as RxJsonSchema<LegacyDoc>, ENCRYPTED_FIELDS_V1.drafts),
        migrationStrategies: draftMigrations,
      },
      forms: { schema: formsV1 as RxJsonSchema<LegacyDoc> },
      households: { schema: protect(householdsV1 as RxJsonSchema<LegacyDoc>, ENCRYPTED_FIELDS_V1.households) },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
