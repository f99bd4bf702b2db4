/**
 * Messages of the administration API (`/api/admin/...`, admin role only) and of the device key escrow.
 * Response schemas whitelist what leaves the server (never password hashes, tokens or keys of others).
 */
import { ID_BASE, areaCode, isoDateTime, roles, uuid } from './common.js';

const nullableTime = { type: ['string', 'null'], maxLength: 40 } as const;
const username = { type: 'string', minLength: 2, maxLength: 64 } as const;
const password = { type: 'string', minLength: 1, maxLength: 256 } as const;
const areas = { type: 'array', items: areaCode, minItems: 1, maxItems: 5000 } as const;

export const adminUserSchema = {
  $id: `${ID_BASE}admin-user.json`,
  title: 'AdminUser',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'username', 'role', 'areas', 'disabled', 'createdAt', 'passwordChangedAt', 'lockedUntil'],
  properties: {
    id: uuid,
    username: { type: 'string' },
    role: { type: 'string', enum: roles },
    areas: { type: 'array', items: { type: 'string' } },
    disabled: { type: 'boolean' },
    createdAt: { type: 'string' },
    passwordChangedAt: nullableTime,
    lockedUntil: { ...nullableTime, description: 'Set while the account is locked after too many wrong passwords.' },
  },
} as const;

export const adminUserListSchema = {
  $id: `${ID_BASE}admin-user-list.json`,
  title: 'AdminUserList',
  type: 'object',
  additionalProperties: false,
  required: ['users'],
  properties: { users: { type: 'array', items: { $ref: `${ID_BASE}admin-user.json` } } },
} as const;

export const createUserRequestSchema = {
  $id: `${ID_BASE}create-user-request.json`,
  title: 'CreateUserRequest',
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password', 'role', 'areas'],
  properties: { username, password, role: { type: 'string', enum: roles }, areas },
} as const;

export const updateUserRequestSchema = {
  $id: `${ID_BASE}update-user-request.json`,
  title: 'UpdateUserRequest',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { role: { type: 'string', enum: roles }, areas, disabled: { type: 'boolean' } },
} as const;

export const setPasswordRequestSchema = {
  $id: `${ID_BASE}set-password-request.json`,
  title: 'SetPasswordRequest',
  type: 'object',
  additionalProperties: false,
  required: ['password'],
  properties: { password },
} as const;

export const sessionsEndedSchema = {
  $id: `${ID_BASE}sessions-ended.json`,
  title: 'SessionsEnded',
  description: 'How many sessions (tokens) an action ended.',
  type: 'object',
  additionalProperties: false,
  required: ['sessionsEnded'],
  properties: { sessionsEnded: { type: 'integer', minimum: 0 } },
} as const;

export const userChangeResultSchema = {
  $id: `${ID_BASE}user-change-result.json`,
  title: 'UserChangeResult',
  type: 'object',
  additionalProperties: false,
  required: ['user', 'sessionsEnded'],
  properties: { user: { $ref: `${ID_BASE}admin-user.json` }, sessionsEnded: { type: 'integer', minimum: 0 } },
} as const;

export const areaSchema = {
  $id: `${ID_BASE}area.json`,
  title: 'Area',
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'level', 'parentCode', 'scheme', 'validFrom', 'validTo', 'isSample'],
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    level: { type: 'string', enum: ['country', 'province', 'commune', 'zone', 'colline'] },
    parentCode: { type: ['string', 'null'] },
    scheme: { type: 'string' },
    validFrom: { type: ['string', 'null'] },
    validTo: { type: ['string', 'null'] },
    isSample: { type: 'boolean' },
    koboCode: {
      type: ['string', 'null'],
      description: "KoboToolbox's code (colline: 7 digits PPCCZCC, leading zeros may be dropped).",
    },
    openimisCode: { type: ['string', 'null'], description: "openIMIS's code (colline: 6 digits, no zone digit)." },
  },
} as const;

export const areaListSchema = {
  $id: `${ID_BASE}area-list.json`,
  title: 'AreaList',
  type: 'object',
  additionalProperties: false,
  required: ['areas'],
  properties: { areas: { type: 'array', items: { $ref: `${ID_BASE}area.json` } } },
} as const;

export const areaQuerySchema = {
  $id: `${ID_BASE}area-query.json`,
  title: 'AreaQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    level: { type: 'string', enum: ['country', 'province', 'commune', 'zone', 'colline'] },
    parent: areaCode,
  },
} as const;

const levelCounts = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'province', 'commune', 'zone', 'colline'],
  properties: Object.fromEntries(
    ['country', 'province', 'commune', 'zone', 'colline'].map((l) => [l, { type: 'integer', minimum: 0 }]),
  ) as Record<'country' | 'province' | 'commune' | 'zone' | 'colline', { type: 'integer'; minimum: 0 }>,
} as const;

export const areaImportReportSchema = {
  $id: `${ID_BASE}area-import-report.json`,
  title: 'AreaImportReport',
  description: 'What importing a location CSV would do (preview) or did (commit), with every problem found.',
  type: 'object',
  additionalProperties: false,
  required: [
    'ok',
    'committed',
    'rows',
    'create',
    'update',
    'unchanged',
    'byLevel',
    'problems',
    'changes',
    'sampleInDatabase',
  ],
  properties: {
    ok: { type: 'boolean' },
    committed: { type: 'boolean' },
    rows: { type: 'integer' },
    create: { type: 'integer' },
    update: { type: 'integer' },
    unchanged: { type: 'integer' },
    byLevel: levelCounts,
    problems: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['row', 'column', 'message'],
        properties: { row: { type: 'integer' }, column: { type: 'string' }, message: { type: 'string' } },
      },
    },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'location'],
        properties: {
          kind: { type: 'string', enum: ['create', 'update'] },
          location: { $ref: `${ID_BASE}area.json` },
          before: { $ref: `${ID_BASE}area.json` },
        },
      },
    },
    sampleInDatabase: { type: 'boolean' },
  },
} as const;

export const adminDeviceSchema = {
  $id: `${ID_BASE}admin-device.json`,
  title: 'AdminDevice',
  type: 'object',
  additionalProperties: false,
  required: [
    'deviceId',
    'user',
    'firstSeenAt',
    'lastSeenAt',
    'lastSyncAt',
    'lastStatus',
    'appVersion',
    'queue',
    'ip',
    'revokedAt',
    'activeSessions',
  ],
  properties: {
    deviceId: { type: 'string' },
    user: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'username', 'role'],
      properties: { id: { type: 'string' }, username: { type: 'string' }, role: { type: 'string', enum: roles } },
    },
    firstSeenAt: { type: 'string' },
    lastSeenAt: { type: 'string' },
    lastSyncAt: nullableTime,
    lastStatus: { type: ['integer', 'null'] },
    appVersion: { type: ['string', 'null'] },
    queue: { type: ['integer', 'null'], description: 'Records waiting on the device, as it last reported.' },
    ip: { type: ['string', 'null'] },
    revokedAt: nullableTime,
    activeSessions: { type: 'integer', minimum: 0 },
    lastImport: {
      type: 'object',
      additionalProperties: false,
      required: ['importedAt', 'records', 'newRecords'],
      description:
        'The last rescue file (device export) of this device and user imported on the server: when, how many records it held and how many were new, and what became of its photos and files (absent when it carried none).',
      properties: {
        importedAt: { type: 'string', maxLength: 40 },
        records: { type: 'integer', minimum: 0 },
        newRecords: { type: 'integer', minimum: 0 },
        media: {
          type: 'object',
          additionalProperties: false,
          required: ['stored', 'alreadyThere', 'refused'],
          properties: {
            stored: { type: 'integer', minimum: 0 },
            alreadyThere: { type: 'integer', minimum: 0 },
            refused: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
  },
} as const;

export const adminDeviceListSchema = {
  $id: `${ID_BASE}admin-device-list.json`,
  title: 'AdminDeviceList',
  type: 'object',
  additionalProperties: false,
  required: ['devices'],
  properties: { devices: { type: 'array', items: { $ref: `${ID_BASE}admin-device.json` } } },
} as const;

export const adminFormVersionSchema = {
  $id: `${ID_BASE}admin-form-version.json`,
  title: 'AdminFormVersion',
  type: 'object',
  additionalProperties: false,
  required: ['formId', 'version', 'status', 'publishedAt', 'title', 'questions', 'submissions'],
  properties: {
    formId: { type: 'string' },
    version: { type: 'string' },
    status: { type: 'string', enum: ['published', 'retired'] },
    publishedAt: { type: 'string' },
    title: { $ref: `${ID_BASE}localized-text.json` },
    questions: { type: 'integer', minimum: 0 },
    submissions: { type: 'integer', minimum: 0, description: 'Records captured with this version.' },
  },
} as const;

export const adminFormListSchema = {
  $id: `${ID_BASE}admin-form-list.json`,
  title: 'AdminFormList',
  type: 'object',
  additionalProperties: false,
  required: ['forms'],
  properties: { forms: { type: 'array', items: { $ref: `${ID_BASE}admin-form-version.json` } } },
} as const;

export const formChangeResultSchema = {
  $id: `${ID_BASE}form-change-result.json`,
  title: 'FormChangeResult',
  type: 'object',
  additionalProperties: false,
  required: ['formId', 'version', 'outcome'],
  properties: {
    formId: { type: 'string' },
    version: { type: 'string' },
    outcome: { type: 'string', enum: ['published', 'retired', 'unchanged'] },
  },
} as const;

const outcome = { type: 'string', enum: ['success', 'denied', 'failure'] } as const;

export const auditEntrySchema = {
  $id: `${ID_BASE}audit-entry.json`,
  title: 'AuditEntry',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'at',
    'actorId',
    'actor',
    'role',
    'action',
    'method',
    'route',
    'target',
    'status',
    'outcome',
    'deviceId',
    'ip',
    'requestId',
    'details',
  ],
  properties: {
    id: { type: 'integer' },
    at: { type: 'string' },
    actorId: { type: ['string', 'null'] },
    actor: { type: ['string', 'null'] },
    role: { type: ['string', 'null'] },
    action: { type: 'string' },
    method: { type: ['string', 'null'] },
    route: { type: ['string', 'null'] },
    target: { type: ['string', 'null'] },
    targetName: {
      type: 'string',
      description: 'The target in words where it has a name: the user’s name, the grievance’s code (audit view only).',
    },
    status: { type: ['integer', 'null'] },
    outcome,
    deviceId: { type: ['string', 'null'] },
    ip: { type: ['string', 'null'] },
    requestId: { type: ['string', 'null'] },
    details: { type: ['object', 'null'], additionalProperties: true },
  },
} as const;

export const auditQuerySchema = {
  $id: `${ID_BASE}audit-query.json`,
  title: 'AuditQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    from: isoDateTime,
    to: isoDateTime,
    actor: { type: 'string', minLength: 1, maxLength: 80 },
    action: { type: 'string', minLength: 1, maxLength: 120 },
    outcome,
    deviceId: { type: 'string', minLength: 1, maxLength: 160 },
    before: { type: 'integer', minimum: 1 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    format: { type: 'string', enum: ['csv', 'jsonl'], description: 'Export only.' },
  },
} as const;

export const auditPageSchema = {
  $id: `${ID_BASE}audit-page.json`,
  title: 'AuditPage',
  type: 'object',
  additionalProperties: false,
  required: ['entries', 'next'],
  properties: {
    entries: { type: 'array', items: { $ref: `${ID_BASE}audit-entry.json` } },
    next: { type: ['integer', 'null'], description: 'Pass as `before` for the next (older) page; null at the end.' },
  },
} as const;

export const backupInfoSchema = {
  $id: `${ID_BASE}backup-info.json`,
  title: 'BackupInfo',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'file', 'sha256', 'bytes', 'createdAt', 'durationMs', 'trigger', 'schemaVersion', 'tables'],
  properties: {
    name: { type: 'string' },
    file: { type: 'string' },
    sha256: { type: 'string' },
    bytes: { type: 'integer' },
    createdAt: { type: 'string' },
    durationMs: { type: 'integer' },
    trigger: { type: 'string', enum: ['cli', 'schedule', 'admin', 'upgrade'] },
    schemaVersion: { type: 'integer' },
    tables: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const;

export const backupCopyAttemptSchema = {
  $id: `${ID_BASE}backup-copy-attempt.json`,
  title: 'BackupCopyAttempt',
  description: 'One attempt to copy a backup off the machine (BACKUP_COPY_DIR or BACKUP_COPY_COMMAND).',
  type: 'object',
  additionalProperties: false,
  required: ['backup', 'target', 'startedAt', 'finishedAt', 'outcome', 'bytes', 'message'],
  properties: {
    backup: { type: 'string' },
    target: { type: 'string', enum: ['folder', 'command'] },
    startedAt: { type: 'string' },
    finishedAt: { type: 'string' },
    outcome: { type: 'string', enum: ['success', 'failure'] },
    bytes: { type: ['integer', 'null'] },
    message: { type: 'string' },
  },
} as const;

export const backupCopyStatusSchema = {
  $id: `${ID_BASE}backup-copy-status.json`,
  title: 'BackupCopyStatus',
  description:
    'Off-machine copies: off (none configured), pending (no good copy yet), ok, failing (the last attempt failed), late (no good copy for two backup intervals).',
  type: 'object',
  additionalProperties: false,
  required: [
    'state',
    'targets',
    'folder',
    'lastSuccessAt',
    'lastSuccessBackup',
    'lastFailureAt',
    'lastError',
    'running',
    'recent',
  ],
  properties: {
    state: { type: 'string', enum: ['off', 'pending', 'ok', 'failing', 'late'] },
    targets: { type: 'array', items: { type: 'string', enum: ['folder', 'command'] } },
    folder: { type: ['string', 'null'] },
    lastSuccessAt: { type: ['string', 'null'] },
    lastSuccessBackup: { type: ['string', 'null'] },
    lastFailureAt: { type: ['string', 'null'] },
    lastError: { type: ['string', 'null'] },
    running: { type: 'boolean' },
    recent: { type: 'array', items: { $ref: `${ID_BASE}backup-copy-attempt.json` } },
  },
} as const;

export const backupCopyResultSchema = {
  $id: `${ID_BASE}backup-copy-result.json`,
  title: 'BackupCopyResult',
  type: 'object',
  additionalProperties: false,
  required: ['attempts'],
  properties: { attempts: { type: 'array', items: { $ref: `${ID_BASE}backup-copy-attempt.json` } } },
} as const;

export const backupListSchema = {
  $id: `${ID_BASE}backup-list.json`,
  title: 'BackupList',
  type: 'object',
  additionalProperties: false,
  required: ['dir', 'intervalMinutes', 'keep', 'running', 'backups', 'copies'],
  properties: {
    copies: { $ref: `${ID_BASE}backup-copy-status.json` },
    dir: { type: 'string' },
    intervalMinutes: { type: 'integer', description: '0: no scheduled backups.' },
    keep: { type: 'integer' },
    running: { type: 'boolean' },
    backups: { type: 'array', items: { $ref: `${ID_BASE}backup-info.json` } },
  },
} as const;

export const backupVerifySchema = {
  $id: `${ID_BASE}backup-verify.json`,
  title: 'BackupVerify',
  type: 'object',
  additionalProperties: false,
  required: ['ok', 'checks', 'durationMs'],
  properties: {
    ok: { type: 'boolean' },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'ok', 'message'],
        properties: { name: { type: 'string' }, ok: { type: 'boolean' }, message: { type: 'string' } },
      },
    },
    durationMs: { type: 'integer' },
  },
} as const;

export const deviceKeyResponseSchema = {
  $id: `${ID_BASE}device-key-response.json`,
  title: 'DeviceKeyResponse',
  description: "This user's escrowed key for this device (see client/src/auth/keyring.ts).",
  type: 'object',
  additionalProperties: false,
  required: ['key'],
  properties: { key: { type: 'string', minLength: 43, maxLength: 43 } },
} as const;

export const pairingInfoSchema = {
  $id: `${ID_BASE}pairing-info.json`,
  title: 'PairingInfo',
  description: 'What the pairing screen shows: the address tablets open (as a QR code) and how this request arrived.',
  type: 'object',
  additionalProperties: false,
  required: ['address', 'configured', 'requestProtocol', 'caCertificateUrl', 'serverTime'],
  properties: {
    address: { type: 'string', description: 'PUBLIC_URL, or the address this request came to.' },
    configured: { type: 'boolean', description: 'Whether the address comes from PUBLIC_URL.' },
    requestProtocol: {
      type: 'string',
      enum: ['http', 'https'],
      description: 'As the server saw it (behind a proxy, only with TRUST_PROXY=true).',
    },
    caCertificateUrl: {
      type: ['string', 'null'],
      description: "CA_CERTIFICATE_URL: the LAN server's certificate authority for the tablets to trust.",
    },
    serverTime: { type: 'string' },
  },
} as const;
