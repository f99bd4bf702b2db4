import type { HouseholdDoc } from '@kusanya/schemas';
import { databasePath, openDatabase } from '../../server/src/db/database.js';
import { LocationTree } from '../../server/src/domain/scope.js';
import { locationsRepository } from '../../server/src/repositories/locations.js';
import { registryRepository } from '../../server/src/repositories/registry.js';
import { seededRandom, syntheticHouseholdDoc } from '@kusanya/tools/factories/households';
import { registerHouseholdDoc } from '@kusanya/tools/factories/registry';

/** The demo enumerator's collines (README: `enumerator`, areas CL03010101 and CL03010102). */
export const ENUMERATOR_COLLINES = ['CL03010101', 'CL03010102'];
const ELSEWHERE = ['CL03010201', 'CL03020101', 'CL05010101', 'CL05020202'];

/**
 * Writes a registry slice into a bench server's database through the repository: `mine` households (5 members
 * each) in the demo enumerator's collines and `elsewhere` in other collines (so scoping does real work),
 * interleaved as approvals across the country would be.
 */
export function seedRegistrySlice(dataDir: string, mine: number, elsewhere: number): void {
  const random = seededRandom(2026);
  const docs: HouseholdDoc[] = [];
  for (let i = 0; i < mine + elsewhere; i++) {
    const area = i < mine ? ENUMERATOR_COLLINES[i % ENUMERATOR_COLLINES.length]! : ELSEWHERE[i % ELSEWHERE.length]!;
    docs.push(syntheticHouseholdDoc(random, area, i));
  }
  docs.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
  const db = openDatabase(databasePath(dataDir));
  const registry = registryRepository(db);
  const tree = new LocationTree(locationsRepository(db).nodes());
  db.transaction(() => docs.forEach((doc) => registerHouseholdDoc(registry, tree, doc)))();
  db.close();
}
