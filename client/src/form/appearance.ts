import type { NodeState } from '@kusanya/shared/form/engine';

/** True for a question the form keeps out of sight (appearance `hidden`, e.g. a member's registry id on a revisit). */
export const isHidden = (state: Pick<NodeState, 'appearance'>): boolean =>
  (state.appearance ?? '').split(' ').includes('hidden');

/** Values computed or filled in by the device: never shown, unless their expression fails. */
export const NOT_SHOWN: ReadonlySet<NodeState['type']> = new Set<NodeState['type']>([
  'calculate',
  'hidden',
  'start',
  'end',
  'today',
  'deviceid',
  'username',
  'phonenumber',
  'email',
  'simserial',
  'subscriberid',
  'audit',
  'start-geopoint',
  'background-audio',
  'background-geopoint',
]);
