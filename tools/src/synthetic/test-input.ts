/** Inputs of the row generator for its tests (batches.test.ts, worker-client.test.ts). */
import { syntheticChunks, type RowChunk } from './batches.js';
import type { Place } from './household.js';
import { syntheticLocations } from './locations.js';
import { Random } from './random.js';
import type { GeneratorEnd, GeneratorInput } from './row-context.js';
import { spreadPick, type Staff } from './setup.js';

const UNTIL = Date.parse('2026-11-20T12:00:00Z');

/** A generator input over `collines` collines of the synthetic 2025 scheme, with made-up staff. */
export function input(households: number, collines: number, overrides: Partial<GeneratorInput> = {}): GeneratorInput {
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

export function run(generatorInput: GeneratorInput): { chunks: RowChunk[]; end: GeneratorEnd } {
  const chunks: RowChunk[] = [];
  const generator = syntheticChunks(generatorInput);
  for (;;) {
    const next = generator.next();
    if (next.done) return { chunks, end: next.value };
    chunks.push(next.value);
  }
}
