import * as contract from '@kusanya/schemas/contract/areas';
import { route } from '../plugins/contract.js';
import { roles } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import { caller } from '../plugins/auth.js';
import type { AreaUseCases } from '../usecases/areas.js';

/** The user's own places: the area routes receive the area use cases and nothing else. */
export async function areaRoutes(app: FastifyInstance, { areas }: { areas: AreaUseCases }) {
  route(app, contract.getMeAreas, { config: { roles } }, async (request) => ({
    areas: areas.mine(caller(request).user),
  }));
}
