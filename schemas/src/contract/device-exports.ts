/** The API contract: device exports routes (server/src/routes/device-exports.ts). */
import { deviceExportSchema, deviceImportReportSchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

export const postSyncDeviceExports = defineRoute({
  method: 'POST',
  url: '/api/sync/device-exports',
  tags: ['sync'],
  summary: 'Import a device export file (unsynced records carried from a tablet)',
  description: `The body is the file the app's "Export unsynced records" wrote. Its checksum is checked, then its records
go through the same logic as a sync push, as the user who exported them: importing twice changes nothing; records of
another user or outside that user's collines are refused; records the server changed since are reported as conflicts
(their version is kept). Answers what was new, already there, in conflict or refused, record by record.`,
  body: ref(deviceExportSchema),
  response: { 200: ref(deviceImportReportSchema), ...errors(400, 401, 403, 404, 413) },
});
