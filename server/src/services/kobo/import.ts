import type { Submission, SubmissionPushRow, User } from '@kusanya/schemas';
import { checkSubmission } from '@kusanya/schemas/validators';
import { canonicalJson } from '@kusanya/shared/sync/protocol';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { newId } from '../../domain/ids.js';
import { hashPassword } from '../../domain/password.js';
import { mayCaptureIn, type LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { FormsRepository } from '../../repositories/forms.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';
import type { UsersRepository } from '../../repositories/users.js';
import { pushSubmissions } from '../../sync/push-submissions.js';
import type { SubmissionProcessor } from '../../sync/submission-processor.js';
import type { CompiledForms } from '../compiled-forms.js';
import { formFields, mappingProblems, mapRecord, type KoboMapping } from './mapping.js';
import { koboRecords } from './results-stream.js';

/** The account that owns imported records unless the mapping names their Kobo user's Kusanya account. */
export const IMPORT_USER = 'kobo-import';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Records per push batch (the sync protocol allows 500; smaller keeps each transaction short). */
const BATCH = 250;

export type ImportOutcome = 'created' | 'already_present' | 'needs_correction' | 'refused';

export interface ImportProblem {
  uuid: string | null;
  index: number;
  outcome: 'needs_correction' | 'refused' | 'already_present';
  reasons: string[];
}

export interface KoboImportReport {
  formId: string;
  formVersion: string;
  total: number;
  created: number;
  alreadyPresent: number;
  needsCorrection: number;
  refused: number;
  /** Status of the created records (pending_review, or approved for grievances that became tickets). */
  byStatus: Record<string, number>;
  problems: ImportProblem[];
  /** Kobo fields no Kusanya field took, with how many records had them. */
  ignoredFields: Record<string, number>;
  seconds: number;
}

export interface KoboImportDeps {
  db: Db;
  forms: FormsRepository;
  compiledForms: CompiledForms;
  submissions: SubmissionsRepository;
  users: UsersRepository;
  process: SubmissionProcessor;
  locations: () => LocationTree;
}

/** Kobo timestamps: "2024-03-01T08:22:35" (UTC, no zone) or with an offset; null when unreadable. */
function isoTime(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The import account: an enumerator of the whole country that nobody can log in as. */
async function importUser(deps: KoboImportDeps): Promise<User> {
  const existing = deps.users.findByUsername(IMPORT_USER);
  if (existing) return existing;
  const root = deps.locations().root();
  if (!root) throw new AppError('bad-request', 'Load the location hierarchy before importing from Kobo.');
  const user = { id: newId(), username: IMPORT_USER, role: 'enumerator' as const, areas: [root] };
  deps.users.create({
    ...user,
    passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
    createdAt: new Date().toISOString(),
  });
  deps.users.setDisabled(IMPORT_USER, true);
  return user;
}

/**
 * Imports a Kobo API v2 data export through the same path as a device push (pushSubmissions): the form
 * engine validates each record, duplicates are looked for, grievances become tickets. The Kobo `_uuid` is
 * the submission id, so importing the same file again changes nothing (a record already in Kusanya is left
 * as it is: it may have been corrected or reviewed since). Each record is reported as created,
 * already present, needing correction (stored, with the reasons) or refused (not stored, with the reasons).
 */
export async function importKobo(
  deps: KoboImportDeps,
  options: {
    file: string;
    mapping: KoboMapping;
    formVersion?: string | undefined;
    onProgress?: (done: number) => void;
  },
): Promise<KoboImportReport> {
  const started = Date.now();
  const { mapping } = options;
  const version = options.formVersion ?? deps.forms.listLatest().find((f) => f.formId === mapping.formId)?.version;
  if (!version)
    throw new AppError('not-found', `Form "${mapping.formId}" is not published: publish it before importing.`);
  const form = deps.compiledForms.get(mapping.formId, version);
  if (!form) throw new AppError('not-found', `Form "${mapping.formId}" version ${version} is not published.`);
  const definition = form.doc.definition;
  const problems = mappingProblems(mapping, definition);
  if (problems.length > 0)
    throw new AppError(
      'validation-failed',
      `The mapping has ${problems.length} problem(s); nothing was imported.`,
      problems,
    );
  const fields = formFields(definition);
  const areaField = definition.areaField ?? 'colline';
  const fallback = await importUser(deps);
  const owners = new Map<string, User | null>();
  const ownerOf = (koboUser: unknown): User | { error: string } => {
    const kusanya = typeof koboUser === 'string' ? mapping.users?.[koboUser] : undefined;
    if (!kusanya) return fallback;
    if (!owners.has(kusanya)) owners.set(kusanya, deps.users.findByUsername(kusanya));
    return (
      owners.get(kusanya) ?? { error: `Kobo user ${String(koboUser)} maps to ${kusanya}, who is not a Kusanya user.` }
    );
  };

  const report: KoboImportReport = {
    formId: mapping.formId,
    formVersion: version,
    total: 0,
    created: 0,
    alreadyPresent: 0,
    needsCorrection: 0,
    refused: 0,
    byStatus: {},
    problems: [],
    ignoredFields: {},
    seconds: 0,
  };
  const refuse = (index: number, uuid: string | null, ...reasons: string[]) => {
    report.refused += 1;
    report.problems.push({ index, uuid, outcome: 'refused', reasons });
  };

  let pending: { index: number; user: User; row: SubmissionPushRow }[] = [];
  const flush = () => {
    const byUser = new Map<string, typeof pending>();
    for (const p of pending) byUser.set(p.user.id, [...(byUser.get(p.user.id) ?? []), p]);
    for (const group of byUser.values()) {
      const ctx = { db: deps.db, submissions: deps.submissions, process: deps.process, locations: deps.locations };
      pushSubmissions(
        ctx,
        { user: group[0]!.user, deviceId: 'kobo-import' },
        group.map((p) => p.row),
      );
      for (const p of group) {
        const stored = deps.submissions.getMaster(p.row.newDocumentState.id)!;
        if (stored.status === 'needs_correction') {
          report.needsCorrection += 1;
          report.problems.push({
            index: p.index,
            uuid: stored.id,
            outcome: 'needs_correction',
            reasons: stored.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
          });
        } else {
          report.created += 1;
          report.byStatus[stored.status] = (report.byStatus[stored.status] ?? 0) + 1;
        }
      }
    }
    pending = [];
  };

  const tree = deps.locations();
  let index = 0;
  for await (const record of koboRecords(options.file)) {
    const at = index;
    index += 1;
    report.total += 1;
    const uuid = typeof record['_uuid'] === 'string' ? record['_uuid'].toLowerCase() : null;
    if (!uuid || !UUID.test(uuid)) {
      refuse(at, uuid, 'The record has no valid _uuid.');
      continue;
    }
    const owner = ownerOf(record['_submitted_by']);
    if ('error' in owner) {
      refuse(at, uuid, owner.error);
      continue;
    }
    const mapped = mapRecord(record, mapping, fields);
    for (const field of new Set(mapped.ignored)) report.ignoredFields[field] = (report.ignoredFields[field] ?? 0) + 1;
    const area = mapped.data[areaField];
    if (typeof area !== 'string' || tree.level(area) !== 'colline') {
      refuse(
        at,
        uuid,
        `The colline (${areaField}) ${area === undefined ? 'is missing' : `"${String(area)}" is not a known colline`}.`,
      );
      continue;
    }
    if (!mayCaptureIn(tree, owner, area)) {
      refuse(at, uuid, `Colline ${area} is not assigned to ${owner.username}, who would own this record.`);
      continue;
    }
    const submitted = isoTime(record['_submission_time']);
    if (!submitted) {
      refuse(at, uuid, 'The record has no readable _submission_time.');
      continue;
    }
    const doc: Submission = {
      id: uuid,
      formId: mapping.formId,
      formVersion: version,
      data: mapped.data,
      meta: {
        enumeratorId: owner.id,
        deviceId: `kobo:${String(record['_submitted_by'] ?? 'unknown')}`.slice(0, 128),
        startedAt: isoTime(record['start']) ?? submitted,
        finalizedAt: isoTime(record['end']) ?? submitted,
        area,
      },
      status: 'submitted',
      review: null,
      errors: [],
      rev: 1,
      updatedAt: Date.parse(submitted),
      _deleted: false,
    };
    const checked = checkSubmission(doc);
    if (!checked.ok) {
      refuse(at, uuid, ...checked.errors.map((e) => `${e.path}: ${e.message}`));
      continue;
    }
    // Imported before (same _uuid): left as it is — it may have been corrected or reviewed since.
    const existing =
      deps.submissions.getMaster(uuid) ?? pending.find((p) => p.row.newDocumentState.id === uuid)?.row.newDocumentState;
    if (existing) {
      report.alreadyPresent += 1;
      if (canonicalJson(existing.data) !== canonicalJson(doc.data)) {
        report.problems.push({
          index: at,
          uuid,
          outcome: 'already_present',
          reasons: [
            'Already in Kusanya with different answers (corrected since, or the mapping changed); the record in Kusanya was kept.',
          ],
        });
      }
      continue;
    }
    pending.push({ index: at, user: owner, row: { assumedMasterState: null, newDocumentState: checked.value } });
    if (pending.length >= BATCH) {
      flush();
      options.onProgress?.(index);
    }
  }
  flush();
  options.onProgress?.(index);
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
