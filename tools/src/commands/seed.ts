import { UsageError, type Command, type StandaloneCommand } from '@kusanya/server/cli/io';
import { databasePath, openDatabase, type Db } from '@kusanya/server/db/database';
import { formsRepository } from '@kusanya/server/repositories/forms';
import { locationsRepository } from '@kusanya/server/repositories/locations';
import { parseArgs } from 'node:util';
import { demoSeedDeps, seedDemoIfEmpty } from '../seed/demo.js';
import {
  generateSynthetic,
  SYNTHETIC_PASSWORD,
  type SyntheticOptions,
  type SyntheticReport,
} from '../synthetic/generate.js';

export const seedDemo: Command = {
  name: 'seed demo',
  usage: 'seed demo',
  summary:
    'Seed an empty database with the demo data (sample locations, one user per role, the programme forms) and print the logins; nothing when SEED_DEMO=false. `npm start` runs it',
  async run({ app, config, out }) {
    if (!config.seedDemo) return;
    const seed = await seedDemoIfEmpty(app);
    if (!seed.seeded) return;
    const lines = seed.logins.map(
      (l) => `  ${l.username.padEnd(12)} ${l.password.padEnd(14)} ${l.role.padEnd(18)} ${l.areas.join(', ')}`,
    );
    out(
      `\nDemo data seeded (the location hierarchy is a SAMPLE, not the official one).\n` +
        `Demo logins:\n  ${'username'.padEnd(12)} ${'password'.padEnd(14)} ${'role'.padEnd(18)} areas\n${lines.join('\n')}\n\n`,
    );
  },
};

/**
 * Bulk generation writes through the tools' own bulk path on the database it opens itself (standalone: the demo
 * seed's use cases first, then the generator's repositories), not through the app.
 */
export const seedSynthetic: StandaloneCommand = {
  name: 'seed synthetic',
  usage: 'seed synthetic --households N [--seed S] [--days D] [--until YYYY-MM-DD] [--grievance-rate R]',
  summary:
    'Generate a synthetic national-scale registry (2025 locations, staff, households, grievances, indicator reports) for demos and benchmarks',
  standalone: true,
  async run({ config, args, out }) {
    const { values } = parseArgs({
      args,
      options: {
        households: { type: 'string' },
        seed: { type: 'string' },
        days: { type: 'string' },
        until: { type: 'string' },
        'grievance-rate': { type: 'string' },
      },
    });
    const households = Number(values.households);
    if (!Number.isInteger(households) || households < 1 || households > 5_000_000)
      throw new UsageError('Give --households, a whole number from 1 to 5,000,000');
    const until = values.until ? new Date(`${values.until}T12:00:00Z`) : undefined;
    if (until && Number.isNaN(until.getTime())) throw new UsageError('--until must be a date, YYYY-MM-DD');
    const db = openDatabase(databasePath(config.dataDir));
    try {
      // The demo accounts (hq, supervisor…) first, so the synthetic registry can be browsed with them.
      const demo = await seedDemoIfEmpty(demoSeedDeps(db));
      if (demo.seeded) out('Demo users and sample locations created.\n');
      const options = {
        households,
        ...(values.seed ? { seed: Number(values.seed) } : {}),
        ...(values.days ? { days: Number(values.days) } : {}),
        ...(until ? { until } : {}),
        ...(values['grievance-rate'] ? { grievanceRate: Number(values['grievance-rate']) } : {}),
      };
      out(summary(await generateWithProgress(db, options, out)));
    } finally {
      db.close();
    }
  },
};

/** Generates the registry, printing its progress every two seconds. */
function generateWithProgress(db: Db, options: Omit<SyntheticOptions, 'onProgress'>, out: (text: string) => void) {
  let lastLine = 0;
  const started = Date.now();
  return generateSynthetic(
    { db, forms: formsRepository(db), locations: locationsRepository(db) },
    {
      ...options,
      onProgress: ({ phase, done, total }) => {
        const now = Date.now();
        if (done === total || now - lastLine > 2000) {
          lastLine = now;
          out(
            `${phase}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${((now - started) / 1000).toFixed(0)} s)\n`,
          );
        }
      },
    },
  );
}

const summary = (report: SyntheticReport) =>
  [
    `Done in ${report.seconds.toFixed(1)} s.`,
    `  households ${report.households.toLocaleString('en')}, people ${report.individuals.toLocaleString('en')} in ${report.collines} collines`,
    `  grievance tickets ${report.grievances.toLocaleString('en')}, indicator reports ${report.reports.toLocaleString('en')}, rejected surveys ${report.rejectedSurveys.toLocaleString('en')}`,
    `  locations added ${report.locationsAdded} (synthetic 2025 scheme, flagged as sample), staff accounts ${report.staff} (password ${SYNTHETIC_PASSWORD})`,
    '',
  ].join('\n');
