/**
 * Photos out of Kobo and into the MIS (issue 16 with issue 15's media store): a Kobo project's media download — a ZIP
 * laid out as kobocat stores attachments, `<user>/attachments/<formhub uuid>/<instance uuid>/<file>` (the paths its
 * records' `_attachments[].filename` give) — is imported with the records' JSON: each file matched to its record by
 * name, stored by SHA-256 and referenced by the record; what is missing, extra or hostile is reported and never
 * written. The records are then served with Kobo's `_attachments`, whose `download_url` gives the bytes to the same
 * token, under its assets and areas, audited, never as HTML.
 */
import type { FormDefinition, KoboMapping } from '@kusanya/schemas';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { publishForm } from '../src/usecases/forms.js';
import { createApiToken } from '../src/usecases/kobo/api-tokens.js';
import { importKobo, type KoboImportReport } from '../src/usecases/kobo/import.js';
import { startTestServer, type TestServer } from './helpers.js';
import { jpegLike } from './media/media-helpers.js';

const ASSET = 'aSiteVisitPhotosKobo01';
const OTHER = 'aOtherAssetNoPhotos001';
const FORMHUB = '0406d9a7f30f4c1eb5d7bad7e0d1cc02';
const KOBO_USER = 'bob_kobo';

const definition: FormDefinition = {
  formId: 'site_visit',
  version: '1',
  title: { en: 'Site visit' },
  languages: ['en'],
  defaultLanguage: 'en',
  areaField: 'colline',
  fields: [
    { type: 'text', name: 'colline', label: { en: 'Colline' } },
    { type: 'text', name: 'site_name', label: { en: 'Site' } },
    { type: 'image', name: 'site_photo', label: { en: 'Photo of the site' } },
    { type: 'image', name: 'signature', label: { en: 'Signature' }, appearance: 'signature' },
  ],
  choices: {},
};

const mapping = (uid: string): KoboMapping => ({
  formId: 'site_visit',
  asset: { uid, name: `Site visits ${uid}`, serves: uid === ASSET ? 'form' : 'imported' },
  defaults: 'last-segment',
  fields: {
    'site/colline': 'colline',
    'site/site_name': 'site_name',
    'site/site_photo': 'site_photo',
    'site/signature': 'signature',
  },
});

let server: TestServer;
let token: string;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  server = await startTestServer();
  const ctx = server.app.ctx;
  publishForm(ctx.forms, definition);
  ctx.koboAssets.register(mapping(ASSET), 'test');
  ctx.koboAssets.register(mapping(OTHER), 'test');
  token = tokenFor('mis-photos', [ASSET]);
}, 60_000);
afterAll(() => server.close());

function tokenFor(name: string, assets: [string, ...string[]], areas?: [string, ...string[]]) {
  const ctx = server.app.ctx;
  return createApiToken(
    { tokens: ctx.apiTokens, assetUids: () => ctx.koboAssets.list().map((a) => a.uid), locations: ctx.locationTree },
    { name, assets, ...(areas ? { areas } : {}) },
    'test',
  ).token;
}

/** Kobo's path of a record's file: what `_attachments[].filename` says and where the media ZIP puts it. */
const koboPath = (uuid: string, file: string) => `${KOBO_USER}/attachments/${FORMHUB}/${uuid}/${file}`;

/** A record as Kobo's API v2 exports it, with its `_attachments` (kpi's serializer keys). */
function koboRecord(id: number, files: Record<string, string>, extra: Record<string, unknown> = {}) {
  const uuid = v4();
  return {
    _id: id,
    _uuid: uuid,
    'formhub/uuid': FORMHUB,
    'meta/instanceID': `uuid:${uuid}`,
    _submission_time: '2026-02-03T09:10:11',
    _submitted_by: KOBO_USER,
    'site/colline': 'CL03010101',
    'site/site_name': `Site ${id}`,
    ...Object.fromEntries(Object.entries(files).map(([question, file]) => [question, file])),
    ...extra,
    _attachments: Object.entries(files).map(([question, file]) => ({
      uid: `att${v4().replace(/-/g, '').slice(0, 22)}`,
      filename: koboPath(uuid, file),
      mimetype: 'image/jpeg',
      media_file_basename: file,
      question_xpath: question,
      download_url: `https://kf.kobotoolbox.org/api/v2/assets/${ASSET}/data/${id}/attachments/x/`,
    })),
  };
}

/**
 * A ZIP built the way Kobo builds its media download (kobocat's attachment storage paths, files stored as they are).
 * `hostile` entries get names yazl itself refuses to write (`..`, absolute, backslashes): they are written under a
 * placeholder of the same length, then the name's bytes are replaced in the local and central headers.
 */
async function koboMediaZip(files: [string, Buffer][], hostile: [string, Buffer][] = []): Promise<string> {
  const zip = new ZipFile();
  const placeholders = hostile.map(([name], i) => `${String(i).padStart(2, '0')}${'x'.repeat(name.length - 2)}`);
  for (const [path, bytes] of files) zip.addBuffer(bytes, path, { compress: false });
  hostile.forEach(([, bytes], i) => zip.addBuffer(bytes, placeholders[i]!, { compress: true }));
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  let buffer = Buffer.concat(chunks);
  hostile.forEach(([name], i) => {
    const from = Buffer.from(placeholders[i]!);
    const to = Buffer.from(name);
    for (let at = buffer.indexOf(from); at >= 0; at = buffer.indexOf(from, at + 1)) to.copy(buffer, at);
  });
  const file = join(server.dataDir, `kobo-media-${v4()}.zip`);
  writeFileSync(file, buffer);
  buffer = Buffer.alloc(0);
  return file;
}

const runImport = (records: unknown[], media?: string, asset = ASSET): Promise<KoboImportReport> => {
  const file = join(server.dataDir, `kobo-${v4()}.json`);
  writeFileSync(file, JSON.stringify({ count: records.length, next: null, previous: null, results: records }));
  return importKobo(server.app.ctx.koboImport, {
    file,
    media,
    mapping: server.app.ctx.koboAssets.get(asset)!.row.mapping,
    asset,
    actor: 'test',
    reportFile: join(server.dataDir, `report-${v4()}.json`),
  });
};

const get = (url: string, auth = token) =>
  server.app.inject({ method: 'GET', url, headers: { host: 'mis.example.org', authorization: `Token ${auth}` } });
const pathOf = (url: string) => new URL(url).pathname;

interface Attachment {
  uid: string;
  id: number;
  filename: string;
  mimetype: string;
  media_file_basename: string;
  question_xpath: string;
  download_url: string;
  download_small_url: string;
}

describe('Kobo media ZIP import', () => {
  const photo = jpegLike(40_000);
  const signature = jpegLike(3_000);
  const kept = jpegLike(5_000);
  const disguised = Buffer.from('<html><script>alert(document.cookie)</script></html>');
  const evil = Buffer.from('escaped the media store');
  const a = koboRecord(9101, { 'site/site_photo': '1771932981412.jpg', 'site/signature': 'sig-1771932985899.png' });
  // A Kobo photo question the Kusanya form does not ask: the file stays with the record all the same.
  const b = koboRecord(9102, { 'site/site_photo': 'page.jpg', 'extra/receipt_photo': 'receipt.jpg' });
  // Listed in the JSON, absent from the ZIP.
  const c = koboRecord(9103, { 'site/site_photo': 'lost.jpg' });
  let report: KoboImportReport;

  beforeAll(async () => {
    const zip = await koboMediaZip(
      [
        [koboPath(a._uuid, '1771932981412.jpg'), photo],
        [koboPath(a._uuid, 'sig-1771932985899.png'), signature],
        [koboPath(b._uuid, 'page.jpg'), disguised],
        [koboPath(b._uuid, 'receipt.jpg'), kept],
        [koboPath(v4(), 'nobody.jpg'), jpegLike(100)],
      ],
      [
        [`../../../${koboPath(a._uuid, 'evil.jpg')}`, evil],
        [`/tmp/${koboPath(a._uuid, 'evil2.jpg')}`, evil],
        [`..\\..\\${a._uuid}\\evil3.jpg`, evil],
      ],
    );
    report = await runImport([a, b, c], zip);
  });

  it('stores the files the records name, by hash, and the records reference them by name, type, size and SHA-256', () => {
    expect(report).toMatchObject({ total: 3, refused: 0 });
    expect(report.media).toMatchObject({ stored: 4, referenced: 3 });
    const ctx = server.app.ctx;
    const doc = ctx.submissions.getMaster(a._uuid)!;
    expect(doc.data['site_photo']).toEqual({
      name: '1771932981412.jpg',
      type: 'image/jpeg',
      size: photo.length,
      sha256: sha(photo),
    });
    expect(doc.data['signature']).toMatchObject({ name: 'sig-1771932985899.png', sha256: sha(signature) });
    expect(ctx.media.filesOf(a._uuid).map((f) => [f.name, f.received])).toEqual([
      ['1771932981412.jpg', true],
      ['sig-1771932985899.png', true],
    ]);
    // The Kobo question Kusanya does not ask: the file is the record's too (and listed in the report).
    expect(ctx.media.filesOf(b._uuid).map((f) => [f.name, f.field, f.received])).toEqual([
      ['page.jpg', 'site_photo', true],
      ['receipt.jpg', 'extra/receipt_photo', true],
    ]);
    expect(report.media!.keptAside).toEqual([
      { index: 1, uuid: b._uuid, file: 'receipt.jpg', question: 'extra/receipt_photo' },
    ]);
  });

  it('reports what is missing (in the JSON, not in the ZIP) and what is extra, and keeps the missing answer', () => {
    expect(report.media!.missing).toEqual([{ index: 2, uuid: c._uuid, file: 'lost.jpg' }]);
    expect(report.media!.extra).toEqual([expect.stringMatching(/\/nobody\.jpg$/)]);
    // Nothing is lost: the answer naming the missing file is kept as Kobo's text and served back.
    expect(server.app.ctx.kobo.record(c._uuid)!.unmapped).toMatchObject({ 'site/site_photo': 'lost.jpg' });
  });

  it('never lets a hostile path in the ZIP reach the file system', () => {
    expect(report.media!.refused.map((r) => r.path)).toEqual([
      `../../../${koboPath(a._uuid, 'evil.jpg')}`,
      `/tmp/${koboPath(a._uuid, 'evil2.jpg')}`,
      // Backslashes read as separators (as Windows ZIP tools write them): a `..` all the same.
      `../../${a._uuid}/evil3.jpg`,
    ]);
    expect(report.media!.refused.every((r) => r.reason.startsWith('unsafe path'))).toBe(true);
    const blobs = server.app.ctx.media.blobs;
    expect(blobs.has(sha(evil))).toBe(false);
    for (const dir of [server.dataDir, join(server.dataDir, '..'), '/tmp'])
      expect(readdirSync(dir).filter((f) => f.startsWith('evil'))).toEqual([]);
    expect(existsSync(join(server.dataDir, KOBO_USER))).toBe(false);
  });

  it('gives a record imported before without its photos the photos of a later run with the ZIP', async () => {
    const later = jpegLike(7_000);
    const receipt = jpegLike(6_000);
    const d = koboRecord(9104, { 'site/site_photo': 'later.jpg', 'extra/receipt_photo': 'later-receipt.jpg' });
    const first = await runImport([d]);
    expect(first).toMatchObject({ created: 1, media: null });
    expect(server.app.ctx.media.filesOf(d._uuid)).toEqual([]);
    const zip = await koboMediaZip([
      [koboPath(d._uuid, 'later.jpg'), later],
      [koboPath(d._uuid, 'later-receipt.jpg'), receipt],
    ]);
    const second = await runImport([d], zip);
    expect(second).toMatchObject({ alreadyPresent: 1, created: 0, problems: [] });
    const doc = server.app.ctx.submissions.getMaster(d._uuid)!;
    expect(doc.data['site_photo']).toMatchObject({ name: 'later.jpg', sha256: sha(later) });
    expect(doc.data['site_name']).toBe('Site 9104');
    expect(server.app.ctx.media.filesOf(d._uuid).map((f) => [f.name, f.received])).toEqual([
      ['later.jpg', true],
      ['later-receipt.jpg', true],
    ]);
    // Again: nothing more to add, nothing changes.
    const third = await runImport([d], zip);
    expect(third).toMatchObject({ alreadyPresent: 1, problems: [] });
    expect(server.app.ctx.submissions.getMaster(d._uuid)!.rev).toBe(doc.rev);
  });

  it('refuses a file that is not a ZIP with a clear error, and writes the report', async () => {
    const notZip = join(server.dataDir, 'not-a.zip');
    writeFileSync(notZip, 'PK but not really');
    await expect(runImport([koboRecord(9200, {})], notZip)).rejects.toThrow(/not a readable ZIP/);
  });

  describe("served with Kobo's _attachments, fetched with the same token", () => {
    const pull = async (auth = token) => {
      const res = await get(`/api/v2/assets/${ASSET}/data?format=json`, auth);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      return res.json<{ results: Record<string, unknown>[] }>().results;
    };
    const attachmentsOf = (records: Record<string, unknown>[], uuid: string) =>
      records.find((r) => r['_uuid'] === uuid)!['_attachments'] as Attachment[];

    it("lists each received file with kpi's keys, matched to the image question's answer", async () => {
      const records = await pull();
      const served = records.find((r) => r['_uuid'] === a._uuid)!;
      expect(served['site/site_photo']).toBe('1771932981412.jpg');
      const list = attachmentsOf(records, a._uuid);
      expect(list).toHaveLength(2);
      const first = list.find((x) => x.media_file_basename === served['site/site_photo'])!;
      expect(first).toMatchObject({
        filename: koboPath(a._uuid, '1771932981412.jpg'),
        mimetype: 'image/jpeg',
        question_xpath: 'site/site_photo',
        is_deleted: false,
        instance: 9101,
        download_url: `http://mis.example.org/api/v2/assets/${ASSET}/data/9101/attachments/${first.uid}/`,
        download_small_url: `http://mis.example.org/api/v2/assets/${ASSET}/data/9101/attachments/${first.uid}/small/`,
      });
      expect(first.uid).toMatch(/^att[0-9A-Za-z]{22}$/);
      expect(Number.isSafeInteger(first.id)).toBe(true);
      // Not received: not listed (the MIS would fetch a 404).
      expect(attachmentsOf(records, c._uuid)).toEqual([]);
      // The Kobo question Kusanya does not ask is served back with its file.
      const receipt = records.find((r) => r['_uuid'] === b._uuid)!;
      expect(receipt['extra/receipt_photo']).toBe('receipt.jpg');
      expect(attachmentsOf(records, b._uuid).map((x) => x.question_xpath)).toEqual([
        'site/site_photo',
        'extra/receipt_photo',
      ]);
    });

    it('serves the bytes whose SHA-256 the record holds, with the right type, audited', async () => {
      const records = await pull();
      const doc = server.app.ctx.submissions.getMaster(a._uuid)!;
      for (const x of attachmentsOf(records, a._uuid)) {
        for (const url of [x.download_url, x.download_small_url]) {
          const res = await get(pathOf(url));
          expect(res.statusCode).toBe(200);
          const ref = Object.values(doc.data).find(
            (v) => (v as { name?: string } | null)?.name === x.media_file_basename,
          ) as { sha256: string };
          expect(sha(res.rawPayload)).toBe(ref.sha256);
          expect(res.headers['x-content-type-options']).toBe('nosniff');
        }
      }
      const photoRes = await get(pathOf(attachmentsOf(records, a._uuid)[0]!.download_url));
      expect(photoRes.headers['content-type']).toBe('image/jpeg');
      // kobocat's numeric id names the same file.
      const byId = await get(`/api/v2/assets/${ASSET}/data/9101/attachments/${attachmentsOf(records, a._uuid)[0]!.id}`);
      expect(sha(byId.rawPayload)).toBe(sha(photo));
      expect(server.app.ctx.audit.find({ action: 'kobo.attachment.read' }, 1)[0]).toMatchObject({
        actor: 'api-token:mis-photos',
        target: ASSET,
        outcome: 'success',
      });
    });

    it('never serves a file as HTML, whatever its name and declared type', async () => {
      const page = attachmentsOf(await pull(), b._uuid).find((x) => x.media_file_basename === 'page.jpg')!;
      const res = await get(pathOf(page.download_url));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(String(res.headers['content-disposition'])).toMatch(/^attachment;/);
      expect(res.headers['content-security-policy']).toContain('sandbox');
    });

    it('answers 401, 403 and 404 as the rest of the Kobo API, and only within the token’s areas', async () => {
      const x = attachmentsOf(await pull(), a._uuid)[0]!;
      const path = pathOf(x.download_url);
      const anonymous = await server.app.inject({ method: 'GET', url: path });
      expect(anonymous.statusCode).toBe(401);
      expect((await get(path, tokenFor('other-asset', [OTHER]))).statusCode).toBe(403);
      expect((await get(path.replace(ASSET, 'aNoSuchAssetAtAll0001'))).statusCode).toBe(404);
      expect((await get(path.replace('/9101/', '/9103/'))).statusCode).toBe(404);
      expect((await get(path.replace(x.uid, `att${'Z'.repeat(22)}`))).statusCode).toBe(404);
      // Another province's token: the record is not its to read, nor its file.
      const elsewhere = tokenFor('mis-p05', [ASSET], ['P05']);
      expect((await get(path, elsewhere)).statusCode).toBe(404);
      expect(server.app.ctx.audit.find({ action: 'kobo.attachment.read' }, 1)[0]).toMatchObject({
        actor: 'api-token:mis-p05',
        outcome: 'denied',
      });
      const records = await pull(elsewhere);
      expect(records.find((r) => r['_uuid'] === a._uuid)).toBeUndefined();
    });
  });
});
