/** Building blocks shared by several schemas. Draft-07 (the dialect of RxDB's and Fastify's Ajv). */

export const ID_BASE = 'https://schemas.kusanya.org/';

/** Any RFC 4122 UUID in lower-case hex; devices create UUIDv7. */
export const uuid = {
  type: 'string',
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
} as const;

/** A location code (country, province, commune, zone or colline). */
export const areaCode = {
  type: 'string',
  minLength: 1,
  maxLength: 32,
  pattern: '^[A-Za-z0-9_-]+$',
} as const;

/** ISO 8601 timestamp as written by `Date.prototype.toISOString()`. */
export const isoDateTime = {
  type: 'string',
  maxLength: 40,
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
} as const;

export const roles = ['enumerator', 'supervisor', 'grievance_officer', 'hq', 'admin'] as const;

export const errorBodySchema = {
  $id: `${ID_BASE}error-body.json`,
  title: 'ErrorBody',
  description: 'Every 4xx/5xx answer of the API.',
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
          description: 'Stable kebab-case code for programs.',
        },
        message: { type: 'string', description: 'Human-readable explanation.' },
        details: { type: 'array', items: {} },
      },
    },
  },
} as const;
