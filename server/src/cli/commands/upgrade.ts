import { parseArgs } from 'node:util';
import { backupDirOf } from '../../config.js';
import { rollbackSteps, upgradeDatabase } from '../../backup/upgrade.js';
import { standaloneUseCases } from '../../use-cases.js';
import { databasePath, openDatabase } from '../../db/database.js';
import { cliActor } from '../../usecases/audit.js';
import { size, type StandaloneCommand } from '../io.js';

/**
 * `upgrade`: after installing a new version, with the server stopped. Takes a verified backup, applies the
 * migrations, checks the database, ships the backup off the machine when copies are configured, and prints how
 * to roll back. `--if-needed` is quiet when there is nothing to do (the systemd unit and the container run it at
 * every start).
 */
export const upgrade: StandaloneCommand = {
  name: 'upgrade',
  usage: 'upgrade [--dry-run] [--if-needed] [--json]',
  summary:
    'After installing a new version, server stopped: verified backup, then the database migrations, then an integrity check; prints how to roll back',
  standalone: true,
  async run({ config, args, out, err }) {
    const { values } = parseArgs({
      args,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'if-needed': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    const quiet = values['if-needed'] || values.json;
    const report = await upgradeDatabase(config.dataDir, {
      backupDir: backupDirOf(config),
      dryRun: values['dry-run'],
      onStep: (message) => err(`… ${message}\n`),
    });
    if (report.outcome !== 'upgraded') {
      if (values.json) out(`${JSON.stringify(report)}\n`);
      else if (report.outcome === 'planned')
        out(
          `The database (schema ${report.fromVersion}) needs ${report.pending.length} migration(s):\n${report.pending
            .map((m) => `  ${String(m.version).padStart(3, '0')} ${m.name}\n`)
            .join('')}Run without --dry-run to back up and apply them.\n`,
        );
      else if (!quiet)
        out(
          report.outcome === 'no-database'
            ? `No database in ${config.dataDir} yet: it is created at the first start.\n`
            : `The database is up to date (schema ${report.fromVersion}); nothing to do.\n`,
        );
      return;
    }

    // The upgraded database records its upgrade, and the backup leaves the machine like every other.
    const db = openDatabase(databasePath(config.dataDir));
    const shell = standaloneUseCases(db, config);
    let copies: Awaited<ReturnType<typeof shell.copies.ship>> = [];
    try {
      shell.audit.record({
        actor: cliActor(),
        action: 'system.upgrade',
        outcome: 'success',
        target: report.backup!.file,
        details: { from: report.fromVersion, to: report.toVersion, applied: report.applied },
      });
      if (shell.copies.configured) {
        err('… copying the backup off the machine\n');
        copies = await shell.copies.ship(report.backup!);
      }
    } finally {
      db.close();
    }
    if (values.json) {
      out(`${JSON.stringify({ ...report, copies, rollback: rollbackSteps(report.backup!.path) })}\n`);
      return;
    }
    const backup = report.backup!;
    out(
      [
        `Upgraded the database from schema ${report.fromVersion} to ${report.toVersion} (${(report.durationMs / 1000).toFixed(1)} s).`,
        `  1. backup taken and verified: ${backup.path} (${size(backup.bytes)}, SHA-256 ${backup.sha256.slice(0, 16)}…)`,
        `  2. migrations applied: ${report.applied.join(', ')}`,
        `  3. integrity_check: ${report.integrity}; no table lost rows (${report.tables.length} tables checked)`,
        ...copies.map((c) => `  copy (${c.target}): ${c.outcome === 'success' ? 'done' : 'FAILED'}: ${c.message}`),
        '',
        'To roll back to the previous version:',
        ...rollbackSteps(backup.path).map((s, i) => `  ${i + 1}. ${s}`),
        '',
      ].join('\n'),
    );
  },
};
