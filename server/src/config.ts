import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appConfigSchema, type AppConfig } from '@kusanya/schemas';

/** The server's configuration: its type and every range and default come from the schema (schemas: AppConfig). */
export type { AppConfig };
type Ranged = { [K in keyof AppConfig]: AppConfig[K] extends number ? K : never }[keyof AppConfig];
const property = appConfigSchema.properties;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOG_LEVELS = property.logLevel.enum;

/** A whole number in the schema's range for `name`; its default when the variable is unset. */
function integer(env: NodeJS.ProcessEnv, key: string, name: Ranged, problems: string[], computed?: number): number {
  const spec = property[name];
  const fallback = computed ?? (spec as { default?: number }).default ?? 0;
  const [min, max] = [spec.minimum, spec.maximum];
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, key: string, name: 'seedDemo' | 'trustProxy', problems: string[]) {
  const fallback = property[name].default;
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
  const host = env['HOST']?.trim() || property.host.default;
  const logLevel = (env['LOG_LEVEL'] || property.logLevel.default) as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const config: AppConfig = {
    port: integer(env, 'PORT', 'port', problems),
    host,
    dataDir: absolute(env['DATA_DIR'] || resolve(REPO_ROOT, 'data')),
    clientDir: env['CLIENT_DIR'] === '' ? null : absolute(env['CLIENT_DIR'] || resolve(REPO_ROOT, 'client/dist')),
    tokenTtlHours: integer(env, 'TOKEN_TTL_HOURS', 'tokenTtlHours', problems),
    loginRateLimitPerMinute: integer(env, 'LOGIN_RATE_LIMIT', 'loginRateLimitPerMinute', problems),
    logLevel,
    seedDemo: boolean(env, 'SEED_DEMO', 'seedDemo', problems),
    loginLockoutAttempts: integer(env, 'LOGIN_LOCKOUT_ATTEMPTS', 'loginLockoutAttempts', problems),
    loginLockoutMinutes: integer(env, 'LOGIN_LOCKOUT_MINUTES', 'loginLockoutMinutes', problems),
    trustProxy: boolean(env, 'TRUST_PROXY', 'trustProxy', problems),
    corsOrigins: origins(env, 'CORS_ORIGINS', problems),
    backupDir: env['BACKUP_DIR'] ? absolute(env['BACKUP_DIR']) : null,
    backupIntervalMinutes: integer(env, 'BACKUP_INTERVAL_MINUTES', 'backupIntervalMinutes', problems),
    backupKeep: integer(env, 'BACKUP_KEEP', 'backupKeep', problems),
    // One per spare core: the main thread runs the SQLite transactions.
    intakeWorkers: integer(env, 'INTAKE_WORKERS', 'intakeWorkers', problems, Math.min(4, availableParallelism() - 1)),
    requestTimeoutSeconds: integer(env, 'REQUEST_TIMEOUT_SECONDS', 'requestTimeoutSeconds', problems),
    idleTimeoutSeconds: integer(env, 'IDLE_TIMEOUT_SECONDS', 'idleTimeoutSeconds', problems),
    userQuotaDayMb: integer(env, 'USER_QUOTA_DAY_MB', 'userQuotaDayMb', problems),
    userQuotaTotalMb: integer(env, 'USER_QUOTA_TOTAL_MB', 'userQuotaTotalMb', problems),
    uploadsPerUser: integer(env, 'UPLOADS_PER_USER', 'uploadsPerUser', problems),
    backupCopyDir: env['BACKUP_COPY_DIR']?.trim() ? absolute(env['BACKUP_COPY_DIR'].trim()) : null,
    backupCopyCommand: env['BACKUP_COPY_COMMAND']?.trim() || null,
    backupCopyKeep: 0,
    publicUrl: url(env, 'PUBLIC_URL', problems),
    caCertificateUrl: url(env, 'CA_CERTIFICATE_URL', problems),
    mediaFileMb: integer(env, 'MEDIA_FILE_MB', 'mediaFileMb', problems),
    mediaRecordMb: integer(env, 'MEDIA_RECORD_MB', 'mediaRecordMb', problems),
  };
  config.backupCopyKeep = integer(env, 'BACKUP_COPY_KEEP', 'backupCopyKeep', problems, config.backupKeep);
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
