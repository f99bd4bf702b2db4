import type { KoboMapping } from '@kusanya/schemas';
import type { FoundMediaRef } from '@kusanya/shared/media/refs';
import type { Db } from '../db/database.js';
import { statementCache } from './statement-cache.js';

/** A Kobo asset registered with its mapping (forms/kobo/*.json). */
export interface KoboAssetRow {
  uid: string;
  name: string;
  formId: string;
  mapping: KoboMapping;
  registeredAt: string;
  registeredBy: string;
}

/** What Kusanya keeps of a record imported from Kobo (the version last imported). */
export interface KoboRecordRow {
  submissionId: string;
  assetUid: string;
  koboUuid: string;
  koboMeta: Record<string, unknown>;
  unmapped: Record<string, unknown>;
  /** Every answer of that version as Kobo sent it (the order of select_multiple answers, for one). */
  answers: Record<string, unknown>;
  importedRev: number;
  importId: string;
  /** Files of the record no Kusanya question takes (from Kobo's media ZIP): the record references them too. */
  media: FoundMediaRef[];
}

/** One record to serve: its `_id`, the stored submission and, when imported, what came from Kobo. */
export interface ServedRow {
  number: number;
  doc: string;
  receivedAt: string;
  kobo: KoboRecordRow | null;
}

/** Which records an asset serves (see the mapping's `asset.serves` and `constants`). */
export interface AssetScope {
  uid: string;
  formId: string;
  /** Only records imported under this asset (a historical form). */
  importedOnly: boolean;
  /** Other assets of the same form whose imported records are theirs, not this asset's. */
  otherAssets: string[];
  /** The activity type the asset's records have (indicator reports split by activity), or null. */
  activityType: string | null;
  /** Collines the reader may see, or null for every area. */
  collines: string[] | null;
}

export interface KoboImportRun {
  id: string;
  assetUid: string;
  file: string;
  fileSha256: string | null;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'running' | 'completed' | 'failed';
  done: number;
  actor: string;
  report: unknown;
}

interface RecordRow {
  submission_id: string;
  asset_uid: string;
  kobo_uuid: string;
  kobo_meta: string;
  unmapped: string;
  answers: string;
  imported_rev: number;
  import_id: string;
  media: string;
}

const toRecord = (r: RecordRow): KoboRecordRow => ({
  submissionId: r.submission_id,
  assetUid: r.asset_uid,
  koboUuid: r.kobo_uuid,
  koboMeta: JSON.parse(r.kobo_meta) as Record<string, unknown>,
  unmapped: JSON.parse(r.unmapped) as Record<string, unknown>,
  answers: JSON.parse(r.answers) as Record<string, unknown>,
  importedRev: r.imported_rev,
  importId: r.import_id,
  media: JSON.parse(r.media) as FoundMediaRef[],
});

/** Records served: not deleted, and not a Kusanya record waiting for its enumerator's correction. */
const SERVED = `s.deleted = 0 AND (s.status <> 'needs_correction' OR r.submission_id IS NOT NULL)`;

function scopeSql(scope: AssetScope): { where: string; params: Record<string, unknown> } {
  const parts = [SERVED];
  const params: Record<string, unknown> = { formId: scope.formId, uid: scope.uid };
  if (scope.importedOnly) parts.push('r.asset_uid = @uid');
  else if (scope.otherAssets.length > 0) {
    parts.push('(r.asset_uid IS NULL OR r.asset_uid NOT IN (SELECT value FROM json_each(@others)))');
    params['others'] = JSON.stringify(scope.otherAssets);
  }
  if (scope.activityType !== null) {
    parts.push("json_extract(s.doc, '$.data.activity_type') = @activity");
    params['activity'] = scope.activityType;
  }
  if (scope.collines !== null) {
    parts.push('s.area IN (SELECT value FROM json_each(@collines))');
    params['collines'] = JSON.stringify(scope.collines);
  }
  return { where: parts.join(' AND '), params };
}

export type KoboRepository = ReturnType<typeof koboRepository>;

export function koboRepository(db: Db) {
  const statement = statementCache(db);
  const upsertAsset = db.prepare(
    `INSERT INTO kobo_assets (uid, name, form_id, mapping, registered_at, registered_by)
     VALUES (@uid, @name, @formId, @mapping, @at, @by)
     ON CONFLICT (uid) DO UPDATE SET name = excluded.name, form_id = excluded.form_id, mapping = excluded.mapping,
       registered_at = excluded.registered_at, registered_by = excluded.registered_by`,
  );
  const assets = db.prepare<
    [],
    { uid: string; name: string; form_id: string; mapping: string; registered_at: string; registered_by: string }
  >('SELECT uid, name, form_id, mapping, registered_at, registered_by FROM kobo_assets ORDER BY name');
  const recordBySubmission = db.prepare<[string], RecordRow>('SELECT * FROM kobo_records WHERE submission_id = ?');
  const mediaOfRecord = db.prepare<[string], { media: string }>(
    'SELECT media FROM kobo_records WHERE submission_id = ?',
  );
  const upsertRecord = db.prepare(
    `INSERT INTO kobo_records (submission_id, asset_uid, kobo_uuid, kobo_meta, unmapped, answers, imported_rev, import_id, media)
     VALUES (@submissionId, @assetUid, @koboUuid, @koboMeta, @unmapped, @answers, @importedRev, @importId, @media)
     ON CONFLICT (submission_id) DO UPDATE SET asset_uid = excluded.asset_uid, kobo_uuid = excluded.kobo_uuid,
       kobo_meta = excluded.kobo_meta, unmapped = excluded.unmapped, answers = excluded.answers, imported_rev = excluded.imported_rev,
       import_id = excluded.import_id, media = excluded.media`,
  );
  const byUuid = db.prepare<[string], { submission_id: string }>(
    'SELECT submission_id FROM kobo_uuids WHERE kobo_uuid = ?',
  );
  const addUuid = db.prepare('INSERT OR IGNORE INTO kobo_uuids (kobo_uuid, submission_id) VALUES (?, ?)');
  const numberOf = db.prepare<[string], { number: number }>('SELECT number FROM kobo_numbers WHERE submission_id = ?');
  const numberTaken = db.prepare<[number], { submission_id: string }>(
    'SELECT submission_id FROM kobo_numbers WHERE number = ?',
  );
  const setNumber = db.prepare('UPDATE kobo_numbers SET number = ? WHERE submission_id = ?');
  const insertRun = db.prepare(
    `INSERT INTO kobo_imports (id, asset_uid, file, file_sha256, started_at, outcome, done, actor)
     VALUES (@id, @assetUid, @file, @fileSha256, @startedAt, 'running', 0, @actor)`,
  );
  const progress = db.prepare('UPDATE kobo_imports SET done = ? WHERE id = ?');
  const finishRun = db.prepare(
    `UPDATE kobo_imports SET outcome = @outcome, finished_at = @at, report = @report, done = @done, file_sha256 = @sha256
      WHERE id = @id`,
  );
  const resumable = db.prepare<[string, string], { id: string; done: number }>(
    `SELECT id, done FROM kobo_imports WHERE asset_uid = ? AND file_sha256 = ? AND outcome = 'failed' AND done > 0
     ORDER BY started_at DESC LIMIT 1`,
  );
  const runs = db.prepare<
    [number],
    {
      id: string;
      asset_uid: string;
      file: string;
      file_sha256: string | null;
      started_at: string;
      finished_at: string | null;
      outcome: KoboImportRun['outcome'];
      done: number;
      actor: string;
      report: string | null;
    }
  >('SELECT * FROM kobo_imports ORDER BY started_at DESC LIMIT ?');
  const maxSeq = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM submissions');
  const definitionsMark = db.prepare<[], { mark: string }>(
    `SELECT (SELECT coalesce(max(seq), 0) FROM forms) || ':' ||
            (SELECT count(*) || ':' || coalesce(max(registered_at), '') FROM kobo_assets) AS mark`,
  );
  const lastSubmission = db.prepare<[string], { at: string | null }>(
    'SELECT max(received_at) AS at FROM submissions WHERE form_id = ?',
  );

  return {
    registerAsset: (row: KoboAssetRow) =>
      upsertAsset.run({
        uid: row.uid,
        name: row.name,
        formId: row.formId,
        mapping: JSON.stringify(row.mapping),
        at: row.registeredAt,
        by: row.registeredBy,
      }),
    assets: (): KoboAssetRow[] =>
      assets.all().map((r) => ({
        uid: r.uid,
        name: r.name,
        formId: r.form_id,
        mapping: JSON.parse(r.mapping) as KoboMapping,
        registeredAt: r.registered_at,
        registeredBy: r.registered_by,
      })),
    record: (submissionId: string): KoboRecordRow | null => {
      const r = recordBySubmission.get(submissionId);
      return r ? toRecord(r) : null;
    },
    saveRecord: (r: KoboRecordRow) =>
      upsertRecord.run({
        ...r,
        koboMeta: JSON.stringify(r.koboMeta),
        unmapped: JSON.stringify(r.unmapped),
        answers: JSON.stringify(r.answers),
        media: JSON.stringify(r.media),
      }),
    /** The files of an imported record that no Kusanya question takes (none for a record not from Kobo). */
    mediaOf: (submissionId: string): FoundMediaRef[] => {
      const r = mediaOfRecord.get(submissionId);
      return r ? (JSON.parse(r.media) as FoundMediaRef[]) : [];
    },
    /** The record a Kobo uuid (a version's, or a root's) belongs to. */
    submissionOfUuid: (koboUuid: string): string | null => byUuid.get(koboUuid)?.submission_id ?? null,
    addUuids: (submissionId: string, uuids: string[]) => {
      for (const u of uuids) addUuid.run(u, submissionId);
    },
    numberOf: (submissionId: string): number | null => numberOf.get(submissionId)?.number ?? null,
    /** Gives a record Kobo's own `_id` when no other record has it; returns the number it has. */
    claimNumber: (submissionId: string, wanted: number): number => {
      const taken = numberTaken.get(wanted);
      if (!taken) setNumber.run(wanted, submissionId);
      return numberOf.get(submissionId)!.number;
    },
    startRun: (run: {
      id: string;
      assetUid: string;
      file: string;
      fileSha256: string | null;
      startedAt: string;
      actor: string;
    }) => insertRun.run(run),
    progress: (id: string, done: number) => progress.run(done, id),
    finishRun: (id: string, outcome: 'completed' | 'failed', done: number, sha256: string | null, report: unknown) =>
      finishRun.run({ id, outcome, at: new Date().toISOString(), report: JSON.stringify(report), done, sha256 }),
    /** The last failed run of this file (same asset, same content) and how many records it committed. */
    resumable: (assetUid: string, sha256: string) => resumable.get(assetUid, sha256) ?? null,
    runs: (limit = 50): KoboImportRun[] =>
      runs.all(limit).map((r) => ({
        id: r.id,
        assetUid: r.asset_uid,
        file: r.file,
        fileSha256: r.file_sha256,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        outcome: r.outcome,
        done: r.done,
        actor: r.actor,
        report: r.report ? (JSON.parse(r.report) as unknown) : null,
      })),
    /** Changes whenever a form version is published or an asset registered: what compiled mappings are keyed on. */
    definitionsMark: (): string => definitionsMark.get()!.mark,
    /** Changes whenever any submission is written: what cached counts are keyed on. */
    changeMark: (): number => maxSeq.get()!.seq ?? 0,
    lastSubmissionAt: (formId: string): string | null => lastSubmission.get(formId)!.at,
    /** How many records an asset serves to this reader. */
    count: (scope: AssetScope): number => {
      const { where, params } = scopeSql(scope);
      return (
        statement(
          `SELECT count(*) AS n FROM kobo_numbers n JOIN submissions s ON s.id = n.submission_id
             LEFT JOIN kobo_records r ON r.submission_id = s.id WHERE n.form_id = @formId AND ${where}`,
        ).get(params) as { n: number }
      ).n;
    },
    /** The record an asset serves to this reader under `_id` `number` (its submission id), or null. */
    servedId: (scope: AssetScope, number: number): string | null => {
      const { where, params } = scopeSql(scope);
      const row = statement(
        `SELECT n.submission_id AS id FROM kobo_numbers n JOIN submissions s ON s.id = n.submission_id
           LEFT JOIN kobo_records r ON r.submission_id = s.id
          WHERE n.form_id = @formId AND n.number = @number AND ${where}`,
      ).get({ ...params, number }) as { id: string } | undefined;
      return row?.id ?? null;
    },
    /**
     * One page in `_id` order: after a known `_id` (the links Kusanya writes: no record skipped or repeated
     * while records arrive), else from an offset (Kobo's `start`).
     */
    page: (scope: AssetScope, limit: number, from: { after: number } | { offset: number }): ServedRow[] => {
      const { where, params } = scopeSql(scope);
      const after = 'after' in from;
      const rows = statement(
        `SELECT n.number, s.doc, s.received_at, r.submission_id IS NOT NULL AS has_kobo, r.*
             FROM kobo_numbers n JOIN submissions s ON s.id = n.submission_id
             LEFT JOIN kobo_records r ON r.submission_id = s.id
            WHERE n.form_id = @formId AND ${where} ${after ? 'AND n.number > @after' : ''}
            ORDER BY n.number LIMIT @limit ${after ? '' : 'OFFSET @offset'}`,
      ).all({ ...params, limit, ...(after ? { after: from.after } : { offset: from.offset }) }) as (RecordRow & {
        number: number;
        doc: string;
        received_at: string;
        has_kobo: number;
      })[];
      return rows.map((r) => ({
        number: r.number,
        doc: r.doc,
        receivedAt: r.received_at,
        kobo: r.has_kobo ? toRecord(r) : null,
      }));
    },
  };
}
