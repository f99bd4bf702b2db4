/**
 * Kobo's data API as other systems use it (DESIGN.md §8): API tokens (read-only, limited to assets and areas,
 * revocable, every read audited), Kobo's paging, and the refusals; and the migration from Kobo losing nothing
 * (explicit mappings win, validation statuses become decisions, a broken file stores nothing and still gets its
 * report, an interrupted import resumes).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '../src/usecases/kobo/api-tokens.js';
import { koboImportDeps } from '../src/usecases/kobo/deps.js';
import { importKobo } from '../src/usecases/kobo/import.js';
import { startTestServer, type TestServer } from './helpers.js';
import { hqWorld } from './hq-fixtures.js';
import { rng, training, type KoboRecord } from './kobo/records.js';

const TRAINING = 'a77BL33LXCfAVovg4seMbH';
const TRANSFERS = 'ayK8Y5yP3MPTYQ3cPcpj9N';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await hqWorld(server);
}, 60_000);
afterAll(() => server.close());

const tokenFor = (name: string, assets: [string, ...string[]], areas?: [string, ...string[]]) => {
  const ctx = server.app.ctx;
  return createApiToken(
    { tokens: ctx.apiTokens, assetUids: () => ctx.koboAssets.list().map((a) => a.uid), locations: ctx.locationTree },
    { name, assets, ...(areas ? { areas } : {}) },
    'test',
  ).token;
};
const read = (url: string, token?: string) =>
  server.app.inject({
    method: 'GET',
    url,
    headers: { host: 'mis.example.org', ...(token ? { authorization: `Token ${token}` } : {}) },
  });
function exportFile(records: unknown[] | string): string {
  const file = join(server.dataDir, `kobo-${v4()}.json`);
  writeFileSync(
    file,
    typeof records === 'string' ? records : JSON.stringify({ count: records.length, results: records }),
  );
  return file;
}
const runImport = (asset: string, file: string, reportFile = join(server.dataDir, `report-${v4()}.json`)) =>
  importKobo(koboImportDeps(server.app.ctx), {
    file,
    mapping: server.app.ctx.koboAssets.get(asset)!.row.mapping,
    asset,
    actor: 'test',
    reportFile,
  });
const count = (table: string) =>
  (server.app.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('API tokens and the Kobo API refusals', () => {
  it('answers 401 without a token, with a login token or a revoked one; 404 for an unknown asset; 403 for another asset', async () => {
    const token = tokenFor('mis-training', [TRAINING]);
    expect((await read(`/api/v2/assets/${TRAINING}/data?format=json`)).statusCode).toBe(401);
    const login = await server.login('hq');
    const asBearer = await server.app.inject({
      method: 'GET',
      url: `/api/v2/assets/${TRAINING}/data`,
      headers: { authorization: `Bearer ${login.token}` },
    });
    expect(asBearer.statusCode).toBe(401);
    expect(asBearer.json().error.code).toBe('unauthenticated');
    expect((await read('/api/v2/assets/aNoSuchAssetUid/data', token)).statusCode).toBe(404);
    const other = await read(`/api/v2/assets/${TRANSFERS}/data`, token);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toContain(TRANSFERS);
    expect(server.app.ctx.audit.find({ action: 'kobo.data.read' }, 1)[0]).toMatchObject({
      actor: 'api-token:mis-training',
      target: TRANSFERS,
      outcome: 'denied',
    });
    // The asset list shows only what the token may read.
    const list = (await read('/api/v2/assets/', token)).json();
    expect(list.results.map((a: { uid: string }) => a.uid)).toEqual([TRAINING]);
    expect(list.results[0]).toMatchObject({ data: `http://mis.example.org/api/v2/assets/${TRAINING}/data/` });

    revokeApiToken(
      { tokens: server.app.ctx.apiTokens, locations: server.app.ctx.locationTree },
      'mis-training',
      'test',
    );
    expect((await read(`/api/v2/assets/${TRAINING}/data`, token)).statusCode).toBe(401);
  });

  it('creates, lists (never the token) and revokes tokens from the admin API, audited', async () => {
    const admin = await server.login('admin');
    const created = await server.as(admin.token, {
      method: 'POST',
      url: '/api/admin/api-tokens',
      payload: { name: 'openimis-prod', assets: [TRAINING, TRANSFERS], areas: ['P03'] },
    });
    expect(created.statusCode, created.body).toBe(200);
    const { token } = created.json();
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    const listed = await server.as(admin.token, { method: 'GET', url: '/api/admin/api-tokens' });
    expect(listed.body).not.toContain(token);
    expect(listed.json().tokens).toContainEqual(
      expect.objectContaining({ name: 'openimis-prod', prefix: token.slice(0, 6), areas: ['P03'], revokedAt: null }),
    );
    const bad = await server.as(admin.token, {
      method: 'POST',
      url: '/api/admin/api-tokens',
      payload: { name: 'x2', assets: ['aUnknownAsset'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toContain('aUnknownAsset');
    const revoked = await server.as(admin.token, { method: 'POST', url: '/api/admin/api-tokens/openimis-prod/revoke' });
    expect(revoked.json().revokedAt).not.toBeNull();
    const actions = server.app.ctx.audit.find({ action: 'api-token.' }, 50).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['api-token.create', 'api-token.revoke']));
  });
});

describe('Kobo paging, scope and audit', () => {
  const records: KoboRecord[] = [];
  beforeAll(async () => {
    const r = rng(99);
    for (let i = 0; i < 250; i += 1) records.push(training(r));
    // Half in province P03 (codes 30…), half in P05 (50…).
    records.forEach((x, i) => (x['group_ln06g44/Colline'] = i % 2 ? '301101' : '501101'));
    await runImport(TRAINING, exportFile(records));
  });

  it('pages like Kobo: limit/start, count, absolute next and previous; nothing skipped while records arrive', async () => {
    const token = tokenFor('pager', [TRAINING]);
    const first = (await read(`/api/v2/assets/${TRAINING}/data?format=json&limit=100`, token)).json();
    expect(first.count).toBe(250);
    expect(first.results).toHaveLength(100);
    expect(first.previous).toBeNull();
    expect(first.next).toMatch(
      /^http:\/\/mis\.example\.org\/api\/v2\/assets\/a77BL33LXCfAVovg4seMbH\/data\/\?format=json&limit=100&start=100/,
    );
    const ids = first.results.map((x: KoboRecord) => x['_id'] as number);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    // A record arrives between two pages: the next link still carries on after the last record served.
    const late = training(rng(7));
    late['_id'] = 1;
    late['group_ln06g44/Colline'] = '501101';
    await runImport(TRAINING, exportFile([late]));
    const second = (await read(new URL(first.next).pathname + new URL(first.next).search, token)).json();
    expect(second.results[0]._id).toBeGreaterThan(ids.at(-1)!);
    expect(second.previous).toMatch(/start=0/);
    // Kobo's start without the hint is an offset; more than 1,000 a page is cut to 1,000 as Kobo does.
    const offset = (await read(`/api/v2/assets/${TRAINING}/data?start=249&limit=5000`, token)).json();
    expect(offset.results).toHaveLength(2);
    expect(offset.next).toBeNull();
    // Kobo's default: 100 a page.
    expect((await read(`/api/v2/assets/${TRAINING}/data`, token)).json().results).toHaveLength(100);
  });

  it('serves only the areas of a token limited to areas, and audits every read with the token', async () => {
    const token = tokenFor('mis-p03', [TRAINING], ['P03']);
    const page = (await read(`/api/v2/assets/${TRAINING}/data?limit=1000`, token)).json();
    expect(page.count).toBe(125);
    expect(page.results.every((x: KoboRecord) => x['group_ln06g44/Colline'] === '301101')).toBe(true);
    const entry = server.app.ctx.audit.find({ action: 'kobo.data.read' }, 1)[0]!;
    expect(entry).toMatchObject({ actor: 'api-token:mis-p03', target: TRAINING, outcome: 'success' });
    expect(entry.details).toMatchObject({ returned: 125, count: 125, limit: 1000, start: 0 });
  });
});

describe('a migration from Kobo that loses nothing', () => {
  it('never lets an unlisted key override a mapped one, and keeps it', async () => {
    const record = training(rng(3));
    record['followup/Animateur_'] = 'Someone else';
    const report = await runImport(TRAINING, exportFile([record]));
    expect(report.ignoredFields).toEqual({ 'followup/Animateur_': 1 });
    const stored = server.app.ctx.submissions.getMaster(String(record['_uuid']))!;
    expect(stored.data['facilitator']).toBe(record['Animateur_']);
    const token = tokenFor('keeper', [TRAINING]);
    const served = (await read(`/api/v2/assets/${TRAINING}/data?limit=1000`, token))
      .json()
      .results.find((x: KoboRecord) => x['_uuid'] === record['_uuid']);
    expect(served).toMatchObject({ Animateur_: record['Animateur_'], 'followup/Animateur_': 'Someone else' });
  });

  it('turns Kobo validation statuses into review decisions taken by the import', async () => {
    const asset = 'atpoVbHXZCdLD9ETHTv6z4';
    const { grievance2025 } = await import('./kobo/records.js');
    const r = rng(11);
    const onHold = grievance2025(r);
    onHold['_validation_status'] = {
      uid: 'validation_status_on_hold',
      by_whom: 'sup',
      timestamp: 1736937000,
      label: 'On Hold',
    };
    const report = await runImport(asset, exportFile([onHold]));
    expect(report.decisions.onHold).toBe(1);
    // Indicator reports go through review: approved in Kobo → approved by the import (when Kusanya's rules pass).
    const { reportAnswers } = await import('./hq-fixtures.js');
    const data = reportAnswers({ activity_type: 'BEHAVIOUR_CHANGE' });
    const approved: KoboRecord = {
      _id: 99_000_001,
      _uuid: v4(),
      _submission_time: '2026-02-10T10:00:00',
      _validation_status: {
        uid: 'validation_status_approved',
        by_whom: 'sup_gitega',
        timestamp: 1739181600,
        label: 'Approved',
      },
      Date: data['report_date'],
      'group_ln06g44/Colline': '301101',
      'group_gy7sg68/Homme': '20',
      'group_gy7sg68/Femme': '30',
      'group_gy7sg68/Twa': '2',
    };
    const mapping = server.app.ctx.koboAssets.get('aMzfPosq2VNg3fHdpBJ3jU')!.row.mapping;
    // Kusanya's indicator report asks more than the Kobo form: a mapping that also takes those answers.
    const withAnswers = {
      ...approved,
      _uuid: v4(),
      _id: 99_000_002,
      sessions: '2',
      households_attending: '30',
      participants_disability: '1',
      participants_refugees_returnees: '0',
    };
    const done = await importKobo(koboImportDeps(server.app.ctx), {
      file: exportFile([withAnswers]),
      mapping: {
        ...mapping,
        fields: {
          ...mapping.fields,
          sessions: 'sessions',
          households_attending: 'households_attending',
          participants_disability: 'participants_disability',
          participants_refugees_returnees: 'participants_refugees_returnees',
        },
      },
      asset: 'aMzfPosq2VNg3fHdpBJ3jU',
      actor: 'test',
      reportFile: join(server.dataDir, `report-${v4()}.json`),
    });
    expect(done.decisions, JSON.stringify(done.problems)).toMatchObject({ approved: 1 });
    const stored = server.app.ctx.submissions.getMaster(String(withAnswers['_uuid']))!;
    expect(stored.status).toBe('approved');
    expect(stored.review).toMatchObject({ by: 'kobo-import', decision: 'approve' });
    expect(stored.review!.comment).toMatch(/Approved in KoboToolbox by sup_gitega on 2025-02-10/);
  });

  it('stores nothing from a truncated or malformed file, and writes the report anyway', async () => {
    const r = rng(5);
    const records = Array.from({ length: 600 }, () => training(r));
    const text = JSON.stringify({ results: records });
    const before = count('submissions');
    const reportFile = join(server.dataDir, `report-${v4()}.json`);
    await expect(
      runImport(TRAINING, exportFile(text.slice(0, Math.floor(text.length * 0.45))), reportFile),
    ).rejects.toThrow(/truncated/);
    expect(count('submissions')).toBe(before);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report).toMatchObject({ outcome: 'failed', created: 0, error: expect.stringMatching(/truncated/) });

    const numbers = join(server.dataDir, `report-${v4()}.json`);
    await expect(runImport(TRAINING, exportFile('{"results": [1, 2]}'), numbers)).rejects.toThrow(
      /record #1 is not an object/,
    );
    expect(existsSync(numbers)).toBe(true);
    expect(count('submissions')).toBe(before);
    const runs = server.app.ctx.kobo.runs(2);
    expect(runs.map((run) => run.outcome)).toEqual(['failed', 'failed']);
  });

  it('resumes an interrupted import after the chunks it committed', async () => {
    const r = rng(6);
    const records = Array.from({ length: 600 }, () => training(r));
    const file = exportFile(records);
    const ctx = server.app.ctx;
    // The first run fails after its first chunk (the database refuses a write in the second one).
    let calls = 0;
    const deps = koboImportDeps(ctx);
    const failing = {
      ...deps,
      kobo: {
        ...deps.kobo,
        progress: (id: string, done: number) => {
          calls += 1;
          if (calls === 2) throw new Error('disk full');
          return deps.kobo.progress(id, done);
        },
      },
    };
    const options = { file, mapping: ctx.koboAssets.get(TRAINING)!.row.mapping, asset: TRAINING, actor: 'test' };
    await expect(
      importKobo(failing, { ...options, reportFile: join(server.dataDir, `r-${v4()}.json`) }),
    ).rejects.toThrow(/disk full/);
    const stored = records.filter((x) => ctx.submissions.getMaster(String(x['_uuid']))).length;
    expect(stored).toBe(250);
    const again = await importKobo(deps, { ...options, reportFile: join(server.dataDir, `r-${v4()}.json`) });
    expect(again).toMatchObject({ resumedAfter: 250, alreadyPresent: 0 });
    expect(again.created + again.needsCorrection).toBe(350);
    expect(records.every((x) => ctx.submissions.getMaster(String(x['_uuid'])))).toBe(true);
  });
});
