import type { FormImportResponse, LoginResponse } from '@kusanya/schemas';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_UPLOAD_MAX_BYTES, XLSX_MEDIA_TYPE } from '../src/routes/admin/form-import.js';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let admin: LoginResponse;
let shipped: Buffer;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login('admin');
  shipped = await readFile(new URL('../../forms/indicator_report.xlsx', import.meta.url));
});
afterAll(() => server.close());

const upload = (body: Buffer | string, { publish = false, token = admin.token, type = XLSX_MEDIA_TYPE } = {}) =>
  server.as(token, {
    method: 'POST',
    url: `/api/admin/forms/import${publish ? '?publish=true' : ''}`,
    headers: { 'content-type': type },
    payload: body,
  });

/** The shipped workbook with another version (and optionally another label for `observations`). */
async function variant(version: string, observationsLabel?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(shipped as unknown as ExcelJS.Buffer);
  const settings = workbook.getWorksheet('settings')!;
  settings.getRow(1).eachCell((cell, col) => {
    if (String(cell.value).trim() === 'version') settings.getRow(2).getCell(col).value = version;
  });
  if (observationsLabel) {
    const survey = workbook.getWorksheet('survey')!;
    let labelCol = 0;
    survey.getRow(1).eachCell((cell, col) => {
      if (String(cell.value).startsWith('label::Fr')) labelCol = col;
    });
    survey.eachRow((row) => {
      if (row.getCell(2).value === 'observations') row.getCell(labelCol).value = observationsLabel;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const pulledVersions = async (formId: string) => {
  const res = await server.as(admin.token, { method: 'GET', url: '/api/sync/forms/pull?seq=0&limit=1000' });
  return res
    .json<{ documents: { formId: string; version: string }[] }>()
    .documents.filter((d) => d.formId === formId)
    .map((d) => d.version);
};

describe('POST /api/admin/forms/import', () => {
  it('checks a workbook without publishing it, then publishes it as a new version devices pull', async () => {
    const next = await variant('2099010101');
    const checked = await upload(next);
    expect(checked.statusCode).toBe(200);
    expect(checked.json<FormImportResponse>()).toMatchObject({
      formId: 'indicator_report',
      version: '2099010101',
      outcome: 'checked',
    });
    // The checked form as devices would receive it (the admin screen previews it).
    const definition = checked.json<FormImportResponse>().definition!;
    expect(definition).toMatchObject({ formId: 'indicator_report', version: '2099010101' });
    expect(definition.fields.map((f) => f.name)).toContain('observations');
    expect(await pulledVersions('indicator_report')).not.toContain('2099010101');

    const published = await upload(next, { publish: true });
    expect(published.statusCode).toBe(200);
    expect(published.json<FormImportResponse>()).toMatchObject({
      outcome: 'published',
      title: { fr: "Rapport d'indicateurs d'activité" },
    });
    expect(published.json<FormImportResponse>().definition).toBeUndefined();
    expect(await pulledVersions('indicator_report')).toContain('2099010101');

    const again = await upload(next, { publish: true });
    expect(again.json<FormImportResponse>().outcome).toBe('unchanged');
  });

  it('refuses other content under a published version with 409', async () => {
    const res = await upload(await variant('2099010101', 'Remarques'), { publish: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('already-exists');
  });

  it('answers every problem of a broken workbook with sheet, row and column, and imports nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('survey').addRows([
      ['type', 'name', 'label', 'relevant'],
      ['text', 'name', 'Name', ''],
      ['frobnicate', 'code', 'Code', ''],
      ['integer', 'age', 'Age', '${agee} > 3'],
    ]);
    workbook.addWorksheet('settings').addRows([
      ['form_id', 'version'],
      ['broken', '1'],
    ]);
    const res = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), { publish: true });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation-failed');
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'survey', row: 3, column: 'type' }),
        expect.objectContaining({ sheet: 'survey', row: 4, column: 'relevant' }),
      ]),
    );
    expect(await pulledVersions('broken')).toEqual([]);
  });

  it('says clearly when the upload is not a workbook, empty, of another type or too big', async () => {
    const garbage = await upload(Buffer.from('this is not a spreadsheet'));
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.details[0].message).toMatch(/not a readable \.xlsx/);
    expect((await upload(Buffer.alloc(0))).statusCode).toBe(400);
    const json = await upload('{"formId":"x"}', { type: 'application/json' });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.message).toContain(XLSX_MEDIA_TYPE);
    expect((await upload('a,b', { type: 'text/csv' })).statusCode).toBe(415);
    const huge = await upload(Buffer.alloc(FORM_UPLOAD_MAX_BYTES + 1));
    expect(huge.statusCode).toBe(413);
  });

  it('is for admins only', async () => {
    const enumerator = await server.login('enumerator');
    expect((await upload(shipped, { token: enumerator.token })).statusCode).toBe(403);
    const anonymous = await server.app.inject({
      method: 'POST',
      url: '/api/admin/forms/import',
      headers: { 'content-type': XLSX_MEDIA_TYPE },
      payload: shipped,
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
