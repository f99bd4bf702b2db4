import { defineConfig } from 'vitest/config';

/**
 * The tests in three tiers, each a Vitest project (or two) that runs alone:
 * - unit (`npm run test:unit`, `npm run test:watch` on save): tests beside the code, in seconds — pure
 *   functions, the form engine, the device's code on RxDB's memory storage (`unit`), and what needs a browser's
 *   globals — the app's React components (client `*.test.tsx`) and `*.dom.test.ts` — in happy-dom (`unit-dom`);
 * - integration (`npm run test:integration`): the server on real SQLite files in a temp dir (server/test);
 * - resilience (`npm run test:resilience`): what survives faults and long runs — backups and restore, the
 *   hostile-input fuzz, SIGKILL during pushes, graceful shutdown, the WAL checkpointer, the CLI as a process, the
 *   supervisor restarting a killed server, a full disk and a read-only data directory, timeouts and quotas.
 * `npm test` runs the three tiers one after the other (scripts/test.mjs).
 */
const RESILIENCE = [
  'server/test/backup.test.ts',
  'server/test/fuzz.test.ts',
  'server/test/crash-recovery.test.ts',
  'server/test/media-crash.test.ts',
  'server/test/media-backup.test.ts',
  'server/test/shutdown.test.ts',
  'server/test/checkpointer.test.ts',
  'server/test/cli.test.ts',
  'server/test/supervisor.test.ts',
  'server/test/storage-errors.test.ts',
  'server/test/bounded-resources.test.ts',
  'server/test/upgrade.test.ts',
  'tools/src/commands/*.test.ts',
];
/** Tests beside the code that need more than the process they run in (worker threads, scratch files). */
const BESIDE_CODE_INTEGRATION = ['tools/src/synthetic/worker-client.test.ts'];
const EXCLUDE = ['**/node_modules/**', '**/dist/**'];

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    pool: 'forks',
    testTimeout: 20_000,
    // Integration suites start a server and seed a database in their hooks; the machine is shared.
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{schemas,shared,client,tools,server/src}/**/*.test.ts'],
          exclude: [...EXCLUDE, ...RESILIENCE, ...BESIDE_CODE_INTEGRATION, '**/*.dom.test.ts'],
          environment: 'node',
          // Threads start faster than processes, and files share one module graph per thread: the unit tier is
          // mostly start-up, and the code holds no module-level state (see the team's guide).
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-dom',
          include: ['client/src/**/*.test.tsx', 'client/src/**/*.dom.test.ts'],
          exclude: EXCLUDE,
          environment: 'happy-dom',
          pool: 'threads',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['server/test/**/*.test.ts', ...BESIDE_CODE_INTEGRATION],
          exclude: [...EXCLUDE, ...RESILIENCE],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'resilience',
          include: RESILIENCE,
          exclude: EXCLUDE,
          environment: 'node',
          // One file at a time: each starts, kills and restarts real server processes, and their timings must
          // not depend on each other.
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
