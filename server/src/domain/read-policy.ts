import type { Submission, User } from '@kusanya/schemas';
import { GRIEVANCE_CATEGORIES, SENSITIVE_CATEGORIES } from '@kusanya/shared/grievance/rules';
import type { LocationTree } from './scope.js';

/**
 * THE read policy (DESIGN.md §2, §5): for each kind of record, what a caller may read, by role × areas ×
 * SENSITIVE × form. Every query that returns records applies the filter it gets from here (the repositories turn
 * it into SQL), and every read of one record asks the matching `may…` function; nothing else decides. The
 * data-level leak test (server/test/leak.test.ts) calls every GET route as every role and checks the bodies.
 */

/** The part of the country a caller reads: null for all of it (an area at country level), else those areas. */
export type Areas = readonly string[] | null;

/** The form whose records are grievances: each becomes a ticket, and SENSITIVE ones are confidential. */
export const GRIEVANCE_FORM = 'grievance';

/** Roles that work on grievance tickets (DESIGN.md §5). */
export const TICKET_ROLES = ['grievance_officer', 'hq'] as const;

/** The areas a user reads: null when one of them is the country (HQ), else the user's own areas. */
export function areasOf(tree: LocationTree, user: Pick<User, 'areas'>): Areas {
  return user.areas.some((a) => tree.level(a) === 'country') ? null : [...user.areas];
}

/** Whether a place lies within the areas a user reads. */
export function readsPlace(tree: LocationTree, user: Pick<User, 'areas'>, code: string): boolean {
  const areas = areasOf(tree, user);
  return areas === null || tree.isWithin(code, areas);
}

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(GRIEVANCE_CATEGORIES);

/**
 * Whether a submission is confidential: a grievance of a SENSITIVE category, or one waiting for correction whose
 * category is not a known one (its story may be anything: fail closed).
 */
export function isConfidential(doc: Pick<Submission, 'formId' | 'data' | 'status'>): boolean {
  if (doc.formId !== GRIEVANCE_FORM) return false;
  const category = doc.data['category'];
  if (typeof category === 'string' && SENSITIVE_CATEGORIES.has(category)) return true;
  return doc.status === 'needs_correction' && !(typeof category === 'string' && KNOWN_CATEGORIES.has(category));
}

// ── Submissions ─────────────────────────────────────────────────────────────────────────────────────────────

/** What of other people's submissions a caller reads (own ones are always theirs, through the sync pull). */
export interface SubmissionReads {
  /** Collines whose records are read; null: all; empty: none. */
  collines: readonly string[] | null;
  /** Forms read; null: every form. */
  forms: readonly string[] | null;
  /** Whether confidential records (SENSITIVE grievances) are included. */
  confidential: boolean;
}

const NO_SUBMISSIONS: SubmissionReads = { collines: [], forms: null, confidential: false };

/**
 * Supervisors and HQ read the records of their areas (review, dashboards), SENSITIVE grievances excepted;
 * grievance officers read the grievances of their areas, SENSITIVE ones included, exactly as their tickets.
 * Enumerators and administrators read only their own. A record kept for its author only (`author_only`) is
 * never read by anyone else.
 */
export function submissionReads(tree: LocationTree, user: Pick<User, 'role' | 'areas'>): SubmissionReads {
  const areas = areasOf(tree, user);
  const collines = areas === null ? null : tree.within(areas, 'colline');
  if (user.role === 'supervisor' || user.role === 'hq') return { collines, forms: null, confidential: false };
  if (user.role === 'grievance_officer') return { collines, forms: [GRIEVANCE_FORM], confidential: true };
  return NO_SUBMISSIONS;
}

/** A stored submission as the policy sees it. */
export interface SubmissionAccess {
  area: string;
  formId: string;
  enumeratorId: string;
  confidential: boolean;
  authorOnly: boolean;
}

export function maySeeSubmission(
  tree: LocationTree,
  user: Pick<User, 'id' | 'role' | 'areas'>,
  record: SubmissionAccess,
): boolean {
  if (record.enumeratorId === user.id) return true;
  if (record.authorOnly) return false;
  const reads = submissionReads(tree, user);
  if (record.confidential && !reads.confidential) return false;
  if (reads.forms !== null && !reads.forms.includes(record.formId)) return false;
  return reads.collines === null || reads.collines.includes(record.area);
}

// ── Grievance tickets ───────────────────────────────────────────────────────────────────────────────────────

/** The tickets a caller reads: null for none, else their areas (null: all) and whether SENSITIVE ones. */
export function ticketReads(
  tree: LocationTree,
  user: Pick<User, 'role' | 'areas'>,
): { areas: Areas; sensitive: boolean } | null {
  if (user.role === 'grievance_officer') return { areas: [...user.areas], sensitive: true };
  if (user.role === 'hq') return { areas: areasOf(tree, user), sensitive: false };
  return null;
}

/**
 * Who sees a ticket: grievance officers every ticket of their areas, SENSITIVE ones included; HQ every ticket of
 * its areas that is not SENSITIVE. Nobody else. Managing follows seeing.
 */
export function maySeeTicket(
  tree: LocationTree,
  user: Pick<User, 'role' | 'areas'>,
  ticket: { area: string; sensitive: boolean },
): boolean {
  const reads = ticketReads(tree, user);
  if (!reads || (ticket.sensitive && !reads.sensitive)) return false;
  return reads.areas === null || tree.isWithin(ticket.area, reads.areas);
}

/** Whether SENSITIVE tickets may ever be shown to this user (lists filter them out in SQL otherwise). */
export function seesSensitive(user: Pick<User, 'role'>): boolean {
  return user.role === 'grievance_officer';
}

// ── Registry: households, people, duplicate candidates ──────────────────────────────────────────────────────

/**
 * The registry households (with their people) a caller reads, in the registry browser and on devices alike:
 * those of the caller's areas, whatever the role (the routes say which roles may call them). null: all.
 */
export function householdReads(tree: LocationTree, user: Pick<User, 'areas'>): { collines: string[] } | null {
  const areas = areasOf(tree, user);
  return areas === null ? null : { collines: tree.within(areas, 'colline') };
}

/**
 * A duplicate candidate (a person or household of the registry, or of another record waiting for review) is shown
 * in full only when it lies within the reviewer's areas; otherwise the reviewer learns that a match exists and
 * in which province, nothing about the person.
 */
export function mayReadCandidate(tree: LocationTree, user: Pick<User, 'areas'>, area: string | null): boolean {
  return area !== null && readsPlace(tree, user, area);
}
