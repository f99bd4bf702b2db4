import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

const state = (values: string[]) => ({ type: 'string', enum: values }) as const;
const healthSchema = {
  type: 'object',
  required: ['status', 'database', 'storage', 'freeBytes', 'message'],
  properties: {
    status: state(['ok', 'degraded']),
    database: state(['ok', 'error']),
    storage: state(['ok', 'full', 'read-only', 'error']),
    freeBytes: { type: ['integer', 'null'], description: 'Free space on the disk of the data directory' },
    message: { type: ['string', 'null'], description: 'What is wrong, for an administrator' },
  },
} as const;

export async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness, database and storage check (503 when the disk is full or the data cannot be written)',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const database = ctx.health.ping() ? ('ok' as const) : ('error' as const);
      const storage = ctx.storage.check();
      const ok = database === 'ok' && storage.storage === 'ok';
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'degraded',
        database,
        ...storage,
        message: storage.message ?? (database === 'ok' ? null : 'The database does not answer.'),
      });
    },
  );
}
