import { FileStore } from '@tus/file-store';
import { Server, type ServerOptions } from '@tus/server';
import { MEDIA_UPLOADS_PATH } from '@kusanya/schemas';
import { mkdirSync } from 'node:fs';
import { v7 } from 'uuid';
import { AppError } from '../errors.js';
import type { MediaService, UploadClaim } from '../usecases/media/media-service.js';

/** An incomplete upload nobody continued for this long is removed (a device offline for weeks starts the file again). */
const EXPIRY_MS = 14 * 24 * 3600 * 1000;

/** Errors thrown from tus hooks become our error bodies (`{error: {code, message, details}}`). */
function asTusError(error: unknown): { status_code: number; body: string } | undefined {
  if (error instanceof AppError)
    return {
      status_code: error.statusCode,
      body: JSON.stringify({
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      }),
    };
  return undefined;
}

export function claimOf(metadata: Record<string, string | null> | undefined): Partial<UploadClaim> {
  return {
    ...(metadata?.['submissionId'] ? { submissionId: metadata['submissionId'] } : {}),
    ...(metadata?.['sha256'] ? { sha256: metadata['sha256'] } : {}),
  };
}

/**
 * The tus server (@tus/server with @tus/file-store): partial uploads in `directory` under generated ids (names a
 * device sends never become paths), resumable after a dropped connection, a closed app or a server restart (the
 * file store keeps each upload's offset and metadata on disk). A finished upload is checked and moved into the
 * content-addressed store before its last PATCH is answered.
 */
export function tusUploads(
  directory: string,
  media: MediaService,
  options: {
    respectForwardedHeaders: boolean;
    onReceived?: (claim: UploadClaim, received: { bytes: number; added: boolean; by: string | null }) => void;
  },
) {
  // The file store creates its folder in the background and throws from a callback when that fails (an uncaught
  // exception): the folder exists before it starts.
  mkdirSync(directory, { recursive: true });
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: EXPIRY_MS });
  const config: ServerOptions & { datastore: FileStore } = {
    path: MEDIA_UPLOADS_PATH,
    datastore,
    locker: undefined as never,
    maxSize: media.limits.fileBytes,
    relativeLocation: true,
    respectForwardedHeaders: options.respectForwardedHeaders,
    namingFunction: () => v7(),
    onResponseError: (_req, error) => asTusError(error),
    onUploadFinish: async (_req, upload) => {
      const claim = claimOf(upload.metadata);
      if (!upload.storage?.path || !claim.submissionId || !claim.sha256 || upload.size === undefined)
        throw new AppError('bad-request', 'This upload does not say which record and file it holds.');
      const full = { submissionId: claim.submissionId, sha256: claim.sha256 };
      await media.receive(upload.storage.path, full, upload.size, {
        ...(options.onReceived ? { onStored: (stored) => options.onReceived?.(full, stored) } : {}),
      });
      // The file store's own description of the upload goes too: the blob store holds the file now.
      await datastore.configstore.delete(upload.id);
      return {};
    },
  };
  const { locker: _locker, ...rest } = config;
  const server = new Server(rest);
  return {
    server,
    datastore,
    /** The upload behind an id, or null (expired, finished, never existed). */
    async find(id: string) {
      try {
        return await datastore.getUpload(id);
      } catch {
        return null;
      }
    },
    /** Removes incomplete uploads past their expiry. */
    cleanUp: () => server.cleanUpExpiredUploads(),
  };
}

export type TusUploads = ReturnType<typeof tusUploads>;
