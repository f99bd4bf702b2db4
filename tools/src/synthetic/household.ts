import { FEMALE_NAMES, KIRUNDI_NAMES, MALE_NAMES } from './names.js';
import type { Random } from './random.js';

/**
 * A synthetic household as the programme's household survey (forms/household_survey.xlsx) would capture it:
 * household answers and a roster whose ages, roles and recipients make sense (one head, one primary
 * recipient aged 18 or more, children younger than their parents, spouses of the opposite sex).
 */
export interface SyntheticMember {
  firstName: string;
  lastName: string;
  sex: 'M' | 'F';
  birthDate: string | null;
  birthYear: number;
  nationalId: string | null;
  phone: string | null;
  role: string;
  relationship: string | null;
  recipient: 'PRIMARY' | 'SECONDARY' | null;
  respondent: boolean;
  values: Record<string, unknown>;
}

export interface SyntheticHousehold {
  values: Record<string, unknown>;
  members: SyntheticMember[];
}

export interface Place {
  province: string;
  commune: string;
  zone: string;
  colline: string;
}

/** National ID numbers: a bijective scramble of a counter, written "1234/567.890" (unique, not sequential). */
export function nationalIdNumber(n: number): string {
  const digits = String((BigInt(n) * 2654435761n) % 10_000_000_000n).padStart(10, '0');
  return `${digits.slice(0, 4)}/${digits.slice(4, 7)}.${digits.slice(7)}`;
}

interface Plan {
  role: string;
  detail?: string;
  sex: 'M' | 'F';
  age: number;
}

const HH_TYPES = [
  ['NUCLEAR', 55],
  ['SINGLE_PARENT', 15],
  ['EXTENDED', 14],
  ['POLYGAMOUS', 3],
  ['ELDERLY_ALONE', 5],
  ['SINGLE_PERSON', 4],
  ['CHILD_HEADED', 1],
  ['OTHER', 3],
] as const;

function roster(rng: Random, type: string): Plan[] {
  const other = (sex: 'M' | 'F', age: number, detail: string): Plan => ({ role: 'OTHER', detail, sex, age });
  const children = (count: number, motherAge: number): Plan[] =>
    Array.from({ length: count }, () => {
      const sex = rng.chance(0.5) ? 'M' : 'F';
      return {
        role: sex === 'M' ? 'SON' : 'DAUGHTER',
        sex,
        age: rng.int(0, Math.max(0, Math.min(30, motherAge - 16))),
      };
    });
  switch (type) {
    case 'ELDERLY_ALONE':
      return [{ role: 'HEAD', sex: rng.chance(0.6) ? 'F' : 'M', age: rng.int(65, 92) }];
    case 'SINGLE_PERSON':
      return [{ role: 'HEAD', sex: rng.chance(0.5) ? 'F' : 'M', age: rng.int(19, 60) }];
    case 'CHILD_HEADED': {
      const head: Plan = { role: 'HEAD', sex: rng.chance(0.5) ? 'F' : 'M', age: rng.int(15, 17) };
      // A child-headed household lives with an adult relative who receives the transfers.
      return [
        head,
        other('F', rng.int(19, 45), 'SIBLING'),
        ...children(rng.int(1, 3), 16).map((c) => ({ ...c, role: 'OTHER', detail: 'SIBLING', age: rng.int(2, 14) })),
      ];
    }
    case 'SINGLE_PARENT': {
      const sex = rng.chance(0.8) ? 'F' : 'M';
      const age = rng.int(22, 55);
      return [{ role: 'HEAD', sex, age }, ...children(rng.int(1, 6), sex === 'F' ? age : age - 4)];
    }
    default: {
      const headSex = rng.chance(0.92) ? 'M' : 'F';
      const headAge = rng.int(21, 68);
      const spouseAge = Math.max(18, headAge + (headSex === 'M' ? -rng.int(0, 9) : rng.int(0, 9)));
      const spouseSex = headSex === 'M' ? 'F' : 'M';
      const plans: Plan[] = [
        { role: 'HEAD', sex: headSex, age: headAge },
        { role: 'SPOUSE', sex: spouseSex, age: spouseAge },
      ];
      if (type === 'POLYGAMOUS' && headSex === 'M')
        plans.push({ role: 'SPOUSE', sex: 'F', age: Math.max(18, spouseAge - rng.int(2, 12)) });
      plans.push(
        ...children(
          rng.weighted([
            [0, 8],
            [1, 12],
            [2, 18],
            [3, 20],
            [4, 17],
            [5, 12],
            [6, 8],
            [7, 5],
          ]),
          headSex === 'F' ? headAge : spouseAge,
        ),
      );
      if (type === 'EXTENDED') {
        if (rng.chance(0.6))
          plans.push({
            role: rng.chance(0.7) ? 'MOTHER' : 'FATHER',
            sex: 'F',
            age: Math.min(95, headAge + rng.int(18, 30)),
          });
        if (rng.chance(0.6))
          plans.push(
            other(
              rng.chance(0.5) ? 'M' : 'F',
              rng.int(1, 20),
              rng.pick(['GRANDCHILD', 'NEPHEW_NIECE', 'SIBLING', 'FOSTER_CHILD']),
            ),
          );
      }
      if (type === 'OTHER')
        plans.push(
          other(rng.chance(0.5) ? 'M' : 'F', rng.int(18, 40), rng.pick(['IN_LAW', 'OTHER_RELATIVE', 'NOT_RELATED'])),
        );
      return plans.map((p) => (p.role === 'FATHER' ? { ...p, sex: 'M' as const } : p));
    }
  }
}

const EDUCATION_ADULT = [
  ['NONE', 30],
  ['FONDAMENTAL_1_2', 30],
  ['FONDAMENTAL_3_4', 22],
  ['POST_FONDAMENTAL', 10],
  ['VOCATIONAL', 3],
  ['ADULT_LITERACY', 4],
  ['UNIVERSITY', 1],
] as const;
const ACTIVITY_ADULT = [
  ['AGRICULTURE', 62],
  ['LIVESTOCK', 6],
  ['CASUAL_LABOUR', 14],
  ['TRADE', 6],
  ['CRAFT', 3],
  ['HOUSEHOLD_WORK', 5],
  ['SALARIED', 1],
  ['UNEMPLOYED', 3],
] as const;

/** A day of `year`, never after `at` (a baby born this year was born before the survey). */
/**
 * A birth date at which a person is exactly `age` on `at`, as the form computes it (whole years of 365.25 days):
 * between 2 and 360 days past their birthday.
 */
function birthDateAt(age: number, rng: Random, at: Date): string {
  const birthday = Date.UTC(at.getUTCFullYear() - age, at.getUTCMonth(), at.getUTCDate());
  return new Date(birthday - rng.int(2, 360) * 86_400_000).toISOString().slice(0, 10);
}

export interface Counters {
  nextNationalId(): number;
}

export function syntheticHousehold(rng: Random, at: Date, place: Place, counters: Counters): SyntheticHousehold {
  const type = rng.weighted(HH_TYPES);
  const plans = roster(rng, type);
  const year = at.getUTCFullYear();
  // Recipients are adults; 19 or more so nobody born late in the year is 17 on the survey day.
  const adults = plans.map((p, i) => ({ p, i })).filter(({ p }) => p.age >= 19);
  const spouse = plans.findIndex((p) => p.role === 'SPOUSE' && p.sex === 'F' && p.age >= 19);
  const primary = spouse >= 0 ? spouse : plans[0]!.age >= 19 ? 0 : (adults[0]?.i ?? 0);
  const secondaryCandidates = adults.filter(({ i }) => i !== primary);
  const secondary = secondaryCandidates.length > 0 && rng.chance(0.7) ? secondaryCandidates[0]!.i : -1;
  const respondent = plans[0]!.age >= 18 && rng.chance(0.8) ? 0 : primary;

  const members = plans.map((p, index): SyntheticMember => {
    const known = rng.chance(0.7);
    const birthDate = known ? birthDateAt(p.age, rng, at) : null;
    const birthYear = birthDate ? Number(birthDate.slice(0, 4)) : year - p.age;
    const adult = p.age >= 18;
    const firstName = rng.pick(p.sex === 'M' ? MALE_NAMES : FEMALE_NAMES);
    const lastName = rng.pick(KIRUNDI_NAMES);
    const nationalId = adult && rng.chance(0.85) ? nationalIdNumber(counters.nextNationalId()) : null;
    const phone =
      adult && rng.chance(0.35)
        ? `${rng.pick(['79', '71', '68', '61', '62', '69', '72', '75'])}${String(rng.int(0, 999_999)).padStart(6, '0')}`
        : null;
    const recipient = index === primary ? 'PRIMARY' : index === secondary ? 'SECONDARY' : null;
    const relationship = p.role === 'OTHER' ? (p.detail ?? 'OTHER_RELATIVE') : p.role;
    const inSchool = p.age >= 6 && p.age <= 18 && rng.chance(0.75);
    const values: Record<string, unknown> = {
      first_name: firstName,
      last_name: lastName,
      sex: p.sex,
      dob_known: known ? 'yes' : 'no',
      ...(known ? { dob: birthDate } : { age_estimated: p.age }),
      relationship: p.role,
      ...(p.role === 'OTHER' ? { relationship_detail: relationship } : {}),
      ...(p.age >= 12
        ? {
            marital_status:
              p.role === 'HEAD' || p.role === 'SPOUSE'
                ? type === 'POLYGAMOUS'
                  ? 'POLYGAMOUS'
                  : rng.pick(['MARRIED_CIVIL', 'MARRIED_CUSTOMARY'])
                : p.age > 60
                  ? 'WIDOWED'
                  : 'SINGLE',
          }
        : {}),
      ...(nationalId ? { national_id: nationalId } : {}),
      ...(phone ? { phone } : {}),
      ...(p.age >= 6 ? { literate: rng.chance(adult ? 0.62 : 0.7) ? 'yes' : 'no' } : {}),
      ...(p.age >= 3
        ? { education: adult ? rng.weighted(EDUCATION_ADULT) : p.age < 6 ? 'PRESCHOOL' : 'FONDAMENTAL_1_2' }
        : {}),
      ...(p.age >= 3 && p.age <= 24 ? { in_school: inSchool ? 'yes' : 'no' } : {}),
      disability: rng.chance(0.04) ? 'yes' : 'no',
      chronic_illness: rng.chance(p.age > 50 ? 0.15 : 0.04) ? 'yes' : 'no',
      ...(p.age >= 10 ? { activity: inSchool ? 'STUDENT' : p.age > 75 ? 'UNABLE' : rng.weighted(ACTIVITY_ADULT) } : {}),
      recipient: recipient ?? 'NONE',
      is_respondent: index === respondent ? 'yes' : 'no',
    };
    return {
      firstName,
      lastName,
      sex: p.sex,
      birthDate,
      birthYear,
      nationalId,
      phone,
      role: p.role,
      relationship,
      recipient,
      respondent: index === respondent,
      values,
    };
  });

  const head = members[0]!;
  const livestock = rng.chance(0.55);
  const values: Record<string, unknown> = {
    province: place.province,
    commune: place.commune,
    zone: place.zone,
    colline: place.colline,
    gps: {
      lat: Math.round((-3.4 + (rng.next() - 0.5) * 1.4) * 1e5) / 1e5,
      lon: Math.round((29.9 + (rng.next() - 0.5) * 1.6) * 1e5) / 1e5,
      accuracy: rng.int(3, 25),
    },
    consent: 'yes',
    respondent_name: `${members[respondent]!.firstName} ${members[respondent]!.lastName}`,
    ...(head.phone ? { respondent_phone: head.phone } : {}),
    hh_type: type,
    batwa: rng.chance(0.012) ? 'yes' : 'no',
    displaced: rng.chance(0.02) ? 'yes' : 'no',
    returnee: rng.chance(0.05) ? 'yes' : 'no',
    refugee: rng.chance(0.005) ? 'yes' : 'no',
    rooms: rng.int(1, 4),
    tenure: rng.weighted([
      ['OWNER', 82],
      ['TENANT', 8],
      ['FREE_LODGING', 9],
      ['EMPLOYER', 1],
    ]),
    walls: rng.weighted([
      ['MUD_BRICK', 55],
      ['WOOD_MUD', 25],
      ['BAKED_BRICK', 12],
      ['STRAW', 5],
      ['CEMENT_BLOCK', 3],
    ]),
    roof: rng.weighted([
      ['IRON_SHEET', 58],
      ['STRAW', 30],
      ['TILES', 11],
      ['CONCRETE', 1],
    ]),
    floor: rng.weighted([
      ['EARTH', 88],
      ['CEMENT', 11],
      ['TILES', 1],
    ]),
    water_source: rng.weighted([
      ['PROTECTED_SPRING', 35],
      ['PUBLIC_TAP', 30],
      ['UNPROTECTED_SPRING', 15],
      ['SURFACE_WATER', 8],
      ['WELL', 7],
      ['PIPED_YARD', 4],
      ['RAINWATER', 1],
    ]),
    water_minutes: rng.int(5, 120),
    lighting: rng.weighted([
      ['BATTERY_TORCH', 45],
      ['SOLAR', 25],
      ['NONE', 12],
      ['OIL_LAMP', 8],
      ['FIREWOOD', 6],
      ['GRID', 4],
    ]),
    cooking_fuel: rng.weighted([
      ['FIREWOOD', 85],
      ['CHARCOAL', 9],
      ['CROP_RESIDUE', 6],
    ]),
    toilet: rng.weighted([
      ['TRADITIONAL_LATRINE', 70],
      ['IMPROVED_LATRINE', 15],
      ['SHARED', 8],
      ['NONE', 7],
    ]),
    assets: ['RADIO', 'MOBILE_PHONE', 'BICYCLE', 'MATTRESS', 'SOLAR_PANEL'].filter(() => rng.chance(0.35)),
    owns_land: rng.chance(0.8) ? 'yes' : 'no',
    land_ares: Math.max(0.5, Math.round(rng.exponential(20) * 10) / 10), // the form wants more than 0
    has_livestock: livestock ? 'yes' : 'no',
    ...(livestock
      ? {
          cattle: rng.int(0, 2),
          goats: rng.int(0, 5),
          sheep: rng.int(0, 2),
          pigs: rng.int(0, 2),
          poultry: rng.int(0, 10),
          rabbits: rng.int(0, 6),
        }
      : {}),
    fcs_cereals: rng.int(4, 7),
    fcs_pulses: rng.int(2, 7),
    fcs_vegetables: rng.int(1, 7),
    fcs_fruits: rng.int(0, 4),
    fcs_meat_fish: rng.int(0, 2),
    fcs_milk: rng.int(0, 3),
    fcs_sugar: rng.int(0, 4),
    fcs_oil: rng.int(0, 5),
    meals_yesterday: rng.int(1, 3),
    health_insurance: rng.weighted([
      ['CAM', 45],
      ['NONE', 35],
      ['MUTUELLE', 15],
      ['MFP', 3],
      ['OTHER', 2],
    ]),
    health_minutes: rng.int(10, 150),
    mobile_money: rng.chance(0.3) ? 'yes' : 'no',
    bank_account: rng.chance(0.08) ? 'yes' : 'no',
    savings_group: rng.chance(0.4) ? 'yes' : 'no',
    has_loan: rng.chance(0.15) ? 'yes' : 'no',
    roster_complete: 'yes',
  };
  if ((values['assets'] as string[]).length === 0) values['assets'] = ['NONE'];
  return { values, members };
}
