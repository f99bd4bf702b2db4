import { ID_BASE } from './common.js';

export const areaSchema = {
  $id: `${ID_BASE}area.json`,
  title: 'Area',
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'level', 'parentCode'],
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    level: { type: 'string', enum: ['country', 'province', 'commune', 'zone', 'colline'] },
    parentCode: { type: ['string', 'null'] },
  },
} as const;

export const myAreasResponseSchema = {
  $id: `${ID_BASE}my-areas-response.json`,
  title: 'MyAreasResponse',
  description: 'The locations a user works in: their assigned areas, everything below them, and their ancestors.',
  type: 'object',
  additionalProperties: false,
  required: ['areas'],
  properties: { areas: { type: 'array', items: { $ref: `${ID_BASE}area.json` } } },
} as const;
