import type { DeviceExport } from '@kusanya/schemas';
import { readFileSync } from 'node:fs';
import { SHELL } from '../../domain/admin-scope.js';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.js';
import { table, UsageError, type Command } from '../io.js';

export const importDeviceExportCommand: Command = {
  name: 'import-device-export',
  usage: 'import-device-export FILE [--json]',
  summary: 'Import the unsynced records a tablet exported to a file (same rules as a sync; safe to repeat)',
  async run({ app, args, out }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
    const path = positionals[0];
    if (!path) throw new UsageError('Give the path of the export file');
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new AppError('bad-request', `Cannot read ${path} as JSON: ${(error as Error).message}`);
    }
    const { deviceExports } = app;
    const report = await deviceExports.importMedia(
      deviceExports.importRecords(input, `cli:${userInfo().username}`, SHELL),
      input as DeviceExport,
    );
    if (values.json) {
      out(`${JSON.stringify(report)}\n`);
      return;
    }
    const { counts } = report;
    out(
      `Imported ${counts.total} records of ${report.user.username} (device ${report.deviceId}, exported ${report.exportedAt}):\n` +
        `  new: ${counts.new}   already there: ${counts.alreadyThere}   in conflict: ${counts.conflict}   refused: ${counts.refused}\n`,
    );
    if (report.media)
      out(
        `  photos and files: stored ${report.media.stored}   already there: ${report.media.alreadyThere}   refused: ${report.media.refused.length}\n` +
          report.media.refused.map((r) => `    ${r.submissionId} ${r.name}: ${r.reason}\n`).join(''),
      );
    const notable = report.records.filter((r) => r.result === 'conflict' || r.result === 'refused');
    if (notable.length > 0)
      out(
        table(
          ['record', 'result', 'status', 'reason'],
          notable.map((r) => [r.id, r.result, r.status ?? '', r.reason ?? '']),
        ),
      );
  },
};
