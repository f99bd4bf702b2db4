import type { DeviceExport, DeviceImportReport } from '@kusanya/schemas';
import type { Manager } from '../../domain/admin-scope.js';
import type { AuditService } from '../audit.js';
import type { MediaService } from '../media/media-service.js';
import { importCarriedMedia, importDeviceExport, type ImportContext } from './device-import.js';

/** What importing a device export needs: the push's writer, the media store and the audit log (media receipts). */
export interface DeviceExportDeps {
  deviceImport: ImportContext;
  media: Pick<MediaService, 'importCarried'>;
  audit: Pick<AuditService, 'record'>;
}

export type DeviceExportUseCases = ReturnType<typeof deviceExportUseCases>;

/** The rescue path (a device export file, carried by hand) as the route and the CLI call it. */
export function deviceExportUseCases(deps: DeviceExportDeps) {
  return {
    /** Imports the file's records in one transaction (the caller's audit entry joins it). */
    importRecords: (input: unknown, importedBy: string, manager: Manager): DeviceImportReport =>
      importDeviceExport(deps.deviceImport, input, importedBy, manager),
    /**
     * Stores the photos and files the file carried, once their records are in (each with its own audit entry);
     * the report's `media` says what was stored, already there or refused (kept with the import's report).
     */
    async importMedia(report: DeviceImportReport, input: Pick<DeviceExport, 'media'>): Promise<DeviceImportReport> {
      return importCarriedMedia(deps, report, input.media ?? []);
    },
  };
}
