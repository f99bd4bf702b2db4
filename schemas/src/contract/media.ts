/**
 * The API contract: media of records (server/src/routes/media.ts, issue 15).
 *
 * The upload routes speak tus 1.0.0 (https://tus.io/protocols/resumable-upload): creation, resumption from the
 * last acknowledged byte (HEAD then PATCH), termination. They are declared here like every route (roles, policy,
 * OpenAPI), but their answers are written by @tus/server on the raw HTTP response (the one narrow exception to
 * "answers come from the contract", see ARCHITECTURE.md): the statuses below are tus's.
 */
import { mediaFileParamsSchema, recordMediaParamsSchema, recordMediaSchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

/** Where devices send media with tus. */
export const MEDIA_UPLOADS_PATH = '/api/media/uploads';

const uploadId = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64, description: 'The upload id the server gave at creation.' } },
} as const;
const tusAnswer = (status: number, description: string) => ({ [status]: { description, type: 'null' } }) as const;

export const postMediaUploads = defineRoute({
  method: 'POST',
  url: MEDIA_UPLOADS_PATH,
  tags: ['media'],
  summary: 'Start sending a photo, recording or file of a record (tus creation)',
  description:
    'Headers: `Tus-Resumable: 1.0.0`, `Upload-Length` (the file size the record names), `Upload-Metadata` with ' +
    '`submissionId` and `sha256` (base64, tus format). Only the record’s author sends its files, after the record ' +
    'itself; a file the server already holds answers 409 `already-exists` (the device marks it sent). Answers 201 ' +
    'with `Location` (the upload’s address).',
  response: {
    ...tusAnswer(201, 'Created: Location names the upload.'),
    ...errors(400, 401, 403, 404, 409, 413, 429),
  },
});

export const headMediaUploadsById = defineRoute({
  method: 'HEAD',
  url: `${MEDIA_UPLOADS_PATH}/:id`,
  tags: ['media'],
  summary: 'How many bytes of an upload the server holds (tus `Upload-Offset`): where to resume',
  params: uploadId,
  response: { ...tusAnswer(200, 'Upload-Offset and Upload-Length headers.'), ...errors(401, 403, 404) },
});

export const patchMediaUploadsById = defineRoute({
  method: 'PATCH',
  url: `${MEDIA_UPLOADS_PATH}/:id`,
  tags: ['media'],
  summary: 'Send the next bytes of an upload (`Content-Type: application/offset+octet-stream`, `Upload-Offset`)',
  description:
    'The last chunk is answered once the whole file has been checked against its SHA-256 and stored (never ' +
    'before): a device that got 204 for the last byte may forget the file. Bytes that do not match are removed ' +
    '(400 `checksum-mismatch`) and the device sends the file again.',
  params: uploadId,
  response: {
    ...tusAnswer(204, 'Upload-Offset: the bytes held now.'),
    ...errors(400, 401, 403, 404, 409, 413, 415),
  },
});

export const deleteMediaUploadsById = defineRoute({
  method: 'DELETE',
  url: `${MEDIA_UPLOADS_PATH}/:id`,
  tags: ['media'],
  summary: 'Abandon an upload (tus termination): its bytes are removed',
  params: uploadId,
  response: { ...tusAnswer(204, 'Removed.'), ...errors(401, 403, 404) },
});

export const getMediaExportZip = defineRoute({
  method: 'GET',
  url: '/api/media/export.zip',
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
  response: { 200: { type: 'string', format: 'binary' }, ...errors(400, 401, 403) },
});

export const getMediaRecordsById = defineRoute({
  method: 'GET',
  url: '/api/media/records/:id',
  tags: ['media'],
  summary: "A record's media: name, type, size, SHA-256, and whether each has arrived",
  description:
    'The device asks before uploading (a file already received is never sent again); the review screen shows ' +
    'which media are still coming (approval waits for them). Read under the same policy as the record.',
  params: ref(recordMediaParamsSchema),
  response: { 200: ref(recordMediaSchema), ...errors(400, 401, 403, 404) },
});

export const getMediaRecordsByIdFilesByName = defineRoute({
  method: 'GET',
  url: '/api/media/records/:id/files/:name',
  tags: ['media'],
  summary: 'One medium of a record (photos and recordings shown inline, anything else as a download)',
  description:
    "Served with the type its bytes show (never HTML, never sniffed by the browser), under the record's policy; " +
    'every download is audited.',
  params: ref(mediaFileParamsSchema),
  response: { 200: { type: 'string', format: 'binary' }, ...errors(400, 401, 403, 404) },
});
