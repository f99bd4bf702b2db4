import { errorBodySchema } from '@kusanya/schemas';

/** Route building blocks shared by the admin routes. */
export const ADMIN = { roles: ['admin'] } as const;
export const ref = (schema: { $id: string }) => ({ $ref: `${schema.$id}#` });
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ref(errorBodySchema)]));
export const idParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } },
} as const;
