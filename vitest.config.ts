import { defineConfig } from 'vitest/config';

/** Unit tests live beside the code; server integration tests use real SQLite files in a temp dir. */
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    include: ['{schemas,shared,server,client}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 20_000,
    // Suites build a seeded server in beforeAll (scrypt hashes, form imports): past 10 s on a busy 2-core machine.
    hookTimeout: 60_000,
  },
});
