import type { MediaFileState } from '@kusanya/schemas';
import type { FoundMediaRef } from '@kusanya/shared/media/refs';
import type { Db } from '../db/database.js';

/** A blob that arrived whole and matched its hash. */
export interface MediaBlob {
  sha256: string;
  size: number;
  servedAs: string;
  receivedAt: string;
  receivedBy: string | null;
}

/** A received medium of a record, as exports list it. */
export interface ReceivedMedia {
  submissionId: string;
  formId: string;
  field: string;
  name: string;
  sha256: string;
  size: number;
}

interface StateRow {
  name: string;
  field: string;
  type: string;
  size: number;
  sha256: string;
  served_as: string | null;
}

export type MediaRepository = ReturnType<typeof mediaRepository>;

/** Which blobs the server holds, and which media each record references (submission_media). */
export function mediaRepository(db: Db) {
  const insertBlob = db.prepare(
    `INSERT INTO media_blobs (sha256, size, served_as, received_at, received_by)
     VALUES (@sha256, @size, @servedAs, @receivedAt, @receivedBy) ON CONFLICT (sha256) DO NOTHING`,
  );
  const blob = db.prepare(
    `SELECT sha256, size, served_as AS servedAs, received_at AS receivedAt, received_by AS receivedBy
     FROM media_blobs WHERE sha256 = ?`,
  );
  const clearRecord = db.prepare('DELETE FROM submission_media WHERE submission_id = ?');
  const linkRef = db.prepare(
    `INSERT INTO submission_media (submission_id, name, field, type, size, sha256, position)
     VALUES (@submissionId, @name, @field, @type, @size, @sha256, @position) ON CONFLICT DO NOTHING`,
  );
  const stateOf = db.prepare(
    `SELECT m.name, m.field, m.type, m.size, m.sha256, b.served_as
     FROM submission_media m LEFT JOIN media_blobs b ON b.sha256 = m.sha256
     WHERE m.submission_id = ? ORDER BY m.position`,
  );
  const refOf = db.prepare(
    `SELECT m.name, m.field, m.type, m.size, m.sha256, b.served_as
     FROM submission_media m LEFT JOIN media_blobs b ON b.sha256 = m.sha256
     WHERE m.submission_id = ? AND m.name = ?`,
  );
  const referencing = db.prepare(
    `SELECT s.id, s.enumerator_id AS enumeratorId FROM submission_media m JOIN submissions s ON s.id = m.submission_id
     WHERE m.sha256 = ?`,
  );
  const missingCount = db.prepare(
    `SELECT count(*) AS n FROM submission_media m LEFT JOIN media_blobs b ON b.sha256 = m.sha256
     WHERE m.submission_id = ? AND b.sha256 IS NULL`,
  );
  const allBlobs = db.prepare('SELECT sha256, size FROM media_blobs ORDER BY sha256');
  const received = db.prepare(
    `SELECT m.submission_id AS submissionId, s.form_id AS formId, m.field, m.name, m.sha256, m.size
     FROM submission_media m
     JOIN media_blobs b ON b.sha256 = m.sha256
     JOIN submissions s ON s.id = m.submission_id
     WHERE s.deleted = 0 AND (@formId IS NULL OR s.form_id = @formId)
     ORDER BY s.form_id, m.submission_id, m.position`,
  );
  const toState = (r: StateRow): MediaFileState => ({
    name: r.name,
    field: r.field,
    type: r.type,
    size: r.size,
    sha256: r.sha256,
    received: r.served_as !== null,
    ...(r.served_as !== null ? { servedAs: r.served_as } : {}),
  });

  return {
    /** Records that a blob is in place (idempotent: a blob that arrives twice is recorded once). */
    addBlob: (b: MediaBlob): boolean => insertBlob.run(b).changes > 0,
    blob: (sha256: string): MediaBlob | null => (blob.get(sha256) as MediaBlob | undefined) ?? null,
    /** Replaces the media a record references by those of its latest accepted version. */
    linkRecord(submissionId: string, refs: readonly FoundMediaRef[]): void {
      clearRecord.run(submissionId);
      refs.forEach(({ field, ref }, position) => linkRef.run({ submissionId, field, position, ...ref }));
    },
    /** The media a record references, each with whether it arrived. */
    ofRecord: (submissionId: string): MediaFileState[] => (stateOf.all(submissionId) as StateRow[]).map(toState),
    /** One medium of a record by its file name. */
    file(submissionId: string, name: string): MediaFileState | null {
      const row = refOf.get(submissionId, name) as StateRow | undefined;
      return row ? toState(row) : null;
    },
    /** The records referencing a blob and their authors (who may upload it). */
    recordsWith: (sha256: string): { id: string; enumeratorId: string }[] =>
      referencing.all(sha256) as { id: string; enumeratorId: string }[],
    missing: (submissionId: string): number => (missingCount.get(submissionId) as { n: number }).n,
    /** The received media of every record (of one form), record by record: what a media export walks. */
    receivedMedia: (formId: string | null) => received.all({ formId }) as ReceivedMedia[],
    /** Every blob the server holds (backups copy and check them). */
    blobs: (): { sha256: string; size: number }[] => allBlobs.all() as { sha256: string; size: number }[],
  };
}
