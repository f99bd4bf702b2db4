/**
 * Kobo benchmark (issue 16): the Kobo import of an export with edits and validation statuses, and Kobo's data
 * API served to the MIS — every record of one asset pulled as the MIS pulls it (Kobo's default page of 100,
 * following `next`) from a server process run as `npm start` runs it: records/s and the server's peak RSS; and
 * the import of records with photos from Kobo's media ZIP (MB/s).
 */
import type { KoboMapping } from '@kusanya/schemas';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/src/config.js';
import { createContext, type AppContext } from '../../server/src/context.js';
import { databasePath, openDatabase } from '../../server/src/db/database.js';
import { demoSeedDeps, seedDemoIfEmpty } from '@kusanya/tools/seed/demo';
import { createApiToken } from '../../server/src/usecases/kobo/api-tokens.js';
import { importKobo } from '../../server/src/usecases/kobo/import.js';
import {
  attachFile,
  edited,
  grievance2025,
  rng,
  training,
  writeKoboMediaZip,
  type KoboRecord,
} from '../../server/test/kobo/records.js';
import { startProductionServer } from '../lib/production-server.js';
import type { BenchSuite, Figure } from '../lib/types.js';

const ASSET = 'a77BL33LXCfAVovg4seMbH';
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Answers Kusanya's indicator report requires that the Kobo training form never asked: here it did. */
const EXTRA = ['sessions', 'households_attending', 'participants_disability', 'participants_refugees_returnees'];

function exportFile(dir: string, name: string, records: KoboRecord[]): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ count: records.length, next: null, previous: null, results: records }));
  return file;
}

/** Bytes a sniffer takes for a JPEG (its SOI marker), random after it, as large as a tablet's photo. */
function photo(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return bytes;
}

/** Grievances with a photo each, imported with Kobo's media ZIP (laid out as kobocat stores attachments): MB/s. */
async function importPhotos(
  ctx: AppContext,
  dataDir: string,
  n: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  const asset = 'atpoVbHXZCdLD9ETHTv6z4';
  const r = rng(16);
  const files: [string, Buffer][] = [];
  const records = Array.from({ length: n }, (_, i) => {
    const record = grievance2025(r);
    files.push([
      attachFile(record, 'group_qj06k38/Prendre_une_photo_de_nouveau_percepteur_', `${i}.jpg`),
      photo(120_000),
    ]);
    return record;
  });
  const zip = join(dataDir, 'media.zip');
  await writeKoboMediaZip(zip, files);
  files.length = 0;
  log(`importing ${n.toLocaleString('en')} Kobo grievances with a photo each from Kobo's media ZIP…`);
  const report = await importKobo(ctx.koboImport, {
    file: exportFile(dataDir, 'grievances.json', records),
    media: zip,
    mapping: ctx.koboAssets.get(asset)!.row.mapping,
    asset,
    actor: 'bench',
    reportFile: join(dataDir, 'grievances.report.json'),
  });
  const media = report.media!;
  if (media.stored !== n || media.missing.length > 0) throw new Error(`media: ${JSON.stringify(media).slice(0, 500)}`);
  const mb = media.bytes / 1e6;
  log(`  ${mb.toFixed(0)} MB of photos in ${media.seconds.toFixed(1)} s (whole import ${report.seconds.toFixed(1)} s)`);
  return [
    { name: 'kobo.media_zip_import_mb_per_s', value: round(mb / media.seconds, 1), unit: 'MB/s' },
    {
      name: 'kobo.import_with_photos_records_per_s',
      value: round(n / report.seconds),
      unit: 'records/s',
      note: 'records with one 120 kB photo each, the media ZIP read, hashed and stored before the records',
    },
  ];
}

async function run({ quick, log }: { quick: boolean; log: (line: string) => void }): Promise<Figure[]> {
  const n = quick ? 2_000 : 50_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'kusanya-bench-kobo-'));
  const figures: Figure[] = [];
  try {
    const db = openDatabase(databasePath(dataDir));
    let token: string;
    try {
      const ctx = createContext(db, { ...loadConfig({}), dataDir, intakeWorkers: 0 });
      await seedDemoIfEmpty(demoSeedDeps(ctx.db));
      const registered = ctx.koboAssets.get(ASSET)!.row.mapping;
      const mapping: KoboMapping = {
        ...registered,
        fields: { ...registered.fields, ...Object.fromEntries(EXTRA.map((f) => [f, f])) },
      };
      const r = rng(2026);
      const records = Array.from({ length: n }, (_, i) => {
        const record = training(r);
        for (const field of EXTRA) record[field] = String(r.int(0, 3));
        const status = i % 10;
        if (status < 3)
          record['_validation_status'] = {
            timestamp: 1736937000 + i,
            uid:
              status === 0
                ? 'validation_status_not_approved'
                : status === 1
                  ? 'validation_status_on_hold'
                  : 'validation_status_approved',
            by_whom: 'superviseur',
            label: 'x',
          };
        return record;
      });
      const importFile = async (file: string) => {
        const report = await importKobo(ctx.koboImport, {
          file,
          mapping,
          asset: ASSET,
          actor: 'bench',
          reportFile: join(dataDir, `${file}.report.json`),
        });
        if (report.refused > 0) throw new Error(`refused: ${JSON.stringify(report.problems[0])}`);
        return report;
      };
      log(`importing ${n.toLocaleString('en')} Kobo records (30 % with a validation status)…`);
      const first = await importFile(exportFile(dataDir, 'export.json', records));
      log(`  ${Math.round(first.seconds)} s; decisions ${JSON.stringify(first.decisions)}`);
      figures.push({ name: 'kobo.import_records_per_s', value: round(n / first.seconds), unit: 'records/s' });
      const edits = records
        .filter((_, i) => i % 10 === 5)
        .map((x) => edited(x, { 'group_zp4mt03/Nombre_dhommes': '9' }));
      log(`importing ${edits.length.toLocaleString('en')} Kobo edits (new revisions of those records)…`);
      const second = await importFile(exportFile(dataDir, 'edits.json', edits));
      if (second.revised + second.needsCorrection !== edits.length) throw new Error(`edits: ${JSON.stringify(second)}`);
      figures.push({ name: 'kobo.import_edits_per_s', value: round(edits.length / second.seconds), unit: 'records/s' });
      figures.push(...(await importPhotos(ctx, dataDir, quick ? 200 : 1_000, log)));
      token = createApiToken(
        { tokens: ctx.apiTokens, assetUids: () => [ASSET], locations: ctx.locationTree },
        { name: 'bench', assets: [ASSET] },
        'bench',
      ).token;
    } finally {
      db.close();
    }

    log(`pulling ${n.toLocaleString('en')} records as the MIS does (100 a page, following next)…`);
    const server = await startProductionServer(dataDir);
    try {
      server.resetPeak();
      let url: string | null = `${server.url}/api/v2/assets/${ASSET}/data?format=json`;
      let records = 0;
      let pages = 0;
      let peakAfterTenth = 0;
      const started = performance.now();
      while (url) {
        const res: Response = await fetch(url, { headers: { authorization: `Token ${token}` } });
        if (!res.ok) throw new Error(`page ${pages}: ${res.status} ${await res.text()}`);
        const page = (await res.json()) as { next: string | null; results: unknown[] };
        records += page.results.length;
        pages += 1;
        if (pages === Math.ceil(n / 1000)) peakAfterTenth = server.peakMb();
        url = page.next;
      }
      const seconds = (performance.now() - started) / 1000;
      if (records !== n) throw new Error(`pulled ${records} records, expected ${n}`);
      log(`  ${pages} pages in ${seconds.toFixed(1)} s; peak RSS ${server.peakMb().toFixed(0)} MB`);
      figures.push(
        { name: 'kobo.serve_records_per_s', value: round(records / seconds), unit: 'records/s' },
        { name: 'kobo.serve_pages', value: pages, unit: 'pages' },
        {
          name: 'kobo.serve_peak_server_rss',
          value: round(server.peakMb()),
          unit: 'MB',
          target: { op: '<=', value: 300 },
        },
        {
          name: 'kobo.serve_peak_server_rss_first_tenth',
          value: round(peakAfterTenth),
          unit: 'MB',
          note: 'the peak over the first tenth of the pull: flat memory means the whole pull stays close to it',
        },
      );
    } finally {
      server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

export const suite: BenchSuite = {
  name: 'kobo',
  description:
    'Kobo import with edits and validation statuses; Kobo data API pulled as the MIS pulls it (records/s, server RSS)',
  run,
};
