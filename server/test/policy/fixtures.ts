import { createHash } from 'node:crypto';
import type { FormDefinition, Submission, User } from '@kusanya/schemas';
import { roles } from '@kusanya/schemas';
import { newId } from '../../src/domain/ids.js';
import { hashPassword } from '../../src/domain/password.js';
import { hashToken, newToken } from '../../src/domain/tokens.js';
import { createUser } from '../../src/usecases/users.js';
import { registerHouseholdDoc } from '@kusanya/tools/factories/registry';
import { seededRandom, syntheticHouseholdDoc } from '@kusanya/tools/factories/households';
import { householdSubmission, type TestServer } from '../helpers.js';
import { grievanceAnswers, reportAnswers } from '../hq-fixtures.js';

export type Role = (typeof roles)[number];

/** Who calls a route in one case: nobody, or a user of a role whose areas contain the fixtures or not. */
export interface Actor {
  label: string;
  role: Role | 'anonymous';
  /** True when the actor's areas contain the fixture colline (CL03010101). */
  inside: boolean;
  user: User | null;
}

/** The fixture colline every area case is about, and areas outside it for each role. */
export const FIXTURE_COLLINE = 'CL03010101';
/** A colline inside every "outside" area (province P05) and outside every "inside" one but the country. */
export const FAR_COLLINE = 'CL05010101';
const PLACES: Record<string, { province: string; commune: string; zone: string; colline: string }> = {
  [FIXTURE_COLLINE]: { province: 'P03', commune: 'C0301', zone: 'Z030101', colline: FIXTURE_COLLINE },
  [FAR_COLLINE]: { province: 'P05', commune: 'C0501', zone: 'Z050101', colline: FAR_COLLINE },
};
const AREAS: Record<Role, { inside: string[]; outside: string[] }> = {
  enumerator: { inside: [FIXTURE_COLLINE], outside: ['CL05010101'] },
  supervisor: { inside: ['C0301'], outside: ['C0501'] },
  grievance_officer: { inside: ['P03'], outside: ['P05'] },
  hq: { inside: ['BI'], outside: ['P05'] },
  admin: { inside: ['BI'], outside: ['P05'] },
};

export const PASSWORD = 'policy-test-password';

export interface Fixtures {
  server: TestServer;
  actors: Actor[];
  /** A submission of another enumerator in the fixture colline (nobody else may pull it). */
  othersSubmission: Submission;
  backupName: string;
  form: FormDefinition;
  /** A fresh bearer token for a user (a new session, optionally on a device). */
  token(user: User, deviceId?: string): string;
  /** A throwaway user to act on (admin routes that change users). */
  victim(n: number): Promise<User>;
  /** A throwaway device that synced (admin device revoke). */
  device(n: number): Promise<string>;
  /** A freshly published form version (admin retire). */
  publishedVersion(n: number): string;
  /** The SHA-256 of a form media file a published version lists. */
  mediaSha: string;
  /** A record of another enumerator waiting for review in the fixture colline; `unique` avoids duplicate candidates. */
  pending(n: number, unique?: boolean): Promise<{ id: string; rev: number }>;
  /** An undecided duplicate candidate of a record in the fixture colline. */
  candidate(n: number): Promise<number>;
  /** A registry household in the fixture colline (devices of that colline pull it). */
  householdId: string;
  /** Another enumerator of the fixture colline (the author of `othersSubmission`). */
  other: User;
  /** The enumerator of the far colline (author of its grievances). */
  far: User;
  /** The registry code of `householdId`; grievance tickets of the fixture colline name it. */
  householdCode: string;
  /** A registry household in the far colline. */
  farHouseholdId: string;
  /** Grievance tickets, SENSITIVE (GBV) and not, in the fixture colline and the far one, each with an attachment. */
  tickets: FixtureTicket[];
  /** A fresh ticket (RECEIVED) of a kind, for routes that change tickets. */
  ticket(kind: TicketKind): Promise<{ id: string; version: number }>;
  /** The current version of a ticket. */
  ticketVersion(id: string): number;
  /** A validated indicator report in the fixture colline (quarter 2026-Q1). */
  reportId: string;
  /** An export started by someone else (the demo HQ account): nobody else may follow it. */
  othersExportId: string;
  /** Whether a location lies within an actor's areas. */
  inAreas(actor: Actor, code: string): boolean;
}

/** What sets tickets apart for access: the SENSITIVE flag and the colline. */
export interface TicketKind {
  sensitive: boolean;
  colline: typeof FIXTURE_COLLINE | typeof FAR_COLLINE;
}
export interface FixtureTicket extends TicketKind {
  id: string;
  attachmentId: string;
}

export async function buildFixtures(server: TestServer): Promise<Fixtures> {
  const ctx = server.app.ctx;
  const actors: Actor[] = [{ label: 'anonymous', role: 'anonymous', inside: false, user: null }];
  for (const role of roles) {
    for (const inside of [true, false]) {
      const user = await createUser(ctx, {
        username: `policy-${role}-${inside ? 'in' : 'out'}`,
        password: PASSWORD,
        role,
        areas: AREAS[role][inside ? 'inside' : 'outside'] as [string, ...string[]],
      });
      actors.push({ label: `${role} ${inside ? 'inside' : 'outside'}`, role, inside, user });
    }
  }

  const token = (user: User, deviceId = `policy-device-${user.username}`) => {
    const value = newToken();
    const now = new Date();
    ctx.sessions.create({
      id: newId(),
      tokenHash: hashToken(value),
      userId: user.id,
      deviceId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    return value;
  };

  const other = await createUser(ctx, {
    username: 'policy-other-enumerator',
    password: PASSWORD,
    role: 'enumerator',
    areas: [FIXTURE_COLLINE],
  });
  const othersSubmission = householdSubmission(other.id);
  const pushed = await server.as(token(other), {
    method: 'POST',
    url: '/api/sync/submissions/push',
    payload: [{ assumedMasterState: null, newDocumentState: othersSubmission }],
  });
  if (pushed.statusCode !== 200) throw new Error(`fixture push failed: ${pushed.body}`);

  // Throwaway users share one password hash (scrypt is deliberately slow).
  const passwordHash = await hashPassword(PASSWORD);
  const quickUser = (username: string): User => {
    const user: User = { id: newId(), username, role: 'enumerator', areas: [FIXTURE_COLLINE] };
    const now = new Date().toISOString();
    ctx.users.create({ ...user, passwordHash, createdAt: now });
    return user;
  };

  const backup = await ctx.backups.run('admin');
  const form: FormDefinition = ctx.forms.listLatest().find((f) => f.formId === 'household_survey')!.definition;
  const mediaContent = Buffer.from('name,label\npolicy,Policy\n');
  const mediaSha = createHash('sha256').update(mediaContent).digest('hex');
  ctx.forms.insertPublished(
    {
      ...form,
      version: 'policy-media',
      media: [{ name: 'policy.csv', type: 'text/csv', size: mediaContent.length, sha256: mediaSha }],
    },
    new Date().toISOString(),
    [{ sha256: mediaSha, content: mediaContent }],
  );

  const otherToken = token(other);
  const household = syntheticHouseholdDoc(seededRandom(5), FIXTURE_COLLINE, 900_001);
  registerHouseholdDoc(ctx.registry, ctx.locationTree(), household, 'policy');
  const pending = async (n: number, unique = false) => {
    const doc = householdSubmission(other.id);
    if (unique) {
      const members = (doc.data['members'] as Record<string, unknown>[]).map((m, i) => ({
        ...m,
        last_name: `Policy ${n} ${i}`,
        national_id: undefined,
      }));
      doc.data = { ...doc.data, members };
    }
    const res = await server.as(otherToken, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      payload: [{ assumedMasterState: null, newDocumentState: doc }],
    });
    const [stored] = res.json<Submission[]>();
    if (res.statusCode !== 200 || stored?.status !== 'pending_review')
      throw new Error(`fixture record not pending: ${res.body}`);
    return { id: stored.id, rev: stored.rev };
  };

  // The far colline: a household and an enumerator (grievances from there are tickets of province P05).
  const farHousehold = syntheticHouseholdDoc(seededRandom(6), FAR_COLLINE, 900_002);
  registerHouseholdDoc(ctx.registry, ctx.locationTree(), farHousehold, 'policy');
  const far = await createUser(ctx, {
    username: 'policy-far-enumerator',
    password: PASSWORD,
    role: 'enumerator',
    areas: [FAR_COLLINE],
  });
  const farToken = token(far);

  const pushOne = async (authorToken: string, doc: Submission, status: Submission['status']) => {
    const res = await server.as(authorToken, {
      method: 'POST',
      url: '/api/sync/submissions/push',
      payload: [{ assumedMasterState: null, newDocumentState: doc }],
    });
    const [stored] = res.json<Submission[]>();
    if (res.statusCode !== 200 || stored?.status !== status)
      throw new Error(`fixture ${doc.formId} not ${status}: ${res.body}`);
    return stored;
  };
  const versionOf = (formId: string) => ctx.forms.listLatest().find((x) => x.formId === formId)!.definition.version;
  const captured = (author: User, formId: string, data: Record<string, unknown>, area: string) =>
    householdSubmission(author.id, {
      formId,
      formVersion: versionOf(formId),
      data,
      meta: { enumeratorId: author.id, deviceId: 'policy', finalizedAt: '2026-11-24T08:10:00.000Z', area },
    });

  /** A grievance pushed by the enumerator of its colline; it becomes a ticket at once. */
  const ticket = async (kind: TicketKind) => {
    const inFixture = kind.colline === FIXTURE_COLLINE;
    const data = grievanceAnswers({
      ...PLACES[kind.colline],
      ...(kind.sensitive ? { category: 'VIOLENCE_GBV', subcategory: 'GBV_PHYSICAL' } : {}),
      ...(inFixture ? { household_code: household.code } : {}),
    });
    const doc = await pushOne(
      inFixture ? otherToken : farToken,
      captured(inFixture ? other : far, 'grievance', data, kind.colline),
      'approved',
    );
    const made = ctx.grievances.bySubmission(doc.id);
    if (!made) throw new Error('fixture grievance has no ticket');
    return { id: made.id, version: ctx.grievanceCases.get(made.id)!.version };
  };
  const officerOf = (colline: string) =>
    actors.find((a) => a.role === 'grievance_officer' && a.inside === (colline === FIXTURE_COLLINE))!.user!;
  const tickets: FixtureTicket[] = [];
  for (const colline of [FIXTURE_COLLINE, FAR_COLLINE] as const) {
    for (const sensitive of [true, false]) {
      const { id } = await ticket({ sensitive, colline });
      const res = await server.as(token(officerOf(colline)), {
        method: 'POST',
        url: `/api/grievances/tickets/${id}/attachments?filename=policy-note.txt`,
        headers: { 'content-type': 'text/plain' },
        payload: `policy note of ${id}`,
      });
      if (res.statusCode !== 201) throw new Error(`fixture attachment failed: ${res.body}`);
      tickets.push({ sensitive, colline, id, attachmentId: res.json<{ id: string }>().id });
    }
  }

  // A validated indicator report of the fixture colline.
  const report = await pushOne(
    otherToken,
    captured(other, 'indicator_report', reportAnswers(), FIXTURE_COLLINE),
    'pending_review',
  );
  const supervisor = actors.find((a) => a.role === 'supervisor' && a.inside)!.user!;
  const approved = await server.as(token(supervisor), {
    method: 'POST',
    url: `/api/review/submissions/${report.id}/decision`,
    payload: { decision: 'approve', rev: report.rev },
  });
  if (approved.statusCode !== 200) throw new Error(`fixture report approval failed: ${approved.body}`);

  const othersExportId = newId();
  const exported = await server.as(token(ctx.users.findByUsername('hq')!), {
    method: 'GET',
    url: `/api/exports/households?progressId=${othersExportId}`,
  });
  if (exported.statusCode !== 200) throw new Error(`fixture export failed: ${exported.body}`);

  if (!household.code) throw new Error('fixture household has no code');
  return {
    householdId: household.id,
    householdCode: household.code,
    farHouseholdId: farHousehold.id,
    other,
    far,
    tickets,
    ticket,
    ticketVersion: (id) => ctx.grievanceCases.get(id)!.version,
    reportId: report.id,
    othersExportId,
    inAreas: (actor, code) => actor.user !== null && ctx.locationTree().isWithin(code, actor.user.areas),
    pending,
    async candidate(n) {
      const first = await pending(n, true);
      const firstDoc = ctx.submissions.getMaster(first.id)!;
      const copy = householdSubmission(other.id, { data: firstDoc.data });
      const res = await server.as(otherToken, {
        method: 'POST',
        url: '/api/sync/submissions/push',
        payload: [{ assumedMasterState: null, newDocumentState: copy }],
      });
      if (res.statusCode !== 200) throw new Error(`fixture duplicate push failed: ${res.body}`);
      const found = ctx.review.candidatesOf(copy.id)[0];
      if (!found) throw new Error('fixture duplicate has no candidate');
      return found.id;
    },
    server,
    actors,
    othersSubmission,
    backupName: backup.file.replace(/\.sqlite$/, ''),
    form,
    mediaSha,
    token,
    victim: async (n) => quickUser(`policy-victim-${n}`),
    async device(n) {
      const user = quickUser(`policy-device-owner-${n}`);
      const deviceId = `policy-lost-tablet-${n}`;
      const res = await server.as(token(user, deviceId), { method: 'GET', url: '/api/sync/forms/pull?seq=0&limit=1' });
      if (res.statusCode !== 200) throw new Error(`fixture device sync failed: ${res.body}`);
      return deviceId;
    },
    publishedVersion(n) {
      const version = `policy-retire-${n}`;
      ctx.forms.insertPublished({ ...form, version }, new Date().toISOString());
      return version;
    },
  };
}
