import { parseArgs } from 'node:util';
import { backupDirOf } from '../../config.js';
import { listBackups, pruneBackups } from '../../backup/create.js';
import { restoreBackup } from '../../backup/restore.js';
import { verifyBackup } from '../../backup/verify.js';
import { standaloneUseCases } from '../../use-cases.js';
import { databasePath, openDatabase } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { cliActor } from '../../usecases/audit.js';
import { size, table, UsageError, type Command, type StandaloneCommand } from '../io.js';

export const backupCreate: Command = {
  name: 'backup',
  usage: 'backup [--dir DIR] [--keep N] [--json]',
  summary:
    'Back up the database now (online: the server may keep running), with a SHA-256 manifest; --keep N prunes older backups',
  audit: 'backup.create',
  async run({ app, config, args, out, note }) {
    const { values } = parseArgs({
      args,
      options: { dir: { type: 'string' }, keep: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const keep = values.keep === undefined ? null : Number(values.keep);
    if (keep !== null && (!Number.isInteger(keep) || keep < 1))
      throw new UsageError('--keep is a whole number of backups to keep, at least 1');
    const dir = values.dir ?? backupDirOf(config);
    const manifest = await app.backups.into(dir);
    const pruned = keep === null ? [] : pruneBackups(dir, keep);
    // Off the machine as well, when BACKUP_COPY_DIR / BACKUP_COPY_COMMAND say where.
    const copies = app.backups.copies.configured ? await app.backups.copies.ship(manifest) : [];
    note({
      target: manifest.file,
      details: { bytes: manifest.bytes, durationMs: manifest.durationMs, pruned, copies: copies.map((c) => c.outcome) },
    });
    if (values.json) {
      out(`${JSON.stringify({ ...manifest, pruned, copies })}\n`);
      return;
    }
    for (const c of copies)
      out(
        `${c.outcome === 'success' ? 'Copied off the machine' : 'WARNING: the copy off the machine FAILED'} (${c.target}): ${c.message}\n`,
      );
    out(
      `Backup written: ${manifest.path}\n  ${size(manifest.bytes)} in ${(manifest.durationMs / 1000).toFixed(1)} s, SHA-256 ${manifest.sha256}\n  integrity_check ok; manifest ${manifest.path.replace(/\.sqlite$/, '.manifest.json')}\n`,
    );
    if (pruned.length > 0) out(`  removed ${pruned.length} older backup(s): ${pruned.join(', ')}\n`);
  },
};

export const backupList: StandaloneCommand = {
  name: 'backup list',
  usage: 'backup list [--dir DIR] [--json]',
  summary: 'List complete backups (those with a manifest), newest first',
  standalone: true,
  async run({ config, args, out }) {
    const { values } = parseArgs({
      args,
      options: { dir: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const backups = listBackups(values.dir ?? backupDirOf(config));
    if (values.json) {
      out(`${JSON.stringify(backups)}\n`);
      return;
    }
    out(
      table(
        ['file', 'created', 'size', 'by', 'sha256'],
        backups.map((b) => [b.file, b.createdAt, size(b.bytes), b.trigger, `${b.sha256.slice(0, 16)}…`]),
      ),
    );
  },
};

export const backupVerify: StandaloneCommand = {
  name: 'backup verify',
  usage: 'backup verify FILE [--json]',
  summary: 'Check a backup without changing it: manifest, size, SHA-256, PRAGMA integrity_check, row counts',
  standalone: true,
  async run({ args, out }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
    if (!positionals[0]) throw new UsageError('Give the backup file (.sqlite or .manifest.json)');
    const report = await verifyBackup(positionals[0]);
    if (values.json)
      out(
        `${JSON.stringify({ ok: report.ok, file: report.file, checks: report.checks, durationMs: report.durationMs, tables: report.facts?.tables ?? null })}\n`,
      );
    else {
      for (const c of report.checks) out(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.message}\n`);
      out(
        `${report.ok ? 'The backup is good' : 'The backup is NOT usable'} (${(report.durationMs / 1000).toFixed(1)} s)\n`,
      );
    }
    if (!report.ok) throw new AppError('validation-failed', 'Backup verification failed.');
  },
};

export const restore: StandaloneCommand = {
  name: 'restore',
  usage: 'restore FILE [--without-manifest] [--json]',
  summary: 'Replace the database with a backup, after checking it (SHA-256, integrity_check). Stop the server first.',
  standalone: true,
  async run({ config, args, out, err }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'without-manifest': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    });
    if (!positionals[0]) throw new UsageError('Give the backup file (.sqlite or .manifest.json)');
    const report = await restoreBackup(config.dataDir, positionals[0], {
      requireManifest: !values['without-manifest'],
      onStep: (message) => err(`… ${message}\n`),
    });
    // The restored database records that it was restored (its own log ends at the backup's time otherwise).
    const db = openDatabase(databasePath(config.dataDir));
    try {
      standaloneUseCases(db, config).audit.record({
        actor: cliActor(),
        action: 'backup.restore',
        outcome: 'success',
        target: report.restoredFrom,
        details: {
          previousSavedAs: report.previousSavedAs,
          migrated: report.migrated,
          sessionsEnded: report.sessionsEnded,
          sha256: report.verification.manifest?.sha256 ?? null,
        },
      });
    } finally {
      db.close();
    }
    if (values.json) {
      out(
        `${JSON.stringify({ restoredFrom: report.restoredFrom, previousSavedAs: report.previousSavedAs, sessionsEnded: report.sessionsEnded, migrated: report.migrated, integrity: report.facts.integrity, tables: report.facts.tables, durationMs: report.durationMs })}\n`,
      );
      return;
    }
    out(
      `Restored ${report.restoredFrom} into ${databasePath(config.dataDir)} (${(report.durationMs / 1000).toFixed(1)} s).\n`,
    );
    out(
      `  integrity_check: ${report.facts.integrity}; ${Object.entries(report.facts.tables)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}\n`,
    );
    if (report.previousSavedAs)
      out(`  The previous database was kept as ${report.previousSavedAs} (delete it once you are sure).\n`);
    if (report.migrated.length > 0) out(`  Applied newer migrations: ${report.migrated.join(', ')}\n`);
  },
};

export const exportAll: Command = {
  name: 'export',
  usage: 'export DIR [--json]',
  summary:
    'Exit export: a consistent SQLite copy plus every table as CSV, the schema (SQL) and a SHA-256 manifest, in DIR',
  audit: 'export.full',
  async run({ app, args, out, note }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
    if (!positionals[0]) throw new UsageError('Give the directory to write the export into');
    const report = await app.backups.exportAll(positionals[0]);
    note({
      target: report.dir,
      details: { tables: report.files.length, rows: report.files.reduce((n, f) => n + f.rows, 0) },
    });
    if (values.json) {
      out(`${JSON.stringify(report)}\n`);
      return;
    }
    out(
      `Exported to ${report.dir} in ${(report.durationMs / 1000).toFixed(1)} s:\n  ${report.database} (the whole SQLite database)\n`,
    );
    for (const f of report.files) out(`  ${f.file.padEnd(28)} ${String(f.rows).padStart(9)} rows  ${size(f.bytes)}\n`);
    out('  schema.sql, manifest.json (SHA-256 of every file)\n');
  },
};
