import type { NodeState } from '@kusanya/shared/form/engine';
import { COMPUTED } from '@kusanya/shared/form/node-state';

/** True for a question the form keeps out of sight (appearance `hidden`, e.g. a member's registry id on a revisit). */
export const isHidden = (state: Pick<NodeState, 'appearance'>): boolean =>
  (state.appearance ?? '').split(' ').includes('hidden');

/** Values computed or filled in by the device: never shown, unless their expression fails. */
export const NOT_SHOWN: ReadonlySet<NodeState['type']> = COMPUTED;
