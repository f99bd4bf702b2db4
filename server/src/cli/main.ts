/** `npm run cli -- <command>`: administration from the shell. Works while the server runs (SQLite WAL). */
import { loadConfig } from '../config.js';
import { createContext } from '../context.js';
import { databasePath, openDatabase } from '../db/database.js';
import type { XlsformProblem } from '@kusanya/shared/xlsform/types';
import { AppError } from '../errors.js';
import { describeXlsformProblem } from '../services/form-import.js';
import { areaList } from './commands/areas.js';
import { formImport, formList } from './commands/forms.js';
import { koboImport } from './commands/kobo.js';
import { seedSynthetic } from './commands/seed.js';
import { userAdd, userDisable, userList } from './commands/users.js';
import { UsageError, type Command } from './io.js';

const COMMANDS: Command[] = [userAdd, userList, userDisable, areaList, formImport, formList, seedSynthetic, koboImport];

function help(): string {
  return `Usage: npm run cli -- <command>\n\n${COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')}\n\nData directory: $DATA_DIR (default ./data)\n`;
}

/** One line per problem: XLSForm problems say sheet, row and column; others list their values. */
function describeDetail(detail: unknown): string {
  if (typeof detail !== 'object' || detail === null) return String(detail);
  if ('sheet' in detail && 'message' in detail) return describeXlsformProblem(detail as XlsformProblem);
  return Object.values(detail).join(': ');
}

async function main(argv: string[]): Promise<number> {
  const command = COMMANDS.find((c) => c.name === argv.slice(0, 2).join(' ')) ?? COMMANDS.find((c) => c.name === argv[0]);
  if (!command || argv.includes('--help')) {
    process.stdout.write(help());
    return command || argv.includes('--help') ? 0 : 2;
  }
  const config = loadConfig();
  const db = openDatabase(databasePath(config.dataDir));
  try {
    const args = argv.slice(command.name.split(' ').length);
    await command.run({ ctx: createContext(db, config), args, out: (t) => process.stdout.write(t) });
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\nUsage: npm run cli -- ${command.usage}\n`);
      return 2;
    }
    if (error instanceof AppError) {
      const details = (error.details ?? []).map((d) => `  - ${describeDetail(d)}`);
      process.stderr.write(`${error.message}\n${details.join('\n')}\n`);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
