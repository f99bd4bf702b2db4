import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

/** Off-machine backup copies, for monitoring (never a reason to restart the server; see scripts/supervisor.mjs). */
const backupCopySection = {
  type: 'object',
  required: ['state', 'lastSuccessAt'],
  properties: {
    state: { type: 'string', enum: ['off', 'pending', 'ok', 'failing', 'late'] },
    lastSuccessAt: { type: ['string', 'null'], description: 'When the last good copy left this machine.' },
  },
} as const;

export async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check; the state of off-machine backup copies; the server clock',
        response: {
          200: {
            type: 'object',
            required: ['status', 'database', 'time', 'backupCopy'],
            properties: {
              status: { type: 'string', enum: ['ok'] },
              database: { type: 'string', enum: ['ok'] },
              time: { type: 'string', description: "The server's clock (tablets compare theirs with it)." },
              backupCopy: backupCopySection,
            },
          },
        },
      },
    },
    async (_request, reply) => {
      ctx.db.prepare('SELECT 1').get();
      const copy = ctx.backups.copies.status();
      void reply.header('cache-control', 'no-store');
      return {
        status: 'ok' as const,
        database: 'ok' as const,
        time: new Date().toISOString(),
        backupCopy: { state: copy.state, lastSuccessAt: copy.lastSuccessAt },
      };
    },
  );
}
