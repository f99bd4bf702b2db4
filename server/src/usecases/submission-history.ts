import type { SubmissionsRepository } from '../repositories/submissions.js';

export type SubmissionHistory = ReturnType<typeof submissionHistory>;

/** A record as it stands and every version received for it, accepted or refused (the shell's support view). */
export function submissionHistory(submissions: SubmissionsRepository) {
  return {
    of: (id: string) => ({ id, record: submissions.getMaster(id), versions: submissions.versions(id) }),
  };
}
