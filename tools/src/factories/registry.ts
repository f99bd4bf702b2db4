import type { HouseholdDoc } from '@kusanya/schemas';
import { MEMBER_FIELDS } from '@kusanya/server/domain/registry/household-answers';
import { householdProblems } from '@kusanya/shared/registry/invariants';
import { birthYear, normalizeName, normalizeNationalId } from '@kusanya/server/domain/registry/normalize';
import type { LocationTree } from '@kusanya/server/domain/scope';
import type { RegistryRepository } from '@kusanya/server/repositories/registry';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * Writes a household given as the document devices pull straight into the registry through the registry
 * repository (household, individuals, active memberships, the search index, one "(created)" history entry each —
 * what an approval writes), for tests and benchmarks that need a registry without going through review. The
 * household must keep the rules approval keeps (exactly one head and one primary recipient; nobody in two active
 * households, which the database refuses); a household that breaks one is refused with the reason.
 */
export function registerHouseholdDoc(
  registry: RegistryRepository,
  tree: LocationTree,
  doc: HouseholdDoc,
  source = 'seed',
): void {
  const problems = householdProblems(doc.members);
  if (problems.length > 0)
    throw new Error(`household ${doc.code ?? doc.id}: ${problems.map((p) => p.message).join(' ')}`);
  const at = doc.updatedAt;
  const commune = tree.ancestor(doc.area, 'commune') ?? doc.area;
  const province = tree.ancestor(doc.area, 'province') ?? 'XX';
  const f = MEMBER_FIELDS;
  const head = doc.members.find((m) => m.role === 'HEAD');
  registry.insertHousehold({
    id: doc.id,
    code: doc.code ?? `${source}-${doc.id}`,
    area: doc.area,
    commune,
    province,
    version: doc.version,
    headNameNorm: head ? normalizeName(text(head.values[f.firstName]), text(head.values[f.lastName])) : '',
    size: doc.members.length,
    values: doc.values,
    createdAt: at,
    updatedAt: at,
    createdBySubmission: source,
  });
  const history: Parameters<RegistryRepository['addHistory']>[0] = [
    {
      householdId: doc.id,
      householdVersion: doc.version,
      entity: 'household',
      entityId: doc.id,
      field: '(created)',
      oldValue: null,
      newValue: { code: doc.code },
      submissionId: source,
      approvedBy: source,
      at,
    },
  ];
  doc.members.forEach((m, position) => {
    const v = m.values;
    const firstName = text(v[f.firstName]);
    const lastName = text(v[f.lastName]);
    const nationalId = text(v[f.nationalId]);
    registry.insertIndividual({
      id: m.individualId,
      firstName,
      lastName,
      sex: text(v[f.sex]),
      birthDate: text(v[f.birthDate]),
      birthYear: birthYear(v[f.birthDate], v[f.ageEstimated], new Date(at)),
      nationalId,
      nationalIdNorm: normalizeNationalId(nationalId),
      phone: text(v[f.phone]),
      nameNorm: normalizeName(firstName, lastName),
      commune,
      values: v,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    registry.insertMembership({
      householdId: doc.id,
      individualId: m.individualId,
      role: m.role,
      relationship: m.relationship ?? null,
      recipient: m.recipient,
      respondent: m.respondent,
      position,
      startedAt: at,
      startedBy: source,
    });
    history.push({
      householdId: doc.id,
      householdVersion: doc.version,
      entity: 'individual',
      entityId: m.individualId,
      field: '(created)',
      oldValue: null,
      newValue: v,
      submissionId: source,
      approvedBy: source,
      at,
    });
  });
  registry.addHistory(history);
}
