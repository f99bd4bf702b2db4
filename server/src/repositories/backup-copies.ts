import type { BackupCopyAttempt } from '@kusanya/schemas';
import type { Db } from '../db/database.js';

/** One attempt to copy a backup off the machine (schemas: BackupCopyAttempt). */
export type BackupCopyRecord = BackupCopyAttempt;
export type CopyTargetKind = BackupCopyAttempt['target'];

interface Row {
  backup: string;
  target: CopyTargetKind;
  started_at: string;
  finished_at: string;
  outcome: 'success' | 'failure';
  bytes: number | null;
  message: string;
}

const toRecord = (r: Row): BackupCopyRecord => ({
  backup: r.backup,
  target: r.target,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  outcome: r.outcome,
  bytes: r.bytes,
  message: r.message,
});

export type BackupCopiesRepository = ReturnType<typeof backupCopiesRepository>;

/** Every attempt to copy a backup off the machine, whoever made it (server, CLI, upgrade). */
export function backupCopiesRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO backup_copies (backup, target, started_at, finished_at, outcome, bytes, message)
     VALUES (@backup, @target, @startedAt, @finishedAt, @outcome, @bytes, @message)`,
  );
  const latest = db.prepare<[CopyTargetKind], Row>(
    'SELECT * FROM backup_copies WHERE target = ? ORDER BY finished_at DESC, id DESC LIMIT 1',
  );
  const latestSuccess = db.prepare<[CopyTargetKind], Row>(
    "SELECT * FROM backup_copies WHERE target = ? AND outcome = 'success' ORDER BY finished_at DESC, id DESC LIMIT 1",
  );
  const recent = db.prepare<[number], Row>('SELECT * FROM backup_copies ORDER BY finished_at DESC, id DESC LIMIT ?');
  return {
    record: (copy: BackupCopyRecord) => void insert.run(copy),
    /** The newest attempt for a target, whatever its outcome. */
    latest: (target: CopyTargetKind) => {
      const row = latest.get(target);
      return row ? toRecord(row) : null;
    },
    latestSuccess: (target: CopyTargetKind) => {
      const row = latestSuccess.get(target);
      return row ? toRecord(row) : null;
    },
    recent: (limit: number) => recent.all(limit).map(toRecord),
  };
}
