/**
 * Policy entries of the media routes (issue 15): the tus upload routes (only a record's author, a capture role,
 * sends its files), a record's media list and files (read under the record's own policy: not-found for a record the
 * caller may not read), and the media ZIP (the export roles, holding only what the caller reads).
 */
import type { Submission, User } from '@kusanya/schemas';
import type { InjectOptions } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { mediaDirOf } from '../../src/config.js';
import { householdSubmission } from '../helpers.js';
import { grievanceAnswers } from '../hq-fixtures.js';
import { FAR_COLLINE, FIXTURE_COLLINE, type Actor, type Fixtures, type Role } from './fixtures.js';
import { get, refused, type Policy } from './policy-kit.js';

const CAPTURE: readonly Role[] = ['enumerator', 'supervisor'];
const MEDIA_READERS: readonly Role[] = ['enumerator', 'supervisor', 'grievance_officer', 'hq'];
const EXPORTERS: readonly Role[] = ['hq', 'supervisor', 'grievance_officer'];
const PLACES = {
  [FIXTURE_COLLINE]: { province: 'P03', commune: 'C0301', zone: 'Z030101', colline: FIXTURE_COLLINE },
  [FAR_COLLINE]: { province: 'P05', commune: 'C0501', zone: 'Z050101', colline: FAR_COLLINE },
};
const b64 = (text: string) => Buffer.from(text).toString('base64');

interface Medium {
  record: Submission;
  name: string;
  bytes: Buffer;
  sha256: string;
}

/** A record of `author` in `area` referencing one medium (unique bytes), pushed as the author's device does. */
async function recordWithMedium(f: Fixtures, author: User, area: string, formId: string, n: number): Promise<Medium> {
  const ctx = f.server.app.ctx;
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`policy ${n} `), randomBytes(64)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const name = `photo-${n}.jpg`;
  const version = ctx.forms.listLatest().find((x) => x.formId === formId)!.definition.version;
  const base = householdSubmission(author.id, {
    formId,
    formVersion: version,
    meta: { enumeratorId: author.id, deviceId: 'policy', finalizedAt: '2026-11-24T08:10:00.000Z', area },
  });
  const data = formId === 'grievance' ? grievanceAnswers(PLACES[area as keyof typeof PLACES]) : base.data;
  const record = { ...base, data: { ...data, photo: { name, type: 'image/jpeg', size: bytes.length, sha256 } } };
  const res = await f.server.as(f.token(author), {
    method: 'POST',
    url: '/api/sync/submissions/push',
    payload: [{ assumedMasterState: null, newDocumentState: record }],
  });
  if (res.statusCode !== 200) throw new Error(`media fixture push refused: ${res.body}`);
  return { record, name, bytes, sha256 };
}

/** Stores a medium on the server as a finished upload would. */
async function received(f: Fixtures, medium: Medium): Promise<Medium> {
  const ctx = f.server.app.ctx;
  const dir = join(mediaDirOf(ctx.config), 'policy');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, medium.sha256);
  writeFileSync(file, medium.bytes);
  await ctx.media.receive(file, { submissionId: medium.record.id, sha256: medium.sha256 }, medium.bytes.length);
  return medium;
}

/** Starts a tus upload of a medium as its author; answers the upload's path. */
async function started(f: Fixtures, author: User, medium: Medium): Promise<string> {
  const res = await f.server.as(f.token(author), creation(medium));
  if (res.statusCode !== 201) throw new Error(`media fixture upload refused: ${res.statusCode} ${res.body}`);
  return new URL(String(res.headers['location']), 'http://localhost').pathname;
}

const creation = (medium: Medium): InjectOptions => ({
  method: 'POST',
  url: '/api/media/uploads',
  headers: {
    'tus-resumable': '1.0.0',
    'upload-length': String(medium.bytes.length),
    'upload-metadata': `submissionId ${b64(medium.record.id)},sha256 ${b64(medium.sha256)}`,
  },
});

/**
 * The medium an actor sends: a capture role inside its areas sends its own record's file; anyone else is pointed
 * at an upload of another enumerator's record (outside capture roles must be refused it as out of scope).
 */
async function uploadFor(f: Fixtures, a: Actor, n: number): Promise<{ medium: Medium; path: string | null }> {
  const own = a.user !== null && a.inside && CAPTURE.includes(a.role as Role);
  const author = own ? a.user! : f.other;
  const medium = await recordWithMedium(f, author, FIXTURE_COLLINE, 'household_survey', n);
  return { medium, path: own ? await started(f, author, medium) : await started(f, f.other, medium) };
}

/**
 * A record with a received medium that the actor reads: a capture role its own; a grievance officer or HQ a
 * grievance of its areas (fixture colline inside, far colline outside) captured by that colline's enumerator.
 */
async function readableMedium(f: Fixtures, a: Actor, n: number): Promise<Medium> {
  if (a.user && CAPTURE.includes(a.role as Role))
    return received(f, await recordWithMedium(f, a.user, FIXTURE_COLLINE, 'household_survey', n));
  const colline = a.inside ? FIXTURE_COLLINE : FAR_COLLINE;
  return received(f, await recordWithMedium(f, a.inside ? f.other : f.far, colline, 'grievance', n));
}

/** A record another enumerator pushed for a colline outside their areas: kept for its author only, read by nobody else. */
const authorOnly = async (f: Fixtures, n: number) =>
  received(f, await recordWithMedium(f, f.other, FAR_COLLINE, 'household_survey', 10_000 + n));

const tusRequest = (method: 'HEAD' | 'PATCH' | 'DELETE') => async (f: Fixtures, a: Actor, n: number) => {
  const { medium, path } = await uploadFor(f, a, n);
  const base = { url: path ?? '/api/media/uploads/none', headers: { 'tus-resumable': '1.0.0' } };
  if (method !== 'PATCH') return { method, ...base };
  return {
    method,
    ...base,
    headers: { ...base.headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    payload: medium.bytes,
  } satisfies InjectOptions;
};

export const MEDIA_POLICY: Record<string, Policy> = {
  // Sending: only the author of a record (a capture role), after the record itself; another's record is refused.
  'POST /api/media/uploads': {
    allow: CAPTURE,
    scope: 'capture',
    request: async (f, a, n) => creation((await uploadFor(f, a, n)).medium),
    check: (res) => expect(String(res.headers['location'])).toMatch(/\/api\/media\/uploads\/[0-9a-f-]{36}$/),
  },
  'HEAD /api/media/uploads/:id': { allow: CAPTURE, scope: 'capture', request: tusRequest('HEAD') },
  'PATCH /api/media/uploads/:id': {
    allow: CAPTURE,
    scope: 'capture',
    request: tusRequest('PATCH'),
    // The whole file in one PATCH: checked against its hash and stored before the answer.
    check: (res) => expect(Number(res.headers['upload-offset'])).toBeGreaterThan(0),
  },
  'DELETE /api/media/uploads/:id': { allow: CAPTURE, scope: 'capture', request: tusRequest('DELETE') },

  // Reading: under the record's own policy; a record the caller may not read is not found.
  'GET /api/media/records/:id': {
    allow: MEDIA_READERS,
    scope: 'own',
    request: async (f, a, n) => get(`/api/media/records/${(await readableMedium(f, a, n)).record.id}`)(),
    check: (res) => expect(res.json()).toMatchObject({ missing: 0, files: [{ received: true }] }),
    probes: async (f, _a, n) => [
      refused(
        'a record kept for its author only',
        `/api/media/records/${(await authorOnly(f, n)).record.id}`,
        404,
        'not-found',
      ),
    ],
  },
  'GET /api/media/records/:id/files/:name': {
    allow: MEDIA_READERS,
    scope: 'own',
    request: async (f, a, n) => {
      const medium = await readableMedium(f, a, n);
      return get(`/api/media/records/${medium.record.id}/files/${medium.name}`)();
    },
    check: (res) => {
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    },
    probes: async (f, _a, n) => {
      const other = await authorOnly(f, n);
      return [
        refused(
          'a file of a record kept for its author only',
          `/api/media/records/${other.record.id}/files/${other.name}`,
          404,
          'not-found',
        ),
      ];
    },
  },
  'GET /api/media/export.zip': {
    allow: EXPORTERS,
    scope: 'own',
    request: get('/api/media/export.zip'),
    check: (res) => {
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    },
  },
};
