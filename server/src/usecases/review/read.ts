import type {
  DuplicateCandidate,
  ReviewQueueQuery,
  ReviewQueueResponse,
  Submission,
  SubmissionReview,
  TeamResponse,
  User,
} from '@kusanya/schemas';
import { diffValues, flattenAnswers, threeWay } from '../../domain/registry/diff.js';
import { HOUSEHOLD_FORM_ID, householdAnswers, MEMBER_FIELDS, ROSTER } from '../../domain/registry/household-answers.js';
import { householdValuesAt } from '../../domain/registry/values-at.js';
import { mayReadCandidate, submissionReads } from '../../domain/read-policy.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { HouseholdPullRepository } from '../../repositories/household-pull.js';
import type { RegistryRepository } from '../../repositories/registry.js';
import type { CandidateRecord, ReviewRepository } from '../../repositories/review.js';
import type { SessionsRepository } from '../../repositories/sessions.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';
import type { UsersRepository } from '../../repositories/users.js';
import type { CompiledForms } from '../compiled-forms.js';
import { readableRecord } from './decide.js';

export interface ReviewReadDeps {
  submissions: SubmissionsRepository;
  review: ReviewRepository;
  registry: RegistryRepository;
  households: HouseholdPullRepository;
  users: UsersRepository;
  sessions: SessionsRepository;
  forms: CompiledForms;
  locations: () => LocationTree;
}

const encodeCursor = (receivedAt: string, id: string) => Buffer.from(`${receivedAt}|${id}`).toString('base64url');
function decodeCursor(cursor: string | undefined): { receivedAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [receivedAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!receivedAt || !id) throw new AppError('bad-request', 'Invalid cursor.');
  return { receivedAt, id };
}

/**
 * The review queue of the reviewer's area, oldest first, with filters and counts (keyset pagination): only the
 * records the read policy lets this reviewer read (never a SENSITIVE grievance, never a record kept for its author).
 */
export function reviewQueue(deps: ReviewReadDeps, reviewer: User, query: ReviewQueueQuery): ReviewQueueResponse {
  const filter = {
    reads: submissionReads(deps.locations(), reviewer),
    status: query.status ?? 'pending_review',
    enumeratorId: query.enumeratorId,
    formId: query.formId,
    area: query.area,
    receivedBefore: query.minWaitHours
      ? new Date(Date.now() - query.minWaitHours * 3_600_000).toISOString()
      : undefined,
  };
  const limit = query.limit ?? 50;
  const rows = deps.review.queue({ ...filter, after: decodeCursor(query.cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const names = new Map<string, string>();
  const username = (id: string) => {
    if (!names.has(id)) names.set(id, deps.users.findById(id)?.username ?? id);
    return names.get(id)!;
  };
  const counts: ReviewQueueResponse['counts'] = { total: 0, byForm: {}, byArea: {}, byEnumerator: {} };
  for (const c of deps.review.queueCounts(filter)) {
    counts.total += c.count;
    counts.byForm[c.formId] = (counts.byForm[c.formId] ?? 0) + c.count;
    counts.byArea[c.area] = (counts.byArea[c.area] ?? 0) + c.count;
    const name = username(c.enumeratorId);
    counts.byEnumerator[name] = (counts.byEnumerator[name] ?? 0) + c.count;
  }
  const last = page.at(-1);
  return {
    items: page.map(({ doc, receivedAt, openCandidates, returnedBefore }) => ({
      id: doc.id,
      formId: doc.formId,
      formVersion: doc.formVersion,
      status: doc.status,
      rev: doc.rev,
      area: doc.meta.area,
      enumeratorId: doc.meta.enumeratorId,
      enumerator: username(doc.meta.enumeratorId),
      receivedAt,
      finalizedAt: doc.meta.finalizedAt,
      openCandidates,
      errors: doc.errors.length,
      revisit: doc.meta.subject !== undefined,
      correction: returnedBefore,
      data: doc.data,
    })),
    counts,
    nextCursor: rows.length > limit && last ? encodeCursor(last.receivedAt, last.doc.id) : null,
  };
}

function rosterLine(doc: Submission | null, index: number): Record<string, unknown> | null {
  const roster = doc?.data[ROSTER];
  return Array.isArray(roster) && typeof roster[index] === 'object' ? (roster[index] as Record<string, unknown>) : null;
}

function describeCandidate(deps: ReviewReadDeps, c: CandidateRecord): DuplicateCandidate {
  // Everything about the candidate, read before the policy decides what of it the reviewer sees (`withheld`).
  const base = {
    id: c.id,
    memberIndex: c.memberIndex,
    rule: c.rule,
    kind: c.candidateKind,
    candidateId: c.candidateId,
    decision: c.decision,
  };
  const f = MEMBER_FIELDS;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  if (c.candidateKind === 'individual') {
    const p = deps.registry.getIndividual(c.candidateId);
    const membership = p ? deps.registry.activeMembershipOf(p.id) : null;
    const household = membership ? deps.registry.getHousehold(membership.householdId) : null;
    return {
      ...base,
      household: null,
      person: p
        ? {
            firstName: p.firstName,
            lastName: p.lastName,
            sex: p.sex,
            birthYear: p.birthYear,
            nationalId: p.nationalId,
            householdCode: household?.code ?? null,
            area: household?.area ?? null,
          }
        : null,
    };
  }
  if (c.candidateKind === 'pending_person') {
    const [submissionId, index] = c.candidateId.split('#');
    const doc = deps.submissions.getMaster(submissionId!);
    const line = rosterLine(doc, Number(index));
    const dob = str(line?.[f.birthDate]);
    return {
      ...base,
      household: null,
      person: line
        ? {
            firstName: str(line[f.firstName]),
            lastName: str(line[f.lastName]),
            sex: str(line[f.sex]),
            birthYear: dob ? Number(dob.slice(0, 4)) : null,
            nationalId: str(line[f.nationalId]),
            householdCode: null,
            area: doc?.meta.area ?? null,
          }
        : null,
    };
  }
  if (c.candidateKind === 'household') {
    const h = deps.registry.getHousehold(c.candidateId);
    const head = h ? deps.registry.activeMembers(h.id).find((m) => m.role === 'HEAD') : undefined;
    const person = head ? deps.registry.getIndividual(head.individualId) : null;
    return {
      ...base,
      person: null,
      household: h
        ? {
            code: h.code,
            area: h.area,
            size: h.size,
            headName: person ? [person.firstName, person.lastName].filter(Boolean).join(' ') : null,
          }
        : null,
    };
  }
  const doc = deps.submissions.getMaster(c.candidateId);
  const roster = Array.isArray(doc?.data[ROSTER]) ? (doc!.data[ROSTER] as Record<string, unknown>[]) : [];
  const head = roster.find((m) => m[f.relationship] === 'HEAD');
  return {
    ...base,
    person: null,
    household: doc
      ? {
          code: null,
          area: doc.meta.area,
          size: roster.length,
          headName: head ? [str(head[f.firstName]), str(head[f.lastName])].filter(Boolean).join(' ') : null,
        }
      : null,
  };
}

/**
 * A candidate as this reviewer may see it (domain/read-policy.ts): in full within the reviewer's areas; outside
 * them, that a match exists and in which province, nothing about the person or household.
 */
function candidateFor(tree: LocationTree, reviewer: User, candidate: DuplicateCandidate): DuplicateCandidate {
  const area = candidate.person?.area ?? candidate.household?.area ?? null;
  if (area === null || mayReadCandidate(tree, reviewer, area)) return candidate;
  return { ...candidate, person: null, household: null, withheld: { province: tree.ancestor(area, 'province') } };
}

/** One record with everything needed to decide: answers, duplicates, registry differences, revisions. */
export function submissionReview(deps: ReviewReadDeps, reviewer: User, id: string): SubmissionReview {
  const tree = deps.locations();
  const doc = readableRecord(deps, reviewer, id);
  let registry: SubmissionReview['registry'] = null;
  const subject = doc.meta.subject;
  const form = deps.forms.get(doc.formId, doc.formVersion);
  if (subject && doc.formId === HOUSEHOLD_FORM_ID && form) {
    const current = deps.households.get(subject.householdId);
    if (current) {
      const base = householdValuesAt(current.values, deps.registry.history(current.id), subject.baseVersion);
      const proposed = householdAnswers(form.stored, doc.data, new Date()).values;
      registry = {
        current,
        baseVersion: subject.baseVersion,
        stale: current.version !== subject.baseVersion,
        fields: threeWay(base, current.values, proposed),
      };
    }
  }
  const sent = deps.submissions.versions(id).filter((v) => v.source === 'device' && v.accepted);
  const revisions = sent.map((v, i) => ({
    rev: v.rev,
    receivedAt: v.receivedAt,
    changes: i === 0 ? [] : diffValues(flattenAnswers(sent[i - 1]!.doc.data), flattenAnswers(v.doc.data)),
  }));
  const reviews = deps.review.reviewsOf(id).map((r) => ({
    decision: r.decision,
    by: deps.users.findById(r.reviewerId)?.username ?? r.reviewerId,
    at: r.at,
    rev: r.submissionRev,
    reason: r.reason,
    comment: r.comment,
  }));
  return {
    submission: doc,
    enumerator: deps.users.findById(doc.meta.enumeratorId)?.username ?? doc.meta.enumeratorId,
    candidates: deps.review.candidatesOf(id).map((c) => candidateFor(tree, reviewer, describeCandidate(deps, c))),
    registry,
    revisions,
    reviews,
  };
}

/** Per-enumerator and per-device view of the reviewer's area. */
export function teamView(deps: ReviewReadDeps, reviewer: User, now = new Date()): TeamResponse {
  const tree = deps.locations();
  const weekStart = new Date(now.getTime() - 7 * 24 * 3_600_000).toISOString();
  const reads = submissionReads(tree, reviewer);
  const stats = new Map(deps.submissions.statsByEnumerator(reads, weekStart).map((s) => [s.enumeratorId, s]));
  const team = deps.users
    .list()
    .filter((u) => u.role === 'enumerator' && !u.disabled && u.areas.some((a) => tree.isWithin(a, reviewer.areas)));
  return {
    enumerators: team.map((u) => {
      const s = stats.get(u.id);
      return {
        id: u.id,
        username: u.username,
        areas: u.areas,
        thisWeek: s?.thisWeek ?? 0,
        waiting: s?.waiting ?? 0,
        needsCorrection: s?.needsCorrection ?? 0,
        returned: s?.returned ?? 0,
        lastReceivedAt: s?.lastReceivedAt ?? null,
        devices: deps.sessions.devicesOf(u.id).map((d) => ({
          deviceId: d.deviceId,
          lastSyncAt: d.lastSeenAt,
          appVersion: s?.appVersion ?? null,
          queue: null,
        })),
      };
    }),
  };
}
