/** Why a supervisor rejects a record (a reason from this list, plus free text). */
export const REJECT_REASONS = [
  'DUPLICATE',
  'NOT_ELIGIBLE',
  'FALSE_INFORMATION',
  'INCOMPLETE',
  'OUT_OF_AREA',
  'CONSENT_REFUSED',
  'OTHER',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
