import * as contract from '@kusanya/schemas/contract/admin-users';
import { route } from '../../plugins/contract.js';

import type { FastifyInstance } from 'fastify';
import { audited, noteAudit } from '../../plugins/audit.js';
import { caller } from '../../plugins/auth.js';
import type { AdminUsersService } from '../../usecases/admin-users.js';
import { ADMIN } from './common.js';

/** Users: list, create, change role/areas/disabled, reset password, unlock, log out everywhere. */
export async function adminUserRoutes(app: FastifyInstance, { adminUsers }: { adminUsers: AdminUsersService }) {
  route(app, contract.getAdminUsers, { config: ADMIN }, async (request) => ({
    users: adminUsers.list(caller(request).user),
  }));

  route(app, contract.postAdminUsers, { config: { ...ADMIN, audit: 'user.create' } }, async (request, reply) => {
    noteAudit(request, {
      target: request.body.username,
      details: { role: request.body.role, areas: request.body.areas },
    });
    const pending = await adminUsers.prepare(caller(request).user, request.body);
    const user = audited(
      request,
      (scope) => {
        const created = pending.commit();
        scope.note({ target: created.id });
        return created;
      },
      201,
    );
    return reply.status(201).send(adminUsers.view(user.id));
  });

  route(app, contract.patchAdminUsersById, { config: { ...ADMIN, audit: 'user.update' } }, async (request) => {
    noteAudit(request, { target: request.params.id, details: { ...request.body } });
    return audited(request, () => adminUsers.update(caller(request).user, request.params.id, request.body));
  });

  route(
    app,
    contract.postAdminUsersByIdPassword,
    { config: { ...ADMIN, audit: 'user.reset-password' } },
    async (request) => {
      noteAudit(request, { target: request.params.id });
      const pending = await adminUsers.preparePassword(caller(request).user, request.params.id, request.body.password);
      return audited(request, () => pending.commit());
    },
  );

  route(
    app,
    contract.postAdminUsersByIdUnlock,
    { config: { ...ADMIN, audit: 'user.unlock' } },
    async (request, reply) => {
      noteAudit(request, { target: request.params.id });
      audited(
        request,
        (scope) => scope.note({ details: { wasLocked: adminUsers.unlock(caller(request).user, request.params.id) } }),
        204,
      );
      return reply.status(204).send();
    },
  );

  route(
    app,
    contract.postAdminUsersByIdRevokeSessions,
    { config: { ...ADMIN, audit: 'user.revoke-sessions' } },
    async (request) => {
      noteAudit(request, { target: request.params.id });
      return audited(request, (scope) => {
        const sessionsEnded = adminUsers.revokeSessions(caller(request).user, request.params.id);
        scope.note({ details: { sessionsEnded } });
        return { sessionsEnded };
      });
    },
  );
}
