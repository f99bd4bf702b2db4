import * as contract from '@kusanya/schemas/contract/areas';
import { route } from '../plugins/contract.js';
import { roles } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { Needs } from '../context.js';
import { caller } from '../plugins/auth.js';

/** What these routes use of the app (given only these: app.ts registers them with `pick`). */
export const areaNeeds = ['locationTree', 'locations'] as const;

export async function areaRoutes(app: FastifyInstance, ctx: Needs<typeof areaNeeds>) {
  route(app, contract.getMeAreas, { config: { roles } }, async (request) => {
    const { user } = caller(request);
    const tree = ctx.locationTree();
    const ancestors = new Set(user.areas.flatMap((a) => tree.lineage(a)));
    const areas = ctx.locations.list().filter((l) => ancestors.has(l.code) || tree.isWithin(l.code, user.areas));
    return { areas };
  });
}
