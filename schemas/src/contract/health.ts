/** The API contract: health routes (server/src/routes/health.ts). */

import { defineRoute } from './define.js';

const state = (values: string[]) => ({ type: 'string', enum: values }) as const;

const healthSchema = {
  type: 'object',
  required: ['status', 'database', 'storage', 'freeBytes', 'message'],
  properties: {
    status: state(['ok', 'degraded']),
    database: state(['ok', 'error']),
    storage: state(['ok', 'full', 'read-only', 'error']),
    freeBytes: { type: ['integer', 'null'], description: 'Free space on the disk of the data directory' },
    message: { type: ['string', 'null'], description: 'What is wrong, for an administrator' },
  },
} as const;

export const getHealth = defineRoute({
  method: 'GET',
  url: '/api/health',
  tags: ['system'],
  summary: 'Liveness, database and storage check (503 when the disk is full or the data cannot be written)',
  response: { 200: healthSchema, 503: healthSchema },
});
