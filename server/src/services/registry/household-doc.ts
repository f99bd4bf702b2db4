import type { HouseholdDoc } from '@kusanya/schemas';
import type { RegistryRepository } from '../../repositories/registry.js';

/** The document devices pull for a registry household: current values and active members. */
export function buildHouseholdDoc(registry: RegistryRepository, householdId: string): HouseholdDoc | null {
  const h = registry.getHousehold(householdId);
  if (!h) return null;
  const members = registry.activeMembers(h.id).map((m) => {
    const person = registry.getIndividual(m.individualId);
    return {
      individualId: m.individualId,
      role: m.role as HouseholdDoc['members'][number]['role'],
      ...(m.relationship ? { relationship: m.relationship } : {}),
      recipient: (m.recipient as HouseholdDoc['members'][number]['recipient']) ?? null,
      respondent: m.respondent,
      values: person?.values ?? {},
    };
  });
  return { id: h.id, code: h.code, area: h.area, version: h.version, values: h.values, members, updatedAt: h.updatedAt, _deleted: false };
}
