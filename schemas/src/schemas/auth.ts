import { ID_BASE, areaCode, roles, uuid } from './common.js';

export const userSchema = {
  $id: `${ID_BASE}user.json`,
  title: 'User',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'username', 'role', 'areas'],
  properties: {
    id: uuid,
    username: { type: 'string', minLength: 1, maxLength: 64 },
    role: { type: 'string', enum: roles },
    areas: { type: 'array', items: areaCode, maxItems: 5000 },
  },
} as const;

export const loginRequestSchema = {
  $id: `${ID_BASE}login-request.json`,
  title: 'LoginRequest',
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 256 },
    deviceId: { type: 'string', minLength: 1, maxLength: 128 },
  },
} as const;

export const loginResponseSchema = {
  $id: `${ID_BASE}login-response.json`,
  title: 'LoginResponse',
  type: 'object',
  additionalProperties: false,
  required: ['token', 'user'],
  properties: {
    token: { type: 'string', description: 'Bearer token for the Authorization header.' },
    user: { $ref: `${ID_BASE}user.json` },
  },
} as const;

export const meResponseSchema = {
  $id: `${ID_BASE}me-response.json`,
  title: 'MeResponse',
  type: 'object',
  additionalProperties: false,
  required: ['user', 'session'],
  properties: {
    user: { $ref: `${ID_BASE}user.json` },
    session: {
      type: 'object',
      additionalProperties: false,
      required: ['expiresAt'],
      properties: {
        expiresAt: { type: 'string' },
        deviceId: { type: ['string', 'null'] },
      },
    },
  },
} as const;
