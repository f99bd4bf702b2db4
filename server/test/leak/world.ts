/**
 * The world of the data-level leak test (leak.test.ts): records of every kind in three collines of two provinces,
 * each carrying unique marker strings, the callers (every role inside and outside those areas), and THE rule of who
 * may read each marker — written here from DESIGN.md §2 and §5, independently of the server's read policy.
 */
import type { Submission, User } from '@kusanya/schemas';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { mediaDirOf } from '../../src/config.js';
import { newId } from '../../src/domain/ids.js';
import type { LocationTree } from '../../src/domain/scope.js';
import { hashToken, newToken } from '../../src/domain/tokens.js';
import { registerHouseholdDoc } from '@kusanya/tools/factories/registry';
import { seededRandom, syntheticHouseholdAnswers, syntheticHouseholdDoc } from '@kusanya/tools/factories/households';
import { publishForm } from '../../src/usecases/forms.js';
import { createApiToken } from '../../src/usecases/kobo/api-tokens.js';
import { attachmentIdentity } from '../../src/usecases/kobo/attachments.js';
import { createUser } from '../../src/usecases/users.js';
import { householdSubmission, type TestServer } from '../helpers.js';
import { grievanceAnswers, reportAnswers } from '../hq-fixtures.js';

/** Three collines: A and C in province P03 (communes C0301 and C0302), B in province P05. */
export const A = 'CL03010101';
export const B = 'CL05010101';
export const C = 'CL03020101';
const PLACE: Record<string, { province: string; commune: string; zone: string }> = {
  [A]: { province: 'P03', commune: 'C0301', zone: 'Z030101' },
  [B]: { province: 'P05', commune: 'C0501', zone: 'Z050101' },
  [C]: { province: 'P03', commune: 'C0302', zone: 'Z030201' },
};
const PASSWORD = 'leak-test-password';

/**
 * What a marker is part of, which decides who may read it:
 * - registry: a registry household or person (the registry browser for HQ and supervisors; every role's device
 *   pulls the households of its areas);
 * - submission: answers of a record (household survey, indicator report) not yet in the registry: its author, and
 *   the supervisors and HQ of its area;
 * - grievance: a grievance that is not SENSITIVE: its author, the grievance officers, HQ and supervisors of its area;
 * - sensitive: a SENSITIVE grievance (GBV…), as a ticket or as a record waiting for correction: its author and the
 *   grievance officers of its area — never a supervisor, never HQ;
 * - author-only: a record pushed for a colline outside its author's areas: its author only;
 * - case-note: a comment or attached file of a ticket: those who handle the ticket (grievance officers of its area,
 *   HQ of its area unless SENSITIVE).
 * Administrators of the whole country download backups (the whole database, DESIGN §5): they may read everything.
 */
export type MarkerKind = 'registry' | 'submission' | 'grievance' | 'sensitive' | 'author-only' | 'case-note';

export interface Marker {
  text: string;
  kind: MarkerKind;
  /** The colline of the record. */
  area: string;
  /** Who captured it (its author reads it back through the sync pull). */
  authorId: string | null;
  sensitive: boolean;
  /** What it is, for failure messages. */
  what: string;
}

export interface Caller {
  label: string;
  user: User | null;
  token: string | null;
  /** Another system's API token (DESIGN.md §8, `Authorization: Token …`): the Kobo assets it reads, its areas. */
  apiToken?: { areas: string[] | null };
}

/** Ids of everything seeded, for the path parameters of the routes (pools by kind). */
export interface Pools {
  submissions: string[];
  tickets: string[];
  /** [ticket id, attachment id] of every attachment. */
  attachments: [string, string][];
  households: string[];
  users: string[];
  enumerators: string[];
  exports: string[];
  backups: string[];
  devices: string[];
  forms: { formId: string; version: string }[];
  indicators: string[];
  areas: string[];
  /** Kobo asset uids. */
  assets: string[];
  /** SHA-256 of the form media files (a choice list published with a form version). */
  formMedia: string[];
  /** [record id, file name] of every medium of a record (issue 15). */
  recordMedia: [string, string][];
  /** The same media as Kobo's API names them: the record's `_id` and the attachment's uid. */
  koboAttachments: [number, string][];
}

export interface LeakWorld {
  callers: Caller[];
  markers: Marker[];
  pools: Pools;
  tree: LocationTree;
  /** THE rule: whether this caller may read this marker. */
  mayRead(caller: Caller, marker: Marker): boolean;
}

export async function buildLeakWorld(server: TestServer): Promise<LeakWorld> {
  const ctx = server.app.ctx;
  const tree = ctx.locationTree();
  const random = seededRandom(1212);
  const markers: Marker[] = [];
  /** A unique word (names and searches treat it as one), remembered with what may read it. */
  const mark = (kind: MarkerKind, area: string, authorId: string | null, what: string, sensitive = false) => {
    const letters = Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
    const text = `Zqm${letters}`;
    markers.push({ text, kind, area, authorId, sensitive, what });
    return text;
  };

  const callers: Caller[] = [{ label: 'anonymous', user: null, token: null }];
  const users = new Map<string, User>();
  /** A bearer token of a fresh session of the user, on a device of its own. */
  const session = (user: User, device: string) => {
    const token = newToken();
    const now = new Date();
    ctx.sessions.create({
      id: newId(),
      tokenHash: hashToken(token),
      userId: user.id,
      deviceId: `leak-${device}`,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    return token;
  };
  for (const [username, role, areas] of [
    ['leak-enum-a', 'enumerator', [A]],
    ['leak-enum-a2', 'enumerator', [A]],
    ['leak-enum-b', 'enumerator', [B]],
    ['leak-enum-c', 'enumerator', [C]],
    ['leak-sup-c0301', 'supervisor', ['C0301']],
    ['leak-sup-c0302', 'supervisor', ['C0302']],
    ['leak-sup-c0501', 'supervisor', ['C0501']],
    ['leak-officer-p03', 'grievance_officer', ['P03']],
    ['leak-officer-p05', 'grievance_officer', ['P05']],
    ['leak-hq-bi', 'hq', ['BI']],
    ['leak-hq-p05', 'hq', ['P05']],
    ['leak-admin-bi', 'admin', ['BI']],
    ['leak-admin-p05', 'admin', ['P05']],
  ] as const) {
    const user = await createUser(ctx, { username, password: PASSWORD, role, areas: [...areas] });
    users.set(username, user);
    callers.push({ label: `${role} ${areas.join(',')} (${username})`, user, token: session(user, username) });
  }
  const tokenOf = (username: string) => callers.find((c) => c.user?.username === username)!.token!;
  const enumeratorOf = (area: string) => ({ [A]: 'leak-enum-a', [B]: 'leak-enum-b', [C]: 'leak-enum-c' })[area]!;
  const officerOf = (area: string) => (area === B ? 'leak-officer-p05' : 'leak-officer-p03');

  // A form version with a media file (a choice list, as forms of Kobo projects have): form media are read by every
  // signed-in user, as the forms themselves.
  const list = Buffer.from('name,label\nkibenga,Kibenga\n');
  const listSha = createHash('sha256').update(list).digest('hex');
  const base = ctx.forms.listLatest()[0]!.definition;
  publishForm(
    ctx.forms,
    {
      ...base,
      formId: 'leak_media',
      version: '2026120601',
      media: [{ name: 'leak-list.csv', type: 'text/csv', size: list.length, sha256: listSha }],
    },
    [{ sha256: listSha, content: list }],
  );

  const pools: Pools = {
    submissions: [],
    tickets: [],
    attachments: [],
    households: [],
    users: [...users.values()].map((u) => u.id),
    enumerators: [...users.values()].filter((u) => u.role === 'enumerator').map((u) => u.id),
    exports: [],
    backups: [],
    devices: [],
    forms: ctx.forms.listAll().map((f) => ({ formId: f.formId, version: f.version })),
    indicators: ctx.monitoring.indicators().map((i) => i.code),
    areas: [A, B, C, 'C0301', 'C0302', 'C0501', 'P03', 'P05', 'BI'],
    assets: ctx.koboAssets.list().map((a) => a.uid),
    formMedia: [listSha],
    recordMedia: [],
    koboAttachments: [],
  };
  // Other systems (the MIS) read every Kobo asset, for the whole country or for one province.
  for (const areas of [null, ['P05']] as const) {
    const { token } = createApiToken(
      { tokens: ctx.apiTokens, assetUids: () => pools.assets, locations: ctx.locationTree },
      {
        name: `leak-mis-${areas?.join('-') ?? 'bi'}`,
        assets: pools.assets as [string, ...string[]],
        ...(areas ? { areas: [...areas] as [string] } : {}),
      },
      'leak',
    );
    callers.push({
      label: `api-token ${areas?.join(',') ?? 'BI'}`,
      user: null,
      token,
      apiToken: { areas: areas ? [...areas] : null },
    });
  }
  const versionOf = (formId: string) => ctx.forms.listLatest().find((f) => f.formId === formId)!.definition.version;

  /**
   * Pushes a record as its author's device does. With `file`, the record gets a medium (issue 15) whose name and
   * bytes hold a marker of the record's own kind, received on the server: media are read under the record's policy.
   */
  const push = async (
    author: string,
    doc: Submission,
    expected: Submission['status'],
    file?: { kind: MarkerKind; sensitive?: boolean },
  ) => {
    let medium: { name: string; bytes: Buffer; sha256: string } | null = null;
    if (file) {
      const authorId = users.get(author)!.id;
      const words = mark(file.kind, doc.meta.area, authorId, `${doc.formId} file`, file.sensitive);
      const bytes = Buffer.from(
        `Note ${mark(file.kind, doc.meta.area, authorId, `${doc.formId} file bytes`, file.sensitive)}\n`,
      );
      medium = { name: `${words}.txt`, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    }
    const res = await server.as(tokenOf(author), {
      method: 'POST',
      url: '/api/sync/submissions/push',
      payload: [{ assumedMasterState: null, newDocumentState: doc }],
    });
    const stored = res.statusCode === 200 ? res.json<Submission[]>()[0] : undefined;
    if (stored?.status !== expected)
      throw new Error(`leak world: ${doc.formId} of ${author} not ${expected}: ${res.body.slice(0, 500)}`);
    pools.submissions.push(doc.id);
    if (medium) {
      // The forms have no file question: the reference is linked beside the stored record as a push would link it.
      const ref = { name: medium.name, type: 'text/plain', size: medium.bytes.length, sha256: medium.sha256 };
      ctx.media.linkRecord({ ...doc, data: { ...doc.data, note_file: ref } });
      const dir = join(mediaDirOf(ctx.config), 'leak');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, medium.sha256), medium.bytes);
      await ctx.media.receive(
        join(dir, medium.sha256),
        { submissionId: doc.id, sha256: medium.sha256 },
        medium.bytes.length,
      );
      pools.recordMedia.push([doc.id, medium.name]);
      pools.koboAttachments.push([ctx.kobo.numberOf(doc.id)!, attachmentIdentity(doc.id, medium.name).uid]);
    }
    return stored;
  };
  const record = (author: string, formId: string, data: Record<string, unknown>, area: string) =>
    householdSubmission(users.get(author)!.id, {
      id: v7(),
      formId,
      formVersion: versionOf(formId),
      data,
      meta: {
        enumeratorId: users.get(author)!.id,
        deviceId: `leak-${author}`,
        startedAt: '2026-11-24T08:00:00.000Z',
        finalizedAt: '2026-11-24T08:10:00.000Z',
        area,
      },
    });
  /** Household survey answers for a colline, every member named with markers of `kind`. */
  const survey = (area: string, kind: MarkerKind, authorId: string | null, what: string) => {
    const data = syntheticHouseholdAnswers(random, area);
    const members = (data['members'] as Record<string, unknown>[]).map((m, i) => ({
      ...m,
      first_name: mark(kind, area, authorId, `${what}, member ${i + 1} first name`),
      last_name: mark(kind, area, authorId, `${what}, member ${i + 1} last name`),
    }));
    return { ...data, members, respondent_name: mark(kind, area, authorId, `${what}, respondent`) };
  };

  const caseTickets: { area: string; sensitive: boolean; ticket: string }[] = [];
  for (const area of [A, B, C]) {
    const author = enumeratorOf(area);
    const authorId = users.get(author)!.id;
    const place = { ...PLACE[area]!, colline: area };

    // The registry: a household with its people (pulled by every device of the area, browsed by HQ and supervisors).
    const household = syntheticHouseholdDoc(random, area, pools.households.length + 700_000);
    household.values = { ...household.values, respondent_name: mark('registry', area, null, 'registry respondent') };
    household.members = household.members.map((m, i) => ({
      ...m,
      values: {
        ...m.values,
        first_name: mark('registry', area, null, `registry member ${i + 1} first name`),
        last_name: mark('registry', area, null, `registry member ${i + 1} last name`),
      },
    }));
    registerHouseholdDoc(ctx.registry, tree, household, 'leak');
    pools.households.push(household.id);

    // Records waiting for review: a household survey and an indicator report.
    await push(
      author,
      record(author, 'household_survey', survey(area, 'submission', authorId, 'survey'), area),
      'pending_review',
      { kind: 'submission' },
    );
    await push(
      author,
      record(
        author,
        'indicator_report',
        reportAnswers({ ...place, observations: mark('submission', area, authorId, 'report observations') }),
        area,
      ),
      'pending_review',
    );

    // Grievances: one ordinary, one SENSITIVE (GBV); each becomes a ticket at once.
    for (const sensitive of [false, true]) {
      const kind: MarkerKind = sensitive ? 'sensitive' : 'grievance';
      const doc = await push(
        author,
        record(
          author,
          'grievance',
          grievanceAnswers({
            ...place,
            ...(sensitive ? { category: 'VIOLENCE_GBV', subcategory: 'GBV_PHYSICAL' } : {}),
            reporter_name: mark(kind, area, authorId, `${sensitive ? 'GBV' : 'payment'} reporter name`, sensitive),
            description: mark(kind, area, authorId, `${sensitive ? 'GBV' : 'payment'} story`, sensitive),
          }),
          area,
        ),
        'approved',
        { kind, sensitive },
      );
      const ticket = ctx.grievances.bySubmission(doc.id)!.id;
      pools.tickets.push(ticket);
      caseTickets.push({ area, sensitive, ticket });
    }
  }

  // Colline A also holds: a GBV grievance sent back for correction (no ticket yet), a household survey sent back for
  // correction, a record its author pushed for colline B (kept for the author only), and a member whose national ID
  // matches a person of province P05 (a duplicate candidate outside the supervisor's areas).
  const authorA = users.get('leak-enum-a')!.id;
  await push(
    'leak-enum-a',
    record(
      'leak-enum-a',
      'grievance',
      grievanceAnswers({
        ...PLACE[A],
        colline: A,
        category: 'VIOLENCE_GBV',
        subcategory: 'GBV_PHYSICAL',
        reporter_phone: '12',
        reporter_name: mark('sensitive', A, authorA, 'GBV reporter waiting for correction', true),
        description: mark('sensitive', A, authorA, 'GBV story waiting for correction', true),
      }),
      A,
    ),
    'needs_correction',
    { kind: 'sensitive', sensitive: true },
  );
  await push(
    'leak-enum-a',
    record(
      'leak-enum-a',
      'household_survey',
      { ...survey(A, 'submission', authorA, 'survey to correct'), colline: C },
      A,
    ),
    'needs_correction',
  );
  // (Refused as a whole before issue 12; kept for its author only since.)
  await push(
    'leak-enum-a',
    record(
      'leak-enum-a',
      'household_survey',
      survey(B, 'author-only', authorA, 'survey for a colline not assigned'),
      B,
    ),
    'needs_correction',
    { kind: 'author-only' },
  ).catch(() => null);
  await push(
    'leak-enum-a',
    record(
      'leak-enum-a',
      'indicator_report',
      reportAnswers({
        ...PLACE[B],
        colline: B,
        observations: mark('author-only', B, authorA, 'report for a colline not assigned'),
      }),
      B,
    ),
    'needs_correction',
  ).catch(() => null);
  const far = syntheticHouseholdDoc(random, B, 799_999);
  far.members = far.members.map((m, i) => ({
    ...m,
    values: {
      ...m.values,
      first_name: mark('registry', B, null, `registry person of P05 ${i + 1}`),
      last_name: mark('registry', B, null, `registry person of P05 ${i + 1} (last name)`),
      ...(i === 0 ? { national_id: '4242/777.01' } : {}),
    },
  }));
  registerHouseholdDoc(ctx.registry, tree, far, 'leak');
  pools.households.push(far.id);
  const duplicate = survey(A, 'submission', authorA, 'survey with a duplicate in P05');
  (duplicate['members'] as Record<string, unknown>[])[0]!['national_id'] = '4242/777.01';
  const withCandidate = await push(
    'leak-enum-a',
    record('leak-enum-a', 'household_survey', duplicate, A),
    'pending_review',
  );
  if (ctx.review.candidatesOf(withCandidate.id).length === 0) throw new Error('leak world: no duplicate candidate');

  // Case notes: a comment and a file on each ticket, by a grievance officer of its area.
  for (const { area, sensitive, ticket } of caseTickets) {
    const officer = tokenOf(officerOf(area));
    const comment = await server.as(officer, {
      method: 'POST',
      url: `/api/grievances/tickets/${ticket}/comments`,
      payload: { body: `Appel: ${mark('case-note', area, null, 'case comment', sensitive)}` },
    });
    const file = await server.as(officer, {
      method: 'POST',
      url: `/api/grievances/tickets/${ticket}/attachments?filename=note.txt`,
      headers: { 'content-type': 'text/plain' },
      payload: `Note: ${mark('case-note', area, null, 'case file', sensitive)}`,
    });
    if (comment.statusCode !== 200 || file.statusCode !== 201) throw new Error('leak world: case notes refused');
    pools.attachments.push([ticket, file.json<{ id: string }>().id]);
  }

  // An export of HQ (its progress id), a backup, and the devices that synced.
  const exportId = v7();
  await server.as(tokenOf('leak-hq-bi'), { method: 'GET', url: `/api/exports/households?progressId=${exportId}` });
  pools.exports.push(exportId);
  pools.backups.push((await ctx.backups.run('admin')).file.replace(/\.sqlite$/, ''));
  ctx.deviceAdmin.flush();
  pools.devices.push(...ctx.devices.list(new Date().toISOString()).map((d) => d.deviceId));

  const covers = (caller: Caller, area: string) => caller.user !== null && tree.isWithin(area, caller.user.areas);
  const mayRead = (caller: Caller, m: Marker): boolean => {
    // Another system reads the records of its Kobo assets in its areas — SENSITIVE grievances included, as the MIS
    // contract requires (kobo-mis-contract.md) — never the registry, case notes or a record kept for its author.
    if (caller.apiToken) {
      const areas = caller.apiToken.areas;
      return ['submission', 'grievance', 'sensitive'].includes(m.kind) && (!areas || tree.isWithin(m.area, areas));
    }
    const user = caller.user;
    if (!user) return false;
    if (user.role === 'admin' && tree.isWithin(A, user.areas) && tree.isWithin(B, user.areas)) return true;
    const author = m.authorId === user.id;
    switch (m.kind) {
      case 'registry':
        return covers(caller, m.area);
      case 'submission':
        return author || ((user.role === 'supervisor' || user.role === 'hq') && covers(caller, m.area));
      case 'grievance':
        return author || (['supervisor', 'hq', 'grievance_officer'].includes(user.role) && covers(caller, m.area));
      case 'sensitive':
        return author || (user.role === 'grievance_officer' && covers(caller, m.area));
      case 'author-only':
        return author;
      case 'case-note':
        return (user.role === 'grievance_officer' || (user.role === 'hq' && !m.sensitive)) && covers(caller, m.area);
    }
  };
  return { callers, markers, pools, tree, mayRead };
}
