/** The API contract: admin form import routes (server/src/routes/admin/form-import.ts). */
import { formImportQuerySchema, formImportResponseSchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

const FORM_WITH_MEDIA_MAX_BYTES = 64 * 1024 * 1024;

const FORM_MEDIA_MAX_BYTES = 20 * 1024 * 1024;

const FORM_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const WORKBOOK_MEDIA_TYPES = [
  XLSX_MEDIA_TYPE,
  'application/vnd.ms-excel',
  'application/vnd.ms-excel.sheet.macroEnabled.12',
  'application/octet-stream',
];

const DESCRIPTION = `Upload an XLSForm workbook (\`.xlsx\`, \`.xlsm\` or \`.xls\`) as the raw request body, with
\`Content-Type: ${XLSX_MEDIA_TYPE}\` (or \`application/vnd.ms-excel\`, or \`application/octet-stream\`), at most
${FORM_UPLOAD_MAX_BYTES / 1024 / 1024} MB. A workbook that expands beyond the reader's limits (40 MB of sheets, 400,000
cells) is refused with **413 \`workbook-too-large\`** before it is parsed.

Without \`publish=true\` the workbook is only checked: the answer then carries the form's \`definition\` as devices
would receive it (the admin screen previews it), and nothing is stored. With it, the form is published as a new immutable version
that devices pull; the same version with the same content again is a no-op (\`unchanged\`), with other content a
**409 \`already-exists\`** (give it a new version).

A workbook with problems gets **400 \`validation-failed\`** with every problem in \`details\`
(\`{sheet, row, column, message}\`), and nothing is imported.

**With form media** (CSV lists for \`select_one_from_file\`, \`pulldata()\` and \`search()\`, XML or GeoJSON
instances, label images and audio): send \`multipart/form-data\` with the workbook in the field \`workbook\` and each
file in a field \`media\` (its file name is its name in the form), at most ${FORM_MEDIA_MAX_BYTES / 1024 / 1024} MB a file
and ${FORM_WITH_MEDIA_MAX_BYTES / 1024 / 1024} MB in all. The files become part of the version (listed in its
definition by name, type, size and SHA-256); devices download them with the form.`;

export const postAdminFormsImport = defineRoute({
  method: 'POST',
  url: '/api/admin/forms/import',
  tags: ['admin'],
  summary: 'Check or publish an XLSForm workbook (.xlsx, .xls)',
  description: DESCRIPTION,
  consumes: [...WORKBOOK_MEDIA_TYPES, 'multipart/form-data'],
  querystring: ref(formImportQuerySchema),
  response: { 200: ref(formImportResponseSchema), ...errors(400, 401, 403, 409, 413, 415) },
});
