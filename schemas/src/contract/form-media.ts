/** The API contract: form media routes (server/src/routes/form-media.ts). */

import { defineRoute, errors } from './define.js';

export const getFormsMediaBySha256 = defineRoute({
  method: 'GET',
  url: '/api/forms/media/:sha256',
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
});
