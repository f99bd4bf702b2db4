import * as contract from '@kusanya/schemas/contract/device-exports';
import { route } from '../plugins/contract.js';
import { type DeviceImportReport } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { audited } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import { receiptEntry } from '../usecases/media/media-service.js';
import { importContextOf, importDeviceExport } from '../usecases/sync/device-import.js';

/** A tablet holds at most a few thousand records (~2 KB each): 64 MB leaves a wide margin. */
export const DEVICE_EXPORT_MAX_BYTES = 64 * 1024 * 1024;

/** The rescue path: import a device export file (unsynced records carried by hand) through the push logic. */
export async function deviceExportRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  route(
    app,
    contract.postSyncDeviceExports,
    { bodyLimit: DEVICE_EXPORT_MAX_BYTES, config: { roles: ['admin'], audit: 'device-export.import' } },
    async (request): Promise<DeviceImportReport> => {
      const { user } = caller(request);
      const report = audited(request, (scope) => {
        const imported = importDeviceExport(importContextOf(ctx), request.body, user.id, user);
        scope.note({ target: imported.user.id, details: { importId: imported.importId, counts: imported.counts } });
        return imported;
      });
      // The photos and files the file carried, once their records are in (each stored with its own audit entry).
      const carried = request.body.media ?? [];
      if (carried.length > 0)
        report.media = await ctx.media.importCarried(report.user, carried, (claim, stored) =>
          ctx.audit.record(receiptEntry(claim, stored, 'device-export')),
        );
      request.log.info(
        { importId: report.importId, counts: report.counts, media: report.media, owner: report.user.id },
        'device export imported',
      );
      return report;
    },
  );
}
