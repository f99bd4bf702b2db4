import { ID_BASE } from './common.js';

/**
 * Form definitions (DESIGN.md §7): what an XLSForm becomes, published with an immutable version and
 * pulled by devices. Every question type of the XLSForm specification, as pyxform converts it.
 */

/** Containers. */
export const containerTypes = ['group', 'repeat'] as const;

/** Questions a person answers. */
export const questionTypes = [
  'text',
  'integer',
  'decimal',
  'date',
  'time',
  'dateTime',
  'select_one',
  'select_multiple',
  'rank',
  'geopoint',
  'geotrace',
  'geoshape',
  'barcode',
  'range',
  'image',
  'audio',
  'video',
  'file',
  'acknowledge',
  'trigger',
  'note',
] as const;

/** Values the form computes, or keeps out of sight (`hidden` takes its default). */
export const computedTypes = ['calculate', 'hidden'] as const;

/** Metadata the device fills in (`audit`: a log of the fields visited and when). */
export const metadataTypes = [
  'start',
  'end',
  'today',
  'deviceid',
  'username',
  'phonenumber',
  'email',
  'simserial',
  'subscriberid',
  'audit',
  'start-geopoint',
  'background-audio',
  'background-geopoint',
] as const;

export const fieldTypes = [...containerTypes, ...questionTypes, ...computedTypes, ...metadataTypes] as const;

/** Question types whose answer is a file (captured and uploaded through the media flow). */
export const mediaQuestionTypes = ['image', 'audio', 'video', 'file', 'background-audio'] as const;

const localized = { $ref: `${ID_BASE}localized-text.json` } as const;
const expression = { type: 'string', minLength: 1, maxLength: 8000 } as const;
/** A data key: an XML name, or `group/name` where a name repeats in several groups. */
const name = {
  type: 'string',
  pattern: '^[A-Za-z_\\u00C0-\\uFFFF][A-Za-z0-9_.\\-\\u00B7\\u00C0-\\uFFFF/]{0,254}$',
} as const;
const listName = { type: 'string', minLength: 1, maxLength: 255 } as const;

/** A language key: a code (`fr`, `rn`, `en`) or, when the form gives none, its name (`Igbo`, `default`). */
const languageKey = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f]+$' } as const;

/** Text in several languages, keyed by language. */
export const localizedTextSchema = {
  $id: `${ID_BASE}localized-text.json`,
  title: 'LocalizedText',
  type: 'object',
  minProperties: 1,
  propertyNames: languageKey,
  additionalProperties: { type: 'string', maxLength: 20000 },
} as const;

/** Label media: file names of form media, per language (`image`, `big-image`, `audio`, `video`). */
export const labelMediaSchema = {
  $id: `${ID_BASE}label-media.json`,
  title: 'LabelMedia',
  type: 'object',
  additionalProperties: false,
  properties: { image: localized, 'big-image': localized, audio: localized, video: localized },
} as const;

export const formNodeSchema = {
  $id: `${ID_BASE}form-node.json`,
  title: 'FormNode',
  description: 'One row of the survey sheet: a question, a group or a repeat (with its children).',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'name'],
  properties: {
    type: { type: 'string', enum: fieldTypes },
    name: { ...name, description: 'The key of the answer in the record (unique among the answers it sits with).' },
    sourceName: {
      type: 'string',
      maxLength: 255,
      description: 'The name as written in the XLSForm, when `name` had to be qualified with its groups.',
    },
    label: localized,
    hint: localized,
    guidanceHint: localized,
    media: { $ref: `${ID_BASE}label-media.json` },
    required: { type: ['boolean', 'string'], description: 'true, or an expression.' },
    requiredMessage: localized,
    relevant: expression,
    constraint: expression,
    constraintMessage: localized,
    calculation: expression,
    trigger: { ...listName, description: 'Recalculate only when this question changes (its name).' },
    default: { type: 'string', maxLength: 8000 },
    readOnly: { type: ['boolean', 'string'] },
    choiceFilter: expression,
    appearance: { type: 'string', maxLength: 500 },
    parameters: { type: 'object', additionalProperties: { type: 'string', maxLength: 1000 } },
    list: { ...listName, description: 'Choice list of a select question (choices sheet).' },
    itemset: {
      description:
        'Choices from form media (`select_one_from_file`) or from the answers of a repeat (`select_one ${q}`).',
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['file'],
          properties: { file: listName, value: listName, label: listName },
        },
        { type: 'object', additionalProperties: false, required: ['ref'], properties: { ref: listName } },
      ],
    },
    orOther: { type: 'boolean' },
    repeatCount: expression,
    minCount: { type: 'integer', minimum: 0 },
    maxCount: { type: 'integer', minimum: 1 },
    children: { type: 'array', items: { $ref: `${ID_BASE}form-node.json` } },
  },
} as const;

export const choiceSchema = {
  $id: `${ID_BASE}choice.json`,
  title: 'Choice',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'label'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 1000 },
    label: localized,
    media: { $ref: `${ID_BASE}label-media.json` },
    /** Extra columns of the choices sheet, used by choice filters (e.g. `province`). */
    filters: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
  },
} as const;

/** A file attached to a form version (CSV list, XML or GeoJSON instance, label image or audio). */
export const formMediaFileSchema = {
  $id: `${ID_BASE}form-media-file.json`,
  title: 'FormMediaFile',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type', 'size', 'sha256'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^/\\\\\\u0000-\\u001f]+$' },
    type: { type: 'string', minLength: 1, maxLength: 127 },
    size: { type: 'integer', minimum: 0 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
} as const;

export const formDefinitionSchema = {
  $id: `${ID_BASE}form-definition.json`,
  title: 'FormDefinition',
  type: 'object',
  additionalProperties: false,
  required: ['formId', 'version', 'title', 'languages', 'defaultLanguage', 'fields', 'choices'],
  properties: {
    formId: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.\\-]{0,63}$' },
    version: { type: 'string', minLength: 1, maxLength: 64 },
    title: localized,
    languages: { type: 'array', minItems: 1, items: languageKey, uniqueItems: true },
    defaultLanguage: languageKey,
    instanceName: expression,
    areaField: {
      ...name,
      description:
        'Name of the top-level question whose answer is the submission area (colline code), copied into `meta.area`.',
    },
    notes: { type: 'string', maxLength: 8000 },
    style: { type: 'string', maxLength: 200, description: 'The settings `style` (e.g. `pages`, `theme-grid`).' },
    settings: {
      type: 'object',
      additionalProperties: { type: 'string', maxLength: 8000 },
      description: 'Other settings of the workbook, kept as written (public_key, submission_url, …).',
    },
    externalInstances: {
      type: 'array',
      items: listName,
      description: 'Form media files declared as instances (`xml-external`, `csv-external`), with their extension.',
    },
    media: {
      type: 'array',
      items: { $ref: `${ID_BASE}form-media-file.json` },
      description: 'The files attached to this version, pulled by devices with it.',
    },
    fields: { type: 'array', items: { $ref: `${ID_BASE}form-node.json` } },
    choices: {
      type: 'object',
      additionalProperties: { type: 'array', items: { $ref: `${ID_BASE}choice.json` } },
    },
  },
} as const;

/** A published form version as devices pull it (`forms` collection). */
export const formDocSchema = {
  $id: `${ID_BASE}form-doc.json`,
  title: 'FormDoc',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'formId', 'version', 'status', 'publishedAt', 'definition', '_deleted'],
  properties: {
    id: { type: 'string', description: '`formId@version`', maxLength: 140 },
    formId: { type: 'string' },
    version: { type: 'string' },
    status: { type: 'string', enum: ['published', 'retired'] },
    publishedAt: { type: 'string' },
    definition: { $ref: `${ID_BASE}form-definition.json` },
    _deleted: { type: 'boolean' },
  },
} as const;
