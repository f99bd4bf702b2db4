import type { Submission } from '@kusanya/schemas';
import type { Db } from '../db/database.js';
import { isConfidential, type SubmissionAccess, type SubmissionReads } from '../domain/read-policy.js';
import { serialise, type Serialised } from '../domain/submission-content.js';
import { boundedPage } from './pull-page.js';
import { submissionReadCondition } from './read-sql.js';
import { statementCache } from './statement-cache.js';

export interface VersionRecord {
  submissionId: string;
  rev: number;
  source: 'device' | 'server';
  accepted: boolean;
  contentHash: string;
  userId: string | null;
  deviceId: string | null;
  receivedAt: string;
  doc: Submission;
}

export type SubmissionsRepository = ReturnType<typeof submissionsRepository>;

/** Who wrote a server-side state of a submission, and when. */
export interface ServerWrite {
  at: string;
  userId: string | null;
  deviceId?: string | null;
  /** The document already serialised (see serialise); computed when absent. */
  content?: Serialised;
  /** Keep the record for its author only (DESIGN.md §3 rule 6). */
  authorOnly?: boolean;
}

export function submissionsRepository(db: Db) {
  const master = db.prepare<[string], { doc: string }>('SELECT doc FROM submissions WHERE id = ?');
  const access = db.prepare<
    [string],
    { area: string; form_id: string; enumerator_id: string; confidential: number; author_only: number }
  >('SELECT area, form_id, enumerator_id, confidential, author_only FROM submissions WHERE id = ?');
  const prepared = statementCache(db);
  const versionByHash = db.prepare<[string, string], { accepted: number }>(
    'SELECT accepted FROM submission_versions WHERE submission_id = ? AND content_hash = ?',
  );
  const insertVersion = db.prepare(
    `INSERT INTO submission_versions (submission_id, rev, source, accepted, content_hash, user_id, device_id, received_at, doc)
     VALUES (@submissionId, @rev, @source, @accepted, @contentHash, @userId, @deviceId, @receivedAt, @doc)`,
  );
  const upsert = db.prepare(
    `INSERT INTO submissions (id, seq, form_id, form_version, enumerator_id, area, status, rev, deleted, received_at, updated_at, doc,
                              confidential, author_only)
     VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM submissions), @formId, @formVersion, @enumeratorId, @area,
             @status, @rev, @deleted, @at, @at, @doc, @confidential, @authorOnly)
     ON CONFLICT (id) DO UPDATE SET
       seq = (SELECT coalesce(max(seq), 0) + 1 FROM submissions),
       form_id = excluded.form_id, form_version = excluded.form_version, area = excluded.area,
       status = excluded.status, rev = excluded.rev, deleted = excluded.deleted,
       updated_at = excluded.updated_at, doc = excluded.doc,
       confidential = max(submissions.confidential, excluded.confidential), author_only = excluded.author_only`,
  );
  const pullOwn = db.prepare<[string, number, number], { seq: number; doc: string }>(
    'SELECT seq, doc FROM submissions WHERE enumerator_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const countOwnAfter = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM submissions WHERE enumerator_id = ? AND seq > ?',
  );
  const versions = db.prepare<
    [string],
    {
      rev: number;
      source: 'device' | 'server';
      accepted: number;
      content_hash: string;
      user_id: string | null;
      device_id: string | null;
      received_at: string;
      doc: string;
    }
  >(
    'SELECT rev, source, accepted, content_hash, user_id, device_id, received_at, doc FROM submission_versions WHERE submission_id = ? ORDER BY id',
  );
  interface StatsRow {
    enumerator_id: string;
    this_week: number;
    waiting: number;
    needs_correction: number;
    returned: number;
    last_received_at: string | null;
    app_version: string | null;
  }
  const addUsage = db.prepare(
    `INSERT INTO storage_usage (user_id, day, bytes) VALUES (?, ?, ?)
     ON CONFLICT (user_id, day) DO UPDATE SET bytes = bytes + excluded.bytes`,
  );
  const usage = db.prepare<{ user: string; day: string }, { day: number; total: number }>(
    'SELECT coalesce(sum(bytes) FILTER (WHERE day = @day), 0) AS day, coalesce(sum(bytes), 0) AS total FROM storage_usage WHERE user_id = @user',
  );
  const byEnumerator = db.prepare<[string], { doc: string }>(
    'SELECT doc FROM submissions WHERE enumerator_id = ? ORDER BY seq',
  );

  const repository = {
    getMaster: (id: string): Submission | null => {
      const row = master.get(id);
      return row ? (JSON.parse(row.doc) as Submission) : null;
    },
    /** Whether this exact content was received before: undefined if never, else whether it was accepted. */
    seenContent: (id: string, contentHash: string): boolean | undefined => {
      const row = versionByHash.get(id, contentHash);
      return row ? row.accepted === 1 : undefined;
    },
    /** Keeps a version; `json` is the document already serialised (e.g. the canonical JSON that was hashed). */
    insertVersion: (v: VersionRecord, json = JSON.stringify(v.doc)) =>
      insertVersion.run({
        submissionId: v.submissionId,
        rev: v.rev,
        source: v.source,
        accepted: v.accepted ? 1 : 0,
        contentHash: v.contentHash,
        userId: v.userId,
        deviceId: v.deviceId,
        receivedAt: v.receivedAt,
        doc: json,
      }),
    /**
     * Writes the master state and gives it the next sequence number; `json` as for insertVersion. Whether it is
     * confidential comes from the document (and stays set once set); `authorOnly` keeps it for its author only.
     */
    writeMaster: (doc: Submission, at: string, json = JSON.stringify(doc), options: { authorOnly?: boolean } = {}) =>
      upsert.run({
        id: doc.id,
        formId: doc.formId,
        formVersion: doc.formVersion,
        enumeratorId: doc.meta.enumeratorId,
        area: doc.meta.area,
        status: doc.status,
        rev: doc.rev,
        deleted: doc._deleted ? 1 : 0,
        at,
        doc: json,
        confidential: isConfidential(doc) ? 1 : 0,
        authorOnly: options.authorOnly ? 1 : 0,
      }),
    /**
     * The one way the server writes a state of a submission that no device sent (intake's verdict on a push, a
     * review decision, any server-side change): kept as an accepted 'server' version identified by its content
     * hash (the rule of every version), and made the master state with the next sequence number, so the device
     * that owns it pulls it. Runs in the caller's transaction.
     */
    writeServerVersion(doc: Submission, write: ServerWrite): void {
      const content = write.content ?? serialise(doc);
      repository.insertVersion(
        {
          submissionId: doc.id,
          rev: doc.rev,
          source: 'server',
          accepted: true,
          contentHash: content.hash,
          userId: write.userId,
          deviceId: write.deviceId ?? null,
          receivedAt: write.at,
          doc,
        },
        content.json,
      );
      repository.writeMaster(doc, write.at, content.json, { authorOnly: write.authorOnly === true });
    },
    /** What the read policy needs to know of a stored submission, or null. */
    access: (id: string): SubmissionAccess | null => {
      const row = access.get(id);
      return row
        ? {
            area: row.area,
            formId: row.form_id,
            enumeratorId: row.enumerator_id,
            confidential: row.confidential === 1,
            authorOnly: row.author_only === 1,
          }
        : null;
    },
    /** The user's own changes after `seq`, in order: at most `limit` rows and about `maxBytes` (pull-page.ts). */
    pullOwn: (userId: string, seq: number, limit: number, maxBytes: number) =>
      boundedPage(pullOwn.iterate(userId, seq, limit), (r) => r.doc.length, limit, maxBytes).map((r) => ({
        seq: r.seq,
        doc: JSON.parse(r.doc) as Submission,
      })),
    /** How many of the user's changes come after `seq` (for progress bars). */
    countOwnAfter: (userId: string, seq: number): number => countOwnAfter.get(userId, seq)!.n,
    versions: (id: string): VersionRecord[] =>
      versions.all(id).map((r) => ({
        submissionId: id,
        rev: r.rev,
        source: r.source,
        accepted: r.accepted === 1,
        contentHash: r.content_hash,
        userId: r.user_id,
        deviceId: r.device_id,
        receivedAt: r.received_at,
        doc: JSON.parse(r.doc) as Submission,
      })),
    /** Per-enumerator counts of the records a reviewer reads (the supervisor's team view). */
    statsByEnumerator: (reads: SubmissionReads, weekStart: string) => {
      const where = submissionReadCondition(reads, undefined, 'stats');
      const rows = prepared(
        `SELECT enumerator_id,
           sum(received_at >= @weekStart) AS this_week,
           sum(status = 'pending_review') AS waiting,
           sum(status = 'needs_correction') AS needs_correction,
           sum(status = 'returned') AS returned,
           max(received_at) AS last_received_at,
           (SELECT json_extract(doc, '$.meta.appVersion') FROM submissions s2 WHERE s2.enumerator_id = s.enumerator_id ORDER BY seq DESC LIMIT 1) AS app_version
         FROM submissions s WHERE deleted = 0 AND ${where.clauses.join(' AND ')} GROUP BY enumerator_id`,
      ).all({ ...where.params, weekStart }) as StatsRow[];
      return rows.map((r) => ({
        enumeratorId: r.enumerator_id,
        thisWeek: r.this_week,
        waiting: r.waiting,
        needsCorrection: r.needs_correction,
        returned: r.returned,
        lastReceivedAt: r.last_received_at,
        appVersion: r.app_version,
      }));
    },
    /** Adds bytes a user's pushes stored on a day (UTC, YYYY-MM-DD), for the storage quota. */
    addUsage: (userId: string, day: string, bytes: number) => addUsage.run(userId, day, bytes),
    /** Bytes a user's pushes stored on that day, and in all. */
    usage: (userId: string, day: string): { day: number; total: number } => usage.get({ user: userId, day })!,
    listByEnumerator: (userId: string): Submission[] =>
      byEnumerator.all(userId).map((r) => JSON.parse(r.doc) as Submission),
  };
  return repository;
}
