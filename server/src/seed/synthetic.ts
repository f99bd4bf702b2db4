/**
 * Synthetic but realistic households for tests and benchmarks: a five-member household survey as an
 * enumerator would finalise it, and the registry household document a device pulls for revisits.
 * Deterministic for a given seed, so benchmark runs compare like with like.
 */
import type { HouseholdDoc, Submission } from '@kusanya/schemas';

const FIRST_MALE = ['Jean', 'Claude', 'Didier', 'Emmanuel', 'Innocent', 'Léonidas', 'Pascal', 'Pierre', 'Thierry', 'Vianney', 'Déo', 'Fabrice', 'Gervais', 'Révérien', 'Audace', 'Egide'];
const FIRST_FEMALE = ['Marie', 'Aline', 'Espérance', 'Gloria', 'Jeanne', 'Josiane', 'Sandrine', 'Yvette', 'Béatrice', 'Chantal', 'Immaculée', 'Nadine', 'Odette', 'Pélagie', 'Divine', 'Clarisse'];
const LAST = ['Ndayishimiye', 'Irakoze', 'Niyonzima', 'Hakizimana', 'Nshimirimana', 'Ndikumana', 'Bizimana', 'Nkurunziza', 'Niyongabo', 'Manirakiza', 'Habonimana', 'Nimbona', 'Ciza', 'Iradukunda', 'Kwizera', 'Niyonkuru', 'Uwimana', 'Ntakarutimana'];
const ROOF = ['tiles', 'iron_sheets', 'thatch', 'tiles', 'iron_sheets'];
const WATER = ['public_tap', 'protected_spring', 'unprotected_spring', 'well', 'river'];
const TOILET = ['pit_latrine', 'improved_latrine', 'none'];
const ASSETS = ['radio', 'phone', 'bicycle', 'hoe', 'mattress', 'solar_lamp'];
const OCCUPATION = ['farmer', 'trader', 'day_labourer', 'student', 'none', 'artisan'];

/** A small seeded PRNG (mulberry32): same seed, same households. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUIDv7-shaped id (time-ordered prefix, seeded random rest). */
export function seededUuid(random: () => number, time = Date.now()): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const ts = time.toString(16).padStart(12, '0');
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${hex(3)}-${(8 + Math.floor(random() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const date = (random: () => number, fromYear: number, toYear: number) =>
  `${int(random, fromYear, toYear)}-${String(int(random, 1, 12)).padStart(2, '0')}-${String(int(random, 1, 28)).padStart(2, '0')}`;
const phone = (random: () => number) => `+257 ${int(random, 61, 79)} ${int(random, 100, 999)} ${int(random, 100, 999)}`;
const nationalId = (random: () => number) => `${int(random, 100, 999)}/${int(random, 1000, 9999)}.${int(random, 10, 99)}`;

interface Person {
  first_name: string;
  last_name: string;
  sex: 'M' | 'F';
  dob: string;
  relationship: 'HEAD' | 'SPOUSE' | 'SON' | 'DAUGHTER' | 'MOTHER';
}

/** Five people: a head, a spouse, two children and a parent. */
function household(random: () => number): Person[] {
  const last = pick(random, LAST);
  const headSex = random() < 0.75 ? 'M' : 'F';
  const first = (sex: 'M' | 'F') => pick(random, sex === 'M' ? FIRST_MALE : FIRST_FEMALE);
  const child = (): Person => {
    const sex = random() < 0.5 ? 'M' : 'F';
    return { first_name: first(sex), last_name: last, sex, dob: date(random, 2008, 2022), relationship: sex === 'M' ? 'SON' : 'DAUGHTER' };
  };
  const spouseSex = headSex === 'M' ? 'F' : 'M';
  return [
    { first_name: first(headSex), last_name: last, sex: headSex, dob: date(random, 1965, 1995), relationship: 'HEAD' },
    { first_name: first(spouseSex), last_name: pick(random, LAST), sex: spouseSex, dob: date(random, 1968, 1998), relationship: 'SPOUSE' },
    child(),
    child(),
    { first_name: first('F'), last_name: pick(random, LAST), sex: 'F', dob: date(random, 1940, 1960), relationship: 'MOTHER' },
  ];
}

const isAdult = (p: Person) => p.dob < '2008';

/**
 * A household survey (five-member roster, housing and assets) as a device finalises it. `startedAt` (ms)
 * orders the UUIDv7 as a device's capture time does; by default a random time in November 2026.
 */
export function syntheticHouseholdSubmission(
  random: () => number,
  enumeratorId: string,
  area: string,
  startedAt = Date.UTC(2026, 10, int(random, 1, 24), int(random, 7, 15), int(random, 0, 59)),
): Submission {
  const members = household(random);
  const started = startedAt;
  return {
    id: seededUuid(random, started),
    formId: 'household_survey',
    formVersion: '2026.11.0',
    data: {
      colline: area,
      respondent_name: `${members[0]!.first_name} ${members[0]!.last_name}`,
      phone: phone(random),
      roof: pick(random, ROOF),
      water_source: pick(random, WATER),
      toilet: pick(random, TOILET),
      rooms: int(random, 1, 4),
      assets: ASSETS.filter(() => random() < 0.4),
      goats: int(random, 0, 6),
      members: members.map((p) => ({
        ...p,
        ...(isAdult(p) ? { national_id: nationalId(random), occupation: pick(random, OCCUPATION) } : { in_school: random() < 0.8 ? 'yes' : 'no' }),
        disability: random() < 0.05 ? 'yes' : 'no',
      })),
    },
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
  const members = household(random);
  return {
    id: seededUuid(random, Date.UTC(2026, 0, 1) + index),
    code: `2026-P03-${String(index + 1).padStart(6, '0')}`,
    area,
    version: 1,
    values: {
      phone: phone(random),
      roof: pick(random, ROOF),
      water_source: pick(random, WATER),
      toilet: pick(random, TOILET),
      rooms: int(random, 1, 4),
    },
    members: members.map((p, i) => ({
      individualId: seededUuid(random, Date.UTC(2026, 0, 1) + index),
      role: p.relationship,
      recipient: i === 0 ? 'PRIMARY' : i === 1 ? 'SECONDARY' : null,
      respondent: i === 0,
      values: {
        first_name: p.first_name,
        last_name: p.last_name,
        sex: p.sex,
        dob: p.dob,
        ...(isAdult(p) ? { national_id: nationalId(random) } : {}),
      },
    })),
    updatedAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
    _deleted: false,
  };
}
