/**
 * The MIS contract (shared/kobo-mis-contract.md), replayed end to end for each of the six Kobo assets the MIS
 * pulls: records in Kobo's shape are imported into Kusanya, read back through Kusanya's Kobo API with an API
 * token — the MIS's own request (`…/data?format=json`, Kobo's default page, following `next` until null) — and
 * converted with the MIS's rules (colline zfill(7) then the zone digit dropped, category resolution, status
 * derivation, counts as integers). The converted values must equal those converted from the original records:
 * an MIS pointed at Kusanya gets what it got from Kobo. Records captured in Kusanya itself (pushed by a tablet)
 * are served with the keys and codes the MIS reads too.
 */
import type { Submission } from '@kusanya/schemas';
import type { LightMyRequestResponse } from 'fastify';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v4, v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/usecases/kobo/api-tokens.js';
import { importKobo } from '../src/usecases/kobo/import.js';
import { householdSubmission, startTestServer, type TestServer } from './helpers.js';
import { grievanceAnswers, hqWorld, push, reportAnswers, type HqWorld } from './hq-fixtures.js';
import { jpegLike } from './media/media-helpers.js';
import { MIS_ASSETS, type KoboRecord, type MisLocations } from './kobo/mis-rules.js';
import { attachFile, edited, GENERATORS, rng, writeKoboMediaZip } from './kobo/records.js';

let server: TestServer;
let world: HqWorld;
let token: string;
let misLocations: MisLocations;
const ASSETS = Object.keys(MIS_ASSETS) as (keyof typeof MIS_ASSETS)[];
/** Enough records that the MIS follows `next` (Kobo's default page is 100) for every asset. */
const PER_ASSET = 130;

beforeAll(async () => {
  server = await startTestServer();
  world = await hqWorld(server);
  const ctx = server.app.ctx;
  token = createApiToken(
    { tokens: ctx.apiTokens, assetUids: () => ctx.koboAssets.list().map((a) => a.uid), locations: ctx.locationTree },
    { name: 'openimis', assets: ASSETS as unknown as [string, ...string[]] },
    'test',
  ).token;
  // The MIS's location table: openIMIS colline codes (imported with the hierarchy) and names.
  misLocations = new Map(
    ctx.locations
      .list()
      .filter((l) => l.openimisCode)
      .map((l) => [l.openimisCode!, { code: l.openimisCode!, name: l.name }]),
  );
}, 60_000);
afterAll(() => server.close());

function exportFile(records: KoboRecord[]): string {
  const file = join(server.dataDir, `kobo-${v4()}.json`);
  writeFileSync(file, JSON.stringify({ count: records.length, next: null, previous: null, results: records }));
  return file;
}

const importAsset = (asset: string, records: KoboRecord[]) =>
  importKobo(server.app.ctx.koboImport, {
    file: exportFile(records),
    mapping: server.app.ctx.koboAssets.get(asset)!.row.mapping,
    asset,
    actor: 'test',
    reportFile: join(server.dataDir, `report-${v4()}.json`),
  });

/** The MIS's kobo_client.get(): GET {base}/api/v2/assets/{uid}/data?format=json, then `next` until null. */
async function misPull(asset: string): Promise<{ results: KoboRecord[]; pages: number; count: number }> {
  let url: string | null = `http://127.0.0.1/api/v2/assets/${asset}/data?format=json`;
  const results: KoboRecord[] = [];
  let pages = 0;
  let count = 0;
  while (url) {
    const next: URL = new URL(url);
    const res: LightMyRequestResponse = await server.app.inject({
      method: 'GET',
      url: `${next.pathname}${next.search}`,
      headers: { authorization: `Token ${token}`, host: '127.0.0.1' },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const page: { count: number; next: string | null; results: KoboRecord[] } = res.json<{
      count: number;
      next: string | null;
      results: KoboRecord[];
    }>();
    expect(page.next === null || page.next.startsWith('http://127.0.0.1/api/v2/assets/'), 'absolute next').toBe(true);
    results.push(...page.results);
    count = page.count;
    url = page.next;
    pages += 1;
  }
  return { results, pages, count };
}

const convertAll = (asset: keyof typeof MIS_ASSETS, records: KoboRecord[]) =>
  new Map(records.map((r) => [String(r['_uuid']), MIS_ASSETS[asset](r, misLocations)]));

describe('the MIS pulls the six Kobo assets from Kusanya and gets what it got from Kobo', () => {
  const originals = new Map<string, KoboRecord[]>();

  it.each(ASSETS)('asset %s: imported Kobo records, pulled like the MIS, convert to the same values', async (asset) => {
    const r = rng(ASSETS.indexOf(asset) + 1);
    const records = Array.from({ length: PER_ASSET }, () => GENERATORS[asset](r));
    // Some were validated in Kobo; the MIS sees the status as it was.
    records[0]!['_validation_status'] = {
      timestamp: 1736937000,
      uid: 'validation_status_approved',
      by_whom: 'superviseur_gitega',
      label: 'Approved',
    };
    originals.set(asset, records);
    const report = await importAsset(asset, records);
    expect(report, JSON.stringify(report.problems.slice(0, 3))).toMatchObject({ total: PER_ASSET, refused: 0 });

    const pulled = await misPull(asset);
    expect(pulled.count).toBe(PER_ASSET);
    expect(pulled.pages).toBe(2);
    expect(pulled.results).toHaveLength(PER_ASSET);
    const fromKusanya = convertAll(asset, pulled.results);
    const fromKobo = convertAll(asset, records);
    expect([...fromKusanya.keys()].sort()).toEqual([...fromKobo.keys()].sort());
    for (const [uuid, expected] of fromKobo) expect(fromKusanya.get(uuid), `${asset} ${uuid}`).toEqual(expected);
    // Kobo's own keys: the same _id, _uuid and validation status as in Kobo.
    const first = pulled.results.find((x) => x['_uuid'] === records[0]!['_uuid'])!;
    expect(first).toMatchObject({
      _id: records[0]!['_id'],
      _submission_time: records[0]!['_submission_time'],
      _validation_status: records[0]!['_validation_status'],
      'meta/instanceID': records[0]!['meta/instanceID'],
      _xform_id_string: asset,
    });
  });

  it('serves a Kobo edit as one record, with its new values and Kobo uuid, and Kusanya keeps both versions', async () => {
    const asset = 'a77BL33LXCfAVovg4seMbH';
    const original = originals.get(asset)![5]!;
    const edit = edited(original, { 'group_zp4mt03/Nombre_dhommes': '77' });
    const report = await importAsset(asset, [edit]);
    // A revision, not a new record (it needs correction in Kusanya, like every imported training report: the
    // Kobo form never asked the sessions and attendance Kusanya's indicator report requires).
    expect(report).toMatchObject({ total: 1, created: 0, alreadyPresent: 0, refused: 0 });
    expect(report.revised + report.needsCorrection).toBe(1);
    const pulled = await misPull(asset);
    expect(pulled.count).toBe(PER_ASSET);
    const served = pulled.results.filter((x) => x['_id'] === original['_id']);
    expect(served).toHaveLength(1);
    expect(MIS_ASSETS[asset](served[0]!, misLocations)).toEqual(MIS_ASSETS[asset](edit, misLocations));
    const id = String(original['_uuid']);
    expect(server.app.ctx.submissions.versions(id).map((v) => v.doc.data['participants_men'])).toEqual(
      expect.arrayContaining([Number(original['group_zp4mt03/Nombre_dhommes']), 77]),
    );
  });

  it('serves records captured in Kusanya with the keys and codes the MIS reads', async () => {
    const version = (form: 'grievance' | 'indicator_report') => world.forms[form].version;
    const base = (formId: 'grievance' | 'indicator_report', data: Record<string, unknown>): Submission =>
      householdSubmission(world.enumerator.user.id, { id: v7(), formId, formVersion: version(formId), data });
    // A GBV complaint also about a late payment, resolved on the spot; a payment complaint still being handled.
    const gbv = await push(
      world,
      base(
        'grievance',
        grievanceAnswers({
          category: 'VIOLENCE_GBV',
          subcategory: 'GBV_FAMILY_CONFLICT',
          other_subcategories: ['PAYMENT_LATE'],
          channel: 'HOTLINE',
          resolved_on_spot: 'yes',
          resolution: 'Médiation faite',
        }),
      ),
    );
    const payment = await push(
      world,
      base('grievance', grievanceAnswers({ unresolved_status: 'en_cours_de_traitement_interne' })),
    );
    const transfer = await push(
      world,
      base(
        'indicator_report',
        reportAnswers({
          activity_type: 'CASH_TRANSFER',
          sessions: undefined,
          households_planned: 100,
          households_paid: 90,
          amount_planned: 2_000_000,
          amount_paid: 1_800_000,
          planned_women: 60,
          planned_men: 38,
          planned_batwa: 2,
          paid_women: 55,
          paid_men: 33,
          paid_batwa: 2,
          payment_agency: 'Lumicash',
          refugee_camp: 'Kavumu',
        }),
      ),
    );
    for (const doc of [gbv, payment, transfer])
      expect(doc.status, JSON.stringify(doc.errors)).not.toBe('needs_correction');

    const grievances = (await misPull('atpoVbHXZCdLD9ETHTv6z4')).results;
    const convert = (id: string) =>
      MIS_ASSETS.atpoVbHXZCdLD9ETHTv6z4(
        grievances.find((g) => g['_uuid'] === id)!,
        misLocations,
      );
    expect(convert(gbv.id)).toMatchObject({
      id: gbv.id,
      title: 'Mubuga (sample)-2026-11-20',
      status: 'RESOLVED',
      category: 'violence_vbg',
      flags: 'SENSITIVE',
      channel: 'ligne_verte',
      date_of_incident: '2026-11-20',
      json_ext: {
        case_type: 'cas_de_r_clamation',
        location: { colline_code: '030101' },
        categorization: {
          sensitive_categories: ['conflit_familial'],
          non_sensitive_categories: ['paiement_en_retard'],
        },
        additional_categories: ['paiement'],
      },
    });
    expect(convert(payment.id)).toMatchObject({ status: 'IN_PROGRESS', category: 'paiement', flags: null });
    // Captured in Kusanya: not served under the historical form, which holds only what was imported from it.
    const earlier = (await misPull('aeAgbxjy7d6rD8jtUdMD9Z')).results.map((g) => g['_uuid']);
    expect(earlier).not.toContain(gbv.id);

    const transfers = (await misPull('ayK8Y5yP3MPTYQ3cPcpj9N')).results;
    const served = transfers.find((t) => t['_uuid'] === transfer.id)!;
    expect(MIS_ASSETS.ayK8Y5yP3MPTYQ3cPcpj9N(served, misLocations)).toMatchObject({
      location: '030101',
      payment_agency: 'Lumicash',
      programme: '1.1',
      planned_women: 60,
      paid_men: 33,
    });
    expect(served).toMatchObject({ 'group_ln06g44/Colline': '301101', _validation_status: {} });
    expect(served).not.toHaveProperty('activity_type');
    // The training asset does not serve a cash transfer.
    expect((await misPull('a77BL33LXCfAVovg4seMbH')).results.map((x) => x['_uuid'])).not.toContain(transfer.id);
  });

  it("fetches each record's attachments with its token and gets the bytes whose SHA-256 the record holds", async () => {
    const asset = 'atpoVbHXZCdLD9ETHTv6z4';
    const r = rng(77);
    // Grievances signed by the agent (and a replacement's photo), with their files in Kobo's media ZIP.
    const files: [string, Buffer][] = [];
    const records = Array.from({ length: 12 }, (_, i) => {
      const record = GENERATORS[asset](r);
      record['_attachments'] = [];
      files.push(
        [attachFile(record, 'Signature_de_l_agent_re_votre_nom_complet', `signature-${i}.png`), jpegLike(2_000 + i)],
        [
          attachFile(record, 'group_qj06k38/Prendre_une_photo_de_nouveau_percepteur_', `${1771932981412 + i}.jpg`),
          jpegLike(3_000 + i),
        ],
      );
      return record;
    });
    const zip = join(server.dataDir, `kobo-media-${v4()}.zip`);
    await writeKoboMediaZip(zip, files);
    const report = await importKobo(server.app.ctx.koboImport, {
      file: exportFile(records),
      media: zip,
      mapping: server.app.ctx.koboAssets.get(asset)!.row.mapping,
      asset,
      actor: 'test',
      reportFile: join(server.dataDir, `report-${v4()}.json`),
    });
    expect(report.media).toMatchObject({ stored: 24, missing: [], extra: [], refused: [] });

    const pulled = (await misPull(asset)).results;
    const bytesOf = new Map(files.map(([path, bytes]) => [path, bytes]));
    let fetched = 0;
    for (const record of records) {
      const served = pulled.find((x) => x['_uuid'] === record['_uuid'])!;
      const held = server.app.ctx.media.filesOf(String(record['_uuid']));
      const attachments = served['_attachments'] as { filename: string; download_url: string; mimetype: string }[];
      expect(attachments).toHaveLength(2);
      for (const attachment of attachments) {
        // The MIS matches an attachment to the question whose answer is the file's base name.
        const name = attachment.filename.slice(attachment.filename.lastIndexOf('/') + 1);
        expect(Object.values(served)).toContain(name);
        expect(attachment.mimetype).toBe('image/jpeg');
        const url = new URL(attachment.download_url);
        const res = await server.app.inject({
          method: 'GET',
          url: url.pathname,
          headers: { authorization: `Token ${token}`, host: '127.0.0.1' },
        });
        expect(res.statusCode).toBe(200);
        const digest = createHash('sha256').update(res.rawPayload).digest('hex');
        expect(digest).toBe(held.find((f) => f.name === name)!.sha256);
        expect(res.rawPayload.equals(bytesOf.get(attachment.filename)!)).toBe(true);
        fetched += 1;
      }
    }
    expect(fetched).toBe(24);
  });
});
