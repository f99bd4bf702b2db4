import type { FormDefinition, LoginResponse, Submission } from '@kusanya/schemas';
import { compileForm } from '@kusanya/shared/form/compile';
import { validateAnswers } from '@kusanya/shared/form/validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishForm } from '../src/usecases/forms.js';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';

/**
 * Issue 12, finding 5: regex() ran JavaScript's backtracking regular expressions, so a pattern like
 * `([a-z]+)+` against a 31-character answer cost 9.3 s per push and blocked every other push. With the
 * linear-time engine (shared/src/expr/regex.ts) the time is linear in the answer: these pushes (40
 * characters, where backtracking would take hours) are answered at once, and the device and the server
 * give the same verdict.
 */

const definition: FormDefinition = {
  formId: 'redos_probe',
  version: '1',
  title: { en: 'Regex probe' },
  languages: ['en'],
  defaultLanguage: 'en',
  areaField: 'colline',
  fields: [
    { type: 'text', name: 'colline', label: { en: 'Colline' } },
    {
      type: 'text',
      name: 'code',
      label: { en: 'Code' },
      constraint: "regex(., '([a-z]+)+') and not(regex(., '(a|aa)+b')) and not(regex(., '(a*)*b'))",
      constraintMessage: { en: 'Lower-case letters only' },
    },
  ],
  choices: {},
};

const evil = `${'a'.repeat(40)}!`;

let server: TestServer;
let enumerator: LoginResponse;

beforeAll(async () => {
  server = await startTestServer();
  enumerator = await server.login('enumerator');
  publishForm(server.app.ctx.forms, definition);
}, 60_000);
afterAll(() => server.close());

const submission = (code: string): Submission =>
  householdSubmission(enumerator.user.id, {
    formId: definition.formId,
    formVersion: definition.version,
    data: { colline: 'CL03010101', code },
  });

describe('regex() runs in linear time (issue 12, finding 5)', () => {
  it('answers a push whose answer makes a backtracking engine explode, and other pushes alongside', async () => {
    const push = (doc: Submission) =>
      server.as(enumerator.token, {
        method: 'POST',
        url: '/api/sync/submissions/push',
        payload: [{ assumedMasterState: null, newDocumentState: doc }],
      });
    const [slow, other] = await Promise.all([push(submission(evil)), push(submission('abc'))]);
    expect(slow.statusCode).toBe(200);
    expect(other.statusCode).toBe(200);
    const stored = (id: string) =>
      server
        .as(enumerator.token, { method: 'GET', url: '/api/sync/submissions/pull?seq=0&limit=1000' })
        .then((res) => res.json<{ documents: Submission[] }>().documents.find((d) => d.id === id));
    const rejected = submission(evil);
    await push(rejected);
    expect(await stored(rejected.id)).toMatchObject({
      status: 'needs_correction',
      errors: [{ path: 'code', message: 'Lower-case letters only' }],
    });
  });

  it('gives the verdict the device gives', () => {
    const form = compileForm(definition);
    expect(validateAnswers(form, { colline: 'x', code: evil }, 'en').errors).toEqual([
      { path: 'code', message: 'Lower-case letters only' },
    ]);
    expect(validateAnswers(form, { colline: 'x', code: 'abc' }, 'en').errors).toEqual([]);
  });
});
