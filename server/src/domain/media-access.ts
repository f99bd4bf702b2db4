import type { Submission, User } from '@kusanya/schemas';
import { SENSITIVE_CATEGORIES } from '@kusanya/shared/grievance/rules';
import type { LocationTree } from './scope.js';

/**
 * Who reads a record's media: exactly who reads the record (DESIGN.md §5). Its author always; supervisors and HQ
 * the records of their areas, SENSITIVE grievances excepted; grievance officers the grievances of their areas,
 * SENSITIVE ones included; nobody else.
 */
export function mayReadRecordMedia(
  tree: LocationTree,
  user: Pick<User, 'id' | 'role' | 'areas'>,
  record: Pick<Submission, 'formId' | 'data' | 'meta'>,
): boolean {
  if (record.meta.enumeratorId === user.id) return true;
  const within = user.areas.some((a) => tree.level(a) === 'country') || tree.isWithin(record.meta.area, user.areas);
  const category = record.data['category'];
  const sensitive = record.formId === 'grievance' && typeof category === 'string' && SENSITIVE_CATEGORIES.has(category);
  if (user.role === 'supervisor' || user.role === 'hq') return within && !sensitive;
  if (user.role === 'grievance_officer') return within && record.formId === 'grievance';
  return false;
}

/** Only a record's author sends its media (the device that captured them, logged in as its enumerator). */
export function mayUploadRecordMedia(user: Pick<User, 'id'>, record: Pick<Submission, 'meta'>): boolean {
  return record.meta.enumeratorId === user.id;
}
