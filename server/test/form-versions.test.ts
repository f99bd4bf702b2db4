import type { FormLabels, FormsPullResponse, LoginResponse, Submission } from '@kusanya/schemas';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFormWorkbook } from '../src/usecases/form-import.js';
import {
  householdSubmission,
  publishShippedForm,
  SEEDED_HOUSEHOLD_VERSION,
  startTestServer,
  type TestServer,
} from './helpers.js';
import { push } from './hq-fixtures.js';

/**
 * A new version of the household survey (2026120601: plain age wording, one message per recipient rule) on a
 * server that published the previous one (2026112402, kept in forms/versions/): records captured with the previous
 * version still reach the device, open with their own words, and go through review.
 */
const PREVIOUS = '2026112402';

let server: TestServer;
let enumerator: LoginResponse;
let supervisor: LoginResponse;

beforeAll(async () => {
  server = await startTestServer();
  const previous = await readFile(new URL(`../../forms/versions/household_survey-${PREVIOUS}.xlsx`, import.meta.url));
  await importFormWorkbook(server.app.ctx.forms, previous, { publish: true });
  await publishShippedForm(server, 'household_survey');
  enumerator = await server.login('enumerator');
  supervisor = await server.login('supervisor');
});
afterAll(() => server.close());

let family = 0;
/** A household whose second member's age is estimated, with names of its own (no duplicate candidates). */
function household(version: string): Submission {
  family += 1;
  const data = sampleHousehold(4);
  const members = (data['members'] as Record<string, unknown>[]).map((m, i) => {
    const { national_id: _id, dob: _dob, age_estimated: _age, ...rest } = m;
    const age = i === 1 ? { dob_known: 'no', age_estimated: 38 } : m['dob'] ? { dob: m['dob'] } : {};
    return { ...rest, ...age, first_name: `Versions${family}`, last_name: `Member${i}` };
  });
  return householdSubmission(enumerator.user.id, { formVersion: version, data: { ...data, members } });
}

const labels = async (version: string) => {
  const res = await server.as(supervisor.token, {
    method: 'GET',
    url: `/api/forms/household_survey/labels?version=${version}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FormLabels>();
};

describe('the household survey after its new version', () => {
  it('is the shipped version, and devices receive both versions', async () => {
    expect(SEEDED_HOUSEHOLD_VERSION).toBe('2026120601');
    const res = await server.as(enumerator.token, { method: 'GET', url: '/api/sync/forms/pull?seq=0&limit=100' });
    const versions = res
      .json<FormsPullResponse>()
      .documents.filter((f) => f.formId === 'household_survey')
      .map((f) => f.version);
    expect(versions.sort()).toEqual([PREVIOUS, SEEDED_HOUSEHOLD_VERSION]);
  });

  it.each([PREVIOUS, SEEDED_HOUSEHOLD_VERSION])(
    'takes, opens and approves a record captured with version %s, read with its own words',
    async (version) => {
      const doc = await push({ server, enumerator }, household(version));
      expect(doc.status, JSON.stringify(doc.errors)).toBe('pending_review');
      const detail = await server.as(supervisor.token, { method: 'GET', url: `/api/review/submissions/${doc.id}` });
      expect(detail.statusCode, detail.body).toBe(200);
      const age = (await labels(version)).repeats['members']?.['age_estimated']?.label;
      expect(age?.['fr']).toBe(version === PREVIOUS ? 'Âge estimé (années révolues)' : 'Âge estimé (en années)');
      const decided = await server.as(supervisor.token, {
        method: 'POST',
        url: `/api/review/submissions/${doc.id}/decision`,
        payload: { decision: 'approve', rev: doc.rev },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json()).toMatchObject({ household: { created: true }, submission: { status: 'approved' } });
    },
  );
});
