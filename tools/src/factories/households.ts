/**
 * Synthetic but realistic households for tests and benchmarks: a five-member household survey as an
 * enumerator would finalise it, and the registry household document a device pulls for revisits.
 * Deterministic for a given seed, so benchmark runs compare like with like.
 */
import type { HouseholdDoc, Submission } from '@kusanya/schemas';
import { sampleHousehold } from '@kusanya/shared/form/household-sample';
import { FEMALE_NAMES, KIRUNDI_NAMES, MALE_NAMES } from '../synthetic/names.js';
import { Random } from '../synthetic/random.js';

const FIRST_MALE = MALE_NAMES;
const FIRST_FEMALE = FEMALE_NAMES;
const LAST = KIRUNDI_NAMES;

/** A seeded PRNG (the synthetic registry's mulberry32) as a function: same seed, same households. */
export function seededRandom(seed: number): () => number {
  const rng = new Random(seed);
  return () => rng.next();
}

/** A UUIDv7-shaped id (time-ordered prefix, seeded random rest). */
export function seededUuid(random: () => number, time = Date.now()): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const ts = time.toString(16).padStart(12, '0');
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${hex(3)}-${(8 + Math.floor(random() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const phone = (random: () => number) => `+257 ${int(random, 61, 79)} ${int(random, 100, 999)} ${int(random, 100, 999)}`;
const nationalId = (random: () => number) =>
  `${int(random, 100, 999)}/${int(random, 1000, 9999)}.${int(random, 10, 99)}`;

/** The version of forms/household_survey.xlsx (its settings sheet), which the demo seed publishes. */
export const SHIPPED_HOUSEHOLD_VERSION = '2026120601';

/**
 * Answers to the shipped household survey that pass its rules (five members: head and primary recipient,
 * spouse and secondary recipient, children, a grandmother), with seeded names, phones and numbers.
 */
export function syntheticHouseholdAnswers(random: () => number, area: string): Record<string, unknown> {
  const base = sampleHousehold(5);
  const last = pick(random, LAST);
  const members = (base['members'] as Record<string, unknown>[]).map((m, i) => {
    const female = m['sex'] === 'F';
    const { national_id: _id, phone: _phone, ...rest } = m;
    // Ages vary as in real households: adults 30–65, the spouse 25–60, children 6–20.
    const dob =
      typeof m['dob'] === 'string'
        ? `${i === 0 ? int(random, 1961, 1996) : int(random, 2006, 2020)}${m['dob'].slice(4)}`
        : undefined;
    return {
      ...rest,
      ...(dob ? { dob } : { age_estimated: int(random, 25, 60) }),
      first_name: pick(random, female ? FIRST_FEMALE : FIRST_MALE),
      last_name: i === 1 || i === 4 ? pick(random, LAST) : last,
      ...(i === 0 ? { national_id: nationalId(random), phone: phone(random).replace(/\D/g, '').slice(-8) } : {}),
    };
  });
  const head = members[0]!;
  return {
    ...base,
    province: `P${area.slice(2, 4)}`,
    commune: `C${area.slice(2, 6)}`,
    zone: `Z${area.slice(2, 8)}`,
    colline: area,
    gps: { lat: -3.4 + random() / 10, lon: 29.9 + random() / 10, accuracy: int(random, 3, 25) },
    respondent_name: `${String(head['first_name'])} ${String(head['last_name'])}`,
    rooms: int(random, 1, 5),
    goats: int(random, 0, 6),
    poultry: int(random, 0, 12),
    members,
  };
}

/**
 * A household survey as a device finalises it: answers valid for the shipped form version. `startedAt` (ms)
 * orders the UUIDv7 as a device's capture time does; by default a random time in November 2026.
 */
export function syntheticHouseholdSubmission(
  random: () => number,
  enumeratorId: string,
  area: string,
  startedAt = Date.UTC(2026, 10, int(random, 1, 24), int(random, 7, 15), int(random, 0, 59)),
  formVersion = SHIPPED_HOUSEHOLD_VERSION,
): Submission {
  const started = startedAt;
  return {
    id: seededUuid(random, started),
    formId: 'household_survey',
    formVersion,
    data: syntheticHouseholdAnswers(random, area),
    meta: {
      enumeratorId,
      deviceId: 'device-0193a1b2-synthetic',
      startedAt: new Date(started).toISOString(),
      finalizedAt: new Date(started + int(random, 10, 40) * 60_000).toISOString(),
      area,
      appVersion: '0.1.0',
      gps: { lat: -3.4 + random() / 10, lon: 29.9 + random() / 10, accuracy: int(random, 3, 25) },
    },
    status: 'submitted',
    review: null,
    errors: [],
    rev: 1,
    updatedAt: started,
    _deleted: false,
  };
}

/** A registry household with its five current members, as the `households` collection carries it. */
export function syntheticHouseholdDoc(random: () => number, area: string, index: number): HouseholdDoc {
  const { members, ...values } = syntheticHouseholdAnswers(random, area) as {
    members: Record<string, unknown>[];
  } & Record<string, unknown>;
  const at = Date.UTC(2026, 0, 1) + index;
  return {
    id: seededUuid(random, at),
    code: `2026-P03-${String(index + 1).padStart(6, '0')}`,
    area,
    version: 1,
    values,
    members: members.map((m) => ({
      individualId: seededUuid(random, at),
      role: m['relationship'] as HouseholdDoc['members'][number]['role'],
      recipient: m['recipient'] === 'PRIMARY' || m['recipient'] === 'SECONDARY' ? m['recipient'] : null,
      respondent: m['is_respondent'] === 'yes',
      values: m,
    })),
    updatedAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
    _deleted: false,
  };
}
