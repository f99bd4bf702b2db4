import { loginRequestSchema, loginResponseSchema, meResponseSchema, errorBodySchema, roles, type LoginRequest } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { caller } from '../plugins/auth.js';

const ALL_ROLES = roles;
const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });

export async function authRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.post<{ Body: LoginRequest }>(
    '/api/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: ctx.config.loginRateLimitPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => {
            const body = request.body as Partial<LoginRequest> | undefined;
            return `${request.ip}|${String(body?.username ?? '').toLowerCase()}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in and get a bearer token',
        body: ref(loginRequestSchema),
        response: { 200: ref(loginResponseSchema), 401: ref(errorBodySchema), 429: ref(errorBodySchema) },
      },
    },
    async (request) => {
      const { username, password, deviceId } = request.body;
      return ctx.auth.login(username, password, deviceId ?? null);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { roles: ALL_ROLES },
      schema: { tags: ['auth'], summary: 'End this session (revokes the token)', response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      ctx.auth.logout(caller(request).session);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { roles: ALL_ROLES },
      schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: ref(meResponseSchema) } },
    },
    async (request) => {
      const { user, session } = caller(request);
      return { user, session: { expiresAt: session.expiresAt, deviceId: session.deviceId } };
    },
  );
}
