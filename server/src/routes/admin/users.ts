import {
  adminUserListSchema,
  adminUserSchema,
  createUserRequestSchema,
  sessionsEndedSchema,
  setPasswordRequestSchema,
  updateUserRequestSchema,
  userChangeResultSchema,
  type CreateUserRequest,
  type UpdateUserRequest,
} from '@kusanya/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { audited, noteAudit } from '../../plugins/audit.js';
import { caller } from '../../plugins/auth.js';
import { prepareUser } from '../../services/users.js';
import { ADMIN, errors, idParams, ref } from './common.js';

type IdParams = { id: string };

/** Users: list, create, change role/areas/disabled, reset password, unlock, log out everywhere. */
export async function adminUserRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get(
    '/api/admin/users',
    {
      config: ADMIN,
      schema: {
        tags: ['admin'],
        summary: 'All users with role, areas, status and lockout',
        response: { 200: ref(adminUserListSchema), ...errors(401, 403) },
      },
    },
    async (request) => ({ users: ctx.adminUsers.list(caller(request).user) }),
  );

  app.post<{ Body: CreateUserRequest }>(
    '/api/admin/users',
    {
      config: { ...ADMIN, audit: 'user.create' },
      schema: {
        tags: ['admin'],
        summary: 'Create a user',
        description: 'Password rules: at least 10 characters, not the username, not a common password.',
        body: ref(createUserRequestSchema),
        response: { 201: ref(adminUserSchema), ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      noteAudit(request, {
        target: request.body.username,
        details: { role: request.body.role, areas: request.body.areas },
      });
      const pending = await prepareUser(ctx, request.body, caller(request).user);
      const user = audited(
        request,
        (scope) => {
          const created = pending.commit();
          scope.note({ target: created.id });
          return created;
        },
        201,
      );
      return reply.status(201).send(ctx.adminUsers.view(user.id));
    },
  );

  app.patch<{ Params: IdParams; Body: UpdateUserRequest }>(
    '/api/admin/users/:id',
    {
      config: { ...ADMIN, audit: 'user.update' },
      schema: {
        tags: ['admin'],
        summary: 'Change role, areas or disabled (disabling ends every session)',
        params: idParams,
        body: ref(updateUserRequestSchema),
        response: { 200: ref(userChangeResultSchema), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      noteAudit(request, { target: request.params.id, details: { ...request.body } });
      return audited(request, () => ctx.adminUsers.update(caller(request).user, request.params.id, request.body));
    },
  );

  app.post<{ Params: IdParams; Body: { password: string } }>(
    '/api/admin/users/:id/password',
    {
      config: { ...ADMIN, audit: 'user.reset-password' },
      schema: {
        tags: ['admin'],
        summary: 'Set a new password (ends every session of the user, lifts a lockout)',
        params: idParams,
        body: ref(setPasswordRequestSchema),
        response: { 200: ref(sessionsEndedSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      noteAudit(request, { target: request.params.id });
      const pending = await ctx.adminUsers.preparePassword(
        caller(request).user,
        request.params.id,
        request.body.password,
      );
      return audited(request, () => pending.commit());
    },
  );

  app.post<{ Params: IdParams }>(
    '/api/admin/users/:id/unlock',
    {
      config: { ...ADMIN, audit: 'user.unlock' },
      schema: {
        tags: ['admin'],
        summary: 'Lift a lockout after too many wrong passwords',
        params: idParams,
        response: { 204: { type: 'null' }, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      noteAudit(request, { target: request.params.id });
      audited(
        request,
        (scope) =>
          scope.note({ details: { wasLocked: ctx.adminUsers.unlock(caller(request).user, request.params.id) } }),
        204,
      );
      return reply.status(204).send();
    },
  );

  app.post<{ Params: IdParams }>(
    '/api/admin/users/:id/revoke-sessions',
    {
      config: { ...ADMIN, audit: 'user.revoke-sessions' },
      schema: {
        tags: ['admin'],
        summary: 'End every session of the user on every device (log out everywhere)',
        params: idParams,
        response: { 200: ref(sessionsEndedSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      noteAudit(request, { target: request.params.id });
      return audited(request, (scope) => {
        const sessionsEnded = ctx.adminUsers.revokeSessions(caller(request).user, request.params.id);
        scope.note({ details: { sessionsEnded } });
        return { sessionsEnded };
      });
    },
  );
}
