/**
 * The household's invariants (DESIGN.md §2), the same on the tablet (the roster says what is wrong while the
 * enumerator is with the family) and on the server (an approval that would break them is refused).
 */

/** The roster of the programme's household survey and the two answers the invariants read (forms/README.md). */
export const HOUSEHOLD_ROSTER = { name: 'members', relationship: 'relationship', recipient: 'recipient' } as const;

/** One roster line as the invariants see it: the relationship to the head (role) and the kind of recipient. */
export interface RosterLine {
  readonly role: unknown;
  readonly recipient: unknown;
}

export interface InvariantProblem {
  rule: 'one-head' | 'one-primary-recipient';
  /** How many members the household would have of that kind (0, or more than 1). */
  count: number;
  message: string;
}

/** The household rules every approved state must keep: exactly one HEAD and exactly one PRIMARY recipient. */
export function householdProblems(members: readonly RosterLine[]): InvariantProblem[] {
  const problems: InvariantProblem[] = [];
  const heads = members.filter((m) => m.role === 'HEAD').length;
  const primaries = members.filter((m) => m.recipient === 'PRIMARY').length;
  if (heads !== 1) {
    problems.push({
      rule: 'one-head',
      count: heads,
      message: `A household has exactly one head; this one would have ${heads}.`,
    });
  }
  if (primaries !== 1) {
    problems.push({
      rule: 'one-primary-recipient',
      count: primaries,
      message: `A household has exactly one primary recipient; this one would have ${primaries}.`,
    });
  }
  return problems;
}
