import {
  errorBodySchema,
  mediaFileParamsSchema,
  recordMediaParamsSchema,
  recordMediaSchema,
  type MediaFileParams,
  type RecordMediaParams,
  type User,
} from '@kusanya/schemas';
import { Metadata } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { audit, noteAudit } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import { claimOf, UPLOADS_PATH, type TusUploads } from '../media/tus-uploads.js';
import { ANY_EXPORT_ROLE } from '../services/exports/run-export.js';
import { mediaZip } from '../services/media/media-export.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));

/** Everyone who reads records reads their media (the record's policy decides which); authors send them. */
const READERS: readonly User['role'][] = ['enumerator', 'supervisor', 'grievance_officer', 'hq', 'admin'];

/** A file name for Content-Disposition: no quotes, no control characters, no path. */
const dispositionName = (name: string) => encodeURIComponent(name.replace(/[\p{C}"\\/]/gu, '').slice(0, 200) || 'file');

/**
 * Media of records (issue 15): the tus endpoint devices upload to, what a record's media are and which arrived,
 * and the files themselves, read under the record's policy and audited.
 */
export async function mediaRoutes(app: FastifyInstance, { ctx, uploads }: { ctx: AppContext; uploads: TusUploads }) {
  const media = ctx.media;

  // tus PATCH bodies stream to the file store as they arrive; Fastify must not read them.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  /** Hands the request to the tus server once the caller may make it (checked here, before any byte is stored). */
  const tus = async (request: FastifyRequest<{ Params: { id?: string } }>, reply: FastifyReply) => {
    const user = caller(request).user;
    if (request.method === 'POST') {
      const claim = claimOf(Metadata.parse(String(request.headers['upload-metadata'] ?? '')));
      const length = request.headers['upload-length'];
      media.checkUploadStart(user, claim, length === undefined ? null : Number(length));
      noteAudit(request, {
        action: 'media.upload.start',
        target: claim.submissionId ?? '',
        details: { sha256: claim.sha256 },
      });
    } else if (request.params.id) {
      const upload = await uploads.find(request.params.id);
      const claim = upload ? claimOf(upload.metadata) : {};
      media.checkUploadOwner(user, claim);
      noteAudit(request, { action: `media.upload.${request.method.toLowerCase()}`, target: claim.submissionId ?? '' });
    }
    reply.hijack();
    await uploads.server.handle(request.raw, reply.raw);
  };

  const tusRoute = {
    config: { roles: ['enumerator', 'supervisor', 'grievance_officer', 'hq', 'admin'] as User['role'][] },
    schema: { hide: true },
  };
  app.route({ method: ['POST', 'OPTIONS'], url: UPLOADS_PATH, ...tusRoute, handler: tus });
  app.route({ method: ['HEAD', 'PATCH', 'DELETE'], url: `${UPLOADS_PATH}/:id`, ...tusRoute, handler: tus });

  app.get<{ Querystring: { form?: string } }>(
    '/api/media/export.zip',
    {
      config: { roles: ANY_EXPORT_ROLE },
      schema: {
        tags: ['media', 'exports'],
        summary: 'The media of the records you read, as one ZIP (one folder per record), streamed',
        description:
          "Kobo's layout: `<form>/<record id>/<file name>`, with `media.csv` listing each file (record, question, " +
          'bytes, SHA-256). Limited to the records your role and areas read; written to the audit log.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { form: { type: 'string', maxLength: 64, description: 'Only this form’s records.' } },
        },
        response: { 200: { type: 'string', format: 'binary' }, ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      const user = caller(request).user;
      const formId = request.query.form ?? null;
      const zip = mediaZip(ctx.mediaExport, user, { formId });
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
    },
  );

  app.get<{ Params: RecordMediaParams }>(
    '/api/media/records/:id',
    {
      config: { roles: READERS },
      schema: {
        tags: ['media'],
        summary: "A record's media: name, type, size, SHA-256, and whether each has arrived",
        description:
          'The device asks before uploading (a file already received is never sent again); the review screen shows ' +
          'which media are still coming (approval waits for them). Read under the same policy as the record.',
        params: ref(recordMediaParamsSchema),
        response: { 200: ref(recordMediaSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => media.stateOf(caller(request).user, request.params.id),
  );

  app.get<{ Params: MediaFileParams }>(
    '/api/media/records/:id/files/:name',
    {
      config: { roles: READERS },
      schema: {
        tags: ['media'],
        summary: 'One medium of a record (photos and recordings shown inline, anything else as a download)',
        description:
          "Served with the type its bytes show (never HTML, never sniffed by the browser), under the record's policy; " +
          'every download is audited.',
        params: ref(mediaFileParamsSchema),
        response: { 200: { type: 'string', format: 'binary' }, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = caller(request).user;
      const { id, name } = request.params;
      const download = media.open(user, id, name);
      audit(request, 'media.download', { submissionId: id, name, sha256: download.file.sha256 }, { target: id });
      return reply
        .header('content-type', download.contentType)
        .header('content-length', download.file.size)
        .header(
          'content-disposition',
          `${download.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${dispositionName(download.file.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(download.stream);
    },
  );
}
