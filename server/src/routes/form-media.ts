import * as contract from '@kusanya/schemas/contract/form-media';
import { route } from '../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import type { FormUseCases } from '../usecases/form-admin.js';
import { mediaType } from '../usecases/form-import.js';

/**
 * Form media for devices: the bytes of a file a form version lists (by its SHA-256), downloaded after the
 * form is pulled and kept on the tablet for offline use. Content-addressed, so it never changes: cached
 * for a year. The plugin receives the forms' use cases, nothing else.
 */
export async function formMediaRoutes(app: FastifyInstance, { forms }: { forms: Pick<FormUseCases, 'listedMedia'> }) {
  route(
    app,
    contract.getFormsMediaBySha256,
    { config: { roles: ['enumerator', 'supervisor', 'grievance_officer', 'hq', 'admin'] } },
    async (request, reply) => {
      const { sha256 } = request.params;
      const content = forms.listedMedia(sha256);
      if (!content) throw new AppError('not-found', 'No form lists this file.');
      return reply
        .header('content-type', request.query.name ? mediaType(request.query.name) : 'application/octet-stream')
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${sha256}"`)
        .send(content);
    },
  );
}
