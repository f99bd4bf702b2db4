/**
 * Pull pages: how many documents each collection asks for at a time, and a collection's first page asked for ahead
 * of the sync engine (the forms, while the database of a first login opens).
 */
import type { FormDoc } from '@kusanya/schemas';
import { APP_VERSION_HEADER, type SyncCollection } from '@kusanya/shared/sync/protocol';
import { apiFetch } from '../api/http.js';
import { APP_VERSION } from '../app/version.js';
import type { PulledPage } from './paged-pull.js';
import { WireMeter } from './transfer-sizes.js';

/**
 * Pull page sizes. Households: pages of 250 (about 850 KB of JSON, parsed in one go on the main thread — a page of
 * 1,000 takes over 150 ms on a cheap tablet); the next page downloads while one is stored, so the round trips add
 * little. Submissions come back after review; forms are few and large.
 */
export const PULL_BATCH: Record<SyncCollection, number> = { households: 250, submissions: 500, forms: 50 };
/** A page as fetched: its headers still to be read (the documents remaining after it). */
export type FetchedPage<T> = Omit<PulledPage<T>, 'remaining'> & { headers: Headers };

/**
 * The forms a new database needs for its capture buttons, asked for as soon as the user is known — while the
 * database opens — rather than once sync has started. Handed to the sync engine as `firstForms`.
 */
export function prefetchForms(token: string): Promise<FetchedPage<FormDoc>> {
  const path = `/api/sync/forms/pull?seq=0&limit=${PULL_BATCH.forms}`;
  const since = performance.now();
  const page = apiFetch<{ documents: FormDoc[]; checkpoint: { seq: number } }>(path, {
    token,
    headers: { [APP_VERSION_HEADER]: APP_VERSION },
  }).then(({ body, headers }) => ({ ...body, headers, bytes: new WireMeter().responseBytes(path, since) }));
  page.catch(() => undefined); // the engine asks again if this failed
  return page;
}
