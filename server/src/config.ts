import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppConfig {
  port: number;
  host: string;
  /** Directory holding the SQLite database (and, later, backups). */
  dataDir: string;
  /** Built PWA to serve; absent in API-only setups and tests. */
  clientDir: string | null;
  /** Lifetime of a bearer token. Devices may stay offline for weeks. */
  tokenTtlHours: number;
  /** Login attempts allowed per IP and username per minute. */
  loginRateLimitPerMinute: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seed demo data (sample areas, one user per role) into an empty database. */
  seedDemo: boolean;
  /** Consecutive failed logins for one username before it is locked. */
  loginLockoutAttempts: number;
  /** How long a locked username stays locked. */
  loginLockoutMinutes: number;
  /** Trust X-Forwarded-* from a reverse proxy (needed for HSTS and client IPs behind a TLS proxy). */
  trustProxy: boolean;
  /** Origins allowed to call the API from another site (CORS). Empty: closed. */
  corsOrigins: string[];
  /** Where backups are written; null means DATA_DIR/backups (see `backupDirOf`). */
  backupDir: string | null;
  /** Scheduled backups every N minutes; 0 turns them off. */
  backupIntervalMinutes: number;
  /** How many scheduled backups to keep (oldest removed first). */
  backupKeep: number;
  /** Worker threads that validate pushed records beside the main thread; 0 validates in the push itself. */
  intakeWorkers: number;
  /** A whole request (headers and body) must arrive within this (a stalled upload is cut). */
  requestTimeoutSeconds: number;
  /** A connection that sends and takes nothing for this long is closed (stalled uploads, unread downloads). */
  idleTimeoutSeconds: number;
  /** What one account's pushes may store per day (UTC) and in all (issue 12: one user cannot fill the disk). */
  userQuotaDayMb: number;
  userQuotaTotalMb: number;
  /** Uploads (pushes, imports, attachments) one account may have in flight at once. */
  uploadsPerUser: number;
  /** Off-machine copies: a folder on another disk or a mounted share that receives each backup as it is taken. */
  backupCopyDir: string | null;
  /** Off-machine copies: a shell command run for each backup (KUSANYA_BACKUP_FILE, KUSANYA_BACKUP_MANIFEST set). */
  backupCopyCommand: string | null;
  /** How many copies to keep in BACKUP_COPY_DIR (oldest removed first). */
  backupCopyKeep: number;
  /** The address tablets use (https://…), shown with a QR code on the pairing screen; null: the browser's own. */
  publicUrl: string | null;
  /** Where tablets download the certificate authority to trust (LAN-only server with Caddy's internal CA). */
  caCertificateUrl: string | null;
  /** Largest photo, recording or file one record may carry (Kobo: 10 MB). */
  mediaFileMb: number;
  /** Largest total of one record's media (Kobo: 100 MB). */
  mediaRecordMb: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, key: string, fallback: boolean, problems: string[]) {
  const raw = env[key]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  problems.push(`${key} must be true or false (got "${env[key]}")`);
  return fallback;
}

/** A comma-separated list of exact origins (scheme://host[:port]), e.g. https://mis.example.org. */
function origins(env: NodeJS.ProcessEnv, key: string, problems: string[]): string[] {
  const raw = env[key]?.trim();
  if (!raw) return [];
  const list = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list) {
    let ok: boolean;
    try {
      const url = new URL(origin);
      ok = ['http:', 'https:'].includes(url.protocol) && url.origin === origin;
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`${key} must list origins like https://mis.example.org, without a path (got "${origin}")`);
  }
  return list;
}

/** An absolute http(s) URL without query or fragment, or null when unset. */
function url(env: NodeJS.ProcessEnv, key: string, problems: string[]): string | null {
  const raw = env[key]?.trim();
  if (!raw) return null;
  try {
    const parsed = new URL(raw);
    if (['http:', 'https:'].includes(parsed.protocol) && !parsed.search && !parsed.hash) return raw.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push(`${key} must be an address like https://kusanya.example.org (got "${raw}")`);
  return null;
}

const absolute = (path: string) => (isAbsolute(path) ? path : resolve(process.cwd(), path));

/** Reads and checks the environment; every problem is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const host = env['HOST']?.trim() || '127.0.0.1';
  const logLevel = (env['LOG_LEVEL'] || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const config: AppConfig = {
    port: integer(env, 'PORT', 8080, 0, 65535, problems),
    host,
    dataDir: absolute(env['DATA_DIR'] || resolve(REPO_ROOT, 'data')),
    clientDir: env['CLIENT_DIR'] === '' ? null : absolute(env['CLIENT_DIR'] || resolve(REPO_ROOT, 'client/dist')),
    tokenTtlHours: integer(env, 'TOKEN_TTL_HOURS', 24 * 30, 1, 24 * 365, problems),
    loginRateLimitPerMinute: integer(env, 'LOGIN_RATE_LIMIT', 10, 1, 100_000, problems),
    logLevel,
    seedDemo: boolean(env, 'SEED_DEMO', true, problems),
    loginLockoutAttempts: integer(env, 'LOGIN_LOCKOUT_ATTEMPTS', 5, 1, 1000, problems),
    loginLockoutMinutes: integer(env, 'LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60, problems),
    trustProxy: boolean(env, 'TRUST_PROXY', false, problems),
    corsOrigins: origins(env, 'CORS_ORIGINS', problems),
    backupDir: env['BACKUP_DIR'] ? absolute(env['BACKUP_DIR']) : null,
    backupIntervalMinutes: integer(env, 'BACKUP_INTERVAL_MINUTES', 0, 0, 7 * 24 * 60, problems),
    backupKeep: integer(env, 'BACKUP_KEEP', 14, 1, 10_000, problems),
    // One per spare core: the main thread runs the SQLite transactions.
    intakeWorkers: integer(env, 'INTAKE_WORKERS', Math.min(4, availableParallelism() - 1), 0, 16, problems),
    // A 5 MB push (gzip: ~1 MB) takes ~20 s at 400 kbit/s: two minutes leave room for slow links.
    requestTimeoutSeconds: integer(env, 'REQUEST_TIMEOUT_SECONDS', 120, 1, 3600, problems),
    idleTimeoutSeconds: integer(env, 'IDLE_TIMEOUT_SECONDS', 60, 1, 3600, problems),
    // A household survey is a few KB: 100 MB a day is thousands of records; 2 GB years of them.
    userQuotaDayMb: integer(env, 'USER_QUOTA_DAY_MB', 100, 1, 1_000_000, problems),
    userQuotaTotalMb: integer(env, 'USER_QUOTA_TOTAL_MB', 2048, 1, 10_000_000, problems),
    uploadsPerUser: integer(env, 'UPLOADS_PER_USER', 4, 1, 1000, problems),
    backupCopyDir: env['BACKUP_COPY_DIR']?.trim() ? absolute(env['BACKUP_COPY_DIR'].trim()) : null,
    backupCopyCommand: env['BACKUP_COPY_COMMAND']?.trim() || null,
    backupCopyKeep: 0,
    publicUrl: url(env, 'PUBLIC_URL', problems),
    caCertificateUrl: url(env, 'CA_CERTIFICATE_URL', problems),
    mediaFileMb: integer(env, 'MEDIA_FILE_MB', 10, 1, 4096, problems),
    mediaRecordMb: integer(env, 'MEDIA_RECORD_MB', 100, 1, 100_000, problems),
  };
  config.backupCopyKeep = integer(env, 'BACKUP_COPY_KEEP', config.backupKeep, 1, 10_000, problems);
  if (config.backupCopyDir) {
    const backups = backupDirOf(config);
    const inside = (a: string, b: string) => a === b || a.startsWith(`${b}/`);
    if (
      inside(config.backupCopyDir, backups) ||
      inside(backups, config.backupCopyDir) ||
      inside(config.backupCopyDir, config.dataDir)
    )
      problems.push(
        `BACKUP_COPY_DIR must be another place than the data and backup folders, ideally another disk (got "${config.backupCopyDir}")`,
      );
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

/** Where media live: DATA_DIR/media (blobs by SHA-256, and the uploads still arriving). */
export const mediaDirOf = (config: Pick<AppConfig, 'dataDir'>) => resolve(config.dataDir, 'media');

/** The backup directory: BACKUP_DIR, or `backups` inside the data directory. */
export function backupDirOf(config: Pick<AppConfig, 'backupDir' | 'dataDir'>): string {
  return config.backupDir ?? resolve(config.dataDir, 'backups');
}
