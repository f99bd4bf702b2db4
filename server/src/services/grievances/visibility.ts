import type { User } from '@kusanya/schemas';
import type { LocationTree } from '../../domain/scope.js';
import { readScope } from '../hq/scope.js';

/** Roles that work on grievance tickets (DESIGN.md §5). */
export const TICKET_ROLES = ['grievance_officer', 'hq'] as const;

/**
 * Who sees a ticket: grievance officers every ticket of their areas, SENSITIVE ones included; HQ every
 * ticket that is not SENSITIVE (HQ reads the whole country). Nobody else. Managing follows seeing.
 */
export function maySeeTicket(
  tree: LocationTree,
  user: Pick<User, 'role' | 'areas'>,
  ticket: { area: string; sensitive: boolean },
): boolean {
  if (user.role === 'grievance_officer') return tree.isWithin(ticket.area, user.areas);
  if (user.role === 'hq') {
    const scope = readScope(tree, user);
    return !ticket.sensitive && (scope === null || tree.isWithin(ticket.area, scope));
  }
  return false;
}

/** Whether SENSITIVE tickets may ever be shown to this user (lists filter them out in SQL otherwise). */
export function seesSensitive(user: Pick<User, 'role'>): boolean {
  return user.role === 'grievance_officer';
}
