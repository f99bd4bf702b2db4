import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKobo } from '../src/usecases/kobo/import.js';
import type { KoboMapping } from '../src/usecases/kobo/mapping.js';
import { koboImportDeps } from '../src/usecases/kobo/deps.js';
import { startTestServer, type TestServer } from './helpers.js';
import { grievanceAnswers, householdAnswers, hqWorld, type HqWorld } from './hq-fixtures.js';

let server: TestServer;
let world: HqWorld;
const mappingOf = (form: string) =>
  JSON.parse(readFileSync(new URL(`../../forms/kobo/${form}.json`, import.meta.url), 'utf8')) as KoboMapping;

beforeAll(async () => {
  server = await startTestServer();
  world = await hqWorld(server);
}, 60_000);
afterAll(() => server.close());

type Answers = Record<string, unknown>;

/** Answers as Kobo exports them: group paths, text values, repeats as arrays of path-keyed objects. */
function koboRecord(data: Answers, mapping: KoboMapping, meta: Answers = {}): Answers {
  const pathOf = new Map(Object.entries(mapping.fields ?? {}).map(([path, field]) => [field as string, path]));
  const [repeatPath, repeatSpec] = Object.entries(mapping.repeats ?? {})[0] ?? [];
  const repeat = repeatPath && repeatSpec ? ([repeatPath, repeatSpec] as const) : undefined;
  const text = (v: unknown) =>
    Array.isArray(v)
      ? v.join(' ')
      : typeof v === 'object' && v !== null
        ? `${(v as Answers)['lat']} ${(v as Answers)['lon']} 0 5`
        : String(v);
  const out: Answers = {
    _id: 1,
    _uuid: v4(),
    _submission_time: '2026-01-15T08:22:35',
    _submitted_by: 'kobo_enum_01',
    'formhub/uuid': 'abc',
    __version__: 'v1',
    _attachments: [],
    ...meta,
  };
  for (const [field, value] of Object.entries(data)) {
    if (repeat && field === repeat[1].to && Array.isArray(value)) {
      const childPath = new Map(Object.entries(repeat[1].fields ?? {}).map(([path, f]) => [f, path]));
      out[repeat[0]] = value.map((row: Answers) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [childPath.get(k) ?? `${repeat[0]}/${k}`, text(v)])),
      );
    } else out[pathOf.get(field) ?? field] = text(value);
  }
  return out;
}

function exportFile(records: Answers[]): string {
  const file = join(server.dataDir, `kobo-${v4()}.json`);
  writeFileSync(file, JSON.stringify({ count: records.length, next: null, previous: null, results: records }, null, 1));
  return file;
}

const deps = () => koboImportDeps(server.app.ctx);
const opts = (o: { file: string; mapping: KoboMapping }) => ({
  ...o,
  asset: null,
  actor: 'test',
  reportFile: join(server.dataDir, `report-${v4()}.json`),
});

describe('Kobo import', () => {
  it('imports through the push path: created, needing correction with reasons, refused with reasons; again: already present', async () => {
    const mapping = mappingOf('household_survey');
    const good = koboRecord(householdAnswers([{ first_name: 'Kobo', last_name: 'Nibizi' }], 3), mapping, {
      start: '2026-01-15T09:00:00.000+02:00',
      end: '2026-01-15T09:40:00.000+02:00',
    });
    const { respondent_name: _gone, ...incomplete } = householdAnswers(
      [{ first_name: 'Sans', last_name: 'Repondant' }],
      2,
    );
    const invalid = koboRecord(incomplete, mapping);
    const noUuid = { ...koboRecord(householdAnswers([], 2), mapping), _uuid: undefined };
    const elsewhere = koboRecord({ ...householdAnswers([], 2), colline: 'CL99999999' }, mapping);
    const file = exportFile([good, invalid, noUuid, elsewhere]);

    const first = await importKobo(deps(), opts({ file, mapping }));
    expect(first).toMatchObject({
      total: 4,
      created: 1,
      alreadyPresent: 0,
      needsCorrection: 1,
      refused: 2,
      byStatus: { pending_review: 1 },
    });
    expect(first.problems).toContainEqual({
      index: 1,
      uuid: invalid['_uuid'],
      outcome: 'needs_correction',
      reasons: [expect.stringContaining('respondent_name')],
    });
    expect(first.problems).toContainEqual({
      index: 2,
      uuid: null,
      outcome: 'refused',
      reasons: ['The record has no valid _uuid.'],
    });
    expect(first.problems).toContainEqual(
      expect.objectContaining({ index: 3, outcome: 'refused', reasons: [expect.stringContaining('CL99999999')] }),
    );

    const stored = server.app.ctx.submissions.getMaster(good['_uuid'] as string)!;
    expect(stored).toMatchObject({
      formId: 'household_survey',
      status: 'pending_review',
      meta: { area: 'CL03010101', deviceId: 'kobo:kobo_enum_01', startedAt: '2026-01-15T07:00:00.000Z' },
    });
    expect(stored.data['rooms']).toBe(3);
    expect(stored.data['assets']).toEqual(['RADIO', 'MOBILE_PHONE', 'MATTRESS']);
    expect((stored.data['members'] as Answers[])[0]).toMatchObject({
      first_name: 'Kobo',
      last_name: 'Nibizi',
      relationship: 'HEAD',
    });
    expect(server.app.ctx.users.findById(stored.meta.enumeratorId)).toMatchObject({
      username: 'kobo-import',
      disabled: true,
    });
    // Reviewers see it like any record (the supervisor of the colline).
    const queue = (
      await server.as(world.supervisor.token, { method: 'GET', url: '/api/review/queue?formId=household_survey' })
    ).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(stored.id);

    const versions = server.app.ctx.submissions.versions(stored.id).length;
    const again = await importKobo(deps(), opts({ file, mapping }));
    expect(again).toMatchObject({ total: 4, created: 0, alreadyPresent: 2, needsCorrection: 0, refused: 2 });
    expect(server.app.ctx.submissions.versions(stored.id)).toHaveLength(versions);
  });

  it('turns grievances into tickets and maps choice codes that differ', async () => {
    const mapping: KoboMapping = { ...mappingOf('grievance'), values: { reporter_sex: { '1': 'M', '2': 'F' } } };
    const record = koboRecord({ ...grievanceAnswers({ incident_date: '2026-01-10' }), reporter_sex: '2' }, mapping);
    const report = await importKobo(deps(), opts({ file: exportFile([record]), mapping }));
    expect(report, JSON.stringify(report.problems)).toMatchObject({ created: 1, byStatus: { approved: 1 } });
    const ticket = server.app.ctx.grievances.bySubmission(record['_uuid'] as string);
    expect(ticket?.code).toMatch(/^GRV-\d{4}-\d{6}$/);
    expect(server.app.ctx.submissions.getMaster(record['_uuid'] as string)!.data['reporter_sex']).toBe('F');
  });

  it('refuses a mapping that names fields the form does not have, importing nothing', async () => {
    const mapping: KoboMapping = {
      formId: 'indicator_report',
      fields: { 'grp/nb_seances': 'seances', 'grp/date': 'report_date' },
      repeats: { grp_x: { to: 'participants' } },
    };
    const before = server.app.ctx.db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number };
    const error = await importKobo(deps(), opts({ file: exportFile([{ _uuid: v4() }]), mapping })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'validation-failed',
      details: [expect.stringContaining('"seances"'), expect.stringContaining('"participants"')],
    });
    expect(server.app.ctx.db.prepare('SELECT count(*) AS n FROM submissions').get()).toEqual(before);
  });

  it('reports Kobo fields that no Kusanya field takes, and a truncated file', async () => {
    const mapping = { ...mappingOf('indicator_report'), defaults: 'none' as const };
    const record = koboRecord(
      {
        activity_type: 'MICRO_PROJECT',
        report_date: '2026-01-05',
        sessions: 1,
        households_attending: 5,
        province: 'P03',
        commune: 'C0301',
        zone: 'Z030101',
        colline: 'CL03010101',
        participants_men: 2,
        participants_women: 3,
        participants_batwa: 0,
        participants_disability: 0,
        participants_refugees_returnees: 0,
      },
      mapping,
      { 'grp/extra_question': 'x' },
    );
    const report = await importKobo(deps(), opts({ file: exportFile([record]), mapping }));
    expect(report, JSON.stringify(report.problems)).toMatchObject({
      created: 1,
      ignoredFields: { 'grp/extra_question': 1 },
    });

    const truncated = join(server.dataDir, 'truncated.json');
    writeFileSync(truncated, JSON.stringify({ results: [record, record] }).slice(0, -40));
    await expect(importKobo(deps(), opts({ file: truncated, mapping }))).rejects.toThrow(/truncated/);
  });
});
