import type { RegistryHit, RegistrySearchQuery, RegistrySearchResponse, User } from '@kusanya/schemas';
import { buildSearchMatch, SEARCH_TIERS, withinPlaces } from '../../domain/registry/search-query.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { RegistrySearchRepository, SearchHit } from '../../repositories/registry-search.js';
import type { LocationDirectory } from './location-directory.js';
import { areasOf } from '../../domain/read-policy.js';
import { effectiveAreas, knownArea } from './scope.js';

export interface RegistrySearchDeps {
  search: RegistrySearchRepository;
  locations: () => LocationTree;
  directory: () => LocationDirectory;
}

/** Roles that read the registry: HQ everywhere, supervisors in their area (DESIGN.md §5). */
export const REGISTRY_READERS = ['hq', 'supervisor'] as const;

const COUNT_CAP = 1000;
const BROWSE = SEARCH_TIERS.length;

function encodeCursor(tier: number, docId: number): string {
  return Buffer.from(`${tier}:${docId}`).toString('base64url');
}
function decodeCursor(cursor: string | undefined): { tier: number; docId: number } {
  if (!cursor) return { tier: 0, docId: 0 };
  const match = /^([0-4]):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new AppError('bad-request', 'Invalid cursor.');
  return { tier: Number(match[1]), docId: Number(match[2]) };
}

/**
 * Registry search (DESIGN.md §1 HQ): by name, national ID, phone or household code, ignoring case and
 * accents, best matches first (exact identifier, whole words, then beginnings of words), within the
 * user's area and the chosen location and status. Without text, lists the households of the filters.
 * Keyset pagination: the cursor is the tier and the index row of the last line shown.
 */
export function searchRegistry(
  deps: RegistrySearchDeps,
  user: User,
  query: RegistrySearchQuery,
): RegistrySearchResponse {
  const tree = deps.locations();
  const areas = effectiveAreas(tree, areasOf(tree, user), knownArea(tree, query.area));
  const limit = query.limit ?? 25;
  if (areas !== null && areas.length === 0) return { items: [], total: 0, totalCapped: false, nextCursor: null };
  // The index knows communes and collines: a province is the OR of its communes, a zone of its collines.
  const places =
    areas === null
      ? null
      : areas.flatMap((a) => {
          const level = tree.level(a);
          return level === 'province'
            ? tree.within([a], 'commune')
            : level === 'zone'
              ? tree.within([a], 'colline')
              : [a];
        });
  if (places !== null && places.length === 0) return { items: [], total: 0, totalCapped: false, nextCursor: null };
  const scoped = (match: string) => (places === null ? match : withinPlaces(match, places));
  const status = query.status ?? 'any';
  const text = query.q?.trim() ?? '';

  let tiers: (string | null)[];
  if (text === '') {
    tiers = [...SEARCH_TIERS.map(() => null), scoped('kind : household')];
  } else {
    const match = buildSearchMatch(text);
    if (!match) throw new AppError('bad-request', 'Type at least two letters or digits.');
    tiers = match.tiers.map((t) => (t === null ? null : scoped(t)));
  }

  const cursor = decodeCursor(query.cursor);
  const found: { tier: number; hit: SearchHit }[] = [];
  for (let tier = cursor.tier; tier < tiers.length && found.length <= limit; tier += 1) {
    const match = tiers[tier];
    if (!match) continue;
    const after = tier === cursor.tier ? cursor.docId : 0;
    for (const hit of deps.search.hits(match, after, limit + 1 - found.length, status)) found.push({ tier, hit });
  }
  const page = found.slice(0, limit);
  const last = page.at(-1);

  let total: number | null = null;
  let totalCapped = false;
  if (!query.cursor) {
    const union = tiers
      .filter((t): t is string => t !== null)
      .map((t) => `(${t})`)
      .join(' OR ');
    total = deps.search.countUpTo(union, COUNT_CAP + 1, status);
    totalCapped = total > COUNT_CAP;
    if (totalCapped) total = COUNT_CAP;
  }

  const directory = deps.directory();
  const items = page.map(({ tier, hit }): RegistryHit => {
    const household = hit.householdId ? deps.search.household(hit.householdId) : null;
    const person = hit.kind === 'individual' ? deps.search.person(hit.entityId, hit.householdId) : null;
    return {
      tier: tier === BROWSE ? 'browse' : SEARCH_TIERS[tier]!,
      kind: hit.kind,
      household: household
        ? {
            ...household,
            areaName: directory.name(household.area),
            communeName: directory.name(household.commune),
            provinceName: directory.name(household.province),
          }
        : null,
      person,
    };
  });
  return {
    items,
    total,
    totalCapped,
    nextCursor: found.length > limit && last ? encodeCursor(last.tier, last.hit.docId) : null,
  };
}
