import type { APIRequestContext } from '@playwright/test';
import type {
  BulkApproveResponse,
  DecisionRequest,
  FormDefinition,
  FormsPullResponse,
  HouseholdPage,
  LoginResponse,
  RegistrySearchResponse,
  Submission,
  SubmissionsPullResponse,
} from '@kusanya/schemas';
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { householdData } from './household.js';
import { VISIT_FORM } from './visit-form.js';

export const DEMO_PASSWORD = 'kusanya-demo';

/** Talks to the real server's API, as an outside client would. */
export class Api {
  constructor(private readonly request: APIRequestContext) {}

  async login(username: string, password = DEMO_PASSWORD): Promise<LoginResponse> {
    const res = await this.request.post('/api/auth/login', { data: { username, password } });
    if (!res.ok()) throw new Error(`login ${username}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as LoginResponse;
  }

  /** Sends a household survey as a tablet would, and returns the server's state of it. */
  async pushHousehold(login: LoginResponse, respondent: string, area = 'CL03010101'): Promise<Submission> {
    return (await this.pushHouseholds(login, [respondent], area))[0]!;
  }

  /** Household surveys of `area`, one per respondent, sent in one push; the server's state of each. */
  async pushHouseholds(login: LoginResponse, respondents: readonly string[], area: string): Promise<Submission[]> {
    const now = new Date();
    const { version } = await this.formDefinition(login.token, 'household_survey');
    const docs = respondents.map((respondent): Submission =>
      submissionFixture({
        formId: 'household_survey',
        formVersion: version,
        data: householdData(respondent, area),
        meta: {
          enumeratorId: login.user.id,
          deviceId: 'e2e-first-tablet',
          startedAt: now.toISOString(),
          finalizedAt: now.toISOString(),
          area,
        },
        updatedAt: now.getTime(),
      }),
    );
    const answers = await this.push(login.token, docs);
    return docs.map((doc) => answers.find((a) => a.id === doc.id) ?? doc);
  }

  /** The records of `username` whose respondent's name starts with `prefix`, as the server holds them now. */
  async submissionsOf(prefix: string, username = 'enumerator'): Promise<Submission[]> {
    const { token } = await this.login(username);
    return (await this.allSubmissions(token)).filter((s) => String(s.data['respondent_name'] ?? '').startsWith(prefix));
  }

  /** A supervisor's decision on a record, through the review API. */
  async decide(id: string, decision: DecisionRequest, supervisor = 'supervisor'): Promise<void> {
    const { token } = await this.login(supervisor);
    const res = await this.request.post(`/api/review/submissions/${id}/decision`, {
      headers: { authorization: `Bearer ${token}` },
      data: decision,
    });
    if (!res.ok()) throw new Error(`decide ${id}: ${res.status()} ${await res.text()}`);
  }

  /** Approves records waiting for review together (those with no warnings and no duplicate candidates). */
  async bulkApprove(records: readonly Submission[], supervisor = 'supervisor'): Promise<BulkApproveResponse> {
    const { token } = await this.login(supervisor);
    const res = await this.request.post('/api/review/bulk-approve', {
      headers: { authorization: `Bearer ${token}` },
      data: { items: records.map((r) => ({ id: r.id, rev: r.rev })) },
    });
    if (!res.ok()) throw new Error(`bulk approve: ${res.status()} ${await res.text()}`);
    return (await res.json()) as BulkApproveResponse;
  }

  /** A registry household by its code, as HQ reads it (members, values, the history of every change). */
  async registryHousehold(code: string): Promise<HouseholdPage | null> {
    const { token } = await this.login('hq');
    const headers = { authorization: `Bearer ${token}` };
    const search = await this.request.get(`/api/registry/search?q=${encodeURIComponent(code)}`, { headers });
    if (!search.ok()) throw new Error(`search ${code}: ${search.status()} ${await search.text()}`);
    const hit = ((await search.json()) as RegistrySearchResponse).items.find((h) => h.household?.code === code);
    if (!hit?.household) return null;
    const page = await this.request.get(`/api/registry/households/${hit.household.id}`, { headers });
    if (!page.ok()) throw new Error(`household ${code}: ${page.status()} ${await page.text()}`);
    return (await page.json()) as HouseholdPage;
  }

  /** Every submission of the user, following checkpoints to the end. */
  async allSubmissions(token: string): Promise<Submission[]> {
    const all: Submission[] = [];
    for (let seq = 0; ;) {
      const res = await this.request.get(`/api/sync/submissions/pull?seq=${seq}&limit=1000`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as SubmissionsPullResponse;
      if (body.documents.length === 0) return all;
      all.push(...body.documents);
      seq = body.checkpoint.seq;
    }
  }

  /** Creates a user as the demo administrator (admin API). */
  async createUser(user: {
    username: string;
    password: string;
    role: string;
    areas: string[];
  }): Promise<{ id: string }> {
    const { token } = await this.login('admin');
    const res = await this.request.post('/api/admin/users', {
      data: user,
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status() !== 201) throw new Error(`create ${user.username}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as { id: string };
  }

  /** Sets a user's password as the demo administrator (ends all their sessions). */
  async resetPassword(userId: string, password: string): Promise<void> {
    const { token } = await this.login('admin');
    const res = await this.request.post(`/api/admin/users/${userId}/password`, {
      data: { password },
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok()) throw new Error(`reset password: ${res.status()} ${await res.text()}`);
  }

  /** Publishes the short test form (support/visit-form.ts) as the demo administrator; publishing it again is a no-op. */
  async publishVisitForm(): Promise<void> {
    const { token } = await this.login('admin');
    const res = await this.request.post('/api/admin/forms', {
      data: VISIT_FORM,
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok()) throw new Error(`publish visit form: ${res.status()} ${await res.text()}`);
  }

  /** The newest published definition of a form. */
  async formDefinition(token: string, formId: string): Promise<FormDefinition> {
    const res = await this.request.get('/api/sync/forms/pull?seq=0&limit=1000', {
      headers: { authorization: `Bearer ${token}` },
    });
    const versions = ((await res.json()) as FormsPullResponse).documents.filter((d) => d.formId === formId);
    const newest = versions.sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1))[0];
    if (!newest) throw new Error(`form ${formId} is not published`);
    return newest.definition;
  }

  /** Pushes submissions as a device would (`assumedMasterState: null`: new records). */
  async push(token: string, docs: Submission[]): Promise<Submission[]> {
    const res = await this.request.post('/api/sync/submissions/push', {
      headers: { authorization: `Bearer ${token}` },
      data: docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
    });
    if (!res.ok()) throw new Error(`push: ${res.status()} ${await res.text()}`);
    return (await res.json()) as Submission[];
  }
}
