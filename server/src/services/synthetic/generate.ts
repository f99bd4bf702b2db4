import type { Db } from '../../db/database.js';
import type { FormsRepository } from '../../repositories/forms.js';
import type { LocationsRepository } from '../../repositories/locations.js';
import { monitoringRepository } from '../../repositories/monitoring.js';
import { syntheticRepository } from '../../repositories/synthetic.js';
import { periodQuarters } from './batches.js';
import type { Place } from './household.js';
import { syntheticLocations } from './locations.js';
import { Random } from './random.js';
import { DAY, type GeneratorEnd, type GeneratorInput, type GeneratorStats } from './row-context.js';
import { ensureForms, ensureStaff, spreadPick } from './setup.js';
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
  const repo = syntheticRepository(deps.db);
  const until = options.until ?? new Date();
  const span = (options.days ?? 730) * DAY;
  const from = until.getTime() - span;
  const total = options.households;
  const batch = options.batch ?? 10_000;
  const grievanceRate = options.grievanceRate ?? 0.02;
  const progress = options.onProgress ?? (() => undefined);
  const now = until.toISOString();

  const formVersions = await ensureForms(
    deps.forms,
    options.formsDir ?? new URL('../../../../forms/', import.meta.url),
  );
  let locationsAdded = 0;
  if (!repo.hasRealCollines()) locationsAdded = repo.transaction(() => repo.insertLocations(syntheticLocations()));
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
  const { staff, count: staffCount } = await ensureStaff(repo, places, now);

  // Bulk-load settings for this connection: a bigger page cache (bounded), commits without waiting for the
  // disk (WAL keeps the file consistent; a power cut loses at most the last batches of a re-runnable seed),
  // and a larger full-text buffer. Restored at the end.
  const previous = {
    cache: deps.db.pragma('cache_size', { simple: true }),
    sync: deps.db.pragma('synchronous', { simple: true }),
    temp: deps.db.pragma('temp_store', { simple: true }),
  };
  deps.db.pragma('cache_size = -262144');
  deps.db.pragma('synchronous = NORMAL');
  // Statement journals (inserts into tables with triggers) in memory rather than temporary files.
  deps.db.pragma('temp_store = MEMORY');
  repo.setSearchBuffer(4 * 1024 * 1024);
  let stats: GeneratorStats;
  try {
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
        householdSeq: repo.maxHouseholdSeq(),
        submissionSeq: repo.maxSubmissionSeq(),
        nationalId: repo.householdCount() * 3 + 1,
        codeCounters: repo.householdCodeCounters(),
        ticketCounters: repo.ticketCounters(),
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
      repo.copyStaged(file);
      progress({ phase, done, total: of });
    }
    if (!end) throw new Error('the synthetic registry generator ended without its counters');
    stats = end.stats;
    const { rngState, codeCounters, ticketCounters } = end;

    // Targets: national and per province, a little above what was achieved (synthetic, for the dashboards).
    repo.transaction(() => {
      writeTargets(
        repo,
        monitoringRepository(deps.db),
        periodQuarters(from, until.getTime()),
        new Random(rngState),
        now,
      );
      for (const c of codeCounters) repo.setHouseholdCodeCounter(c.year, c.province, c.last);
      for (const c of ticketCounters) repo.setTicketCounter(c.year, c.last);
    });

    progress({ phase: 'search index', done: 0, total: 1 });
    repo.optimizeSearch();
    deps.db.pragma('optimize');
  } finally {
    repo.setSearchBuffer(1024 * 1024);
    deps.db.pragma(`cache_size = ${Number(previous.cache)}`);
    deps.db.pragma(`synchronous = ${Number(previous.sync)}`);
    deps.db.pragma(`temp_store = ${Number(previous.temp)}`);
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
