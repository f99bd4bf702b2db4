import type { FormDefinition, LoginResponse, Submission } from '@kusanya/schemas';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { v7 } from 'uuid';
import { expect } from 'vitest';
import { grievanceAnswers, reportAnswers } from '@kusanya/tools/factories/records';
import { householdSubmission, publishShippedForm, type TestServer } from './helpers.js';

export { grievanceAnswers, reportAnswers };

type Answers = Record<string, unknown>;

export interface Person {
  first_name: string;
  last_name: string;
  national_id?: string;
  phone?: string;
}

/** Logins and published forms of the HQ tests: the three programme forms, an enumerator and a supervisor. */
export interface HqWorld {
  server: TestServer;
  enumerator: LoginResponse;
  supervisor: LoginResponse;
  forms: Record<'household_survey' | 'grievance' | 'indicator_report', FormDefinition>;
}

export async function hqWorld(server: TestServer): Promise<HqWorld> {
  const forms = {
    household_survey: await publishShippedForm(server, 'household_survey'),
    grievance: await publishShippedForm(server, 'grievance'),
    indicator_report: await publishShippedForm(server, 'indicator_report'),
  };
  return { server, forms, enumerator: await server.login('enumerator'), supervisor: await server.login('supervisor') };
}

/** Pushes one record as a device would (by default as the world's enumerator) and returns the server's answer. */
export async function push(
  world: Pick<HqWorld, 'server' | 'enumerator'>,
  doc: Submission,
  as: LoginResponse = world.enumerator,
): Promise<Submission> {
  const res = await world.server.as(as.token, {
    method: 'POST',
    url: '/api/sync/submissions/push',
    payload: [{ assumedMasterState: null, newDocumentState: doc }],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Submission[]>()[0] ?? doc;
}

/** A valid household of the shipped survey whose first members carry the given names and IDs. */
export function householdAnswers(
  people: Person[],
  size = Math.max(2, people.length),
  respondentOver: Answers = {},
): Answers {
  const data = sampleHousehold(size);
  const roster = (data['members'] as Answers[]).map((m, i) => {
    const { national_id: _id, phone: _phone, ...rest } = m;
    const person = people[i];
    return person ? { ...rest, ...person } : { ...rest, last_name: `Famille${v7().slice(-8)}` };
  });
  // The respondent is the first member (as the form's "respondent" flag says), unless the test names another.
  const first = roster[0] as Answers | undefined;
  const respondent = first ? `${String(first['first_name'] ?? '')} ${String(first['last_name'] ?? '')}`.trim() : '';
  return { ...data, respondent_name: respondent, ...respondentOver, members: roster };
}

/** Pushes a household survey and has the supervisor approve it; returns the registry household id and code. */
export async function registerHousehold(
  world: HqWorld,
  people: Person[],
  size?: number,
  respondentOver: Answers = {},
): Promise<{ householdId: string; code: string; submissionId: string }> {
  const doc = await push(
    world,
    householdSubmission(world.enumerator.user.id, {
      formVersion: world.forms.household_survey.version,
      data: householdAnswers(people, size, respondentOver),
    }),
  );
  expect(doc.status, JSON.stringify(doc.errors)).toBe('pending_review');
  const res = await world.server.as(world.supervisor.token, {
    method: 'POST',
    url: `/api/review/submissions/${doc.id}/decision`,
    payload: { decision: 'approve', rev: doc.rev },
  });
  expect(res.statusCode, res.body).toBe(200);
  const { householdId, code } = res.json().household as { householdId: string; code: string };
  return { householdId, code, submissionId: doc.id };
}

/** Pushes a grievance; it becomes a ticket at once. Returns the ticket id. */
export async function fileGrievance(world: HqWorld, over: Answers = {}, area = 'CL03010101'): Promise<string> {
  const doc = await push(
    world,
    householdSubmission(world.enumerator.user.id, {
      formId: 'grievance',
      formVersion: world.forms.grievance.version,
      data: grievanceAnswers(over),
      meta: { ...householdSubmission(world.enumerator.user.id).meta, area },
    }),
  );
  expect(doc.status, JSON.stringify(doc.errors)).toBe('approved');
  const ticket = world.server.app.ctx.grievances.bySubmission(doc.id);
  expect(ticket).not.toBeNull();
  return ticket!.id;
}

/** Pushes an indicator report and, unless told otherwise, has it validated (approved) by the supervisor. */
export async function fileReport(world: HqWorld, over: Answers = {}, validate = true): Promise<Submission> {
  const doc = await push(
    world,
    householdSubmission(world.enumerator.user.id, {
      id: v7(),
      formId: 'indicator_report',
      formVersion: world.forms.indicator_report.version,
      data: reportAnswers(over),
      meta: {
        ...householdSubmission(world.enumerator.user.id).meta,
        area: typeof over['colline'] === 'string' ? over['colline'] : 'CL03010101',
      },
    }),
  );
  expect(doc.status, JSON.stringify(doc.errors)).toBe('pending_review');
  if (!validate) return doc;
  const res = await world.server.as(world.supervisor.token, {
    method: 'POST',
    url: `/api/review/submissions/${doc.id}/decision`,
    payload: { decision: 'approve', rev: doc.rev },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().submission as Submission;
}
