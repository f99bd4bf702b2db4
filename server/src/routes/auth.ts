import * as contract from '@kusanya/schemas/contract/auth';
import { route } from '../plugins/contract.js';
import { roles, type LoginRequest } from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { audited, noteAudit } from '../plugins/audit.js';
import { caller } from '../plugins/auth.js';
import type { AuthService } from '../usecases/auth.js';
import type { DevicesService } from '../usecases/devices.js';

const ALL_ROLES = roles;

/** Logins one IP may attempt per minute, whatever the usernames, as a multiple of LOGIN_RATE_LIMIT (an office behind one address logs in together). */
const LOGINS_PER_IP_FACTOR = 10;

/** What the auth routes receive: the sessions' use cases, the device key escrow and LOGIN_RATE_LIMIT. */
export interface AuthRouteOptions {
  auth: AuthService;
  devices: Pick<DevicesService, 'escrowKey'>;
  loginsPerMinute: number;
}

export async function authRoutes(app: FastifyInstance, { auth, devices, loginsPerMinute }: AuthRouteOptions) {
  // Per IP: a coarse bound, before the body is read (spraying many usernames from one address).
  const perIp = app.createRateLimit({
    max: loginsPerMinute * LOGINS_PER_IP_FACTOR,
    timeWindow: '1 minute',
    keyGenerator: (request) => `login-ip|${request.ip}`,
  });
  route(
    app,
    contract.postAuthLogin,
    {
      config: {
        public: true,
        audit: 'auth.login',
        // Per IP and username, once the body is parsed (the username is in it): one person's guesses do not lock
        // out the colleagues logging in from the same office.
        rateLimit: {
          hook: 'preHandler',
          max: loginsPerMinute,
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
    },
    async (request) => {
      const { username, password, deviceId } = request.body;
      noteAudit(request, { actor: username.trim().slice(0, 64), ...(deviceId ? { deviceId } : {}) });
      const user = await auth.verify(username, password);
      noteAudit(request, { actorId: user.id, role: user.role, actor: user.username });
      return audited(request, () => auth.openSession(user, deviceId ?? null));
    },
  );

  route(
    app,
    contract.postAuthLogout,
    { config: { roles: ALL_ROLES, audit: 'auth.logout' } },
    async (request, reply) => {
      audited(request, () => auth.logout(caller(request).session), 204);
      return reply.status(204).send();
    },
  );

  route(app, contract.getMe, { config: { roles: ALL_ROLES } }, async (request) => {
    const { user, session } = caller(request);
    return { user, session: { expiresAt: session.expiresAt, deviceId: session.deviceId } };
  });

  route(
    app,
    contract.postAuthDeviceKey,
    { config: { roles: ALL_ROLES, audit: 'auth.device-key' } },
    async (request) => {
      const { user, session } = caller(request);
      return audited(request, () => ({ key: devices.escrowKey(user.id, session.deviceId) }));
    },
  );
}
