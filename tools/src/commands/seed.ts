import { UsageError, type Command } from '@kusanya/server/cli/io';
import { parseArgs } from 'node:util';
import { seedDemoIfEmpty } from '../seed/demo.js';
import { generateSynthetic, SYNTHETIC_PASSWORD } from '../synthetic/generate.js';

export const seedDemo: Command = {
  name: 'seed demo',
  usage: 'seed demo',
  summary:
    'Seed an empty database with the demo data (sample locations, one user per role, the programme forms) and print the logins; nothing when SEED_DEMO=false. `npm start` runs it',
  async run({ ctx, config, out }) {
    if (!config.seedDemo) return;
    const seed = await seedDemoIfEmpty(ctx);
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

export const seedSynthetic: Command = {
  name: 'seed synthetic',
  usage: 'seed synthetic --households N [--seed S] [--days D] [--until YYYY-MM-DD] [--grievance-rate R]',
  summary:
    'Generate a synthetic national-scale registry (2025 locations, staff, households, grievances, indicator reports) for demos and benchmarks',
  async run({ ctx, args, out }) {
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
    // The demo accounts (hq, supervisor…) first, so the synthetic registry can be browsed with them.
    const demo = await seedDemoIfEmpty(ctx);
    if (demo.seeded) out('Demo users and sample locations created.\n');
    let lastLine = 0;
    const started = Date.now();
    const report = await generateSynthetic(
      { db: ctx.db, forms: ctx.forms, locations: ctx.locations },
      {
        households,
        ...(values.seed ? { seed: Number(values.seed) } : {}),
        ...(values.days ? { days: Number(values.days) } : {}),
        ...(until ? { until } : {}),
        ...(values['grievance-rate'] ? { grievanceRate: Number(values['grievance-rate']) } : {}),
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
    out(
      [
        `Done in ${report.seconds.toFixed(1)} s.`,
        `  households ${report.households.toLocaleString('en')}, people ${report.individuals.toLocaleString('en')} in ${report.collines} collines`,
        `  grievance tickets ${report.grievances.toLocaleString('en')}, indicator reports ${report.reports.toLocaleString('en')}, rejected surveys ${report.rejectedSurveys.toLocaleString('en')}`,
        `  locations added ${report.locationsAdded} (synthetic 2025 scheme, flagged as sample), staff accounts ${report.staff} (password ${SYNTHETIC_PASSWORD})`,
        '',
      ].join('\n'),
    );
  },
};
