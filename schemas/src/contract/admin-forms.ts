/** The API contract: admin forms routes (server/src/routes/admin/forms.ts). */
import { adminFormListSchema, formChangeResultSchema, formDefinitionSchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

const versionParams = {
  type: 'object',
  additionalProperties: false,
  required: ['formId', 'version'],
  properties: {
    formId: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.\\-]{0,63}$' },
    version: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;

export const getAdminForms = defineRoute({
  method: 'GET',
  url: '/api/admin/forms',
  tags: ['admin'],
  summary: 'Every form version (published and retired) with how many records used it',
  response: { 200: ref(adminFormListSchema), ...errors(401, 403) },
});

export const postAdminForms = defineRoute({
  method: 'POST',
  url: '/api/admin/forms',
  tags: ['admin'],
  summary: 'Publish a form version from its JSON definition (versions are immutable)',
  body: ref(formDefinitionSchema),
  response: {
    200: ref(formChangeResultSchema),
    201: ref(formChangeResultSchema),
    ...errors(400, 401, 403, 409, 413),
  },
});

export const postAdminFormsByFormIdByVersionRetire = defineRoute({
  method: 'POST',
  url: '/api/admin/forms/:formId/:version/retire',
  tags: ['admin'],
  summary: 'Retire a version: no longer offered for new records, kept for records captured with it',
  params: versionParams,
  response: { 200: ref(formChangeResultSchema), ...errors(400, 401, 403, 404) },
});
