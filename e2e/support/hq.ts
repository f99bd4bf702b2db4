import type { APIRequestContext } from '@playwright/test';
import type { FormDoc, HouseholdPage, LoginResponse, RegistrySearchResponse, Submission } from '@kusanya/schemas';
import { randomUUID } from 'node:crypto';
import { grievanceAnswers, reportAnswers } from '@kusanya/tools/factories/records';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';

/** The second e2e server (playwright.config.ts): demo users plus a small synthetic registry and the programme's forms. */
export const hqBaseUrl = `http://127.0.0.1:${Number(process.env['E2E_PORT'] ?? 8181) + 1}`;

const strip = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '');

/** Data for the office tests, read through the API as an outside client would. */
export class HqData {
  constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  private async get<T>(path: string): Promise<T> {
    const res = await this.request.get(`${hqBaseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A current member whose name carries accents, with their household. */
  async accentedPerson(): Promise<{ firstName: string; lastName: string; householdCode: string; householdId: string }> {
    const browse = await this.get<RegistrySearchResponse>('/api/registry/search?limit=50');
    for (const hit of browse.items) {
      const page = await this.get<HouseholdPage>(`/api/registry/households/${hit.household!.id}`);
      const person = page.members.find(
        (m) =>
          m.endedAt === null && m.firstName && strip(`${m.firstName} ${m.lastName}`) !== `${m.firstName} ${m.lastName}`,
      );
      if (person)
        return {
          firstName: person.firstName!,
          lastName: person.lastName!,
          householdCode: page.household.code,
          householdId: page.household.id,
        };
    }
    throw new Error('No member with an accented name in the synthetic registry');
  }
}

export async function login(request: APIRequestContext, username: string): Promise<LoginResponse> {
  const res = await request.post(`${hqBaseUrl}/api/auth/login`, { data: { username, password: 'kusanya-demo' } });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()}`);
  return (await res.json()) as LoginResponse;
}

/** The demo enumerator sends one record of the newest version of `formId`, as a device would, and gets its answer. */
export async function pushRecord(
  request: APIRequestContext,
  formId: string,
  data: Submission['data'],
): Promise<Submission> {
  const { token, user } = await login(request, 'enumerator');
  const headers = { authorization: `Bearer ${token}` };
  const forms = (await (
    await request.get(`${hqBaseUrl}/api/sync/forms/pull?seq=0&limit=1000`, { headers })
  ).json()) as { documents: FormDoc[] };
  const form = forms.documents.filter((f) => f.formId === formId).at(-1)!;
  const now = new Date().toISOString();
  const doc = submissionFixture({
    formId,
    formVersion: form.version,
    data,
    meta: { enumeratorId: user.id, deviceId: 'e2e', startedAt: now, finalizedAt: now },
    updatedAt: Date.now(),
  });
  const res = await request.post(`${hqBaseUrl}/api/sync/submissions/push`, {
    headers,
    data: [{ assumedMasterState: null, newDocumentState: doc }],
  });
  if (!res.ok()) throw new Error(`push ${formId}: ${res.status()} ${await res.text()}`);
  const [answer] = (await res.json()) as Submission[];
  if (!answer) throw new Error(`push ${formId}: no answer`);
  return answer;
}

/** The demo supervisor decides on a record waiting for review (approve, or return with a comment). */
export async function decide(
  request: APIRequestContext,
  record: Pick<Submission, 'id' | 'rev'>,
  decision: { decision: 'approve' } | { decision: 'return'; comment: string },
): Promise<void> {
  const { token } = await login(request, 'supervisor');
  const res = await request.post(`${hqBaseUrl}/api/review/submissions/${record.id}/decision`, {
    headers: { authorization: `Bearer ${token}` },
    data: { ...decision, rev: record.rev },
  });
  if (!res.ok()) throw new Error(`${decision.decision} ${record.id}: ${res.status()} ${await res.text()}`);
}

/** An enumerator files a grievance in the demo colline; it becomes a ticket at once. */
export async function fileGrievance(
  request: APIRequestContext,
  over: Submission['data'] = {},
): Promise<{ description: string; code: string }> {
  const now = new Date().toISOString();
  const description = `Paiement de novembre non reçu (${randomUUID().slice(0, 8)})`;
  const answer = await pushRecord(
    request,
    'grievance',
    grievanceAnswers({
      reporter_name: 'Odette Kaneza',
      reporter_birth_year: 1988,
      incident_date: now.slice(0, 10),
      description,
      ...over,
    }),
  );
  const code = /GRV-\d{4}-\d{6}/.exec(answer.review?.comment ?? '')?.[0];
  if (answer.status !== 'approved' || !code)
    throw new Error(`grievance not turned into a ticket: ${JSON.stringify(answer)}`);
  return { description, code };
}

/** An enumerator sends a household survey of the demo colline: it waits for the supervisor's review. */
export async function fileHousehold(request: APIRequestContext): Promise<Submission> {
  const answer = await pushRecord(request, 'household_survey', sampleHousehold(4));
  if (answer.status !== 'pending_review')
    throw new Error(`household not waiting for review: ${JSON.stringify(answer)}`);
  return answer;
}

/** An indicator report of today in the demo colline, validated by the supervisor (dashboards count those). */
export async function fileReport(request: APIRequestContext, over: Submission['data'] = {}): Promise<void> {
  const answer = await pushRecord(
    request,
    'indicator_report',
    reportAnswers({ report_date: new Date().toISOString().slice(0, 10), ...over }),
  );
  if (answer.status !== 'pending_review') throw new Error(`report not waiting for review: ${JSON.stringify(answer)}`);
  await decide(request, answer, { decision: 'approve' });
}
