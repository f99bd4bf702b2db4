import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { LoginResponse, Submission } from '@kusanya/schemas';
import { DEMO_PASSWORD, demoSeedDeps, seedDemoIfEmpty } from '@kusanya/tools/seed/demo';
import { householdSubmission } from './helpers.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
let dataDir: string;

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'server/src/cli/main.ts'), ...args],
      {
        env: { ...process.env, DATA_DIR: dataDir },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kusanya-cli-'));
  const app = await buildApp({ ...loadConfig({}), dataDir, clientDir: null, logLevel: 'silent' });
  await seedDemoIfEmpty(demoSeedDeps(app.ctx.db));
  await app.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run cli', () => {
  it('adds a user who can then log in, and lists users as JSON', async () => {
    const added = await cli(
      'user',
      'add',
      '--username',
      'jean',
      '--password',
      'long-enough-1',
      '--role',
      'enumerator',
      '--areas',
      'CL03010101',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ username: 'jean', role: 'enumerator', areas: ['CL03010101'] });
    const list = await cli('user', 'list', '--json');
    expect(JSON.parse(list.stdout).map((u: { username: string }) => u.username)).toContain('jean');

    const app = await buildApp({ ...loadConfig({}), dataDir, clientDir: null, logLevel: 'silent' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'jean', password: 'long-enough-1' },
    });
    expect(login.statusCode).toBe(200);
    await app.close();
  });

  it('explains every problem with a user and exits non-zero', async () => {
    const res = await cli(
      'user',
      'add',
      '--username',
      'x',
      '--password',
      'short',
      '--role',
      'boss',
      '--areas',
      'NOWHERE',
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Use at least 10 characters');
    expect(res.stderr).toContain('Role must be one of');
    expect(res.stderr).toContain('Unknown area NOWHERE');
  });

  it('disables a user', async () => {
    expect((await cli('user', 'disable', 'supervisor')).code).toBe(0);
    const list = JSON.parse((await cli('user', 'list', '--json')).stdout) as { username: string; disabled: boolean }[];
    expect(list.find((u) => u.username === 'supervisor')?.disabled).toBe(true);
  });

  it('lists areas, saying the demo hierarchy is a sample', async () => {
    const res = await cli('area', 'list', '--level', 'commune');
    expect(res.stdout).toContain('C0301');
    expect(res.stdout).toContain('sample data');
    expect(res.stdout).not.toContain('CL03010101');
  });

  it('imports an XLSForm: checks it, then publishes it as a new version, and lists it', async () => {
    const shipped = join(root, 'forms/indicator_report.xlsx');
    // The demo seed already published the shipped workbook: the same content is a no-op.
    const again = await cli('form', 'import', shipped, '--publish', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ formId: 'indicator_report', outcome: 'unchanged' });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(shipped);
    const settings = workbook.getWorksheet('settings')!;
    let versionColumn = 0;
    settings.getRow(1).eachCell((cell, col) => {
      if (String(cell.value).trim() === 'version') versionColumn = col;
    });
    settings.getRow(2).getCell(versionColumn).value = '2099010101';
    const file = join(dataDir, 'indicator_report-next.xlsx');
    await workbook.xlsx.writeFile(file);

    const checked = await cli('form', 'import', file);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/indicator_report version 2099010101 is valid/);
    const published = await cli('form', 'import', file, '--publish', '--json');
    expect(JSON.parse(published.stdout)).toMatchObject({
      formId: 'indicator_report',
      version: '2099010101',
      outcome: 'published',
    });
    expect((await cli('form', 'list')).stdout).toContain('2099010101');
  });

  it('lists every problem of a broken XLSForm with sheet, row and column, and publishes nothing', async () => {
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
    const file = join(dataDir, 'broken.xlsx');
    await workbook.xlsx.writeFile(file);
    const res = await cli('form', 'import', file, '--publish');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('nothing was imported');
    expect(res.stderr).toMatch(/survey row 3 column type: .*frobnicate/);
    expect(res.stderr).toMatch(/survey row 4 column relevant: .*agee/);
    expect((await cli('form', 'list')).stdout).not.toContain('broken');
  });

  it('shows a record with every version received, the refused ones too, and audits the read', async () => {
    const app = await buildApp({ ...loadConfig({}), dataDir, clientDir: null, logLevel: 'silent', intakeWorkers: 0 });
    const { token, user } = (
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'enumerator', password: DEMO_PASSWORD },
      })
    ).json<LoginResponse>();
    const doc = householdSubmission(user.id);
    const push = (rows: unknown[]) =>
      app.inject({
        method: 'POST',
        url: '/api/sync/submissions/push',
        headers: { authorization: `Bearer ${token}` },
        payload: rows,
      });
    const [stored] = (await push([{ assumedMasterState: null, newDocumentState: doc }])).json<Submission[]>();
    // A second tablet edits the record it saw before the server's check: refused, and kept.
    const stale = { ...doc, data: { ...doc.data, rooms: 5 }, rev: 2 };
    await push([{ assumedMasterState: doc, newDocumentState: stale }]);
    await app.close();

    const res = await cli('submission', 'versions', doc.id, '--json');
    expect(res.code).toBe(0);
    const [shown] = JSON.parse(res.stdout) as {
      id: string;
      record: Submission;
      versions: { source: string; accepted: boolean; doc: Submission }[];
    }[];
    expect(shown!.record).toMatchObject({ id: doc.id, status: stored!.status });
    expect(shown!.versions.map((v) => [v.source, v.accepted])).toEqual([
      ['device', true],
      ['server', true],
      ['device', false],
    ]);
    expect(shown!.versions[2]!.doc.data['rooms']).toBe(5);
    expect((await cli('submission', 'versions', doc.id)).stdout).toContain('refused (kept)');
    expect((await cli('audit', 'list', '--action', 'submission.versions', '--json')).stdout).toContain(doc.id);
  });

  it('prints usage for an unknown command', async () => {
    const res = await cli('frobnicate');
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('user add --username U');
  });
});
