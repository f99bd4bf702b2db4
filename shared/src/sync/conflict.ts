/**
 * How a device resolves a push conflict on a submission (DESIGN.md §3 rule 3). Pure, used as the
 * RxDB conflict handler. It never drops an edit silently:
 * - review fields (status, review, errors, rev) always come from the server;
 * - a correction of a returned or quarantined record keeps the device's answers and is resubmitted (unless the
 *   server deleted the record);
 * - otherwise the server's state wins on the device, and the device's version is not lost: the server
 *   keeps every refused version, and the caller is told (`deviceEditKept: false`) so it can show it.
 */
import type { Submission } from '@kusanya/schemas';
import { canonicalJson, RESUBMITTABLE_STATUSES, sameDeviceContent } from './protocol.js';

export interface ConflictInput {
  newDocumentState: Submission;
  realMasterState: Submission;
  assumedMasterState?: Submission | undefined;
}

export interface ConflictResolution {
  doc: Submission;
  /** False when the device's answers differ from the resolved document (shown to the user as a conflict). */
  deviceEditKept: boolean;
}

/** Exact equality: any difference (including server fields) means the device must take the new state. */
export function sameSubmission(a: Submission, b: Submission): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function resolveSubmissionConflict({
  newDocumentState: local,
  realMasterState: master,
}: ConflictInput): ConflictResolution {
  if (sameDeviceContent(local, master)) return { doc: master, deviceEditKept: true };
  if (
    local.status === 'submitted' &&
    RESUBMITTABLE_STATUSES.has(master.status) &&
    !local._deleted &&
    !master._deleted
  ) {
    return {
      doc: { ...master, data: local.data, meta: local.meta, status: 'submitted', updatedAt: local.updatedAt },
      deviceEditKept: true,
    };
  }
  return { doc: master, deviceEditKept: false };
}
