import type { User } from '@kusanya/schemas';
import type { LocationTree } from './scope.js';

/**
 * Who manages users, devices and areas (DESIGN.md §5): an administrator, within their own areas only, or the shell
 * (`null`: the CLI and the seed, run by whoever holds the machine and its database file).
 */
export type Manager = Pick<User, 'areas'> | null;

/** The shell as a manager (CLI commands): unrestricted. */
export const SHELL: Manager = null;

/** Whether a place lies within what the manager manages. */
export function managesArea(tree: LocationTree, manager: Manager, code: string): boolean {
  return manager === null || tree.isWithin(code, manager.areas);
}

/**
 * Whether the manager manages this user: every one of the user's areas lies within the manager's areas. An
 * administrator of P05 never acts on someone who also works in P03 (nor on a national account).
 */
export function managesUser(tree: LocationTree, manager: Manager, user: Pick<User, 'areas'>): boolean {
  if (manager === null) return true;
  return user.areas.length > 0 && user.areas.every((a) => managesArea(tree, manager, a));
}

/** The areas in `areas` that the manager may not grant (they are not within the manager's own). */
export function ungrantableAreas(tree: LocationTree, manager: Manager, areas: readonly string[]): string[] {
  return areas.filter((a) => !managesArea(tree, manager, a));
}

/** Whether the manager holds the whole country (whole-database actions: backups, the audit log). */
export function managesEverything(tree: LocationTree, manager: Manager): boolean {
  return manager === null || manager.areas.some((a) => tree.level(a) === 'country');
}
