import type { DeviceImportReport } from '@kusanya/schemas';
import type { Db } from '../db/database.js';

export interface DeviceImportRecord {
  checksum: string;
  importedBy: string;
  importedAt: string;
  report: DeviceImportReport;
}

export type DeviceImportsRepository = ReturnType<typeof deviceImportsRepository>;

/** The log of device export files imported on the server (rescue path), with their reports. */
export function deviceImportsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO device_imports (id, checksum, user_id, device_id, exported_at, imported_by, imported_at, records, report)
     VALUES (@id, @checksum, @userId, @deviceId, @exportedAt, @importedBy, @importedAt, @records, @report)`,
  );
  const recent = db.prepare<[number], { checksum: string; imported_by: string; imported_at: string; report: string }>(
    'SELECT checksum, imported_by, imported_at, report FROM device_imports ORDER BY imported_at DESC LIMIT ?',
  );
  const setMedia = db.prepare<[string, string]>(
    "UPDATE device_imports SET report = json_set(report, '$.media', json(?)) WHERE id = ?",
  );
  const latest = db.prepare<[], { device_id: string; user_id: string; imported_at: string; report: string }>(
    `SELECT device_id, user_id, imported_at, report FROM device_imports i
      WHERE imported_at = (SELECT max(imported_at) FROM device_imports j
                            WHERE j.device_id = i.device_id AND j.user_id = i.user_id)`,
  );
  return {
    insert: ({ checksum, importedBy, importedAt, report }: DeviceImportRecord) =>
      insert.run({
        id: report.importId,
        checksum,
        userId: report.user.id,
        deviceId: report.deviceId,
        exportedAt: report.exportedAt,
        importedBy,
        importedAt,
        records: report.counts.total,
        report: JSON.stringify(report),
      }),
    /** What became of the media the file carried (stored after its records' transaction). */
    setMedia: (importId: string, media: NonNullable<DeviceImportReport['media']>) =>
      setMedia.run(JSON.stringify(media), importId),
    /** The last import of each device and user, keyed `deviceId|userId`. */
    latestByDevice: (): Map<string, Pick<DeviceImportRecord, 'importedAt' | 'report'>> =>
      new Map(
        latest
          .all()
          .map((r) => [
            `${r.device_id}|${r.user_id}`,
            { importedAt: r.imported_at, report: JSON.parse(r.report) as DeviceImportReport },
          ]),
      ),
    recent: (limit = 50): DeviceImportRecord[] =>
      recent.all(limit).map((r) => ({
        checksum: r.checksum,
        importedBy: r.imported_by,
        importedAt: r.imported_at,
        report: JSON.parse(r.report) as DeviceImportReport,
      })),
  };
}
