import { newId } from '@kusanya/server/domain/ids';
import { hashPassword } from '@kusanya/server/domain/password';
import type { UserRecord, UsersRepository } from '@kusanya/server/repositories/users';
import { DEMO_PASSWORD } from '../seed/demo.js';
import type { Place } from './household.js';

/** What a synthetic registry needs before households: the programme's forms (seed/demo.ts) and field staff. */
/** The staff accounts' password: the demo one. */
export const SYNTHETIC_PASSWORD = DEMO_PASSWORD;

export interface Staff {
  enumerators: Map<string, { id: string; username: string }[]>;
  supervisors: Map<string, { id: string; username: string }>;
  officers: Map<string, { id: string; username: string }>;
}

/** Collines spread evenly over the list, so every province and commune gets households. */
export function spreadPick<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/** Two enumerators and a supervisor per commune, a grievance officer per province (password: the demo one). */
export async function ensureStaff(
  users: UsersRepository,
  places: Place[],
  now: string,
): Promise<{ staff: Staff; count: number }> {
  const passwordHash = await hashPassword(SYNTHETIC_PASSWORD);
  const staff: Staff = { enumerators: new Map(), supervisors: new Map(), officers: new Map() };
  let count = 0;
  // Accounts already there (an earlier run) are kept as they are, with their ids.
  const add = (username: string, role: UserRecord['role'], areas: string[]) => {
    count += 1;
    const existing = users.findByUsername(username);
    if (existing) return { id: existing.id, username };
    const id = newId();
    users.create({ id, username, passwordHash, role, areas, createdAt: now });
    return { id, username };
  };
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
  return { staff, count };
}
