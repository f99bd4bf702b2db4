import * as contract from '@kusanya/schemas/contract/registry';
import { route } from '../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { caller } from '../plugins/auth.js';
import { householdPage } from '../usecases/hq/household-page.js';
import { REGISTRY_READERS, searchRegistry } from '../usecases/hq/registry-search.js';

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
    mediaOf: ctx.media.readableOf,
  };

  route(app, contract.getRegistrySearch, { config: { roles: REGISTRY_READERS } }, async (request) =>
    searchRegistry(search, caller(request).user, request.query),
  );

  route(app, contract.getRegistryHouseholdsById, { config: { roles: REGISTRY_READERS } }, async (request) =>
    householdPage(page, caller(request).user, request.params.id),
  );

  route(app, contract.getFormsByFormIdLabels, { config: { roles: LOCATION_READERS } }, async (request) => {
    const { formId } = request.params;
    const labels = request.query.version
      ? ctx.formLabels.of(formId, request.query.version)
      : ctx.formLabels.latest(formId);
    if (!labels) throw new AppError('not-found', `Form "${formId}" is not published.`);
    return labels;
  });

  route(app, contract.getLocationsChildren, { config: { roles: LOCATION_READERS } }, async (request) => {
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
  });
}
