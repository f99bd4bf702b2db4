import type { Submission } from '@kusanya/schemas';
import { canonicalJson } from '@kusanya/shared/sync/protocol';
import { createHash } from 'node:crypto';

/** A document's canonical JSON (stored as is) and its SHA-256, which identifies a version's content. */
export interface Serialised {
  json: string;
  hash: string;
}

/**
 * The one rule for a version's identity, whoever writes it (a device's push, intake, a review decision): the
 * SHA-256 of the document's canonical JSON. A replayed push is recognised by it (DESIGN.md §3 rule 1).
 */
export function serialise(doc: Submission): Serialised {
  const json = canonicalJson(doc);
  return { json, hash: createHash('sha256').update(json).digest('hex') };
}
