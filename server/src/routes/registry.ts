import {
  errorBodySchema,
  formLabelsSchema,
  householdPageSchema,
  locationChildrenQuerySchema,
  locationListSchema,
  registrySearchQuerySchema,
  registrySearchResponseSchema,
  type LocationChildrenQuery,
  type RegistrySearchQuery,
} from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { caller } from '../plugins/auth.js';
import { householdPage } from '../usecases/hq/household-page.js';
import { REGISTRY_READERS, searchRegistry } from '../usecases/hq/registry-search.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));

/** Staff who pick places in filters (HQ screens). */
const LOCATION_READERS = ['hq', 'supervisor', 'grievance_officer', 'admin'] as const;

/** The registry browser (HQ everywhere, supervisors in their area) and the location lists of its filters. */
export async function registryRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const search = { search: ctx.registrySearch, locations: ctx.locationTree, directory: ctx.locationDirectory };
  const page = {
    registry: ctx.registry,
    reads: ctx.registryReads,
    users: ctx.users,
    labels: ctx.formLabels,
    locations: ctx.locationTree,
    directory: ctx.locationDirectory,
  };

  app.get<{ Querystring: RegistrySearchQuery }>(
    '/api/registry/search',
    {
      config: { roles: REGISTRY_READERS },
      schema: {
        tags: ['registry'],
        summary: 'Search households and people by name, national ID, phone or household code',
        description:
          'Case and accents do not matter; partial words match their beginning. Best matches first: the exact identifier, then whole words, then beginnings of words. ' +
          'Without `q`, lists the households of the filters. Results stay within your areas. `nextCursor` gives the next page.',
        querystring: ref(registrySearchQuerySchema),
        response: { 200: ref(registrySearchResponseSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => searchRegistry(search, caller(request).user, request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/registry/households/:id',
    {
      config: { roles: REGISTRY_READERS },
      schema: {
        tags: ['registry'],
        summary:
          'A household: current values with labels, members, the history of every change, linked submissions and tickets',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
        response: { 200: ref(householdPageSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => householdPage(page, caller(request).user, request.params.id),
  );

  app.get<{ Params: { formId: string }; Querystring: { version?: string } }>(
    '/api/forms/:formId/labels',
    {
      config: { roles: LOCATION_READERS },
      schema: {
        tags: ['registry'],
        summary: "Labels of a form's questions and choices (newest published version, or the one asked for)",
        params: { type: 'object', required: ['formId'], properties: { formId: { type: 'string', maxLength: 64 } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { version: { type: 'string', maxLength: 64 } },
        },
        response: { 200: ref(formLabelsSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { formId } = request.params;
      const labels = request.query.version
        ? ctx.formLabels.of(formId, request.query.version)
        : ctx.formLabels.latest(formId);
      if (!labels) throw new AppError('not-found', `Form "${formId}" is not published.`);
      return labels;
    },
  );

  app.get<{ Querystring: LocationChildrenQuery }>(
    '/api/locations/children',
    {
      config: { roles: LOCATION_READERS },
      schema: {
        tags: ['registry'],
        summary: 'The locations under one location (the top of the hierarchy without `parent`), by name',
        querystring: ref(locationChildrenQuerySchema),
        response: { 200: ref(locationListSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const directory = ctx.locationDirectory();
      const code = request.query.parent ?? null;
      const parent = code ? directory.get(code) : null;
      if (code && !parent) throw new AppError('not-found', `Unknown location ${code}.`);
      return {
        parent: parent
          ? { code: parent.code, name: parent.name, level: parent.level, parentCode: parent.parentCode }
          : null,
        items: directory
          .children(code)
          .map((l) => ({ code: l.code, name: l.name, level: l.level, isSample: l.isSample })),
      };
    },
  );
}
