/** The API contract: admin backups routes (server/src/routes/admin/backups.ts). */
import { backupCopyResultSchema, backupInfoSchema, backupListSchema, backupVerifySchema } from '../schemas.js';
import { defineRoute, errors, ref } from './define.js';

const nameParams = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', pattern: '^kusanya-\\d{8}-\\d{6}(-\\d{1,3})?$' } },
} as const;

export const getAdminBackups = defineRoute({
  method: 'GET',
  url: '/api/admin/backups',
  tags: ['admin'],
  summary: 'Backups in BACKUP_DIR, newest first, and the schedule',
  response: { 200: ref(backupListSchema), ...errors(401, 403) },
});

export const postAdminBackupsByNameCopy = defineRoute({
  method: 'POST',
  url: '/api/admin/backups/:name/copy',
  tags: ['admin'],
  summary: 'Copy a backup off the machine now (BACKUP_COPY_DIR / BACKUP_COPY_COMMAND); answers with each attempt',
  params: nameParams,
  response: { 200: ref(backupCopyResultSchema), ...errors(400, 401, 403, 404, 409) },
});

export const postAdminBackups = defineRoute({
  method: 'POST',
  url: '/api/admin/backups',
  tags: ['admin'],
  summary: 'Back up now (online: the server keeps serving); answers when the backup is written and checked',
  response: { 201: ref(backupInfoSchema), ...errors(401, 403, 409) },
});

export const postAdminBackupsByNameVerify = defineRoute({
  method: 'POST',
  url: '/api/admin/backups/:name/verify',
  tags: ['admin'],
  summary: 'Verify a backup: manifest, size, SHA-256, integrity_check, row counts',
  params: nameParams,
  response: { 200: ref(backupVerifySchema), ...errors(400, 401, 403, 404) },
});

export const getAdminBackupsByNameFile = defineRoute({
  method: 'GET',
  url: '/api/admin/backups/:name/file',
  tags: ['admin'],
  summary: 'Download a backup (the whole SQLite database); recorded in the audit log as an export',
  params: nameParams,
  produces: ['application/vnd.sqlite3'],
  response: { 200: { type: 'string', format: 'binary' }, ...errors(400, 401, 403, 404) },
});
