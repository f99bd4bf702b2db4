import { readFileSync } from 'node:fs';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { publishForm } from '../services/forms.js';
import { parseLocationsCsv } from '../services/locations-import.js';
import { createUser } from '../services/users.js';

export const DEMO_PASSWORD = 'kusanya-demo';

/** One demo user per role, each with the areas that role works in. */
export const DEMO_USERS = [
  { username: 'enumerator', role: 'enumerator', areas: ['CL03010101', 'CL03010102'] },
  { username: 'supervisor', role: 'supervisor', areas: ['C0301'] },
  { username: 'grievance', role: 'grievance_officer', areas: ['P03'] },
  { username: 'hq', role: 'hq', areas: ['BI'] },
  { username: 'admin', role: 'admin', areas: ['BI'] },
] as const;

const SAMPLE_LOCATIONS = new URL('./sample-locations.csv', import.meta.url);
const SEED_FORMS = [new URL('./forms/household_survey.json', import.meta.url)];

export interface SeedResult {
  seeded: boolean;
  logins: { username: string; password: string; role: string; areas: readonly string[] }[];
}

/** Seeds an empty database with the sample location hierarchy, demo users and the programme's forms. */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<SeedResult> {
  if (ctx.users.count() > 0) return { seeded: false, logins: [] };
  if (ctx.locations.list().length === 0) {
    const parsed = parseLocationsCsv(readFileSync(SAMPLE_LOCATIONS, 'utf8'), () => undefined, { isSample: true });
    if (!parsed.ok) throw new AppError('internal', 'The sample location file is invalid.', parsed.problems);
    ctx.locations.insertMany(parsed.locations);
  }
  for (const file of SEED_FORMS) publishForm(ctx.forms, JSON.parse(readFileSync(file, 'utf8')));
  for (const user of DEMO_USERS) {
    await createUser(ctx, { ...user, areas: [...user.areas], password: DEMO_PASSWORD });
  }
  return { seeded: true, logins: DEMO_USERS.map((u) => ({ ...u, password: DEMO_PASSWORD })) };
}
