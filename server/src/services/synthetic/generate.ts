import type { Submission } from '@kusanya/schemas';
import type { Db } from '../../db/database.js';
import { quarterOf, quartersBetween } from '../../domain/monitoring/measures.js';
import { householdCode } from '../../domain/registry/household-code.js';
import { normalizeName, normalizeNationalId } from '../../domain/registry/normalize.js';
import type { FormsRepository } from '../../repositories/forms.js';
import type { LocationsRepository } from '../../repositories/locations.js';
import { monitoringRepository } from '../../repositories/monitoring.js';
import { syntheticRepository } from '../../repositories/synthetic.js';
import { ticketCode } from '../grievances/create-ticket.js';
import { ACTIVITY_TYPES, syntheticGrievance, syntheticReport, type Reporter } from './activity.js';
import { syntheticHousehold, type Place, type SyntheticHousehold } from './household.js';
import { syntheticLocations } from './locations.js';
import { Random, syntheticUuid } from './random.js';
import { ensureForms, ensureStaff, spreadPick } from './setup.js';
import { writeTargets } from './targets.js';

export { SYNTHETIC_PASSWORD } from './setup.js';

/** Households per colline in the national registry (315,000 / 3,037). */
export const HOUSEHOLDS_PER_COLLINE = 104;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Generates a realistic national-scale registry for demos and benchmarks: the 2025 location scheme (synthetic
 * unless a real hierarchy is loaded), field staff, households with members and their approval history (as
 * approval writes it: one "(created)" row per household and individual, one "(joined)" per membership), the
 * household surveys and review decisions behind them (a few returned, some rejected), grievance tickets at
 * various stages, and indicator reports per colline and quarter with targets. Written in large transactions
 * with prepared statements; memory stays flat (nothing is kept per household once its batch is written).
 */
export async function generateSynthetic(deps: SyntheticDeps, options: SyntheticOptions): Promise<SyntheticReport> {
  const started = Date.now();
  const repo = syntheticRepository(deps.db);
  const rng = new Random(options.seed ?? 20260115);
  const until = options.until ?? new Date();
  const span = (options.days ?? 730) * DAY;
  const from = until.getTime() - span;
  const total = options.households;
  const batch = options.batch ?? 10_000;
  const grievanceRate = options.grievanceRate ?? 0.02;
  const progress = options.onProgress ?? (() => undefined);
  const now = until.toISOString();

  const formVersions = await ensureForms(deps.forms, options.formsDir ?? new URL('../../../../forms/', import.meta.url));
  let locationsAdded = 0;
  if (!repo.hasRealCollines()) locationsAdded = repo.transaction(() => repo.insertLocations(syntheticLocations()));
  const byCode = new Map(deps.locations.list().map((l) => [l.code, l]));
  const allPlaces: Place[] = [...byCode.values()]
    .filter((l) => l.level === 'colline')
    .map((l) => {
      const zone = byCode.get(l.parentCode ?? '');
      const commune = byCode.get(zone?.parentCode ?? '');
      return { colline: l.code, zone: zone?.code ?? '', commune: commune?.code ?? '', province: commune?.parentCode ?? '' };
    })
    .filter((p) => p.province !== '')
    .sort((a, b) => a.colline.localeCompare(b.colline));
  const places = spreadPick(allPlaces, Math.max(1, Math.min(allPlaces.length, Math.ceil(total / HOUSEHOLDS_PER_COLLINE))));
  const { staff, count: staffCount } = await ensureStaff(repo, places, now);

  // Bulk-load settings for this connection: a bigger page cache (bounded), commits without waiting for the
  // disk (WAL keeps the file consistent; a power cut loses at most the last batches of a re-runnable seed),
  // and a larger full-text buffer. Restored at the end.
  const previous = { cache: deps.db.pragma('cache_size', { simple: true }), sync: deps.db.pragma('synchronous', { simple: true }), temp: deps.db.pragma('temp_store', { simple: true }) };
  deps.db.pragma('cache_size = -262144');
  deps.db.pragma('synchronous = NORMAL');
  // Statement journals (inserts into tables with triggers) in memory rather than temporary files.
  deps.db.pragma('temp_store = MEMORY');
  repo.setSearchBuffer(4 * 1024 * 1024);
  const stats = { households: 0, individuals: 0, grievances: 0, reports: 0, rejectedSurveys: 0 };
  try {
    let householdSeq = repo.maxHouseholdSeq();
    let submissionSeq = repo.maxSubmissionSeq();
    const codeCounters = new Map<string, number>();
    const nextCode = (year: number, province: string) => {
      const key = `${year}|${province}`;
      const next = (codeCounters.get(key) ?? repo.householdCodeCounter(year, province)) + 1;
      codeCounters.set(key, next);
      return householdCode(year, province, next);
    };
    const ticketCounters = new Map<number, number>();
    const nextTicket = (year: number) => {
      const next = (ticketCounters.get(year) ?? repo.ticketCounter(year)) + 1;
      ticketCounters.set(year, next);
      return ticketCode(year, next);
    };
    let nationalIds = repo.householdCount() * 3 + 1;
    const counters = { nextNationalId: () => nationalIds++ };

    /** Writes a submission; `dataJson` is its answers already serialised (the envelope is serialised around them). */
    const submission = (doc: Submission, receivedAt: string, dataJson?: string) =>
      repo.insertSubmission({
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
        doc: dataJson === undefined ? JSON.stringify(doc) : JSON.stringify({ ...doc, data: 0 }).replace('"data":0', `"data":${dataJson}`),
      });
    const envelope = (formId: keyof typeof formVersions, data: Record<string, unknown>, enumeratorId: string, place: Place, finalizedAt: number): Submission => ({
      id: syntheticUuid(rng, finalizedAt),
      formId,
      formVersion: formVersions[formId],
      data,
      meta: { enumeratorId, deviceId: 'synthetic', startedAt: iso(finalizedAt - 20 * 60_000), finalizedAt: iso(finalizedAt), area: place.colline },
      status: 'submitted',
      review: null,
      errors: [],
      rev: 1,
      updatedAt: finalizedAt,
      _deleted: false,
    });

    const writeGrievance = (place: Place, receivedAt: number, reporter: Reporter | null) => {
      const enumerator = staff.enumerators.get(place.commune)![0]!;
      const officer = staff.officers.get(place.province)!;
      const plan = syntheticGrievance(rng, new Date(receivedAt), until, place, reporter);
      const code = nextTicket(new Date(receivedAt).getUTCFullYear());
      const doc = envelope('grievance', plan.data, enumerator.id, place, receivedAt - rng.exponential(6) * HOUR);
      const received = iso(receivedAt);
      submission({ ...doc, status: 'approved', rev: 2, review: { by: 'system', at: received, decision: 'approve', comment: `Ticket ${code}` }, updatedAt: receivedAt }, received);
      const ticketId = syntheticUuid(rng, receivedAt);
      const last = plan.steps.at(-1);
      const stepAt = (status: string) => plan.steps.find((s) => s.status === status)?.at.toISOString() ?? null;
      repo.insertTicket({
        id: ticketId,
        code,
        submissionId: doc.id,
        status: last?.status ?? 'RECEIVED',
        caseType: 'COMPLAINT',
        category: plan.category,
        subcategory: plan.subcategory,
        sensitive: plan.sensitive,
        special: plan.special,
        channel: plan.channel,
        anonymous: plan.anonymous,
        area: place.colline,
        commune: place.commune,
        province: place.province,
        description: plan.description,
        incidentDate: plan.incidentDate,
        receivedAt: received,
        dueAt: plan.dueAt.toISOString(),
        assignedTo: plan.steps.length > 0 ? officer.id : null,
        version: 1 + plan.steps.length + (plan.steps.length > 0 ? 1 : 0),
        updatedAt: last ? last.at.toISOString() : received,
        householdCode: plan.anonymous ? null : (reporter?.householdCode ?? null),
        reporterIdNorm: plan.anonymous ? null : normalizeNationalId(reporter?.nationalId),
        resolvedAt: stepAt('RESOLVED'),
        closedAt: stepAt('CLOSED'),
      });
      let previous = 'RECEIVED';
      plan.steps.forEach((step, index) => {
        const at = step.at.toISOString();
        if (index === 0) repo.insertEvent({ ticketId, actorId: officer.id, kind: 'assign', from: null, to: officer.id, at });
        repo.insertEvent({ ticketId, actorId: officer.id, kind: 'status', from: previous, to: step.status, at });
        if (step.status === 'IN_PROGRESS') repo.insertComment({ id: syntheticUuid(rng, step.at.getTime()), ticketId, authorId: officer.id, body: 'Visite de vérification prévue sur la colline.', resolution: false, createdAt: at });
        if (step.status === 'RESOLVED' && plan.resolution) repo.insertComment({ id: syntheticUuid(rng, step.at.getTime()), ticketId, authorId: officer.id, body: plan.resolution, resolution: true, createdAt: at });
        previous = step.status;
      });
      stats.grievances += 1;
    };

    const writeHousehold = (index: number, place: Place, campaign: number) => {
      const enumerator = staff.enumerators.get(place.commune)![index % 2]!;
      const supervisor = staff.supervisors.get(place.commune)!;
      const approvedAt = Math.min(until.getTime() - HOUR, campaign + rng.next() * 20 * DAY);
      const receivedAt = approvedAt - Math.max(0.5, rng.exponential(30)) * HOUR;
      const finalizedAt = receivedAt - rng.exponential(12) * HOUR;
      const at = new Date(approvedAt);
      // Answers as on the day of the visit (ages and dates as the form computes them when it was finalised).
      const h: SyntheticHousehold = syntheticHousehold(rng, new Date(finalizedAt), place, counters);
      const valuesJson = JSON.stringify(h.values);
      const memberJson = h.members.map((m) => JSON.stringify(m.values));
      const dataJson = `${valuesJson.slice(0, -1)}${valuesJson.length > 2 ? ',' : ''}"members":[${memberJson.join(',')}]}`;
      const doc = envelope('household_survey', {}, enumerator.id, place, finalizedAt);
      const returned = rng.chance(0.05);
      const approval = iso(approvedAt);
      submission({ ...doc, status: 'approved', rev: returned ? 4 : 2, review: { by: supervisor.username, at: approval, decision: 'approve' }, updatedAt: approvedAt }, iso(receivedAt), dataJson);
      if (returned) {
        const returnedAt = iso(receivedAt + (approvedAt - receivedAt) / 3);
        repo.insertReview({ submissionId: doc.id, submissionRev: 1, decision: 'return', reason: null, comment: 'Vérifier les âges des enfants.', reviewerId: supervisor.id, at: returnedAt });
        repo.insertReview({ submissionId: doc.id, submissionRev: 3, decision: 'approve', reason: null, comment: null, reviewerId: supervisor.id, at: approval });
      } else {
        repo.insertReview({ submissionId: doc.id, submissionRev: 1, decision: 'approve', reason: null, comment: null, reviewerId: supervisor.id, at: approval });
      }

      const householdId = syntheticUuid(rng, approvedAt);
      const code = nextCode(at.getUTCFullYear(), place.province);
      const head = h.members[0]!;
      const placeText = repo.insertHousehold({
        id: householdId,
        code,
        area: place.colline,
        commune: place.commune,
        province: place.province,
        version: 1,
        seq: ++householdSeq,
        headNameNorm: normalizeName(head.firstName, head.lastName),
        size: h.members.length,
        valuesJson,
        createdAt: approval,
        updatedAt: approval,
        createdBySubmission: doc.id,
      });
      const historyRows: Parameters<typeof repo.insertHistory>[0] = [];
      const history = (entity: 'household' | 'individual' | 'membership', entityId: string, field: string, newValueJson: string) =>
        historyRows.push({ householdId, householdVersion: 1, entity, entityId, field, newValueJson, submissionId: doc.id, approvedBy: supervisor.username, at: approval });
      history('household', householdId, '(created)', `{"code":${JSON.stringify(code)}${valuesJson.length > 2 ? ',' : ''}${valuesJson.slice(1)}`);
      h.members.forEach((m, position) => {
        const individualId = syntheticUuid(rng, approvedAt);
        const indexed = { firstName: m.firstName, lastName: m.lastName, nameNorm: normalizeName(m.firstName, m.lastName), nationalIdNorm: normalizeNationalId(m.nationalId), phone: m.phone };
        repo.insertIndividual({
          id: individualId,
          firstName: m.firstName,
          lastName: m.lastName,
          sex: m.sex,
          birthDate: m.birthDate,
          birthYear: m.birthYear,
          nationalId: m.nationalId,
          nationalIdNorm: indexed.nationalIdNorm,
          phone: m.phone,
          nameNorm: indexed.nameNorm,
          commune: place.commune,
          valuesJson: memberJson[position]!,
          version: 1,
          createdAt: approval,
          updatedAt: approval,
        });
        const role = { role: m.role, relationship: m.relationship, recipient: m.recipient, respondent: m.respondent, position };
        repo.insertMembership({ householdId, individualId, ...role, startedAt: approval, startedBy: doc.id }, indexed, placeText);
        history('individual', individualId, '(created)', memberJson[position]!);
        history('membership', individualId, '(joined)', JSON.stringify(role));
      });
      // In the order approval writes them: the household, then each person and their membership.
      repo.insertHistory(historyRows);
      stats.households += 1;
      stats.individuals += h.members.length;

      if (rng.chance(0.03)) {
        // A survey the supervisor rejected (a household registered twice): it never reached the registry.
        const rejected = envelope('household_survey', {}, enumerator.id, place, finalizedAt + DAY);
        const rejectedAt = Math.min(until.getTime(), receivedAt + 2 * DAY);
        submission({ ...rejected, status: 'rejected', rev: 2, review: { by: supervisor.username, at: iso(rejectedAt), decision: 'reject', reason: 'DUPLICATE' }, updatedAt: rejectedAt }, iso(receivedAt + DAY), dataJson);
        repo.insertReview({ submissionId: rejected.id, submissionRev: 1, decision: 'reject', reason: 'DUPLICATE', comment: `Déjà enregistré (${code}).`, reviewerId: supervisor.id, at: iso(rejectedAt) });
        stats.rejectedSurveys += 1;
      }
      if (rng.chance(grievanceRate)) {
        const receivedGrievance = approvedAt + rng.next() * (until.getTime() - approvedAt);
        const adult = h.members.find((m) => m.recipient === 'PRIMARY') ?? head;
        const beneficiary = rng.chance(0.8);
        const reporter: Reporter = beneficiary
          ? { name: `${adult.firstName} ${adult.lastName}`, sex: adult.sex, birthYear: adult.birthYear, phone: adult.phone, nationalId: adult.nationalId, householdCode: code }
          : { name: `${head.lastName} ${rng.pick(['Anicet', 'Claudine', 'Désiré', 'Odette'])}`, sex: rng.chance(0.5) ? 'M' : 'F', birthYear: rng.int(1950, 2004), phone: null, nationalId: null, householdCode: null };
        writeGrievance(place, receivedGrievance, reporter);
      }
    };

    // Households, colline after colline: each colline registered in a campaign, the campaigns over the period.
    for (let first = 0; first < total; first += batch) {
      const last = Math.min(total, first + batch);
      repo.transaction(() => {
        for (let i = first; i < last; i += 1) {
          const ci = Math.floor((i * places.length) / total);
          writeHousehold(i, places[ci]!, from + (ci / places.length) * (span - 30 * DAY));
        }
      });
      progress({ phase: 'households', done: last, total });
    }

    // Indicator reports of every colline with households, for each quarter of the period.
    const quarters = quartersBetween(quarterOf(iso(from).slice(0, 10)), quarterOf(iso(until.getTime()).slice(0, 10)));
    const perColline = (ci: number) => Math.floor(((ci + 1) * total) / places.length) - Math.floor((ci * total) / places.length);
    for (let ci = 0; ci < places.length; ci += 200) {
      repo.transaction(() => {
        for (let c = ci; c < Math.min(places.length, ci + 200); c += 1) {
          const place = places[c]!;
          const enumerator = staff.enumerators.get(place.commune)![1]!;
          const supervisor = staff.supervisors.get(place.commune)!;
          for (const quarter of quarters) {
            const year = Number(quarter.slice(0, 4));
            const q = Number(quarter.slice(6));
            for (const [activity, probability] of ACTIVITY_TYPES) {
              if (!rng.chance(probability)) continue;
              const day = Date.UTC(year, (q - 1) * 3, 1) + rng.int(0, 89) * DAY;
              if (day < from || day > until.getTime() - DAY) continue;
              const receivedAt = day + rng.exponential(3) * DAY;
              if (receivedAt > until.getTime()) continue;
              const doc = envelope('indicator_report', syntheticReport(rng, activity, iso(day).slice(0, 10), place, perColline(c)), enumerator.id, place, receivedAt - HOUR);
              const recent = until.getTime() - receivedAt < 20 * DAY;
              const outcome = recent && rng.chance(0.6) ? 'pending' : rng.chance(0.04) ? 'reject' : 'approve';
              if (outcome === 'pending') {
                submission({ ...doc, status: 'pending_review' }, iso(receivedAt));
              } else {
                const decidedAt = Math.min(until.getTime(), receivedAt + rng.exponential(2) * DAY);
                const decision = outcome === 'approve' ? 'approve' : 'reject';
                submission(
                  {
                    ...doc,
                    status: decision === 'approve' ? 'approved' : 'rejected',
                    rev: 2,
                    review: { by: supervisor.username, at: iso(decidedAt), decision, ...(decision === 'reject' ? { reason: 'INCOMPLETE' } : {}) },
                    updatedAt: decidedAt,
                  },
                  iso(receivedAt),
                );
                repo.insertReview({ submissionId: doc.id, submissionRev: 1, decision, reason: decision === 'reject' ? 'INCOMPLETE' : null, comment: null, reviewerId: supervisor.id, at: iso(decidedAt) });
              }
              stats.reports += 1;
            }
          }
        }
      });
      progress({ phase: 'indicator reports', done: Math.min(places.length, ci + 200), total: places.length });
    }

    // Targets: national and per province, a little above what was achieved (synthetic, for the dashboards).
    repo.transaction(() => {
      writeTargets(repo, monitoringRepository(deps.db), quarters, rng, now);
      for (const [key, last] of codeCounters) {
        const [year, province] = key.split('|') as [string, string];
        repo.setHouseholdCodeCounter(Number(year), province, last);
      }
      for (const [year, last] of ticketCounters) repo.setTicketCounter(year, last);
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
  return { ...stats, collines: places.length, locationsAdded, staff: staffCount, seconds: (Date.now() - started) / 1000 };
}
