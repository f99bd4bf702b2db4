import type { HouseholdPage, LinkedMedia, User } from '@kusanya/schemas';
import { HOUSEHOLD_FORM_ID } from '../../domain/registry/household-answers.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { HistoryEntry, RegistryRepository } from '../../repositories/registry.js';
import type { RegistryReadsRepository } from '../../repositories/registry-reads.js';
import type { UsersRepository } from '../../repositories/users.js';
import { maySeeTicket, readsPlace } from '../../domain/read-policy.js';
import type { FormLabelsCache } from './form-labels.js';
import type { LocationDirectory } from './location-directory.js';

export interface HouseholdPageDeps {
  registry: RegistryRepository;
  reads: RegistryReadsRepository;
  users: UsersRepository;
  labels: FormLabelsCache;
  locations: () => LocationTree;
  directory: () => LocationDirectory;
  /** The media of records the user may read (photos of the household's surveys). */
  mediaOf: (user: User, records: readonly { id: string; at: string }[]) => LinkedMedia[];
}

/** History rows grouped by the approval that wrote them, newest first. */
function timeline(history: HistoryEntry[]): HouseholdPage['timeline'] {
  const groups = new Map<string, HouseholdPage['timeline'][number]>();
  for (const h of history) {
    const key = `${h.householdVersion}|${h.submissionId}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        submissionId: h.submissionId,
        householdVersion: h.householdVersion,
        at: h.at,
        approvedBy: h.approvedBy,
        changes: [],
      };
      groups.set(key, group);
    }
    group.changes.push({ entity: h.entity, entityId: h.entityId, field: h.field, old: h.oldValue, new: h.newValue });
  }
  return [...groups.values()].reverse();
}

/**
 * Everything HQ or a supervisor sees about one household: current values (with the form's labels), every
 * member ever (roles, recipient, who left), the timeline of every approved change, the submissions that
 * made or visit it, and the grievance tickets that name it (only those the reader may see).
 */
export function householdPage(
  deps: HouseholdPageDeps,
  user: User,
  householdId: string,
  now = new Date(),
): HouseholdPage {
  const household = deps.registry.getHousehold(householdId);
  if (!household) throw new AppError('not-found', 'No such household in the registry.');
  const tree = deps.locations();
  if (!readsPlace(tree, user, household.area)) {
    throw new AppError('out-of-scope', 'This household is outside your areas.');
  }
  const directory = deps.directory();
  const members = deps.reads.members(household.id);
  const names = new Map<string, string>();
  const username = (id: string) => {
    if (!names.has(id)) names.set(id, deps.users.findById(id)?.username ?? id);
    return names.get(id)!;
  };
  const grievancesVisible = user.role === 'hq' || user.role === 'grievance_officer';
  const memberIds = members.map((m) => m.nationalIdNorm).filter((v): v is string => v !== null);
  const grievances = grievancesVisible
    ? deps.reads
        .ticketsAbout(household.code, memberIds)
        .filter((t) => maySeeTicket(tree, user, t))
        .map((t) => ({
          id: t.id,
          code: t.code,
          status: t.status,
          category: t.category,
          receivedAt: t.receivedAt,
          dueAt: t.dueAt,
          overdue: t.dueAt < now.toISOString() && t.status !== 'RESOLVED' && t.status !== 'CLOSED',
          link: t.link,
        }))
    : [];
  const zone = tree.ancestor(household.area, 'zone');
  const submissions = deps.reads.submissionsAbout(household.id, household.createdBySubmission);
  return {
    household: {
      id: household.id,
      code: household.code,
      version: household.version,
      size: household.size,
      createdAt: household.createdAt,
      updatedAt: household.updatedAt,
      createdBySubmission: household.createdBySubmission,
      values: household.values,
      area: household.area,
      areaName: directory.name(household.area),
      zone,
      zoneName: directory.name(zone),
      commune: household.commune,
      communeName: directory.name(household.commune),
      province: household.province,
      provinceName: directory.name(household.province),
    },
    members: members.map(({ nationalIdNorm: _norm, ...m }) => m),
    timeline: timeline(deps.registry.history(household.id)),
    submissions: submissions.map((s) => ({
      id: s.id,
      formId: s.formId,
      status: s.status,
      receivedAt: s.receivedAt,
      enumerator: username(s.enumeratorId),
      revisit: s.revisit,
    })),
    media: deps.mediaOf(
      user,
      submissions.map((s) => ({ id: s.id, at: s.receivedAt })),
    ),
    grievances,
    grievancesVisible,
    labels: deps.labels.latest(HOUSEHOLD_FORM_ID),
  };
}
