import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { householdAnswers, type StoredFields } from './household-answers.js';
import { planHousehold, type ApprovedSurvey, type MemberLink, type RegistryState } from './household-plan.js';
import type { HouseholdRecord, IndividualRecord, MembershipRecord } from './records.js';

const AT = new Date('2026-11-20T10:00:00.000Z');
const FIELDS: StoredFields = {
  household: new Set(['colline', 'dwelling_type']),
  member: new Set(['first_name', 'last_name', 'sex', 'dob', 'relationship', 'recipient']),
};

type Row = Record<string, unknown>;
const rosterOf = (size: number): Row[] => sampleHousehold(size)['members'] as Row[];

function survey(roster: Row[], extra: Partial<ApprovedSurvey> = {}, data: Row = {}): ApprovedSurvey {
  let n = 0;
  return {
    submissionId: 'sub-1',
    subject: null,
    registryVersion: undefined,
    area: 'COL1',
    commune: 'COM1',
    province: 'P01',
    answers: householdAnswers(FIELDS, { dwelling_type: 'BRICK', ...data, members: roster }, AT),
    approvedBy: 'super',
    at: AT,
    newCode: 'HH-2026-P01-000001',
    newId: () => `id-${(n += 1)}`,
    ...extra,
  };
}

const empty: RegistryState = {
  household: null,
  members: [],
  individuals: new Map(),
  links: new Map(),
  sameHousehold: false,
};

const household = (version = 3): HouseholdRecord => ({
  id: 'hh-1',
  code: 'HH-2025-P01-000007',
  area: 'COL1',
  commune: 'COM1',
  province: 'P01',
  version,
  headNameNorm: 'old head',
  size: 2,
  values: { dwelling_type: 'MUD' },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  createdBySubmission: 'sub-0',
});

const person = (id: string, values: Row): IndividualRecord => ({
  id,
  firstName: null,
  lastName: null,
  sex: null,
  birthDate: null,
  birthYear: null,
  nationalId: null,
  nationalIdNorm: null,
  phone: null,
  nameNorm: id,
  commune: 'COM1',
  values,
  version: 2,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

const membership = (id: number, individualId: string, role: string, recipient: string | null): MembershipRecord => ({
  id,
  householdId: 'hh-1',
  individualId,
  role,
  relationship: role,
  recipient,
  respondent: false,
  position: id,
  startedAt: '2025-01-01T00:00:00.000Z',
  startedBy: 'sub-0',
  endedAt: null,
  endedBy: null,
});

/** A registry household of two (ind-a head and primary recipient, ind-b spouse) visited again. */
function visited(): RegistryState {
  return {
    ...empty,
    household: household(),
    members: [membership(1, 'ind-a', 'HEAD', 'PRIMARY'), membership(2, 'ind-b', 'SPOUSE', 'SECONDARY')],
    individuals: new Map([
      ['ind-a', person('ind-a', { first_name: 'Jean' })],
      ['ind-b', person('ind-b', { first_name: 'Marie' })],
    ]),
  };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('planHousehold: a new household', () => {
  it('creates the household with its code, one individual and one membership per roster line, all in the history', () => {
    const plan = planHousehold(survey(rosterOf(3)), empty);
    expect(plan.household).toEqual({
      insert: expect.objectContaining({ code: 'HH-2026-P01-000001', version: 1, size: 3, area: 'COL1' }),
    });
    expect(plan.insertIndividuals.map((p) => p.firstName)).toEqual(['Jean', 'Marie', 'Claude']);
    expect(plan.insertMemberships.map((m) => [m.role, m.recipient, m.position])).toEqual([
      ['HEAD', 'PRIMARY', 0],
      ['SPOUSE', 'SECONDARY', 1],
      [expect.any(String), null, 2],
    ]);
    expect(plan.updateIndividuals).toEqual([]);
    expect(plan.endMemberships).toEqual([]);
    expect(plan.history.map((h) => [h.entity, h.field])).toEqual([
      ['household', '(created)'],
      ...[0, 1, 2].flatMap(() => [
        ['individual', '(created)'],
        ['membership', '(joined)'],
      ]),
    ]);
    expect(plan.history.every((h) => h.householdVersion === 1 && h.approvedBy === 'super')).toBe(true);
    expect(plan.result).toEqual({ householdId: 'id-1', code: 'HH-2026-P01-000001', version: 1, created: true });
  });

  it('refuses a roster without exactly one head and one primary recipient, with the shared rule names', () => {
    const roster = rosterOf(3).map((m) => ({ ...m, relationship: 'SON' }));
    expect(refusal(() => planHousehold(survey(roster), empty))).toEqual({
      code: 'not-approvable',
      message: 'A household has exactly one head; this one would have 0.',
      details: [expect.objectContaining({ rule: 'one-head' })],
    });
  });

  it('refuses a household a reviewer judged the same as another', () => {
    expect(refusal(() => planHousehold(survey(rosterOf(2)), { ...empty, sameHousehold: true })).message).toMatch(
      /judged the same/,
    );
  });
});

describe('planHousehold: a revisit', () => {
  const subject = { householdId: 'hh-1', baseVersion: 3 };
  /** ind-a stays head (renamed), ind-b left, a new child joined. */
  const roster = () => {
    const [head, , child] = rosterOf(3);
    return [{ ...head, individual_id: 'ind-a', first_name: 'Jean-Paul' }, { ...child }];
  };

  it('changes what changed field by field, adds who joined, closes who left, at the next version', () => {
    const [head] = roster();
    const twoRoster = [head!, { ...rosterOf(2)[1]!, first_name: 'Aline' }];
    const plan = planHousehold(survey(twoRoster, { subject, newCode: null }), visited());
    expect(plan.household).toEqual({ update: expect.objectContaining({ id: 'hh-1', version: 4, size: 2 }) });
    expect(plan.updateIndividuals).toEqual([
      expect.objectContaining({ id: 'ind-a', firstName: 'Jean-Paul', version: 3 }),
    ]);
    expect(plan.insertIndividuals).toEqual([expect.objectContaining({ id: 'id-1', firstName: 'Aline' })]);
    expect(plan.updateMemberships).toEqual([expect.objectContaining({ id: 1, role: 'HEAD', position: 0 })]);
    expect(plan.insertMemberships).toEqual([expect.objectContaining({ individualId: 'id-1', householdId: 'hh-1' })]);
    expect(plan.endMemberships).toEqual([2]);
    const changes = plan.history.map((h) => `${h.entity}:${h.entityId}:${h.field}`);
    expect(changes).toEqual(
      expect.arrayContaining([
        'household:hh-1:dwelling_type',
        'individual:ind-a:first_name',
        'individual:id-1:(created)',
        'membership:id-1:(joined)',
        'membership:ind-b:(left)',
      ]),
    );
    expect(plan.history.every((h) => h.householdVersion === 4)).toBe(true);
    expect(plan.result).toEqual({ householdId: 'hh-1', code: 'HH-2025-P01-000007', version: 4, created: false });
  });

  it('refuses a visit of a household the registry changed since, unless the reviewer was shown that version', () => {
    const moved = { ...visited(), household: household(5) };
    expect(refusal(() => planHousehold(survey(roster(), { subject, newCode: null }), moved))).toMatchObject({
      code: 'stale-version',
      message: expect.stringContaining('version 3 → 5'),
    });
    const shown = planHousehold(survey(roster(), { subject, newCode: null, registryVersion: 5 }), moved);
    expect(shown.result.version).toBe(6);
  });

  it('refuses a visit of a household that is not in the registry', () => {
    expect(refusal(() => planHousehold(survey(roster(), { subject, newCode: null }), empty)).message).toMatch(
      /not in the registry/,
    );
  });
});

describe('planHousehold: "same person" links', () => {
  const withLink = (link: MemberLink, individuals = new Map<string, IndividualRecord>()): RegistryState => ({
    ...empty,
    individuals,
    links: new Map([[1, link]]),
  });

  it('makes a roster line the registered person it was judged to be (an alias, no new individual)', () => {
    const known = person('ind-z', { first_name: 'Marie' });
    const plan = planHousehold(
      survey(rosterOf(2)),
      withLink({ individualId: 'ind-z', activeIn: null }, new Map([['ind-z', known]])),
    );
    expect(plan.aliases).toEqual([{ aliasId: 'sub-1#1', individualId: 'ind-z' }]);
    expect(plan.updateIndividuals.map((p) => p.id)).toEqual(['ind-z']);
    expect(plan.insertIndividuals).toHaveLength(1);
    expect(plan.insertMemberships.map((m) => m.individualId)).toEqual(['id-2', 'ind-z']);
  });

  it('refuses while the other record waits for review, or while the person is active in another household', () => {
    expect(refusal(() => planHousehold(survey(rosterOf(2)), withLink({ waitingSubmission: 'sub-9' }))).message).toBe(
      'Member 2 is the same person as a member of record sub-9, which is still waiting for review: decide on that record first.',
    );
    const elsewhere = withLink({
      individualId: 'ind-z',
      activeIn: { householdId: 'hh-9', code: 'HH-2025-P01-000009' },
    });
    expect(refusal(() => planHousehold(survey(rosterOf(2)), elsewhere)).message).toBe(
      'Member 2 is already an active member of household HH-2025-P01-000009: record their departure there first.',
    );
  });
});
