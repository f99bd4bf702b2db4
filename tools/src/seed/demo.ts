import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { databasePath, openDatabase, type Db } from '@kusanya/server/db/database';
import { SHELL } from '@kusanya/server/domain/admin-scope';
import { LocationTree } from '@kusanya/server/domain/scope';
import { formsRepository } from '@kusanya/server/repositories/forms';
import { koboRepository } from '@kusanya/server/repositories/kobo';
import { locationsRepository } from '@kusanya/server/repositories/locations';
import { lockoutsRepository } from '@kusanya/server/repositories/lockouts';
import { sessionsRepository } from '@kusanya/server/repositories/sessions';
import { usersRepository } from '@kusanya/server/repositories/users';
import { adminUsersService, type AdminUsersService } from '@kusanya/server/usecases/admin-users';
import { areaUseCases, type AreaUseCases } from '@kusanya/server/usecases/areas';
import { formUseCases, type FormUseCases } from '@kusanya/server/usecases/form-admin';
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
  forms: Pick<FormUseCases, 'importWorkbook'>,
  dir: URL = FORMS_DIR,
): Promise<Record<ProgrammeForm, string>> {
  const versions = {} as Record<ProgrammeForm, string>;
  for (const formId of PROGRAMME_FORMS) {
    const report = await forms.importWorkbook(await readFile(new URL(`${formId}.xlsx`, dir)), { publish: true });
    versions[formId] = report.definition.version;
  }
  return versions;
}

/**
 * What the demo seed writes through: the product's own use cases (the same the server's routes and the CLI call,
 * with the same checks), not the app context.
 */
export interface DemoSeedDeps {
  adminUsers: Pick<AdminUsersService, 'count' | 'prepare'>;
  areas: Pick<AreaUseCases, 'insertSample'>;
  forms: Pick<FormUseCases, 'importWorkbook'>;
  /** Where the Kobo asset mappings of the MIS's forms are registered. */
  koboAssets: Pick<KoboAssets, 'register'>;
}

/** The demo seed's use cases, bound to a database opened outside a server (tests, benches, `seedDemoDatabase`). */
export function demoSeedDeps(db: Db): DemoSeedDeps {
  const users = usersRepository(db);
  const locations = locationsRepository(db);
  const forms = formsRepository(db);
  const locationTree = () => new LocationTree(locations.nodes());
  return {
    adminUsers: adminUsersService({
      users,
      sessions: sessionsRepository(db),
      locations,
      lockouts: lockoutsRepository(db),
      locationTree,
      transaction: (change) => db.transaction(change).immediate(),
    }),
    areas: areaUseCases({ locations, locationTree }),
    forms: formUseCases(forms),
    koboAssets: koboAssets({ kobo: koboRepository(db), forms, locations, locationTree }),
  };
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
export async function registerProgrammeAssets(
  assets: Pick<KoboAssets, 'register'>,
  by = 'seed',
  dir: URL = FORMS_DIR,
): Promise<void> {
  for (const name of PROGRAMME_KOBO_ASSETS) {
    const file = new URL(`kobo/${name}.json`, dir);
    assets.register(parseMapping(JSON.parse(await readFile(file, 'utf8')), `${name}.json`), by);
  }
}

/** Seeds an empty database with the sample location hierarchy, demo users and the programme's forms. */
export async function seedDemoIfEmpty(deps: DemoSeedDeps): Promise<SeedResult> {
  if (deps.adminUsers.count() > 0) return { seeded: false, logins: [] };
  deps.areas.insertSample(readFileSync(SAMPLE_LOCATIONS, 'utf8'));
  await publishProgrammeForms(deps.forms);
  await registerProgrammeAssets(deps.koboAssets);
  for (const user of DEMO_USERS) {
    const pending = await deps.adminUsers.prepare(SHELL, { ...user, areas: [...user.areas], password: DEMO_PASSWORD });
    pending.commit();
  }
  return { seeded: true, logins: DEMO_USERS.map((u) => ({ ...u, password: DEMO_PASSWORD })) };
}

/** seedDemoIfEmpty on the database of a data directory (created if needed), before a server starts on it. */
export async function seedDemoDatabase(dataDir: string): Promise<SeedResult> {
  const db = openDatabase(databasePath(dataDir));
  try {
    return await seedDemoIfEmpty(demoSeedDeps(db));
  } finally {
    db.close();
  }
}
