import type { APIRequestContext } from '@playwright/test';
import type { LoginResponse, Submission, SubmissionsPullResponse } from '@kusanya/schemas';
import { v7 } from 'uuid';

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
    const now = new Date();
    const doc: Submission = {
      id: v7(),
      formId: 'household_survey',
      formVersion: '2026.11.0',
      data: {
        colline: area,
        respondent_name: respondent,
        members: [{ first_name: 'Jean', last_name: respondent, sex: 'M', dob: '1980-03-01', relationship: 'HEAD' }],
      },
      meta: { enumeratorId: login.user.id, deviceId: 'e2e-first-tablet', startedAt: now.toISOString(), finalizedAt: now.toISOString(), area },
      status: 'submitted',
      review: null,
      errors: [],
      rev: 1,
      updatedAt: now.getTime(),
      _deleted: false,
    };
    const res = await this.request.post('/api/sync/submissions/push', {
      headers: { authorization: `Bearer ${login.token}` },
      data: [{ assumedMasterState: null, newDocumentState: doc }],
    });
    if (!res.ok()) throw new Error(`push: ${res.status()} ${await res.text()}`);
    return ((await res.json()) as Submission[])[0] ?? doc;
  }

  /** Every submission of the user, following checkpoints to the end. */
  async allSubmissions(token: string): Promise<Submission[]> {
    const all: Submission[] = [];
    for (let seq = 0; ; ) {
      const res = await this.request.get(`/api/sync/submissions/pull?seq=${seq}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as SubmissionsPullResponse;
      if (body.documents.length === 0) return all;
      all.push(...body.documents);
      seq = body.checkpoint.seq;
    }
  }
}
