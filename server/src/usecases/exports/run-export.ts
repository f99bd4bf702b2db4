import { EXPORT_DATASETS, type User } from '@kusanya/schemas';
import type { Readable } from 'node:stream';
import { HOUSEHOLD_FORM_ID } from '../../domain/registry/household-answers.js';
import { newId } from '../../domain/ids.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import { openExportReader } from '../../repositories/exports.js';
import type { UsersRepository } from '../../repositories/users.js';
import type { FormLabelsCache } from '../hq/form-labels.js';
import type { LocationDirectory } from '../hq/location-directory.js';
import { areasOf, seesSensitive, submissionReads } from '../../domain/read-policy.js';
import { areaSet, effectiveAreas, knownArea } from '../hq/scope.js';
import type { AuditSink, ExportAuditEntry } from './audit.js';
import {
  householdsSource,
  individualsSource,
  openImisIndividualsSource,
  reportsSource,
  ticketsSource,
  INDICATOR_REPORT_FORM_ID,
  type AnswerForm,
  type DatasetContext,
  type RowSource,
} from './datasets.js';
import { valueWords } from './value-words.js';
import { GRIEVANCE_FORM_ID } from '../grievances/create-ticket.js';
import type { ExportProgress } from './progress.js';
import { csvStream, jsonStream, xlsxStream, type WriteHooks } from './writers.js';
import { answerWords, columnHeader, type ExportLanguage } from './column-labels.js';
import { csvDialect } from '@kusanya/shared/csv/cells';
import type { FormLabels } from '@kusanya/schemas';

export { EXPORT_DATASETS };
export type ExportDataset = (typeof EXPORT_DATASETS)[number];
export type ExportFormat = 'csv' | 'xlsx' | 'json';

/** Who may export what (DESIGN.md §5): the registry for those who read it, tickets for those who handle them. */
export const EXPORT_ROLES: Record<ExportDataset, readonly User['role'][]> = {
  households: ['hq', 'supervisor'],
  individuals: ['hq', 'supervisor'],
  'individuals-openimis': ['hq', 'supervisor'],
  grievances: ['hq', 'grievance_officer'],
  'indicator-reports': ['hq', 'supervisor'],
  full: ['hq'],
};
export const ANY_EXPORT_ROLE = ['hq', 'supervisor', 'grievance_officer'] as const;

/** Exports read a whole snapshot each: a few at a time is what the server affords next to device sync. */
export const MAX_RUNNING_EXPORTS = 3;

export interface ExportRequest {
  dataset: ExportDataset;
  format: ExportFormat;
  area?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: 'validated' | 'all' | undefined;
  progressId?: string | undefined;
  /** The reader's language: labelled headers and answers, and the CSV dialect a spreadsheet in it expects. */
  lang?: ExportLanguage | undefined;
  headers?: 'labels' | 'names' | undefined;
}

export interface ExportDeps {
  dbFile: string;
  locations: () => LocationTree;
  directory: () => LocationDirectory;
  labels: FormLabelsCache;
  users: UsersRepository;
  audit: AuditSink;
  progress: ExportProgress;
}

export interface StartedExport {
  id: string;
  stream: Readable;
  filename: string;
  contentType: string;
  total: number;
  audit: ExportAuditEntry;
  /** Releases the snapshot when the response closed: an unfinished response counts as abandoned. */
  release(responseFinished: boolean): void;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

/**
 * Starts a streamed export for a user: checks role and scope, opens a read snapshot, writes the audit
 * entry, and returns the stream with the number of rows it will carry.
 */
export function startExport(deps: ExportDeps, user: User, request: ExportRequest, now = new Date()): StartedExport {
  const { dataset, format } = request;
  if (!EXPORT_ROLES[dataset].includes(user.role))
    throw new AppError('forbidden', 'Your role does not allow this export.');
  if ((dataset === 'full') !== (format === 'json')) {
    throw new AppError(
      'bad-request',
      dataset === 'full' ? 'The full export is a JSON file.' : 'Choose CSV or XLSX for this export.',
    );
  }
  if (deps.progress.running() >= MAX_RUNNING_EXPORTS) {
    throw new AppError('rate-limited', 'Several exports are already running. Try again in a minute.');
  }
  const tree = deps.locations();
  const scope = user.role === 'grievance_officer' ? [...user.areas] : areasOf(tree, user);
  const areas = effectiveAreas(tree, scope, knownArea(tree, request.area));
  const codes = areas === null ? null : (areaSet(tree, areas) ?? { provinces: [], communes: [], collines: [] });

  const reader = openExportReader(deps.dbFile);
  let released = false;
  const release = () => {
    if (!released) {
      released = true;
      reader.close();
    }
  };
  try {
    const names = new Map<string, string>();
    const directory = deps.directory();
    const household = deps.labels.latest(HOUSEHOLD_FORM_ID);
    // Labels (Kobo's "labels" export) for a person reading in `lang`; openIMIS reads its own layout's names.
    const lang =
      request.lang && request.headers !== 'names' && dataset !== 'individuals-openimis' ? request.lang : null;
    const forms: Record<AnswerForm, FormLabels | null> = {
      household,
      member: household,
      grievance: lang ? deps.labels.latest(GRIEVANCE_FORM_ID) : null,
      report: lang ? deps.labels.latest(INDICATOR_REPORT_FORM_ID) : null,
    };
    const levelFields = (form: AnswerForm): FormLabels['fields'] =>
      (form === 'member' ? household?.repeats['members'] : forms[form]?.fields) ?? {};
    const context: DatasetContext = {
      reader,
      directory,
      household,
      answer: (form, field, cell) =>
        lang ? answerWords(levelFields(form)[field], cell, lang, forms[form]?.defaultLanguage ?? lang) : cell,
      term: (list, cell) => (lang ? valueWords(list, cell, lang) : cell),
      username: (id) => {
        if (!names.has(id)) names.set(id, deps.users.findById(id)?.username ?? id);
        return names.get(id)!;
      },
      zoneOf: (colline) => tree.ancestor(colline, 'zone'),
    };
    const id = request.progressId ?? newId();
    let total: number;
    let build: (hooks: WriteHooks) => Readable;
    if (dataset === 'full') {
      const collines = areas === null ? null : tree.within(areas, 'colline');
      const reads = { ...submissionReads(tree, user), collines };
      const sections = reader.fullExport(codes, seesSensitive(user), reads);
      total = sections.reduce((sum, s) => sum + s.total, 0);
      const header = {
        format: 'kusanya-export/1',
        exportedAt: now.toISOString(),
        exportedBy: user.username,
        area: request.area ?? null,
        counts: Object.fromEntries(sections.map((s) => [s.name, s.total])),
      };
      build = (hooks) => jsonStream(header, sections, hooks);
    } else {
      let source: RowSource;
      if (dataset === 'households') source = householdsSource(context, codes);
      else if (dataset === 'individuals') source = individualsSource(context, codes);
      else if (dataset === 'individuals-openimis') source = openImisIndividualsSource(context, codes);
      else if (dataset === 'grievances')
        source = ticketsSource(context, { areas: codes, includeSensitive: seesSensitive(user) }, now.toISOString());
      else {
        source = reportsSource(context, {
          areas: codes,
          validatedOnly: request.status !== 'all',
          fromQuarter: request.from ?? null,
          toQuarter: request.to ?? null,
        });
      }
      if (lang) {
        const fields = levelFields(dataset === 'households' ? 'household' : 'member');
        const headers = source.columns.map((c) => columnHeader(c, lang, fields, household?.defaultLanguage ?? lang));
        source = { ...source, columns: headers };
      }
      const labelled = source;
      total = labelled.total;
      const dialect = csvDialect(request.lang);
      build = (hooks) => (format === 'csv' ? csvStream(labelled, hooks, dialect) : xlsxStream(labelled, hooks));
    }

    const audit: ExportAuditEntry = {
      at: now.toISOString(),
      userId: user.id,
      username: user.username,
      role: user.role,
      action: 'export',
      dataset,
      format,
      filters: {
        area: request.area ?? null,
        scope: areas === null ? null : areas.join(','),
        from: request.from ?? null,
        to: request.to ?? null,
        status: request.status ?? null,
      },
      rows: total,
    };
    deps.audit.record(audit);
    deps.progress.start(id, user.id, total);
    const stream = build({
      progress: (rows) => deps.progress.advance(id, rows),
      done: (state) => {
        deps.progress.finish(id, state);
        release();
      },
    });
    const day = now.toISOString().slice(0, 10).replace(/-/g, '');
    return {
      id,
      stream,
      filename: `kusanya-${dataset}-${request.area ?? 'all'}-${day}.${format}`,
      contentType: CONTENT_TYPES[format],
      total,
      audit,
      release: (responseFinished) => {
        if (!responseFinished) deps.progress.finish(id, 'aborted');
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
