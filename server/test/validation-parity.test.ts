import type { FormDefinition, LoginResponse, Submission } from '@kusanya/schemas';
import { compileForm, validateAnswers } from '@kusanya/shared/form/engine';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishForm } from '../src/usecases/forms.js';
import { importXlsform } from '../src/xlsform/import-workbook.js';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';

/** The device and the server run the same validation: the same answers get the same verdict and messages. */
let server: TestServer;
let enumerator: LoginResponse;
let definition: FormDefinition;

beforeAll(async () => {
  server = await startTestServer();
  enumerator = await server.login('enumerator');
  const imported = await importXlsform(await readFile(new URL('../../forms/household_survey.xlsx', import.meta.url)));
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  definition = imported.definition;
  publishForm(server.app.ctx.forms, definition);
});
afterAll(() => server.close());

const FINALIZED = '2026-11-24T09:00:00.000Z';
type Answers = Record<string, unknown>;
const withMembers = (data: Answers, edit: (members: Answers[]) => Answers[]) => ({
  ...data,
  members: edit(data['members'] as Answers[]),
});

const CASES: [string, (data: Answers) => Answers][] = [
  ['a complete household', (d) => d],
  ['a missing respondent name', ({ respondent_name, ...rest }) => rest],
  ['two heads', (d) => withMembers(d, (m) => m.map((x, i) => (i === 1 ? { ...x, relationship: 'HEAD' } : x)))],
  [
    'no primary recipient',
    (d) => withMembers(d, (m) => m.map((x) => (x['recipient'] === 'PRIMARY' ? { ...x, recipient: 'NONE' } : x))),
  ],
  ['a roof type not in the list', (d) => ({ ...d, roof: 'GOLD' })],
  ['a negative number of rooms', (d) => ({ ...d, rooms: -2 })],
  [
    'a date of birth that is not a date',
    (d) => withMembers(d, (m) => m.map((x, i) => (i === 0 ? { ...x, dob: '1979-13-45' } : x))),
  ],
];

describe('device and server validation agree', () => {
  it.each(CASES)('%s', async (_name, edit) => {
    const data = edit(sampleHousehold(5));
    const device = validateAnswers(compileForm(definition), data, 'fr', { today: FINALIZED.slice(0, 10) });
    const doc: Submission = householdSubmission(enumerator.user.id, {
      formVersion: definition.version,
      data,
      meta: { ...householdSubmission(enumerator.user.id).meta, finalizedAt: FINALIZED },
    });
    const res = await server.as(enumerator.token, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      payload: [{ assumedMasterState: null, newDocumentState: doc }],
    });
    expect(res.statusCode).toBe(200);
    const [stored] = res.json<Submission[]>();
    expect(stored!.errors).toEqual(device.errors);
    expect(stored!.status).toBe(device.errors.length > 0 ? 'needs_correction' : 'pending_review');
    // Quarantined or not, the answers are stored exactly as received.
    expect(stored!.data).toEqual(data);
  });

  it('finds a problem in every invalid case', () => {
    for (const [name, edit] of CASES.slice(1)) {
      expect(
        validateAnswers(compileForm(definition), edit(sampleHousehold(5)), 'fr', { today: '2026-11-24' }).errors.length,
        name,
      ).toBeGreaterThan(0);
    }
  });

  it("quarantines an answer that contradicts the record's area", async () => {
    const data = { ...sampleHousehold(3), colline: 'CL03010102', zone: 'Z030101' };
    const doc = householdSubmission(enumerator.user.id, { formVersion: definition.version, data });
    const res = await server.as(enumerator.token, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      payload: [{ assumedMasterState: null, newDocumentState: doc }],
    });
    const [stored] = res.json<Submission[]>();
    expect(stored).toMatchObject({ status: 'needs_correction', errors: [{ path: 'colline' }] });
  });
});
