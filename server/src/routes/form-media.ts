import * as contract from '@kusanya/schemas/contract/form-media';
import { route } from '../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { mediaType } from '../usecases/form-import.js';

/**
 * Form media for devices: the bytes of a file a form version lists (by its SHA-256), downloaded after the
 * form is pulled and kept on the tablet for offline use. Content-addressed, so it never changes: cached
 * for a year.
 */
export async function formMediaRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  route(
    app,
    contract.getFormsMediaBySha256,
    { config: { roles: ['enumerator', 'supervisor', 'grievance_officer', 'hq', 'admin'] } },
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
