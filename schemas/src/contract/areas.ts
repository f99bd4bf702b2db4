/** The API contract: areas routes (server/src/routes/areas.ts). */
import { errorBodySchema, myAreasResponseSchema } from '../schemas.js';
import { defineRoute, ref } from './define.js';

export const getMeAreas = defineRoute({
  method: 'GET',
  url: '/api/me/areas',
  tags: ['auth'],
  summary: 'The locations you work in (assigned areas, what lies below them, and their ancestors), with names',
  response: { 200: ref(myAreasResponseSchema), 401: ref(errorBodySchema) },
});
