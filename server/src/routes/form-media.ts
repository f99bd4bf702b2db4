import { errorBodySchema } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { mediaType } from '../services/form-import.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));

/**
 * Form media for devices: the bytes of a file a form version lists (by its SHA-256), downloaded after the
 * form is pulled and kept on the tablet for offline use. Content-addressed, so it never changes: cached
 * for a year.
 */
export async function formMediaRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get<{ Params: { sha256: string }; Querystring: { name?: string } }>(
    '/api/forms/media/:sha256',
    {
      config: { roles: ['enumerator', 'supervisor', 'grievance_officer', 'hq', 'admin'] },
      schema: {
        tags: ['sync'],
        summary: 'Download a form media file (CSV list, image, audio…) by its SHA-256',
        description:
          'Every file a published form version lists in `definition.media` (name, type, size, sha256). Files are immutable.',
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['sha256'],
          properties: { sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { name: { type: 'string', maxLength: 255, description: 'The file name, for its type.' } },
        },
        response: { 200: { type: 'string', format: 'binary' }, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params;
      const content = ctx.forms.listedMedia(sha256);
      if (!content) throw new AppError('not-found', 'No form lists this file.');
      return reply
        .header('content-type', request.query.name ? mediaType(request.query.name) : 'application/octet-stream')
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${sha256}"`)
        .send(content);
    },
  );
}
