import type { Submission } from '@kusanya/schemas';
import { householdCode } from '@kusanya/server/domain/registry/household-code';
import { normalizeName } from '@kusanya/server/domain/registry/normalize';
import { emptyRows, rowWriter, type RowWriter, type BulkRows } from '@kusanya/server/repositories/bulk-rows';
import { ticketCode } from '@kusanya/server/usecases/grievances/create-ticket';
import type { Place } from './household.js';
import { Random, syntheticUuid } from './random.js';
import type { ProgrammeForm } from '../seed/demo.js';
import type { Staff } from './setup.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * Everything the row generator needs, as plain data (it is handed to a worker thread): the settings, the
 * places and staff, and where the registry's sequences and counters stand before the run.
 */
export interface GeneratorInput {
  /** The state of the seeded generator to start from (`new Random(seed).state`). */
  rngState: number;
  households: number;
  /** Households per batch (one transaction each). */
  batch: number;
  /** The synthetic period, epoch ms. */
  from: number;
  until: number;
  grievanceRate: number;
  places: Place[];
  staff: Staff;
  formVersions: Record<ProgrammeForm, string>;
  start: {
    householdSeq: number;
    submissionSeq: number;
    nationalId: number;
    codeCounters: { year: number; province: string; last: number }[];
    ticketCounters: { year: number; last: number }[];
  };
}

export interface GeneratorStats {
  households: number;
  individuals: number;
  grievances: number;
  reports: number;
  rejectedSurveys: number;
}

/** How the run ended: the generator's state (the targets continue from it) and the counters to store. */
export interface GeneratorEnd {
  rngState: number;
  codeCounters: { year: number; province: string; last: number }[];
  ticketCounters: { year: number; last: number }[];
  stats: GeneratorStats;
}

export const iso = (ms: number) => new Date(ms).toISOString();

export type RowContext = ReturnType<typeof rowContext>;

/**
 * The state of one generation: the seeded generator, sequences and counters (allocated here, in the order
 * the records are made, so a seed always gives the same registry), and the batch being filled.
 */
export function rowContext(input: GeneratorInput) {
  const rng = new Random(input.rngState);
  let householdSeq = input.start.householdSeq;
  let submissionSeq = input.start.submissionSeq;
  let nationalId = input.start.nationalId;
  const knownCodes = new Map(input.start.codeCounters.map((c) => [`${c.year}|${c.province}`, c.last]));
  const codeCounters = new Map<string, number>();
  const knownTickets = new Map(input.start.ticketCounters.map((c) => [c.year, c.last]));
  const ticketCounters = new Map<number, number>();
  const stats: GeneratorStats = { households: 0, individuals: 0, grievances: 0, reports: 0, rejectedSurveys: 0 };
  const nameKeys = new Map<string, string>();
  let rows = emptyRows();
  let out = rowWriter(rows);

  const envelope = (
    formId: ProgrammeForm,
    data: Record<string, unknown>,
    enumeratorId: string,
    place: Place,
    finalizedAt: number,
  ): Submission => ({
    id: syntheticUuid(rng, finalizedAt),
    formId,
    formVersion: input.formVersions[formId],
    data,
    meta: {
      enumeratorId,
      deviceId: 'synthetic',
      startedAt: iso(finalizedAt - 20 * 60_000),
      finalizedAt: iso(finalizedAt),
      area: place.colline,
    },
    status: 'submitted',
    review: null,
    errors: [],
    rev: 1,
    updatedAt: finalizedAt,
    _deleted: false,
  });

  return {
    rng,
    input,
    stats,
    /** The writer of the batch being filled. */
    get out(): RowWriter {
      return out;
    },
    /** Hands over the batch filled so far and starts a new one. */
    takeRows(): BulkRows {
      const full = rows;
      rows = emptyRows();
      out = rowWriter(rows);
      return full;
    },
    /** normalizeName of a first and last name, remembered: synthetic names come from short lists. */
    nameKey(firstName: string, lastName: string): string {
      const pair = `${firstName}\u0000${lastName}`;
      let key = nameKeys.get(pair);
      if (key === undefined) {
        key = normalizeName(firstName, lastName);
        nameKeys.set(pair, key);
      }
      return key;
    },
    nextHouseholdSeq: () => ++householdSeq,
    nextNationalId: () => nationalId++,
    /** The next household code of a year and province (year + province + sequence, as approval gives them). */
    nextCode(year: number, province: string): string {
      const key = `${year}|${province}`;
      const next = (codeCounters.get(key) ?? knownCodes.get(key) ?? 0) + 1;
      codeCounters.set(key, next);
      return householdCode(year, province, next);
    },
    nextTicket(year: number): string {
      const next = (ticketCounters.get(year) ?? knownTickets.get(year) ?? 0) + 1;
      ticketCounters.set(year, next);
      return ticketCode(year, next);
    },
    envelope,
    /** Writes a submission; `dataJson` is its answers already serialised (the envelope is serialised around them). */
    submission(doc: Submission, receivedAt: string, dataJson?: string): void {
      out.submission({
        id: doc.id,
        seq: ++submissionSeq,
        formId: doc.formId,
        formVersion: doc.formVersion,
        enumeratorId: doc.meta.enumeratorId,
        area: doc.meta.area,
        status: doc.status,
        rev: doc.rev,
        receivedAt,
        updatedAt: iso(doc.updatedAt),
        doc:
          dataJson === undefined
            ? JSON.stringify(doc)
            : JSON.stringify({ ...doc, data: 0 }).replace('"data":0', `"data":${dataJson}`),
      });
    },
    end(): GeneratorEnd {
      return {
        rngState: rng.state,
        codeCounters: [...codeCounters].map(([key, last]) => {
          const [year, province] = key.split('|') as [string, string];
          return { year: Number(year), province, last };
        }),
        ticketCounters: [...ticketCounters].map(([year, last]) => ({ year, last })),
        stats,
      };
    },
  };
}
