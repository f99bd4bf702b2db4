/** The API contract: registry routes (server/src/routes/registry.ts). */
import {
  formLabelsSchema,
  householdPageSchema,
  locationChildrenQuerySchema,
  locationListSchema,
  registrySearchQuerySchema,
  registrySearchResponseSchema,
} from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

export const getRegistrySearch = defineRoute({
  method: 'GET',
  url: '/api/registry/search',
  tags: ['registry'],
  summary: 'Search households and people by name, national ID, phone or household code',
  description:
    'Case and accents do not matter; partial words match their beginning. Best matches first: the exact identifier, then whole words, then beginnings of words. ' +
    'Without `q`, lists the households of the filters. Results stay within your areas. `nextCursor` gives the next page.',
  querystring: ref(registrySearchQuerySchema),
  response: { 200: ref(registrySearchResponseSchema), ...errors(400, 401, 403) },
});

export const getRegistryHouseholdsById = defineRoute({
  method: 'GET',
  url: '/api/registry/households/:id',
  tags: ['registry'],
  summary:
    'A household: current values with labels, members, the history of every change, linked submissions and tickets',
  params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
  response: { 200: ref(householdPageSchema), ...errors(401, 403, 404) },
});

export const getFormsByFormIdLabels = defineRoute({
  method: 'GET',
  url: '/api/forms/:formId/labels',
  tags: ['registry'],
  summary: "Labels of a form's questions and choices (newest published version, or the one asked for)",
  params: { type: 'object', required: ['formId'], properties: { formId: { type: 'string', maxLength: 64 } } },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { version: { type: 'string', maxLength: 64 } },
  },
  response: { 200: ref(formLabelsSchema), ...errors(401, 403, 404) },
});

export const getLocationsChildren = defineRoute({
  method: 'GET',
  url: '/api/locations/children',
  tags: ['registry'],
  summary: 'The locations under one location (the top of the hierarchy without `parent`), by name',
  querystring: ref(locationChildrenQuerySchema),
  response: { 200: ref(locationListSchema), ...errors(400, 401, 403, 404) },
});
