/** The API contract: health routes (server/src/routes/health.ts). */
import { defineRoute } from './define.js';

const state = (values: string[]) => ({ type: 'string', enum: values }) as const;

/** Off-machine backup copies, for monitoring (never a reason to restart the server; see scripts/supervisor.mjs). */
const backupCopySection = {
  type: 'object',
  required: ['state', 'lastSuccessAt'],
  properties: {
    state: state(['off', 'pending', 'ok', 'failing', 'late']),
    lastSuccessAt: { type: ['string', 'null'], description: 'When the last good copy left this machine.' },
  },
} as const;

const healthSchema = {
  type: 'object',
  required: ['status', 'database', 'storage', 'freeBytes', 'message', 'time', 'backupCopy'],
  properties: {
    status: state(['ok', 'degraded']),
    database: state(['ok', 'error']),
    storage: state(['ok', 'full', 'read-only', 'error']),
    freeBytes: { type: ['integer', 'null'], description: 'Free space on the disk of the data directory' },
    message: { type: ['string', 'null'], description: 'What is wrong, for an administrator' },
    time: { type: 'string', description: "The server's clock (tablets compare theirs with it)." },
    backupCopy: backupCopySection,
  },
} as const;

export const getHealth = defineRoute({
  method: 'GET',
  url: '/api/health',
  tags: ['system'],
  summary:
    'Liveness, database and storage check (503 when the disk is full or the data cannot be written); ' +
    'the state of off-machine backup copies; the server clock',
  response: { 200: healthSchema, 503: healthSchema },
});
