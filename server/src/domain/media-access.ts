import type { Submission, User } from '@kusanya/schemas';
import { maySeeSubmission, type SubmissionAccess } from './read-policy.js';
import type { LocationTree } from './scope.js';

/**
 * Who reads a record's media: exactly who reads the record (the read policy, domain/read-policy.ts): its author;
 * supervisors and HQ the records of their areas, SENSITIVE grievances excepted; grievance officers the grievances
 * of their areas, SENSITIVE ones included; nobody else, and nobody but its author a record kept for its author.
 */
export function mayReadRecordMedia(
  tree: LocationTree,
  user: Pick<User, 'id' | 'role' | 'areas'>,
  record: SubmissionAccess | null,
): boolean {
  return record !== null && maySeeSubmission(tree, user, record);
}

/** Only a record's author sends its media (the device that captured them, logged in as its enumerator). */
export function mayUploadRecordMedia(user: Pick<User, 'id'>, record: Pick<Submission, 'meta'>): boolean {
  return record.meta.enumeratorId === user.id;
}
