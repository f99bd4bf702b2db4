import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { v4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/usecases/users.js';
import { startTestServer, type TestServer } from './helpers.js';
import { fileGrievance, fileReport, hqWorld, registerHousehold, type HqWorld } from './hq-fixtures.js';

let server: TestServer;
let world: HqWorld;
let hq: string;
let officer: string;
let households: { householdId: string; code: string }[];

beforeAll(async () => {
  server = await startTestServer();
  world = await hqWorld(server);
  hq = (await server.login('hq')).token;
  officer = (await server.login('grievance')).token;
  households = [
    await registerHousehold(
      world,
      [
        { first_name: 'Bénigne', last_name: 'Ndayishimiyé', national_id: '1111/222.333' },
        { first_name: 'Josué', last_name: 'Ndayishimiye' },
      ],
      4,
    ),
    await registerHousehold(world, [{ first_name: 'Cécile', last_name: 'Irakoze' }], 2),
  ];
  await fileGrievance(world, { category: 'VIOLENCE_GBV', subcategory: 'GBV_PHYSICAL', anonymous: 'yes' });
  await fileGrievance(world, { category: 'PAYMENT', reporter_name: 'Anésie Nduwimana' });
  await fileReport(world);
  await fileReport(
    world,
    {
      activity_type: 'CASH_TRANSFER',
      households_planned: 10,
      households_paid: 9,
      amount_planned: 720000,
      amount_paid: 648000,
      sessions: undefined,
    },
    false,
  );
});
afterAll(() => server.close());

const download = (token: string, path: string) => server.as(token, { method: 'GET', url: `/api/exports/${path}` });
const csvRows = (body: string) => parse(body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
/** The export entries of the audit log, oldest first, as {username, role, action, dataset, format, rows}. */
const audit = () =>
  server.app.ctx.audit
    .find({ action: 'export.' }, 1000)
    .reverse()
    .map((e) => ({
      ...e.details,
      username: e.actor,
      role: e.role,
      action: 'export',
      dataset: e.action.slice('export.'.length),
    }));

describe('CSV exports', () => {
  it('exports every current member, one row per person with household keys and role, accents intact', async () => {
    const progressId = v4();
    const res = await download(hq, `individuals?progressId=${progressId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="kusanya-individuals-all-\d{8}\.csv"/);
    const rows = csvRows(res.body);
    expect(rows).toHaveLength(6);
    expect(Number(res.headers['x-total-rows'])).toBe(6);
    expect(rows.find((r) => r['first_name'] === 'Bénigne')).toMatchObject({
      household_code: households[0]!.code,
      last_name: 'Ndayishimiyé',
      role: 'HEAD',
      recipient: 'PRIMARY',
      national_id: '1111/222.333',
      colline: 'CL03010101',
      colline_name: 'Mubuga (sample)',
      education: 'FONDAMENTAL_3_4',
    });
    expect((await server.as(hq, { method: 'GET', url: `/api/exports/progress/${progressId}` })).json()).toEqual({
      rows: 6,
      total: 6,
      state: 'done',
    });
    expect(audit().at(-1)).toMatchObject({
      username: 'hq',
      role: 'hq',
      action: 'export',
      dataset: 'individuals',
      format: 'csv',
      rows: 6,
    });
  });

  it("exports individuals in the column layout of openIMIS's individual upload", async () => {
    const res = await download(hq, 'individuals-openimis');
    const [header] = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(header!.split(',').slice(0, 7)).toEqual([
      'first_name',
      'last_name',
      'dob',
      'id',
      'group_code',
      'individual_role',
      'recipient_info',
    ]);
    const rows = csvRows(res.body);
    const head = rows.find((r) => r['first_name'] === 'Bénigne')!;
    expect(head).toMatchObject({
      group_code: households[0]!.code,
      individual_role: 'HEAD',
      recipient_info: '1',
      dob: '1979-04-12',
      dob_estimated: 'no',
    });
    expect(rows.find((r) => r['first_name'] === 'Josué')).toMatchObject({
      individual_role: 'SPOUSE',
      recipient_info: '2',
      dob_estimated: 'yes',
      dob: expect.stringMatching(/^\d{4}-01-01$/),
    });
  });

  it('exports households with their answers and head, within the area asked for', async () => {
    const rows = csvRows((await download(hq, 'households?area=C0301')).body);
    expect(rows.map((r) => r['household_code']).sort()).toEqual(households.map((h) => h.code).sort());
    expect(rows[0]).toMatchObject({
      province: 'P03',
      commune_name: 'Gitega (sample)',
      zone: 'Z030101',
      roof: 'IRON_SHEET',
      assets: 'RADIO MOBILE_PHONE MATTRESS',
    });
    expect(rows.find((r) => r['household_code'] === households[0]!.code)!['head_name']).toBe('Bénigne Ndayishimiyé');
    expect(csvRows((await download(hq, 'households?area=C0302')).body)).toEqual([]);
  });

  it('speaks the reader’s language: headers and choice answers in words, ";" and decimal commas in French', async () => {
    const labels = server.app.ctx.formLabels.latest('household_survey')!;
    const roof = labels.fields['roof']!;
    const fr = await download(hq, 'households?area=C0301&lang=fr');
    const header = fr.body.replace(/^\uFEFF/, '').split('\r\n')[0]!;
    expect(header.startsWith('Code du ménage;Identifiant du ménage;Code province;Province;')).toBe(true);
    const rows = parse(fr.body.replace(/^\uFEFF/, ''), { columns: true, delimiter: ';' }) as Record<string, string>[];
    const first = rows.find((r) => r['Code du ménage'] === households[0]!.code)!;
    expect(first['Chef de ménage']).toBe('Bénigne Ndayishimiyé');
    expect(first[roof.label!['fr']!]).toBe(roof.choices!['IRON_SHEET']!['fr']);
    expect(header).not.toMatch(/household_code|head_name|roof/);

    const names = await download(hq, 'households?area=C0301&lang=fr&headers=names');
    expect(names.body.replace(/^\uFEFF/, '').startsWith('household_code;household_id;')).toBe(true);
    expect(names.body).toContain(';IRON_SHEET;');

    const reports = await download(hq, 'indicator-reports?status=all&lang=fr&format=csv');
    const report = (
      parse(reports.body.replace(/^\uFEFF/, ''), { columns: true, delimiter: ';' }) as Record<string, string>[]
    ).find((r) => r['Montant prévu (BIF)'] === '720000')!;
    expect(report['Taux de paiement (%)']).toBe('90');
    const english = await download(hq, 'individuals?lang=en');
    expect(english.body.replace(/^\uFEFF/, '').startsWith('Household code,Household ID,Person ID,First name,')).toBe(
      true,
    );
  });

  it('gives grievance and indicator-report values in words where a language is asked, codes with headers=names', async () => {
    const grievance = server.app.ctx.formLabels.latest('grievance')!.fields;
    const words = (field: string, code: string, lang: 'fr' | 'en') => grievance[field]!.choices![code]![lang];
    const fr = parse((await download(officer, 'grievances?lang=fr&format=csv')).body.replace(/^\uFEFF/, ''), {
      columns: true,
      delimiter: ';',
    }) as Record<string, string>[];
    const gbv = fr.find((r) => r['Catégorie'] === words('category', 'VIOLENCE_GBV', 'fr'))!;
    expect(gbv).toMatchObject({
      Statut: 'Reçue',
      'Sous-catégorie': words('subcategory', 'GBV_PHYSICAL', 'fr'),
      'Type de cas': words('case_type', 'COMPLAINT', 'fr'),
      Sensible: 'Oui',
      Anonyme: 'Oui',
      'En retard': 'Non',
    });
    const paid = fr.find((r) => r['Catégorie'] === words('category', 'PAYMENT', 'fr'))!;
    expect(paid).toMatchObject({
      Canal: words('channel', 'IN_PERSON', 'fr'),
      'Sexe du plaignant': words('reporter_sex', 'F', 'fr'),
      'Plaignant bénéficiaire': 'Oui',
    });
    // No code is left in a labelled export: upper-case codes and yes/no are all in words.
    for (const row of fr)
      for (const [column, value] of Object.entries(row))
        if (!/Code|Identifiant|Description/.test(column))
          expect(value, column).not.toMatch(/^([A-Z]+_)+[A-Z]+$|^(yes|no)$/);
    const names = csvRows(
      (await download(officer, 'grievances?lang=fr&headers=names&format=csv')).body.replace(/;/g, ','),
    );
    expect(names.map((r) => [r['category'], r['status'], r['sensitive']]).sort()).toEqual([
      ['PAYMENT', 'RECEIVED', 'no'],
      ['VIOLENCE_GBV', 'RECEIVED', 'yes'],
    ]);

    const activity = server.app.ctx.formLabels.latest('indicator_report')!.fields['activity_type']!.choices!;
    const en = parse(
      (await download(hq, 'indicator-reports?status=all&lang=en&format=csv')).body.replace(/^\uFEFF/, ''),
      {
        columns: true,
      },
    ) as Record<string, string>[];
    expect(en.map((r) => [r['Activity type'], r['Status']]).sort()).toEqual(
      [
        [activity['CASH_TRANSFER']!['en'], 'Waiting for review'],
        [activity['SENSITISATION_TRAINING']!['en'], 'Approved'],
      ].sort(),
    );
    const kirundi = parse((await download(hq, 'individuals?lang=rn&format=csv')).body.replace(/^\uFEFF/, ''), {
      columns: true,
      delimiter: ';',
    }) as Record<string, string>[];
    expect(new Set(kirundi.map((r) => r['Igitsina']))).toEqual(new Set(['Gabo', 'Gore']));
    expect(kirundi.map((r) => r['Uruhara mu rugo'])).toContain("Umukuru w'urugo");
  });

  it('keeps each role to what it may read', async () => {
    const elsewhere = await createUser(server.app.ctx, {
      username: 'sup-kiremba',
      password: 'kusanya-demo',
      role: 'supervisor',
      areas: ['C0502'],
    });
    const far = (await server.login(elsewhere.username)).token;
    expect(csvRows((await download(far, 'individuals')).body)).toEqual([]);
    expect(csvRows((await download(world.supervisor.token, 'individuals')).body)).toHaveLength(6);
    expect((await download(world.supervisor.token, 'grievances')).statusCode).toBe(403);
    expect((await download(officer, 'households')).statusCode).toBe(403);
    expect((await download(world.enumerator.token, 'households')).statusCode).toBe(403);
    expect((await download(world.supervisor.token, 'full?format=json')).statusCode).toBe(403);
  });

  it('exports grievances: no SENSITIVE ticket for HQ, every ticket of the area for grievance officers, anonymous reporters hidden', async () => {
    const forHq = csvRows((await download(hq, 'grievances')).body);
    expect(forHq.map((r) => r['category'])).toEqual(['PAYMENT']);
    expect(forHq[0]).toMatchObject({
      reporter_name: 'Anésie Nduwimana',
      ticket_code: expect.stringMatching(/^GRV-/),
      status: 'RECEIVED',
      overdue: 'no',
    });
    const forOfficer = csvRows((await download(officer, 'grievances')).body);
    expect(forOfficer.map((r) => r['category']).sort()).toEqual(['PAYMENT', 'VIOLENCE_GBV']);
    expect(forOfficer.find((r) => r['category'] === 'VIOLENCE_GBV')).toMatchObject({
      sensitive: 'yes',
      anonymous: 'yes',
      reporter_name: '',
      reporter_phone: '',
    });
    expect(audit().at(-1)).toMatchObject({ username: 'grievance', dataset: 'grievances', rows: 2 });
  });

  it('exports validated indicator reports, or every status on request', async () => {
    const validated = csvRows((await download(hq, 'indicator-reports')).body);
    expect(validated).toHaveLength(1);
    expect(validated[0]).toMatchObject({
      status: 'approved',
      quarter: '2026-Q1',
      activity_type: 'SENSITISATION_TRAINING',
      participants_total: '50',
      participants_women: '30',
      participants_batwa: '2',
    });
    const all = csvRows((await download(hq, 'indicator-reports?status=all')).body);
    expect(all.find((r) => r['activity_type'] === 'CASH_TRANSFER')).toMatchObject({
      status: 'pending_review',
      payment_rate: '90',
    });
  });
});

describe('XLSX and full JSON exports', () => {
  it('writes an XLSX workbook that spreadsheets open', async () => {
    const res = await download(hq, 'individuals?format=xlsx');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('individuals')!;
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(1).getCell(1).value).toBe('household_code');
    const names = [2, 3, 4, 5, 6, 7].map((r) => sheet.getRow(r).getCell(4).value);
    expect(names).toContain('Bénigne');
  });

  it('exports everything HQ may see as one JSON document', async () => {
    const res = await download(hq, 'full');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const doc = res.json();
    expect(doc).toMatchObject({
      format: 'kusanya-export/1',
      exportedBy: 'hq',
      counts: { households: 2, individuals: 6, memberships: 6, grievance_tickets: 1 },
    });
    expect(doc.households).toHaveLength(2);
    expect(doc.households[0].values).toMatchObject({ roof: 'IRON_SHEET' });
    expect(doc.registry_history.length).toBe(2 + 6 * 2);
    expect(doc.grievance_tickets.map((t: { category: string }) => t.category)).toEqual(['PAYMENT']);
    expect(doc.submissions.filter((s: { form_id: string }) => s.form_id === 'grievance')).toHaveLength(1);
    expect(doc.locations.length).toBeGreaterThan(20);
    expect(doc.indicators.length).toBe(8);
    expect(audit().at(-1)).toMatchObject({
      dataset: 'full',
      format: 'json',
      rows: Object.values(doc.counts as Record<string, number>).reduce((a, b) => a + b, 0),
    });
  });

  it('refuses a format that does not fit the dataset', async () => {
    expect((await download(hq, 'households?format=json')).statusCode).toBe(400);
    expect((await download(hq, 'full?format=csv')).statusCode).toBe(400);
  });
});
