import { readFile } from 'node:fs/promises';
import { newId } from '../../domain/ids.js';
import { hashPassword } from '../../domain/password.js';
import type { FormsRepository } from '../../repositories/forms.js';
import type { SyntheticRepository } from '../../repositories/synthetic.js';
import { importFormWorkbook } from '../form-import.js';
import type { Place } from './household.js';

/** What a synthetic registry needs before households: the programme's forms and field staff. */
export const SHIPPED_FORMS = ['household_survey', 'grievance', 'indicator_report'] as const;
export type ShippedForm = (typeof SHIPPED_FORMS)[number];
export const SYNTHETIC_PASSWORD = 'kusanya-demo';

export interface Staff {
  enumerators: Map<string, { id: string; username: string }[]>;
  supervisors: Map<string, { id: string; username: string }>;
  officers: Map<string, { id: string; username: string }>;
}

/** Publishes the programme's XLSForms (a no-op when already published) and returns their versions. */
export async function ensureForms(forms: FormsRepository, dir: URL): Promise<Record<ShippedForm, string>> {
  const versions = {} as Record<ShippedForm, string>;
  for (const formId of SHIPPED_FORMS) {
    const report = await importFormWorkbook(forms, await readFile(new URL(`${formId}.xlsx`, dir)), { publish: true });
    versions[formId] = report.definition.version;
  }
  return versions;
}

/** Collines spread evenly over the list, so every province and commune gets households. */
export function spreadPick<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/** Two enumerators and a supervisor per commune, a grievance officer per province (password: the demo one). */
export async function ensureStaff(
  repo: SyntheticRepository,
  places: Place[],
  now: string,
): Promise<{ staff: Staff; count: number }> {
  const passwordHash = await hashPassword(SYNTHETIC_PASSWORD);
  const staff: Staff = { enumerators: new Map(), supervisors: new Map(), officers: new Map() };
  let count = 0;
  const add = (username: string, role: string, areas: string[]) => {
    count += 1;
    return { id: repo.ensureUser({ id: newId(), username, passwordHash, role, areas, createdAt: now }), username };
  };
  repo.transaction(() => {
    for (const commune of new Set(places.map((p) => p.commune))) {
      const c = commune.toLowerCase();
      staff.enumerators.set(commune, [
        add(`enum-${c}-1`, 'enumerator', [commune]),
        add(`enum-${c}-2`, 'enumerator', [commune]),
      ]);
      staff.supervisors.set(commune, add(`sup-${c}`, 'supervisor', [commune]));
    }
    for (const province of new Set(places.map((p) => p.province)))
      staff.officers.set(province, add(`grv-${province.toLowerCase()}`, 'grievance_officer', [province]));
  });
  return { staff, count };
}
