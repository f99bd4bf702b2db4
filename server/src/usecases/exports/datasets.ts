import { reportFigures, type FormLabels } from '@kusanya/schemas';
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
import type { ValueList } from './value-words.js';

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
  /**
   * An answer's cell as the reader asked for it: the value written (codes), or its words (labelled export) from the
   * choices of the form it was answered in: the household survey (its household or member level), the grievance
   * form or the indicator report.
   */
  answer: (form: AnswerForm, field: string, cell: Cell) => Cell;
  /** A status or a yes/no as the reader asked for it: the code, or its words. */
  term: (list: ValueList, cell: Cell) => Cell;
}

export type AnswerForm = 'household' | 'member' | 'grievance' | 'report';

/** The form whose records the indicator-report export reads (its figures are kept by migration 052's triggers). */
export const INDICATOR_REPORT_FORM_ID = 'indicator_report';

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

/** One column of a dataset: its header and how a row fills it. */
type Column<T> = readonly [header: string, value: (row: T) => Cell];

/** A dataset from its columns: the header is theirs, and each row is read once, lazily, column by column. */
function table<T>(name: string, columns: readonly Column<T>[], total: number, rows: Iterable<T>): RowSource {
  return {
    name,
    columns: columns.map(([header]) => header),
    total,
    rows: (function* () {
      for (const row of rows) yield columns.map(([, value]) => value(row));
    })(),
  };
}

/** A place's code and, beside it, its name: `colline`, `colline_name`. */
const place = <T>(d: LocationDirectory, header: string, code: (row: T) => string | null): Column<T>[] => [
  [header, code],
  [`${header}_name`, (row) => d.name(code(row))],
];

/** The survey's stored answers as columns, read from the row's answers (parsed once per row). */
const answersAsColumns = <T>(
  ctx: DatasetContext,
  level: 'household' | 'member',
  names: string[],
): Column<T & { answers: Record<string, unknown> }>[] =>
  names.map((name) => [name, (row) => ctx.answer(level, name, cellValue(row.answers[name]))]);

/** A row with its stored answers parsed (once). */
function* withAnswers<T extends { values_json: string }>(
  rows: Iterable<T>,
): Generator<T & { answers: Record<string, unknown> }> {
  for (const row of rows) yield Object.assign(row, { answers: parse(row.values_json) });
}

/** A yes/no column: `yes`/`no`, or their words. */
const yesNo = (ctx: DatasetContext, value: unknown) => ctx.term('yes-no', value ? 'yes' : 'no');

export function householdsSource(ctx: DatasetContext, areas: AreaCodes | null): RowSource {
  type Row = HouseholdExportRow & { answers: Record<string, unknown> };
  const d = ctx.directory;
  const columns: Column<Row>[] = [
    ['household_code', (h) => h.code],
    ['household_id', (h) => h.id],
    ...place<Row>(d, 'province', (h) => h.province),
    ...place<Row>(d, 'commune', (h) => h.commune),
    ...place<Row>(d, 'zone', (h) => ctx.zoneOf(h.area)),
    ...place<Row>(d, 'colline', (h) => h.area),
    ['version', (h) => h.version],
    ['size', (h) => h.size],
    ['head_name', (h) => fullName(h.head)],
    ['primary_recipient', (h) => fullName(h.primary_recipient)],
    ['created_at', (h) => h.created_at],
    ['updated_at', (h) => h.updated_at],
    ...answersAsColumns<HouseholdExportRow>(
      ctx,
      'household',
      answerColumns(ctx.household, 'household', LOCATION_FIELDS),
    ),
  ];
  return table('households', columns, ctx.reader.countHouseholds(areas), withAnswers(ctx.reader.households(areas)));
}

const MEMBER_KEYS = new Set<string>(Object.values(MEMBER_FIELDS));
type MemberRow = IndividualExportRow & { answers: Record<string, unknown> };

export function individualsSource(ctx: DatasetContext, areas: AreaCodes | null): RowSource {
  const columns: Column<MemberRow>[] = [
    ['household_code', (i) => i.household_code],
    ['household_id', (i) => i.household_id],
    ['individual_id', (i) => i.individual_id],
    ['first_name', (i) => i.first_name],
    ['last_name', (i) => i.last_name],
    ['sex', (i) => ctx.answer('member', 'sex', i.sex)],
    ['birth_date', (i) => i.birth_date],
    ['birth_year', (i) => i.birth_year],
    ['national_id', (i) => i.national_id],
    ['phone', (i) => i.phone],
    ['role', (i) => ctx.answer('member', 'relationship', i.role)],
    // The registry keeps the detail of an "other relationship" where there is one, the relationship otherwise.
    [
      'relationship',
      (i) => {
        const detail = ctx.answer('member', 'relationship_detail', i.relationship);
        return detail === i.relationship ? ctx.answer('member', 'relationship', i.relationship) : detail;
      },
    ],
    ['recipient', (i) => ctx.answer('member', 'recipient', i.recipient)],
    ['respondent', (i) => yesNo(ctx, i.respondent)],
    ['position', (i) => i.position + 1],
    ['province', (i) => i.province],
    ['commune', (i) => i.commune],
    ...place<MemberRow>(ctx.directory, 'colline', (i) => i.area),
    ['member_since', (i) => i.started_at],
    ...answersAsColumns<IndividualExportRow>(ctx, 'member', answerColumns(ctx.household, 'member', MEMBER_KEYS)),
  ];
  return table('individuals', columns, ctx.reader.countIndividuals(areas), withAnswers(ctx.reader.individuals(areas)));
}

/** recipient_info of openIMIS's individual upload: 1 primary recipient, 2 secondary, 0 none. */
const RECIPIENT_INFO: Record<string, number> = { PRIMARY: 1, SECONDARY: 2 };

/**
 * The column layout of openIMIS's individual upload (social protection "Individuals" import): first_name,
 * last_name, dob, id, group_code, individual_role, recipient_info, then attributes. `dob` is the birth date,
 * or 1 January of the estimated birth year when only an age was given (`dob_estimated` says which).
 */
export function openImisIndividualsSource(ctx: DatasetContext, areas: AreaCodes | null): RowSource {
  const columns: Column<MemberRow>[] = [
    ['first_name', (i) => i.first_name],
    ['last_name', (i) => i.last_name],
    ['dob', (i) => i.birth_date ?? (i.birth_year ? `${i.birth_year}-01-01` : null)],
    ['id', (i) => i.individual_id],
    ['group_code', (i) => i.household_code],
    ['individual_role', (i) => i.role],
    ['recipient_info', (i) => RECIPIENT_INFO[i.recipient ?? ''] ?? 0],
    ['dob_estimated', (i) => (i.birth_date ? 'no' : 'yes')],
    ['sex', (i) => i.sex],
    ['national_id', (i) => i.national_id],
    ['phone', (i) => i.phone],
    ['relationship', (i) => i.relationship],
    ['respondent', (i) => yesNo(ctx, i.respondent)],
    ['location_code', (i) => i.area],
    ['location_name', (i) => ctx.directory.name(i.area)],
    ...answersAsColumns<IndividualExportRow>(ctx, 'member', answerColumns(ctx.household, 'member', MEMBER_KEYS)),
  ];
  return table(
    'individuals-openimis',
    columns,
    ctx.reader.countIndividuals(areas),
    withAnswers(ctx.reader.individuals(areas)),
  );
}

export function ticketsSource(
  ctx: DatasetContext,
  filter: { areas: AreaCodes | null; includeSensitive: boolean },
  now: string,
): RowSource {
  /** The reporter of an anonymous ticket is never written. */
  const reporter = (value: (t: TicketExportRow) => Cell) => (t: TicketExportRow) => (t.anonymous ? null : value(t));
  /** A column holding an answer to the grievance form (the ticket keeps the form's field names and codes). */
  const answered =
    (field: 'case_type' | 'category' | 'subcategory' | 'channel' | 'reporter_sex' | 'reporter_beneficiary') =>
    (t: TicketExportRow) =>
      ctx.answer('grievance', field, t[field]);
  const columns: Column<TicketExportRow>[] = [
    ['ticket_code', (t) => t.code],
    ['ticket_id', (t) => t.id],
    ['status', (t) => ctx.term('ticket-status', t.status)],
    ['case_type', answered('case_type')],
    ['category', answered('category')],
    ['subcategory', answered('subcategory')],
    ['sensitive', (t) => yesNo(ctx, t.sensitive)],
    ['special', (t) => yesNo(ctx, t.special)],
    ['channel', answered('channel')],
    ['anonymous', (t) => yesNo(ctx, t.anonymous)],
    ['reporter_name', reporter((t) => t.reporter_name)],
    ['reporter_sex', reporter(answered('reporter_sex'))],
    ['reporter_birth_year', reporter((t) => t.reporter_birth_year)],
    ['reporter_phone', reporter((t) => t.reporter_phone)],
    ['reporter_national_id', reporter((t) => t.reporter_id)],
    ['reporter_beneficiary', reporter(answered('reporter_beneficiary'))],
    ['household_code', (t) => t.household_code],
    ...place<TicketExportRow>(ctx.directory, 'province', (t) => t.province),
    ...place<TicketExportRow>(ctx.directory, 'commune', (t) => t.commune),
    ...place<TicketExportRow>(ctx.directory, 'colline', (t) => t.area),
    ['incident_date', (t) => t.incident_date],
    ['description', (t) => t.description],
    ['received_at', (t) => t.received_at],
    ['due_at', (t) => t.due_at],
    ['overdue', (t) => yesNo(ctx, t.due_at < now && t.status !== 'RESOLVED' && t.status !== 'CLOSED')],
    ['assigned_to', (t) => (t.assigned_to ? ctx.username(t.assigned_to) : null)],
    ['resolved_at', (t) => t.resolved_at],
    ['closed_at', (t) => t.closed_at],
    ['resolution', (t) => t.resolution],
    ['comments', (t) => t.comments],
  ];
  return table('grievances', columns, ctx.reader.countTickets(filter), ctx.reader.tickets(filter));
}

/** The indicator figures written as they were reported (numbers or empty). */
const FIGURES = reportFigures satisfies readonly (keyof ReportExportRow)[];
const figure = (name: (typeof FIGURES)[number]): Column<ReportExportRow> => [name, (r) => r[name] ?? null];

export function reportsSource(ctx: DatasetContext, filter: Parameters<ExportReader['reports']>[0]): RowSource {
  const d = ctx.directory;
  const columns: Column<ReportExportRow>[] = [
    ['submission_id', (r) => r.submission_id],
    ['status', (r) => ctx.term('record-status', r.status)],
    ['report_date', (r) => r.report_date],
    ['quarter', (r) => r.quarter],
    ['activity_type', (r) => ctx.answer('report', 'activity_type', r.activity_type)],
    ...place<ReportExportRow>(d, 'province', (r) => r.province),
    ...place<ReportExportRow>(d, 'commune', (r) => r.commune),
    ...place<ReportExportRow>(d, 'zone', (r) => r.zone),
    ...place<ReportExportRow>(d, 'colline', (r) => r.colline),
    ...FIGURES.slice(0, 4).map(figure),
    [
      'participants_total',
      (r) =>
        r.participants_men === null && r.participants_women === null
          ? null
          : (r.participants_men ?? 0) + (r.participants_women ?? 0),
    ],
    ...FIGURES.slice(4).map(figure),
    [
      'payment_rate',
      (r) =>
        r.amount_planned && r.amount_paid !== null ? Math.round((r.amount_paid / r.amount_planned) * 1000) / 10 : null,
    ],
    ['observations', (r) => r.observations],
    ['enumerator', (r) => ctx.username(r.enumerator_id)],
    ['received_at', (r) => r.received_at],
  ];
  return table('indicator-reports', columns, ctx.reader.countReports(filter), ctx.reader.reports(filter));
}
