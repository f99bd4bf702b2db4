import type { FormDoc, FormImportResponse, LoginResponse, Submission } from '@kusanya/schemas';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';

/**
 * Form media (issue 14.4): files uploaded with the workbook, checked against it, listed in the version's
 * definition (name, type, size, SHA-256), pulled by devices with the form and downloaded by hash; the
 * server validates answers against them exactly as the device does.
 */

let server: TestServer;
let admin: LoginResponse;
let enumerator: LoginResponse;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login('admin');
  enumerator = await server.login('enumerator');
}, 60_000);
afterAll(() => server.close());

async function workbook(version: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('survey').addRows([
    ['type', 'name', 'label', 'calculation', 'media::image', 'appearance'],
    ['text', 'colline_code', 'Colline code'],
    ['select_one_from_file collines.csv', 'colline', 'Colline', '', 'map.png', "search('collines')"],
    ['calculate', 'zone', '', "pulldata('collines', 'zone', 'name', ${colline})"],
    ['note', 'show', 'Zone: ${zone}'],
  ]);
  wb.addWorksheet('settings').addRows([
    ['form_id', 'version', 'area_field'],
    ['media_probe', version, 'colline'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const COLLINES = 'name,label,zone\nCL03010101,Mubuga,Z030101\nCL03010102,Nyamugari,Z030101\n';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A multipart/form-data body: the workbook and media files. */
function multipart(files: { field: string; name: string; content: Buffer | string }[]) {
  const boundary = `----kusanya${Math.random().toString(16).slice(2)}`;
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content),
      Buffer.from('\r\n'),
    ]),
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
  };
}

const upload = (body: ReturnType<typeof multipart>, publish: boolean) =>
  server.as(admin.token, { method: 'POST', url: `/api/admin/forms/import?publish=${publish}`, ...body });

describe('form media', () => {
  it('checks the workbook against its files, and refuses to publish without the data files it uses', async () => {
    const alone = multipart([{ field: 'workbook', name: 'media_probe.xlsx', content: await workbook('1') }]);
    const checked = await upload(alone, false);
    expect(checked.statusCode).toBe(200);
    expect(checked.json<FormImportResponse>().warnings.map((w) => w.message)).toEqual([
      "the form uses the media file 'collines.csv', which is not attached: attach it with the workbook",
      "the form uses the media file 'map.png', which is not attached: attach it with the workbook",
    ]);
    const published = await upload(alone, true);
    expect(published.statusCode).toBe(400);
    expect(published.json().error.details).toEqual([
      { sheet: '', row: 0, column: 'collines.csv', message: "the form media file 'collines.csv' is not attached" },
    ]);
  });

  it('answers a body that is not readable multipart with 400 and what was wrong, never a server error', async () => {
    for (const payload of [
      'not a multipart body',
      '--x\r\nContent-Disposition: form-data; name="workbook"; filename="a.xlsx"\r\n\r\ncut short',
    ]) {
      const res = await upload(
        { headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: Buffer.from(payload) },
        true,
      );
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'bad-request',
        message: expect.stringMatching(/not readable as multipart/) as string,
      });
    }
  });

  it('locates a problem in a file and in how the form uses it', async () => {
    const res = await upload(
      multipart([
        { field: 'workbook', name: 'media_probe.xlsx', content: await workbook('1') },
        { field: 'media', name: 'collines.csv', content: 'code;title\nCL1;"unterminated\n' },
      ]),
      false,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual(
      expect.objectContaining({
        sheet: '',
        column: 'collines.csv',
        message: expect.stringMatching(/cannot be read/) as string,
      }),
    );
    const wrongColumns = await upload(
      multipart([
        { field: 'workbook', name: 'media_probe.xlsx', content: await workbook('1') },
        { field: 'media', name: 'collines.csv', content: 'code,title\nCL1,One\n' },
      ]),
      false,
    );
    expect(wrongColumns.json().error.details).toContainEqual({
      sheet: 'survey',
      row: 3,
      column: 'type',
      message: "the file 'collines.csv' has no column 'name' for the choice values",
    });
  });

  it('publishes the files with the version; devices pull the list and download each file by its hash', async () => {
    const res = await upload(
      multipart([
        { field: 'workbook', name: 'media_probe.xlsx', content: await workbook('2') },
        { field: 'media', name: 'collines.csv', content: COLLINES },
        { field: 'media', name: 'map.png', content: PNG },
      ]),
      true,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json<FormImportResponse>()).toMatchObject({ formId: 'media_probe', version: '2', outcome: 'published' });
    const pulled = await server.as(enumerator.token, { method: 'GET', url: '/api/sync/forms/pull?seq=0&limit=1000' });
    const doc = pulled.json<{ documents: FormDoc[] }>().documents.find((d) => d.id === 'media_probe@2')!;
    const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
    expect(doc.definition.media).toEqual([
      { name: 'collines.csv', type: 'text/csv', size: COLLINES.length, sha256: sha(COLLINES) },
      { name: 'map.png', type: 'image/png', size: PNG.length, sha256: sha(PNG) },
    ]);
    const file = await server.as(enumerator.token, {
      method: 'GET',
      url: `/api/forms/media/${sha(COLLINES)}?name=collines.csv`,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/csv/);
    expect(file.body).toBe(COLLINES);
    const unknown = await server.as(enumerator.token, { method: 'GET', url: `/api/forms/media/${'0'.repeat(64)}` });
    expect(unknown.statusCode).toBe(404);
  });

  it('validates answers against the file on the server, as on the device', async () => {
    const push = (data: Record<string, unknown>) => {
      const doc: Submission = householdSubmission(enumerator.user.id, {
        formId: 'media_probe',
        formVersion: '2',
        data,
      });
      return server
        .as(enumerator.token, {
          method: 'POST',
          url: '/api/sync/submissions/push',
          payload: [{ assumedMasterState: null, newDocumentState: doc }],
        })
        .then(async (res) => {
          expect(res.statusCode).toBe(200);
          const mine = await server.as(enumerator.token, {
            method: 'GET',
            url: '/api/sync/submissions/pull?seq=0&limit=1000',
          });
          return mine.json<{ documents: Submission[] }>().documents.find((d) => d.id === doc.id)!;
        });
    };
    expect(await push({ colline: 'CL03010101', zone: 'Z030101' })).toMatchObject({ errors: [] });
    expect(await push({ colline: 'CL99999999' })).toMatchObject({
      status: 'needs_correction',
      errors: expect.arrayContaining([
        { path: 'colline', message: '« CL99999999 » ne fait pas partie des choix.' },
      ]) as unknown,
    });
  });
});
