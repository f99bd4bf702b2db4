/** The API contract: admin form import routes (server/src/routes/admin/form-import.ts). */
import { formImportQuerySchema, formImportResponseSchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

const FORM_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const DESCRIPTION = `Upload an XLSForm workbook as the raw request body, with \`Content-Type: ${XLSX_MEDIA_TYPE}\`
(or \`application/octet-stream\`), at most ${FORM_UPLOAD_MAX_BYTES / 1024 / 1024} MB.

Without \`publish=true\` the workbook is only checked. With it, the form is published as a new immutable version
that devices pull; the same version with the same content again is a no-op (\`unchanged\`), with other content a
**409 \`already-exists\`** (give it a new version).

A workbook with problems gets **400 \`validation-failed\`** with every problem in \`details\`
(\`{sheet, row, column, message}\`), and nothing is imported.`;

export const postAdminFormsImport = defineRoute({
  method: 'POST',
  url: '/api/admin/forms/import',
  tags: ['admin'],
  summary: 'Check or publish an XLSForm workbook (.xlsx)',
  description: DESCRIPTION,
  consumes: [XLSX_MEDIA_TYPE, 'application/octet-stream'],
  querystring: ref(formImportQuerySchema),
  response: { 200: ref(formImportResponseSchema), ...errors(400, 401, 403, 409, 413, 415) },
});
