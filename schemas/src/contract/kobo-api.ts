/** The API contract: KoboToolbox's REST API v2 as Kusanya serves it (server/src/routes/kobo-api.ts). */
import {
  koboAssetListSchema,
  koboAssetParamsSchema,
  koboAssetSchema,
  koboAttachmentParamsSchema,
  koboDataPageSchema,
  koboDataQuerySchema,
} from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

const TAGS = ['kobo'];
/** Kobo answers with and without the trailing slash; the MIS asks for ".../data" without it. */
const BOTH = { alsoWithTrailingSlash: true } as const;

export const getV2Assets = defineRoute({
  method: 'GET',
  url: '/api/v2/assets',
  ...BOTH,
  tags: TAGS,
  summary: 'The Kobo assets this token may read (Kobo’s asset list)',
  response: { 200: ref(koboAssetListSchema), ...errors(401) },
});

export const getV2AssetsByUid = defineRoute({
  method: 'GET',
  url: '/api/v2/assets/:uid',
  ...BOTH,
  tags: TAGS,
  summary: 'One Kobo asset: name, submission count, data URL',
  params: ref(koboAssetParamsSchema),
  response: { 200: ref(koboAssetSchema), ...errors(401, 403, 404) },
});

export const getV2AssetsByUidData = defineRoute({
  method: 'GET',
  url: '/api/v2/assets/:uid/data',
  ...BOTH,
  tags: TAGS,
  summary: 'The records of a Kobo asset, in Kobo’s shape and paging (limit/start, absolute next/previous)',
  description:
    'Kobo’s defaults: 100 records a page, at most 1,000. `next` carries its own query string; follow it until it is null.',
  params: ref(koboAssetParamsSchema),
  querystring: ref(koboDataQuerySchema),
  response: { 200: ref(koboDataPageSchema), ...errors(400, 401, 403, 404) },
});

const ATTACHMENT_DESCRIPTION =
  'The `download_url` (and `download_small_url`/`medium`/`large`) of an entry of a record’s `_attachments`, fetched ' +
  'with the same `Authorization: Token` header: the file’s bytes, under the token’s assets and areas, audited. Served ' +
  'with the type its bytes show (photos, recordings inline; anything else as `application/octet-stream`), never as ' +
  'HTML. Kusanya keeps no thumbnails: every size is the original file.';

export const getV2AssetsByUidDataByIdAttachmentsByAttachment = defineRoute({
  method: 'GET',
  url: '/api/v2/assets/:uid/data/:id/attachments/:attachment',
  ...BOTH,
  tags: TAGS,
  summary: 'One attachment (photo, signature, recording, file) of a record, as Kobo’s `download_url` serves it',
  description: ATTACHMENT_DESCRIPTION,
  params: ref(koboAttachmentParamsSchema),
  response: { 200: { type: 'string', format: 'binary' }, ...errors(400, 401, 403, 404) },
});

export const getV2AssetsByUidDataByIdAttachmentsByAttachmentBySize = defineRoute({
  method: 'GET',
  url: '/api/v2/assets/:uid/data/:id/attachments/:attachment/:size',
  ...BOTH,
  tags: TAGS,
  summary: 'One attachment at Kobo’s thumbnail size (`small`, `medium`, `large`): the original file',
  description: ATTACHMENT_DESCRIPTION,
  params: ref(koboAttachmentParamsSchema),
  response: { 200: { type: 'string', format: 'binary' }, ...errors(400, 401, 403, 404) },
});
