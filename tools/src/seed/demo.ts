import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { databasePath, openDatabase } from '@kusanya/server/db/database';
import { AppError } from '@kusanya/server/errors';
import { formsRepository, type FormsRepository } from '@kusanya/server/repositories/forms';
import { locationsRepository, type LocationsRepository } from '@kusanya/server/repositories/locations';
import { usersRepository, type UsersRepository } from '@kusanya/server/repositories/users';
import { importFormWorkbook } from '@kusanya/server/usecases/form-import';
import { parseLocationsCsv } from '@kusanya/server/usecases/locations-import';
import { createUser } from '@kusanya/server/usecases/users';
import { LocationTree } from '@kusanya/server/domain/scope';
import { koboRepository } from '@kusanya/server/repositories/kobo';
import { koboAssets, parseMapping, type KoboAssets } from '@kusanya/server/usecases/kobo/assets';

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
export type ProgrammeForm = (typeof PROGRAMME_FORMS)[number];
export const FORMS_DIR = new URL('../../../forms/', import.meta.url);

export interface SeedResult {
  seeded: boolean;
  logins: { username: string; password: string; role: string; areas: readonly string[] }[];
}

/**
 * Imports and publishes the programme's three forms from their workbooks in `dir` (a no-op for versions already
 * published), through the same import as an administrator's; returns the version of each.
 */
export async function publishProgrammeForms(
  forms: FormsRepository,
  dir: URL = FORMS_DIR,
): Promise<Record<ProgrammeForm, string>> {
  const versions = {} as Record<ProgrammeForm, string>;
  for (const formId of PROGRAMME_FORMS) {
    const report = await importFormWorkbook(forms, await readFile(new URL(`${formId}.xlsx`, dir)), { publish: true });
    versions[formId] = report.definition.version;
  }
  return versions;
}

/** What the demo seed writes through: the product's own repositories (and its user and form-import services). */
export interface DemoSeedDeps {
  users: UsersRepository;
  locations: LocationsRepository;
  forms: FormsRepository;
  /** Where the Kobo asset mappings of the MIS's forms are registered (the app context's koboAssets). */
  koboAssets: KoboAssets;
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

/** Registers the shipped Kobo asset mappings, so Kobo's data API serves the MIS's six forms. */
export async function registerProgrammeAssets(assets: KoboAssets, by = 'seed', dir: URL = FORMS_DIR): Promise<void> {
  for (const name of PROGRAMME_KOBO_ASSETS) {
    const file = new URL(`kobo/${name}.json`, dir);
    assets.register(parseMapping(JSON.parse(await readFile(file, 'utf8')), `${name}.json`), by);
  }
}

/** Seeds an empty database with the sample location hierarchy, demo users and the programme's forms. */
export async function seedDemoIfEmpty(deps: DemoSeedDeps): Promise<SeedResult> {
  if (deps.users.count() > 0) return { seeded: false, logins: [] };
  if (deps.locations.list().length === 0) {
    const parsed = parseLocationsCsv(readFileSync(SAMPLE_LOCATIONS, 'utf8'), () => undefined, { isSample: true });
    if (!parsed.ok) throw new AppError('internal', 'The sample location file is invalid.', parsed.problems);
    deps.locations.insertMany(parsed.locations);
  }
  await publishProgrammeForms(deps.forms);
  await registerProgrammeAssets(deps.koboAssets);
  for (const user of DEMO_USERS) {
    await createUser(deps, { ...user, areas: [...user.areas], password: DEMO_PASSWORD });
  }
  return { seeded: true, logins: DEMO_USERS.map((u) => ({ ...u, password: DEMO_PASSWORD })) };
}

/** seedDemoIfEmpty on the database of a data directory (created if needed), before a server starts on it. */
export async function seedDemoDatabase(dataDir: string): Promise<SeedResult> {
  const db = openDatabase(databasePath(dataDir));
  try {
    const locations = locationsRepository(db);
    const forms = formsRepository(db);
    return await seedDemoIfEmpty({
      users: usersRepository(db),
      locations,
      forms,
      koboAssets: koboAssets({
        kobo: koboRepository(db),
        forms,
        locations,
        locationTree: () => new LocationTree(locations.nodes()),
      }),
    });
  } finally {
    db.close();
  }
}
