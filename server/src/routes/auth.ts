import {
  deviceKeyResponseSchema,
  errorBodySchema,
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  roles,
  type LoginRequest,
} from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { audited, noteAudit } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';

const ALL_ROLES = roles;
const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });

/** Logins one IP may attempt per minute, whatever the usernames, as a multiple of LOGIN_RATE_LIMIT (an office behind one address logs in together). */
const LOGINS_PER_IP_FACTOR = 10;

export async function authRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  // Per IP: a coarse bound, before the body is read (spraying many usernames from one address).
  const perIp = app.createRateLimit({
    max: ctx.config.loginRateLimitPerMinute * LOGINS_PER_IP_FACTOR,
    timeWindow: '1 minute',
    keyGenerator: (request) => `login-ip|${request.ip}`,
  });
  app.post<{ Body: LoginRequest }>(
    '/api/auth/login',
    {
      config: {
        public: true,
        audit: 'auth.login',
        // Per IP and username, once the body is parsed (the username is in it): one person's guesses do not lock
        // out the colleagues logging in from the same office.
        rateLimit: {
          hook: 'preHandler',
          max: ctx.config.loginRateLimitPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => {
            const body = request.body as Partial<LoginRequest> | undefined;
            return `${request.ip}|${String(body?.username ?? '')
              .trim()
              .toLowerCase()}`;
          },
        },
      },
      onRequest: async (request) => {
        const limit = await perIp(request);
        if (!limit.isAllowed && limit.isExceeded) {
          throw new AppError(
            'rate-limited',
            'Too many login attempts from this address. Wait a minute and try again.',
            [{ retryAfterSeconds: limit.ttlInSeconds }],
          );
        }
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in and get a bearer token',
        body: ref(loginRequestSchema),
        description:
          'After repeated wrong passwords (LOGIN_LOCKOUT_ATTEMPTS, default 5) the username is locked for ' +
          'LOGIN_LOCKOUT_MINUTES (default 15): **429 `account-locked`**, with `details[0].lockedUntil`.',
        response: {
          200: ref(loginResponseSchema),
          401: ref(errorBodySchema),
          403: ref(errorBodySchema),
          429: ref(errorBodySchema),
        },
      },
    },
    async (request) => {
      const { username, password, deviceId } = request.body;
      noteAudit(request, { actor: username.trim().slice(0, 64), ...(deviceId ? { deviceId } : {}) });
      const user = await ctx.auth.verify(username, password);
      noteAudit(request, { actorId: user.id, role: user.role, actor: user.username });
      return audited(request, () => ctx.auth.openSession(user, deviceId ?? null));
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { roles: ALL_ROLES, audit: 'auth.logout' },
      schema: { tags: ['auth'], summary: 'End this session (revokes the token)', response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      audited(request, () => ctx.auth.logout(caller(request).session), 204);
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

  app.post(
    '/api/auth/device-key',
    {
      config: { roles: ALL_ROLES, audit: 'auth.device-key' },
      schema: {
        tags: ['auth'],
        summary: "This user's escrowed key for this session's device",
        description:
          'The device wraps its local database key with this key as well as with the password, so that after an ' +
          "administrator resets the password the person's unsynced records on their own tablet open again. " +
          'Released only to a live session of the same user on the same device; revoking the device ends that.',
        response: { 200: ref(deviceKeyResponseSchema), 400: ref(errorBodySchema), 401: ref(errorBodySchema) },
      },
    },
    async (request) => {
      const { user, session } = caller(request);
      return audited(request, () => ({ key: ctx.deviceAdmin.escrowKey(user.id, session.deviceId) }));
    },
  );
}
