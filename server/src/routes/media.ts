import * as contract from '@kusanya/schemas/contract/media';
import type { User } from '@kusanya/schemas';
import { Metadata } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit, audited } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import { route } from '../plugins/contract.js';
import { sendMedium } from './media-reply.js';
import { claimOf, type TusUploads } from '../plugins/tus-uploads.js';
import { ANY_EXPORT_ROLE } from '../usecases/exports/run-export.js';
import type { MediaService } from '../usecases/media/media-service.js';

/** Whoever reads records reads their media (the record's policy decides which; administrators read no records). */
const READERS: readonly User['role'][] = ['enumerator', 'supervisor', 'grievance_officer', 'hq'];
/** Records are captured, and their files sent, by enumerators and supervisors (the push's roles). */
const SENDERS: readonly User['role'][] = ['enumerator', 'supervisor'];

/**
 * Media of records (issue 15): the tus endpoint devices upload to, what a record's media are and which arrived,
 * and the files themselves, read under the record's policy and audited. The plugin gets the media use cases and
 * the tus uploads, nothing else.
 */
export async function mediaRoutes(
  app: FastifyInstance,
  { media, uploads }: { media: MediaService; uploads: TusUploads },
) {
  // tus PATCH bodies stream to the file store as they arrive; Fastify must not read them.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  /**
   * The tus routes: the caller's right to make the request is checked here, before any byte is stored, then the
   * request is handed to @tus/server, which answers on the raw response (ARCHITECTURE.md: the tus exception).
   */
  const tus = async (request: FastifyRequest, reply: FastifyReply) => {
    const user = caller(request).user;
    const id = (request.params as { id?: string }).id;
    if (request.method === 'POST') {
      const claim = claimOf(Metadata.parse(String(request.headers['upload-metadata'] ?? '')));
      const length = request.headers['upload-length'];
      // The start is recorded with its claim (a refusal by tus after it is recorded too, by the audit hook).
      audited(
        request,
        (scope) => {
          media.checkUploadStart(user, claim, length === undefined ? null : Number(length));
          scope.note({ action: 'media.upload.start', target: claim.submissionId, details: { sha256: claim.sha256 } });
        },
        201,
      );
    } else {
      const upload = id ? await uploads.find(id) : null;
      const claim = upload ? claimOf(upload.metadata) : {};
      const check = () => media.checkUploadOwner(user, claim);
      if (request.method === 'HEAD') check();
      else
        audited(
          request,
          (scope) => {
            check();
            scope.note({ action: `media.upload.${request.method.toLowerCase()}`, target: claim.submissionId ?? '' });
          },
          204,
        );
    }
    reply.hijack();
    await uploads.server.handle(request.raw, reply.raw);
  };
  const senders = { config: { roles: SENDERS } };
  route(app, contract.postMediaUploads, senders, tus);
  // A HEAD of its own (not a GET's): documented like the others.
  route(app, contract.headMediaUploadsById, { config: { roles: SENDERS, swagger: { exposeHeadRoute: true } } }, tus);
  route(app, contract.patchMediaUploadsById, senders, tus);
  route(app, contract.deleteMediaUploadsById, senders, tus);

  route(app, contract.getMediaExportZip, { config: { roles: ANY_EXPORT_ROLE } }, async (request, reply) => {
    const formId = request.query.form ?? null;
    const zip = media.exportZip(caller(request).user, { formId });
    void zip.done.then(
      (counts) => audit(request, 'export.media', { form: formId, ...counts }),
      () => undefined,
    );
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="kusanya-media-${formId ?? 'all'}-${stamp}.zip"`)
      .header('cache-control', 'private, no-store')
      .send(zip.stream);
  });

  route(app, contract.getMediaRecordsById, { config: { roles: READERS } }, async (request) =>
    media.stateOf(caller(request).user, request.params.id),
  );

  route(app, contract.getMediaRecordsByIdFilesByName, { config: { roles: READERS } }, async (request, reply) => {
    const { id, name } = request.params;
    const download = media.open(caller(request).user, id, name);
    audit(request, 'media.download', { submissionId: id, name, sha256: download.file.sha256 }, { target: id });
    return sendMedium(reply, download);
  });
}
