import type { HouseholdDoc } from '@kusanya/schemas';

type Member = Pick<HouseholdDoc['members'][number], 'role' | 'recipient'>;

export interface InvariantProblem {
  rule: 'one-head' | 'one-primary-recipient';
  message: string;
}

/** The household rules every approved state must keep: exactly one HEAD and exactly one PRIMARY recipient. */
export function householdProblems(members: readonly Member[]): InvariantProblem[] {
  const problems: InvariantProblem[] = [];
  const heads = members.filter((m) => m.role === 'HEAD').length;
  const primaries = members.filter((m) => m.recipient === 'PRIMARY').length;
  if (heads !== 1) {
    problems.push({ rule: 'one-head', message: `A household has exactly one head; this one would have ${heads}.` });
  }
  if (primaries !== 1) {
    problems.push({
      rule: 'one-primary-recipient',
      message: `A household has exactly one primary recipient; this one would have ${primaries}.`,
    });
  }
  return problems;
}
