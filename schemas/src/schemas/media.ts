import { ID_BASE, uuid } from './common.js';

/** A SHA-256 digest in lower-case hex: how a medium is named on the server (content-addressed). */
export const sha256Hex = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;

/**
 * The answer of a media question (photo, signature, recording, video, file): the record references its file by
 * name, type, size and SHA-256; the bytes upload separately, resumably (tus), and the server stores them by hash.
 * The name is a plain file name, never a path: no slashes, no control characters, no leading dot.
 */
export const mediaRefSchema = {
  $id: `${ID_BASE}media-ref.json`,
  title: 'MediaRef',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type', 'size', 'sha256'],
  properties: {
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      pattern: '^[^./\\\\\\u0000-\\u001f\\u007f][^/\\\\\\u0000-\\u001f\\u007f]*$',
      description: 'File name as the device named it (e.g. `id_front-0193f6c2.jpg`), unique within the record.',
    },
    type: {
      type: 'string',
      maxLength: 127,
      pattern: '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$',
      description: 'Media type the device declared (`image/jpeg`, `audio/webm`, `application/pdf`).',
    },
    size: { type: 'integer', minimum: 1, maximum: 4294967295, description: 'Bytes.' },
    sha256: { ...sha256Hex, description: 'SHA-256 of the bytes: what the server checks on arrival.' },
  },
} as const;

/** One medium of a record as the server holds it. */
export const mediaFileStateSchema = {
  $id: `${ID_BASE}media-file-state.json`,
  title: 'MediaFileState',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type', 'size', 'sha256', 'field', 'received'],
  properties: {
    name: { type: 'string' },
    type: { type: 'string', description: 'What the device declared.' },
    size: { type: 'integer' },
    sha256: sha256Hex,
    field: { type: 'string', description: 'Where the record references it (`id_photo`, `members[1].photo`).' },
    received: { type: 'boolean', description: 'The bytes arrived and matched their hash.' },
    servedAs: {
      type: 'string',
      description: 'The type the server serves once received (from the bytes, never from the name).',
    },
  },
} as const;

/**
 * A medium of a record shown with something the record fed (a household's photos, a ticket's submission): which
 * record, when it was received, and the medium's state. Only media of records the reader may read are listed.
 */
export const linkedMediaSchema = {
  $id: `${ID_BASE}linked-media.json`,
  title: 'LinkedMedia',
  type: 'object',
  additionalProperties: false,
  required: ['submissionId', 'at', 'file'],
  properties: {
    submissionId: uuid,
    at: { type: 'string', description: 'When the server received the record (ISO 8601).' },
    file: { $ref: `${ID_BASE}media-file-state.json` },
  },
} as const;

/** GET /api/media/records/{id}: which media a record references and which have arrived. */
export const recordMediaSchema = {
  $id: `${ID_BASE}record-media.json`,
  title: 'RecordMedia',
  type: 'object',
  additionalProperties: false,
  required: ['submissionId', 'files', 'missing'],
  properties: {
    submissionId: uuid,
    files: { type: 'array', items: { $ref: `${ID_BASE}media-file-state.json` } },
    missing: { type: 'integer', minimum: 0, description: 'How many referenced media have not arrived yet.' },
  },
} as const;

export const recordMediaParamsSchema = {
  $id: `${ID_BASE}record-media-params.json`,
  title: 'RecordMediaParams',
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: uuid },
} as const;

export const mediaFileParamsSchema = {
  $id: `${ID_BASE}media-file-params.json`,
  title: 'MediaFileParams',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: { id: uuid, name: { type: 'string', minLength: 1, maxLength: 255 } },
} as const;

/**
 * A medium kept on the tablet (device-local, never synced as a document): the reference its record holds, the
 * record it belongs to, and whether the server has acknowledged the bytes. The bytes are the document's encrypted
 * attachment; they are never deleted before the server has them.
 */
export const deviceMediaSchema = {
  $id: `${ID_BASE}device-media.json`,
  title: 'DeviceMedia',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'submissionId', 'name', 'type', 'size', 'sha256', 'field', 'createdAt', 'state'],
  properties: {
    id: { type: 'string', maxLength: 300, description: '`<submissionId>/<name>`' },
    submissionId: uuid,
    name: { type: 'string', minLength: 1, maxLength: 255 },
    type: { type: 'string', maxLength: 127 },
    size: { type: 'integer', minimum: 1 },
    sha256: sha256Hex,
    field: { type: 'string', maxLength: 512, description: 'The question it answers (`id_photo`).' },
    createdAt: { type: 'integer', minimum: 0 },
    state: {
      type: 'string',
      enum: ['local', 'sent'],
      description: '`sent` once the server acknowledged the whole file (or said it already had it).',
    },
  },
} as const;
