import { ID_BASE, isoDateTime, uuid } from './common.js';
import { sha256Hex } from './media.js';

export const DEVICE_EXPORT_FORMAT = 'kusanya-device-export';

/**
 * "Export unsynced records": a file an enumerator carries (e.g. on a USB stick) when a tablet cannot sync.
 * An administrator imports it on the server through the same push logic as a sync (idempotent, scoped).
 * `checksum` is `sha256:` + the SHA-256 (hex) of the canonical JSON (sorted keys) of the file without `checksum`.
 */
export const deviceExportSchema = {
  $id: `${ID_BASE}device-export.json`,
  title: 'DeviceExport',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'formatVersion', 'exportedAt', 'appVersion', 'deviceId', 'user', 'records', 'checksum'],
  properties: {
    format: { type: 'string', enum: [DEVICE_EXPORT_FORMAT] },
    formatVersion: { type: 'integer', enum: [1] },
    exportedAt: isoDateTime,
    appVersion: { type: 'string', maxLength: 64 },
    deviceId: { type: 'string', minLength: 1, maxLength: 128 },
    user: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'username'],
      properties: { id: uuid, username: { type: 'string', maxLength: 64 } },
    },
    records: {
      type: 'array',
      maxItems: 50000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['assumedRev', 'doc'],
        properties: {
          assumedRev: {
            type: ['integer', 'null'],
            minimum: 0,
            description:
              'The server revision the device last saw of this record; null if the server never acknowledged it.',
          },
          doc: { $ref: `${ID_BASE}submission.json` },
        },
      },
    },
    media: {
      type: 'array',
      maxItems: 20000,
      description:
        'The photos, signatures, recordings and files of these records (issue 15), their bytes in base64. Imported ' +
        'after the records: each is checked against its SHA-256 and stored as if uploaded by the tablet.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['submissionId', 'name', 'type', 'size', 'sha256', 'base64'],
        properties: {
          submissionId: uuid,
          name: { type: 'string', minLength: 1, maxLength: 255 },
          type: { type: 'string', maxLength: 127 },
          size: { type: 'integer', minimum: 1 },
          sha256: sha256Hex,
          base64: { type: 'string', contentEncoding: 'base64' },
        },
      },
    },
    checksum: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
  },
} as const;

/** What importing a device export did, record by record. */
export const deviceImportReportSchema = {
  $id: `${ID_BASE}device-import-report.json`,
  title: 'DeviceImportReport',
  type: 'object',
  additionalProperties: false,
  required: ['importId', 'user', 'deviceId', 'exportedAt', 'counts', 'records'],
  properties: {
    importId: uuid,
    user: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'username'],
      properties: { id: uuid, username: { type: 'string' } },
    },
    deviceId: { type: 'string' },
    exportedAt: isoDateTime,
    counts: {
      type: 'object',
      additionalProperties: false,
      required: ['total', 'new', 'alreadyThere', 'conflict', 'refused'],
      properties: {
        total: { type: 'integer', minimum: 0 },
        new: { type: 'integer', minimum: 0 },
        alreadyThere: { type: 'integer', minimum: 0 },
        conflict: { type: 'integer', minimum: 0 },
        refused: { type: 'integer', minimum: 0 },
      },
    },
    records: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'result'],
        properties: {
          id: { type: 'string' },
          result: { type: 'string', enum: ['new', 'already-there', 'conflict', 'refused'] },
          status: { type: 'string', description: "The record's status on the server after the import." },
          reason: { type: 'string' },
        },
      },
    },
    media: {
      type: 'object',
      additionalProperties: false,
      required: ['stored', 'alreadyThere', 'refused'],
      description: 'What became of the media the file carried (absent when it carried none).',
      properties: {
        stored: { type: 'integer', minimum: 0 },
        alreadyThere: { type: 'integer', minimum: 0 },
        refused: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['submissionId', 'name', 'reason'],
            properties: { submissionId: { type: 'string' }, name: { type: 'string' }, reason: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
