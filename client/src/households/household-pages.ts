/**
 * A stored page of registry households (db/collections.ts `householdPages`): up to PAGE_SIZE households of one
 * colline, sealed with the user's database key in two parts — the list entries (what the households list shows)
 * and the households themselves, each deflated then encrypted (crypto/record-cipher.ts). The list opens only the
 * first; a revisit opens the second of one page.
 */
import type { HouseholdDoc } from '@kusanya/schemas';
import type { RecordCipher } from '../crypto/record-cipher.js';
import type { HouseholdIndexEntry, HouseholdPage, Local } from '../db/collections.js';
import { indexEntry } from './household-index.js';

/** Households per page: about 30 KB stored, opened in a few milliseconds for a revisit. */
export const PAGE_SIZE = 100;

/** A page in clear, as the store works on it. */
export interface OpenPage {
  id: string;
  area: string;
  households: Map<string, Local<HouseholdDoc>>;
}

const aad = (id: string, part: 'entries' | 'households') => `householdPages/${id}/${part}`;

export async function sealPage(cipher: RecordCipher, page: OpenPage): Promise<HouseholdPage> {
  const households = [...page.households.values()];
  const [entries, sealed] = await Promise.all([
    cipher.seal(households.map(indexEntry), aad(page.id, 'entries'), { compress: true }),
    cipher.seal(households, aad(page.id, 'households'), { compress: true }),
  ]);
  return { id: page.id, area: page.area, count: households.length, entries, households: sealed };
}

/** The list entries of each page (one decryption per page). */
export function openEntries(cipher: RecordCipher, pages: readonly HouseholdPage[]): Promise<HouseholdIndexEntry[][]> {
  return Promise.all(
    pages.map((page) => cipher.open(page.entries, aad(page.id, 'entries')) as Promise<HouseholdIndexEntry[]>),
  );
}

export async function openPage(cipher: RecordCipher, page: HouseholdPage): Promise<OpenPage> {
  const households = (await cipher.open(page.households, aad(page.id, 'households'))) as Local<HouseholdDoc>[];
  return { id: page.id, area: page.area, households: new Map(households.map((h) => [h.id, h])) };
}
