import type { FormDefinition, FormNode, HouseholdDoc } from '@kusanya/schemas';
import { memberRoles } from '@kusanya/schemas';
import { HOUSEHOLD_ROSTER } from '@kusanya/shared/registry/invariants';
import { birthYear, normalizeName, normalizeNationalId } from './normalize.js';

/**
 * How a household survey's answers map onto the registry (DESIGN.md §2). The programme's form
 * (forms/household_survey.xlsx) uses these names; an imported form that uses them too feeds the registry.
 */
export const HOUSEHOLD_FORM_ID = 'household_survey';
export const ROSTER = HOUSEHOLD_ROSTER.name;
export const MEMBER_FIELDS = {
  individualId: 'individual_id',
  firstName: 'first_name',
  lastName: 'last_name',
  sex: 'sex',
  birthDate: 'dob',
  ageEstimated: 'age_estimated',
  nationalId: 'national_id',
  phone: 'phone',
  relationship: HOUSEHOLD_ROSTER.relationship,
  relationshipDetail: 'relationship_detail',
  recipient: HOUSEHOLD_ROSTER.recipient,
  respondent: 'is_respondent',
} as const;

/** Household-level answers the registry reads itself: the respondent's name (searchable, titles the record). */
export const HOUSEHOLD_FIELDS = { respondentName: 'respondent_name' } as const;

type Answers = Record<string, unknown>;
type Role = HouseholdDoc['members'][number]['role'];
type Recipient = HouseholdDoc['members'][number]['recipient'];

/** What duplicate detection and revisit checks need of a member: identity, not answers. */
export interface MemberKeys {
  /** Position in the submitted roster (0-based). */
  index: number;
  /** Registry id of a member already known (revisits); null for a new member. */
  individualId: string | null;
  sex: string | null;
  birthYear: number | null;
  nationalIdNorm: string | null;
  nameNorm: string;
  role: Role;
}

export interface MemberAnswers extends MemberKeys {
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  nationalId: string | null;
  phone: string | null;
  relationship: string | null;
  recipient: Recipient;
  respondent: boolean;
  /** The stored answers of this member (captured questions, not calculations or notes). */
  values: Answers;
}

/** A household survey's identities, as the push-time duplicate rules see them. */
export interface HouseholdKeys {
  members: MemberKeys[];
  headNameNorm: string;
}

export interface HouseholdAnswers extends HouseholdKeys {
  values: Answers;
  members: MemberAnswers[];
}

/** The questions of a form whose answers are stored, top level and in the roster. */
export interface StoredFields {
  household: Set<string>;
  member: Set<string>;
}

/**
 * Names of the questions whose answers are stored (not groups, notes or calculations), top level and roster.
 * Walks the whole definition: compute it once per form version (CompiledForms keeps it).
 */
export function storedFields(definition: FormDefinition): StoredFields {
  const household = new Set<string>();
  const member = new Set<string>();
  const walk = (nodes: readonly FormNode[], into: Set<string>) => {
    for (const node of nodes) {
      if (node.type === 'group') walk(node.children ?? [], into);
      else if (node.type === 'repeat') walk(node.children ?? [], node.name === ROSTER ? member : new Set());
      else if (node.type !== 'note' && node.type !== 'calculate') {
        into.add(node.name);
        if (node.orOther) into.add(`${node.name}_other`);
      }
    }
  };
  walk(definition.fields, household);
  // The registry id is the key of the member, not one of their answers.
  member.delete(MEMBER_FIELDS.individualId);
  return { household, member };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const pick = (data: Answers, fields: Set<string>): Answers =>
  Object.fromEntries(Object.entries(data).filter(([k, v]) => fields.has(k) && v !== undefined));

function toRole(value: unknown): Role {
  return (memberRoles as readonly string[]).includes(String(value)) ? (value as Role) : 'OTHER';
}

function toRecipient(value: unknown): Recipient {
  return value === 'PRIMARY' || value === 'SECONDARY' ? value : null;
}

const roster = (data: Answers): Answers[] => (Array.isArray(data[ROSTER]) ? (data[ROSTER] as Answers[]) : []);

function memberKeys(row: Answers, index: number, at: Date): MemberKeys {
  const f = MEMBER_FIELDS;
  return {
    index,
    individualId: text(row[f.individualId]),
    sex: text(row[f.sex]),
    birthYear: birthYear(row[f.birthDate], row[f.ageEstimated], at),
    nationalIdNorm: normalizeNationalId(text(row[f.nationalId])),
    nameNorm: normalizeName(text(row[f.firstName]), text(row[f.lastName])),
    role: toRole(row[f.relationship]),
  };
}

const headName = (members: MemberKeys[]) => members.find((m) => m.role === 'HEAD')?.nameNorm ?? '';

/** Only the identities of a household survey (no form definition needed); `at` estimates birth years from ages. */
export function householdKeys(data: Answers, at: Date): HouseholdKeys {
  const members = roster(data).map((row, index) => memberKeys(row, index, at));
  return { members, headNameNorm: headName(members) };
}

/** Reads a household survey's answers into registry terms (`fields`: the form's storedFields); `at` estimates birth years from ages. */
export function householdAnswers(fields: StoredFields, data: Answers, at: Date): HouseholdAnswers {
  const f = MEMBER_FIELDS;
  const members = roster(data).map((row, index): MemberAnswers => ({
    ...memberKeys(row, index, at),
    firstName: text(row[f.firstName]),
    lastName: text(row[f.lastName]),
    birthDate: text(row[f.birthDate]),
    nationalId: text(row[f.nationalId]),
    phone: text(row[f.phone]),
    relationship: text(row[f.relationshipDetail]) ?? text(row[f.relationship]),
    recipient: toRecipient(row[f.recipient]),
    respondent: row[f.respondent] === 'yes',
    values: pick(row, fields.member),
  }));
  return { values: pick(data, fields.household), members, headNameNorm: headName(members) };
}

/**
 * The respondent's name as the registry search indexes it on the household: the name answered, when it is not
 * one of the members' (members are found by their own names); null otherwise.
 */
export function respondentOutsideRoster(
  values: Answers,
  members: readonly Pick<MemberKeys, 'nameNorm'>[],
): string | null {
  const name = text(values[HOUSEHOLD_FIELDS.respondentName]);
  if (!name) return null;
  const norm = normalizeName(name);
  return members.some((m) => m.nameNorm === norm) ? null : name;
}

/** The identity a "different person" decision is remembered under. */
export function identityKey(m: Pick<MemberAnswers, 'nameNorm' | 'sex' | 'birthYear' | 'nationalIdNorm'>): string {
  return [m.nameNorm, m.sex ?? '', m.birthYear ?? '', m.nationalIdNorm ?? ''].join('|');
}
