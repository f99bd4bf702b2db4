import { ID_BASE } from './common.js';

/** One problem (or ignored item) of an XLSForm workbook: where it is and what is wrong. */
export const xlsformProblemSchema = {
  $id: `${ID_BASE}xlsform-problem.json`,
  title: 'XlsformProblem',
  description:
    'A problem in an XLSForm workbook. `row` is 1-based (1 is the header row; 0 with an empty column: the file or a whole sheet).',
  type: 'object',
  additionalProperties: false,
  required: ['sheet', 'row', 'column', 'message'],
  properties: {
    sheet: {
      type: 'string',
      enum: ['survey', 'choices', 'settings', 'external_choices', 'entities', 'osm', ''],
    },
    row: { type: 'integer', minimum: 0 },
    column: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

/** Query string of `POST /api/admin/forms/import`. */
export const formImportQuerySchema = {
  $id: `${ID_BASE}form-import-query.json`,
  title: 'FormImportQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    publish: {
      type: 'boolean',
      default: false,
      description: 'Publish the form as a new version; otherwise only check it.',
    },
    filename: {
      type: 'string',
      maxLength: 255,
      description: "The workbook's file name: the form id when its settings give none (as pyxform takes it).",
    },
  },
} as const;

/** Answer of `POST /api/admin/forms/import`. */
export const formImportResponseSchema = {
  $id: `${ID_BASE}form-import-response.json`,
  title: 'FormImportResponse',
  type: 'object',
  additionalProperties: false,
  required: ['formId', 'version', 'outcome', 'warnings'],
  properties: {
    formId: { type: 'string' },
    version: { type: 'string' },
    outcome: {
      type: 'string',
      enum: ['checked', 'published', 'unchanged'],
      description:
        '`checked`: valid, not published; `published`: a new version; `unchanged`: this version was already published with this content.',
    },
    title: { type: 'object', additionalProperties: { type: 'string' } },
    warnings: { type: 'array', items: { $ref: `${ID_BASE}xlsform-problem.json` } },
    /** `checked` only: the form as devices would receive it, for the admin screen's preview (nothing is stored). */
    definition: { $ref: `${ID_BASE}form-definition.json` },
  },
} as const;
