/**
 * On-device encryption at rest of personal fields: which fields, per collection. The storage layer that seals
 * them is sealed-storage.ts (WebCrypto AES-GCM with the user's database key, auth/keyring.ts). Registry households
 * are sealed page by page by their store (households/household-pages.ts), with the same cipher and key.
 *
 * Encrypted fields cannot be queried or indexed: only answers and GPS are, never the status, dates or ids the
 * app queries.
 */
import type { RxJsonSchema } from 'rxdb';

/** Personal fields per collection (a path with "." is a nested property). */
export const ENCRYPTED_FIELDS = {
  submissions: ['data', 'meta.gps'],
  drafts: ['data'],
} as const;

type SchemaNode = { type?: unknown; properties?: Record<string, SchemaNode> };

/**
 * The same collection schema with `fields` encrypted. Nested paths need their parent objects declared in
 * the schema, so they are declared here.
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
