/** `npm run cli -- <command>`: administration from the shell. Works while the server runs (SQLite WAL). */
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config.js';
import { createContext } from '../context.js';
import { createUseCases } from '../use-cases.js';
import { databasePath, openDatabase } from '../db/database.js';
import type { XlsformProblem } from '@kusanya/shared/xlsform/types';
import { AppError } from '../errors.js';
import { describeXlsformProblem } from '../usecases/form-import.js';
import { cliActor } from '../usecases/audit.js';
import { areaImport, areaList } from './commands/areas.js';
import { auditExport, auditList } from './commands/audit.js';
import { importDeviceExportCommand } from './commands/device-export.js';
import { backupCreate, backupList, backupVerify, exportAll, restore } from './commands/backups.js';
import { deviceList, deviceRevoke } from './commands/devices.js';
import { formImport, formList, formPublish, formRetire } from './commands/forms.js';
import { apiTokenAdd, apiTokenList, apiTokenRevoke } from './commands/api-tokens.js';
import { koboAssetList, koboAssetRegister, koboImport } from './commands/kobo.js';
import { upgrade } from './commands/upgrade.js';
import { submissionVersions } from './commands/submissions.js';
import {
  userAdd,
  userDisable,
  userEnable,
  userList,
  userResetPassword,
  userRevokeSessions,
  userSet,
  userUnlock,
} from './commands/users.js';
import { UsageError, type AnyCommand } from './io.js';

/** The administration commands (the tools workspace adds its own to them in a checkout: tools/src/cli.ts). */
export const COMMANDS: AnyCommand[] = [
  userAdd,
  userList,
  userSet,
  userDisable,
  userEnable,
  userResetPassword,
  userUnlock,
  userRevokeSessions,
  areaList,
  areaImport,
  deviceList,
  deviceRevoke,
  formList,
  formImport,
  formPublish,
  formRetire,
  auditList,
  auditExport,
  backupList,
  backupVerify,
  backupCreate,
  restore,
  upgrade,
  exportAll,
  importDeviceExportCommand,
  submissionVersions,
  koboImport,
  koboAssetRegister,
  koboAssetList,
  apiTokenAdd,
  apiTokenList,
  apiTokenRevoke,
];

function help(commands: readonly AnyCommand[]): string {
  return `Usage: npm run cli -- <command>\n\n${commands.map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')}\n\nData directory: $DATA_DIR (default ./data)\n`;
}

function explain(error: unknown, usage: string): number {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`${(error as Error).message}\nUsage: npm run cli -- ${usage}\n`);
    return 2;
  }
  if (error instanceof AppError) {
    const details = (error.details ?? []).map((d) => `  - ${describeDetail(d)}`);
    process.stderr.write(`${error.message}\n${details.join('\n')}\n`);
    return 1;
  }
  throw error;
}

/** One line per problem: XLSForm problems say sheet, row and column; others list their values. */
function describeDetail(detail: unknown): string {
  if (typeof detail !== 'object' || detail === null) return String(detail);
  if ('sheet' in detail && 'message' in detail) return describeXlsformProblem(detail as XlsformProblem);
  return Object.values(detail).join(': ');
}

/** Runs one of `commands` as `argv` names it; resolves to the process's exit code. */
export async function main(argv: string[], commands: readonly AnyCommand[] = COMMANDS): Promise<number> {
  const command =
    commands.find((c) => c.name === argv.slice(0, 2).join(' ')) ?? commands.find((c) => c.name === argv[0]);
  if (!command || argv.includes('--help')) {
    process.stdout.write(help(commands));
    return command || argv.includes('--help') ? 0 : 2;
  }
  const config = loadConfig();
  const args = argv.slice(command.name.split(' ').length);
  const out = (t: string) => process.stdout.write(t);
  if (command.standalone) {
    try {
      await command.run({ config, args, out, err: (t) => process.stderr.write(t) });
      return 0;
    } catch (error) {
      return explain(error, command.usage);
    }
  }
  const db = openDatabase(databasePath(config.dataDir));
  const app = createUseCases(createContext(db, config));
  let note: { target?: string; details?: Record<string, unknown> } = {};
  const record = (outcome: 'success' | 'failure', error?: unknown) => {
    if (!command.audit) return;
    app.audit.record({
      actor: cliActor(),
      action: command.audit,
      outcome,
      target: note.target ?? null,
      details: { ...note.details, ...(error ? { error: (error as Error).message } : {}) },
    });
  };
  try {
    await command.run({
      app,
      config,
      args,
      out,
      note: (n) => (note = { ...note, ...n, details: { ...note.details, ...n.details } }),
    });
    record('success');
    return 0;
  } catch (error) {
    if (error instanceof AppError || error instanceof UsageError) record('failure', error);
    return explain(error, command.usage);
  } finally {
    db.close();
  }
}

/** Runs the CLI on this process's arguments and exits with its code. */
export function runCli(commands: readonly AnyCommand[] = COMMANDS): void {
  main(process.argv.slice(2), commands).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

// Started as a program (not imported by the tools' CLI).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runCli();
