import * as contract from '@kusanya/schemas/contract/health';
import { route } from '../plugins/contract.js';
import type { FastifyInstance } from 'fastify';
import type { HealthUseCases } from '../usecases/health.js';

/** The health route receives the health check and nothing else. */
export async function healthRoutes(app: FastifyInstance, { health }: { health: HealthUseCases }) {
  route(app, contract.getHealth, { config: { public: true } }, async (_request, reply) => {
    const answer = health.check();
    void reply.header('cache-control', 'no-store');
    return reply.status(answer.status === 'ok' ? 200 : 503).send(answer);
  });
}
