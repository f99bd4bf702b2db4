import { ID_BASE, areaCode } from './common.js';

/**
 * KoboToolbox compatibility (issue 16): the mapping files that import Kobo data and shape Kobo's data API,
 * the API's answers (Kobo's REST API v2 shapes), and the tokens other systems use to read it.
 */

/** Kobo asset uids: letters and digits (e.g. "atpoVbHXZCdLD9ETHTv6z4"). */
export const koboAssetUid = { type: 'string', minLength: 4, maxLength: 64, pattern: '^[A-Za-z0-9]+$' } as const;
const fieldName = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' } as const;

/** One Kobo key's mapping: the Kusanya field name, null (ignored), or a spec. */
const fieldSpec = {
  oneOf: [
    { type: 'null' },
    fieldName,
    {
      type: 'object',
      additionalProperties: false,
      required: ['field'],
      properties: {
        field: fieldName,
        codes: {
          type: 'string',
          enum: ['kobo'],
          description: 'The answer is a location given by its Kobo code (colline: 7 digits), translated both ways.',
        },
        ancestors: {
          type: 'object',
          description: 'On import, fill these Kusanya fields with the location’s ancestors (level → field).',
          additionalProperties: false,
          properties: { province: fieldName, commune: fieldName, zone: fieldName },
        },
        overflow: {
          ...fieldName,
          description:
            'A select_multiple Kusanya field for the extra answers when the Kobo key (a select_multiple) carries several and the Kusanya field takes one: the answer first in the Kusanya choice list stays, the others go here; served back together.',
        },
        only: {
          type: 'array',
          minItems: 1,
          maxItems: 500,
          items: { type: 'string', maxLength: 128 },
          description:
            'The Kusanya choice codes this Kobo key carries: several Kobo keys may share one Kusanya field when their lists do not overlap (the answer is split among them).',
        },
      },
    },
  ],
} as const;

export const koboMappingSchema = {
  $id: `${ID_BASE}kobo-mapping.json`,
  title: 'KoboMapping',
  description:
    'How the fields of a Kobo form (an asset) become the fields of a Kusanya form, and back: forms/kobo/README.md.',
  type: 'object',
  additionalProperties: false,
  required: ['formId'],
  properties: {
    $schema: { type: 'string' },
    asset: {
      type: 'object',
      additionalProperties: false,
      required: ['uid', 'name'],
      properties: {
        uid: koboAssetUid,
        name: { type: 'string', minLength: 1, maxLength: 200 },
        serves: {
          type: 'string',
          enum: ['form', 'imported'],
          default: 'form',
          description:
            '"form": every record of the Kusanya form (with `constants`), except those imported under another asset; "imported": only the records imported under this asset (a historical form).',
        },
      },
    },
    formId: fieldName,
    description: { type: 'string', maxLength: 2000 },
    fields: { type: 'object', maxProperties: 2000, additionalProperties: fieldSpec },
    repeats: {
      type: 'object',
      maxProperties: 100,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['to'],
        properties: {
          to: fieldName,
          fields: { type: 'object', maxProperties: 500, additionalProperties: fieldSpec },
        },
      },
    },
    values: {
      type: 'object',
      maxProperties: 500,
      additionalProperties: { type: 'object', maxProperties: 5000, additionalProperties: { type: 'string' } },
    },
    serveAs: {
      type: 'object',
      maxProperties: 500,
      description:
        'Served only: the Kobo code for Kusanya answers the Kobo form had no code of its own for (per Kusanya field). Import never produces them.',
      additionalProperties: { type: 'object', maxProperties: 5000, additionalProperties: { type: 'string' } },
    },
    constants: {
      type: 'object',
      maxProperties: 20,
      description:
        'Kusanya answers every record of this asset has: set on import, and the records served are those that have them.',
      additionalProperties: { type: 'string', maxLength: 200 },
    },
    defaults: { type: 'string', enum: ['last-segment', 'none'] },
    users: { type: 'object', maxProperties: 5000, additionalProperties: { type: 'string', maxLength: 64 } },
  },
} as const;

const nullableStr = { type: ['string', 'null'] } as const;

const assetProperties = {
  url: { type: 'string' },
  uid: koboAssetUid,
  name: { type: 'string' },
  asset_type: { type: 'string', enum: ['survey'] },
  kind: { type: 'string', enum: ['asset'] },
  owner__username: { type: 'string' },
  date_created: { type: 'string' },
  date_modified: { type: 'string' },
  version_id: nullableStr,
  deployed_version_id: nullableStr,
  has_deployment: { type: 'boolean' },
  deployment__active: { type: 'boolean' },
  deployment__submission_count: { type: 'integer', minimum: 0 },
  deployment__last_submission_time: nullableStr,
  deployment_status: { type: 'string', enum: ['deployed'] },
  data: { type: 'string', description: 'URL of the data endpoint.' },
  settings: {
    type: 'object',
    additionalProperties: false,
    required: ['description'],
    properties: { description: { type: 'string' } },
  },
} as const;

export const koboAssetSchema = {
  $id: `${ID_BASE}kobo-asset.json`,
  title: 'KoboAsset',
  description: 'An asset as KoboToolbox’s API v2 lists it (the fields a client of that API reads).',
  type: 'object',
  additionalProperties: false,
  required: Object.keys(assetProperties),
  properties: assetProperties,
} as const;

export const koboAssetListSchema = {
  $id: `${ID_BASE}kobo-asset-list.json`,
  title: 'KoboAssetList',
  type: 'object',
  additionalProperties: false,
  required: ['count', 'next', 'previous', 'results'],
  properties: {
    count: { type: 'integer', minimum: 0 },
    next: nullableStr,
    previous: nullableStr,
    results: { type: 'array', items: { $ref: `${ID_BASE}kobo-asset.json#` } },
  },
} as const;

export const koboAssetParamsSchema = {
  $id: `${ID_BASE}kobo-asset-params.json`,
  title: 'KoboAssetParams',
  type: 'object',
  additionalProperties: false,
  required: ['uid'],
  properties: { uid: { type: 'string', maxLength: 64 } },
} as const;

/**
 * One attachment of a record, as Kobo's `download_url` names it: `/api/v2/assets/{uid}/data/{_id}/attachments/{att…}/`
 * (the attachment's `uid`, or its numeric `id` as kobocat's URLs had it), optionally with Kobo's thumbnail size.
 */
export const koboAttachmentParamsSchema = {
  $id: `${ID_BASE}kobo-attachment-params.json`,
  title: 'KoboAttachmentParams',
  type: 'object',
  additionalProperties: false,
  required: ['uid', 'id', 'attachment'],
  properties: {
    uid: { type: 'string', maxLength: 64 },
    id: { type: 'integer', minimum: 1, description: 'The record’s `_id`.' },
    attachment: {
      type: 'string',
      pattern: '^(att[0-9A-Za-z]{22}|[1-9][0-9]{0,15})$',
      description: 'The attachment’s `uid` (att…) or numeric `id`, from the record’s `_attachments`.',
    },
    size: {
      type: 'string',
      enum: ['small', 'medium', 'large'],
      description: 'Kobo’s thumbnail sizes: Kusanya keeps no thumbnails and serves the original file.',
    },
  },
} as const;

/** Kobo's paging: `limit` (default 100, at most 1,000 — Kobo's own limits) and `start` (or its alias `offset`). */
export const koboDataQuerySchema = {
  $id: `${ID_BASE}kobo-data-query.json`,
  title: 'KoboDataQuery',
  type: 'object',
  additionalProperties: true,
  properties: {
    format: { type: 'string', enum: ['json'], default: 'json' },
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: 1_000_000_000,
      description: 'Default 100; more than 1,000 is cut to 1,000 (as Kobo does).',
    },
    start: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
    offset: { type: 'integer', minimum: 0, maximum: 1_000_000_000, description: 'Kobo’s deprecated alias of start.' },
    after: {
      type: 'integer',
      minimum: 0,
      description:
        'Set in the `next` links Kusanya writes: the `_id` the previous page ended with, so a page never skips or repeats a record while records arrive.',
    },
  },
} as const;

export const koboRecordSchema = {
  $id: `${ID_BASE}kobo-record.json`,
  title: 'KoboRecord',
  description:
    'A record as Kobo’s API serves it: keys are question paths with groups joined by "/", repeats are arrays of such objects, select_multiple answers space-separated, plus Kobo’s own keys (_id, _uuid, _submission_time, _validation_status, _attachments…).',
  type: 'object',
  additionalProperties: true,
  required: ['_id', '_uuid'],
  properties: { _id: { type: 'integer' }, _uuid: { type: 'string' } },
} as const;

export const koboDataPageSchema = {
  $id: `${ID_BASE}kobo-data-page.json`,
  title: 'KoboDataPage',
  type: 'object',
  additionalProperties: false,
  required: ['count', 'next', 'previous', 'results'],
  properties: {
    count: { type: 'integer', minimum: 0 },
    next: nullableStr,
    previous: nullableStr,
    results: { type: 'array', items: { $ref: `${ID_BASE}kobo-record.json#` } },
  },
} as const;

/** API tokens: for systems (the MIS), never people. */
const apiTokenProperties = {
  id: { type: 'string' },
  name: { type: 'string' },
  prefix: { type: 'string', description: 'The first characters of the token, to recognise it.' },
  assets: { type: 'array', items: koboAssetUid },
  areas: { type: ['array', 'null'], items: areaCode },
  createdAt: { type: 'string' },
  createdBy: { type: 'string' },
  revokedAt: nullableStr,
  lastUsedAt: nullableStr,
} as const;

export const apiTokenSchema = {
  $id: `${ID_BASE}api-token.json`,
  title: 'ApiToken',
  type: 'object',
  additionalProperties: false,
  required: Object.keys(apiTokenProperties),
  properties: apiTokenProperties,
} as const;

export const apiTokenListSchema = {
  $id: `${ID_BASE}api-token-list.json`,
  title: 'ApiTokenList',
  type: 'object',
  additionalProperties: false,
  required: ['tokens', 'assets'],
  properties: {
    tokens: { type: 'array', items: { $ref: `${ID_BASE}api-token.json#` } },
    assets: {
      type: 'array',
      description: 'The Kobo assets a token may be given.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['uid', 'name', 'formId'],
        properties: { uid: koboAssetUid, name: { type: 'string' }, formId: { type: 'string' } },
      },
    },
  },
} as const;

export const apiTokenCreateRequestSchema = {
  $id: `${ID_BASE}api-token-create-request.json`,
  title: 'ApiTokenCreateRequest',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'assets'],
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$' },
    assets: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: koboAssetUid },
    areas: { type: 'array', minItems: 1, maxItems: 500, uniqueItems: true, items: areaCode },
  },
} as const;

export const apiTokenCreateResponseSchema = {
  $id: `${ID_BASE}api-token-create-response.json`,
  title: 'ApiTokenCreateResponse',
  description: 'The token itself is shown only here, once.',
  type: 'object',
  additionalProperties: false,
  required: ['token', 'apiToken'],
  properties: { token: { type: 'string' }, apiToken: { $ref: `${ID_BASE}api-token.json#` } },
} as const;

export const apiTokenNameParamsSchema = {
  $id: `${ID_BASE}api-token-name-params.json`,
  title: 'ApiTokenNameParams',
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;
