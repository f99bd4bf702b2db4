import * as contract from '@kusanya/schemas/contract/areas';
import { route } from '../plugins/contract.js';
import { roles } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { caller } from '../plugins/auth.js';

export async function areaRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  route(app, contract.getMeAreas, { config: { roles } }, async (request) => {
    const { user } = caller(request);
    const tree = ctx.locationTree();
    const ancestors = new Set(user.areas.flatMap((a) => tree.lineage(a)));
    const areas = ctx.locations.list().filter((l) => ancestors.has(l.code) || tree.isWithin(l.code, user.areas));
    return { areas };
  });
}
