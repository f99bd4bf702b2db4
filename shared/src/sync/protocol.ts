/**
 * The sync protocol of DESIGN.md §3, in one place for device and server.
 * Bump SYNC_FORMAT_VERSION when the wire format changes in a way old peers cannot read.
 */
import type { Submission } from '@kusanya/schemas';

export const SYNC_FORMAT_VERSION = 1;

/** Collections a device replicates, and what it may do with each. */
export const SYNC_COLLECTIONS = {
  submissions: { push: true, pull: true },
  forms: { push: false, pull: true },
  households: { push: false, pull: true },
} as const;
export type SyncCollection = keyof typeof SYNC_COLLECTIONS;

// The protocol's limits and headers are part of the API contract (schemas/src/contract/limits.ts).
export {
  APP_VERSION_HEADER,
  PULL_DEFAULT_LIMIT,
  PULL_MAX_BYTES,
  PULL_MAX_LIMIT,
  PUSH_MAX_BYTES,
  PUSH_MAX_ROWS,
  QUEUE_HEADER,
  REMAINING_HEADER,
} from '@kusanya/schemas/contract/limits';

/** Fields only the server may change (rule 4). */
export const SERVER_OWNED_FIELDS = ['status', 'review', 'errors'] as const;

/** Statuses from which a device may resubmit its corrected record as "submitted". */
export const RESUBMITTABLE_STATUSES: ReadonlySet<Submission['status']> = new Set(['needs_correction', 'returned']);

/**
 * Statuses from which a device may delete its record (withdrawing it from review). A decided record (approved,
 * rejected) belongs to the registry and the review history: deleting it is refused.
 */
export const DELETABLE_STATUSES: ReadonlySet<Submission['status']> = new Set([
  'needs_correction',
  'returned',
  'pending_review',
]);

/** JSON.stringify replacer that lists every object's keys in sorted order (arrays keep their order). */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! <= keys[i]!;
  if (sorted) return value;
  keys.sort();
  const copy = Object.create(null) as Record<string, unknown>; // no prototype: a "__proto__" key stays a key
  for (const key of keys) copy[key] = (value as Record<string, unknown>)[key];
  return copy;
}

/** True when every object in `value` already lists its keys in sorted order (e.g. it was parsed from canonical JSON). */
function keysSorted(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(keysSorted);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  let previous: string | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (previous !== undefined && previous > key) return false;
    previous = key;
    if (!keysSorted((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * Canonical JSON (sorted keys, undefined values left out) so equal documents compare and hash equal whatever
 * their key order. It is valid JSON: the server stores it as is. Documents that arrive already canonical (the app
 * sends them so) take the fast path of a plain JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  return (keysSorted(value) ? JSON.stringify(value) : JSON.stringify(value, sortedKeys)) ?? 'null';
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Why a device's write touches server-owned fields, or null when it does not.
 * `master` is the server's current document (null for a new record).
 */
export function serverOwnedViolation(master: Submission | null, next: Submission): string | null {
  if (!sameJson(next.review, master?.review ?? null)) return 'review is set by reviewers only';
  if (!sameJson(next.errors, master?.errors ?? [])) return 'errors are set by the server only';
  if (next._deleted && master && !master._deleted && !DELETABLE_STATUSES.has(master.status)) {
    return `a ${master.status.replace('_', ' ')} record cannot be deleted from a device`;
  }
  if (next.status === (master?.status ?? 'submitted')) return null;
  if (next.status === 'submitted' && master && RESUBMITTABLE_STATUSES.has(master.status)) return null;
  return `status "${next.status}" cannot be set by a device`;
}

/** True when two submissions carry the same answers and capture metadata (what the enumerator owns). */
export function sameDeviceContent(a: Submission, b: Submission): boolean {
  return sameJson(a.data, b.data) && sameJson(a.meta, b.meta) && a._deleted === b._deleted;
}
