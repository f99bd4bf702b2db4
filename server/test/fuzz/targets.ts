/**
 * The routes the fuzz test attacks, each with a generator of hostile requests that must all be refused with
 * a 4xx and a JSON error body, without changing the registry or the submissions.
 *
 * Adding a route (e.g. review or import on their branches): add a target with its own hostile cases
 * (malformed JSON, wrong types, huge strings and arrays, deep nesting, __proto__ keys, unknown forms and
 * versions, other users' ids, invalid UTF-8) and a number of runs; the total must stay ≥ 1,000.
 */
import type { Submission } from '@kusanya/schemas';
import fc from 'fast-check';
import { householdSubmission, SEEDED_HOUSEHOLD_VERSION } from '../helpers.js';
import {
  anyJsonValue,
  bigString,
  deepNesting,
  invalidUtf8,
  malformedJson,
  notAnObject,
  notAString,
  withPoisonKey,
} from './hostile.js';

export interface HostileRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  token?: string;
  contentType?: string;
  body?: string | Buffer;
  /** What the case is, for failure messages. */
  kind: string;
}

export interface FuzzContext {
  enumerator: { id: string; token: string };
  admin: { id: string; token: string };
  /** The demo supervisor (commune C0301, where `other.submission` waits for review). */
  supervisor: { id: string; token: string };
  /** Another enumerator of the same colline and one of their submissions. */
  other: { id: string; submission: Submission };
  /** A published form definition (JSON). */
  form: Record<string, unknown>;
  /** Ids of existing users (targets for hostile admin requests). */
  userIds: string[];
}

export interface Target {
  name: string;
  runs: number;
  cases(ctx: FuzzContext): fc.Arbitrary<HostileRequest>;
}

const json = (value: unknown) => JSON.stringify(value);
const row = (doc: unknown) => ({ assumedMasterState: null, newDocumentState: doc });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const set = (doc: Submission, path: string, value: unknown): unknown => {
  const copy = structuredClone(doc) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy;
};

/** Fields of a submission row and values that are wrong for them (type, format or range). */
const badFields = (doc: Submission, ctx: FuzzContext): fc.Arbitrary<[string, unknown]>[] => [
  fc.tuple(
    fc.constant('id'),
    fc.oneof(
      fc.integer(),
      fc.string({ maxLength: 40 }).filter((s) => !UUID.test(s)),
      fc.constant(bigString(10_000)),
    ),
  ),
  fc.tuple(
    fc.constant('formId'),
    fc.oneof(notAString, fc.constantFrom('Unknown Form', '../../etc/passwd', '', bigString(1000))),
  ),
  fc.tuple(fc.constant('formVersion'), fc.oneof(notAString, fc.constant(''), fc.constant(bigString(5000)))),
  fc.tuple(fc.constant('data'), notAnObject),
  fc.tuple(fc.constant('meta'), notAnObject),
  fc.tuple(fc.constant('meta.enumeratorId'), fc.oneof(notAString, fc.constant('not-a-uuid'))),
  fc.tuple(fc.constant('meta.area'), fc.oneof(notAString, fc.constantFrom('', 'CL 0301', bigString(100)))),
  fc.tuple(fc.constant('meta.startedAt'), fc.oneof(notAString, fc.constantFrom('yesterday', '2026-13-45'))),
  fc.tuple(
    fc.constant('meta.gps'),
    fc.oneof(
      notAnObject,
      fc.constant({ lat: 200, lon: 0, accuracy: 1 }),
      fc.constant({ lat: '1', lon: 0, accuracy: 1 }),
    ),
  ),
  fc.tuple(fc.constant('status'), fc.oneof(notAString, fc.constantFrom('hacked', 'approved', 'APPROVED'))),
  fc.tuple(
    fc.constant('review'),
    fc.oneof(fc.constant({ by: ctx.admin.id, at: '2026-11-24T08:00:00.000Z' }), fc.integer(), fc.string()),
  ),
  fc.tuple(
    fc.constant('errors'),
    fc.oneof(
      notAnObject.filter((v) => !Array.isArray(v)),
      fc.constant(Array.from({ length: 20_000 }, () => ({ path: 'a', message: 'b' }))),
    ),
  ),
  fc.tuple(fc.constant('rev'), fc.oneof(fc.string(), fc.double({ min: 0.1, max: 0.9 }), fc.constant(-1))),
  fc.tuple(fc.constant('updatedAt'), fc.oneof(fc.string(), fc.constant(-5))),
  fc.tuple(fc.constant('_deleted'), fc.oneof(fc.string(), fc.integer())),
  fc.tuple(fc.constant('unexpected'), anyJsonValue),
];

const push: Target = {
  name: 'push',
  runs: 320,
  cases: (ctx) => {
    const base = householdSubmission(ctx.enumerator.id);
    const req = (kind: string, body: string | Buffer, contentType = 'application/json'): HostileRequest => ({
      method: 'POST',
      path: '/api/sync/submissions/push',
      token: ctx.enumerator.token,
      contentType,
      body,
      kind: `push: ${kind}`,
    });
    const fresh = () => householdSubmission(ctx.enumerator.id);
    return fc.oneof(
      malformedJson.map((b) => req('malformed JSON', b)),
      notAnObject.filter((v) => !Array.isArray(v)).map((v) => req('not an array', json(v))),
      fc
        .array(
          anyJsonValue.filter((v) => v === null || typeof v !== 'object'),
          { minLength: 1, maxLength: 5 },
        )
        .map((v) => req('array of non-rows', json(v))),
      fc
        .oneof(...badFields(base, ctx))
        .map(([path, value]) => req(`wrong ${path}`, json([row(set(fresh(), path, value))]))),
      fc
        .constantFrom('assumedMasterState', 'newDocumentState')
        .chain((key) =>
          notAnObject.filter((v) => v !== null).map((v) => req(`wrong ${key}`, json([{ ...row(fresh()), [key]: v }]))),
        ),
      fc
        .constant(0)
        .map(() =>
          req(
            'huge string over 5 MB',
            json([row({ ...fresh(), data: { respondent_name: bigString(5 * 1024 * 1024) } })]),
          ),
        ),
      fc
        .integer({ min: 501, max: 2000 })
        .map((n) => req(`${n} rows`, json(Array.from({ length: n }, () => row(base))))),
      deepNesting.map((nested) =>
        req(
          'deep nesting in data',
          json([row({ ...fresh(), data: {} })]).replace('"data":{}', `"data":{"x":${nested}}`),
        ),
      ),
      withPoisonKey(json([row(base)])).map((b) => req('__proto__/constructor key', b)),
      fc.string({ minLength: 1, maxLength: 12 }).map((s) =>
        req(
          'unknown form of another user',
          json([
            row({
              ...fresh(),
              formId: `unknown_${s.replace(/[^a-z0-9_]/g, '')}`,
              formVersion: s || '1',
              meta: { ...base.meta, enumeratorId: ctx.other.id },
            }),
          ]),
        ),
      ),
      fc
        .constant(0)
        .map(() => req("another user's record id", json([row({ ...fresh(), id: ctx.other.submission.id })]))),
      fc
        .constant(0)
        .map(() =>
          req(
            "another user's enumerator id",
            json([row({ ...fresh(), meta: { ...base.meta, enumeratorId: ctx.other.id } })]),
          ),
        ),
      // A row for a colline outside the caller's areas is refused by itself (kept for its author, DESIGN §3 rule 6):
      // in a batch that also holds another user's row, the whole request is refused and none of it is stored.
      fc
        .constantFrom('CL05010101', 'C0301', 'BI', 'NOWHERE')
        .map((area) =>
          req(
            `area ${area} out of scope, beside another user's row`,
            json([
              row({ ...fresh(), meta: { ...base.meta, area } }),
              row({ ...fresh(), meta: { ...base.meta, enumeratorId: ctx.other.id } }),
            ]),
          ),
        ),
      invalidUtf8.map((b) => req('invalid UTF-8', b)),
      fc
        .constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x')
        .map((ct) => req(`content type ${ct}`, json([row(fresh())]), ct)),
    );
  },
};

const pull: Target = {
  name: 'pull',
  runs: 160,
  cases: (ctx) =>
    fc
      .oneof(
        fc.integer({ max: -1 }).map((n) => `seq=${n}`),
        fc
          .string({ minLength: 1, maxLength: 10 })
          .filter((s) => !/^\s*\d+\s*$/.test(s))
          .map((s) => `seq=${encodeURIComponent(s)}`),
        fc.constantFrom(
          'seq=1e400',
          'seq=1.5',
          'seq=%FF',
          'seq=1&seq=2',
          'seq[]=1',
          'limit=0',
          'limit=1001',
          'limit=-1',
          'limit=2.5',
          'limit=abc',
          'extra=1',
          '__proto__=1',
          'constructor=1',
        ),
        fc.integer({ min: 1001, max: 10 ** 9 }).map((n) => `limit=${n}`),
        fc.string({ minLength: 1, maxLength: 8 }).map((s) => `seq=0&${encodeURIComponent(`x${s}`)}=1`),
        fc.constant(`seq=${bigString(3000)}`),
      )
      .chain((query) =>
        fc.constantFrom('submissions', 'forms').map((collection): HostileRequest => ({
          method: 'GET',
          path: `/api/sync/${collection}/pull?${query}`,
          token: ctx.enumerator.token,
          kind: `pull ${collection}: ${query.slice(0, 60)}`,
        })),
      ),
};

const login: Target = {
  name: 'login',
  runs: 220,
  cases: () => {
    const req = (kind: string, body: string | Buffer, contentType = 'application/json'): HostileRequest => ({
      method: 'POST',
      path: '/api/auth/login',
      contentType,
      body,
      kind: `login: ${kind}`,
    });
    return fc.oneof(
      malformedJson.map((b) => req('malformed JSON', b)),
      notAnObject.map((v) => req('not an object', json(v))),
      fc
        .record({ username: notAString, password: fc.string({ minLength: 1 }) })
        .map((b) => req('username of the wrong type', json(b))),
      fc
        .record({ username: fc.string({ minLength: 1 }), password: notAString })
        .map((b) => req('password of the wrong type', json(b))),
      fc.record({ username: fc.constant(''), password: fc.constant('') }).map((b) => req('empty strings', json(b))),
      fc.constant(0).map(() => req('huge username', json({ username: bigString(100_000), password: 'x' }))),
      fc.constant(0).map(() => req('body over 1 MB', json({ username: 'a', password: bigString(1024 * 1024 + 10) }))),
      fc
        .array(fc.string(), { minLength: 1000, maxLength: 3000 })
        .map((a) => req('huge array', json({ username: a, password: 'x' }))),
      deepNesting.map((d) => req('deep nesting', `{"username":${d},"password":"x"}`)),
      withPoisonKey(json({ username: 'admin', password: 'kusanya-demo' })).map((b) =>
        req('__proto__/constructor key', b),
      ),
      fc
        .record({
          username: fc.constantFrom('ghost', 'enumerator', 'admin', 'Admin '),
          password: fc.string({ minLength: 1, maxLength: 30 }).filter((p) => p !== 'kusanya-demo'),
        })
        .map((b) => req('wrong credentials', json(b))),
      fc
        .dictionary(
          fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['username', 'password', 'deviceId'].includes(k)),
          fc.string(),
          { minKeys: 1, maxKeys: 3 },
        )
        .map((extra) => req('unknown fields', json({ username: 'admin', password: 'x', ...extra }))),
      invalidUtf8.map((b) => req('invalid UTF-8', b)),
      fc
        .constant(0)
        .map(() => req('form-encoded', 'username=admin&password=kusanya-demo', 'application/x-www-form-urlencoded')),
    );
  },
};

const areasImport: Target = {
  name: 'admin areas import',
  runs: 150,
  cases: (ctx) => {
    const req = (path: string, kind: string, body: string | Buffer, contentType = 'text/csv'): HostileRequest => ({
      method: 'POST',
      path,
      token: ctx.admin.token,
      contentType,
      body,
      kind: `${path.split('/').at(-1)}: ${kind}`,
    });
    const IMPORT = '/api/admin/areas/import';
    const PREVIEW = '/api/admin/areas/import/preview';
    const cell = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' '));
    return fc.oneof(
      fc.string({ minLength: 1, maxLength: 300 }).map((s) => req(IMPORT, 'random text', s)),
      fc
        .array(
          fc.tuple(
            cell,
            cell,
            cell.filter((l) => !['country', 'province', 'commune', 'zone', 'colline'].includes(l.trim().toLowerCase())),
            cell,
            cell,
          ),
          { minLength: 1, maxLength: 30 },
        )
        .map((rows) =>
          req(
            IMPORT,
            'rows with unknown levels',
            [
              'code,name,level,parent_code,scheme',
              ...rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')),
            ].join('\n'),
          ),
        ),
      fc
        .constantFrom('=HYPERLINK("http://evil")', '+cmd|calc', '@SUM(1)')
        .map((f) =>
          req(
            IMPORT,
            'formula cells and unknown parents',
            `code,name,level,parent_code,scheme\nX1,${f},colline,NOPARENT,2025\n`,
          ),
        ),
      fc.constant(0).map(() => req(IMPORT, 'file over 16 MB', bigString(16 * 1024 * 1024 + 1))),
      invalidUtf8.map((b) => req(IMPORT, 'invalid UTF-8', b)),
      invalidUtf8.map((b) => req(PREVIEW, 'invalid UTF-8', b)),
      fc.constant(0).map(() => req(PREVIEW, 'empty body', '')),
      fc.constant(0).map(() => req(PREVIEW, 'file over 16 MB', bigString(16 * 1024 * 1024 + 1))),
      fc
        .constantFrom(IMPORT, PREVIEW)
        .chain((p) => notAString.map((v) => req(p, 'JSON instead of CSV', json(v), 'application/json'))),
      fc
        .constantFrom('application/xml', 'application/octet-stream', 'image/png')
        .map((ct) => req(IMPORT, `content type ${ct}`, 'code,name\n', ct)),
    );
  },
};

const adminForms: Target = {
  name: 'admin forms',
  runs: 120,
  cases: (ctx) => {
    const req = (kind: string, body: string | Buffer, path = '/api/admin/forms'): HostileRequest => ({
      method: 'POST',
      path,
      token: ctx.admin.token,
      contentType: 'application/json',
      body,
      kind: `forms: ${kind}`,
    });
    const form = ctx.form;
    return fc.oneof(
      malformedJson.map((b) => req('malformed JSON', b)),
      notAnObject.map((v) => req('not an object', json(v))),
      fc
        .constantFrom('formId', 'version', 'title', 'languages', 'fields', 'choices')
        .chain((key) =>
          notAnObject.map((v) =>
            req(
              `wrong ${key}`,
              json({ ...form, version: 'fuzz-1', [key]: key === 'title' || key === 'choices' ? v : 5 }),
            ),
          ),
        ),
      fc
        .constant(0)
        .map(() =>
          req('definition over 4 MB', json({ ...form, version: 'fuzz-2', notes: bigString(4 * 1024 * 1024) })),
        ),
      deepNesting.map((d) =>
        req(
          'deep nesting',
          json({ ...form, version: 'fuzz-3', choices: {} }).replace('"choices":{}', `"choices":{"a":${d}}`),
        ),
      ),
      withPoisonKey(json({ ...form, version: 'fuzz-4' })).map((b) => req('__proto__/constructor key', b)),
      fc
        .string({ minLength: 1, maxLength: 8 })
        .map((s) => req('published version with other content', json({ ...form, notes: `changed ${s}` }))),
      invalidUtf8.map((b) => req('invalid UTF-8', b)),
      fc
        .tuple(
          fc.constantFrom('household_survey', 'unknown_form', 'grievance'),
          fc.string({ minLength: 1, maxLength: 10 }).filter((v) => v !== SEEDED_HOUSEHOLD_VERSION && !v.includes('/')),
        )
        .map(([formId, version]) =>
          req(
            'retire an unknown form or version',
            '',
            `/api/admin/forms/${formId}/${encodeURIComponent(version)}/retire`,
          ),
        ),
      fc
        .constantFrom('Bad Form', '__proto__', 'constructor', '..')
        .map((formId) =>
          req('retire with a bad form id', '', `/api/admin/forms/${encodeURIComponent(formId)}/1/retire`),
        ),
    );
  },
};

const adminUsers: Target = {
  name: 'admin users',
  runs: 100,
  cases: (ctx) => {
    const req = (kind: string, method: 'POST' | 'PATCH', path: string, body: string | Buffer): HostileRequest => ({
      method,
      path,
      token: ctx.admin.token,
      contentType: 'application/json',
      body,
      kind: `users: ${kind}`,
    });
    const good = {
      username: 'fuzz.user',
      password: 'a perfectly fine passphrase',
      role: 'enumerator',
      areas: ['CL03010101'],
    };
    return fc.oneof(
      malformedJson.map((b) => req('malformed JSON', 'POST', '/api/admin/users', b)),
      fc.constantFrom('username', 'password', 'role', 'areas').chain((key) =>
        anyJsonValue
          .filter((v) => typeof v !== 'string' || key === 'role' || key === 'areas')
          .map((v) =>
            req(
              `wrong ${key}`,
              'POST',
              '/api/admin/users',
              json({
                ...good,
                [key]:
                  key === 'areas' && Array.isArray(v)
                    ? ['NOWHERE', ...v.map(String)]
                    : key === 'role' && typeof v === 'string'
                      ? `x${v}`
                      : v,
              }),
            ),
          ),
      ),
      fc
        .constantFrom('password', '1234567890', 'fuzz.user', 'short')
        .map((password) => req('weak password', 'POST', '/api/admin/users', json({ ...good, password }))),
      fc
        .constantFrom('enumerator', 'ADMIN')
        .map((username) => req('existing username', 'POST', '/api/admin/users', json({ ...good, username }))),
      fc
        .constant(0)
        .map(() =>
          req(
            '5,001 areas',
            'POST',
            '/api/admin/users',
            json({ ...good, areas: Array.from({ length: 5001 }, () => 'CL03010101') }),
          ),
        ),
      fc.uuid().map((id) => req("unknown user's id", 'PATCH', `/api/admin/users/${id}`, json({ disabled: true }))),
      fc
        .string({ minLength: 1, maxLength: 20 })
        .map((id) =>
          req('malformed user id', 'PATCH', `/api/admin/users/${encodeURIComponent(id)}x`, json({ disabled: true })),
        ),
      fc.constantFrom(...ctx.userIds).chain((id) =>
        fc.oneof(
          fc.constant(req('empty change', 'PATCH', `/api/admin/users/${id}`, '{}')),
          anyJsonValue
            .filter((v) => typeof v !== 'boolean')
            .map((v) => req('disabled of the wrong type', 'PATCH', `/api/admin/users/${id}`, json({ disabled: v }))),
          fc.constant(req('unknown area', 'PATCH', `/api/admin/users/${id}`, json({ areas: ['NOWHERE'] }))),
          fc
            .constantFrom('short', 'azertyuiop', '')
            .map((password) =>
              req('weak reset password', 'POST', `/api/admin/users/${id}/password`, json({ password })),
            ),
        ),
      ),
      fc
        .uuid()
        .map((id) =>
          req(
            "unknown user's password",
            'POST',
            `/api/admin/users/${id}/password`,
            json({ password: 'a perfectly fine passphrase' }),
          ),
        ),
      deepNesting.map((d) => req('deep nesting', 'POST', '/api/admin/users', `{"username":${d}}`)),
      invalidUtf8.map((b) => req('invalid UTF-8', 'POST', '/api/admin/users', b)),
    );
  },
};

const review: Target = {
  name: 'review',
  runs: 150,
  cases: (ctx) => {
    const target = ctx.other.submission;
    const decide = (kind: string, body: string | Buffer, id: string = target.id): HostileRequest => ({
      method: 'POST',
      path: `/api/review/submissions/${encodeURIComponent(id)}/decision`,
      token: ctx.supervisor.token,
      contentType: 'application/json',
      body,
      kind: `review: ${kind}`,
    });
    const stale = { decision: 'approve', rev: 999_999 };
    return fc.oneof(
      malformedJson.map((b) => decide('malformed JSON', b)),
      notAnObject.map((v) => decide('not an object', json(v))),
      anyJsonValue
        .filter((v) => !['approve', 'reject', 'return'].includes(v as string))
        .map((v) => decide('unknown decision', json({ decision: v, rev: 1 }))),
      fc
        .oneof(fc.string(), fc.double({ min: 0.1, max: 0.9 }), fc.constant(-1))
        .map((rev) => decide('rev of the wrong type', json({ decision: 'approve', rev }))),
      fc
        .integer({ min: 1000, max: 1_000_000 })
        .map((rev) => decide('a revision the reviewer never saw', json({ decision: 'approve', rev }))),
      fc.constant(0).map(() => decide('reject without a reason', json({ decision: 'reject', rev: target.rev }))),
      fc
        .string({ maxLength: 30 })
        .filter((r) => r !== 'OTHER')
        .map((reason) =>
          decide('reject with an unknown reason', json({ decision: 'reject', rev: target.rev, reason: `x${reason}` })),
        ),
      fc
        .constantFrom('', '   ')
        .map((comment) => decide('return without a comment', json({ decision: 'return', rev: target.rev, comment }))),
      fc
        .constant(0)
        .map(() => decide('huge comment', json({ decision: 'return', rev: target.rev, comment: bigString(100_000) }))),
      withPoisonKey(json(stale)).map((b) => decide('__proto__/constructor key', b)),
      deepNesting.map((d) => decide('deep nesting', `{"decision":"approve","rev":1,"comment":${d}}`)),
      invalidUtf8.map((b) => decide('invalid UTF-8', b)),
      fc.uuid().map((id) => decide("another record's unknown id", json(stale), id)),
      fc.string({ minLength: 1, maxLength: 30 }).map((id) => decide('malformed id', json(stale), `${id}/../x`)),
      fc.oneof(fc.integer({ min: 1_000_000 }), fc.constantFrom('abc', '-1', '0')).map((id) => ({
        method: 'POST' as const,
        path: `/api/review/candidates/${id}/decision`,
        token: ctx.supervisor.token,
        contentType: 'application/json',
        body: json({ decision: 'same' }),
        kind: 'review: unknown candidate',
      })),
      anyJsonValue.map((items) => ({
        method: 'POST' as const,
        path: '/api/review/bulk-approve',
        token: ctx.supervisor.token,
        contentType: 'application/json',
        body: json({ items: Array.isArray(items) && items.length > 0 ? items : [items] }),
        kind: 'review: malformed bulk approval',
      })),
      fc.constant(0).map(() => ({
        method: 'POST' as const,
        path: '/api/review/bulk-approve',
        token: ctx.supervisor.token,
        contentType: 'application/json',
        body: json({ items: Array.from({ length: 501 }, () => ({ id: target.id, rev: 1 })) }),
        kind: 'review: over 500 records in one bulk approval',
      })),
      fc.constant(0).map(() => ({
        ...decide('an enumerator deciding', json({ decision: 'approve', rev: target.rev })),
        token: ctx.enumerator.token,
      })),
    );
  },
};

const formImport: Target = {
  name: 'admin XLSForm import',
  runs: 80,
  cases: (ctx) => {
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const upload = (kind: string, body: Buffer | string, contentType = XLSX, publish = true): HostileRequest => ({
      method: 'POST',
      path: `/api/admin/forms/import?publish=${publish}`,
      token: ctx.admin.token,
      contentType,
      body,
      kind: `XLSForm import: ${kind}`,
    });
    return fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 4096 }).map((bytes) => upload('random bytes', Buffer.from(bytes))),
      fc
        .uint8Array({ minLength: 1, maxLength: 512 })
        .map((bytes) => upload('a broken zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from(bytes)]))),
      fc.constant(0).map(() => upload('over 10 MB', Buffer.alloc(10 * 1024 * 1024 + 10, 1))),
      malformedJson.map((b) => upload('JSON instead of a workbook', b, 'application/json')),
      fc
        .constantFrom('text/plain', 'text/csv', 'multipart/form-data; boundary=x')
        .map((type) => upload(`content type ${type}`, 'survey,choices', type)),
      fc
        .constant(0)
        .map(() => ({ ...upload('an enumerator importing', Buffer.from('PK')), token: ctx.enumerator.token })),
    );
  },
};

const deviceExport: Target = {
  name: 'device export import',
  runs: 80,
  cases: (ctx) => {
    const upload = (kind: string, body: string | Buffer): HostileRequest => ({
      method: 'POST',
      path: '/api/sync/device-exports',
      token: ctx.admin.token,
      contentType: 'application/json',
      body,
      kind: `device export: ${kind}`,
    });
    const file = {
      format: 'kusanya-device-export',
      formatVersion: 1,
      exportedAt: '2026-11-25T16:00:00.000Z',
      appVersion: '0.1.0',
      deviceId: 'fuzz-tablet',
      user: { id: ctx.other.id, username: 'other.enumerator' },
      records: [{ assumedRev: null, doc: householdSubmission(ctx.other.id) }],
      checksum: 'sha256:0000',
    };
    return fc.oneof(
      malformedJson.map((b) => upload('malformed JSON', b)),
      notAnObject.map((v) => upload('not an object', json(v))),
      fc
        .string({ maxLength: 70 })
        .map((checksum) => upload('a checksum that does not match', json({ ...file, checksum }))),
      fc
        .constantFrom('format', 'formatVersion', 'user', 'records', 'deviceId')
        .chain((key) => anyJsonValue.map((v) => upload(`wrong ${key}`, json({ ...file, [key]: v })))),
      fc
        .constant(0)
        .map(() =>
          upload('20,000 records', json({ ...file, records: Array.from({ length: 20_000 }, () => file.records[0]) })),
        ),
      withPoisonKey(json(file)).map((b) => upload('__proto__/constructor key', b)),
      deepNesting.map((d) => upload('deep nesting', json(file).replace('"deviceId":"fuzz-tablet"', `"deviceId":${d}`))),
      invalidUtf8.map((b) => upload('invalid UTF-8', b)),
      fc.constant(0).map(() => ({ ...upload('an enumerator importing', json(file)), token: ctx.enumerator.token })),
    );
  },
};

export const TARGETS: Target[] = [
  push,
  pull,
  login,
  areasImport,
  adminForms,
  adminUsers,
  review,
  formImport,
  deviceExport,
];
