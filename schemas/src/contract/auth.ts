/** The API contract: auth routes (server/src/routes/auth.ts). */
import {
  deviceKeyResponseSchema,
  errorBodySchema,
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
} from '../schemas.js';
import { defineRoute, ref } from './define.js';

export const postAuthLogin = defineRoute({
  method: 'POST',
  url: '/api/auth/login',
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
});

export const postAuthLogout = defineRoute({
  method: 'POST',
  url: '/api/auth/logout',
  tags: ['auth'],
  summary: 'End this session (revokes the token)',
  response: { 204: { type: 'null' } },
});

export const getMe = defineRoute({
  method: 'GET',
  url: '/api/me',
  tags: ['auth'],
  summary: 'The logged-in user',
  response: { 200: ref(meResponseSchema) },
});

export const postAuthDeviceKey = defineRoute({
  method: 'POST',
  url: '/api/auth/device-key',
  tags: ['auth'],
  summary: "This user's escrowed key for this session's device",
  description:
    'The device wraps its local database key with this key as well as with the password, so that after an ' +
    "administrator resets the password the person's unsynced records on their own tablet open again. " +
    'Released only to a live session of the same user on the same device; revoking the device ends that.',
  response: { 200: ref(deviceKeyResponseSchema), 400: ref(errorBodySchema), 401: ref(errorBodySchema) },
});
