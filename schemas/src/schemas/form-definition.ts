import { ID_BASE } from './common.js';

/** Question and structure types of the XLSForm subset Kusanya supports (DESIGN.md §7). */
export const fieldTypes = [
  'text',
  'integer',
  'decimal',
  'date',
  'select_one',
  'select_multiple',
  'note',
  'calculate',
  'geopoint',
  'group',
  'repeat',
] as const;

const localized = { $ref: `${ID_BASE}localized-text.json` } as const;
const expression = { type: 'string', minLength: 1, maxLength: 4000 } as const;
const name = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,127}$' } as const;

/** Text in several languages, keyed by language code (`fr`, `rn`, `en`). */
export const localizedTextSchema = {
  $id: `${ID_BASE}localized-text.json`,
  title: 'LocalizedText',
  type: 'object',
  minProperties: 1,
  propertyNames: { pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$' },
  additionalProperties: { type: 'string', maxLength: 4000 },
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
    name,
    label: localized,
    hint: localized,
    required: { type: ['boolean', 'string'], description: 'true, or an expression.' },
    requiredMessage: localized,
    relevant: expression,
    constraint: expression,
    constraintMessage: localized,
    calculation: expression,
    default: { type: 'string', maxLength: 4000 },
    readOnly: { type: ['boolean', 'string'] },
    choiceFilter: expression,
    appearance: { type: 'string', maxLength: 200 },
    list: { ...name, description: 'Choice list of a select question.' },
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
    name: { type: 'string', minLength: 1, maxLength: 128 },
    label: localized,
    /** Extra columns of the choices sheet, used by choice filters (e.g. `province`). */
    filters: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
  },
} as const;

export const formDefinitionSchema = {
  $id: `${ID_BASE}form-definition.json`,
  title: 'FormDefinition',
  type: 'object',
  additionalProperties: false,
  required: ['formId', 'version', 'title', 'languages', 'defaultLanguage', 'fields', 'choices'],
  properties: {
    formId: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' },
    version: { type: 'string', minLength: 1, maxLength: 64 },
    title: localized,
    languages: { type: 'array', minItems: 1, items: { type: 'string' }, uniqueItems: true },
    defaultLanguage: { type: 'string' },
    instanceName: expression,
    areaField: {
      ...name,
      description:
        'Name of the top-level question whose answer is the submission area (colline code), copied into `meta.area`.',
    },
    notes: { type: 'string', maxLength: 8000 },
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
