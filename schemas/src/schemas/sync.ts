import { ID_BASE } from './common.js';

/** Query string of `GET /api/sync/{collection}/pull`. */
export const pullQuerySchema = {
  $id: `${ID_BASE}pull-query.json`,
  title: 'PullQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    seq: {
      type: 'integer',
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      default: 0,
      description: 'Checkpoint: changes after this sequence number.',
    },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
} as const;

export const checkpointSchema = {
  $id: `${ID_BASE}checkpoint.json`,
  title: 'Checkpoint',
  type: 'object',
  additionalProperties: false,
  required: ['seq'],
  properties: { seq: { type: 'integer', minimum: 0 } },
} as const;

/** Builds the pull response and push row schemas of one collection from its document schema. */
function collectionMessages<Doc extends string, Name extends string>(name: Name, docRef: Doc) {
  return {
    pullResponse: {
      $id: `${ID_BASE}${name}-pull-response.json`,
      title: `${name[0]!.toUpperCase()}${name.slice(1)}PullResponse`,
      type: 'object',
      additionalProperties: false,
      required: ['documents', 'checkpoint'],
      properties: {
        documents: { type: 'array', items: { $ref: docRef } },
        checkpoint: { $ref: `${ID_BASE}checkpoint.json` },
      },
    },
  } as const;
}

export const submissionsPullResponseSchema = collectionMessages(
  'submissions',
  `${ID_BASE}submission.json`,
).pullResponse;
export const formsPullResponseSchema = collectionMessages('forms', `${ID_BASE}form-doc.json`).pullResponse;
export const householdsPullResponseSchema = collectionMessages(
  'households',
  `${ID_BASE}household-doc.json`,
).pullResponse;

export const submissionPushRowSchema = {
  $id: `${ID_BASE}submission-push-row.json`,
  title: 'SubmissionPushRow',
  type: 'object',
  additionalProperties: false,
  required: ['assumedMasterState', 'newDocumentState'],
  properties: {
    assumedMasterState: {
      oneOf: [{ type: 'null' }, { $ref: `${ID_BASE}submission.json` }],
    },
    newDocumentState: { $ref: `${ID_BASE}submission.json` },
  },
} as const;

/** Body of `POST /api/sync/submissions/push`. The 500-row limit is checked by the route (413, not 400). */
export const submissionPushBodySchema = {
  $id: `${ID_BASE}submission-push-body.json`,
  title: 'SubmissionPushBody',
  type: 'array',
  items: { $ref: `${ID_BASE}submission-push-row.json` },
} as const;

/** Answer of a push: the master state of every row that was not written as sent. */
export const submissionPushResponseSchema = {
  $id: `${ID_BASE}submission-push-response.json`,
  title: 'SubmissionPushResponse',
  type: 'array',
  items: { $ref: `${ID_BASE}submission.json` },
} as const;
