// ESLint: TypeScript rules everywhere, React hooks rules in the client, and the layout's import boundaries
// (ARCHITECTURE.md): schemas → nothing; shared → schemas; client and server → shared, schemas; in the server,
// routes → use cases → domain and repositories, and better-sqlite3 only in repositories, the database module and
// the backup tools; the product never imports tools/ (which writes through the server's repositories, never SQL
// of its own). Formatting is Prettier's (`npm run format`), so no stylistic rule lives here.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const workspace = (name) => [`@kusanya/${name}`, `@kusanya/${name}/*`];
const sqlite = { name: 'better-sqlite3', message: 'SQL lives in server/src/repositories (and the database module).' };
const nodeBuiltins = { group: ['node:*'], message: 'shared/ and schemas/ run on the device too: no Node APIs.' };
/** The product never depends on the development tools (seeds, synthetic data, test factories). */
const noTools = {
  group: [...workspace('tools'), '**/tools/src/**'],
  message: 'tools/ (seeds, synthetic data, test factories) is not part of the product: the product never imports it.',
};

/** One `no-restricted-imports` entry per part of the layout (a later entry for the same files replaces an earlier one). */
const boundary = (files, { paths = [], patterns = [] }, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      'bench/results/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
      '**/.data/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // Scripts, the CLI's output, tests, benchmarks and e2e support print on purpose.
  {
    files: [
      'scripts/**',
      'bench/**',
      'e2e/**',
      '**/*.test.{ts,tsx}',
      'server/test/**',
      'server/src/cli/**',
      'schemas/scripts/**',
    ],
    rules: { 'no-console': 'off' },
  },

  // ── Boundaries ──────────────────────────────────────────────────────────────────────────────────────────────
  boundary(['schemas/**'], {
    patterns: [
      {
        group: [...workspace('shared'), ...workspace('server'), ...workspace('client')],
        message: 'schemas/ depends on nothing.',
      },
    ],
  }),
  boundary(['shared/**'], {
    paths: [
      sqlite,
      { name: 'react', message: 'shared/ is pure TypeScript.' },
      { name: 'fastify', message: 'shared/ is pure TypeScript.' },
    ],
    patterns: [
      nodeBuiltins,
      { group: [...workspace('server'), ...workspace('client')], message: 'shared/ depends on schemas/ only.' },
    ],
  }),
  boundary(
    ['client/**'],
    {
      paths: [sqlite, { name: 'fastify', message: 'The client never imports server code.' }],
      patterns: [
        {
          group: [...workspace('server'), '**/server/src/**'],
          message: 'The client talks to the server over HTTP only.',
        },
      ],
    },
    ['client/vite.config.ts', 'client/scripts/**'],
  ),
  boundary(
    ['server/src/**'],
    {
      paths: [sqlite],
      patterns: [{ group: [...workspace('client')], message: 'The server never imports client code.' }],
    },
    ['server/src/repositories/**', 'server/src/db/**', 'server/src/backup/**', '**/*.test.ts'],
  ),
  boundary(['server/src/domain/**'], {
    paths: [sqlite, { name: 'fastify', message: 'domain/ holds pure rules: no HTTP.' }],
    patterns: [
      {
        group: ['**/repositories/**', '**/usecases/**', '**/routes/**', '**/plugins/**', '**/db/**', '!@kusanya/**'],
        message: 'domain/ holds pure rules: it imports only other domain modules, shared/ and schemas/.',
      },
    ],
  }),
  boundary(['server/src/repositories/**'], {
    patterns: [
      {
        group: ['**/usecases/**', '**/routes/**', '**/plugins/**'],
        message: 'Repositories store and read; they call no use case and no route.',
      },
    ],
  }),
  boundary(['server/src/usecases/**'], {
    paths: [sqlite],
    patterns: [
      {
        group: ['**/routes/**', '**/plugins/**'],
        message: 'Use cases act for any caller (a route, the CLI, a worker): they know nothing of HTTP routes.',
      },
    ],
  }),
  boundary(['server/src/routes/**'], {
    paths: [sqlite],
    patterns: [
      {
        group: ['**/repositories/**', '**/db/**'],
        message:
          'Routes only wire HTTP: they declare nothing (the contract in schemas/src/contract does) and call use cases, never repositories or SQL.',
      },
      {
        group: ['**/context.js', '**/use-cases.js', '**/app.js'],
        message:
          'A route plugin receives the use cases it calls as its options (app.ts builds them once in use-cases.ts), never the app context.',
      },
    ],
  }),
  // A route is declared once, in the API contract, and registered from it (server/src/plugins/contract.ts).
  {
    files: ['server/src/routes/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^(get|post|put|patch|delete|route)$/][callee.object.name='app']",
          message:
            'Declare the route in schemas/src/contract/ and register it with route(app, contract.x, options, handler).',
        },
      ],
    },
  },
  // The product never imports the tools (its tests beside the code may use the tools' test-data factories).
  {
    files: ['schemas/**', 'shared/**', 'client/**', 'server/src/**'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noTools] }] },
  },
  // The tools write through the server's repositories (bulk loads through repositories/bulk-load.ts), never
  // SQL of their own, and know nothing of the client.
  boundary(
    ['tools/**'],
    {
      paths: [
        { name: 'better-sqlite3', message: "tools/ writes through the server's repositories, never SQL of its own." },
      ],
      patterns: [{ group: [...workspace('client'), '**/client/src/**'], message: 'tools/ never imports client code.' }],
    },
    ['**/*.test.ts'],
  ),
  prettier,
);
