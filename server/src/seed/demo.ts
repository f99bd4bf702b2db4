import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { parseMapping } from '../services/kobo/assets.js';
import { importFormWorkbook } from '../services/form-import.js';
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

/** The programme's forms: the XLSForm workbooks in `forms/` are their only source (see forms/README.md). */
export const PROGRAMME_FORMS = ['household_survey', 'grievance', 'indicator_report'] as const;
export const programmeFormFile = (formId: string) => new URL(`../../../forms/${formId}.xlsx`, import.meta.url);

export interface SeedResult {
  seeded: boolean;
  logins: { username: string; password: string; role: string; areas: readonly string[] }[];
}

/** Imports and publishes the programme's three forms from their workbooks (a no-op for versions already published). */
export async function publishProgrammeForms(ctx: AppContext): Promise<void> {
  for (const formId of PROGRAMME_FORMS) {
    await importFormWorkbook(ctx.forms, await readFile(programmeFormFile(formId)), { publish: true });
  }
}

/** The mappings of the Kobo assets the MIS reads (kobo-mis-contract.md), shipped in forms/kobo/. */
export const PROGRAMME_KOBO_ASSETS = [
  'grievance-2025',
  'grievance-earlier',
  'activity-training',
  'activity-behaviour-change',
  'activity-micro-projects',
  'activity-cash-transfers',
] as const;
export const programmeMappingFile = (name: string) => new URL(`../../../forms/kobo/${name}.json`, import.meta.url);

/** Registers the shipped Kobo asset mappings, so Kobo's data API serves the MIS's six forms. */
export async function registerProgrammeAssets(ctx: AppContext, by = 'seed'): Promise<void> {
  for (const name of PROGRAMME_KOBO_ASSETS) {
    const mapping = parseMapping(JSON.parse(await readFile(programmeMappingFile(name), 'utf8')), `${name}.json`);
    ctx.koboAssets.register(mapping, by);
  }
}

/** Seeds an empty database with the sample location hierarchy, demo users and the programme's forms. */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<SeedResult> {
  if (ctx.users.count() > 0) return { seeded: false, logins: [] };
  if (ctx.locations.list().length === 0) {
    const parsed = parseLocationsCsv(readFileSync(SAMPLE_LOCATIONS, 'utf8'), () => undefined, { isSample: true });
    if (!parsed.ok) throw new AppError('internal', 'The sample location file is invalid.', parsed.problems);
    ctx.locations.insertMany(parsed.locations);
  }
  await publishProgrammeForms(ctx);
  await registerProgrammeAssets(ctx);
  for (const user of DEMO_USERS) {
    await createUser(ctx, { ...user, areas: [...user.areas], password: DEMO_PASSWORD });
  }
  return { seeded: true, logins: DEMO_USERS.map((u) => ({ ...u, password: DEMO_PASSWORD })) };
}
