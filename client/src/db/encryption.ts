/**
 * On-device encryption at rest of personal fields (RxDB's crypto-js encryption plugin, AES).
 *
 * The encrypted database is a separate RxDB database (`kusanya-<user>-enc`) opened with the user's database
 * key (see auth/keyring.ts); a database created by an earlier version without encryption is copied into it
 * once and then removed (`adoptPlainDatabase`). Encrypted fields cannot be queried or indexed: only answers,
 * GPS, household values and members are, never the status, dates or ids the app queries.
 */
import type { RxJsonSchema, RxStorage } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';

/** Personal fields per collection (a path with "." is a nested property). */
export const ENCRYPTED_FIELDS = {
  submissions: ['data', 'meta.gps'],
  drafts: ['data'],
  /** For the households collection (the registry slice a device pulls for revisits). */
  households: ['values', 'members'],
} as const;

/** The encrypted database of a user; `plainName` is the unencrypted one of earlier versions. */
export const encryptedDatabaseName = (plainName: string) => `${plainName}-enc`;

/** Wraps a storage so that fields listed in a schema's `encrypted` are stored encrypted. */
export function encryptingStorage<I, O>(storage: RxStorage<I, O>): RxStorage<I, O> {
  return wrappedKeyEncryptionCryptoJsStorage({ storage });
}

type SchemaNode = { type?: unknown; properties?: Record<string, SchemaNode> };

/**
 * The same collection schema with `fields` encrypted. Nested paths need their parent objects declared in
 * the schema (RxDB replaces the encrypted property's schema by a string), so they are declared here.
 */
export function withEncryptedFields<T>(schema: RxJsonSchema<T>, fields: readonly string[]): RxJsonSchema<T> {
  const copy = structuredClone(schema) as RxJsonSchema<T> & { properties: Record<string, SchemaNode> };
  for (const path of fields) {
    const parts = path.split('.');
    let node: SchemaNode = copy as SchemaNode;
    for (const part of parts.slice(0, -1)) {
      node.properties ??= {};
      node = node.properties[part] ??= { type: 'object' };
    }
    node.properties ??= {};
    node.properties[parts.at(-1)!] ??= { type: 'object' };
  }
  return { ...copy, encrypted: [...fields] };
}
