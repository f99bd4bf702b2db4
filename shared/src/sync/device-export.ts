/**
 * The device export file ("Export unsynced records", DESIGN.md §6): what goes in it and how its checksum is
 * computed, identically on the device (Web Crypto) and on the server (node:crypto).
 */
import type { DeviceExport, Submission } from '@kusanya/schemas';
import { canonicalJson } from './protocol.js';

export type DeviceExportRecord = DeviceExport['records'][number];

/** The text whose SHA-256 is the checksum: the canonical JSON of the file without its `checksum`. */
export function checksumPayload(file: Omit<DeviceExport, 'checksum'> & { checksum?: string }): string {
  const { checksum: _ignored, ...rest } = file;
  return canonicalJson(rest);
}

export const checksumOf = (sha256Hex: string) => `sha256:${sha256Hex}`;

/**
 * The revision of the server's state a device last saw for a record it holds. Devices never change `rev`
 * (the server bumps it on every accepted write), so a record's own `rev` is the revision its edit is based
 * on — except a record created on the device and never acknowledged (rev 1, still "submitted"), which the
 * server may never have seen: it is pushed as new (null), exactly as the sync would push it.
 */
export function assumedRevOf(doc: Pick<Submission, 'rev' | 'status'>): number | null {
  return doc.rev <= 1 && doc.status === 'submitted' ? null : doc.rev;
}

/** Records a device still has to send: everything the enumerator finalised or corrected and the server has not confirmed. */
export const isUnsynced = (doc: Pick<Submission, 'status'>) => doc.status === 'submitted';

/** A suggested file name: who, when, how many. */
export function exportFileName(username: string, exportedAt: string, count: number): string {
  const stamp = exportedAt.slice(0, 16).replace(/[:T]/g, '-');
  return `kusanya-${username.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}-${count}.json`;
}
