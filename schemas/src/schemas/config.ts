import { ID_BASE } from './common.js';

const int = (minimum: number, maximum: number, description: string, fallback?: number) =>
  ({
    type: 'integer',
    minimum,
    maximum,
    description,
    ...(fallback === undefined ? {} : { default: fallback }),
  }) as const;

/**
 * The server's configuration, read from the environment (server/src/config.ts names the variable of each
 * property). Ranges and defaults live here once: the loader checks each variable against them.
 */
export const appConfigSchema = {
  $id: `${ID_BASE}app-config.json`,
  title: 'AppConfig',
  type: 'object',
  additionalProperties: false,
  required: [
    'port',
    'host',
    'dataDir',
    'clientDir',
    'tokenTtlHours',
    'loginRateLimitPerMinute',
    'logLevel',
    'seedDemo',
    'loginLockoutAttempts',
    'loginLockoutMinutes',
    'trustProxy',
    'corsOrigins',
    'backupDir',
    'backupIntervalMinutes',
    'backupKeep',
    'intakeWorkers',
    'requestTimeoutSeconds',
    'idleTimeoutSeconds',
    'userQuotaDayMb',
    'userQuotaTotalMb',
    'uploadsPerUser',
    'backupCopyDir',
    'backupCopyCommand',
    'backupCopyKeep',
    'publicUrl',
    'caCertificateUrl',
    'mediaFileMb',
    'mediaRecordMb',
  ],
  properties: {
    port: int(0, 65535, 'PORT: where the server listens.', 8080),
    host: { type: 'string', minLength: 1, default: '127.0.0.1', description: 'HOST: the address to listen on.' },
    dataDir: { type: 'string', description: 'DATA_DIR: directory holding the SQLite database (and backups).' },
    clientDir: {
      type: ['string', 'null'],
      description: 'CLIENT_DIR: the built PWA to serve; null (empty) in API-only setups and tests.',
    },
    tokenTtlHours: int(
      1,
      24 * 365,
      'TOKEN_TTL_HOURS: lifetime of a bearer token (devices stay offline for weeks).',
      24 * 30,
    ),
    loginRateLimitPerMinute: int(1, 100_000, 'LOGIN_RATE_LIMIT: login attempts per IP and username per minute.', 10),
    logLevel: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
      description: 'LOG_LEVEL',
    },
    seedDemo: {
      type: 'boolean',
      default: true,
      description: 'SEED_DEMO: seed demo data (sample areas, one user per role) into an empty database.',
    },
    loginLockoutAttempts: int(
      1,
      1000,
      'LOGIN_LOCKOUT_ATTEMPTS: consecutive failed logins before a username is locked.',
      5,
    ),
    loginLockoutMinutes: int(1, 24 * 60, 'LOGIN_LOCKOUT_MINUTES: how long a locked username stays locked.', 15),
    trustProxy: {
      type: 'boolean',
      default: false,
      description: 'TRUST_PROXY: trust X-Forwarded-* from a reverse proxy (HSTS and client IPs behind TLS).',
    },
    corsOrigins: {
      type: 'array',
      items: { type: 'string' },
      description: 'CORS_ORIGINS: origins allowed to call the API from another site. Empty: closed.',
    },
    backupDir: {
      type: ['string', 'null'],
      description: 'BACKUP_DIR: where backups are written; null means DATA_DIR/backups.',
    },
    backupIntervalMinutes: int(
      0,
      7 * 24 * 60,
      'BACKUP_INTERVAL_MINUTES: scheduled backups every N minutes; 0: off.',
      0,
    ),
    backupKeep: int(1, 10_000, 'BACKUP_KEEP: scheduled backups kept (oldest removed first).', 14),
    intakeWorkers: int(0, 16, 'INTAKE_WORKERS: threads validating pushed records; 0 validates in the push itself.'),
    // A 5 MB push (gzip: ~1 MB) takes ~20 s at 400 kbit/s: two minutes leave room for slow links.
    requestTimeoutSeconds: int(1, 3600, 'REQUEST_TIMEOUT_SECONDS: a whole request must arrive within this.', 120),
    idleTimeoutSeconds: int(1, 3600, 'IDLE_TIMEOUT_SECONDS: a connection idle this long is closed.', 60),
    // A household survey is a few KB: 100 MB a day is thousands of records; 2 GB years of them.
    userQuotaDayMb: int(1, 1_000_000, "USER_QUOTA_DAY_MB: what one account's pushes may store per day (UTC).", 100),
    userQuotaTotalMb: int(1, 10_000_000, "USER_QUOTA_TOTAL_MB: what one account's pushes may store in all.", 2048),
    uploadsPerUser: int(1, 1000, 'UPLOADS_PER_USER: uploads one account may have in flight at once.', 4),
    backupCopyDir: {
      type: ['string', 'null'],
      description: 'BACKUP_COPY_DIR: another disk or a mounted share that receives a copy of each backup.',
    },
    backupCopyCommand: {
      type: ['string', 'null'],
      description:
        'BACKUP_COPY_COMMAND: a shell command run for each backup (KUSANYA_BACKUP_FILE, KUSANYA_BACKUP_MANIFEST).',
    },
    backupCopyKeep: int(1, 10_000, 'BACKUP_COPY_KEEP: copies kept in BACKUP_COPY_DIR (default: BACKUP_KEEP).'),
    publicUrl: {
      type: ['string', 'null'],
      description: 'PUBLIC_URL: the address tablets use (https://…), shown with a QR code on the pairing screen.',
    },
    caCertificateUrl: {
      type: ['string', 'null'],
      description: 'CA_CERTIFICATE_URL: where tablets download the certificate authority to trust (LAN-only server).',
    },
    mediaFileMb: int(1, 4096, 'MEDIA_FILE_MB: largest photo, recording or file one record may carry (Kobo: 10).', 10),
    mediaRecordMb: int(1, 100_000, "MEDIA_RECORD_MB: largest total of one record's media (Kobo: 100).", 100),
  },
} as const;
