import type { DecisionRequest, FieldError } from '@kusanya/schemas';
import { REJECT_REASONS } from './reasons.js';

/** A supervisor's choice as the decision panel builds it (schemas: DecisionRequest, without the revisions). */
export type DecisionChoice = Pick<DecisionRequest, 'decision' | 'reason' | 'comment'>;

/**
 * What a decision lacks, in the shape of a 400's details (empty: nothing): rejecting needs a reason from the list,
 * returning needs a comment telling the enumerator what to correct. The panel and the server apply this one rule.
 */
export function decisionProblems(choice: DecisionChoice): FieldError[] {
  if (choice.decision === 'reject' && !(REJECT_REASONS as readonly (string | undefined)[]).includes(choice.reason)) {
    return [{ path: 'reason', message: `one of ${REJECT_REASONS.join(', ')}` }];
  }
  if (choice.decision === 'return' && !choice.comment?.trim()) return [{ path: 'comment', message: 'required' }];
  return [];
}
