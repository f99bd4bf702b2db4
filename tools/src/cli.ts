/**
 * `npm run cli -- <command>` in a checkout: the server's administration commands (server/src/cli) plus the
 * development tools' own (seed demo data, generate a synthetic registry), which are not part of the product.
 */
import { COMMANDS, runCli } from '@kusanya/server/cli/main';
import { seedDemo, seedSynthetic } from './commands/seed.js';

runCli([...COMMANDS, seedDemo, seedSynthetic]);
