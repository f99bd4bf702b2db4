import {
  deviceExportSchema,
  deviceImportReportSchema,
  errorBodySchema,
  type DeviceImportReport,
} from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { audited } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import { importContextOf, importDeviceExport } from '../sync/device-import.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));

/** A tablet holds at most a few thousand records (~2 KB each): 64 MB leaves a wide margin. */
export const DEVICE_EXPORT_MAX_BYTES = 64 * 1024 * 1024;

/** The rescue path: import a device export file (unsynced records carried by hand) through the push logic. */
export async function deviceExportRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.post<{ Body: unknown }>(
    '/api/sync/device-exports',
    {
      bodyLimit: DEVICE_EXPORT_MAX_BYTES,
      config: { roles: ['admin'], audit: 'device-export.import' },
      schema: {
        tags: ['sync'],
        summary: 'Import a device export file (unsynced records carried from a tablet)',
        description: `The body is the file the app's "Export unsynced records" wrote. Its checksum is checked, then its records
go through the same logic as a sync push, as the user who exported them: importing twice changes nothing; records of
another user or outside that user's collines are refused; records the server changed since are reported as conflicts
(their version is kept). Answers what was new, already there, in conflict or refused, record by record.`,
        body: ref(deviceExportSchema),
        response: { 200: ref(deviceImportReportSchema), ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request): Promise<DeviceImportReport> => {
      const { user } = caller(request);
      const report = audited(request, (scope) => {
        const imported = importDeviceExport(importContextOf(ctx), request.body, user.id, user);
        scope.note({ target: imported.user.id, details: { importId: imported.importId, counts: imported.counts } });
        return imported;
      });
      request.log.info(
        { importId: report.importId, counts: report.counts, owner: report.user.id },
        'device export imported',
      );
      return report;
    },
  );
}
