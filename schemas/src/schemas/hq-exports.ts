import { ID_BASE, areaCode, uuid } from './common.js';

/** Streamed exports (CSV, XLSX, JSON) and their progress. */

export const exportQuerySchema = {
  $id: `${ID_BASE}export-query.json`,
  title: 'ExportQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    format: {
      type: 'string',
      enum: ['csv', 'xlsx', 'json'],
      description: 'Default: CSV, or JSON for the full export.',
    },
    area: { ...areaCode, description: 'Only this location (within your areas).' },
    from: { type: 'string', pattern: '^\\d{4}-Q[1-4]$', description: 'Indicator reports: first quarter.' },
    to: { type: 'string', pattern: '^\\d{4}-Q[1-4]$', description: 'Indicator reports: last quarter.' },
    status: {
      type: 'string',
      enum: ['validated', 'all'],
      description: 'Indicator reports: validated only (default) or every status.',
    },
    lang: {
      type: 'string',
      enum: ['fr', 'rn', 'en'],
      description:
        'The language of the person who opens the file: headers and choice answers in words in that language ' +
        '(Kobo\'s "labels" export), and for CSV the separator and decimal mark a spreadsheet in that language ' +
        'expects (French, Kirundi: ";" and ","; English: "," and "."). Without it: field names, ",".',
    },
    headers: {
      type: 'string',
      enum: ['labels', 'names'],
      description: 'With `lang`: headers and answers as labels (default) or as field names and codes.',
    },
    progressId: {
      ...uuid,
      description: 'Chosen by the client to follow the export with GET /api/exports/progress/{id}.',
    },
  },
} as const;

export const exportProgressSchema = {
  $id: `${ID_BASE}export-progress.json`,
  title: 'ExportProgress',
  type: 'object',
  additionalProperties: false,
  required: ['rows', 'total', 'state'],
  properties: {
    rows: { type: 'integer', description: 'Rows written so far.' },
    total: { type: 'integer' },
    state: { type: 'string', enum: ['running', 'done', 'failed', 'aborted'] },
  },
} as const;
