import * as contract from '@kusanya/schemas/contract/device-exports';
import { route } from '../plugins/contract.js';
import { type DeviceImportReport } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import { audited } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import type { DeviceExportUseCases } from '../usecases/sync/device-exports.js';

/** A tablet holds at most a few thousand records (~2 KB each): 64 MB leaves a wide margin. */
export const DEVICE_EXPORT_MAX_BYTES = 64 * 1024 * 1024;

/** The rescue path: import a device export file (unsynced records carried by hand) through the push logic. */
export async function deviceExportRoutes(
  app: FastifyInstance,
  { deviceExports }: { deviceExports: DeviceExportUseCases },
) {
  route(
    app,
    contract.postSyncDeviceExports,
    { bodyLimit: DEVICE_EXPORT_MAX_BYTES, config: { roles: ['admin'], audit: 'device-export.import' } },
    async (request): Promise<DeviceImportReport> => {
      const { user } = caller(request);
      const report = audited(request, (scope) => {
        const imported = deviceExports.importRecords(request.body, user.id, user);
        scope.note({ target: imported.user.id, details: { importId: imported.importId, counts: imported.counts } });
        return imported;
      });
      // The photos and files the file carried, once their records are in (each stored with its own audit entry).
      const whole = await deviceExports.importMedia(report, request.body);
      request.log.info(
        { importId: whole.importId, counts: whole.counts, media: whole.media, owner: whole.user.id },
        'device export imported',
      );
      return whole;
    },
  );
}
