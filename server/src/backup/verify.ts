import { existsSync, statSync } from 'node:fs';
import { databaseFileFor, manifestPathFor, readManifest, sha256File, type BackupManifest } from './manifest.js';
import { inspectDatabase, type DatabaseFacts } from './inspect.js';
import { checkBackupMedia } from './media.js';

export interface VerifyReport {
  ok: boolean;
  file: string;
  manifest: BackupManifest | null;
  /** Each check in plain words, in the order they ran. */
  checks: { name: string; ok: boolean; message: string }[];
  facts: DatabaseFacts | null;
  durationMs: number;
}

/**
 * Checks a backup without changing it: the manifest exists, the file's size and SHA-256 match it, SQLite's
 * `integrity_check` passes, it is a Kusanya database, and its tables hold the rows the manifest counted.
 */
export async function verifyBackup(
  given: string,
  options: { requireManifest?: boolean; integrity?: boolean } = {},
): Promise<VerifyReport> {
  const t0 = performance.now();
  const file = databaseFileFor(given);
  const checks: VerifyReport['checks'] = [];
  const check = (name: string, ok: boolean, message: string) => (checks.push({ name, ok, message }), ok);
  const done = (facts: DatabaseFacts | null, manifest: BackupManifest | null): VerifyReport => ({
    ok: checks.every((c) => c.ok),
    file,
    manifest,
    checks,
    facts,
    durationMs: Math.round(performance.now() - t0),
  });

  if (!check('file', existsSync(file), existsSync(file) ? `${file} exists` : `${file} does not exist`))
    return done(null, null);
  const manifest = readManifest(manifestPathFor(file));
  if (!manifest) {
    const required = options.requireManifest ?? true;
    check(
      'manifest',
      !required,
      `no manifest next to the file (${manifestPathFor(file)})${required ? '' : ': checksum not verified'}`,
    );
    if (required) return done(null, null);
  } else {
    const bytes = statSync(file).size;
    if (!check('size', bytes === manifest.bytes, `${bytes} bytes (manifest: ${manifest.bytes})`))
      return done(null, manifest);
    const sha = await sha256File(file);
    if (
      !check(
        'sha256',
        sha === manifest.sha256,
        sha === manifest.sha256
          ? `SHA-256 matches (${sha.slice(0, 16)}…)`
          : `SHA-256 is ${sha}, manifest says ${manifest.sha256}`,
      )
    ) {
      return done(null, manifest);
    }
  }
  let facts: DatabaseFacts;
  try {
    facts = inspectDatabase(file, { integrity: options.integrity ?? true });
  } catch (error) {
    check('sqlite', false, `not a readable SQLite database: ${(error as Error).message}`);
    return done(null, manifest);
  }
  if (options.integrity !== false)
    check('integrity', facts.integrity === 'ok', `PRAGMA integrity_check: ${facts.integrity}`);
  check(
    'kusanya',
    facts.schemaVersion > 0,
    facts.schemaVersion > 0
      ? `Kusanya database, schema version ${facts.schemaVersion}`
      : 'not a Kusanya database (no migrations table)',
  );
  if (manifest) {
    const differing = Object.entries(manifest.tables).filter(([t, n]) => facts.tables[t] !== n);
    check(
      'rows',
      differing.length === 0,
      differing.length === 0
        ? `row counts match the manifest (${Object.keys(manifest.tables).length} tables)`
        : `row counts differ: ${differing.map(([t, n]) => `${t} ${facts.tables[t]} ≠ ${n}`).join(', ')}`,
    );
  }
  const media = await checkBackupMedia(file);
  if (media.checked > 0 || manifest?.media)
    check(
      'media',
      media.missing.length === 0 && media.corrupt.length === 0,
      media.missing.length === 0 && media.corrupt.length === 0
        ? `${media.checked} media files present, each matching its SHA-256`
        : [
            media.missing.length > 0
              ? `${media.missing.length} media files missing (${media.missing.slice(0, 3).join(', ')}…)`
              : '',
            media.corrupt.length > 0
              ? `${media.corrupt.length} media files damaged (${media.corrupt.slice(0, 3).join(', ')}…)`
              : '',
          ]
            .filter(Boolean)
            .join('; '),
    );
  return done(facts, manifest);
}
