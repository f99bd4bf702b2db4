import type { Db } from '@kusanya/server/db/database';
import { bulkLoadRepository } from '@kusanya/server/repositories/bulk-load';
import type { FormsRepository } from '@kusanya/server/repositories/forms';
import type { LocationsRepository } from '@kusanya/server/repositories/locations';
import { monitoringRepository } from '@kusanya/server/repositories/monitoring';
import { usersRepository } from '@kusanya/server/repositories/users';
import { periodQuarters } from './batches.js';
import type { Place } from './household.js';
import { syntheticLocations } from './locations.js';
import { Random } from './random.js';
import { DAY, type GeneratorEnd, type GeneratorInput, type GeneratorStats } from './row-context.js';
import { publishProgrammeForms } from '../seed/demo.js';
import { formUseCases } from '@kusanya/server/usecases/form-admin';
import { ensureStaff, spreadPick } from './setup.js';
import { writeTargets } from './targets.js';
import { stagedBatches } from './worker-client.js';

export { SYNTHETIC_PASSWORD } from './setup.js';

/** Households per colline in the national registry (315,000 / 3,037). */
export const HOUSEHOLDS_PER_COLLINE = 104;

export interface SyntheticOptions {
  households: number;
  seed?: number;
  /** End of the synthetic period (default: now). */
  until?: Date;
  /** Length of the period in days (default: two years). */
  days?: number;
  /** Grievances per household (default 0.02). */
  grievanceRate?: number;
  /** Households per transaction (default 10,000). */
  batch?: number;
  /** Where the programme's XLSForms are (default: the repository's forms/). */
  formsDir?: URL;
  onProgress?: (progress: { phase: string; done: number; total: number }) => void;
}

export interface SyntheticReport {
  households: number;
  individuals: number;
  grievances: number;
  reports: number;
  rejectedSurveys: number;
  collines: number;
  locationsAdded: number;
  staff: number;
  seconds: number;
}

export interface SyntheticDeps {
  db: Db;
  forms: FormsRepository;
  locations: LocationsRepository;
}

/**
 * Generates a realistic national-scale registry for demos and benchmarks: the 2025 location scheme (synthetic
 * unless a real hierarchy is loaded), field staff, households with members and their approval history (as
 * approval writes it: one "(created)" row per household and individual, one "(joined)" per membership), the
 * household surveys and review decisions behind them (a few returned, some rejected), grievance tickets at
 * various stages, and indicator reports per colline and quarter with targets.
 *
 * The rows are made on a worker thread (syntheticChunks, deterministic for a seed) and staged there in scratch
 * SQLite files, a batch at a time; this thread copies each batch into the registry in one transaction while
 * the worker makes the next, so the two cores work at once. Memory stays flat: a few hundred households of
 * rows on the worker, nothing on this thread.
 */
export async function generateSynthetic(deps: SyntheticDeps, options: SyntheticOptions): Promise<SyntheticReport> {
  const started = Date.now();
  const bulk = bulkLoadRepository(deps.db);
  const monitoring = monitoringRepository(deps.db);
  const until = options.until ?? new Date();
  const span = (options.days ?? 730) * DAY;
  const from = until.getTime() - span;
  const total = options.households;
  const batch = options.batch ?? 10_000;
  const grievanceRate = options.grievanceRate ?? 0.02;
  const progress = options.onProgress ?? (() => undefined);
  const now = until.toISOString();

  const formVersions = await publishProgrammeForms(formUseCases(deps.forms), options.formsDir);
  // The synthetic 2025 scheme, unless a real hierarchy is loaded (codes already stored are kept as they are).
  let locationsAdded = 0;
  const stored = deps.locations.list();
  if (!stored.some((l) => l.level === 'colline' && !l.isSample)) {
    const known = new Set(stored.map((l) => l.code));
    const added = syntheticLocations().filter((l) => !known.has(l.code));
    if (added.length > 0) deps.locations.insertMany(added);
    locationsAdded = added.length;
  }
  const byCode = new Map(deps.locations.list().map((l) => [l.code, l]));
  const allPlaces: Place[] = [...byCode.values()]
    .filter((l) => l.level === 'colline')
    .map((l) => {
      const zone = byCode.get(l.parentCode ?? '');
      const commune = byCode.get(zone?.parentCode ?? '');
      return {
        colline: l.code,
        zone: zone?.code ?? '',
        commune: commune?.code ?? '',
        province: commune?.parentCode ?? '',
      };
    })
    .filter((p) => p.province !== '')
    .sort((a, b) => a.colline.localeCompare(b.colline));
  const places = spreadPick(
    allPlaces,
    Math.max(1, Math.min(allPlaces.length, Math.ceil(total / HOUSEHOLDS_PER_COLLINE))),
  );
  const { staff, count: staffCount } = await ensureStaff(usersRepository(deps.db), places, now);

  const endLoad = bulk.beginLoad();
  let stats: GeneratorStats;
  try {
    const start = bulk.start();
    const input: GeneratorInput = {
      rngState: new Random(options.seed ?? 20260115).state,
      households: total,
      batch,
      from,
      until: until.getTime(),
      grievanceRate,
      places,
      staff,
      formVersions,
      start: {
        householdSeq: start.householdSeq,
        submissionSeq: start.submissionSeq,
        nationalId: start.households * 3 + 1,
        codeCounters: start.codeCounters,
        ticketCounters: start.ticketCounters,
      },
    };
    // Rows are made (and staged) on a worker thread while this one copies the previous batch into the registry.
    let end: GeneratorEnd | undefined;
    for await (const message of stagedBatches(input)) {
      if ('end' in message) {
        end = message.end;
        continue;
      }
      const { file, phase, done, total: of } = message.batch;
      bulk.copyStaged(file);
      progress({ phase, done, total: of });
    }
    if (!end) throw new Error('the synthetic registry generator ended without its counters');
    stats = end.stats;
    const { rngState, codeCounters, ticketCounters } = end;

    // Targets: national and per province, a little above what was achieved (synthetic, for the dashboards).
    bulk.transaction(() => {
      writeTargets(monitoring, periodQuarters(from, until.getTime()), new Random(rngState), now);
      bulk.saveCounters(codeCounters, ticketCounters);
    });

    progress({ phase: 'search index', done: 0, total: 1 });
    bulk.finishLoad();
  } finally {
    endLoad();
  }
  progress({ phase: 'search index', done: 1, total: 1 });
  return {
    ...stats,
    collines: places.length,
    locationsAdded,
    staff: staffCount,
    seconds: (Date.now() - started) / 1000,
  };
}
