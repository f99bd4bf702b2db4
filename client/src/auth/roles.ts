/** Which roles do what in the app (DESIGN.md §5); the server enforces the same rules. */

/** Roles that capture records (push them), and so revisit households. */
export const CAPTURE_ROLES: ReadonlySet<string> = new Set(['enumerator', 'supervisor']);
/** Roles that see the review queue (supervisors decide; HQ reads). */
export const REVIEW_ROLES: ReadonlySet<string> = new Set(['supervisor', 'hq']);
