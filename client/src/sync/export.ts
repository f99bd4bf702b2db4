/**
 * "Export unsynced records": the rescue path when a tablet cannot sync. Writes every record still waiting to
 * be sent into a JSON file with a checksum, which an administrator imports on the server
 * (`npm run cli -- import-device-export FILE`, or the upload in the administration screens).
 */
import { DEVICE_EXPORT_FORMAT, type DeviceExport, type Submission, type User } from '@kusanya/schemas';
import {
  assumedRevOf,
  checksumOf,
  checksumPayload,
  exportFileName,
  isUnsynced,
} from '@kusanya/shared/sync/device-export';
import { APP_VERSION } from '../app/version.js';
import type { KusanyaDatabase } from '../db/database.js';
import type { DeviceMediaStore } from '../media/device-media.js';
import { saveBlob } from '../ui/save-file.js';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The records on this device the server has not confirmed (waiting in the outbox). */
export async function unsyncedRecords(db: KusanyaDatabase): Promise<Submission[]> {
  const docs = await db.submissions.find({ selector: { status: 'submitted' }, sort: [{ updatedAt: 'asc' }] }).exec();
  return docs.map((d) => ({ ...(d.toJSON() as Omit<Submission, '_deleted'>), _deleted: false })).filter(isUnsynced);
}

export async function buildDeviceExport(
  db: KusanyaDatabase,
  user: Pick<User, 'id' | 'username'>,
  deviceId: string,
  media: DeviceMediaStore | null,
  now = new Date(),
): Promise<DeviceExport> {
  return exportRecords(await unsyncedRecords(db), user, deviceId, media, now);
}

/**
 * A file of the given records (one record from its page, or every unsent one), in the device export format, with
 * the photos and files they reference (when the tablet holds them).
 */
export async function exportRecords(
  docs: readonly Submission[],
  user: Pick<User, 'id' | 'username'>,
  deviceId: string,
  media: DeviceMediaStore | null,
  now = new Date(),
): Promise<DeviceExport> {
  const records = docs.map((doc) => ({ assumedRev: assumedRevOf(doc), doc }));
  const carried = media ? await media.carried(docs) : [];
  const file = {
    format: DEVICE_EXPORT_FORMAT as DeviceExport['format'],
    formatVersion: 1 as const,
    exportedAt: now.toISOString(),
    appVersion: APP_VERSION,
    deviceId,
    user: { id: user.id, username: user.username },
    records,
    ...(carried.length > 0 ? { media: carried } : {}),
  };
  return { ...file, checksum: checksumOf(await sha256Hex(checksumPayload(file))) };
}

/** Hands the file to the browser as a download (saved in the tablet's Downloads folder). */
export function downloadExport(file: DeviceExport): string {
  const name = exportFileName(file.user.username, file.exportedAt, file.records.length);
  saveBlob(new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' }), name);
  return name;
}
