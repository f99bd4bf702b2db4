/** The API contract: admin users routes (server/src/routes/admin/users.ts). */
import {
  adminUserListSchema,
  adminUserSchema,
  createUserRequestSchema,
  sessionsEndedSchema,
  setPasswordRequestSchema,
  updateUserRequestSchema,
  userChangeResultSchema,
} from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

const idParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } },
} as const;

export const getAdminUsers = defineRoute({
  method: 'GET',
  url: '/api/admin/users',
  tags: ['admin'],
  summary: 'All users with role, areas, status and lockout',
  response: { 200: ref(adminUserListSchema), ...errors(401, 403) },
});

export const postAdminUsers = defineRoute({
  method: 'POST',
  url: '/api/admin/users',
  tags: ['admin'],
  summary: 'Create a user',
  description: 'Password rules: at least 10 characters, not the username, not a common password.',
  body: ref(createUserRequestSchema),
  response: { 201: ref(adminUserSchema), ...errors(400, 401, 403, 409) },
});

export const patchAdminUsersById = defineRoute({
  method: 'PATCH',
  url: '/api/admin/users/:id',
  tags: ['admin'],
  summary: 'Change role, areas or disabled (disabling ends every session)',
  params: idParams,
  body: ref(updateUserRequestSchema),
  response: { 200: ref(userChangeResultSchema), ...errors(400, 401, 403, 404, 409) },
});

export const postAdminUsersByIdPassword = defineRoute({
  method: 'POST',
  url: '/api/admin/users/:id/password',
  tags: ['admin'],
  summary: 'Set a new password (ends every session of the user, lifts a lockout)',
  params: idParams,
  body: ref(setPasswordRequestSchema),
  response: { 200: ref(sessionsEndedSchema), ...errors(400, 401, 403, 404) },
});

export const postAdminUsersByIdUnlock = defineRoute({
  method: 'POST',
  url: '/api/admin/users/:id/unlock',
  tags: ['admin'],
  summary: 'Lift a lockout after too many wrong passwords',
  params: idParams,
  response: { 204: { type: 'null' }, ...errors(401, 403, 404) },
});

export const postAdminUsersByIdRevokeSessions = defineRoute({
  method: 'POST',
  url: '/api/admin/users/:id/revoke-sessions',
  tags: ['admin'],
  summary: 'End every session of the user on every device (log out everywhere)',
  params: idParams,
  response: { 200: ref(sessionsEndedSchema), ...errors(401, 403, 404) },
});
