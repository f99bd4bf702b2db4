import { errorBodySchema, myAreasResponseSchema, roles } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { caller } from '../plugins/auth.js';

const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });

export async function areaRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get(
    '/api/me/areas',
    {
      config: { roles },
      schema: {
        tags: ['auth'],
        summary: 'The locations you work in (assigned areas, what lies below them, and their ancestors), with names',
        response: { 200: ref(myAreasResponseSchema), 401: ref(errorBodySchema) },
      },
    },
    async (request) => {
      const { user } = caller(request);
      const tree = ctx.locationTree();
      const ancestors = new Set(user.areas.flatMap((a) => tree.lineage(a)));
      const areas = ctx.locations.list().filter((l) => ancestors.has(l.code) || tree.isWithin(l.code, user.areas));
      return { areas };
    },
  );
}
