import type { DeviceExport, DeviceImportReport, Submission, SubmissionPushRow, User } from '@kusanya/schemas';
import { checkDeviceExport } from '@kusanya/schemas/validators';
import { checksumOf, checksumPayload } from '@kusanya/shared/sync/device-export';
import { PUSH_MAX_ROWS } from '@kusanya/shared/sync/protocol';
import { createHash } from 'node:crypto';
import { managesUser, type Manager } from '../../domain/admin-scope.js';
import { newId } from '../../domain/ids.js';
import { AppError } from '../../errors.js';
import type { DeviceImportsRepository } from '../../repositories/device-imports.js';
import type { AuditService } from '../audit.js';
import { receiptEntry, type MediaService } from '../media/media-service.js';
import type { UsersRepository } from '../../repositories/users.js';
import {
  pushSubmissions,
  scopeProblem,
  type PushCaller,
  type PushContext,
  type PushRowResult,
} from './push-submissions.js';

export interface ImportContext extends PushContext {
  users: UsersRepository;
  deviceImports: DeviceImportsRepository;
}

type RecordReport = DeviceImportReport['records'][number];

const RESULT: Record<PushRowResult['result'], RecordReport['result']> = {
  written: 'new',
  replayed: 'already-there',
  conflict: 'conflict',
};

/** Reads and checks a device export: its format, then its checksum. Throws a 400 saying what is wrong. */
export function parseDeviceExport(input: unknown): DeviceExport {
  const checked = checkDeviceExport(input);
  if (!checked.ok) {
    throw new AppError(
      'validation-failed',
      'This is not a Kusanya device export file (or it is from another version).',
      checked.errors.slice(0, 20),
    );
  }
  const file = checked.value;
  const actual = checksumOf(createHash('sha256').update(checksumPayload(file)).digest('hex'));
  if (actual !== file.checksum) {
    throw new AppError(
      'checksum-mismatch',
      'The file is damaged or was changed after it was exported: its checksum does not match. Nothing was imported.',
    );
  }
  return file;
}

/**
 * The push row the device would have sent. The push logic reads only `assumedMasterState.rev` (rule 3),
 * which is what the export records.
 */
const toPushRow = ({ assumedRev, doc }: DeviceExport['records'][number]): SubmissionPushRow => ({
  assumedMasterState: assumedRev === null ? null : ({ ...doc, rev: assumedRev } satisfies Submission),
  newDocumentState: doc,
});

/**
 * Imports the records of a device export as if the device had pushed them (same push logic, so it is
 * idempotent, scoped to the exporting user's own records, a colline outside their areas kept for them only), in one transaction, and keeps a
 * report of what was new, already there, in conflict or refused.
 */
export function importDeviceExport(
  ctx: ImportContext,
  input: unknown,
  importedBy: string,
  manager: Manager,
): DeviceImportReport {
  const file = parseDeviceExport(input);
  const owner = ctx.users.findById(file.user.id);
  if (!owner) {
    throw new AppError(
      'not-found',
      `The file belongs to user ${file.user.username} (${file.user.id}), who does not exist on this server. Nothing was imported.`,
    );
  }
  if (!managesUser(ctx.locations(), manager, owner)) {
    throw new AppError(
      'out-of-scope',
      `The file belongs to ${owner.username}, who works outside your areas: an administrator of their areas imports it. Nothing was imported.`,
    );
  }
  const user: User = { id: owner.id, username: owner.username, role: owner.role, areas: owner.areas };
  // A disabled account's records are still the programme's: the rescue path takes them.
  const caller: PushCaller = { user, deviceId: file.deviceId };

  return ctx.db
    .transaction((): DeviceImportReport => {
      const byId = new Map<string, RecordReport>();
      const inScope: DeviceExport['records'] = [];
      for (const record of file.records) {
        const problem = scopeProblem(record.doc, caller);
        if (problem) byId.set(record.doc.id, { id: record.doc.id, result: 'refused', reason: problem });
        else inScope.push(record);
      }
      for (let start = 0; start < inScope.length; start += PUSH_MAX_ROWS) {
        const batch = inScope.slice(start, start + PUSH_MAX_ROWS);
        for (const [id, report] of pushIsolating(ctx, caller, batch)) byId.set(id, report);
      }
      const records = file.records.map((r) => byId.get(r.doc.id)!);
      const count = (result: RecordReport['result']) => records.filter((r) => r.result === result).length;
      const report: DeviceImportReport = {
        importId: newId(),
        user: { id: user.id, username: user.username },
        deviceId: file.deviceId,
        exportedAt: file.exportedAt,
        counts: {
          total: records.length,
          new: count('new'),
          alreadyThere: count('already-there'),
          conflict: count('conflict'),
          refused: count('refused'),
        },
        records,
      };
      ctx.deviceImports.insert({ checksum: file.checksum, importedBy, importedAt: new Date().toISOString(), report });
      return report;
    })
    .immediate();
}

/**
 * Stores the photos and files a device export carried, once its records are in (each with its own audit entry),
 * and keeps what became of them in the stored import report beside the records' counts. Returns the whole report.
 */
export async function importCarriedMedia(
  deps: {
    deviceImport: Pick<ImportContext, 'deviceImports'>;
    media: Pick<MediaService, 'importCarried'>;
    audit: Pick<AuditService, 'record'>;
  },
  report: DeviceImportReport,
  carried: NonNullable<DeviceExport['media']>,
): Promise<DeviceImportReport> {
  if (carried.length === 0) return report;
  const media = await deps.media.importCarried(report.user, carried, (claim, stored) =>
    deps.audit.record(receiptEntry(claim, stored, 'device-export')),
  );
  deps.deviceImport.deviceImports.setMedia(report.importId, media);
  return { ...report, media };
}

/**
 * Pushes a batch; if the push logic refuses it as a whole (a row no device may send, a record id owned by
 * someone else), pushes its rows one by one so that only the offending rows are refused. Each push is a
 * savepoint inside the import transaction, so a refused row leaves nothing behind.
 */
function pushIsolating(
  ctx: PushContext,
  caller: PushCaller,
  batch: DeviceExport['records'],
): Map<string, RecordReport> {
  const reports = new Map<string, RecordReport>();
  try {
    for (const r of pushSubmissions(ctx, caller, batch.map(toPushRow)).results) {
      reports.set(r.id, {
        id: r.id,
        result: RESULT[r.result],
        status: r.status,
        ...(r.reason ? { reason: r.reason } : {}),
      });
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (batch.length === 1) {
      const id = batch[0]!.doc.id;
      reports.set(id, { id, result: 'refused', reason: error.message });
    } else {
      for (const one of batch) for (const [id, report] of pushIsolating(ctx, caller, [one])) reports.set(id, report);
    }
  }
  return reports;
}
