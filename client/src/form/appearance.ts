import type { NodeState } from '@kusanya/shared/form/engine';

/** True for a question the form keeps out of sight (appearance `hidden`, e.g. a member's registry id on a revisit). */
export const isHidden = (state: Pick<NodeState, 'appearance'>): boolean =>
  (state.appearance ?? '').split(' ').includes('hidden');
