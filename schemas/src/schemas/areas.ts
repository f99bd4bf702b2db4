import { ID_BASE } from './common.js';

export const myAreasResponseSchema = {
  $id: `${ID_BASE}my-areas-response.json`,
  title: 'MyAreasResponse',
  description: 'The locations a user works in: their assigned areas, everything below them, and their ancestors.',
  type: 'object',
  additionalProperties: false,
  required: ['areas'],
  properties: { areas: { type: 'array', items: { $ref: `${ID_BASE}area.json` } } },
} as const;
