import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';

/** A location filter given by a user: it must exist. */
export function knownArea(tree: LocationTree, code: string | undefined): string | null {
  if (!code) return null;
  if (!tree.has(code)) throw new AppError('bad-request', `Unknown location code ${code}.`);
  return code;
}

/**
 * The areas a query covers: the filter within the user's scope. null means the whole country; an empty
 * list means nothing (a filter outside the user's areas).
 */
export function effectiveAreas(
  tree: LocationTree,
  scope: readonly string[] | null,
  filter: string | null,
): string[] | null {
  if (filter === null) return scope === null ? null : [...scope];
  if (tree.level(filter) === 'country') return scope === null ? null : [...scope];
  if (scope === null || tree.isWithin(filter, scope)) return [filter];
  return scope.filter((a) => tree.isWithin(a, [filter]));
}

/** Areas as the columns registry and ticket tables carry: province, commune, colline (zones become collines). */
export interface AreaSet {
  provinces: string[];
  communes: string[];
  collines: string[];
}

export function areaSet(tree: LocationTree, areas: readonly string[] | null): AreaSet | null {
  if (areas === null) return null;
  const set: AreaSet = { provinces: [], communes: [], collines: [] };
  for (const code of areas) {
    const level = tree.level(code);
    if (level === 'country') return null;
    if (level === 'province') set.provinces.push(code);
    else if (level === 'commune') set.communes.push(code);
    else if (level === 'colline') set.collines.push(code);
    else if (level === 'zone') set.collines.push(...tree.within([code], 'colline'));
  }
  return set;
}
