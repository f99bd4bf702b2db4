import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGED_TABLES } from '../../repositories/synthetic-staging.js';
import { emptyRows, type SyntheticRows } from '../../repositories/synthetic-rows.js';
import { syntheticChunks, type RowChunk } from './batches.js';
import type { Place } from './household.js';
import { syntheticLocations } from './locations.js';
import { Random } from './random.js';
import type { GeneratorEnd, GeneratorInput } from './row-context.js';
import type { Staff } from './setup.js';
import { spreadPick } from './setup.js';
import { stagedBatches } from './worker-client.js';

const UNTIL = Date.parse('2026-11-20T12:00:00Z');

/** A generator input over `collines` collines of the synthetic 2025 scheme, with made-up staff. */
function input(households: number, collines: number, overrides: Partial<GeneratorInput> = {}): GeneratorInput {
  const locations = syntheticLocations();
  const byCode = new Map(locations.map((l) => [l.code, l]));
  const places: Place[] = spreadPick(
    locations
      .filter((l) => l.level === 'colline')
      .map((l) => {
        const zone = byCode.get(l.parentCode!)!;
        const commune = byCode.get(zone.parentCode!)!;
        return { colline: l.code, zone: zone.code, commune: commune.code, province: commune.parentCode! };
      }),
    collines,
  );
  const staff: Staff = { enumerators: new Map(), supervisors: new Map(), officers: new Map() };
  for (const p of places) {
    staff.enumerators.set(
      p.commune,
      [1, 2].map((n) => ({ id: `enum-${p.commune}-${n}`, username: `enum-${p.commune}-${n}` })),
    );
    staff.supervisors.set(p.commune, { id: `sup-${p.commune}`, username: `sup-${p.commune}` });
    staff.officers.set(p.province, { id: `grv-${p.province}`, username: `grv-${p.province}` });
  }
  return {
    rngState: new Random(11).state,
    households,
    batch: 400,
    from: UNTIL - 400 * 86_400_000,
    until: UNTIL,
    grievanceRate: 0.1,
    places,
    staff,
    formVersions: { household_survey: '1', grievance: '1', indicator_report: '1' },
    start: { householdSeq: 0, submissionSeq: 0, nationalId: 1, codeCounters: [], ticketCounters: [] },
    ...overrides,
  };
}

function run(generatorInput: GeneratorInput): { chunks: RowChunk[]; end: GeneratorEnd } {
  const chunks: RowChunk[] = [];
  const generator = syntheticChunks(generatorInput);
  for (;;) {
    const next = generator.next();
    if (next.done) return { chunks, end: next.value };
    chunks.push(next.value);
  }
}

/** The rows of several chunks, concatenated per table. */
function concat(rows: SyntheticRows[]): SyntheticRows {
  const all = emptyRows();
  for (const r of rows) for (const table of Object.keys(all) as (keyof SyntheticRows)[]) all[table].push(...r[table]);
  return all;
}

/** The rows of a staged file, flattened per table in row order. */
function readStaged(file: string): SyntheticRows {
  const db = new Database(file, { readonly: true });
  try {
    const rows = emptyRows();
    for (const table of Object.keys(STAGED_TABLES) as (keyof SyntheticRows)[]) {
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().all() as (string | number | null)[][])
        rows[table].push(...row);
    }
    return rows;
  } finally {
    db.close();
  }
}

describe('synthetic registry rows', () => {
  it('are the same for the same seed, and different for another', () => {
    const first = run(input(1000, 10));
    expect(run(input(1000, 10))).toEqual(first);
    const other = run(input(1000, 10, { rngState: new Random(12).state }));
    expect(other.chunks[0]!.rows.households).not.toEqual(first.chunks[0]!.rows.households);
    expect(first.end.stats).toMatchObject({ households: 1000 });
    expect(first.end.stats.individuals).toBeGreaterThan(3500);
  });

  it('come in chunks that close a transaction at every batch of households and at the end of each phase', () => {
    const { chunks } = run(input(1000, 10));
    const households = chunks.filter((c) => c.phase === 'households');
    expect(households.filter((c) => c.endsBatch).map((c) => c.done)).toEqual([400, 800, 1000]);
    expect(
      households.map((c) => c.rows.households.length / STAGED_TABLES.households.bound.length).reduce((a, b) => a + b),
    ).toBe(1000);
    const reports = chunks.filter((c) => c.phase === 'indicator reports');
    expect(reports.at(-1)).toMatchObject({ done: 10, total: 10, endsBatch: true });
    expect(reports.flatMap((c) => c.rows.submissions).length).toBeGreaterThan(0);
  });

  it('continue the registry: sequences, national IDs and code counters from where they stand', () => {
    const { chunks, end } = run(
      input(300, 3, {
        start: {
          householdSeq: 41,
          submissionSeq: 90,
          nationalId: 500,
          codeCounters: [{ year: 2026, province: 'P01', last: 7 }],
          ticketCounters: [],
        },
      }),
    );
    const { households, submissions } = chunks[0]!.rows;
    const width = STAGED_TABLES.households.bound.length;
    expect(households[STAGED_TABLES.households.bound.indexOf('seq')]).toBe(42);
    expect(submissions[STAGED_TABLES.submissions.bound.indexOf('seq')]).toBe(91);
    const codes = households.filter((_, i) => i % width === STAGED_TABLES.households.bound.indexOf('code')) as string[];
    expect(new Set(codes).size).toBe(codes.length);
    const p01 = end.codeCounters.find((c) => c.year === 2026 && c.province === 'P01');
    if (p01) expect(p01.last).toBeGreaterThan(7);
  });

  it('are staged by the worker thread exactly as generated, and the scratch files are removed', async () => {
    const generatorInput = input(1000, 10);
    const expected = run(generatorInput);
    const staged: SyntheticRows[] = [];
    const files: string[] = [];
    let end: GeneratorEnd | undefined;
    for await (const message of stagedBatches(generatorInput)) {
      if ('end' in message) end = message.end;
      else {
        files.push(message.batch.file);
        staged.push(readStaged(message.batch.file));
      }
    }
    expect(concat(staged)).toEqual(concat(expected.chunks.map((c) => c.rows)));
    expect(end).toEqual(expected.end);
    expect(files.length).toBe(expected.chunks.filter((c) => c.endsBatch).length);
    expect(files.some((f) => existsSync(f)) || existsSync(dirname(files[0]!))).toBe(false);
  });

  it('report a failure of the worker and clean up after it', async () => {
    // Staff missing for the last colline's commune: the worker fails after the first batches.
    const broken = input(1000, 10);
    const lastCommune = broken.places.at(-1)!.commune;
    broken.staff.supervisors.delete(lastCommune);
    const files: string[] = [];
    const iterate = async () => {
      for await (const message of stagedBatches(broken)) if ('batch' in message) files.push(message.batch.file);
    };
    await expect(iterate()).rejects.toThrow(/reading 'username'/);
    expect(files.length).toBeGreaterThan(0);
    expect(existsSync(dirname(files[0]!))).toBe(false);
  });

  it('stop the worker and remove the scratch files when the caller stops early', async () => {
    let file = '';
    for await (const message of stagedBatches(input(1000, 10))) {
      if ('batch' in message) file = message.batch.file;
      break;
    }
    expect(file).not.toBe('');
    expect(existsSync(dirname(file))).toBe(false);
  });
});
