import type {
  DeviceExport,
  DeviceImportReport,
  LinkedMedia,
  MediaFileState,
  RecordMedia,
  Submission,
  User,
} from '@kusanya/schemas';
import { mediaProblems, mediaRefsOf, type FoundMediaRef, type MediaLimits } from '@kusanya/shared/media/refs';
import { servedInline, servedType } from '@kusanya/shared/media/types';
import type { ReadStream } from 'node:fs';
import { mayReadRecordMedia, mayUploadRecordMedia } from '../../domain/media-access.js';
import type { Db } from '../../db/database.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import { mediaZip } from './media-export.js';
import type { BlobFacts, BlobStore } from '../../repositories/blob-store.js';
import type { MediaRepository } from '../../repositories/media.js';
import type { SubmissionsRepository } from '../../repositories/submissions.js';

export interface MediaDeps {
  db: Db;
  media: MediaRepository;
  submissions: SubmissionsRepository;
  blobs: BlobStore;
  locations: () => LocationTree;
  limits: MediaLimits;
  /** The per-user storage quota (issue 12): media count with the records' bytes, per UTC day and in all. */
  quota?: { dayBytes: number; totalBytes: number };
}

/** What an upload says it brings (tus `Upload-Metadata`): the record and the SHA-256 of the file. */
export interface UploadClaim {
  submissionId: string;
  sha256: string;
}

/** A medium a rescue file carries, and what importing them did. */
type CarriedMedium = NonNullable<DeviceExport['media']>[number];
type CarriedReport = NonNullable<DeviceImportReport['media']>;

/** A medium ready to be sent: its bytes, the type to send them as, and whether to show or download them. */
export interface MediaDownload {
  file: MediaFileState;
  stream: ReadStream;
  contentType: string;
  inline: boolean;
}

const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export type MediaService = ReturnType<typeof mediaService>;

/** What was stored of a medium that arrived whole, as its audit entry says it (`via`: how it came). */
export type StoredMedium = { bytes: number; added: boolean; by: string | null };

/** The audit entry of a medium stored on the server: whose, which bytes, new or already held, and how it came. */
export const receiptEntry = (claim: UploadClaim, stored: StoredMedium, via: 'upload' | 'device-export') => ({
  action: 'media.receive',
  outcome: 'success' as const,
  actorId: stored.by,
  target: claim.submissionId,
  details: { sha256: claim.sha256, bytes: stored.bytes, stored: stored.added ? 'new' : 'already held', via },
});

/**
 * Media of records (issue 15): which media a record references, who may read and send them, what arrives. The
 * record syncs as always; its media follow by tus uploads named by record and hash, and are stored by hash.
 */
export function mediaService(deps: MediaDeps) {
  /** A record the caller may read, or not-found (never telling whether a record they may not read exists). */
  const readable = (user: User, submissionId: string): Submission => {
    const record = deps.submissions.getMaster(submissionId);
    if (
      !record ||
      record._deleted ||
      !mayReadRecordMedia(deps.locations(), user, deps.submissions.access(submissionId))
    )
      throw new AppError('not-found', 'No such record.');
    return record;
  };

  /** The bytes of a received medium, with the type its bytes show (never HTML) and whether to show it inline. */
  const sendable = (file: MediaFileState): MediaDownload => {
    const contentType = servedType(file.servedAs ?? 'application/octet-stream', file.type);
    const inline = servedInline(contentType);
    return {
      file,
      stream: deps.blobs.open(file.sha256),
      contentType: inline ? contentType : 'application/octet-stream',
      inline,
    };
  };

  const service = {
    limits: deps.limits,

    /** The media of the records the user reads, as one ZIP streamed (Kobo's layout). */
    exportZip: (user: User, filter: { formId: string | null }) => mediaZip(deps, user, filter),

    /**
     * Inside the push transaction: the media the record's accepted version references replace the earlier ones
     * (with `kept`: files the record holds outside its answers, e.g. a Kobo photo no Kusanya question takes).
     */
    linkRecord(doc: Submission, kept: readonly FoundMediaRef[] = []): void {
      deps.media.linkRecord(doc.id, [...mediaRefsOf(doc.data), ...kept]);
    },

    /** The media a record references and which have arrived (the device skips those; review waits for the rest). */
    stateOf(user: User, submissionId: string): RecordMedia {
      readable(user, submissionId);
      const files = deps.media.ofRecord(submissionId);
      return { submissionId, files, missing: files.filter((f) => !f.received).length };
    },

    /**
     * The media of these records that the user may read (each record under its own policy), newest record first:
     * what a household page and a grievance ticket show beside their own facts.
     */
    readableOf(user: User, records: readonly { id: string; at: string }[]): LinkedMedia[] {
      const tree = deps.locations();
      return [...records]
        .sort((a, b) => b.at.localeCompare(a.at))
        .filter((r) => mayReadRecordMedia(tree, user, deps.submissions.access(r.id)))
        .flatMap((r) => deps.media.ofRecord(r.id).map((file) => ({ submissionId: r.id, at: r.at, file })));
    },

    /** How many media of a record are still to arrive (approval waits for them). */
    missing: (submissionId: string): number => deps.media.missing(submissionId),

    /** Opens one received medium of a record for the caller (read under the record's policy). */
    open(user: User, submissionId: string, name: string): MediaDownload {
      readable(user, submissionId);
      const file = deps.media.file(submissionId, name);
      if (!file) throw new AppError('not-found', 'This record has no file by that name.');
      if (!file.received || !file.servedAs)
        throw new AppError('not-found', `${name} has not arrived from the tablet yet.`, [{ missing: true }]);
      return sendable(file);
    },

    /** A received medium, ready to be sent (the caller checked the right to read its record). */
    sendable,

    /** Where imported files go (a Kobo media ZIP): the same content-addressed store. */
    blobs: deps.blobs,

    /** Records files an import put in the store, in one transaction (no device sent them: nobody's usage grows). */
    recordImported(files: readonly BlobFacts[], at: Date): void {
      deps.db
        .transaction(() => {
          for (const facts of files)
            deps.media.addBlob({
              sha256: facts.sha256,
              size: facts.size,
              servedAs: facts.sniffed,
              receivedAt: at.toISOString(),
              receivedBy: null,
            });
        })
        .immediate();
    },

    /** The media a record references, each with whether it arrived (the caller checked the right to read it). */
    filesOf: (submissionId: string): MediaFileState[] => deps.media.ofRecord(submissionId),

    /**
     * Whether the caller may start sending this file: the record is on the server and is theirs, it references a
     * file with this hash, the announced length is that file's size, and the file and the record keep within the
     * limits. A file already received is not taken again (409 `already-exists`: the device marks it sent).
     */
    checkUploadStart(user: Pick<User, 'id'>, claim: Partial<UploadClaim>, length: number | null): void {
      if (!claim.submissionId || !UUID.test(claim.submissionId) || !claim.sha256 || !SHA256.test(claim.sha256))
        throw new AppError('bad-request', 'An upload must name its record (submissionId) and its SHA-256 (sha256).');
      const record = deps.submissions.getMaster(claim.submissionId);
      if (!record || record._deleted)
        throw new AppError('not-found', 'The record of this file is not on the server yet: send the record first.');
      if (!mayUploadRecordMedia(user, record))
        throw new AppError('out-of-scope', 'Only the enumerator who captured a record sends its files.');
      const refs = mediaRefsOf(record.data);
      const ref = refs.find((r) => r.ref.sha256 === claim.sha256);
      if (!ref) throw new AppError('not-found', 'The record does not reference a file with this SHA-256.');
      if (length !== null && length !== ref.ref.size)
        throw new AppError(
          'bad-request',
          `${ref.ref.name} is ${ref.ref.size} bytes in the record, the upload announces ${length}.`,
        );
      const problems = mediaProblems(refs, deps.limits).filter((p) => p.code !== 'duplicate-name');
      if (problems.length > 0)
        throw new AppError(
          'payload-too-large',
          problems.map((p) => p.message).join(' '),
          problems.map((p) => ({ path: p.field, message: p.message })),
        );
      if (deps.media.blob(claim.sha256) && deps.blobs.has(claim.sha256))
        throw new AppError('already-exists', `${ref.ref.name} is already on the server.`, [{ received: true }]);
      if (deps.quota) {
        const used = deps.submissions.usage(user.id, new Date().toISOString().slice(0, 10));
        const size = ref.ref.size;
        if (used.total + size > deps.quota.totalBytes)
          throw new AppError(
            'storage-quota-exceeded',
            `Your records and files would take ${mb(used.total + size)} on the server, more than the ${mb(deps.quota.totalBytes)} one account may keep. The file waits on the tablet; ask your administrator.`,
          );
        if (used.day + size > deps.quota.dayBytes)
          throw new AppError(
            'quota-exceeded',
            `You sent ${mb(used.day)} today; this file would pass the ${mb(deps.quota.dayBytes)} one account may send in a day. It waits on the tablet and goes tomorrow.`,
          );
      }
    },

    /** Whether the caller may continue (or look at) an upload they started. */
    checkUploadOwner(user: User, claim: Partial<UploadClaim>): void {
      const record = claim.submissionId ? deps.submissions.getMaster(claim.submissionId) : null;
      if (!record) throw new AppError('not-found', 'No such upload.');
      if (!mayUploadRecordMedia(user, record))
        throw new AppError('out-of-scope', 'Only the enumerator who captured a record sends its files.');
    },

    /**
     * A finished upload: checked against its hash and moved into the store, then recorded (both before the device
     * gets its acknowledgement). Bytes that do not match are removed and refused (nothing half-stored).
     */
    async receive(
      file: string,
      claim: UploadClaim,
      size: number,
      options: { at?: Date; onStored?: (stored: StoredMedium) => void } = {},
    ) {
      const at = options.at ?? new Date();
      const by = deps.submissions.getMaster(claim.submissionId)?.meta.enumeratorId ?? null;
      const facts = await deps.blobs.ingest(file, { sha256: claim.sha256, size });
      // The blob's row, the author's usage and the audit entry commit together.
      const added = deps.db
        .transaction(() => {
          const isNew = deps.media.addBlob({
            sha256: facts.sha256,
            size: facts.size,
            servedAs: facts.sniffed,
            receivedAt: at.toISOString(),
            receivedBy: by,
          });
          if (isNew && by) deps.submissions.addUsage(by, at.toISOString().slice(0, 10), facts.size);
          options.onStored?.({ bytes: facts.size, added: isNew, by });
          return isNew;
        })
        .immediate();
      return { ...facts, added, by };
    },

    /**
     * The media a rescue file carried (issue 15), after its records were imported: each is checked as an upload
     * of its record's author would be (the record references it, limits, quota), then against its hash, and
     * stored. Answers what was stored, already there, or refused and why.
     */
    async importCarried(
      owner: Pick<User, 'id'>,
      items: readonly CarriedMedium[],
      onStored?: (claim: UploadClaim, stored: StoredMedium) => void,
    ): Promise<CarriedReport> {
      const report: CarriedReport = { stored: 0, alreadyThere: 0, refused: [] };
      for (const item of items) {
        const claim = { submissionId: item.submissionId, sha256: item.sha256 };
        const bytes = Buffer.from(item.base64, 'base64');
        try {
          service.checkUploadStart(owner, claim, bytes.length);
          await service.receive(deps.blobs.writeIncoming(bytes), claim, bytes.length, {
            ...(onStored ? { onStored: (stored) => onStored(claim, stored) } : {}),
          });
          report.stored += 1;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (error.code === 'already-exists') report.alreadyThere += 1;
          else report.refused.push({ submissionId: item.submissionId, name: item.name, reason: error.message });
        }
      }
      return report;
    },
  };
  return service;
}
