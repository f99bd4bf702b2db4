/**
 * A realistic, valid set of answers to the shipped household survey (`forms/household_survey.xlsx`)
 * with a roster of any size: member 1 is the head, primary recipient and respondent, member 2
 * the spouse and secondary recipient, the others children and relatives. Used by the
 * validation benchmark and by tests of the shipped form.
 *
 * Age-dependent questions are answered for everyone: the engine drops the answers that are
 * not relevant for a member's age, so the sample stays valid whatever the date.
 */

const FIRST_NAMES = [
  'Jean',
  'Marie',
  'Claude',
  'Josiane',
  'Eric',
  'Aline',
  'Pascal',
  'Divine',
  'Olivier',
  'Annick',
  'Fabrice',
  'Chantal',
];

interface MemberPlan {
  readonly relationship: string;
  readonly sex: 'M' | 'F';
  readonly dob?: string;
  readonly ageEstimated?: number;
  readonly recipient: 'PRIMARY' | 'SECONDARY' | 'NONE';
}

function plan(index: number): MemberPlan {
  if (index === 0) return { relationship: 'HEAD', sex: 'M', dob: '1979-04-12', recipient: 'PRIMARY' };
  if (index === 1) return { relationship: 'SPOUSE', sex: 'F', ageEstimated: 41, recipient: 'SECONDARY' };
  const child = index % 2 === 0 ? 'SON' : 'DAUGHTER';
  if (index === 9) return { relationship: 'GRANDMOTHER', sex: 'F', ageEstimated: 74, recipient: 'NONE' };
  const year = 2004 + ((index * 3) % 17);
  return {
    relationship: child,
    sex: child === 'SON' ? 'M' : 'F',
    dob: `${year}-0${(index % 9) + 1}-15`,
    recipient: 'NONE',
  };
}

function member(index: number): Record<string, unknown> {
  const p = plan(index);
  return {
    first_name: FIRST_NAMES[index % FIRST_NAMES.length],
    last_name: 'Niyonzima',
    sex: p.sex,
    dob_known: p.dob ? 'yes' : 'no',
    ...(p.dob ? { dob: p.dob } : { age_estimated: p.ageEstimated }),
    relationship: p.relationship,
    marital_status: index < 2 ? 'MARRIED_CIVIL' : index === 9 ? 'WIDOWED' : 'SINGLE',
    ...(index === 0 ? { national_id: '0123/456.789', phone: '79123456' } : {}),
    literate: index === 9 ? 'no' : 'yes',
    education: index < 2 ? 'FONDAMENTAL_3_4' : index === 9 ? 'NONE' : 'FONDAMENTAL_1_2',
    in_school: index >= 2 && index !== 9 ? 'yes' : 'no',
    disability: index === 9 ? 'yes' : 'no',
    chronic_illness: 'no',
    activity: index < 2 ? 'AGRICULTURE' : index === 9 ? 'UNABLE' : 'STUDENT',
    recipient: p.recipient,
    is_respondent: index === 0 ? 'yes' : 'no',
  };
}

/** Answers to the household survey with `members` roster entries (at least 2). */
export function sampleHousehold(members = 10): Record<string, unknown> {
  const count = Math.max(2, members);
  return {
    province: 'P03',
    commune: 'C0301',
    zone: 'Z030101',
    colline: 'CL03010101',
    gps: { lat: -3.4271, lon: 29.9246, accuracy: 8.5, altitude: 1650 },
    consent: 'yes',
    respondent_name: 'Jean Niyonzima',
    respondent_phone: '79123456',
    hh_type: 'EXTENDED',
    batwa: 'no',
    displaced: 'no',
    returnee: 'yes',
    refugee: 'no',
    rooms: 3,
    tenure: 'OWNER',
    walls: 'MUD_BRICK',
    roof: 'IRON_SHEET',
    floor: 'EARTH',
    water_source: 'PROTECTED_SPRING',
    water_minutes: 40,
    lighting: 'SOLAR',
    cooking_fuel: 'FIREWOOD',
    toilet: 'TRADITIONAL_LATRINE',
    assets: ['RADIO', 'MOBILE_PHONE', 'MATTRESS'],
    owns_land: 'yes',
    land_ares: 25.5,
    has_livestock: 'yes',
    cattle: 1,
    goats: 3,
    sheep: 0,
    pigs: 0,
    poultry: 6,
    rabbits: 2,
    fcs_cereals: 7,
    fcs_pulses: 5,
    fcs_vegetables: 4,
    fcs_fruits: 1,
    fcs_meat_fish: 1,
    fcs_milk: 0,
    fcs_sugar: 2,
    fcs_oil: 3,
    meals_yesterday: 2,
    health_insurance: 'CAM',
    health_minutes: 50,
    mobile_money: 'yes',
    bank_account: 'no',
    savings_group: 'yes',
    has_loan: 'no',
    members: Array.from({ length: count }, (_, i) => member(i)),
    roster_complete: 'yes',
  };
}
