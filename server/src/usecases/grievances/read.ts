import type {
  GrievanceMeta,
  LinkedMedia,
  TicketDetail,
  TicketListQuery,
  TicketListResponse,
  TicketSummary,
  User,
} from '@kusanya/schemas';
import {
  allowedTransitions,
  GRIEVANCE_CATEGORIES,
  SENSITIVE_CATEGORIES,
  slaDays,
  TICKET_STATUSES,
} from '@kusanya/shared/grievance/rules';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type {
  AttachmentMeta,
  CaseFilter,
  CaseRecord,
  GrievanceCasesRepository,
} from '../../repositories/grievance-cases.js';
import type { RegistryReadsRepository } from '../../repositories/registry-reads.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';
import type { UsersRepository } from '../../repositories/users.js';
import type { FormLabelsCache } from '../hq/form-labels.js';
import type { LocationDirectory } from '../hq/location-directory.js';
import { areasOf, readsPlace, seesSensitive } from '../../domain/read-policy.js';
import { areaSet, effectiveAreas, knownArea } from '../hq/scope.js';
import { assignableUsers, visibleTicket } from './cases.js';
import { GRIEVANCE_FORM_ID } from './create-ticket.js';

export interface GrievanceReadDeps {
  cases: GrievanceCasesRepository;
  users: UsersRepository;
  submissions: SubmissionsRepository;
  reads: RegistryReadsRepository;
  labels: FormLabelsCache;
  locations: () => LocationTree;
  directory: () => LocationDirectory;
}

const CHANNELS = ['PHONE', 'SMS', 'IN_PERSON', 'LETTER', 'EMAIL', 'HOTLINE', 'SUGGESTION_BOX', 'OTHER'];

const isOverdue = (t: Pick<CaseRecord, 'dueAt' | 'status'>, now: string) =>
  t.dueAt < now && t.status !== 'RESOLVED' && t.status !== 'CLOSED';

function usernames(users: UsersRepository) {
  const cache = new Map<string, string>();
  return (id: string) => {
    if (!cache.has(id)) cache.set(id, users.findById(id)?.username ?? id);
    return cache.get(id)!;
  };
}

/** The list filter of a query, within what the user may see. */
export function caseFilter(
  tree: LocationTree,
  user: User,
  query: Omit<TicketListQuery, 'sort' | 'cursor' | 'limit'>,
  now: Date,
): CaseFilter {
  const areas = effectiveAreas(
    tree,
    user.role === 'grievance_officer' ? [...user.areas] : areasOf(tree, user),
    knownArea(tree, query.area),
  );
  const assigned = query.assigned === 'me' ? user.id : query.assigned === 'none' ? null : query.assigned;
  const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    areas: areas === null ? null : (areaSet(tree, areas) ?? { provinces: [], communes: [], collines: [] }),
    includeSensitive: seesSensitive(user),
    statuses: query.status,
    category: query.category,
    sensitive: query.sensitive,
    overdueAt: query.overdue ? now.toISOString() : undefined,
    channel: query.channel,
    assignedTo: assigned,
    receivedFrom: query.from ? `${query.from}T00:00:00.000Z` : undefined,
    receivedTo: query.to ? dayAfter(query.to) : undefined,
    code: query.code?.trim() || undefined,
  };
}

function summary(deps: GrievanceReadDeps, t: CaseRecord, now: string, username: (id: string) => string): TicketSummary {
  const directory = deps.directory();
  return {
    id: t.id,
    code: t.code,
    status: t.status,
    caseType: t.caseType,
    category: t.category,
    subcategory: t.subcategory,
    sensitive: t.sensitive,
    special: t.special,
    channel: t.channel,
    anonymous: t.anonymous,
    area: t.area,
    areaName: directory.name(t.area),
    commune: t.commune,
    communeName: directory.name(t.commune),
    receivedAt: t.receivedAt,
    dueAt: t.dueAt,
    overdue: isOverdue(t, now),
    assignedTo: t.assignedTo ? { id: t.assignedTo, username: username(t.assignedTo) } : null,
    version: t.version,
    updatedAt: t.updatedAt,
  };
}

const encodeCursor = (keys: string[]) => Buffer.from(JSON.stringify(keys)).toString('base64url');
function decodeCursor(cursor: string | undefined, length: number): string[] | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(value) && value.length === length && value.every((v) => typeof v === 'string'))
      return value as string[];
  } catch {
    // fall through
  }
  throw new AppError('bad-request', 'Invalid cursor.');
}

/** Tickets the user may see, filtered, most urgent first (still to handle, by due date) or newest first, with counts per status. */
export function listTickets(
  deps: GrievanceReadDeps,
  user: User,
  query: TicketListQuery,
  now = new Date(),
): TicketListResponse {
  const filter = caseFilter(deps.locations(), user, query, now);
  const sort = query.sort ?? 'due';
  const limit = query.limit ?? 50;
  const rows = deps.cases.list(filter, sort, decodeCursor(query.cursor, sort === 'due' ? 3 : 2), limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const username = usernames(deps.users);
  const at = now.toISOString();
  return {
    items: page.map((t) => summary(deps, t, at, username)),
    counts: deps.cases.counts(filter, at),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(
            sort === 'due'
              ? [last.status === 'RESOLVED' || last.status === 'CLOSED' ? '1' : '0', last.dueAt, last.id]
              : [last.receivedAt, last.id],
          )
        : null,
  };
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** One ticket: the case, its reporter (unless anonymous), comments, timeline, attachments and what can be done next. */
export function ticketDetail(
  deps: GrievanceReadDeps &
    Parameters<typeof visibleTicket>[0] & {
      /** The media of records the user may read (the grievance's photos, captured with it on the tablet). */
      mediaOf: (user: User, records: readonly { id: string; at: string }[]) => LinkedMedia[];
    },
  user: User,
  id: string,
  now = new Date(),
): TicketDetail {
  const t = visibleTicket(deps, user, id);
  const username = usernames(deps.users);
  const at = now.toISOString();
  const doc = deps.submissions.getMaster(t.submissionId);
  const d = doc?.data ?? {};
  const birthYear = typeof d['reporter_birth_year'] === 'number' ? d['reporter_birth_year'] : null;
  const tree = deps.locations();
  const household = t.householdCode ? deps.reads.householdByCode(t.householdCode) : null;
  const mayOpenHousehold = user.role === 'hq' && household !== null && readsPlace(tree, user, household.area);
  return {
    ticket: {
      ...summary(deps, t, at, username),
      province: t.province,
      provinceName: deps.directory().name(t.province),
      description: t.description,
      incidentDate: t.incidentDate,
      resolvedAt: t.resolvedAt,
      closedAt: t.closedAt,
      householdCode: t.householdCode,
      submissionId: t.submissionId,
      collectedBy: doc ? username(doc.meta.enumeratorId) : null,
    },
    reporter: t.anonymous
      ? null
      : {
          name: text(d['reporter_name']),
          sex: text(d['reporter_sex']),
          birthYear: birthYear === null ? null : Math.trunc(birthYear),
          phone: text(d['reporter_phone']),
          nationalId: text(d['reporter_id']),
          beneficiary: text(d['reporter_beneficiary']),
        },
    details: {
      resolvedOnSpot: text(d['resolved_on_spot']),
      spotResolution: text(d['resolution']),
      replacementReason: text(d['replacement_reason']),
      exitReason: text(d['exit_reason']),
    },
    comments: deps.cases.comments(t.id).map((c) => ({
      id: c.id,
      author: username(c.authorId),
      body: c.body,
      resolution: c.resolution,
      at: c.createdAt,
    })),
    events: deps.cases.events(t.id).map((e) => ({
      kind: e.kind,
      from: e.kind === 'assign' && e.from ? username(e.from) : e.from,
      to: e.kind === 'assign' && e.to ? username(e.to) : e.to,
      actor: username(e.actorId),
      at: e.at,
    })),
    attachments: deps.cases.attachments(t.id).map((a: AttachmentMeta) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      uploadedBy: username(a.uploadedBy),
      uploadedAt: a.uploadedAt,
    })),
    media: deps.mediaOf(user, [{ id: t.submissionId, at: t.receivedAt }]),
    allowedTransitions: [...allowedTransitions(t.status)],
    assignees: assignableUsers(deps, t),
    household: mayOpenHousehold ? { id: household.id, code: household.code } : null,
    labels: deps.labels.latest(GRIEVANCE_FORM_ID),
  };
}

/** Categories, channels, statuses and SLAs, with the grievance form's labels. */
export function grievanceMeta(deps: Pick<GrievanceReadDeps, 'labels'>): GrievanceMeta {
  const labels = deps.labels.latest(GRIEVANCE_FORM_ID);
  const channels = labels?.fields['channel']?.choices ? Object.keys(labels.fields['channel'].choices) : CHANNELS;
  return {
    categories: [...GRIEVANCE_CATEGORIES],
    sensitiveCategories: [...SENSITIVE_CATEGORIES],
    channels,
    statuses: [...TICKET_STATUSES],
    slaDays: Object.fromEntries(GRIEVANCE_CATEGORIES.map((c) => [c, slaDays(c)])),
    labels,
  };
}
