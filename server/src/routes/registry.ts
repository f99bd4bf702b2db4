import * as contract from '@kusanya/schemas/contract/registry';
import { route } from '../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import { caller } from '../plugins/auth.js';
import type { RegistryUseCases } from '../usecases/hq/index.js';
import { REGISTRY_READERS } from '../usecases/hq/registry-search.js';

/** Staff who pick places in filters (HQ screens). */
const LOCATION_READERS = ['hq', 'supervisor', 'grievance_officer', 'admin'] as const;

/** The registry browser (HQ everywhere, supervisors in their area) and the location lists of its filters. */
export async function registryRoutes(app: FastifyInstance, { registry }: { registry: RegistryUseCases }) {
  route(app, contract.getRegistrySearch, { config: { roles: REGISTRY_READERS } }, async (request) =>
    registry.search(caller(request).user, request.query),
  );

  route(app, contract.getRegistryHouseholdsById, { config: { roles: REGISTRY_READERS } }, async (request) =>
    registry.household(caller(request).user, request.params.id),
  );

  route(app, contract.getFormsByFormIdLabels, { config: { roles: LOCATION_READERS } }, async (request) =>
    registry.formLabels(request.params.formId, request.query.version),
  );

  route(app, contract.getLocationsChildren, { config: { roles: LOCATION_READERS } }, async (request) =>
    registry.locationChildren(request.query.parent ?? null),
  );
}
