import type { FormLabels } from '@kusanya/schemas';
import { MEMBER_FIELDS } from '../../domain/registry/household-answers.js';
import type { AreaCodes } from '../../repositories/area-sql.js';
import type {
  ExportReader,
  HouseholdExportRow,
  IndividualExportRow,
  ReportExportRow,
  TicketExportRow,
} from '../../repositories/exports.js';
import type { LocationDirectory } from '../hq/location-directory.js';
import { cellValue } from './cells.js';

export type Cell = string | number | null;

/** What an export writes: a header, how many rows, and the rows (read lazily from the snapshot). */
export interface RowSource {
  name: string;
  columns: string[];
  total: number;
  rows: Iterable<Cell[]>;
}

export interface DatasetContext {
  reader: ExportReader;
  directory: LocationDirectory;
  /** Labels of the newest household survey: which answer columns to write, in form order. */
  household: FormLabels | null;
  username: (id: string) => string;
  zoneOf: (colline: string) => string | null;
  /** An answer's cell as the reader asked for it: the value written (codes), or its words (labelled export). */
  answer: (level: 'household' | 'member', field: string, cell: Cell) => Cell;
}

const LOCATION_FIELDS = new Set(['province', 'commune', 'zone', 'colline']);

/** The household survey's stored questions of one level, in form order (calculations and notes are not stored). */
function answerColumns(
  labels: FormLabels | null,
  scope: 'household' | 'member',
  exclude: ReadonlySet<string>,
): string[] {
  if (!labels) return [];
  const fields = scope === 'household' ? labels.fields : (labels.repeats['members'] ?? {});
  return Object.entries(fields)
    .filter(([name, f]) => f.type !== 'calculate' && f.type !== 'repeat' && !exclude.has(name))
    .map(([name]) => name);
}

const parse = (json: string) => JSON.parse(json) as Record<string, unknown>;
const pair = (json: string | null): [string | null, string | null] =>
  json ? (JSON.parse(json) as [string | null, string | null]) : [null, null];
const fullName = (json: string | null) => pair(json).filter(Boolean).join(' ') || null;

function* mapRows<T>(rows: Iterable<T>, map: (row: T) => Cell[]): Generator<Cell[]> {
  for (const row of rows) yield map(row);
}

export function householdsSource(ctx: DatasetContext, areas: AreaCodes | null): RowSource {
  const answers = answerColumns(ctx.household, 'household', LOCATION_FIELDS);
  const d = ctx.directory;
  return {
    name: 'households',
    columns: [
      'household_code',
      'household_id',
      'province',
      'province_name',
      'commune',
      'commune_name',
      'zone',
      'zone_name',
      'colline',
      'colline_name',
      'version',
      'size',
      'head_name',
      'primary_recipient',
      'created_at',
      'updated_at',
      ...answers,
    ],
    total: ctx.reader.countHouseholds(areas),
    rows: mapRows(ctx.reader.households(areas), (h: HouseholdExportRow) => {
      const values = parse(h.values_json);
      const zone = ctx.zoneOf(h.area);
      return [
        h.code,
        h.id,
        h.province,
        d.name(h.province),
        h.commune,
        d.name(h.commune),
        zone,
        d.name(zone),
        h.area,
        d.name(h.area),
        h.version,
        h.size,
        fullName(h.head),
        fullName(h.primary_recipient),
        h.created_at,
        h.updated_at,
        ...answers.map((f) => ctx.answer('household', f, cellValue(values[f]))),
      ];
    }),
  };
}

const MEMBER_KEYS = new Set<string>(Object.values(MEMBER_FIELDS));

export function individualsSource(ctx: DatasetContext, areas: AreaCodes | null): RowSource {
  const answers = answerColumns(ctx.household, 'member', MEMBER_KEYS);
  const d = ctx.directory;
  return {
    name: 'individuals',
    columns: [
      'household_code',
      'household_id',
      'individual_id',
      'first_name',
      'last_name',
      'sex',
      'birth_date',
      'birth_year',
      'national_id',
      'phone',
      'role',
      'relationship',
      'recipient',
      'respondent',
      'position',
      'province',
      'commune',
      'colline',
      'colline_name',
      'member_since',
      ...answers,
    ],
    total: ctx.reader.countIndividuals(areas),
    rows: mapRows(ctx.reader.individuals(areas), (i: IndividualExportRow) => {
      const values = parse(i.values_json);
      return [
        i.household_code,
        i.household_id,
        i.individual_id,
        i.first_name,
        i.last_name,
        i.sex,
        i.birth_date,
        i.birth_year,
        i.national_id,
        i.phone,
        i.role,
        i.relationship,
        i.recipient,
        i.respondent ? 'yes' : 'no',
        i.position + 1,
        i.province,
        i.commune,
        i.area,
        d.name(i.area),
        i.started_at,
        ...answers.map((f) => ctx.answer('member', f, cellValue(values[f]))),
      ];
    }),
  };
}

/** recipient_info of openIMIS's individual upload: 1 primary recipient, 2 secondary, 0 none. */
const RECIPIENT_INFO: Record<string, number> = { PRIMARY: 1, SECONDARY: 2 };

/**
 * The column layout of openIMIS's individual upload (social protection "Individuals" import): first_name,
 * last_name, dob, id, group_code, individual_role, recipient_info, then attributes. `dob` is the birth date,
 * or 1 January of the estimated birth year when only an age was given (`dob_estimated` says which).
 */
export function openImisIndividualsSource(ctx: DatasetContext, areas: AreaCodes | null): RowSource {
  const answers = answerColumns(ctx.household, 'member', MEMBER_KEYS);
  const d = ctx.directory;
  return {
    name: 'individuals-openimis',
    columns: [
      'first_name',
      'last_name',
      'dob',
      'id',
      'group_code',
      'individual_role',
      'recipient_info',
      'dob_estimated',
      'sex',
      'national_id',
      'phone',
      'relationship',
      'respondent',
      'location_code',
      'location_name',
      ...answers,
    ],
    total: ctx.reader.countIndividuals(areas),
    rows: mapRows(ctx.reader.individuals(areas), (i: IndividualExportRow) => {
      const values = parse(i.values_json);
      const dob = i.birth_date ?? (i.birth_year ? `${i.birth_year}-01-01` : null);
      return [
        i.first_name,
        i.last_name,
        dob,
        i.individual_id,
        i.household_code,
        i.role,
        RECIPIENT_INFO[i.recipient ?? ''] ?? 0,
        i.birth_date ? 'no' : 'yes',
        i.sex,
        i.national_id,
        i.phone,
        i.relationship,
        i.respondent ? 'yes' : 'no',
        i.area,
        d.name(i.area),
        ...answers.map((f) => cellValue(values[f])),
      ];
    }),
  };
}

export function ticketsSource(
  ctx: DatasetContext,
  filter: { areas: AreaCodes | null; includeSensitive: boolean },
  now: string,
): RowSource {
  const d = ctx.directory;
  const hidden = (t: TicketExportRow, v: Cell) => (t.anonymous ? null : v);
  return {
    name: 'grievances',
    columns: [
      'ticket_code',
      'ticket_id',
      'status',
      'case_type',
      'category',
      'subcategory',
      'sensitive',
      'special',
      'channel',
      'anonymous',
      'reporter_name',
      'reporter_sex',
      'reporter_birth_year',
      'reporter_phone',
      'reporter_national_id',
      'reporter_beneficiary',
      'household_code',
      'province',
      'province_name',
      'commune',
      'commune_name',
      'colline',
      'colline_name',
      'incident_date',
      'description',
      'received_at',
      'due_at',
      'overdue',
      'assigned_to',
      'resolved_at',
      'closed_at',
      'resolution',
      'comments',
    ],
    total: ctx.reader.countTickets(filter),
    rows: mapRows(ctx.reader.tickets(filter), (t: TicketExportRow) => [
      t.code,
      t.id,
      t.status,
      t.case_type,
      t.category,
      t.subcategory,
      t.sensitive ? 'yes' : 'no',
      t.special ? 'yes' : 'no',
      t.channel,
      t.anonymous ? 'yes' : 'no',
      hidden(t, t.reporter_name),
      hidden(t, t.reporter_sex),
      hidden(t, t.reporter_birth_year),
      hidden(t, t.reporter_phone),
      hidden(t, t.reporter_id),
      hidden(t, t.reporter_beneficiary),
      t.household_code,
      t.province,
      d.name(t.province),
      t.commune,
      d.name(t.commune),
      t.area,
      d.name(t.area),
      t.incident_date,
      t.description,
      t.received_at,
      t.due_at,
      t.due_at < now && t.status !== 'RESOLVED' && t.status !== 'CLOSED' ? 'yes' : 'no',
      t.assigned_to ? ctx.username(t.assigned_to) : null,
      t.resolved_at,
      t.closed_at,
      t.resolution,
      t.comments,
    ]),
  };
}

export function reportsSource(ctx: DatasetContext, filter: Parameters<ExportReader['reports']>[0]): RowSource {
  const d = ctx.directory;
  const n = (v: number | null) => v ?? null;
  return {
    name: 'indicator-reports',
    columns: [
      'submission_id',
      'status',
      'report_date',
      'quarter',
      'activity_type',
      'province',
      'province_name',
      'commune',
      'commune_name',
      'zone',
      'zone_name',
      'colline',
      'colline_name',
      'sessions',
      'households_attending',
      'participants_men',
      'participants_women',
      'participants_total',
      'participants_batwa',
      'participants_disability',
      'participants_refugees_returnees',
      'households_planned',
      'households_paid',
      'amount_planned',
      'amount_paid',
      'payment_rate',
      'observations',
      'enumerator',
      'received_at',
    ],
    total: ctx.reader.countReports(filter),
    rows: mapRows(ctx.reader.reports(filter), (r: ReportExportRow) => [
      r.submission_id,
      r.status,
      r.report_date,
      r.quarter,
      r.activity_type,
      r.province,
      d.name(r.province),
      r.commune,
      d.name(r.commune),
      r.zone,
      d.name(r.zone),
      r.colline,
      d.name(r.colline),
      n(r.sessions),
      n(r.households_attending),
      n(r.participants_men),
      n(r.participants_women),
      r.participants_men === null && r.participants_women === null
        ? null
        : (r.participants_men ?? 0) + (r.participants_women ?? 0),
      n(r.participants_batwa),
      n(r.participants_disability),
      n(r.participants_refugees_returnees),
      n(r.households_planned),
      n(r.households_paid),
      n(r.amount_planned),
      n(r.amount_paid),
      r.amount_planned && r.amount_paid !== null ? Math.round((r.amount_paid / r.amount_planned) * 1000) / 10 : null,
      r.observations,
      ctx.username(r.enumerator_id),
      r.received_at,
    ]),
  };
}
