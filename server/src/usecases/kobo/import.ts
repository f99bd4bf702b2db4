import type { FormDefinition, Submission, User } from '@kusanya/schemas';
import { checkSubmission } from '@kusanya/schemas/validators';
import { mediaRefsOf, type FoundMediaRef } from '@kusanya/shared/media/refs';
import { canonicalJson } from '@kusanya/shared/sync/protocol';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Db } from '../../db/database.js';
import { newId } from '../../domain/ids.js';
import { hashPassword } from '../../domain/password.js';
import { mayCaptureIn, type LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { FormsRepository } from '../../repositories/forms.js';
import type { KoboRecordRow, KoboRepository } from '../../repositories/kobo.js';
import type { RegistryRepository } from '../../repositories/registry.js';
import type { ReviewRepository } from '../../repositories/review.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';
import type { UsersRepository } from '../../repositories/users.js';
import { pushSubmissions } from '../sync/push-submissions.js';
import type { SubmissionProcessor } from '../sync/submission-processor.js';
import type { CompiledForms } from '../compiled-forms.js';
import { decideOn } from '../review/decide.js';
import {
  compileMapping,
  impliedAnswers,
  isKoboMeta,
  mapRecord,
  type CompiledMapping,
  type KoboLocations,
  type KoboMapping,
} from './mapping.js';
import { koboRecords } from './results-stream.js';
import { bareUuid, importMedia, mediaOfRecord, type KoboMediaReport, type KoboMediaStore } from './import-media.js';
import type { MediaZipResult } from './media-zip.js';
import { IMPORT_REVIEWER } from './shape.js';

/** The account that owns imported records unless the mapping names their Kobo user's Kusanya account. */
export const IMPORT_USER = IMPORT_REVIEWER;
/** Records per transaction: a failed run keeps the chunks it committed and resumes after them. */
const CHUNK = 250;

export interface ImportProblem {
  uuid: string | null;
  index: number;
  outcome: 'needs_correction' | 'refused' | 'already_present' | 'decision_not_applied' | 'kept_aside';
  reasons: string[];
}

export interface KoboImportReport {
  importId: string;
  asset: string | null;
  formId: string;
  formVersion: string;
  file: string;
  fileSha256: string | null;
  outcome: 'completed' | 'failed';
  /** Why the run failed (nothing after the last committed chunk was stored). */
  error: string | null;
  /** Records committed by an earlier failed run of the same file, skipped by this one. */
  resumedAfter: number;
  total: number;
  created: number;
  /** Kobo edits (meta/rootUuid, meta/deprecatedID) stored as new revisions of the record they edit. */
  revised: number;
  alreadyPresent: number;
  needsCorrection: number;
  refused: number;
  /** Created or revised records by their status in Kusanya. */
  byStatus: Record<string, number>;
  /** Kobo's validation statuses, as review decisions taken by the import. */
  decisions: { approved: number; rejected: number; onHold: number; notApplied: number };
  problems: ImportProblem[];
  /** Kobo answers no Kusanya field takes, with how many records had them: kept with the record and served back. */
  ignoredFields: Record<string, number>;
  /** Unlisted Kobo keys that would have fed a field the mapping takes from another key (kept aside, not used). */
  shadowedFields: Record<string, number>;
  /** The Kobo media ZIP (`--media`), or null when none was given. */
  media: KoboMediaReport | null;
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
  kobo: KoboRepository;
  review: ReviewRepository;
  registry: RegistryRepository;
  koboLocations: () => KoboLocations;
  /** The media store (issue 15): where a Kobo media ZIP's files go. */
  media?: KoboMediaStore;
}

export interface KoboImportOptions {
  file: string;
  mapping: KoboMapping;
  /** The registered asset the records come from (its uid), or null for a mapping given by hand. */
  asset: string | null;
  formVersion?: string | undefined;
  /** Who runs the import (audit: cli:<os user>). */
  actor: string;
  /** Where the report is written (always, also when the run fails). */
  reportFile: string;
  /** Kobo's media download (the attachments ZIP) of the same records. */
  media?: string | undefined;
  onProgress?: (done: number, phase: 'check' | 'import') => void;
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

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One Kobo record, checked and mapped: what to store, or why not. */
type Prepared =
  | { ok: false; index: number; uuid: string | null; reasons: string[] }
  | {
      ok: true;
      index: number;
      uuid: string;
      root: string;
      deprecated: string | null;
      owner: User;
      doc: Submission;
      koboMeta: Record<string, unknown>;
      unmapped: Record<string, unknown>;
      answers: Record<string, unknown>;
      koboId: number | null;
      validation: string | null;
      ignored: string[];
      shadowed: string[];
      /** Files the record names that the media ZIP did not bring, and files it brought no question takes. */
      media: { missing: string[]; kept: FoundMediaRef[]; referenced: number };
    };

interface Preparer {
  prepare(record: Record<string, unknown>, index: number): Prepared;
}

function preparer(
  deps: KoboImportDeps,
  compiled: CompiledMapping,
  definition: FormDefinition,
  version: string,
  fallback: User,
  zip: MediaZipResult | null,
): Preparer {
  const { mapping } = compiled;
  const areaField = definition.areaField ?? 'colline';
  const tree = deps.locations();
  const locations = deps.koboLocations();
  const owners = new Map<string, User | null>();
  const ownerOf = (koboUser: unknown): User | { error: string } => {
    const kusanya = typeof koboUser === 'string' ? mapping.users?.[koboUser] : undefined;
    if (!kusanya) return fallback;
    if (!owners.has(kusanya)) owners.set(kusanya, deps.users.findByUsername(kusanya));
    return (
      owners.get(kusanya) ?? { error: `Kobo user ${String(koboUser)} maps to ${kusanya}, who is not a Kusanya user.` }
    );
  };
  return {
    prepare(record, index) {
      const uuid = bareUuid(record['_uuid']);
      const refuse = (...reasons: string[]): Prepared => ({ ok: false, index, uuid, reasons });
      if (!uuid) return refuse('The record has no valid _uuid.');
      const owner = ownerOf(record['_submitted_by']);
      if ('error' in owner) return refuse(owner.error);
      const files = mediaOfRecord(record, zip);
      const mapped = mapRecord(record, compiled, locations, files.resolve);
      if (mapped.errors.length > 0) return refuse(...mapped.errors);
      const media = files.outcome();
      // A media answer naming a file the record's _attachments do not list, and not in the ZIP.
      for (const entry of mapped.missingMedia) {
        const name = entry.slice(entry.lastIndexOf(': ') + 2);
        if (!media.missing.includes(name)) media.missing.push(name);
      }
      impliedAnswers(definition, mapped.data);
      const area = mapped.data[areaField];
      if (typeof area !== 'string' || tree.level(area) !== 'colline')
        return refuse(
          `The colline (${areaField}) ${area === undefined ? 'is missing' : `"${String(area)}" is not a known colline (nor the Kobo code of one)`}.`,
        );
      if (!mayCaptureIn(tree, owner, area))
        return refuse(`Colline ${area} is not assigned to ${owner.username}, who would own this record.`);
      const submitted = isoTime(record['_submission_time']);
      if (!submitted) return refuse('The record has no readable _submission_time.');
      const root = bareUuid(record['meta/rootUuid']) ?? uuid;
      const deprecated = bareUuid(record['meta/deprecatedID']);
      const doc: Submission = {
        id: root,
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
      if (!checked.ok) return refuse(...checked.errors.map((e) => `${e.path}: ${e.message}`));
      const koboMeta = Object.fromEntries(Object.entries(record).filter(([k]) => isKoboMeta(k)));
      const answers = Object.fromEntries(Object.entries(record).filter(([k]) => !isKoboMeta(k)));
      const status = record['_validation_status'];
      const validation =
        status && typeof status === 'object' && typeof (status as { uid?: unknown }).uid === 'string'
          ? (status as { uid: string }).uid
          : null;
      const id = record['_id'];
      return {
        ok: true,
        index,
        uuid,
        root,
        deprecated,
        owner,
        doc: checked.value,
        koboMeta,
        unmapped: mapped.unmapped,
        answers,
        koboId: typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null,
        validation,
        ignored: mapped.ignored,
        shadowed: mapped.shadowed,
        media: { ...media, referenced: mediaRefsOf(mapped.data).length },
      };
    },
  };
}

function emptyReport(options: KoboImportOptions, formId: string, version: string): KoboImportReport {
  return {
    importId: newId(),
    asset: options.asset,
    formId,
    formVersion: version,
    file: options.file,
    fileSha256: null,
    outcome: 'completed',
    error: null,
    resumedAfter: 0,
    total: 0,
    created: 0,
    revised: 0,
    alreadyPresent: 0,
    needsCorrection: 0,
    refused: 0,
    byStatus: {},
    decisions: { approved: 0, rejected: 0, onHold: 0, notApplied: 0 },
    problems: [],
    ignoredFields: {},
    shadowedFields: {},
    media: null,
    seconds: 0,
  };
}

/**
 * Imports a Kobo API v2 data export (forms/kobo/README.md) through the same path as a device push, losing
 * nothing: the whole file is read and checked first (a malformed file stores nothing), then records are
 * stored in chunks, each one transaction, with the progress recorded so a failed run resumes after its last
 * chunk. A Kobo edit (meta/rootUuid, meta/deprecatedID) becomes a new revision of the record it edits; Kobo's
 * validation status becomes the review decision, taken by the import account and recorded as such. Answers no
 * Kusanya field takes are kept with the record and served back by the data API. The report is written to
 * `reportFile` and the database on every run, also when it fails.
 */
export async function importKobo(deps: KoboImportDeps, options: KoboImportOptions): Promise<KoboImportReport> {
  const started = Date.now();
  const { mapping } = options;
  const version = options.formVersion ?? deps.forms.listLatest().find((f) => f.formId === mapping.formId)?.version;
  if (!version)
    throw new AppError('not-found', `Form "${mapping.formId}" is not published: publish it before importing.`);
  const form = deps.compiledForms.get(mapping.formId, version);
  if (!form) throw new AppError('not-found', `Form "${mapping.formId}" version ${version} is not published.`);
  const definition = form.doc.definition;
  const result = compileMapping(mapping, definition);
  if (!result.ok)
    throw new AppError(
      'validation-failed',
      `The mapping has ${result.problems.length} problem(s); nothing was imported.`,
      result.problems,
    );
  const report = emptyReport(options, mapping.formId, version);
  const runKey = options.asset ?? `form:${mapping.formId}`;
  deps.kobo.startRun({
    id: report.importId,
    assetUid: runKey,
    file: options.file,
    fileSha256: null,
    startedAt: new Date(started).toISOString(),
    actor: options.actor,
  });
  let committed = 0;
  try {
    report.fileSha256 = await sha256(options.file).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? new AppError('bad-request', `Cannot read ${options.file}: no such file.`) : e;
    });
    const fallback = await importUser(deps);
    let zip: MediaZipResult | null = null;
    if (options.media) {
      const imported = await importMedia(deps.media, options.file, options.media);
      zip = imported.zip;
      report.media = imported.report;
    }
    const prep = preparer(deps, result.compiled, definition, version, fallback, zip);

    // 1. Read the whole file and check every record before anything is stored.
    let index = 0;
    for await (const record of koboRecords(options.file)) {
      const p = prep.prepare(record, index);
      if (!p.ok) {
        report.refused += 1;
        report.problems.push({ index, uuid: p.uuid, outcome: 'refused', reasons: p.reasons });
      } else if (report.media) {
        const { missing, kept, referenced } = p.media;
        report.media.referenced += referenced;
        for (const file of missing) report.media.missing.push({ index, uuid: p.uuid, file });
        for (const { field, ref } of kept)
          report.media.keptAside.push({ index, uuid: p.uuid, file: ref.name, question: field });
      }
      index += 1;
      if (index % 5000 === 0) options.onProgress?.(index, 'check');
    }
    report.total = index;
    const previous = deps.kobo.resumable(runKey, report.fileSha256);
    report.resumedAfter = previous?.done ?? 0;

    // 2. Store, chunk by chunk.
    const reviewer = fallback;
    const store = (chunk: Extract<Prepared, { ok: true }>[], upTo: number) => {
      // A chunk that fails is rolled back: so are its counts in the report.
      const { problems, ...counts } = report;
      const before = { counts: structuredClone(counts), problems: problems.length };
      try {
        deps.db
          .transaction(() => {
            for (const p of chunk) storeOne(deps, report, p, reviewer, runKey);
            deps.kobo.progress(report.importId, upTo);
          })
          .immediate();
      } catch (error) {
        Object.assign(report, before.counts);
        report.problems.length = before.problems;
        throw error;
      }
      committed = upTo;
    };
    let chunk: Extract<Prepared, { ok: true }>[] = [];
    index = 0;
    for await (const record of koboRecords(options.file)) {
      const at = index;
      index += 1;
      if (at < report.resumedAfter) continue;
      const p = prep.prepare(record, at);
      if (p.ok) chunk.push(p);
      if (chunk.length >= CHUNK) {
        store(chunk, index);
        chunk = [];
        options.onProgress?.(index, 'import');
      }
    }
    store(chunk, index);
    options.onProgress?.(index, 'import');
    committed = index;
  } catch (error) {
    report.outcome = 'failed';
    report.error = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    report.seconds = (Date.now() - started) / 1000;
    deps.kobo.finishRun(report.importId, report.outcome, committed, report.fileSha256, report);
    await mkdir(dirname(options.reportFile), { recursive: true });
    await writeFile(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}

/** Stores one checked record (in the chunk's transaction): new record, new revision, or already there. */
function storeOne(
  deps: KoboImportDeps,
  report: KoboImportReport,
  p: Extract<Prepared, { ok: true }>,
  reviewer: User,
  runKey: string,
): void {
  for (const field of new Set(p.ignored)) report.ignoredFields[field] = (report.ignoredFields[field] ?? 0) + 1;
  for (const field of new Set(p.shadowed)) report.shadowedFields[field] = (report.shadowedFields[field] ?? 0) + 1;
  const known = deps.kobo.submissionOfUuid(p.uuid);
  const target =
    known ??
    deps.kobo.submissionOfUuid(p.root) ??
    (p.deprecated ? deps.kobo.submissionOfUuid(p.deprecated) : null) ??
    (deps.submissions.getMaster(p.root) ? p.root : null);
  const master = target ? deps.submissions.getMaster(target) : null;
  const ctx = { db: deps.db, submissions: deps.submissions, process: deps.process, locations: deps.locations };
  const previousKobo = master ? deps.kobo.record(master.id) : null;
  // This very Kobo version is in Kusanya already (imported before, maybe corrected or reviewed since): kept.
  if (master && (known !== null || previousKobo === null || previousKobo.koboUuid === p.uuid)) {
    report.alreadyPresent += 1;
    const data = addMedia(deps, master, previousKobo, p) ?? master.data;
    if (canonicalJson(data) !== canonicalJson(p.doc.data))
      report.problems.push({
        index: p.index,
        uuid: p.uuid,
        outcome: 'already_present',
        reasons: [
          'Already in Kusanya with different answers (corrected since, or the mapping changed); the record in Kusanya was kept.',
        ],
      });
    return;
  }
  if (master) {
    // A Kobo edit: a new revision of the same record, as a device's correction would be.
    const next: Submission = {
      ...master,
      data: p.doc.data,
      meta: { ...master.meta, finalizedAt: p.doc.meta.finalizedAt },
      status: master.status === 'needs_correction' || master.status === 'returned' ? 'submitted' : master.status,
      updatedAt: p.doc.updatedAt,
    };
    const owner = deps.users.findById(master.meta.enumeratorId) ?? p.owner;
    pushSubmissions(ctx, { user: owner, deviceId: 'kobo-import' }, [
      { assumedMasterState: master, newDocumentState: next },
    ]);
  } else {
    pushSubmissions(ctx, { user: p.owner, deviceId: 'kobo-import' }, [
      { assumedMasterState: null, newDocumentState: p.doc },
    ]);
  }
  const id = master?.id ?? p.doc.id;
  let stored = deps.submissions.getMaster(id)!;
  if (p.koboId !== null) {
    const number = deps.kobo.claimNumber(id, p.koboId);
    if (number !== p.koboId)
      report.problems.push({
        index: p.index,
        uuid: p.uuid,
        outcome: 'kept_aside',
        reasons: [`Kobo _id ${p.koboId} is another record's already; this record is served as _id ${number}.`],
      });
  }
  deps.kobo.addUuids(id, [p.uuid, p.root, ...(p.deprecated ? [p.deprecated] : [])]);
  stored = decide(deps, report, p, stored, reviewer);
  if (stored.status !== 'needs_correction') {
    if (master) report.revised += 1;
    else report.created += 1;
  } else {
    report.needsCorrection += 1;
    report.problems.push({
      index: p.index,
      uuid: p.uuid,
      outcome: 'needs_correction',
      reasons: stored.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
    });
  }
  report.byStatus[stored.status] = (report.byStatus[stored.status] ?? 0) + 1;
  deps.kobo.saveRecord({
    submissionId: id,
    assetUid: runKey,
    koboUuid: p.uuid,
    koboMeta: p.koboMeta,
    unmapped: p.unmapped,
    answers: p.answers,
    importedRev: stored.rev,
    importId: report.importId,
    media: p.media.kept,
  });
  // The record references the files no Kusanya question takes as well (its answers' media are linked already).
  if (p.media.kept.length > 0) deps.media?.linkRecord(stored, p.media.kept);
}

/**
 * Photos for a record imported before without them (its media ZIP came later): the files its media questions name
 * are added as a new revision (nothing else changes), those no question takes are kept with the record. Returns the
 * record's answers after, or null when there was nothing to add.
 */
function addMedia(
  deps: KoboImportDeps,
  master: Submission,
  kobo: KoboRecordRow | null,
  p: Extract<Prepared, { ok: true }>,
): Record<string, unknown> | null {
  const added = Object.fromEntries(
    mediaRefsOf(p.doc.data)
      .filter(({ field }) => !field.includes('.') && !field.includes('[') && master.data[field] === undefined)
      .map(({ field, ref }) => [field, ref]),
  );
  const keptNew = kobo !== null && p.media.kept.length > 0 && canonicalJson(kobo.media) !== canonicalJson(p.media.kept);
  if (Object.keys(added).length === 0 && !keptNew) return null;
  let stored = master;
  if (Object.keys(added).length > 0) {
    const owner = deps.users.findById(master.meta.enumeratorId) ?? p.owner;
    const ctx = { db: deps.db, submissions: deps.submissions, process: deps.process, locations: deps.locations };
    pushSubmissions(ctx, { user: owner, deviceId: 'kobo-import' }, [
      { assumedMasterState: master, newDocumentState: { ...master, data: { ...master.data, ...added } } },
    ]);
    stored = deps.submissions.getMaster(master.id)!;
  }
  if (keptNew && kobo) {
    deps.kobo.saveRecord({ ...kobo, media: p.media.kept });
    deps.media?.linkRecord(stored, p.media.kept);
  }
  return stored.data;
}

/** Kobo's validation status as the review decision, taken by the import account (recorded as such). */
function decide(
  deps: KoboImportDeps,
  report: KoboImportReport,
  p: Extract<Prepared, { ok: true }>,
  stored: Submission,
  reviewer: User,
): Submission {
  const by = (p.koboMeta['_validation_status'] as { by_whom?: unknown; timestamp?: unknown } | undefined) ?? {};
  const when =
    typeof by.timestamp === 'number' ? new Date(by.timestamp * 1000).toISOString().slice(0, 10) : 'an unknown date';
  const who = typeof by.by_whom === 'string' && by.by_whom ? by.by_whom : 'someone';
  if (p.validation === 'validation_status_on_hold') {
    report.decisions.onHold += 1;
    return stored;
  }
  const decision =
    p.validation === 'validation_status_approved'
      ? 'approve'
      : p.validation === 'validation_status_not_approved'
        ? 'reject'
        : null;
  if (!decision || stored.status === (decision === 'approve' ? 'approved' : 'rejected')) return stored;
  try {
    const outcome = decideOn(
      {
        db: deps.db,
        submissions: deps.submissions,
        review: deps.review,
        registry: deps.registry,
        forms: deps.compiledForms,
        locations: deps.locations,
      },
      reviewer,
      stored,
      {
        decision,
        rev: stored.rev,
        ...(decision === 'reject' ? { reason: 'OTHER' } : {}),
        comment: `${decision === 'approve' ? 'Approved' : 'Not approved'} in KoboToolbox by ${who} on ${when} (imported).`,
      },
    );
    report.decisions[decision === 'approve' ? 'approved' : 'rejected'] += 1;
    return outcome.submission;
  } catch (error) {
    report.decisions.notApplied += 1;
    report.problems.push({
      index: p.index,
      uuid: p.uuid,
      outcome: 'decision_not_applied',
      reasons: [
        `${decision === 'approve' ? 'Approved' : 'Not approved'} in Kobo, not applied: ${(error as Error).message}`,
      ],
    });
    return stored;
  }
}
