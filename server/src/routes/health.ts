import * as contract from '@kusanya/schemas/contract/health';
import { route } from '../plugins/contract.js';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  route(app, contract.getHealth, { config: { public: true } }, async (_request, reply) => {
    const database = ctx.health.ping() ? ('ok' as const) : ('error' as const);
    const storage = ctx.storage.check();
    const ok = database === 'ok' && storage.storage === 'ok';
    const copy = ctx.backups.copies.status();
    void reply.header('cache-control', 'no-store');
    return reply.status(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'degraded',
      database,
      ...storage,
      message: storage.message ?? (database === 'ok' ? null : 'The database does not answer.'),
      time: new Date().toISOString(),
      backupCopy: { state: copy.state, lastSuccessAt: copy.lastSuccessAt },
    });
  });
}
